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

use crate::finding::{Finding, Place};
use crate::model_link::LinkedModel;
use crate::telemetry::{Component, ProgramTelemetry};

pub fn check(links: &[LinkedModel], tel: &ProgramTelemetry) -> Vec<Finding> {
    let models: Vec<&LinkedModel> = links.iter().filter(|l| l.complete()).collect();
    if models.is_empty() || models.len() != links.len() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for s in tel.sends.iter().filter(|s| s.component == Component::Root) {
        let mut hits = Vec::new();
        for l in &models {
            let items = l.items();
            if items.iter().any(|d| d.component.is_empty() && d.name == s.name) {
                hits.clear();
                break;
            }
            match items.iter().find(|d| !d.component.is_empty() && d.name == s.name) {
                Some(d) => hits.push((l.dtmi.clone(), d)),
                None => {
                    hits.clear();
                    break;
                }
            }
        }
        let Some((dtmi, d)) = hits.first() else { continue };
        let components: Vec<String> = models
            .iter()
            .flat_map(|l| l.items().iter().filter(|d| d.name == s.name && !d.component.is_empty()).map(|d| format!("`{}`", d.component)))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        out.push(
            Finding::new(
                RULE.code,
                s.site.clone(),
                format!(
                    "`{}` is telemetry of component {} in `{dtmi}`, but this message carries no component name: set it on the message (`$.sub`) before sending",
                    s.name,
                    components.join(", ")
                ),
            )
            .with_related(Place::Model { path: d.path.clone(), range: d.name_range.clone() }, "declared in the component's interface"),
        );
    }
    out
}
