//! The SARIF output must be SARIF: parse it back into the typed `serde_sarif` model and
//! check what GitHub code scanning relies on (version, rule metadata, rule indices).

use std::path::Path;
use std::process::Command;

use serde_sarif::sarif::{ResultLevel, Sarif};

fn sarif_for(project: &str) -> (Sarif, i32) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/cli/projects").join(project);
    let out = Command::new(env!("CARGO_BIN_EXE_aics-lint"))
        .args(["check", "--format", "sarif"])
        .current_dir(&dir)
        .output()
        .expect("run aics-lint");
    let text = String::from_utf8(out.stdout).expect("SARIF is UTF-8");
    let sarif: Sarif = serde_json::from_str(&text).unwrap_or_else(|e| panic!("not SARIF: {e}\n{text}"));
    (sarif, out.status.code().unwrap_or(-1))
}

#[test]
fn sarif_is_typed_sarif_2_1_0_with_rule_metadata() {
    let (sarif, code) = sarif_for("device-fleet");
    assert_eq!(code, 1);
    assert_eq!(sarif.version, serde_json::json!("2.1.0"));
    assert_eq!(sarif.runs.len(), 1);
    let run = &sarif.runs[0];
    let driver = &run.tool.driver;
    assert_eq!(driver.name, "aics-lint");
    assert_eq!(driver.version.as_deref(), Some(env!("CARGO_PKG_VERSION")));
    assert!(driver.information_uri.as_deref().is_some_and(|u| u.starts_with("https://")));

    let rules = driver.rules.as_ref().expect("rules");
    assert_eq!(rules.len(), aics_core_rule_count());
    for rule in rules {
        let help_uri = rule.help_uri.as_deref().unwrap_or_else(|| panic!("{} has no helpUri", rule.id));
        assert!(help_uri.starts_with("https://learn.microsoft.com/") && help_uri.contains('#'), "{help_uri}");
        assert!(rule.short_description.is_some() && rule.full_description.is_some(), "{}", rule.id);
        let help = rule.help.as_ref().expect("help");
        assert!(help.markdown.as_deref().is_some_and(|m| m.starts_with(&format!("# {}", rule.id))));
        assert!(rule.default_configuration.as_ref().and_then(|c| c.level.as_ref()).is_some());
    }

    let results = run.results.as_ref().expect("results");
    assert!(!results.is_empty());
    for r in results {
        let id = r.rule_id.as_deref().expect("ruleId");
        let index = r.rule_index.expect("ruleIndex") as usize;
        assert_eq!(rules[index].id, id, "ruleIndex must point at the rule");
        assert!(matches!(r.level, Some(ResultLevel::Warning | ResultLevel::Error | ResultLevel::Note)));
        let loc = &r.locations.as_ref().expect("locations")[0];
        let phys = loc.physical_location.as_ref().expect("physicalLocation");
        let art = phys.artifact_location.as_ref().expect("artifactLocation");
        assert_eq!(art.uri_base_id.as_deref(), Some("%SRCROOT%"));
        assert!(!art.uri.as_deref().unwrap().starts_with('/'));
        let region = phys.region.as_ref().expect("region");
        assert!(region.start_line.unwrap() >= 1 && region.start_column.unwrap() >= 1);
        assert!(region.end_line.unwrap() >= region.start_line.unwrap());
    }
    // The suppressed finding is kept, marked as suppressed in the source.
    let suppressed: Vec<_> = results.iter().filter(|r| r.suppressions.is_some()).collect();
    assert_eq!(suppressed.len(), 1);
    assert_eq!(suppressed[0].suppressions.as_ref().unwrap()[0].kind, serde_json::json!("inSource"));
    // Related locations survive the round trip.
    assert!(results.iter().any(|r| r.related_locations.as_ref().is_some_and(|l| !l.is_empty())));
}

#[test]
fn notes_are_sarif_notes() {
    let (sarif, code) = sarif_for("runtime-model-id");
    assert_eq!(code, 0);
    let results = sarif.runs[0].results.as_ref().expect("results");
    assert_eq!(results.len(), 1);
    assert_eq!(results[0].level, Some(ResultLevel::Note));
}

fn aics_core_rule_count() -> usize {
    // The `rules --format json` table is the registry as the CLI sees it.
    let out = Command::new(env!("CARGO_BIN_EXE_aics-lint")).args(["rules", "--format", "json"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["rules"].as_array().unwrap().len()
}
