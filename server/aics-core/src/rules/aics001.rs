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

    // Raw MQTT: the register topic with a hand-built body. A program that registers through
    // an SDK and holds the SDK's own sources (azure-iot-sdk-c's MQTT transport writes the
    // register topic) is told so at its registration call above, not again at the SDK's topic.
    if !dp.raw_dps.topics.is_empty() && dp.payloads.is_empty() {
        if dp.raw_dps.bodies.is_empty() && dp.json_writer_model_id.is_empty() && dp.registrations.is_empty() {
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

/// Fixes: set a payload where the program sets none (the call `[[fix]]` in sdk.toml gives
/// for the register call), put `modelId` into a payload written as a JSON literal, rename
/// the legacy `iotcModelId` key, and give a NULL or empty payload argument a payload.
pub(crate) fn fixes(findings: &mut [Finding], input: &crate::fix::FixInput) {
    use crate::c::sdk::FixPlace;
    use crate::finding::Place;
    use crate::fix::{fill, templates, CodeTexts, Fix, ModelIdChoice};
    let dp = input.dp;
    let mut model_id: Option<ModelIdChoice> = None;
    let mut code_texts = CodeTexts::default();
    for f in findings.iter_mut().filter(|f| f.code == RULE.code && f.severity.is_none() && f.fix.is_none()) {
        let Place::C(site) = &f.at else { continue };
        let site = site.clone();
        let mid = model_id.get_or_insert_with(|| ModelIdChoice::of(input));
        let member = mid.json_member_in_c_string(input, site.file);
        let text = &input.files[site.file].text;

        // No payload call: add one before the registration.
        if let Some(reg) = dp.registrations.iter().find(|r| r.site == site) {
            let Some(call) = crate::fix::call_at(input, &site) else { continue };
            let ct = code_texts.around(input, site.file, call.name_range().start);
            let client = call.args.first().map(|r| text[r.clone()].trim().to_string()).unwrap_or_default();
            let payload = format!("\"{{{member}}}\"");
            for t in templates(RULE.code, &reg.api).filter(|t| t.place == FixPlace::Before) {
                let Some((at, indent)) = ct.before_statement(call.name_range().start) else { continue };
                let Some(code) = fill(t, &indent, &[("client", &client), ("payload", &payload)]) else { continue };
                f.fix = Some(Fix { title: t.title.clone(), edits: vec![crate::fix::insertion(site.file, at, &code)] });
                break;
            }
            continue;
        }

        // A payload set with the SDK's call.
        if let Some(p) = dp.payloads.iter().find(|p| p.site == site) {
            let PayloadVerdict::Missing(_) = &p.verdict else { continue };
            let Some(call) = crate::fix::call_at(input, &site) else { continue };
            let Some(api) = tables().lookup(&call.name).find(|a| a.role == Role::DpsPayload) else { continue };
            let Some(arg) = api.arg.and_then(|i| call.args.get(i)) else { continue };
            let arg_text = text[arg.clone()].trim();
            if let Some(fix) = empty_payload_fix(input, mid, call, api.arg.unwrap_or(0), arg_text, site.file) {
                f.fix = Some(fix);
                continue;
            }
            let values = input.resolver.resolve(site.file, &arg);
            let mut edits = Vec::new();
            let mut title = String::new();
            for v in &values {
                // The literal to edit: the one holding the legacy key, else the one the
                // JSON starts in. The legacy value must be a DTMI (or known at run time only).
                let members = crate::c::values::json_members(&v.text());
                let legacy = members.iter().find(|m| tables().legacy_model_id_keys.names.contains(&m.key));
                let (offset, legacy_ok) = match legacy {
                    Some(m) => (
                        m.key_offset,
                        Some(m.value.as_ref().is_some_and(|(val, _)| {
                            val.contains(crate::c::values::UNKNOWN) || crate::dtmi::validate(val).is_ok()
                        })),
                    ),
                    None => (0, None),
                };
                let Some(lit) = v.loc_at(offset).cloned() else { edits.clear(); break };
                let Some((t, e)) = json_literal_fix(input, &lit, &member, false, legacy_ok) else { edits.clear(); break };
                title = t;
                if !edits.contains(&e) {
                    edits.push(e);
                }
            }
            if !edits.is_empty() {
                f.fix = Some(Fix { title, edits });
            }
            continue;
        }

        // A registration body written by hand.
        if dp.raw_dps.bodies.iter().any(|(at, v)| at == &site && matches!(v, PayloadVerdict::Missing(_))) {
            if let Some((title, e)) = json_literal_fix(input, &site, &member, true, None) {
                f.fix = Some(Fix { title, edits: vec![e] });
            }
        }
    }
}

/// A NULL or `""` payload argument (written in the call, or as the whole body of the macro
/// the call names) replaced by a payload with the Model ID, with the code `[[fix]]` gives
/// for the call (`when = "payload-empty"`).
fn empty_payload_fix(
    input: &crate::fix::FixInput,
    mid: &crate::fix::ModelIdChoice,
    call: &crate::c::facts::Call,
    arg_index: usize,
    arg_text: &str,
    file: usize,
) -> Option<crate::fix::Fix<crate::finding::Place>> {
    use crate::c::sdk::FixPlace;
    use crate::fix::{fill, replacement, templates, Fix};
    let empty = |t: &str| t == "\"\"" || tables().is_null(t);
    let payload_in = |f: usize| format!("\"{{{}}}\"", mid.json_member_in_c_string(input, f));
    for t in templates(RULE.code, &call.name).filter(|t| t.when.as_deref() == Some("payload-empty") && t.place == FixPlace::Argument) {
        let n = t.replaces_args.unwrap_or(1).max(1);
        if empty(arg_text) {
            let last = call.args.get(arg_index + n - 1)?;
            let range = call.args.get(arg_index)?.start..last.end;
            let payload = payload_in(file);
            let code = fill(t, "", &[("payload", &payload)])?;
            return Some(Fix { title: t.title.clone(), edits: vec![replacement(file, range, code.trim_end_matches('\n'))] });
        }
        // `#define APP_DPS_PAYLOAD ""` named by the call: the macro's body gets the payload
        // (one definition only; with a length beside it, the call would need changing too).
        if n != 1 || !arg_text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            continue;
        }
        let [(def_file, def)] = input.resolver.global_defines_of(arg_text) else { continue };
        if def.params.is_some() {
            continue;
        }
        let def_text = &input.files[*def_file].text;
        let body = def_text.get(def.body.clone())?;
        let lead = body.len() - body.trim_start().len();
        let token_len = if body[lead..].starts_with("\"\"") {
            2
        } else {
            body[lead..].bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'_').count()
        };
        let token = &body[lead..lead + token_len];
        let rest = crate::fix::code_mask(&body[lead + token_len..]);
        if !empty(token) || rest.iter().any(|c| !c.is_ascii_whitespace()) {
            continue;
        }
        let start = def.body.start + lead;
        let payload = payload_in(*def_file);
        let code = fill(t, "", &[("payload", &payload)])?;
        return Some(Fix {
            title: t.title.clone(),
            edits: vec![replacement(*def_file, start..start + token_len, code.trim_end_matches('\n'))],
        });
    }
    None
}

/// The edit that gives a JSON object written as one C string literal (at `lit`) a Model
/// ID: the legacy key renamed, else `"modelId"` added to the object (for a registration
/// body, `registration == true`: to its `payload` object, added when missing).
fn json_literal_fix(
    input: &crate::fix::FixInput,
    lit: &crate::c::values::Loc,
    member: &str,
    registration: bool,
    legacy_ok: Option<bool>,
) -> Option<(String, crate::fix::Edit<crate::finding::Place>)> {
    use crate::fix::{insertion, replacement};
    let text = &input.files[lit.file].text;
    let src = text.get(lit.range.clone())?;
    if !src.starts_with('"') || !src.ends_with('"') || src.len() < 2 {
        return None;
    }
    let body = &src[1..src.len() - 1];
    let at = |i: usize| lit.range.start + 1 + i;
    // The legacy key: a rename, when its value is a DTMI (or not visible here).
    for legacy in tables().legacy_model_id_keys.names.iter().filter(|k| !k.contains('.')) {
        let quoted = format!("\\\"{legacy}\\\"");
        let found: Vec<usize> = body.match_indices(&quoted).map(|(i, _)| i).collect();
        if let [i] = found[..] {
            let value_start = body[i + quoted.len()..].trim_start().strip_prefix(':').map(|r| r.trim_start());
            let value_ok = legacy_ok.unwrap_or_else(|| match value_start.and_then(|r| r.strip_prefix("\\\"")) {
                Some(v) => v.split("\\\"").next().is_some_and(|v| v.contains('%') || crate::dtmi::validate(v).is_ok()),
                None => false,
            });
            if !value_ok {
                return None;
            }
            let key = at(i + 2)..at(i + 2 + legacy.len());
            return Some((format!("Rename the legacy key `{legacy}` to `modelId`"), replacement(lit.file, key, "modelId")));
        }
    }
    let open_object = |i: usize| -> Option<(String, crate::fix::Edit<crate::finding::Place>)> {
        // `i`: just after a `{`; an empty object takes the member without a comma.
        let empty = body[i..].trim_start().starts_with('}');
        let sep = if empty { "" } else { "," };
        Some(("Add `modelId` to the DPS payload".into(), insertion(lit.file, at(i), &format!("{member}{sep}"))))
    };
    if registration {
        for pat in ["\\\"payload\\\":{", "\\\"payload\\\": {"] {
            if let Some(i) = body.find(pat) {
                return open_object(i + pat.len());
            }
        }
        // No `payload` member: add one at the end of the top-level object.
        let trimmed = body.trim_end();
        if !body.trim_start().starts_with('{') || !trimmed.ends_with('}') {
            return None;
        }
        let close = trimmed.len() - 1;
        return Some((
            "Add a `payload` with `modelId` to the DPS registration body".into(),
            insertion(lit.file, at(close), &format!(",\\\"payload\\\":{{{member}}}")),
        ));
    }
    let lead = body.len() - body.trim_start().len();
    if !body[lead..].starts_with('{') {
        return None;
    }
    open_object(lead + 1)
}
