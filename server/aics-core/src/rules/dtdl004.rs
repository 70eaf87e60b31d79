//! DTDL004 spec-recommendation: the validation issue fills this in.
use super::{Rule, TroubleshootingStep};
use crate::diagnostic::Severity;

pub const RULE: Rule = Rule {
    code: "DTDL004",
    name: "spec-recommendation",
    default_severity: Severity::Warning,
    summary: "A recommendation (a SHOULD) of the DTDL specification is not followed.",
    what: "Reports the places where a model is valid but does what the specification advises against.",
    why: "Such models are accepted, but tools and the certification review may treat them differently than you expect.",
    fix: "Follow the recommendation named in the message, or suppress the rule for the file in aics-lint.toml if the choice is deliberate.",
    step: TroubleshootingStep::ModelRepository,
    see_also: &[],
};
