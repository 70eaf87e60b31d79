//! The index: incremental workspace documents, lazy repository folders,
//! telemetry closures (extends, components, cycles, long chains) and
//! unresolved references.

mod common;

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use aics_dtdl::{
    checked_repository_path, parse_document, repository_path, ModelIndex, ModelReader, ReferenceKind,
    RepositoryPathError,
};
use common::{fixture, fixture_path, span, span_in};

/// An in-memory repository that records which files were read.
#[derive(Default)]
struct MemoryReader {
    files: HashMap<PathBuf, String>,
    reads: Mutex<Vec<PathBuf>>,
}

impl ModelReader for MemoryReader {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        self.reads.lock().unwrap().push(path.to_path_buf());
        self.files.get(path).map(|t| t.clone().into_bytes()).ok_or_else(|| io::ErrorKind::NotFound.into())
    }
}

fn interface(id: &str, body: &str) -> String {
    format!(r#"{{"@context": "dtmi:dtdl:context;2", "@id": "{id}", "@type": "Interface"{body}}}"#)
}

fn pairs(index: &ModelIndex, dtmi: &str) -> Vec<(String, String)> {
    index.telemetry(dtmi).items.into_iter().map(|t| (t.component, t.name)).collect()
}

fn own(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter().map(|(c, n)| (c.to_string(), n.to_string())).collect()
}

fn shapes_workspace() -> ModelIndex {
    let mut index = ModelIndex::new();
    for name in ["extends", "base", "components", "part", "single-content", "iri-members", "array-root", "schemas", "cotypes"] {
        let path = format!("shapes/{name}.json");
        assert!(index.upsert_text(path.clone(), &fixture(&path)), "{path}");
    }
    index
}

#[test]
fn telemetry_through_extends_and_components() {
    let index = shapes_workspace();
    // Own contents, then Base (whose Component `gained` is followed), then the
    // inline base; Base is reached twice but counted once.
    assert_eq!(
        pairs(&index, "dtmi:com:example:Child;1"),
        own(&[("", "own"), ("", "heartbeat"), ("", "inherited"), ("gained", "rpm")])
    );
    // Component by id, inline, one-element array, inline without @id; the
    // Part's own Component `nested` is not followed (one level only).
    assert_eq!(
        pairs(&index, "dtmi:com:example:Device;1"),
        own(&[("", "status"), ("byId", "rpm"), ("inline", "level"), ("wrapped", "rpm"), ("anonymous", "beat")])
    );
    assert_eq!(pairs(&index, "dtmi:com:example:Iri;1"), own(&[("", "spelledOut"), ("", "only")]));
    assert_eq!(pairs(&index, "dtmi:com:example:First;1"), own(&[("", "a"), ("", "b")]));
    // Relationships are ignored; co-typed telemetry counts.
    assert_eq!(
        pairs(&index, "dtmi:com:example:Cotypes;1"),
        own(&[("", "temperature"), ("", "position"), ("", "samples"), ("", "mode")])
    );
}

#[test]
fn declared_telemetry_carries_location_and_schema() {
    let index = shapes_workspace();
    let set = index.telemetry("dtmi:com:example:Device;1");
    assert!(set.unresolved.is_empty());
    let level = set.items.iter().find(|t| t.name == "level").unwrap();
    let text = fixture("shapes/components.json");
    assert_eq!(level.component, "inline");
    assert_eq!(level.path, PathBuf::from("shapes/components.json"));
    assert_eq!(level.name_range, span(&text, "\"level\""));
    assert_eq!(level.schema.as_deref(), Some("double"));
    assert_eq!(level.unit.as_deref(), Some("percent"));
    assert_eq!(level.interface_dtmi.as_deref(), Some("dtmi:com:example:InlinePart;1"));
    let beat = set.items.iter().find(|t| t.name == "beat").unwrap();
    assert_eq!(beat.interface_dtmi, None);
}

#[test]
fn inline_interfaces_with_an_id_are_indexed() {
    let index = shapes_workspace();
    let found = index.interface("dtmi:com:example:InlinePart;1").unwrap();
    assert_eq!(found.document.path, PathBuf::from("shapes/components.json"));
    assert_eq!(found.interface().contents[0].name, "level");
    assert!(index.interface("dtmi:com:example:InlineBase;1").is_some());
}

#[test]
fn upsert_replace_and_remove() {
    let mut index = ModelIndex::new();
    index.upsert_text("a.json", &interface("dtmi:x:A;1", r#", "contents": {"@type": "Telemetry", "name": "one", "schema": "double"}"#));
    assert_eq!(pairs(&index, "dtmi:x:A;1"), own(&[("", "one")]));
    index.upsert_text("a.json", &interface("dtmi:x:A;1", r#", "contents": {"@type": "Telemetry", "name": "two", "schema": "double"}"#));
    assert_eq!(pairs(&index, "dtmi:x:A;1"), own(&[("", "two")]));
    assert_eq!(index.documents().count(), 1);
    // A file that stops being a model leaves the index.
    assert!(!index.upsert_text("a.json", "{\"name\": \"pkg\"}"));
    assert!(index.interface("dtmi:x:A;1").is_none());
    index.upsert_text("b.json", &interface("dtmi:x:B;1", ""));
    assert!(index.remove_document(Path::new("b.json")).is_some());
    assert_eq!(index.documents().count(), 0);
    let set = index.telemetry("dtmi:x:B;1");
    assert_eq!(set.unresolved, ["dtmi:x:B;1"]);
}

#[test]
fn unresolved_references_point_at_the_dtmi() {
    let index = shapes_workspace();
    let text = fixture("shapes/schemas.json");
    let unresolved: Vec<_> = index
        .unresolved_references()
        .into_iter()
        .map(|u| (u.path.to_string_lossy().into_owned(), u.dtmi, u.kind, u.range))
        .collect();
    // Part, Base, Single... all resolve in the workspace; the schema defined
    // in `schemas` resolves; the Relationship target is not checked.
    assert_eq!(
        unresolved,
        vec![
            (
                "shapes/schemas.json".to_string(),
                "dtmi:com:example:Schemas:missing;1".to_string(),
                ReferenceKind::Element,
                span(&text, "\"dtmi:com:example:Schemas:missing;1\"")
            ),
            (
                "shapes/schemas.json".to_string(),
                "dtmi:com:example:Schemas:gone;1".to_string(),
                ReferenceKind::Element,
                span(&text, "\"dtmi:com:example:Schemas:gone;1\"")
            ),
        ]
    );
}

#[test]
fn unresolved_extends_message_names_the_fix() {
    let mut index = ModelIndex::new();
    let text = interface("dtmi:x:A;1", r#", "extends": "dtmi:com:Acme:Base;2""#);
    index.upsert_text("a.json", &text);
    let found = index.unresolved_references();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].kind, ReferenceKind::Extends);
    assert_eq!(found[0].range, span(&text, "\"dtmi:com:Acme:Base;2\""));
    assert_eq!(
        found[0].message,
        "no Interface 'dtmi:com:Acme:Base;2' is known: add its model file to the workspace, or point --models at a \
         model repository folder that has it (expected at 'dtmi/com/acme/base-2.json')"
    );
    let set = index.telemetry("dtmi:x:A;1");
    assert_eq!(set.unresolved, ["dtmi:com:Acme:Base;2"]);
}

#[test]
fn repository_folder_on_disk() {
    let mut index = ModelIndex::new();
    index.add_repository_root(fixture_path("repo"));
    assert_eq!(
        pairs(&index, "dtmi:com:example:Controller;1"),
        own(&[("", "workingSet"), ("thermostat1", "temperature")])
    );
    let set = index.telemetry("dtmi:com:example:Controller;1");
    assert!(set.items[1].path.ends_with("repo/dtmi/com/example/thermostat-1.json"));
    // A workspace document uses the repository for what it references.
    let text = fixture("v4/limitless.json");
    index.upsert_text("limitless.json", &text);
    assert_eq!(pairs(&index, "dtmi:com:example:Limitless;1"), own(&[("", "t"), ("c", "temperature")]));
    assert!(index.unresolved_references().is_empty());
    // DTMIs are case-sensitive even though the repository path is lower-case.
    assert!(index.interface("dtmi:com:example:thermostat;1").is_none());
}

#[test]
fn repository_is_read_lazily_and_once() {
    let mut reader = MemoryReader::default();
    for i in 0..1000 {
        let id = format!("dtmi:com:example:M{i};1");
        let body = if i == 0 {
            r#", "contents": [{"@type": "Component", "name": "c", "schema": "dtmi:com:example:M1;1"}], "extends": "dtmi:com:example:M2;1""#.to_string()
        } else {
            format!(r#", "contents": {{"@type": "Telemetry", "name": "t{i}", "schema": "double"}}"#)
        };
        reader.files.insert(Path::new("/models").join(repository_path(&id)), interface(&id, &body));
    }
    let reader = Arc::new(reader);
    let mut index = ModelIndex::new();
    index.add_repository_root_with_reader("/models", reader.clone());
    assert_eq!(pairs(&index, "dtmi:com:example:M0;1"), own(&[("", "t2"), ("c", "t1")]));
    assert_eq!(pairs(&index, "dtmi:com:example:M0;1"), own(&[("", "t2"), ("c", "t1")]));
    let mut reads = reader.reads.lock().unwrap().clone();
    reads.sort();
    assert_eq!(
        reads,
        ["/models/dtmi/com/example/m0-1.json", "/models/dtmi/com/example/m1-1.json", "/models/dtmi/com/example/m2-1.json"]
            .map(PathBuf::from)
    );
}

#[test]
fn repository_paths() {
    assert_eq!(repository_path("dtmi:com:example:Thermostat;1"), "dtmi/com/example/thermostat-1.json");
    assert_eq!(
        checked_repository_path("dtmi:com:example:Thermostat;1").unwrap(),
        Path::new("dtmi").join("com").join("example").join("thermostat-1.json")
    );
    for bad in ["dtmi:..:x;1", "dtmi:com:../../etc/passwd;1", "/etc/passwd", "dtmi:a:.;1", "dtmi:a\\b;1", "dtmi::x;1"] {
        assert!(matches!(checked_repository_path(bad), Err(RepositoryPathError::InvalidDtmi(_))), "{bad}");
    }
    // Nothing outside the root is ever read, whatever a model references.
    let reader = Arc::new(MemoryReader::default());
    let mut index = ModelIndex::new();
    index.add_repository_root_with_reader("/models", reader.clone());
    index.upsert_text("a.json", &interface("dtmi:x:A;1", r#", "extends": ["dtmi:..:..:etc:passwd;1", "dtmi:com:ok;1"]"#));
    let set = index.telemetry("dtmi:x:A;1");
    assert_eq!(set.unresolved, ["dtmi:..:..:etc:passwd;1", "dtmi:com:ok;1"]);
    assert_eq!(*reader.reads.lock().unwrap(), [PathBuf::from("/models/dtmi/com/ok-1.json")]);
    let message = &index.unresolved_references()[0].message;
    assert!(message.starts_with("'dtmi:..:..:etc:passwd;1' is not a valid DTMI (segment '..' contains '.'"), "{message}");
}

#[test]
fn extends_cycles_terminate() {
    let mut index = ModelIndex::new();
    let t = |n: &str| format!(r#", "contents": {{"@type": "Telemetry", "name": "{n}", "schema": "double"}}"#);
    index.upsert_text("a.json", &interface("dtmi:x:A;1", &format!(r#"{}, "extends": "dtmi:x:B;1""#, t("a"))));
    index.upsert_text("b.json", &interface("dtmi:x:B;1", &format!(r#"{}, "extends": ["dtmi:x:A;1", "dtmi:x:B;1"]"#, t("b"))));
    assert_eq!(pairs(&index, "dtmi:x:A;1"), own(&[("", "a"), ("", "b")]));
    assert_eq!(pairs(&index, "dtmi:x:B;1"), own(&[("", "b"), ("", "a")]));
    // A component whose interface extends itself.
    index.upsert_text("c.json", &interface("dtmi:x:C;1", r#", "contents": {"@type": "Component", "name": "k", "schema": "dtmi:x:B;1"}"#));
    assert_eq!(pairs(&index, "dtmi:x:C;1"), own(&[("k", "b"), ("k", "a")]));
}

#[test]
fn extends_chain_of_ten_thousand() {
    const N: usize = 10_000;
    let mut reader = MemoryReader::default();
    for i in 0..N {
        let id = format!("dtmi:x:chain:I{i};1");
        let extends = if i + 1 < N { format!(r#", "extends": "dtmi:x:chain:I{};1""#, i + 1) } else { String::new() };
        let body = format!(r#"{extends}, "contents": {{"@type": "Telemetry", "name": "t{i}", "schema": "double"}}"#);
        reader.files.insert(Path::new("/r").join(repository_path(&id)), interface(&id, &body));
    }
    let mut index = ModelIndex::new();
    index.add_repository_root_with_reader("/r", Arc::new(reader));
    let set = index.telemetry("dtmi:x:chain:I0;1");
    assert_eq!(set.items.len(), N);
    assert_eq!(set.items[N - 1].name, format!("t{}", N - 1));
    assert!(set.unresolved.is_empty());
}

#[test]
fn duplicate_names_are_counted_once() {
    let mut index = ModelIndex::new();
    let t = r#"{"@type": "Telemetry", "name": "same", "schema": "double"}"#;
    index.upsert_text("a.json", &interface("dtmi:x:A;1", &format!(r#", "contents": [{t}], "extends": "dtmi:x:B;1""#)));
    index.upsert_text("b.json", &interface("dtmi:x:B;1", &format!(r#", "contents": [{t}]"#)));
    let set = index.telemetry("dtmi:x:A;1");
    assert_eq!(set.items.len(), 1);
    assert_eq!(set.items[0].path, PathBuf::from("a.json"));
}

#[test]
fn a_document_outside_the_workspace_can_be_checked() {
    let mut index = ModelIndex::new();
    index.add_repository_root(fixture_path("repo"));
    let text = interface(
        "dtmi:x:A;1",
        r#", "contents": [{"@type": "Component", "name": "c", "schema": "dtmi:com:example:Thermostat;1"}, {"@type": "Component", "name": "d", "schema": "dtmi:com:example:Missing;1"}]"#,
    );
    let doc = parse_document("outside.json", &text).unwrap();
    let unresolved = index.unresolved_references_in(&doc);
    assert_eq!(unresolved.len(), 1);
    assert_eq!(unresolved[0].kind, ReferenceKind::ComponentSchema);
    assert_eq!(unresolved[0].range, span_in(&text, "\"schema\": \"dtmi:com:example:Missing;1\"", "\"dtmi:com:example:Missing;1\""));
}

/// Many documents placed at once answer exactly as the same documents upserted one by
/// one: the same documents in the same order, the same choice among Interfaces defined
/// twice, the same element look-ups; with a path given twice, the later text stays.
#[test]
fn documents_upserted_at_once_answer_as_one_by_one() {
    let texts = [
        ("b/dup.json", interface("dtmi:ex:Dup;1", r#", "contents": [{"@type": "Telemetry", "name": "fromB", "schema": "double"}]"#)),
        ("a-b/dup.json", interface("dtmi:ex:Dup;1", r#", "contents": [{"@type": "Telemetry", "name": "fromAB", "schema": "double"}]"#)),
        ("a/dup.json", interface("dtmi:ex:Dup;1", r#", "contents": [{"@type": "Telemetry", "name": "fromA", "schema": "double"}]"#)),
        ("c.json", interface("dtmi:ex:C;1", r#", "schemas": [{"@id": "dtmi:ex:Enum;1", "@type": "Enum", "valueSchema": "integer", "enumValues": []}]"#)),
        ("c.json", interface("dtmi:ex:C2;1", r#", "extends": "dtmi:ex:Dup;1""#)),
    ];
    let docs = || texts.iter().map(|(p, t)| parse_document(*p, t).unwrap()).collect::<Vec<_>>();
    let mut one_by_one = ModelIndex::new();
    for d in docs() {
        one_by_one.upsert_document(d);
    }
    let mut at_once = ModelIndex::new();
    at_once.upsert_documents(docs());
    let paths = |i: &ModelIndex| i.documents().map(|d| d.path.display().to_string()).collect::<Vec<_>>();
    assert_eq!(paths(&at_once), paths(&one_by_one));
    assert_eq!(paths(&at_once), ["a/dup.json", "a-b/dup.json", "b/dup.json", "c.json"]);
    for dtmi in ["dtmi:ex:Dup;1", "dtmi:ex:C;1", "dtmi:ex:C2;1", "dtmi:ex:Enum;1"] {
        assert_eq!(at_once.interface(dtmi).map(|r| r.document.path.clone()), one_by_one.interface(dtmi).map(|r| r.document.path.clone()), "{dtmi}");
        assert_eq!(pairs(&at_once, dtmi), pairs(&one_by_one, dtmi), "{dtmi}");
    }
    // Component-wise path order: "a/dup.json" before "a-b/dup.json".
    assert_eq!(at_once.interface("dtmi:ex:Dup;1").unwrap().document.path, PathBuf::from("a/dup.json"));
    assert_eq!(pairs(&at_once, "dtmi:ex:Dup;1"), own(&[("", "fromA")]));
    // The later c.json replaced the earlier one, its @ids with it.
    assert!(at_once.interface("dtmi:ex:C;1").is_none());
    assert!(at_once.interface("dtmi:ex:C2;1").is_some());
    let c2 = at_once.document(Path::new("c.json")).unwrap().clone();
    assert!(!at_once.element_exists(&c2, "dtmi:ex:Enum;1"));
    assert!(at_once.unresolved_references().is_empty(), "{:?}", at_once.unresolved_references());
}
