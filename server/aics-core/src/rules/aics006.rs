//! AICS006 model-not-found. The check lives with the model layer.
use super::{Rule, TroubleshootingStep};
use crate::diagnostic::Severity;

pub const RULE: Rule = Rule {
    code: "AICS006",
    name: "model-not-found",
    default_severity: Severity::Warning,
    summary: "The device's Model ID names no Interface among the workspace's DTDL files and model folders.",
    what: "Looks the device's Model ID up (case-sensitively, as DTMIs compare) among the DTDL files of the workspace and the configured model folders, including folders in the model-repository layout.",
    why: "Certification resolves the Model ID against the public model repository or the model you upload. A Model ID that names no model cannot be tested, and nothing else about the device's telemetry can be checked.",
    fix: "Add the model file to the workspace, point `--models` (or `models` in aics-lint.toml) at the folder that holds it, or correct the Model ID. In the repository layout the file must sit at the path given in the message (lower-case, `:` becomes `/`, `;` becomes `-`).",
    step: TroubleshootingStep::ModelRepository,
    see_also: &[],
};

use crate::finding::Finding;
use crate::model_link::LinkedModel;

pub fn check(links: &[LinkedModel]) -> Vec<Finding> {
    links
        .iter()
        .filter(|l| l.declared.is_none())
        .filter_map(|l| {
            let at = l.id_loc.clone()?;
            Some(Finding::new(
                RULE.code,
                at,
                format!(
                    "no DTDL Interface has the Model ID `{}`: add the model to the workspace or a model folder (`--models`, `models` in aics-lint.toml); in the repository layout it is `{}`",
                    l.dtmi,
                    aics_dtdl::repository_path(&l.dtmi)
                ),
            ))
        })
        .collect()
}
