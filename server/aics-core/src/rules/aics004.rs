//! AICS004 model-id-mismatch.
use super::{Rule, TroubleshootingStep, DPS_PAYLOAD_PAGE, MODEL_ID_ANNOUNCEMENT_PAGE};
use crate::device::{DeviceProgram, ModelIdValue};
use crate::diagnostic::Severity;
use crate::finding::{CheckContext, Finding};

pub const RULE: Rule = Rule {
    code: "AICS004",
    name: "model-id-mismatch",
    default_severity: Severity::Warning,
    summary: "The Model ID sent in the DPS payload and the one announced on the hub connection differ.",
    what: "Compares the Model IDs a device program writes into its DPS registration payload with those it announces on the IoT Hub connection. Two uses of the same macro agree by construction, whatever value each board configuration gives it; literal values must be equal (DTMIs compare case-sensitively).",
    why: "Certification provisions the device with one Model ID and then checks the model the device announces on the hub. When they differ the service tests the device against the wrong model, or cannot match the device at all.",
    fix: "Define the Model ID once (`#define MODEL_ID \"dtmi:...\"` in a config header) and use that one constant for the DPS payload and the hub option.",
    step: TroubleshootingStep::TestsNotPassing(1),
    see_also: &[DPS_PAYLOAD_PAGE, MODEL_ID_ANNOUNCEMENT_PAGE],
};

pub fn check(dp: &DeviceProgram, _ctx: &CheckContext) -> Vec<Finding> {
    let dps: Vec<&ModelIdValue> = dp.dps_model_ids().filter(|v| v.text.is_some()).collect();
    if dps.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for a in &dp.announcements {
        for v in a.values.iter().filter(|v| v.text.is_some()) {
            let agrees = dps.iter().any(|d| d.text == v.text || d.via.iter().any(|m| v.via.contains(m)));
            if agrees {
                continue;
            }
            let dps_text = dps.iter().filter_map(|d| d.text.as_deref()).collect::<Vec<_>>().join("`, `");
            let mut f = Finding::new(
                RULE.code,
                a.site.clone(),
                format!(
                    "The hub connection announces Model ID `{}`, but the DPS payload sends `{}`: use one constant for both",
                    v.text.as_deref().unwrap_or_default(),
                    dps_text
                ),
            );
            if let Some(loc) = dps.iter().find_map(|d| d.loc.clone()) {
                f = f.with_related(loc, "the Model ID in the DPS payload");
            }
            out.push(f);
        }
    }
    out
}
