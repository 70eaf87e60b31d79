//! DTDL003 unresolved-reference: reported from the model index.
use super::{Rule, TroubleshootingStep};
use crate::diagnostic::Severity;

pub const RULE: Rule = Rule {
    code: "DTDL003",
    name: "unresolved-reference",
    default_severity: Severity::Error,
    summary: "An `extends`, Component `schema` or other DTMI reference resolves to no known Interface.",
    what: "Follows every reference from one model to another and reports those that name an Interface found neither in the workspace's DTDL files nor in the configured model folders.",
    why: "A model whose references cannot be resolved is incomplete: the parser rejects it and the telemetry it inherits or gets through components is unknown.",
    fix: "Add the referenced model to the workspace or to a model folder (`--models`, `models` in aics-lint.toml), or correct the DTMI.",
    step: TroubleshootingStep::ModelRepository,
    see_also: &[],
};
