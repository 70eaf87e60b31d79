//! DTDL validation: the specification's MUSTs (DTDL002) and SHOULDs
//! (DTDL004), unresolved references (DTDL003) and JSON syntax (DTDL001), for
//! DTDL v2, v3 and v4, driven by the metamodel tables in [`crate::metamodel`].
//!
//! The validator reads the JSON itself (every property, value and byte range),
//! independent of the slimmer [`ModelDocument`] the rest of the crate uses:
//!
//! 1. each top-level element's `@context` picks the language version and the
//!    extensions whose terms are in scope;
//! 2. every element is checked against its class in the metamodel: its
//!    `@id`, `@type` (exactly one concrete class, co-types that apply to it),
//!    each property's value kind, datatype, pattern, length, range, count,
//!    allowed values and the classes its elements must conform to;
//! 3. across the model (all documents together): identifier uniqueness,
//!    references resolved and conforming to the expected class, then the
//!    metamodel's "descendants" restrictions: `extends` depth and cycles,
//!    inherited content names, Components nested in Components, complex
//!    schema depth, Enum value datatypes; the layers of an element (the
//!    layering extension: `#fragment` identifiers) as the official parser
//!    judges them.
//!
//! Each error carries the official parser's validation ids for the same
//! mistake ([`ModelProblem::official_ids`]; [`carried_validation_ids`] lists
//! them), and a misspelt term gets the closest one that fits ("did you mean").
//! [`validate_model_counted`] also counts the steps of work, which the
//! conformance test bounds by the input's size.
//!
//! Every finding names the conformance-suite rule it corresponds to
//! (`Requirement-ClassInterfacePropertiesExtendsSelfReference`) and says the fix.
//! Nothing recurses on input without a bound: element nesting is cut at
//! [`crate::MAX_ELEMENT_DEPTH`], graph walks use explicit stacks.

mod engine;
mod ids;
mod pattern;

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use crate::index::ModelIndex;
use crate::model::ModelDocument;

/// The rule codes a validation finding can carry.
pub const INVALID_JSON: &str = "DTDL001";
pub const SPEC_VIOLATION: &str = "DTDL002";
pub const UNRESOLVED_REFERENCE: &str = "DTDL003";
pub const SPEC_RECOMMENDATION: &str = "DTDL004";

/// How to validate.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ValidationOptions {
    /// Whether contexts, types and properties of extensions the validator does
    /// not know are accepted. `None`: the language version's default (allowed
    /// in v2, disallowed in v3 and v4). The conformance suite's
    /// `AllowUndefinedExtensions` / `DisallowUndefinedExtensions`.
    pub allow_undefined_extensions: Option<bool>,
}

/// One finding, in one document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelProblem {
    /// `DTDL001`..`DTDL004`.
    pub code: &'static str,
    /// The specification rule in the conformance suite's naming
    /// (`Requirement-ClassInterfacePropertyContentsTypeConformance`).
    pub rule: String,
    /// Byte range in the document's text.
    pub range: Range<usize>,
    /// What is wrong and how to fix it.
    pub message: String,
    /// The official DTDL parser's validation ids for the same mistake
    /// (`missingContext`, `badType`; the last segment of
    /// `dtmi:dtdl:parsingError:missingContext`); empty when none corresponds.
    /// A mistake the official parser reports twice over (an undefined property
    /// on an element without co-types: `noTypeThatAllows` and
    /// `propertyUndefinedTerm`) has both.
    pub official_ids: Vec<&'static str>,
    /// Other places in the same document that explain the finding (the first
    /// definition of a name defined twice), each with a short label.
    pub related: Vec<(Range<usize>, String)>,
    /// The closest valid term when the value at `range` is a misspelt one (the message's
    /// "did you mean"): what a fix writes there.
    pub suggestion: Option<String>,
}

impl ModelProblem {
    /// DTDL001..DTDL003: the model is invalid or incomplete.
    pub fn is_error(&self) -> bool {
        self.code != SPEC_RECOMMENDATION
    }

    /// The first official validation id (see [`ModelProblem::official_ids`]).
    pub fn validation_id(&self) -> Option<&'static str> {
        self.official_ids.first().copied()
    }

    /// Every official validation id of this finding.
    pub fn validation_ids(&self) -> &[&'static str] {
        &self.official_ids
    }
}

/// The official validation ids (see [`ModelProblem::official_ids`]) a
/// finding of this validator can carry, in alphabetical order: those of the
/// official parser's table (generated from its error texts into
/// `metamodel::digest::VALIDATION_IDS`) that the validator's source names.
/// Worked out from the source itself, so the list cannot fall out of date.
pub fn carried_validation_ids() -> Vec<&'static str> {
    const SOURCES: [&str; 2] = [include_str!("engine.rs"), include_str!("ids.rs")];
    crate::metamodel::validation_ids().iter().copied().filter(|id| SOURCES.iter().any(|s| s.contains(&format!("\"{id}\"")))).collect()
}

/// Whether `id` is a validation id of the official parser.
pub fn is_validation_id(id: &str) -> bool {
    crate::metamodel::validation_ids().contains(&id)
}

/// Validates a set of documents as one model (all references resolve among
/// them). Returns the problems of each document, in input order.
pub fn validate_model(texts: &[&str], options: &ValidationOptions) -> Vec<Vec<ModelProblem>> {
    validate_model_counted(texts, options).0
}

/// [`validate_model`], with the number of steps of work the validation took:
/// elements read, members and values examined, nodes the model-wide walks
/// (`extends` closures, nesting depth, name uniqueness) visited. Deterministic,
/// so tests can bound it by the input's size where a clock would flake.
pub fn validate_model_counted(texts: &[&str], options: &ValidationOptions) -> (Vec<Vec<ModelProblem>>, u64) {
    let docs: Vec<Arc<str>> = texts.iter().map(|t| Arc::from(*t)).collect();
    let mut engine = engine::Engine::new(options.clone(), None);
    for text in docs {
        engine.add_document(text, true);
    }
    engine.run_counted()
}

/// Validates one document for the linter: references resolve through `index`
/// (the workspace and model repositories); only `doc`'s problems are returned,
/// with ranges in its text.
pub fn validate(index: &ModelIndex, doc: &ModelDocument, options: &ValidationOptions) -> Vec<ModelProblem> {
    let mut engine = engine::Engine::new(options.clone(), Some(index));
    engine.add_parsed(doc.source.clone(), doc.json.take(), true);
    engine.set_origin(doc.path.clone());
    engine.run().into_iter().next().unwrap_or_default()
}

/// [`validate`] for every workspace document of `index`.
/// [`validate`] of a document that may need no other: its findings, or `None` when it
/// refers to a DTMI it does not define (the index would be asked for it: see
/// [`crate::parse_and_validate_shared`]). Takes the document's tree.
pub(crate) fn validate_alone(doc: &ModelDocument, options: &ValidationOptions) -> Option<Vec<ModelProblem>> {
    let mut engine = engine::Engine::new(options.clone(), None);
    engine.add_parsed(doc.source.clone(), doc.json.take(), true);
    engine.set_origin(doc.path.clone());
    engine.run_alone()
}

pub fn validate_index(index: &ModelIndex, options: &ValidationOptions) -> Vec<(PathBuf, Vec<ModelProblem>)> {
    index.documents().map(|d| (d.path.clone(), validate(index, d, options))).collect()
}
