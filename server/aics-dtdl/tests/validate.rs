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

/// Validates `text` as the linter does: it must be a model candidate, and
/// its findings are returned.
fn lint(text: &str) -> Vec<aics_dtdl::ModelProblem> {
    let doc = parse_document("m.json", text).unwrap_or_else(|| panic!("not a model candidate: {text}"));
    let mut index = ModelIndex::new();
    index.upsert_text("m.json", text);
    validate(&index, &doc, &ValidationOptions::default())
}

#[test]
fn a_model_whose_dtdl_context_is_wrong_is_a_candidate_with_a_finding_on_the_context() {
    let body = r#""@id": "dtmi:com:example:Thermostat;1", "@type": "Interface",
        "contents": [{"@type": "Telemetry", "name": "temperature", "schema": "double"}]"#;
    for (context, rule, id) in [
        ("\"dtmi:dtdl:Context;2\"", "Requirement-ContextDtdlSpelling", "missingDtdlContext"),
        ("\"dtmi:dtdl:context;5\"", "Requirement-ContextDtdlVersionKnown", "unrecognizedContextVersion"),
        ("\"dtmi:dtdl:context;3.1\"", "Requirement-ContextDtdlMinorVersion", "unrecognizedContextVersion"),
        ("\"\"", "Requirement-ContextEmpty", "emptyContext"),
        ("[]", "Requirement-ContextEmpty", "emptyContext"),
        ("[\"dtmi:dtdl:extension:historization;2\"]", "Requirement-TopLevelDtdlContextOrLimitless", "missingDtdlContext"),
    ] {
        let text = format!("{{\"@context\": {context}, {body}}}");
        let problems = lint(&text);
        assert_eq!(problems.len(), 1, "{context}: {problems:?}");
        assert_eq!((problems[0].code, problems[0].rule.as_str()), ("DTDL002", rule), "{context}");
        assert_eq!(problems[0].validation_id(), Some(id), "{context}");
        let context_range = range_of(&text, context);
        assert!(problems[0].range.start >= context_range.start && problems[0].range.end <= context_range.end, "{context}: {:?}", problems[0]);
    }
    // No @context at all: the finding points at the @id.
    let text = format!("{{{body}}}");
    let problems = lint(&text);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].rule, "Requirement-TopLevelDtdlContextOrLimitless");
    assert_eq!(problems[0].validation_id(), Some("missingContext"));
    assert_eq!(problems[0].range, range_of(&text, "\"dtmi:com:example:Thermostat;1\""));
}

#[test]
fn several_dtdl_contexts_use_the_last_with_a_warning() {
    let text = r#"{"@context": ["dtmi:dtdl:context;2", "dtmi:dtdl:context;3"], "@id": "dtmi:ex:A;1", "@type": "Interface",
        "contents": [{"@type": "Telemetry", "name": "t", "schema": "double"}]}"#;
    let problems = lint(text);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!((problems[0].code, problems[0].rule.as_str()), ("DTDL004", "Recommendation-ContextDtdlOnlyOne"));
    assert_eq!(problems[0].range, range_of(text, "\"dtmi:dtdl:context;2\""));
}

#[test]
fn other_json_is_still_not_a_candidate() {
    for text in [
        r#"{"name": "pkg", "version": "1.0.0"}"#,
        r#"{"@context": "https://schema.org", "@type": "Person", "name": "Ada"}"#,
        r#"{"@id": "dtmi:ex:A;1", "@type": "Person"}"#,
    ] {
        assert!(parse_document("x.json", text).is_none(), "{text}");
    }
}

#[test]
fn telemetry_with_a_semantic_type_gets_no_property_properties() {
    for (version, cotype, unit) in [(2, "Temperature", "degreeCelsius"), (3, "Temperature", "degreeCelsius")] {
        let context = if version == 2 { "\"dtmi:dtdl:context;2\"".to_string() } else { "[\"dtmi:dtdl:context;3\", \"dtmi:dtdl:extension:quantitativeTypes;1\"]".to_string() };
        // `writable` is a Property's; `required` is no v2 term at all (v2
        // accepts undefined terms), in v3 it needs the requirement extension.
        let extras: &[&str] = if version == 2 { &["\"writable\": true"] } else { &["\"writable\": true", "\"required\": true"] };
        for extra in extras {
            let text = format!(
                r#"{{"@context": {context}, "@id": "dtmi:ex:A;1", "@type": "Interface",
                "contents": [{{"@type": ["Telemetry", "{cotype}"], "name": "t", "schema": "double", "unit": "{unit}", {extra}}}]}}"#
            );
            let problems = lint(&text);
            let errors: Vec<_> = problems.iter().filter(|p| p.code == "DTDL002").collect();
            assert_eq!(errors.len(), 1, "v{version} {extra}: {problems:?}");
            assert_eq!(errors[0].range, range_of(&text, &extra[..extra.find(':').unwrap()]), "v{version} {extra}");
            // The co-type is known, so it is the property that is out of place.
            let id = if *extra == "\"writable\": true" { "propertyIrrelevantDtmiOrTerm" } else { "propertyUndefinedTerm" };
            assert_eq!(errors[0].validation_id(), Some(id), "v{version} {extra}");
        }
        // The same Telemetry without the Property-only member is valid.
        let text = format!(
            r#"{{"@context": {context}, "@id": "dtmi:ex:A;1", "@type": "Interface",
            "contents": [{{"@type": ["Telemetry", "{cotype}"], "name": "t", "schema": "double", "unit": "{unit}"}}]}}"#
        );
        assert_eq!(lint(&text), vec![], "v{version}");
    }
}

#[test]
fn byte_is_not_a_schema_in_dtdl_v2() {
    let schema = |version: u8| {
        format!(
            r#"{{"@context": "dtmi:dtdl:context;{version}", "@id": "dtmi:ex:A;1", "@type": "Interface",
            "contents": [{{"@type": "Telemetry", "name": "t", "schema": "byte"}}]}}"#
        )
    };
    let v2 = schema(2);
    let problems = lint(&v2);
    assert!(problems.iter().any(|p| p.code == "DTDL002" && p.range == range_of(&v2, "\"byte\"")), "{problems:?}");
    assert_eq!(lint(&schema(4)), vec![], "byte is a schema in v4");
}

/// The validator's work (a deterministic step count) grows linearly with the
/// model: doubling the contents, the Interfaces that extend each other and the
/// nested schemas at most doubles it (plus a little), where a quadratic pass
/// would quadruple it.
#[test]
fn work_grows_linearly_with_the_model() {
    use aics_dtdl::validate::validate_model_counted;
    fn model(n: usize) -> Vec<String> {
        let mut docs = Vec::new();
        for i in 0..n {
            let extends = if i > 0 { format!(r#", "extends": "dtmi:ex:I{};1""#, i - 1) } else { String::new() };
            let contents: Vec<String> = (0..n)
                .map(|j| {
                    format!(
                        r#"{{"@type": "Property", "name": "p{i}_{j}", "writable": true, "schema": {{"@type": "Object", "fields": [{{"name": "f", "schema": {{"@type": "Map", "mapKey": {{"name": "k", "schema": "string"}}, "mapValue": {{"name": "v", "schema": "double"}}}}}}]}}}}"#
                    )
                })
                .collect();
            docs.push(format!(r#"{{"@context": "dtmi:dtdl:context;3", "@id": "dtmi:ex:I{i};1", "@type": "Interface"{extends}, "contents": [{}]}}"#, contents.join(",")));
        }
        docs
    }
    let run = |n: usize| {
        let docs = model(n);
        let refs: Vec<&str> = docs.iter().map(String::as_str).collect();
        let bytes: usize = refs.iter().map(|d| d.len()).sum();
        let (problems, work) = validate_model_counted(&refs, &ValidationOptions::default());
        // Deeper than 10 `extends` levels is an error, but nothing else is.
        let errors: Vec<_> = problems.iter().flatten().filter(|p| p.is_error() && !p.rule.contains("ExtendsMax")).collect();
        assert!(errors.is_empty(), "{errors:?}");
        (work, bytes)
    };
    let (w8, b8) = run(8);
    let (w16, b16) = run(16);
    assert!(w8 > 0);
    // Work per byte stays within 10% as the model quadruples in bytes.
    let (r8, r16) = (w8 as f64 / b8 as f64, w16 as f64 / b16 as f64);
    assert!(r16 <= r8 * 1.1, "work per byte grew from {r8:.3} ({w8} steps) to {r16:.3} ({w16} steps)");
    assert!(r16 <= 2.0, "{r16}");
}

fn errors_of(text: &str) -> Vec<aics_dtdl::ModelProblem> {
    validate_model(&[text], &ValidationOptions::default()).remove(0).into_iter().filter(|p| p.is_error()).collect()
}

/// A malformed `@id` is one finding on the `@id`, not also "a top-level
/// element needs an @id" over the whole document.
#[test]
fn a_bad_id_is_one_finding_on_the_id() {
    // `dtmi:foo` has no version: invalid in v2 (v3 and v4 make the version optional).
    let version = 2;
    let text = format!(
        r#"{{"@context": "dtmi:dtdl:context;{version}", "@id": "dtmi:foo", "@type": "Interface",
        "contents": [{{"@type": "Telemetry", "name": "temp", "schema": "double"}}]}}"#
    );
    let errors = errors_of(&text);
    assert_eq!(errors.len(), 1, "v{version}: {errors:#?}");
    assert_eq!(errors[0].range, range_of(&text, "\"dtmi:foo\""), "v{version}");
    assert_eq!(errors[0].validation_ids(), ["invalidId"], "v{version}");
    assert!(errors_of(r#"{"@context": "dtmi:dtdl:context;3", "@id": "dtmi:foo", "@type": "Interface"}"#).is_empty());
    let text = r#"{"@context": "dtmi:dtdl:context;3", "@id": "dtmi:foo:1x;1", "@type": "Interface"}"#;
    let errors = errors_of(text);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].message.contains("must start with a letter"), "{}", errors[0].message);
}

#[test]
fn a_misspelt_schema_suggests_the_closest_term() {
    let text = r#"{"@context": "dtmi:dtdl:context;3", "@id": "dtmi:com:example:T;1", "@type": "Interface",
        "contents": [{"@type": "Telemetry", "name": "temp", "schema": "dobule"}]}"#;
    let errors = errors_of(text);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].range, range_of(text, "\"dobule\""));
    assert!(errors[0].message.contains("did you mean `double`?"), "{}", errors[0].message);
    assert_eq!(errors[0].suggestion.as_deref(), Some("double"));
    // Nothing close: no guess.
    let far = text.replace("dobule", "zzzzzzzz");
    let errors = errors_of(&far);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(!errors[0].message.contains("did you mean"), "{}", errors[0].message);
    assert_eq!(errors[0].suggestion, None);
}

#[test]
fn a_misspelt_type_suggests_the_closest_class_that_fits() {
    let text = r#"{"@context": "dtmi:dtdl:context;3", "@id": "dtmi:com:example:T;1", "@type": "Interface",
        "contents": [{"@type": "Telemetery", "name": "temp", "schema": "double"}]}"#;
    let errors = errors_of(text);
    let typo: Vec<_> = errors.iter().filter(|p| p.range == range_of(text, "\"Telemetery\"")).collect();
    assert_eq!(typo.len(), 1, "{errors:#?}");
    assert!(typo[0].message.contains("did you mean `Telemetry`?"), "{}", typo[0].message);
    assert_eq!(typo[0].suggestion.as_deref(), Some("Telemetry"));
    assert!(errors.iter().all(|p| !p.message.contains("needs an \"@id\"")), "{errors:#?}");
}

#[test]
fn a_duplicate_name_is_quoted_once_and_points_at_the_first_definition() {
    let text = r#"{"@context": "dtmi:dtdl:context;3", "@id": "dtmi:com:example:T;1", "@type": "Interface",
        "contents": [{"@type": "Property", "name": "targetTemperature", "schema": "double"},
                     {"@type": "Telemetry", "name": "targetTemperature", "schema": "double"}]}"#;
    let errors = errors_of(text);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let dup = &errors[0];
    assert!(dup.message.contains("'targetTemperature'") && !dup.message.contains("\"targetTemperature\""), "{}", dup.message);
    let first = text.find("\"targetTemperature\"").unwrap();
    let second = text.rfind("\"targetTemperature\"").unwrap();
    assert_eq!(dup.range.start, second);
    assert_eq!(dup.related.len(), 1, "{dup:#?}");
    assert_eq!(dup.related[0].0, first..first + "\"targetTemperature\"".len());
    assert!(dup.related[0].1.contains("first defined here"), "{:?}", dup.related);
}

/// Layers (the layering extension, which the official parser's digest does
/// not support): a layer's `#fragment` identifier is invalid, its elements
/// must be in its layer, and its values must agree with the base's.
#[test]
fn layers_are_judged_as_the_official_parser_does() {
    let allow = ValidationOptions { allow_undefined_extensions: Some(true) };
    let ids = |docs: &[&str]| -> Vec<Vec<&'static str>> {
        validate_model(docs, &allow).into_iter().flatten().filter(|p| p.is_error()).map(|p| p.official_ids).collect()
    };
    let base = r#"{"@context": "dtmi:dtdl:context;3", "@id": "dtmi:test:anInterface;1", "@type": "Interface",
        "contents": [{"@type": "Property", "name": "expectedSpeed", "schema": "double", "writable": false}]}"#;
    let layer = r#"{"@context": ["dtmi:dtdl:context;3", "dtmi:dtdl:extension:layering;1"], "@id": "dtmi:test:anInterface;1#foo",
        "@type": ["Interface", "Layer"],
        "contents": [{"@type": "Property", "name": "expectedSpeed", "schema": "double", "writable": true}]}"#;
    assert_eq!(ids(&[base, layer]), [vec!["invalidId"], vec!["inconsistentBooleanValues"]]);
    // The same value in both layers: only the layer's identifier.
    assert_eq!(ids(&[base, &layer.replace("true", "false")]), [vec!["invalidId"]]);
    // An element with its own identifier inside a layer is in that layer.
    let mixed = layer.replace(r#"{"@type": "Property""#, r#"{"@id": "dtmi:test:speed;1", "@type": "Property""#);
    assert_eq!(ids(&[&mixed]), [vec!["invalidId"], vec!["mismatchedLayers"]]);
    let same = layer.replace(r#"{"@type": "Property""#, r#"{"@id": "dtmi:test:speed;1#foo", "@type": ["Property", "Layer"]"#);
    assert_eq!(ids(&[&same]), [vec!["invalidId"]]);
    let untyped = layer.replace(r#"{"@type": "Property""#, r#"{"@id": "dtmi:test:speed;1#foo", "@type": "Property""#);
    assert_eq!(ids(&[&untyped]), [vec!["invalidId"], vec!["disallowedIdFragment"]]);
}

/// The validator reads the JSON tree the parse built (once), else lexes and builds the
/// text itself: a document validated a second time, one read by the tree-sitter reader
/// (which hands no tree over) and `validate_model` on the text must all find the same,
/// on well-formed, broken and byte-order-marked files, and with a referenced document
/// of the index read through its own tree.
#[test]
fn the_parse_tree_and_the_validators_own_give_the_same_problems() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut texts = Vec::new();
    for sub in ["shapes", "half-typed", "v3", "v4"] {
        let mut names: Vec<_> = std::fs::read_dir(dir.join(sub)).unwrap().map(|e| e.unwrap().path()).collect();
        names.sort();
        for path in names {
            let text = std::fs::read_to_string(&path).unwrap();
            texts.push((path.display().to_string(), text.clone()));
            texts.push((format!("{} with a byte order mark", path.display()), format!("\u{feff}{text}")));
        }
    }
    let mut with_problems = 0;
    for (name, text) in &texts {
        let Some(doc) = aics_dtdl::parse_document_shared("m.json", &std::sync::Arc::from(text.as_str()), true) else { continue };
        let mut index = ModelIndex::new();
        index.upsert_text("m.json", text);
        let first = validate(&index, &doc, &ValidationOptions::default());
        let again = validate(&index, &doc, &ValidationOptions::default());
        let reference = aics_dtdl::parse_document_with("m.json", text, aics_dtdl::JsonReader::TreeSitter).unwrap();
        let by_tree_sitter = validate(&index, &reference, &ValidationOptions::default());
        assert_eq!(first, again, "{name}");
        assert_eq!(first, by_tree_sitter, "{name}");
        assert_eq!(first, validate_model(&[text], &ValidationOptions::default()).remove(0), "{name}");
        with_problems += usize::from(!first.is_empty());
    }
    assert!(with_problems >= 6, "the broken fixtures have problems: {with_problems}");

    // A reference into another workspace document: the index's copy lends its tree to
    // the validation of the referring one and keeps it for its own.
    let base = r#"{"@context": "dtmi:dtdl:context;2", "@id": "dtmi:ex:Base;1", "@type": "Interface",
        "contents": [{"@type": "Telemetry", "name": "temp", "schema": "double"}]}"#;
    let child = r#"{"@context": "dtmi:dtdl:context;2", "@id": "dtmi:ex:Child;1", "@type": "Interface", "extends": "dtmi:ex:Base;1",
        "contents": [{"@type": "Telemetry", "name": "temp", "schema": "double"}]}"#;
    let mut index = ModelIndex::new();
    index.upsert_text("base.json", base);
    index.upsert_text("child.json", child);
    index.upsert_document(aics_dtdl::parse_document_shared("base.json", &std::sync::Arc::from(base), true).unwrap());
    index.upsert_document(aics_dtdl::parse_document_shared("child.json", &std::sync::Arc::from(child), true).unwrap());
    let docs: Vec<_> = index.documents().cloned().collect();
    let expected = validate_model(&[base, child], &ValidationOptions::default());
    let child_problems = validate(&index, &docs[1], &ValidationOptions::default());
    assert_eq!(child_problems, expected[1]);
    assert!(child_problems.iter().any(|p| p.rule == "Requirement-ClassInterfacePropertyNameUniqueAmongInterfaceContents"), "{child_problems:?}");
    assert_eq!(validate(&index, &docs[0], &ValidationOptions::default()), expected[0]);
}

#[test]
fn escapes_in_keys_and_values_are_read_as_their_characters() {
    // The validator reads a string without escapes straight from the text and decodes one
    // with escapes: both must mean the same characters.
    let plain = r#"{"@context": "dtmi:dtdl:context;2", "@id": "dtmi:ex:A;1", "@type": "Interface",
        "contents": [{"@type": "Telemetry", "name": "temp", "schema": "double"}]}"#;
    let escaped = r#"{"@context": "dtmi:dtdl:context;2", "@id": "dtmi:ex:A;1", "@type": "Interf\u0061ce",
        "contents": [{"@type": "Telemetry", "n\u0061me": "temp", "sch\u0065ma": "dou\u0062le"}]}"#;
    assert_eq!(lint(plain), vec![]);
    assert_eq!(lint(escaped), vec![]);
    // A misspelt value is named as its characters, and blamed where it is written.
    let misspelt = r#"{"@context": "dtmi:dtdl:context;2", "@id": "dtmi:ex:A;1", "@type": "Interface",
        "contents": [{"@type": "Telemetry", "name": "temp", "schema": "dou\u0062el"}]}"#;
    let problems = lint(misspelt);
    let p = problems.iter().find(|p| p.range == range_of(misspelt, r#""dou\u0062el""#)).unwrap_or_else(|| panic!("{problems:?}"));
    assert!(p.message.contains("'doubel'") && p.message.contains("double"), "{p:?}");
    // A key with an escaped quote is not a property of a Telemetry.
    let odd = r#"{"@context": "dtmi:dtdl:context;2", "@id": "dtmi:ex:A;1", "@type": "Interface",
        "contents": [{"@type": "Telemetry", "name": "temp", "schema": "double", "na\"me": "x"}]}"#;
    let problems = lint(odd);
    assert!(problems.iter().any(|p| p.range == range_of(odd, r#""na\"me""#) && p.message.contains("na\"me")), "{problems:?}");
}
