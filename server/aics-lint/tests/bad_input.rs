//! Bad input never stops a run and never panics. The files are built at run time in a
//! temporary folder (a 50 MB file does not belong in the repository).

use std::fs;
use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// A device program that registers with DPS without a payload: one AICS001 to find.
const DEVICE: &str = r#"#include "azure_prov_client/prov_device_ll_client.h"
int main(void)
{
    PROV_DEVICE_LL_HANDLE prov = Prov_Device_LL_Create("global.azure-devices-provisioning.net", "0ne0000000A", Prov_Device_MQTT_Protocol);
    (void)Prov_Device_LL_Register_Device(prov, NULL, NULL, NULL, NULL);
    return 0;
}
"#;

fn aics_lint(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_aics-lint"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("run aics-lint")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("stdout is not JSON: {e}\nstderr: {}", stderr(o)))
}

fn codes(v: &serde_json::Value) -> Vec<(String, String)> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["path"].as_str().unwrap().to_string(), d["code"].as_str().unwrap().to_string()))
        .collect()
}

fn assert_no_panic(o: &Output) {
    let err = stderr(o);
    assert!(!err.contains("panicked"), "aics-lint panicked:\n{err}");
    assert_ne!(o.status.code(), Some(101), "aics-lint panicked:\n{err}");
}

#[test]
fn non_utf8_file_is_linted_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"/* Capteur de temp\xe9rature, r\xe9vision 2 (Latin-1) */\n".to_vec();
    bytes.extend_from_slice(DEVICE.as_bytes());
    fs::write(dir.path().join("capteur.c"), bytes).unwrap();

    let o = aics_lint(dir.path(), &["check", "--format", "json"]);
    assert_no_panic(&o);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("capteur.c: not valid UTF-8; invalid bytes read as U+FFFD"), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(codes(&v), vec![("capteur.c".to_string(), "AICS001".to_string())]);
    // Positions count the replacement characters like any other character.
    assert_eq!(v["diagnostics"][0]["range"]["start"]["line"], 6);
    assert_eq!(v["diagnostics"][0]["range"]["start"]["column"], 11);

    // The text format shows the decoded line without tripping over it.
    let o = aics_lint(dir.path(), &["check"]);
    assert_no_panic(&o);
    assert!(String::from_utf8_lossy(&o.stdout).contains("capteur.c:6:11: warning[AICS001]"));
}

#[test]
fn binary_file_is_skipped_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"\x7fELF\x02\x01\x01\x00\x00\x00".to_vec();
    bytes.extend(std::iter::repeat_n(0u8, 4096));
    bytes.extend_from_slice(DEVICE.as_bytes());
    fs::write(dir.path().join("firmware.c"), bytes).unwrap();
    fs::write(dir.path().join("ok.c"), "int helper(void) { return 1; }\n").unwrap();

    let o = aics_lint(dir.path(), &["check", "--format", "json"]);
    assert_no_panic(&o);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("firmware.c: binary file (a NUL byte in the first 8 KiB); skipped"), "{}", stderr(&o));
    let v = json(&o);
    assert!(codes(&v).is_empty());
    assert_eq!(v["summary"]["files"], 1);
}

#[test]
fn huge_file_is_skipped_quickly_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let line = "static const int table_entry_0000 = 42; /* generated lookup table row */\n";
    let big = line.repeat(50 * 1024 * 1024 / line.len() + 1);
    assert!(big.len() > 50 * 1024 * 1024);
    fs::write(dir.path().join("lookup_table.c"), big).unwrap();
    fs::write(dir.path().join("main.c"), DEVICE).unwrap();

    let started = Instant::now();
    let o = aics_lint(dir.path(), &["check", "--format", "json"]);
    assert_no_panic(&o);
    assert!(started.elapsed() < Duration::from_secs(30), "took {:?}", started.elapsed());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("lookup_table.c: 52428") && stderr(&o).contains("larger than the 10485760-byte limit (--max-file-size); skipped"),
        "{}",
        stderr(&o)
    );
    assert_eq!(codes(&json(&o)), vec![("main.c".to_string(), "AICS001".to_string())]);

    // A lower limit skips the small file too; the flag is honoured.
    let o = aics_lint(dir.path(), &["check", "--format", "json", "--max-file-size", "100"]);
    assert_no_panic(&o);
    assert_eq!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("main.c: ") && stderr(&o).contains("larger than the 100-byte limit"), "{}", stderr(&o));
}

#[test]
fn unreadable_files_are_noted_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("main.c"), DEVICE).unwrap();
    // A folder named like a C file, and a symlink to nowhere.
    fs::create_dir(dir.path().join("x.c")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("missing_target.c", dir.path().join("dangling.c")).unwrap();
    // A file without read permission; root reads it anyway, so only check it when
    // permissions apply.
    let locked = dir.path().join("locked.c");
    fs::write(&locked, DEVICE).unwrap();
    let permissions_apply = {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
            fs::read(&locked).is_err()
        }
        #[cfg(not(unix))]
        {
            false
        }
    };

    let o = aics_lint(dir.path(), &["check", "--format", "json"]);
    assert_no_panic(&o);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    #[cfg(unix)]
    assert!(err.contains("dangling.c: cannot read: no such file or directory; skipped"), "{err}");
    if permissions_apply {
        assert!(err.contains("locked.c: cannot read: permission denied; skipped"), "{err}");
    }
    let found = codes(&json(&o));
    assert!(found.contains(&("main.c".to_string(), "AICS001".to_string())), "{found:?}");

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = fs::set_permissions(&locked, fs::Permissions::from_mode(0o644));
    }
}

#[test]
fn garbage_c_does_not_panic() {
    let dir = tempfile::tempdir().unwrap();
    // Unbalanced braces, stray preprocessor lines, half a string, SDK names in odd places.
    let mut garbage = String::new();
    let mut rng = fastrand::Rng::with_seed(0x2545_f491);
    let pieces = [
        "{", "}", "(", ")", "#define ", "#if ", "#endif\n", "\"unterminated", "Prov_Device_LL_Register_Device(",
        "IoTHubDeviceClient_LL_SetOption(", "OPTION_MODEL_ID", ",", ";", "\n", "/*", "*/", "'", "\\", "dtmi:a:b;1",
        "static", "int", "main", "[", "]", "->", "...", "??=", "\t", "0x", "L\"", "@", "`",
    ];
    for _ in 0..20_000 {
        garbage.push_str(pieces[rng.usize(..pieces.len())]);
    }
    fs::write(dir.path().join("garbage.c"), &garbage).unwrap();
    fs::write(dir.path().join("half.h"), "#ifndef HALF_H\n#define HALF_H\nstruct s { int a;\n").unwrap();
    fs::write(dir.path().join("model.json"), "{\"@id\": \"dtmi:x:y;1\", \"contents\": [").unwrap();

    for format in ["text", "json", "sarif", "github"] {
        let o = aics_lint(dir.path(), &["check", "--format", format, "--explain-unknowns"]);
        assert_no_panic(&o);
        assert!(matches!(o.status.code(), Some(0 | 1)), "{format}: {:?}\n{}", o.status, stderr(&o));
    }
}

#[test]
fn missing_path_fails_with_exactly_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let o = aics_lint(dir.path(), &["check", "src", "--format", "json"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o), "aics-lint: src: no such file or directory\n");
    assert!(o.stdout.is_empty(), "nothing on stdout when the run failed");
}
