//! DTDL001 invalid-json: reported from the model layer's syntax errors.
use super::{Rule, TroubleshootingStep};
use crate::diagnostic::Severity;

pub const RULE: Rule = Rule {
    code: "DTDL001",
    name: "invalid-json",
    default_severity: Severity::Error,
    summary: "A model file is not well-formed JSON.",
    what: "Parses every DTDL model file and reports each place where the JSON is broken: a missing comma or brace, a stray character, an unterminated string. The rest of the file is still read, so its Interfaces and telemetry stay known.",
    why: "Neither the model repository nor the certification service accepts a model that does not parse, and every check that depends on the model is blind to what follows the error.",
    fix: "Correct the JSON at the reported position; the message names what was expected there.",
    step: TroubleshootingStep::ModelRepository,
    see_also: &[],
};
