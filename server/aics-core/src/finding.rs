//! What a rule check returns: a rule code, a message and places — in the linted C files or
//! in DTDL model files. The analysis turns findings into `Diagnostic`s (spans, URL,
//! config, suppressions).

use std::ops::Range;
use std::path::{Path, PathBuf};

use aics_dtdl::ModelIndex;

use crate::c::values::Loc;
use crate::diagnostic::Severity;

/// Where a finding points.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Place {
    /// A place in a linted C file.
    C(Loc),
    /// A byte range of a DTDL file (a workspace model, or one read from a model folder).
    Model { path: PathBuf, range: Range<usize> },
}

impl From<Loc> for Place {
    fn from(l: Loc) -> Place {
        Place::C(l)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub code: &'static str,
    /// `None`: the rule's (configurable) level. `Some(Information)` for "could not decide"
    /// notes, which config levels do not raise.
    pub severity: Option<Severity>,
    pub message: String,
    pub at: Place,
    pub related: Vec<(Place, String)>,
    /// Text edits that fix the finding, when the fix is mechanical.
    pub fix: Option<crate::fix::Fix<Place>>,
}

impl Finding {
    pub fn new(code: &'static str, at: impl Into<Place>, message: String) -> Finding {
        Finding { code, severity: None, message, at: at.into(), related: Vec::new(), fix: None }
    }

    pub fn note(code: &'static str, at: impl Into<Place>, message: String) -> Finding {
        Finding { severity: Some(Severity::Information), ..Finding::new(code, at, message) }
    }

    pub fn with_related(mut self, at: impl Into<Place>, message: impl Into<String>) -> Finding {
        self.related.push((at.into(), message.into()));
        self
    }
}

/// What the checks may know besides the program itself.
#[derive(Clone, Copy)]
pub struct CheckContext<'a> {
    /// `model-id` from the config: stands in for a Model ID only known at run time.
    pub assumed_model_id: Option<&'a str>,
    /// The DTDL models of the workspace and the model folders.
    pub models: &'a ModelIndex,
    /// Some model source exists (workspace DTDL files or a model folder).
    pub models_known: bool,
    /// The linted C files' paths, by file index (fixes match `#include` names with them).
    pub c_paths: &'a [&'a Path],
}
