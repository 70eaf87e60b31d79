//! AICS008 component-telemetry-without-component. The check lives with the telemetry analysis.
use super::{Rule, TroubleshootingStep, TELEMETRY_CONVENTION_PAGE};
use crate::diagnostic::Severity;

pub const RULE: Rule = Rule {
    code: "AICS008",
    name: "component-telemetry-without-component",
    default_severity: Severity::Warning,
    summary: "Telemetry declared inside a Component is sent without the component marker.",
    what: "Finds sends of telemetry that the model declares only inside a Component, in messages that carry no component name (`$.sub` / `%24.sub` message property, or the SDK's component-name call).",
    why: "IoT Plug and Play routes component telemetry by the `$.sub` property. Without it the service takes the value as root telemetry, which the model does not declare, and the component's telemetry counts as never received.",
    fix: "Set the component name on the message before sending: `IoTHubMessage_SetComponentName`, `az_iot_message_properties_append` with `AZ_IOT_MESSAGE_COMPONENT_NAME`, `nx_azure_iot_hub_client_telemetry_component_set`, or the `%24.sub` property for the FreeRTOS middleware.",
    step: TroubleshootingStep::TestsNotPassing(2),
    see_also: &[TELEMETRY_CONVENTION_PAGE],
};
