//! AICS003 hub-connection-missing-model-id.
use super::{Rule, TroubleshootingStep, MODEL_ID_ANNOUNCEMENT_PAGE};
use crate::c::sdk::tables;
use crate::device::DeviceProgram;
use crate::diagnostic::Severity;
use crate::finding::{CheckContext, Finding};

pub const RULE: Rule = Rule {
    code: "AICS003",
    name: "hub-connection-missing-model-id",
    default_severity: Severity::Warning,
    summary: "The device connects to IoT Hub without announcing its Model ID.",
    what: "Finds each IoT Hub client the device program creates and checks that the program announces a Model ID on that connection: `OPTION_MODEL_ID` with the azure-iot-sdk-c, `model_id` in the Embedded C SDK's client options, `nx_azure_iot_hub_client_model_id_set` with NetX Duo, `pucModelID` in the FreeRTOS middleware's options, or `model-id=` in a hand-built MQTT username. It also reports an `OPTION_MODEL_ID` that cannot reach the hub because the client only uses AMQP or HTTP.",
    why: "IoT Plug and Play learns the device's model from the Model ID sent when the device connects (in the MQTT username). Without it the certification service cannot get the device's Digital Twin Model ID and the test fails with \"Failed to get Digital Twin Model ID of device ... due to DeviceNotConnected\".",
    fix: "Announce the Model ID when creating the client, before connecting: `IoTHubDeviceClient_LL_SetOption(handle, OPTION_MODEL_ID, MODEL_ID)` (on an MQTT transport), `options.model_id = AZ_SPAN_LITERAL_FROM_STR(MODEL_ID)` before `az_iot_hub_client_init`, `nx_azure_iot_hub_client_model_id_set(...)`, or `xHubOptions.pucModelID`/`ulModelIDLength`. Then reboot the device and provision it again before re-running the test.",
    step: TroubleshootingStep::TestsNotPassing(3),
    see_also: &[MODEL_ID_ANNOUNCEMENT_PAGE],
};

fn how_to_announce(sdk: &str) -> &'static str {
    match sdk {
        "azure-iot-sdk-c" => "call `IoTHubDeviceClient_LL_SetOption(handle, OPTION_MODEL_ID, \"dtmi:...\")` right after creating the client",
        "azure-sdk-for-c" => "set `options.model_id = AZ_SPAN_LITERAL_FROM_STR(\"dtmi:...\")` on `az_iot_hub_client_options_default()` and pass `&options`",
        "netxduo" => "call `nx_azure_iot_hub_client_model_id_set(&hub_client, (UCHAR *)MODEL_ID, sizeof(MODEL_ID) - 1)` before connecting",
        "azure-iot-middleware-freertos" => "set `xHubOptions.pucModelID` and `xHubOptions.ulModelIDLength` before `AzureIoTHubClient_Init`",
        _ => "append `&model-id=<url-encoded dtmi>` to the MQTT username",
    }
}

pub fn check(dp: &DeviceProgram, _ctx: &CheckContext) -> Vec<Finding> {
    let t = tables();
    let mut out = Vec::new();
    let sdk_announced = dp.announcements.iter().any(|a| a.sdk != "mqtt");
    let mqtt_announced = dp.announcements.iter().any(|a| a.sdk == "mqtt");
    for c in &dp.hub_connections {
        if c.sdk == "mqtt" {
            if !mqtt_announced && !sdk_announced {
                out.push(Finding::new(
                    RULE.code,
                    c.site.clone(),
                    format!("IoT Hub MQTT username without a Model ID: {}", how_to_announce("mqtt")),
                ));
            }
            continue;
        }
        if c.options_null {
            out.push(Finding::new(
                RULE.code,
                c.site.clone(),
                format!("`{}` is given NULL options, so the hub connection announces no Model ID: {}", c.api, how_to_announce(&c.sdk)),
            ));
        } else if !sdk_announced {
            out.push(Finding::new(
                RULE.code,
                c.site.clone(),
                format!("The IoT Hub connection never announces a Model ID: {}", how_to_announce(&c.sdk)),
            ));
        } else if !c.transports.is_empty() && c.transports.iter().all(|tr| t.transports.other.contains(tr)) {
            let mut f = Finding::new(
                RULE.code,
                c.site.clone(),
                format!(
                    "The Model ID set with OPTION_MODEL_ID is only sent over MQTT, but this client uses `{}`: use `MQTT_Protocol` (or `MQTT_WebSocket_Protocol`)",
                    c.transports.join("`, `")
                ),
            );
            if let Some(a) = dp.announcements.first() {
                f = f.with_related(a.site.clone(), "the Model ID that this transport drops");
            }
            out.push(f);
        }
    }
    out
}

/// Fixes: announce the Model ID where the client is created, with the code `[[fix]]` in
/// sdk.toml gives for the create call (an option call after it, or the options field
/// before it).
pub(crate) fn fixes(findings: &mut [Finding], input: &crate::fix::FixInput) {
    use crate::c::sdk::FixPlace;
    use crate::finding::Place;
    use crate::fix::{fill, insertion, replacement, templates, CodeTexts, Fix, ModelIdChoice};
    let mut model_id: Option<ModelIdChoice> = None;
    let mut code_texts = CodeTexts::default();
    for f in findings.iter_mut().filter(|f| f.code == RULE.code && f.fix.is_none()) {
        let Place::C(site) = &f.at else { continue };
        let Some(conn) = input.dp.hub_connections.iter().find(|c| &c.site == site) else { continue };
        if conn.sdk == "mqtt" {
            f.fix = username_fix(input, site, model_id.get_or_insert_with(|| ModelIdChoice::of(input)));
            continue;
        }
        // The transport finding (OPTION_MODEL_ID over AMQP) is not fixed by announcing again.
        if !conn.options_null && input.dp.announcements.iter().any(|a| a.sdk != "mqtt") {
            continue;
        }
        let Some(call) = crate::fix::call_at(input, site) else { continue };
        let text = &input.files[site.file].text;
        let api = crate::c::sdk::tables().lookup(&call.name).find(|a| a.role == crate::c::sdk::Role::HubCreate);
        let options_arg = api.and_then(|a| a.options_arg).and_then(|i| call.args.get(i));
        let options = options_arg.as_ref().map(|r| text[r.clone()].trim());
        let ct = code_texts.around(input, site.file, call.name_range().start);
        let mid = model_id.get_or_insert_with(|| ModelIdChoice::of(input)).c_expr(input, site.file);
        let client = call.args.first().map(|r| text[r.clone()].trim().to_string()).unwrap_or_default();
        let result = ct.assigned_to(call.name_range().start);
        for t in templates(RULE.code, &call.name) {
            // An empty Model ID argument of the create call: the Model ID in its place.
            if t.when.as_deref() == Some("model-id-empty") {
                let Some(arg) = api.and_then(|a| a.model_id_arg).and_then(|i| call.args.get(i)) else { continue };
                if t.place != FixPlace::Argument || !crate::c::sdk::tables().is_null(text[arg.clone()].trim()) {
                    continue;
                }
                let Some(code) = fill(t, "", &[("model_id", mid.as_str())]) else { continue };
                f.fix = Some(Fix { title: t.title.clone(), edits: vec![replacement(site.file, arg.clone(), code.trim_end_matches('\n'))] });
                break;
            }
            let options_object = match (t.when.as_deref(), options) {
                (Some("options-null"), _) if conn.options_null => None,
                (Some("options-null"), _) => continue,
                (Some("options"), Some(o)) if !conn.options_null => match o.strip_prefix('&') {
                    Some(obj) => Some(obj.trim().to_string()),
                    None => continue,
                },
                (Some(_), _) => continue,
                (None, _) => None,
            };
            let place = match t.place {
                FixPlace::Before => ct.before_statement(call.name_range().start).map(|(at, indent)| crate::fix::Placement { at, indent, new_else: None }),
                FixPlace::After => ct.after_success(call.name_range().start, result.as_deref()),
                FixPlace::Argument => None,
            };
            let Some(place) = place else { continue };
            let indent = place.indent.clone();
            let mut holes = vec![("client", client.as_str()), ("model_id", mid.as_str())];
            if let Some(r) = &result {
                holes.push(("result", r));
            }
            if let Some(o) = &options_object {
                holes.push(("options", o));
            }
            let Some(code) = fill(t, &indent, &holes) else { continue };
            let mut edits = vec![insertion(site.file, place.at, &place.text(&code))];
            if let (Some(new_arg), Some(r)) = (&t.options_arg, &options_arg) {
                // The options variable the fix declares must not clash with one in scope.
                let name = new_arg.trim_start_matches('&');
                if crate::fix::mentions(text, name) {
                    continue;
                }
                edits.push(replacement(site.file, r.clone(), new_arg));
            }
            f.fix = Some(Fix { title: t.title.clone(), edits });
            break;
        }
    }
}

/// A hand-built MQTT username, `"%s/%s/?api-version=2021-04-12"` as the format of a printf
/// call: `&model-id=%s` appended to the format and the Model ID to the call's arguments, as
/// the samples that announce it do.
fn username_fix(input: &crate::fix::FixInput, lit: &crate::c::values::Loc, mid: &crate::fix::ModelIdChoice) -> Option<crate::fix::Fix<crate::finding::Place>> {
    use crate::c::sdk::Role;
    use crate::fix::{insertion, Fix};
    let t = tables();
    let text = &input.files[lit.file].text;
    let src = text.get(lit.range.clone())?;
    let body = src.strip_prefix('"')?.strip_suffix('"')?;
    // Only the form with a query (`/?api-version=`) takes `&model-id=` mechanically; the
    // older `/api-version=` username has no query to extend.
    let query = t.raw_mqtt.hub_usernames.iter().filter(|u| u.contains('?')).find_map(|u| body.find(u.as_str()))?;
    // The api-version value runs to the end of the literal: nothing after it to keep in order.
    if body[query..].contains('&') || body[query..].contains('%') {
        return None;
    }
    let param = &t.raw_mqtt.model_id_param;
    // The format argument of a printf-family call: `&model-id=%s` and the Model ID as an
    // argument, as the samples that announce it do.
    let call = input.files[lit.file].facts.calls.iter().find(|c| {
        t.lookup(&c.name).any(|a| a.role == Role::Format && a.arg.and_then(|i| c.args.get(i)).as_ref() == Some(&lit.range))
    });
    let Some(call) = call else {
        // A plain literal (`#define USERNAME HOST "/" DEVICEID "/?api-version=..."`), not a
        // format (no `%` in it): the Model ID written into it.
        if body.contains('%') {
            return None;
        }
        return Some(Fix {
            title: "Announce the Model ID in the MQTT username (model-id)".into(),
            edits: vec![insertion(lit.file, lit.range.end - 1, &format!("&{param}{}", mid.in_c_string(input, lit.file)))],
        });
    };
    let last = call.args.last()?;
    let expr = mid.c_expr(input, lit.file);
    Some(Fix {
        title: "Announce the Model ID in the MQTT username (model-id)".into(),
        edits: vec![
            insertion(lit.file, lit.range.end - 1, &format!("&{param}%s")),
            insertion(lit.file, last.end, &format!(", {expr}")),
        ],
    })
}
