//! AICS011 property-never-reported: a read-only Property the model declares that the program
//! never reports. The evidence is read by `crate::contents`; the reporting is shared with
//! AICS009.
use super::{Rule, TroubleshootingStep};
use crate::diagnostic::Severity;

pub const RULE: Rule = Rule {
    code: "AICS011",
    name: "property-never-reported",
    default_severity: Severity::Warning,
    summary: "A read-only property that the device's model declares is never reported by the device code.",
    what: "Takes the device's Model ID and lists every read-only Property the model declares (root, `extends` closure, each Component keyed by component). A property counts as reported when its name is written into the JSON of a reported-properties update: by the functions that call the SDKs' reporting APIs (`IoTHubDeviceClient_LL_SendReportedState`, `IoTHubDeviceClient_LL_SendPropertiesAsync` and its serializer, `az_iot_hub_client_properties_get_reported_publish_topic` with a JSON writer, `nx_azure_iot_hub_client_reported_properties_send`, `AzureIoTHubClient_SendPropertiesReported`) or publish on the raw-MQTT topic `$iothub/twin/PATCH/properties/reported/`, by what they call, or by their direct callers. Each one that is not is reported on its `name` in the model, and summarised on the Model ID in the C code.",
    why: "Certification reads the properties the model declares from the device twin. A property the device never reports is missing there, the required event is not completed and the test fails.",
    fix: "Report the property (under its component, with `\"__t\":\"c\"`, when it belongs to a Component) once the device is connected, or remove it from the model. When reported names are built at run time so that the analysis cannot see them, the finding becomes a note that says so.",
    step: TroubleshootingStep::TestsNotPassing(2),
    see_also: &[READONLY_CONVENTION_PAGE],
};

pub(crate) const READONLY_CONVENTION_PAGE: &str = "https://learn.microsoft.com/azure/iot/concepts-convention#read-only-properties";

use aics_dtdl::{DeclaredContent, ServedKind};

use super::aics009::{report, Served};
use crate::contents::ProgramContents;
use crate::finding::{CheckContext, Finding};
use crate::model_link::LinkedModel;

pub fn check(links: &[LinkedModel], ctx: &CheckContext, pc: &ProgramContents) -> Vec<Finding> {
    let missing = |_: &DeclaredContent| "the device never reports it".to_string();
    let s = Served {
        code: RULE.code,
        kind: ServedKind::ReportedProperty,
        noun: "property",
        plural: "properties",
        missing: &missing,
        verb: "reported",
        unknown: &pc.report_unknown,
        unknown_what: "the analysis cannot follow all of the reported properties",
        unknown_site: "a report the analysis cannot follow",
        used: pc.reported.iter().map(|w| (w.name.as_str(), &w.site)).collect(),
        used_as: "reports",
        unexplained: &|n| pc.unexplained_mentions(n),
        agent_unseen: &|c| pc.agent_unseen(c),
    };
    report(links, ctx, &s, &|d| pc.property_reported(&d.component, &d.name))
}
