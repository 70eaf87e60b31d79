//! The DTDL model layer of aics-lint.
//!
//! Reads DTDL v2, v3 and v4 model files (tolerating half-typed ones), keeps an
//! index of workspace models and model-repository folders, and answers the
//! questions the rules ask: which telemetry does Model ID X declare
//! ([`ModelIndex::telemetry`]), which references resolve to nothing
//! ([`ModelIndex::unresolved_references`]), is this string a DTMI
//! ([`dtmi::validate`]), is this model valid DTDL ([`validate()`], driven by
//! the metamodel tables in [`metamodel`]).
//!
//! Part of the pure analysis core: no terminal output, no LSP types, and the
//! only IO is through [`ModelReader`]. Parsing never fails; it returns what it
//! could read plus [`SyntaxError`]s. Nothing recurses on input without a bound.

mod contents;
pub mod dtmi;
mod index;
mod json;
mod lexer;
pub mod metamodel;
mod model;
mod parse;
mod repository;
mod syntax;
mod telemetry;
pub mod validate;

pub use contents::{ContentSet, DeclaredContent, ServedKind};
pub use dtmi::{DtmiError, DtmiInfo};
pub use index::{ModelIndex, ResolvedInterface, UnresolvedReference};
pub use model::{
    Content, ContentKind, DtdlVersion, ElementId, Interface, InterfaceRef, ModelDocument, Reference, ReferenceKind,
    SyntaxError,
};
pub use parse::{parse_and_validate_shared, parse_document, parse_document_shared, parse_document_with, reads_as_strict_json, JsonReader, MAX_ELEMENT_DEPTH};
pub use repository::{checked_repository_path, repository_path, repository_root, FsReader, ModelReader, RepositoryPathError};
pub use telemetry::{DeclaredTelemetry, TelemetrySet};
pub use validate::{validate, validate_index, validate_model, ModelProblem, ValidationOptions};
