//! AICS010 writable-property-not-acknowledged: a writable Property the model declares that
//! the program never acknowledges (a reported value with `ac` and `av`). The evidence is
//! read by `crate::contents`; the reporting is shared with AICS009.
use super::{Rule, TroubleshootingStep};
use crate::diagnostic::Severity;

pub const RULE: Rule = Rule {
    code: "AICS010",
    name: "writable-property-not-acknowledged",
    default_severity: Severity::Warning,
    summary: "A writable property that the device's model declares is never acknowledged by the device code.",
    what: "Takes the device's Model ID and lists every writable Property the model declares (root, `extends` closure, each Component keyed by component). A writable property counts as acknowledged when the program writes its name into a reported-properties JSON that also carries the acknowledgement members `ac` and `av`, or hands it to an SDK acknowledgement builder (`az_iot_hub_client_properties_writer_begin_response_status`, `nx_azure_iot_hub_client_reported_properties_status_begin`, `AzureIoTHubClientProperties_BuilderBeginResponseStatus`, azure-iot-sdk-c's `IOTHUB_CLIENT_PROPERTY_WRITABLE_RESPONSE`). Each one that is not is reported on its `name` in the model (saying whether the program at least reads it from the desired properties), and summarised on the Model ID in the C code.",
    why: "Certification writes the writable properties the model declares and waits for the device to acknowledge each with its status code and the desired version. Without the acknowledgement the required event is not completed and the test fails.",
    fix: "Read the property from the desired properties (the twin or properties callback) and report it back as `{\"<name>\":{\"value\":<v>,\"ac\":200,\"av\":<desired $version>}}`, with the SDK's acknowledgement builder where it has one, or remove it from the model. When the acknowledged names are known only at run time, the finding becomes a note that says so.",
    step: TroubleshootingStep::TestsNotPassing(2),
    see_also: &[PROPERTIES_CONVENTION_PAGE],
};

pub(crate) const PROPERTIES_CONVENTION_PAGE: &str = "https://learn.microsoft.com/azure/iot/concepts-convention#writable-properties";

use aics_dtdl::{DeclaredContent, ServedKind};

use super::aics009::{report, Served};
use crate::contents::ProgramContents;
use crate::finding::{CheckContext, Finding};
use crate::model_link::LinkedModel;

pub fn check(links: &[LinkedModel], ctx: &CheckContext, pc: &ProgramContents) -> Vec<Finding> {
    let missing = |d: &DeclaredContent| {
        if pc.property_read(&d.name) {
            "the device reads it and never acknowledges it (a reported value with `ac` and `av`)".to_string()
        } else if !pc.receives_properties {
            "the device never subscribes to desired properties, so it neither reads nor acknowledges it".to_string()
        } else {
            "the device never reads it from the desired properties nor acknowledges it".to_string()
        }
    };
    let s = Served {
        code: RULE.code,
        kind: ServedKind::WritableProperty,
        noun: "writable property",
        plural: "writable properties",
        missing: &missing,
        verb: "acknowledged",
        unknown: &pc.ack_unknown,
        unknown_what: "the analysis cannot follow all of the acknowledgements",
        unknown_site: "an acknowledgement the analysis cannot follow",
        used: pc.acknowledged.iter().map(|w| (w.name.as_str(), &w.site)).collect(),
        used_as: "acknowledges",
        unexplained: &|n| pc.unexplained_mentions(n),
        agent_unseen: &|c| pc.agent_unseen(c),
    };
    report(links, ctx, &s, &|d| pc.property_acknowledged(&d.component, &d.name))
}
