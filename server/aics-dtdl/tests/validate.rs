//! The validator as the linter uses it: one document, references resolved
//! through the index, findings with exact ranges in that document.

use aics_dtdl::{parse_document, validate, validate_model, ModelIndex, ValidationOptions};

fn range_of(text: &str, needle: &str) -> std::ops::Range<usize> {
    let at = text.find(needle).expect(needle);
    at..at + needle.len()
}

#[test]
fn workspace_reference_resolves_and_a_bad_name_is_pointed_at() {
    let base = r#"{"@context": "dtmi:dtdl:context;2", "@id": "dtmi:com:example:Base;1", "@type": "Interface",
        "contents": [{"@type": "Telemetry", "name": "temp", "schema": "double"}]}"#;
    let child = r#"{"@context": "dtmi:dtdl:context;2", "@id": "dtmi:com:example:Child;1", "@type": "Interface",
        "extends": "dtmi:com:example:Base;1",
        "contents": [{"@type": "Telemetry", "name": "_bad", "schema": "double"},
                     {"@type": "Telemetry", "name": "temp", "schema": "double"}]}"#;
    let mut index = ModelIndex::new();
    index.upsert_text("base.json", base);
    index.upsert_text("child.json", child);
    let doc = parse_document("child.json", child).unwrap();
    let problems = validate(&index, &doc, &ValidationOptions::default());
    let codes: Vec<_> = problems.iter().map(|p| (p.code, p.rule.as_str())).collect();
    assert!(!problems.iter().any(|p| p.code == "DTDL003"), "{codes:?}");
    let name = problems.iter().find(|p| p.rule == "Requirement-ClassTelemetryPropertyNamePattern").expect("name rule");
    assert_eq!(name.range, range_of(child, "\"_bad\""));
    let dup = problems.iter().find(|p| p.rule == "Requirement-ClassInterfacePropertyNameUniqueAmongInterfaceContents");
    assert!(dup.is_some(), "inherited 'temp' repeated: {codes:?}");
}

#[test]
fn cycles_and_cross_version_references_are_errors() {
    let a = r#"{"@context": "dtmi:dtdl:context;2", "@id": "dtmi:ex:A;1", "@type": "Interface", "extends": "dtmi:ex:B;1"}"#;
    let b = r#"{"@context": "dtmi:dtdl:context;2", "@id": "dtmi:ex:B;1", "@type": "Interface", "extends": "dtmi:ex:A;1"}"#;
    let out = validate_model(&[a, b], &ValidationOptions::default());
    assert!(out[0].iter().any(|p| p.rule == "Requirement-ClassInterfacePropertiesExtendsSelfReference"), "{:?}", out[0]);

    let v3 = r#"{"@context": "dtmi:dtdl:context;3", "@id": "dtmi:ex:C;1", "@type": "Interface"}"#;
    let v2 = r#"{"@context": "dtmi:dtdl:context;2", "@id": "dtmi:ex:D;1", "@type": "Interface", "extends": "dtmi:ex:C;1"}"#;
    let out = validate_model(&[v3, v2], &ValidationOptions::default());
    let p = out[1].iter().find(|p| p.code == "DTDL002").expect("cross-version extends");
    assert_eq!(p.range, range_of(v2, "\"dtmi:ex:C;1\""));
    assert!(p.rule.ends_with("PropertyExtendsTypeConformance"), "{p:?}");
}

#[test]
fn unresolved_reference_is_dtdl003() {
    let a = r#"{"@context": "dtmi:dtdl:context;3", "@id": "dtmi:ex:A;1", "@type": "Interface",
        "contents": {"@type": "Component", "name": "c", "schema": "dtmi:ex:Missing;1"}}"#;
    let out = validate_model(&[a], &ValidationOptions::default());
    assert_eq!(out[0].len(), 1, "{:?}", out[0]);
    assert_eq!(out[0][0].code, "DTDL003");
    assert_eq!(out[0][0].range, range_of(a, "\"dtmi:ex:Missing;1\""));
}
