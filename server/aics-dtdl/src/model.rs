//! The DTDL model as the linter sees it: plain data, every name with its exact
//! byte range, so diagnostics (AICS002 "declared but never sent", DTDL003
//! "unresolved reference") can point at the right characters of the file.
//!
//! Only what the rules need is kept: Interfaces, their `contents` with kind,
//! name, schema and unit, `extends`, Component schemas, and every DTMI
//! reference. Full DTDL validation is not the job of this layer.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crate::json::ParsedJson;

/// The DTDL language version of a file, from the DTDL context in its `@context`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DtdlVersion {
    V2,
    V3,
    V4,
}

impl DtdlVersion {
    /// The number in `dtmi:dtdl:context;N`.
    pub fn number(self) -> u8 {
        match self {
            DtdlVersion::V2 => 2,
            DtdlVersion::V3 => 3,
            DtdlVersion::V4 => 4,
        }
    }
}

/// One parsed DTDL file. Parsing never fails: whatever could be read is here,
/// and what could not is in [`ModelDocument::syntax_errors`].
#[derive(Clone, Debug, PartialEq)]
pub struct ModelDocument {
    /// Where the text came from (as given to [`crate::parse_document`]).
    pub path: PathBuf,
    /// The DTDL version of the file's first top-level Interface.
    pub version: DtdlVersion,
    /// Every Interface in the file: top-level ones, inline `extends` and inline
    /// Component schemas, in document order. [`InterfaceRef::Inline`] indexes this.
    pub interfaces: Vec<Interface>,
    /// Indices into `interfaces` of the top-level Interfaces (usually one).
    pub roots: Vec<usize>,
    /// Every DTMI the file refers to where an element is expected (DTDL003 candidates).
    pub references: Vec<Reference>,
    /// Every `@id` defined in the file (Interfaces, contents, schemas...), so that
    /// schema references can resolve against the file's own `schemas`.
    pub element_ids: Vec<ElementId>,
    /// JSON syntax errors (rule DTDL001), in text order.
    pub syntax_errors: Vec<SyntaxError>,
    /// The text the document was parsed from (a byte order mark blanked to
    /// spaces), so that [`crate::validate()`] can read every property.
    pub source: std::sync::Arc<str>,
    /// The JSON tree the parse built, if it kept it, until the document's own validation
    /// takes it (see [`JsonHandoff`]).
    pub(crate) json: JsonHandoff,
}

impl ModelDocument {
    /// The file's first top-level Interface: "the model" of a repository file.
    pub fn root(&self) -> Option<&Interface> {
        self.roots.first().map(|&i| &self.interfaces[i])
    }

    /// The index of the Interface with this exact `@id` (DTMIs compare case-sensitively).
    pub fn interface_index(&self, dtmi: &str) -> Option<usize> {
        self.interfaces.iter().position(|i| i.id.as_deref() == Some(dtmi))
    }

    /// Whether any element of the file has this `@id`.
    pub fn defines_element(&self, dtmi: &str) -> bool {
        self.element_ids.iter().any(|e| e.id == dtmi)
    }
}

/// The JSON tree of a document, kept by [`crate::parse_document_shared`] (when asked to)
/// for the validator ([`crate::validate()`] reads every property, which the slimmer
/// [`ModelDocument`] does not keep). Clones of the document share it; the document's own validation takes it
/// out, so it is freed once used (a model is validated about once per text), and a
/// validation that finds it gone (or a document read by tree-sitter's tokens) lexes and
/// builds the text again: same tree, more work. It is a cache of `source`, so it takes
/// no part in comparisons: documents with equal fields are equal whoever read them.
#[derive(Clone, Default)]
pub(crate) struct JsonHandoff(Option<Arc<Mutex<Option<Arc<ParsedJson>>>>>);

impl JsonHandoff {
    pub(crate) fn from_shared(tree: Arc<ParsedJson>) -> Self {
        JsonHandoff(Some(Arc::new(Mutex::new(Some(tree)))))
    }

    fn slot(&self) -> Option<std::sync::MutexGuard<'_, Option<Arc<ParsedJson>>>> {
        self.0.as_ref().map(|m| m.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// The tree, leaving none behind (the document's own validation).
    pub(crate) fn take(&self) -> Option<Arc<ParsedJson>> {
        self.slot()?.take()
    }

    /// The tree, kept for the document's own validation (a document pulled in because
    /// another one refers to it).
    pub(crate) fn get(&self) -> Option<Arc<ParsedJson>> {
        self.slot()?.clone()
    }
}

impl PartialEq for JsonHandoff {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for JsonHandoff {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.get().is_some() { "JsonHandoff(tree)" } else { "JsonHandoff(none)" })
    }
}

/// A DTDL Interface (top-level or inline).
#[derive(Clone, Debug, PartialEq)]
pub struct Interface {
    /// `@id`, absent for an inline Interface without one.
    pub id: Option<String>,
    /// Byte range of the `@id` string value, quotes included.
    pub id_range: Option<Range<usize>>,
    /// Byte range of the whole Interface object.
    pub range: Range<usize>,
    /// The DTDL version it was written in.
    pub version: DtdlVersion,
    /// `displayName`: the string, or the `en` (else first) entry of a language map.
    pub display_name: Option<String>,
    /// `contents` that are Telemetry, Property, Command, Relationship or Component
    /// and have a string `name`; others are left out.
    pub contents: Vec<Content>,
    /// `extends`, in order: DTMIs and inline Interfaces.
    pub extends: Vec<InterfaceRef>,
}

/// Where an Interface used by `extends` or a Component's `schema` is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InterfaceRef {
    /// By identifier; resolved through the index (same file first).
    Dtmi { dtmi: String, range: Range<usize> },
    /// Written inline: an index into [`ModelDocument::interfaces`] of the same file.
    Inline(usize),
}

/// The kind of a `contents` element (from its `@type`, co-types aside).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ContentKind {
    Telemetry,
    Property,
    Command,
    Relationship,
    Component,
}

/// One element of an Interface's `contents`.
#[derive(Clone, Debug, PartialEq)]
pub struct Content {
    pub kind: ContentKind,
    /// All `@type` values, IRIs shortened to terms (`["Telemetry", "Temperature"]`).
    pub types: Vec<String>,
    pub name: String,
    /// Byte range of the `name` string value, quotes included: where AICS002 points.
    pub name_range: Range<usize>,
    /// Byte range of the whole element.
    pub range: Range<usize>,
    /// The schema as a short display string: a primitive (`"double"`), a DTMI,
    /// or the complex schema's type (`"Object"`, `"Enum"`, `"Map"`, `"Array"`).
    pub schema: Option<String>,
    /// `unit`, if present.
    pub unit: Option<String>,
    /// For a Component: its Interface. `None` for other kinds or a missing schema.
    pub component_schema: Option<InterfaceRef>,
    /// The DTDL version of the file it is written in.
    pub version: DtdlVersion,
}

/// What a referenced DTMI must name for the model to be complete.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReferenceKind {
    /// An `extends` value: must name an Interface.
    Extends,
    /// A Component `schema`: must name an Interface.
    ComponentSchema,
    /// Any other element-valued property (`schema`, `contents`, `fields`,
    /// `schemas`, `request`...): must name an element with that `@id`
    /// (a schema in some Interface's `schemas`, for instance).
    Element,
}

/// A DTMI used where the model needs the element it names. Relationship
/// `target` and semantic co-types are not references in this sense.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    pub dtmi: String,
    /// Byte range of the string value, quotes included.
    pub range: Range<usize>,
    pub kind: ReferenceKind,
    /// The property it is the value of (`"extends"`, `"schema"`...), as a term.
    pub property: String,
}

/// An `@id` defined somewhere in a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ElementId {
    pub id: String,
    /// Byte range of the `@id` string value.
    pub range: Range<usize>,
}

/// A JSON syntax error (rule DTDL001). The file is still indexed around it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// Byte range of the offending text; empty (`n..n`) where something is missing.
    pub range: Range<usize>,
    /// What is wrong, phrased as the fix where possible ("expected ',' or '}' after property").
    pub message: String,
}
