//! Shared helpers for the fixture tests.
#![allow(dead_code)]

use std::ops::Range;
use std::path::PathBuf;

pub fn fixture_path(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(relative)
}

pub fn fixture(relative: &str) -> String {
    std::fs::read_to_string(fixture_path(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

/// The byte range of `literal` inside the only occurrence of `context` in
/// `text`: exact expected ranges without counting bytes by hand.
pub fn span_in(text: &str, context: &str, literal: &str) -> Range<usize> {
    let at = text.find(context).unwrap_or_else(|| panic!("{context:?} not in text"));
    assert!(text[at + 1..].find(context).is_none(), "{context:?} occurs twice");
    let offset = context.find(literal).unwrap_or_else(|| panic!("{literal:?} not in {context:?}"));
    at + offset..at + offset + literal.len()
}

/// The range of the only occurrence of `literal`.
pub fn span(text: &str, literal: &str) -> Range<usize> {
    span_in(text, literal, literal)
}

/// The same fixture written for DTDL v3 or v4: context and IRI member
/// versions rewritten, nothing else (the shapes are legal in all three).
pub fn as_version(text: &str, version: u8) -> String {
    text.replace("dtmi:dtdl:context;2", &format!("dtmi:dtdl:context;{version}"))
        .replace(";2\":", &format!(";{version}\":"))
        .replace("dtmi:dtdl:class:Interface;2", &format!("dtmi:dtdl:class:Interface;{version}"))
        .replace("dtmi:dtdl:class:Telemetry;2", &format!("dtmi:dtdl:class:Telemetry;{version}"))
}
