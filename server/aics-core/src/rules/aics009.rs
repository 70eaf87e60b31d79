//! AICS009 command-not-handled: a Command the device's model declares that no command
//! handler of the program dispatches. The evidence is read by `crate::contents`.
use super::{Rule, TroubleshootingStep};
use crate::diagnostic::Severity;

pub const RULE: Rule = Rule {
    code: "AICS009",
    name: "command-not-handled",
    default_severity: Severity::Warning,
    summary: "A command that the device's model declares is dispatched by no command handler of the device code.",
    what: "Takes the device's Model ID, finds its Interface, and lists every Command the model declares: the root's contents, everything inherited through `extends`, and the contents of each Component's interface (keyed by the component name). A command counts as handled when the program compares an incoming name with it (`strcmp`, `az_span_is_content_equal`, the SDKs' JSON token comparisons), pairs it with a handler function in a table or a registration call, or uses the older convention's method name `component*command` or the raw-MQTT topic `$iothub/methods/POST/<name>`; a command of a component also needs the component's name in the program. Each declared command that none of this covers is reported on the Command's `name` in the model, and summarised on the Model ID in the C code.",
    why: "Certification invokes the commands the model declares. A command the device never answers times out, the required event is not completed and the test fails, after a cloud run of many minutes.",
    fix: "Dispatch the command in the command callback (`IoTHubDeviceClient_LL_SubscribeToCommands` / `SetDeviceMethodCallback`, `az_iot_hub_client_commands_parse_received_topic`, `nx_azure_iot_hub_client_command_message_receive`, `AzureIoTHubClient_SubscribeCommand`, or the `$iothub/methods/POST/#` topic) and send its response, or remove it from the model. When the handler compares the incoming name with values only known at run time, the finding becomes a note that says so.",
    step: TroubleshootingStep::TestsNotPassing(2),
    see_also: &[COMMANDS_CONVENTION_PAGE],
};

pub(crate) const COMMANDS_CONVENTION_PAGE: &str = "https://learn.microsoft.com/azure/iot/concepts-convention#commands";

use std::collections::HashSet;

use aics_dtdl::{DeclaredContent, ServedKind};

use crate::c::values::Loc;

use crate::contents::{ProgramContents, Unknown};
use crate::finding::{CheckContext, Finding, Place};
use crate::model_link::LinkedModel;

/// What one rule needs to report its declared-but-not-served contents.
pub(crate) struct Served<'a> {
    pub code: &'static str,
    pub kind: ServedKind,
    /// `command`, `writable property`, `property`.
    pub noun: &'static str,
    pub plural: &'static str,
    /// Per missing content: the end of "… is declared by `X` but …".
    pub missing: &'a dyn Fn(&DeclaredContent) -> String,
    /// The summary's verb: "handled", "acknowledged", "reported".
    pub verb: &'static str,
    /// What the program does that the analysis cannot read.
    pub unknown: &'a [Unknown],
    pub unknown_what: &'static str,
    /// The related location's message at the first such place.
    pub unknown_site: &'static str,
    /// The names the program uses in this role (compared, acknowledged, reported) with
    /// where: a missing content with a near name among them is likely a typo on one side.
    pub used: Vec<(&'a str, &'a Loc)>,
    /// "handles … like a command", "acknowledges … like a writable property".
    pub used_as: &'static str,
    /// Where the program writes a name that no evidence accounts for.
    pub unexplained: &'a dyn Fn(&str) -> Option<&'a Loc>,
    /// Components an SDK agent serves (Device Update) whose agent the program does not start
    /// in the linted files: it may start it elsewhere, so their contents get a note.
    pub agent_unseen: &'a dyn Fn(&str) -> bool,
}

/// A name the program uses that the model does not declare but that is one or two edits
/// away from `declared` (one for short names): the likely typo behind a missing content.
fn near_miss<'a>(declared: &str, used: &[(&'a str, &'a Loc)], all_declared: &HashSet<&str>) -> Option<(&'a str, &'a Loc)> {
    let limit = if declared.chars().count() <= 5 { 1 } else { 2 };
    used.iter()
        .copied()
        .filter(|(u, _)| !all_declared.contains(u))
        .map(|(u, at)| (strsim::levenshtein(u, declared), u, at))
        .filter(|(d, _, _)| (1..=limit).contains(d))
        .min_by_key(|(d, u, _)| (*d, *u))
        .map(|(_, u, at)| (u, at))
}

/// Report the declared contents of `kind` that `served` says are not served, the way
/// AICS002 reports telemetry: one finding per content on its `name` in the model with the
/// Model ID as related location, and a summary on the Model ID; or, when the program also
/// does things the analysis cannot read, one note on the Model ID.
impl Served<'_> {
    /// "like a command", "like a writable property", "like a property".
    fn verb_used(&self) -> String {
        format!("like a {}", self.noun)
    }
}

pub(crate) fn report(links: &[LinkedModel], ctx: &CheckContext, s: &Served, served: &dyn Fn(&DeclaredContent) -> bool) -> Vec<Finding> {
    let mut out = Vec::new();
    for l in links {
        if l.declared.is_none() {
            continue;
        }
        let set = ctx.models.served_contents(&l.dtmi);
        let declared: Vec<&DeclaredContent> = set.of_kind(s.kind).collect();
        let not_served: Vec<&DeclaredContent> = declared.iter().copied().filter(|d| !served(d)).collect();
        // Contents of a component that an SDK agent serves, when no agent start is in the
        // linted files: the agent is usually started from code outside them (a separate
        // sample file, a board support package), so this cannot be decided here.
        let (agent_side, not_served): (Vec<&DeclaredContent>, Vec<&DeclaredContent>) =
            not_served.into_iter().partition(|d| (s.agent_unseen)(&d.component));
        if let (Some(first), Some(at)) = (agent_side.first(), &l.id_loc) {
            let names: Vec<String> = agent_side.iter().map(|d| format!("`{}`", super::aics002::qualified(&d.component, &d.name))).collect();
            out.push(Finding::note(
                s.code,
                at.clone(),
                format!(
                    "cannot tell whether {} of `{}` {} {}: component `{}` is served by an SDK agent (Device Update) that the linted files do not start; it may be started outside them",
                    names.join(", "),
                    l.dtmi,
                    if agent_side.len() == 1 { "is" } else { "are" },
                    s.verb,
                    first.component
                ),
            ));
        }
        // A missing name the program does write somewhere the analysis cannot follow (handed
        // to a helper outside the linted files): say so instead of warning.
        let (unfollowed, missing): (Vec<&DeclaredContent>, Vec<&DeclaredContent>) =
            not_served.into_iter().partition(|d| (s.unexplained)(&d.name).is_some());
        if s.unknown.is_empty() {
            if let (Some(first), Some(at)) = (unfollowed.first(), &l.id_loc) {
                let names: Vec<String> = unfollowed.iter().map(|d| format!("`{}`", super::aics002::qualified(&d.component, &d.name))).collect();
                let mut f = Finding::note(
                    s.code,
                    at.clone(),
                    format!(
                        "cannot tell whether {} of `{}` {} {}: the program writes {} where the analysis cannot follow it",
                        names.join(", "),
                        l.dtmi,
                        if unfollowed.len() == 1 { "is" } else { "are" },
                        s.verb,
                        if unfollowed.len() == 1 { "the name" } else { "the names" }
                    ),
                );
                if let Some(site) = (s.unexplained)(&first.name) {
                    f = f.with_related(site.clone(), format!("`{}` is written here", first.name));
                }
                out.push(f);
            }
        }
        let missing: Vec<&DeclaredContent> = if s.unknown.is_empty() { missing } else { missing.into_iter().chain(unfollowed).collect() };
        if missing.is_empty() {
            continue;
        }
        // Every name the model declares (any kind, any component, and the components), so
        // that a near name the program uses for something else is not taken for a typo.
        let telemetry = l.items().iter().map(|t| t.name.as_str());
        let all_declared: HashSet<&str> =
            set.items.iter().flat_map(|d| [d.name.as_str(), d.component.as_str()]).chain(telemetry).collect();
        let names: Vec<String> = missing.iter().map(|d| format!("`{}`", super::aics002::qualified(&d.component, &d.name))).collect();
        if let Some(u) = s.unknown.first() {
            if let Some(at) = &l.id_loc {
                out.push(
                    Finding::note(
                        s.code,
                        at.clone(),
                        format!(
                            "cannot tell whether {} of `{}` {} {}: {} ({})",
                            names.join(", "),
                            l.dtmi,
                            if missing.len() == 1 { "is" } else { "are" },
                            s.verb,
                            s.unknown_what,
                            u.reason
                        ),
                    )
                    .with_related(u.site.clone(), s.unknown_site.to_string()),
                );
            }
            continue;
        }
        for d in &missing {
            let what = if d.component.is_empty() {
                format!("{} `{}`", s.noun, d.name)
            } else {
                format!("{} `{}` of component `{}`", s.noun, d.name, d.component)
            };
            let mut f = Finding::new(
                s.code,
                Place::Model { path: d.path.clone(), range: d.name_range.clone() },
                format!("{what} is declared by `{}` but {}", l.dtmi, (s.missing)(d)),
            );
            if let Some(at) = &l.id_loc {
                f = f.with_related(at.clone(), "the device program's Model ID");
            }
            if let Some((used, at)) = near_miss(&d.name, &s.used, &all_declared) {
                f = f.with_related(at.clone(), format!("the device {} `{used}` {}: a typo?", s.used_as, "here"));
                out.push(
                    Finding::note(
                        s.code,
                        at.clone(),
                        format!(
                            "the device {} `{used}` {}, which `{}` does not declare: did you mean `{}`?",
                            s.used_as,
                            s.verb_used(),
                            l.dtmi,
                            d.name
                        ),
                    )
                    .with_related(Place::Model { path: d.path.clone(), range: d.name_range.clone() }, format!("`{}` is declared here", d.name)),
                );
            }
            out.push(f);
        }
        if let Some(at) = &l.id_loc {
            let mut f = Finding::new(
                s.code,
                at.clone(),
                format!(
                    "{} of the {} {} declared by `{}` never {}: {}",
                    missing.len(),
                    declared.len(),
                    if declared.len() == 1 { s.noun } else { s.plural },
                    l.dtmi,
                    s.verb,
                    names.join(", ")
                ),
            );
            for d in &missing {
                f = f.with_related(
                    Place::Model { path: d.path.clone(), range: d.name_range.clone() },
                    format!("`{}` is declared here", super::aics002::qualified(&d.component, &d.name)),
                );
            }
            out.push(f);
        }
    }
    out
}

pub fn check(links: &[LinkedModel], ctx: &CheckContext, pc: &ProgramContents) -> Vec<Finding> {
    let missing = |d: &DeclaredContent| {
        if !pc.receives_commands {
            "the device never subscribes to commands".to_string()
        } else if d.component.is_empty() {
            "no command handler of the device compares the incoming command name with it".to_string()
        } else {
            "no command handler of the device dispatches it for that component".to_string()
        }
    };
    let s = Served {
        code: RULE.code,
        kind: ServedKind::Command,
        noun: "command",
        plural: "commands",
        missing: &missing,
        verb: "handled",
        unknown: &pc.command_unknown,
        unknown_what: "the analysis cannot follow all of the command dispatch",
        unknown_site: "the dispatch the analysis cannot follow",
        used: pc.dispatched.iter().map(|d| (d.name.as_str(), &d.site)).collect(),
        used_as: "compares",
        unexplained: &|n| pc.unexplained_mentions(n),
        agent_unseen: &|c| pc.agent_unseen(c),
    };
    report(links, ctx, &s, &|d| pc.command_handled(&d.component, &d.name))
}
