//! AICS002 telemetry-never-sent. The check lives with the telemetry analysis (issue 4).
use super::{Rule, TroubleshootingStep, TELEMETRY_CONVENTION_PAGE};
use crate::diagnostic::Severity;

pub const RULE: Rule = Rule {
    code: "AICS002",
    name: "telemetry-never-sent",
    default_severity: Severity::Warning,
    summary: "A telemetry that the device's model declares is never sent by the device code.",
    what: "Takes the device's Model ID, finds its Interface, and lists every Telemetry the model declares: the root's contents, everything inherited through `extends`, and the contents of each Component's interface (keyed by the component name). Each declared (component, name) pair that no send in the program carries is reported on the Telemetry's `name` in the model, and summarised on the Model ID in the C code.",
    why: "During certification the service listens for every declared telemetry. One that never arrives makes the run \"pass with warnings\" or fail, and you only learn it after a test run of many minutes.",
    fix: "Send the telemetry (under its component's name when it belongs to a Component), or remove it from the model if the device cannot produce it. If the name is built at run time so that the analysis cannot see it, the finding is downgraded to a note that says so.",
    step: TroubleshootingStep::PassedWithWarnings,
    see_also: &[TELEMETRY_CONVENTION_PAGE],
};
