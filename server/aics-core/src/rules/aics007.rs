//! AICS007 undeclared-telemetry. The check lives with the telemetry analysis (issue 4).
use super::{Rule, TroubleshootingStep, TELEMETRY_CONVENTION_PAGE};
use crate::diagnostic::Severity;

pub const RULE: Rule = Rule {
    code: "AICS007",
    name: "undeclared-telemetry",
    default_severity: Severity::Warning,
    summary: "The device sends a telemetry name that its model does not declare for that component.",
    what: "Compares each telemetry name the device code sends, with the component it is sent under, against the Telemetry contents the model declares for that component.",
    why: "Telemetry the model does not declare is not what the certification test expects; it is often a typo of a declared name, which then also counts as never sent.",
    fix: "Correct the name to the one in the model, send it under the right component, or declare it in the model.",
    step: TroubleshootingStep::TestsNotPassing(2),
    see_also: &[TELEMETRY_CONVENTION_PAGE],
};
