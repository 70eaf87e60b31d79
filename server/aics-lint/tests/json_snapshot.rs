//! Snapshot (insta) of `aics-lint check --format json` on every fixture program: the JSON
//! contract as users and scripts see it, end to end through the binary.

use std::path::Path;
use std::process::Command;

#[test]
fn json_output_of_every_fixture_program() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut out = String::new();
    for suite in ["programs", "telemetry", "contents"] {
        let mut cases: Vec<_> = std::fs::read_dir(root.join(suite)).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
        cases.sort();
        for case in cases {
            let run = Command::new(env!("CARGO_BIN_EXE_aics-lint"))
                .args(["check", "--format", "json", "--no-progress", "."])
                .current_dir(&case)
                .output()
                .unwrap();
            let code = run.status.code().unwrap();
            assert!(code == 0 || code == 1, "{}: exit {code}: {}", case.display(), String::from_utf8_lossy(&run.stderr));
            let mut doc: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
            doc["summary"]["duration_ms"] = serde_json::json!("[masked]");
            out.push_str(&format!("== {suite}/{} (exit {code})\n", case.file_name().unwrap().to_string_lossy()));
            out.push_str(&serde_json::to_string_pretty(&doc).unwrap());
            out.push('\n');
        }
    }
    insta::assert_snapshot!("fixtures_json", out);
}
