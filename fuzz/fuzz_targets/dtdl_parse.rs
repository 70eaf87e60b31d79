//! The DTDL model layer: `parse_document` on fuzzed JSON, the index over it (upsert,
//! resolution of every reference, the telemetry closure over `extends` and components,
//! unresolved references), validation, and the repository path of every DTMI it declares.
#![no_main]

use aics_dtdl::{checked_repository_path, parse_document, validate, ModelIndex, ValidationOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Some(doc) = parse_document("models/device.json", &text) else { return };
    let ids: Vec<String> = doc.interfaces.iter().filter_map(|i| i.id.clone()).collect();
    let mut index = ModelIndex::new();
    index.upsert_document(doc);
    // A second copy under another path: duplicate definitions must not confuse it.
    index.upsert_text("models/copy.json", &text);
    let _ = index.unresolved_references();
    for id in &ids {
        let _ = index.interface(id);
        let _ = index.telemetry(id);
        if let Ok(p) = checked_repository_path(id) {
            assert!(p.is_relative() && !p.components().any(|c| matches!(c, std::path::Component::ParentDir)), "{p:?}");
        }
    }
    if let Some(doc) = index.document(std::path::Path::new("models/device.json")).cloned() {
        let _ = validate(&index, &doc, &ValidationOptions::default());
    }
});
