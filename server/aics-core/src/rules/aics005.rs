//! AICS005 invalid-model-id.
use super::{Rule, TroubleshootingStep};
use crate::device::DeviceProgram;
use crate::diagnostic::Severity;
use crate::dtmi;
use crate::finding::{CheckContext, Finding};

pub const RULE: Rule = Rule {
    code: "AICS005",
    name: "invalid-model-id",
    default_severity: Severity::Error,
    summary: "A string used as a Model ID is not a valid DTMI for any DTDL version.",
    what: "Checks every value the device uses as a Model ID (in the DPS payload, the hub option or options field, a JSON writer or an MQTT username) against the DTMI syntax of DTDL v2, v3 and v4. Strings that are not used as a Model ID, such as a device model name in a DeviceInformation property, are not checked.",
    why: "A Model ID that is not a DTMI can never resolve to a model: provisioning and the hub accept the string, but certification cannot find a model for it.",
    fix: "Use the `@id` of the device's root Interface, e.g. `dtmi:com:example:Thermostat;1`: segments start with a letter, contain only letters, digits and underscores, do not end with an underscore, and the version is a number from 1 (`;1`), or `;major.minor` in DTDL v3 and later.",
    step: TroubleshootingStep::ModelRepository,
    see_also: &[],
};

pub fn check(dp: &DeviceProgram, _ctx: &CheckContext) -> Vec<Finding> {
    let mut out = Vec::new();
    let announced = dp.announcements.iter().flat_map(|a| a.values.iter().map(move |v| (v, &a.site)));
    let dps = dp.dps_model_ids_with_site();
    for (v, site) in dps.chain(announced) {
        let Some(text) = &v.text else { continue };
        if let Err(why) = dtmi::validate(text) {
            out.push(Finding::new(
                RULE.code,
                v.loc.clone().unwrap_or_else(|| site.clone()),
                format!("`{text}` is used as a Model ID but is not a valid DTMI: {why}"),
            ));
        }
    }
    out.dedup_by(|a, b| a.at == b.at && a.message == b.message);
    out
}
