//! AICS002 telemetry-never-sent. The check lives with the telemetry analysis (issue 4).
use super::{Rule, TroubleshootingStep, TELEMETRY_CONVENTION_PAGE};
use crate::diagnostic::Severity;

pub const RULE: Rule = Rule {
    code: "AICS002",
    name: "telemetry-never-sent",
    default_severity: Severity::Warning,
    summary: "A telemetry that the device's model declares is never sent by the device code.",
    what: "Takes the device's Model ID, finds its Interface, and lists every Telemetry the model declares: the root's contents, everything inherited through `extends`, and the contents of each Component's interface (keyed by the component name). Each declared (component, name) pair that no send in the program carries is reported on the Telemetry's `name` in the model, and summarised on the Model ID in the C code.",
    why: "During certification the service listens for every declared telemetry. One that never arrives makes the run \"pass with warnings\" or fail, and you only learn it after a test run of many minutes.",
    fix: "Send the telemetry (under its component's name when it belongs to a Component), or remove it from the model if the device cannot produce it. If the name is built at run time so that the analysis cannot see it, the finding is downgraded to a note that says so.",
    step: TroubleshootingStep::PassedWithWarnings,
    see_also: &[TELEMETRY_CONVENTION_PAGE],
};

use crate::finding::{Finding, Place};
use crate::model_link::LinkedModel;
use crate::telemetry::{Component, ProgramTelemetry};

/// `temperature` or `thermostat1/temperature`.
pub(crate) fn qualified(component: &str, name: &str) -> String {
    if component.is_empty() {
        name.to_string()
    } else {
        format!("{component}/{name}")
    }
}

pub fn check(links: &[LinkedModel], tel: &ProgramTelemetry) -> Vec<Finding> {
    let mut out = Vec::new();
    for l in links {
        let missing: Vec<_> = l
            .items()
            .iter()
            .filter(|d| {
                !tel.sends.iter().any(|s| {
                    s.name == d.name
                        && match &s.component {
                            Component::Root => d.component.is_empty(),
                            Component::Named(c) => *c == d.component,
                            Component::Unknown => true,
                        }
                })
            })
            .collect();
        if missing.is_empty() {
            continue;
        }
        let names: Vec<String> = missing.iter().map(|d| format!("`{}`", qualified(&d.component, &d.name))).collect();
        if let Some(u) = tel.unknown.first() {
            // The program also sends names the analysis cannot see: say so, don't guess.
            if let Some(at) = &l.id_loc {
                out.push(
                    Finding::note(
                        RULE.code,
                        at.clone(),
                        format!(
                            "cannot tell whether {} of `{}` are sent: this program also sends telemetry whose names are built at run time ({})",
                            names.join(", "),
                            l.dtmi,
                            u.reason
                        ),
                    )
                    .with_related(u.site.clone(), "telemetry with a name built at run time"),
                );
            }
            continue;
        }
        for d in &missing {
            let what = if d.component.is_empty() {
                format!("telemetry `{}`", d.name)
            } else {
                format!("telemetry `{}` of component `{}`", d.name, d.component)
            };
            let mut f = Finding::new(
                RULE.code,
                Place::Model { path: d.path.clone(), range: d.name_range.clone() },
                format!("{what} is declared by `{}` but the device never sends it{}", l.dtmi, if d.component.is_empty() { String::new() } else { " under that component".into() }),
            );
            if let Some(at) = &l.id_loc {
                f = f.with_related(at.clone(), "the device program's Model ID");
            }
            out.push(f);
        }
        if let Some(at) = &l.id_loc {
            let mut f = Finding::new(
                RULE.code,
                at.clone(),
                format!(
                    "{} of the {} telemetry declared by `{}` never sent: {}",
                    missing.len(),
                    l.items().len(),
                    l.dtmi,
                    names.join(", ")
                ),
            );
            for d in &missing {
                f = f.with_related(
                    Place::Model { path: d.path.clone(), range: d.name_range.clone() },
                    format!("`{}` is declared here", qualified(&d.component, &d.name)),
                );
            }
            out.push(f);
        }
    }
    out
}
