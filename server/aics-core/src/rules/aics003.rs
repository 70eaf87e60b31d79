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
