//! AICS001 dps-payload-missing-model-id.
use super::{Rule, TroubleshootingStep, DPS_PAYLOAD_PAGE};
use crate::c::sdk::{tables, Role};
use crate::device::{DeviceProgram, PayloadVerdict};
use crate::diagnostic::Severity;
use crate::finding::{CheckContext, Finding};

pub const RULE: Rule = Rule {
    code: "AICS001",
    name: "dps-payload-missing-model-id",
    default_severity: Severity::Warning,
    summary: "The device registers with DPS, but no registration payload carrying a `modelId` reaches that registration.",
    what: "Finds each Device Provisioning Service registration in a device program (azure-iot-sdk-c, the Embedded C SDK, NetX Duo, the FreeRTOS middleware, or raw MQTT on the `$dps/registrations/PUT/iotdps-register` topic) and checks that the program sets a registration payload whose JSON has a `modelId` key. It follows the payload through macros, string concatenation, `static const` strings, `snprintf` format strings, struct fields and JSON writers, across the files of the program. A payload that is NULL, empty, or JSON without `modelId` is reported; one built entirely at run time is reported as a note instead of a guess.",
    why: "Certification starts by provisioning the device through DPS and reading the Model ID from the registration payload. Without it the test cannot find the device's model, and every AICS test fails before it starts.",
    fix: "Set the payload before registering, with the call of your SDK, e.g. `Prov_Device_LL_Set_Provisioning_Payload(handle, \"{\\\"modelId\\\":\\\"dtmi:com:example:Thermostat;1\\\"}\")`, `az_iot_provisioning_client_register_get_request_payload(&client, AZ_SPAN_FROM_STR(\"{\\\"modelId\\\":\\\"dtmi:...\\\"}\"), ...)`, `nx_azure_iot_provisioning_client_registration_payload_set(...)` or `AzureIoTProvisioningClient_SetRegistrationPayload(...)`. With raw MQTT, publish `{\"registrationId\":\"...\",\"payload\":{\"modelId\":\"dtmi:...\"}}`. If the Model ID is only known at run time, name it in aics-lint.toml (`model-id = \"dtmi:...\"`).",
    step: TroubleshootingStep::TestsNotPassing(1),
    see_also: &[DPS_PAYLOAD_PAGE],
};

/// The payload call that goes with a registration call, for the message: of the same SDK,
/// and of the same layer (the name sharing the longest prefix: `Prov_Device_LL_...` with
/// `Prov_Device_LL_...`, `Prov_Device_...` with `Prov_Device_...`).
pub fn payload_api_for(sdk: &str, register_api: &str) -> Option<&'static str> {
    let shared = |n: &str| n.bytes().zip(register_api.bytes()).take_while(|(a, b)| a == b).count();
    tables()
        .api
        .iter()
        .filter(|a| a.sdk == sdk && a.role == Role::DpsPayload)
        .flat_map(|a| a.names.iter())
        .max_by_key(|n| shared(n))
        .map(String::as_str)
}

pub fn check(dp: &DeviceProgram, ctx: &CheckContext) -> Vec<Finding> {
    let mut out = Vec::new();
    let carries = |v: &PayloadVerdict| matches!(v, PayloadVerdict::CarriesModelId(_));
    let assumed = ctx.assumed_model_id.is_some();

    if !dp.registrations.is_empty() {
        let sdk_payloads: Vec<_> = dp.payloads.iter().collect();
        // The SDK made the register topic, the body was written by hand and published with
        // the application's own MQTT client: judge that body, not the absence of an SDK call.
        let hand_built = sdk_payloads.is_empty() && dp.raw_dps.topics.is_empty() && !dp.raw_dps.bodies.is_empty();
        if hand_built && !dp.raw_dps.bodies.iter().any(|(_, v)| carries(v)) {
            for (at, verdict) in &dp.raw_dps.bodies {
                let mut f = match verdict {
                    PayloadVerdict::Missing(why) => Finding::new(
                        RULE.code,
                        at.clone(),
                        format!("DPS registration body built by hand carries no Model ID: {why}; add `\"payload\":{{\"modelId\":\"dtmi:...\"}}`"),
                    ),
                    PayloadVerdict::Unknown(why) if !assumed => Finding::note(
                        RULE.code,
                        at.clone(),
                        format!("cannot tell whether this hand-built DPS registration body carries a Model ID: {why}. If it does, name the Model ID in aics-lint.toml (`model-id = \"dtmi:...\"`)"),
                    ),
                    _ => continue,
                };
                if let Some(r) = dp.registrations.first() {
                    f = f.with_related(r.site.clone(), "the registration this body is published for");
                }
                out.push(f);
            }
        } else if sdk_payloads.is_empty() && !dp.raw_dps.bodies.iter().any(|(_, v)| carries(v)) {
            for r in &dp.registrations {
                let how = match payload_api_for(&r.sdk, &r.api) {
                    Some(api) => format!("call `{api}` with `{{\"modelId\":\"dtmi:...\"}}` before `{}`", r.api),
                    None => "set a registration payload with `{\"modelId\":\"dtmi:...\"}`".to_string(),
                };
                out.push(Finding::new(
                    RULE.code,
                    r.site.clone(),
                    format!("DPS registration sends no Model ID: this program never sets a registration payload; {how}"),
                ));
            }
        }
        for p in &sdk_payloads {
            match &p.verdict {
                PayloadVerdict::CarriesModelId(ids) if !assumed && ids.iter().all(|v| v.text.is_none()) => {
                    let why = ids.iter().find_map(|v| v.unknown_reason.clone()).unwrap_or_default();
                    out.push(Finding::note(
                        RULE.code,
                        p.site.clone(),
                        format!(
                            "the DPS payload has a `modelId`, but its value is only known at run time ({why}); name it in aics-lint.toml (`model-id = \"dtmi:...\"`) so it can be checked against the hub connection and the model"
                        ),
                    ));
                }
                PayloadVerdict::CarriesModelId(_) => {}
                PayloadVerdict::Missing(why) => {
                    let mut f = Finding::new(
                        RULE.code,
                        p.site.clone(),
                        format!("DPS registration payload carries no Model ID: {why}; certification needs `{{\"modelId\":\"dtmi:...\"}}` here"),
                    );
                    if let Some(r) = dp.registrations.first() {
                        f = f.with_related(r.site.clone(), "the registration this payload is sent with");
                    }
                    out.push(f);
                }
                PayloadVerdict::Unknown(why) if !assumed => out.push(Finding::note(
                    RULE.code,
                    p.site.clone(),
                    format!(
                        "cannot tell whether this DPS payload carries a Model ID: {why}. If it does, name the Model ID in aics-lint.toml (`model-id = \"dtmi:...\"`)"
                    ),
                )),
                PayloadVerdict::Unknown(_) => {}
            }
        }
    }

    // Raw MQTT: the register topic with a hand-built body.
    if !dp.raw_dps.topics.is_empty() && dp.payloads.is_empty() {
        if dp.raw_dps.bodies.is_empty() && dp.json_writer_model_id.is_empty() {
            for t in &dp.raw_dps.topics {
                out.push(Finding::new(
                    RULE.code,
                    t.clone(),
                    "DPS registration over MQTT with no registration body carrying a Model ID: publish `{\"registrationId\":\"...\",\"payload\":{\"modelId\":\"dtmi:...\"}}` on this topic".into(),
                ));
            }
        }
        for (at, verdict) in &dp.raw_dps.bodies {
            if let PayloadVerdict::Missing(why) = verdict {
                let mut f = Finding::new(
                    RULE.code,
                    at.clone(),
                    format!("DPS registration body carries no Model ID: {why}; add `\"payload\":{{\"modelId\":\"dtmi:...\"}}`"),
                );
                if let Some(t) = dp.raw_dps.topics.first() {
                    f = f.with_related(t.clone(), "the DPS register topic this body is published on");
                }
                out.push(f);
            }
        }
    }
    out
}
