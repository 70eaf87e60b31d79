//! AICS007 undeclared-telemetry. The check lives with the telemetry analysis (issue 4).
use super::{Rule, TroubleshootingStep, TELEMETRY_CONVENTION_PAGE};
use crate::diagnostic::Severity;

pub const RULE: Rule = Rule {
    code: "AICS007",
    name: "undeclared-telemetry",
    default_severity: Severity::Warning,
    summary: "The device sends a telemetry name that its model does not declare for that component.",
    what: "Compares each telemetry name the device code sends, with the component it is sent under, against the Telemetry contents the model declares for that component.",
    why: "Telemetry the model does not declare is not what the certification test expects; it is often a typo of a declared name, which then also counts as never sent.",
    fix: "Correct the name to the one in the model, send it under the right component, or declare it in the model.",
    step: TroubleshootingStep::TestsNotPassing(2),
    see_also: &[TELEMETRY_CONVENTION_PAGE],
};

use crate::finding::{Finding, Place};
use crate::model_link::LinkedModel;
use crate::telemetry::{Component, ProgramTelemetry, TelemetrySend};

/// Why a send is not declared for its component, by one model; `None` when it is (or
/// when AICS008 covers it: root telemetry that a component declares).
fn undeclared(l: &LinkedModel, s: &TelemetrySend) -> Option<(String, Option<Place>)> {
    let items = l.items();
    let declared_in = |c: &str| items.iter().find(|d| d.component == c && d.name == s.name);
    match &s.component {
        Component::Root => {
            if declared_in("").is_some() || items.iter().any(|d| d.name == s.name) {
                return None;
            }
            Some((format!("`{}` is not telemetry that `{}` declares", s.name, l.dtmi), None))
        }
        Component::Named(c) => {
            if declared_in(c).is_some() {
                return None;
            }
            let elsewhere = items.iter().find(|d| d.name == s.name);
            let why = if !items.iter().any(|d| &d.component == c) && elsewhere.is_none() {
                format!("`{}` is not telemetry that `{}` declares for component `{c}`", s.name, l.dtmi)
            } else if let Some(d) = elsewhere {
                let owner = if d.component.is_empty() { "the root interface".to_string() } else { format!("component `{}`", d.component) };
                format!("`{}` is sent under component `{c}`, but `{}` declares it for {owner}", s.name, l.dtmi)
            } else {
                format!("component `{c}` of `{}` declares no telemetry `{}`", l.dtmi, s.name)
            };
            Some((why, elsewhere.map(|d| Place::Model { path: d.path.clone(), range: d.name_range.clone() })))
        }
        Component::Unknown => {
            if items.iter().any(|d| d.name == s.name) {
                return None;
            }
            Some((format!("`{}` is not telemetry that `{}` declares", s.name, l.dtmi), None))
        }
    }
}

/// A declared telemetry name within two edits of `name` (case-insensitively): a typo.
fn closest_declared<'m>(l: &'m LinkedModel, name: &str) -> Option<&'m str> {
    let lower = name.to_ascii_lowercase();
    l.items()
        .iter()
        .map(|d| (edit_distance(&lower, &d.name.to_ascii_lowercase()), d.name.as_str()))
        .filter(|(dist, n)| *dist <= 2 && *n != name)
        .min()
        .map(|(_, n)| n)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

pub fn check(links: &[LinkedModel], tel: &ProgramTelemetry) -> Vec<Finding> {
    let models: Vec<&LinkedModel> = links.iter().filter(|l| l.complete()).collect();
    // With models it cannot read completely, a name may be declared in the missing part.
    if models.is_empty() || models.len() != links.len() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for s in &tel.sends {
        // Several configurations (boards) may use several models: undeclared in all of them.
        let verdicts: Vec<_> = models.iter().map(|l| undeclared(l, s)).collect();
        if verdicts.iter().any(Option::is_none) {
            continue;
        }
        let Some(Some((why, decl))) = verdicts.into_iter().next() else { continue };
        let hint = match closest_declared(models[0], &s.name) {
            Some(d) => format!(" (did you mean `{d}`?)"),
            None => String::new(),
        };
        let mut f = Finding::new(RULE.code, s.site.clone(), format!("{why}{hint}: correct the name or declare it in the model"));
        if let Some(d) = decl {
            f = f.with_related(d, "declared here");
        }
        out.push(f);
    }
    out
}
