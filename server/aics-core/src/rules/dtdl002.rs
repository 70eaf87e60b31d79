//! DTDL002 spec-violation: the validation issue fills this in.
use super::{Rule, TroubleshootingStep};
use crate::diagnostic::Severity;

pub const RULE: Rule = Rule {
    code: "DTDL002",
    name: "spec-violation",
    default_severity: Severity::Error,
    summary: "A requirement (a MUST) of the DTDL specification is broken.",
    what: "Validates each model against the DTDL v2, v3 or v4 specification named by its `@context`: identifiers, names, types, schemas, limits and the rules about `extends` and Components. The message names the requirement that is broken.",
    why: "The official parser, the model repository and the certification service reject a model that breaks the specification, so the device cannot be certified against it.",
    fix: "Follow the fix in the message; it names the requirement (e.g. a name longer than the limit, an `extends` that refers to itself) and what to change.",
    step: TroubleshootingStep::ModelRepository,
    see_also: &[],
};
