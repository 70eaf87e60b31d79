//! What a rule check returns: a rule code, a message and places in the linted C files.
//! The analysis turns findings into `Diagnostic`s (spans, URL, config, suppressions).

use crate::c::values::Loc;
use crate::diagnostic::Severity;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub code: &'static str,
    /// `None`: the rule's (configurable) level. `Some(Information)` for "could not decide"
    /// notes, which config levels do not raise.
    pub severity: Option<Severity>,
    pub message: String,
    pub at: Loc,
    pub related: Vec<(Loc, String)>,
}

impl Finding {
    pub fn new(code: &'static str, at: Loc, message: String) -> Finding {
        Finding { code, severity: None, message, at, related: Vec::new() }
    }

    pub fn note(code: &'static str, at: Loc, message: String) -> Finding {
        Finding { severity: Some(Severity::Information), ..Finding::new(code, at, message) }
    }

    pub fn with_related(mut self, at: Loc, message: impl Into<String>) -> Finding {
        self.related.push((at, message.into()));
        self
    }
}

/// What the checks may know besides the program itself.
#[derive(Clone, Debug, Default)]
pub struct CheckContext {
    /// `model-id` from the config: stands in for a Model ID only known at run time.
    pub assumed_model_id: Option<String>,
}
