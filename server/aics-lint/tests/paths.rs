//! Paths in reports: relative to the current folder when the file lies under it, else
//! absolute (the CLI contract). Needs real folders outside the current one, so it builds
//! them at run time rather than as a CLI case.

use std::fs;
use std::process::Command;

const NO_PAYLOAD: &str = "int main(void) { Prov_Device_LL_Register_Device(h, NULL, NULL, NULL, NULL); return 0; }\n";

#[test]
fn files_outside_the_current_folder_are_absolute() {
    let root = tempfile::tempdir().unwrap();
    let root = fs::canonicalize(root.path()).unwrap();
    fs::create_dir_all(root.join("here")).unwrap();
    fs::create_dir_all(root.join("elsewhere")).unwrap();
    fs::write(root.join("here/a.c"), NO_PAYLOAD).unwrap();
    fs::write(root.join("elsewhere/b.c"), NO_PAYLOAD).unwrap();

    let out = Command::new(env!("CARGO_BIN_EXE_aics-lint"))
        .args(["check", ".", "../elsewhere", "--format", "json"])
        .current_dir(root.join("here"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let paths: Vec<&str> = v["diagnostics"].as_array().unwrap().iter().map(|d| d["path"].as_str().unwrap()).collect();
    let outside = root.join("elsewhere/b.c");
    let mut expected = vec!["a.c", outside.to_str().unwrap()];
    expected.sort();
    let mut got = paths.clone();
    got.sort();
    assert_eq!(got, expected);
}
