//! The README's rule table is `aics-lint rules --format markdown`, word for word: a rule added,
//! renamed or re-levelled in the registry must show in the README too.

use std::path::Path;
use std::process::Command;

#[test]
fn readme_rule_table_is_the_generated_one() {
    let out = Command::new(env!("CARGO_BIN_EXE_aics-lint")).args(["rules", "--format", "markdown"]).output().unwrap();
    assert!(out.status.success());
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.lines().count() >= 3, "{table}");
    let readme_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md");
    let readme = std::fs::read_to_string(&readme_path).unwrap();
    assert!(
        readme.contains(&table),
        "README.md's rule table differs from `aics-lint rules --format markdown`; paste this in:\n{table}"
    );
}
