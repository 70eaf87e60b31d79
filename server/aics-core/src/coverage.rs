//! Coverage at a glance: for each device program and each Model ID it uses, how much of what
//! the model declares the code serves — telemetry sent, commands handled, writable properties
//! acknowledged, read-only properties reported. The counts use the same evidence as the rules
//! (AICS002, AICS009-AICS011), so "3/4 sent" and one AICS002 finding tell the same story.

use aics_dtdl::{DeclaredTelemetry, ServedKind};

use crate::c::values::Loc;
use crate::contents::ProgramContents;
use crate::diagnostic::Span;
use crate::finding::CheckContext;
use crate::model_link::LinkedModel;
use crate::telemetry::{Component, ProgramTelemetry};

/// How many contents of one kind the model declares, and how many of them the code serves.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub declared: usize,
    pub served: usize,
}

/// The coverage of one Model ID by one device program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Coverage {
    pub model_id: String,
    /// Where the program writes the Model ID; `None` when it comes from the config.
    pub at: Option<Span>,
    pub telemetry: Tally,
    pub commands: Tally,
    pub writable_properties: Tally,
    pub properties: Tally,
    /// Some of the program's names are known only at run time: the served counts are a
    /// lower bound.
    pub partial: bool,
    /// Where the program serves each declared content it serves (for hover and navigation).
    pub evidence: Vec<Evidence>,
}

/// One place where a program serves a declared content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evidence {
    /// `sent`, `handled`, `acknowledged` or `reported`.
    pub verb: &'static str,
    /// The component ("" for the root) and the content's name.
    pub component: String,
    pub name: String,
    pub at: Span,
}

/// [`Evidence`] before the analysis has line tables: a place as file and byte range.
pub(crate) type RawEvidence = (&'static str, String, String, Loc);

impl Coverage {
    /// `telemetry 3/4 sent · commands 1/2 handled · writable properties 2/2 acknowledged ·
    /// properties 1/1 reported` (kinds the model does not declare are left out).
    pub fn line(&self) -> String {
        let parts: Vec<String> = [
            ("telemetry", self.telemetry, "sent"),
            ("commands", self.commands, "handled"),
            ("writable properties", self.writable_properties, "acknowledged"),
            ("properties", self.properties, "reported"),
        ]
        .iter()
        .filter(|(_, t, _)| t.declared > 0)
        .map(|(what, t, verb)| format!("{what} {}/{} {verb}", t.served, t.declared))
        .collect();
        if parts.is_empty() {
            "declares no telemetry, commands or properties".to_string()
        } else {
            parts.join(" · ")
        }
    }
}

/// One program's check: its findings and the coverage of each of its Model IDs (with the
/// Model ID's place in C, made a span once the analysis has the line tables).
pub(crate) type Checked = (Vec<crate::finding::Finding>, Vec<(Option<Loc>, Coverage, Vec<RawEvidence>)>);

/// The coverage of each linked model with a known Interface, with the Model ID's place in C.
pub(crate) fn of(links: &[LinkedModel], ctx: &CheckContext, tel: &ProgramTelemetry, pc: &ProgramContents) -> Vec<(Option<Loc>, Coverage, Vec<RawEvidence>)> {
    let mut out = Vec::new();
    for l in links {
        if l.declared.is_none() {
            continue;
        }
        let items = l.items();
        // The first send of each declared telemetry, if any: counted, and its place kept.
        let first_send = |d: &&DeclaredTelemetry| {
            tel.sends.iter().find(|s| {
                s.name == d.name
                    && match &s.component {
                        Component::Root => d.component.is_empty(),
                        Component::Named(c) => *c == d.component,
                        Component::Unknown => true,
                    }
            })
        };
        let sent = items.iter().filter(|d| first_send(d).is_some()).count();
        let set = ctx.models.served_contents(&l.dtmi);
        let tally = |kind: ServedKind, served: &dyn Fn(&str, &str) -> bool| {
            let declared: Vec<_> = set.of_kind(kind).collect();
            Tally { declared: declared.len(), served: declared.iter().filter(|d| served(&d.component, &d.name)).count() }
        };
        // Where each declared content is served: the first place that serves it.
        let mut evidence: Vec<RawEvidence> = Vec::new();
        for d in items.iter() {
            if let Some(s) = first_send(&d) {
                evidence.push(("sent", d.component.clone(), d.name.clone(), s.site.clone()));
            }
        }
        for d in set.of_kind(ServedKind::Command) {
            if pc.command_handled(&d.component, &d.name) {
                if let Some(x) = pc.dispatched.iter().find(|x| x.name == d.name) {
                    evidence.push(("handled", d.component.clone(), d.name.clone(), x.site.clone()));
                }
            }
        }
        for d in set.of_kind(ServedKind::WritableProperty) {
            if pc.property_acknowledged(&d.component, &d.name) {
                if let Some(x) = pc.acknowledged.iter().find(|x| x.name == d.name) {
                    evidence.push(("acknowledged", d.component.clone(), d.name.clone(), x.site.clone()));
                }
            }
        }
        for d in set.of_kind(ServedKind::ReportedProperty) {
            if pc.property_reported(&d.component, &d.name) {
                if let Some(x) = pc.reported.iter().chain(&pc.acknowledged).find(|x| x.name == d.name) {
                    evidence.push(("reported", d.component.clone(), d.name.clone(), x.site.clone()));
                }
            }
        }
        out.push((
            l.id_loc.clone(),
            Coverage {
                model_id: l.dtmi.clone(),
                at: None,
                telemetry: Tally { declared: items.len(), served: sent },
                commands: tally(ServedKind::Command, &|c, n| pc.command_handled(c, n)),
                writable_properties: tally(ServedKind::WritableProperty, &|c, n| pc.property_acknowledged(c, n)),
                properties: tally(ServedKind::ReportedProperty, &|c, n| pc.property_reported(c, n)),
                partial: !tel.unknown.is_empty()
                    || !pc.command_unknown.is_empty()
                    || !pc.ack_unknown.is_empty()
                    || !pc.report_unknown.is_empty()
                    // A component an SDK agent serves, started outside the linted files.
                    || set.items.iter().any(|d| pc.agent_unseen(&d.component)),
                evidence: Vec::new(),
            },
            evidence,
        ));
    }
    out
}

/// Give each coverage its Model ID's span; one entry per (Model ID, place), in path order.
pub(crate) fn placed(raw: Vec<(Option<Loc>, Coverage, Vec<RawEvidence>)>, span: impl Fn(&Loc) -> Span) -> Vec<Coverage> {
    let mut out: Vec<Coverage> = raw
        .into_iter()
        .map(|(loc, mut c, evidence)| {
            c.at = loc.as_ref().map(&span);
            c.evidence = evidence.into_iter().map(|(verb, component, name, at)| Evidence { verb, component, name, at: span(&at) }).collect();
            c
        })
        .collect();
    out.sort_by(|a, b| {
        let key = |c: &Coverage| c.at.as_ref().map(|s| (s.path.clone(), s.start));
        key(a).cmp(&key(b)).then_with(|| a.model_id.cmp(&b.model_id))
    });
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_names_only_what_the_model_declares() {
        let c = Coverage {
            model_id: "dtmi:a:b;1".into(),
            at: None,
            telemetry: Tally { declared: 4, served: 3 },
            commands: Tally { declared: 2, served: 1 },
            writable_properties: Tally::default(),
            properties: Tally { declared: 1, served: 1 },
            partial: false,
            evidence: Vec::new(),
        };
        assert_eq!(c.line(), "telemetry 3/4 sent · commands 1/2 handled · properties 1/1 reported");
    }
}
