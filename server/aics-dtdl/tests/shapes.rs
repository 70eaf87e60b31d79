//! Every way DTDL lets a model be written, parsed in v2, v3 and v4, with
//! exact names, kinds, schemas and byte ranges.

mod common;

use aics_dtdl::{parse_document, ContentKind, DtdlVersion, InterfaceRef, ModelDocument, ReferenceKind};
use common::{as_version, fixture, span, span_in};

const VERSIONS: [(u8, DtdlVersion); 3] = [(2, DtdlVersion::V2), (3, DtdlVersion::V3), (4, DtdlVersion::V4)];

/// Parses the v2 fixture and its v3 and v4 rewrites; runs `check` on each.
fn each_version(name: &str, check: impl Fn(&str, &ModelDocument)) {
    let v2 = fixture(name);
    for (n, version) in VERSIONS {
        let text = as_version(&v2, n);
        let doc = parse_document(name, &text).unwrap_or_else(|| panic!("{name} v{n} is a model"));
        assert_eq!(doc.version, version, "{name} v{n}");
        assert_eq!(doc.syntax_errors, vec![], "{name} v{n}");
        check(&text, &doc);
    }
}

#[test]
fn cotypes_schemas_units_and_display_names() {
    each_version("shapes/cotypes.json", |text, doc| {
        assert_eq!(doc.roots, vec![0]);
        let root = &doc.interfaces[0];
        assert_eq!(root.id.as_deref(), Some("dtmi:com:example:Cotypes;1"));
        assert_eq!(root.id_range, Some(span(text, "\"dtmi:com:example:Cotypes;1\"")));
        assert_eq!(root.display_name.as_deref(), Some("Cotypes"));
        assert_eq!(root.range, 0..text.trim_end().len());
        let summary: Vec<_> = root
            .contents
            .iter()
            .map(|c| (c.kind, c.name.as_str(), c.schema.as_deref(), c.unit.as_deref()))
            .collect();
        assert_eq!(
            summary,
            vec![
                (ContentKind::Telemetry, "temperature", Some("double"), Some("degreeCelsius")),
                (ContentKind::Property, "serial", Some("string"), None),
                (ContentKind::Command, "reboot", None, None),
                (ContentKind::Relationship, "parent", None, None),
                (ContentKind::Telemetry, "position", Some("Object"), None),
                (ContentKind::Telemetry, "samples", Some("Array"), None),
                (ContentKind::Telemetry, "mode", Some("string"), None),
            ]
        );
        let temperature = &root.contents[0];
        assert_eq!(temperature.types, vec!["Telemetry", "Temperature"]);
        assert_eq!(temperature.name_range, span(text, "\"temperature\""));
        assert_eq!(temperature.version, doc.version);
        // A Relationship target is not a reference that must resolve.
        assert_eq!(doc.references, vec![]);
    });
}

#[test]
fn contents_may_be_a_single_object() {
    each_version("shapes/single-content.json", |text, doc| {
        let root = &doc.interfaces[0];
        assert_eq!(root.display_name.as_deref(), Some("Single"));
        assert_eq!(root.contents.len(), 1);
        assert_eq!(root.contents[0].name, "only");
        assert_eq!(root.contents[0].name_range, span(text, "\"only\""));
        assert_eq!(root.contents[0].schema.as_deref(), Some("float"));
    });
}

#[test]
fn extends_by_id_and_inline() {
    each_version("shapes/extends.json", |text, doc| {
        assert_eq!(doc.roots, vec![0]);
        assert_eq!(doc.interfaces.len(), 2);
        let child = &doc.interfaces[0];
        assert_eq!(
            child.extends,
            vec![
                InterfaceRef::Dtmi {
                    dtmi: "dtmi:com:example:Base;1".into(),
                    range: span_in(text, "\"extends\": [\n    \"dtmi:com:example:Base;1\"", "\"dtmi:com:example:Base;1\""),
                },
                InterfaceRef::Inline(1),
            ]
        );
        let inline = &doc.interfaces[1];
        assert_eq!(inline.id.as_deref(), Some("dtmi:com:example:InlineBase;1"));
        assert_eq!(inline.contents[0].name, "inherited");
        assert_eq!(inline.extends.len(), 1);
        let kinds: Vec<_> = doc.references.iter().map(|r| (r.kind, r.dtmi.as_str())).collect();
        assert_eq!(
            kinds,
            vec![(ReferenceKind::Extends, "dtmi:com:example:Base;1"), (ReferenceKind::Extends, "dtmi:com:example:Base;1")]
        );
    });
}

#[test]
fn component_schema_forms() {
    each_version("shapes/components.json", |text, doc| {
        let root = &doc.interfaces[doc.roots[0]];
        let components: Vec<_> = root
            .contents
            .iter()
            .filter(|c| c.kind == ContentKind::Component)
            .map(|c| (c.name.as_str(), c.component_schema.clone()))
            .collect();
        let part = |context: &str| InterfaceRef::Dtmi {
            dtmi: "dtmi:com:example:Part;1".into(),
            range: span_in(text, context, "\"dtmi:com:example:Part;1\""),
        };
        assert_eq!(
            components,
            vec![
                ("byId", Some(part("\"schema\": \"dtmi:com:example:Part;1\""))),
                ("inline", Some(InterfaceRef::Inline(1))),
                ("wrapped", Some(part("\"schema\": [\"dtmi:com:example:Part;1\"]"))),
                ("anonymous", Some(InterfaceRef::Inline(2))),
            ]
        );
        assert_eq!(doc.interfaces[1].id.as_deref(), Some("dtmi:com:example:InlinePart;1"));
        assert_eq!(doc.interfaces[1].contents[0].unit.as_deref(), Some("percent"));
        assert_eq!(doc.interfaces[2].id, None);
        assert_eq!(doc.interfaces[2].contents[0].name, "beat");
        assert!(doc.references.iter().all(|r| r.kind == ReferenceKind::ComponentSchema));
        assert_eq!(doc.references.len(), 2);
    });
}

#[test]
fn member_names_written_as_iris() {
    each_version("shapes/iri-members.json", |text, doc| {
        assert_eq!(doc.roots, vec![0]);
        let root = &doc.interfaces[0];
        assert_eq!(root.contents.len(), 1);
        assert_eq!(root.contents[0].kind, ContentKind::Telemetry);
        assert_eq!(root.contents[0].name, "spelledOut");
        assert_eq!(root.contents[0].name_range, span(text, "\"spelledOut\""));
        assert_eq!(root.contents[0].schema.as_deref(), Some("double"));
        assert!(matches!(&root.extends[..], [InterfaceRef::Dtmi { dtmi, .. }] if dtmi == "dtmi:com:example:Single;1"));
    });
}

#[test]
fn a_file_may_hold_an_array_of_interfaces() {
    each_version("shapes/array-root.json", |_, doc| {
        assert_eq!(doc.roots, vec![0, 1]);
        let ids: Vec<_> = doc.interfaces.iter().map(|i| i.id.as_deref().unwrap()).collect();
        assert_eq!(ids, ["dtmi:com:example:First;1", "dtmi:com:example:Second;1"]);
    });
}

#[test]
fn schema_references_and_element_ids() {
    each_version("shapes/schemas.json", |text, doc| {
        let refs: Vec<_> = doc.references.iter().map(|r| (r.kind, r.property.as_str(), r.dtmi.as_str(), r.range.clone())).collect();
        let point = "\"dtmi:com:example:Schemas:point;1\"";
        assert_eq!(
            refs,
            vec![
                (ReferenceKind::Element, "schema", "dtmi:com:example:Schemas:point;1", span_in(text, &format!("\"schema\": {point}"), point)),
                (ReferenceKind::Element, "schema", "dtmi:com:example:Schemas:missing;1", span(text, "\"dtmi:com:example:Schemas:missing;1\"")),
                (ReferenceKind::Element, "schema", "dtmi:com:example:Schemas:gone;1", span(text, "\"dtmi:com:example:Schemas:gone;1\"")),
            ]
        );
        assert!(doc.defines_element("dtmi:com:example:Schemas:point;1"));
        assert!(doc.defines_element("dtmi:com:example:Schemas;1"));
        assert_eq!(doc.interfaces[0].contents[0].schema.as_deref(), Some("dtmi:com:example:Schemas:point;1"));
    });
}

#[test]
fn v3_annotation_telemetry_versionless_and_minor_dtmis() {
    let text = fixture("v3/annotation.json");
    let doc = parse_document("v3/annotation.json", &text).unwrap();
    assert_eq!(doc.version, DtdlVersion::V3);
    assert_eq!(doc.syntax_errors, vec![]);
    let root = doc.root().unwrap();
    assert_eq!(root.id.as_deref(), Some("dtmi:com:example:Annotated"));
    let names: Vec<_> = root.contents.iter().map(|c| (c.kind, c.name.as_str())).collect();
    assert_eq!(
        names,
        [
            (ContentKind::Telemetry, "temperature"),
            (ContentKind::Telemetry, "temperatureQuality"),
            (ContentKind::Telemetry, "viaIri")
        ]
    );
    assert_eq!(root.contents[0].name_range, span_in(&text, "\"name\": \"temperature\"", "\"temperature\""));
    assert_eq!(root.contents[1].types, ["Telemetry", "ValueAnnotation"]);
    assert!(matches!(&root.extends[..], [InterfaceRef::Dtmi { dtmi, .. }] if dtmi == "dtmi:com:example:Minor;1.2"));
}

#[test]
fn v4_limitless_context() {
    let text = fixture("v4/limitless.json");
    let doc = parse_document("v4/limitless.json", &text).unwrap();
    assert_eq!(doc.version, DtdlVersion::V4);
    assert_eq!(doc.root().unwrap().contents.len(), 2);
}

#[test]
fn iot_central_context_before_the_dtdl_one() {
    let text = r#"{"@context": ["dtmi:iotcentral:context;2", "dtmi:dtdl:context;2"], "@id": "dtmi:a:b;1", "@type": "Interface"}"#;
    assert_eq!(parse_document("x.json", text).unwrap().version, DtdlVersion::V2);
}

#[test]
fn byte_order_mark_keeps_offsets() {
    let text = "\u{feff}{\"@context\": \"dtmi:dtdl:context;2\", \"@id\": \"dtmi:a:b;1\", \"@type\": \"Interface\", \"contents\": {\"@type\": \"Telemetry\", \"name\": \"t\", \"schema\": \"double\"}}";
    let doc = parse_document("bom.json", text).unwrap();
    assert_eq!(doc.syntax_errors, vec![]);
    assert_eq!(doc.interfaces[0].contents[0].name_range, span(text, "\"t\""));
}

#[test]
fn escaped_strings_are_decoded() {
    let text = r#"{"@context": "dtmi:dtdl:context;2", "@id": "dtmi:a:b;1", "@type": "Interface", "displayName": "caf\u00e9 \"x\"", "contents": {"@type": "Telemetry", "name": "t", "schema": "double"}}"#;
    let doc = parse_document("esc.json", text).unwrap();
    assert_eq!(doc.interfaces[0].display_name.as_deref(), Some("café \"x\""));
}
