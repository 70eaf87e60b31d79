//! What a device program does with the Commands and Properties of its model (rules AICS009,
//! AICS010, AICS011), read as evidence, never as a proof of absence:
//!
//! - **dispatched names**: strings the program compares something with (`strcmp`,
//!   `az_span_is_content_equal`, the SDKs' JSON token comparisons) or looks a member up by
//!   (parson, cJSON), entries of tables that pair a name with a handler function
//!   (`{ "reboot", on_reboot }`), and project calls that register a name with a handler
//!   (`add_command("reboot", on_reboot)`). The older convention's method name
//!   `thermostat1*getMaxMinReport` and the raw-MQTT topic `$iothub/methods/POST/reboot`
//!   are split into component and command.
//! - **reported names**: the JSON member names written by the functions that report
//!   properties (the SDKs' reported-properties calls and builders, the raw-MQTT reported
//!   topic), by what they call and by their direct callers: format strings, JSON writers,
//!   literals, azure-iot-sdk-c's property structs.
//! - **acknowledged names**: reported names of a reporter whose JSON also carries the ack
//!   members (`ac`, `av`) or that calls an SDK ack builder, and the name handed to an ack
//!   builder.
//!
//! Names the analysis cannot resolve in a command dispatch or a reporter are kept as
//! unknowns, so that the rules say "cannot tell" instead of guessing. The SDK names are data:
//! the `command.receive` / `properties.receive` / `properties.report` roles and the
//! `[contents]` table of `grammars/c/sdk.toml`.

use std::collections::{BTreeMap, BTreeSet};

use crate::fast::{HashMap, HashSet};

use serde::Deserialize;

use crate::c::facts::{enclosing_function, Call, InOrder};
use crate::c::lexer::{self, TokKind};
use crate::c::sdk::{tables, Role};
use crate::c::values::{json_members, FileInput, Loc, Resolver, SymbolIndex, Value, UNKNOWN};

/// The `[contents]` table of `grammars/c/sdk.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContentTables {
    pub compare: Vec<String>,
    pub lookup: Vec<String>,
    pub lookup_arg: usize,
    pub ack_builders: BTreeMap<String, usize>,
    pub agents: BTreeMap<String, String>,
    pub ack_keys: Vec<String>,
    pub reported_structs: Vec<String>,
    pub ack_structs: Vec<String>,
    pub struct_name_field: String,
    pub component_separator: String,
    pub command_topic: String,
    pub desired_topic: String,
    pub reported_topic: String,
}

/// A name the program dispatches on or looks up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dispatched {
    /// The component written with it (`thermostat1*getMaxMinReport`), if any.
    pub component: Option<String>,
    pub name: String,
    pub site: Loc,
}

/// A name the program writes into reported properties.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    pub name: String,
    pub site: Loc,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unknown {
    pub site: Loc,
    pub reason: String,
}

#[derive(Clone, Debug, Default)]
pub struct ProgramContents {
    pub dispatched: Vec<Dispatched>,
    /// Components an SDK agent the program starts serves entirely (Device Update).
    pub agent_components: HashSet<String>,
    /// Every string literal of the program (a component name counts as present when written).
    pub literals: HashSet<String>,
    /// The program receives commands (an SDK command API or the raw-MQTT methods topic).
    pub receives_commands: bool,
    /// The program receives desired properties.
    pub receives_properties: bool,
    /// Comparisons inside the command dispatch whose operands the analysis cannot resolve.
    pub command_unknown: Vec<Unknown>,
    pub reported: Vec<Written>,
    pub acknowledged: Vec<Written>,
    /// Reported member names built at run time.
    pub report_unknown: Vec<Unknown>,
    /// Acknowledged names built at run time (an ack builder handed the incoming name).
    pub ack_unknown: Vec<Unknown>,
    /// Literals of the program that hold a name (a whole literal, or a JSON key in one).
    pub mentions: Vec<Written>,
}

impl ProgramContents {
    /// Places where the program writes `name` that no evidence above accounts for (a name
    /// handed to a helper outside the linted files, say): the analysis cannot tell what
    /// happens to it there.
    pub fn unexplained_mentions(&self, name: &str) -> Option<&Loc> {
        let explained = |at: &Loc| {
            self.dispatched.iter().any(|d| d.site == *at)
                || self.reported.iter().chain(&self.acknowledged).any(|w| w.site == *at)
        };
        self.mentions.iter().find(|m| m.name == name && !explained(&m.site)).map(|m| &m.site)
    }

    /// Is command `name` of `component` (`""` for the root) dispatched?
    /// Does an SDK agent the program starts serve this component?
    pub fn agent_serves(&self, component: &str) -> bool {
        !component.is_empty() && self.agent_components.contains(component)
    }

    /// Is this a component an SDK agent serves (by the data's `agents`), with no start of
    /// that agent in the program's files?
    pub fn agent_unseen(&self, component: &str) -> bool {
        !component.is_empty() && !self.agent_serves(component) && tables().contents.agents.values().any(|c| c == component)
    }

    pub fn command_handled(&self, component: &str, name: &str) -> bool {
        if self.agent_serves(component) {
            return true;
        }
        let component_present = component.is_empty()
            || self.literals.contains(component)
            || self.dispatched.iter().any(|d| d.name == component || d.component.as_deref() == Some(component));
        self.dispatched
            .iter()
            .any(|d| d.name == name && d.component.as_deref().map_or(component_present, |c| c == component))
    }

    /// Is property `name` read (compared with or looked up)?
    pub fn property_read(&self, name: &str) -> bool {
        self.dispatched.iter().any(|d| d.name == name)
    }

    pub fn property_acknowledged(&self, component: &str, name: &str) -> bool {
        self.agent_serves(component) || self.acknowledged.iter().any(|w| w.name == name)
    }

    pub fn property_reported(&self, component: &str, name: &str) -> bool {
        self.agent_serves(component) || self.reported.iter().chain(&self.acknowledged).any(|w| w.name == name)
    }
}

type FnRef = (usize, usize);

const COMMAND_CALLEE_DEPTH: usize = 3;
const REPORTER_CALLEE_DEPTH: usize = 2;

struct Graph<'r> {
    files: &'r [FileInput],
    defs: &'r Definitions<'r>,
    /// Per file (of the program's: others `None`), whether its calls and strings are in
    /// order (see [`InOrder`]).
    in_order: Vec<Option<InOrder>>,
}

impl Graph<'_> {
    /// `seeds` and the functions they reach through calls and function pointers.
    fn closure(&self, seeds: &[FnRef], depth: usize) -> BTreeSet<FnRef> {
        let mut out: BTreeSet<FnRef> = seeds.iter().copied().collect();
        let mut frontier: Vec<FnRef> = seeds.to_vec();
        for _ in 0..depth {
            let mut next = Vec::new();
            for g in frontier {
                for ident in &self.files[g.0].facts.functions[g.1].idents {
                    for &h in self.defs.get(ident).into_iter().flatten() {
                        if out.insert(h) {
                            next.push(h);
                        }
                    }
                }
            }
            frontier = next;
        }
        out
    }

    fn calls_in(&self, f: FnRef) -> impl Iterator<Item = &Call> {
        self.order(f.0).calls_in(&self.files[f.0].facts, f.1)
    }

    fn order(&self, file: usize) -> InOrder {
        self.in_order.get(file).copied().flatten().unwrap_or_else(|| InOrder::of(&self.files[file].facts))
    }

    /// String literals written in `f`'s body.
    fn literals_in(&self, f: FnRef) -> impl Iterator<Item = (&str, Loc)> {
        self.order(f.0)
            .strings_in(&self.files[f.0].facts, f.1)
            .map(move |s| (s.value.as_str(), Loc { file: f.0, range: s.range.clone() }))
    }

    /// Does `f` use a text in a literal, directly (`f` is among `literal`, see
    /// [`with_literal`]) or through one of `macros` (the names of the program's macros whose
    /// body holds it)?
    fn mentions_text(&self, f: FnRef, literal: &HashSet<FnRef>, macros: &HashSet<&str>) -> bool {
        literal.contains(&f) || (!macros.is_empty() && self.files[f.0].facts.functions[f.1].idents.iter().any(|i| macros.contains(i)))
    }
}

/// The functions of `program_files` with a string literal in their body that holds
/// `needle` (a literal in a body as [`InOrder::strings_in`] places it), from the literals
/// that hold it: a look at each function's literals for each text asked about was a
/// binary search and a search of each literal per function and text (three texts for each
/// of fw10k's 76,000 functions, whose literals are few).
fn with_literal(files: &[FileInput], program_files: &BTreeSet<usize>, needle: &str) -> HashSet<FnRef> {
    let mut out = HashSet::default();
    for &fi in program_files {
        let facts = &files[fi].facts;
        for s in facts.strings.iter().filter(|s| s.value.contains(needle)) {
            out.extend(facts.functions.iter().enumerate().filter(|(_, f)| f.body_holds(&s.range)).map(|(i, _)| (fi, i)));
        }
    }
    out
}

/// The names of the macros of `program_files` whose body contains `needle` (one of the
/// raw-MQTT hub topics: not looked for in a file whose reading found none, see
/// `FileFacts::hub_topics`).
fn macros_with<'a>(files: &'a [FileInput], program_files: &BTreeSet<usize>, needle: &str) -> HashSet<&'a str> {
    program_files
        .iter()
        .filter(|&&fi| files[fi].facts.hub_topics != Some(false))
        .flat_map(|&fi| files[fi].facts.defines.iter().map(move |d| (fi, d)))
        .filter(|(fi, d)| files[*fi].text.get(d.body.clone()).is_some_and(|b| b.contains(needle)))
        .map(|(_, d)| d.name.as_str())
        .collect()
}

/// The functions a program defines: by name, (file, function index) in file order; and
/// all of them in order. The telemetry and contents readings both read them: built once.
pub(crate) struct Definitions<'f> {
    by_name: ByName<'f>,
    all: Vec<FnRef>,
}

enum ByName<'f> {
    /// Built for the program. Most names have one definition, held inline (a vector each
    /// was an allocation and a free per function: a quarter of the map's time on a program
    /// of 76,000 functions).
    Own(HashMap<&'f str, smallvec::SmallVec<[FnRef; 1]>>),
    /// A program of every linted file: the shared symbol index's table of functions, which
    /// holds the same lists (building them again took 20 ms on the generated 10,000-file
    /// tree, on one thread while the other waited).
    Every(&'f crate::c::values::NameTable<'f, Vec<FnRef>>),
}

impl Definitions<'_> {
    /// The definitions of `name`, in file order.
    pub(crate) fn get(&self, name: &str) -> Option<&[FnRef]> {
        match &self.by_name {
            ByName::Own(m) => m.get(name).map(|v| v.as_slice()),
            ByName::Every(t) => t.get(name).map(|v| v.as_slice()),
        }
    }

    pub(crate) fn contains_key(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// Every function of the program, in order: its files' (a set, in order), each file's
    /// in its order (what the lists by name hold, without gathering and sorting them: 33 M
    /// instructions on the generated 10,000-file tree).
    pub(crate) fn all(&self) -> &[FnRef] {
        &self.all
    }
}

/// The [`Definitions`] of `program_files`; `program`: the program's symbol index.
pub(crate) fn definitions<'f>(files: &'f [FileInput], program_files: &BTreeSet<usize>, program: &'f SymbolIndex<'f>) -> Definitions<'f> {
    let all: Vec<FnRef> = program_files.iter().flat_map(|&fi| (0..files[fi].facts.functions.len()).map(move |i| (fi, i))).collect();
    if let Some(every) = program.functions_of_every_file() {
        return Definitions { by_name: ByName::Every(every), all };
    }
    let mut defs: HashMap<&'f str, smallvec::SmallVec<[FnRef; 1]>> = HashMap::with_capacity_and_hasher(all.len(), Default::default());
    for &(fi, i) in &all {
        defs.entry(files[fi].facts.functions[i].name.as_str()).or_default().push((fi, i));
    }
    Definitions { by_name: ByName::Own(defs), all }
}

/// What the program of `program_files` handles; `defs`: its [`definitions`] (the
/// telemetry reading beside this one shares them).
pub(crate) fn read<'r>(files: &'r [FileInput], program_files: &BTreeSet<usize>, resolver: &Resolver, program: &SymbolIndex, defs: &'r Definitions<'r>) -> ProgramContents {
    let t = tables();
    let ct = &t.contents;
    let mut in_order = vec![None; files.len()];
    for &fi in program_files {
        in_order[fi] = Some(InOrder::of(&files[fi].facts));
    }
    let graph = Graph { files, defs, in_order };
    let all_fns = defs.all();
    let mut out = ProgramContents::default();
    let command_macros = macros_with(files, program_files, &ct.command_topic);
    let desired_macros = macros_with(files, program_files, &ct.desired_topic);
    let reported_macros = macros_with(files, program_files, &ct.reported_topic);
    let (command_literal, desired_literal, reported_literal) =
        (with_literal(files, program_files, &ct.command_topic), with_literal(files, program_files, &ct.desired_topic), with_literal(files, program_files, &ct.reported_topic));

    for &fi in program_files {
        for s in &files[fi].facts.strings {
            let at = Loc { file: fi, range: s.range.clone() };
            if is_function_name(&s.value) {
                out.mentions.push(Written { name: s.value.to_string(), site: at.clone() });
            }
            for m in json_members(&s.value) {
                if is_function_name(&m.key) {
                    out.mentions.push(Written { name: m.key, site: at.clone() });
                }
            }
            out.literals.insert(s.value.to_string());
            if let Some(rest) = s.value.strip_prefix(ct.command_topic.as_str()) {
                push_dispatched(&mut out.dispatched, rest, Loc { file: fi, range: s.range.clone() });
            }
        }
    }

    // The command dispatch: functions that call a command API, the callbacks handed to it,
    // functions that use the raw-MQTT methods topic; and what they call.
    let mut command_seeds: Vec<FnRef> = Vec::new();
    for &f in all_fns {
        let mut seed = false;
        for c in graph.calls_in(f) {
            for api in t.lookup(&c.name) {
                match api.role {
                    Role::CommandReceive => {
                        seed = true;
                        out.receives_commands = true;
                        if let Some(cb) = api.arg.and_then(|i| c.args.get(i)) {
                            let name = files[f.0].text[cb.clone()].trim().trim_start_matches('&').trim();
                            match graph.defs.get(name) {
                                Some(defs) => command_seeds.extend(defs.iter().copied()),
                                None if is_function_name(name) => out.command_unknown.push(Unknown {
                                    site: Loc { file: f.0, range: cb.clone() },
                                    reason: format!("the command callback `{name}` is not among the linted files"),
                                }),
                                None => {}
                            }
                        }
                    }
                    Role::PropertiesReceive => {
                        out.receives_properties = true;
                        if let Some(cb) = api.arg.and_then(|i| c.args.get(i)) {
                            let name = files[f.0].text[cb.clone()].trim().trim_start_matches('&').trim();
                            if !graph.defs.contains_key(name) && is_function_name(name) {
                                out.ack_unknown.push(Unknown {
                                    site: Loc { file: f.0, range: cb.clone() },
                                    reason: format!("the properties callback `{name}` is not among the linted files"),
                                });
                            }
                        }
                    }
                    _ => {}
                }
            }
            if let Some(component) = ct.agents.get(c.name.as_str()) {
                out.agent_components.insert(component.clone());
            }
        }
        if graph.mentions_text(f, &command_literal, &command_macros) {
            seed = true;
            out.receives_commands = true;
        }
        if graph.mentions_text(f, &desired_literal, &desired_macros) {
            out.receives_properties = true;
        }
        if seed {
            command_seeds.push(f);
        }
    }
    let command_region = graph.closure(&command_seeds, COMMAND_CALLEE_DEPTH);

    let mut handler_tables: HashSet<String> = HashSet::default();
    // Tables pairing names with handler functions, and calls registering a name with one.
    let is_fn = |text: &str| graph.defs.contains_key(text.trim().trim_start_matches('&').trim());
    for &fi in program_files {
        // (A file whose reading found no table is not looked at: its text may be one the
        // face reads again when asked, see `FileFacts::braced_inits`.)
        if files[fi].facts.braced_inits == Some(false) {
            continue;
        }
        let text = &files[fi].text;
        for init in &files[fi].facts.inits {
            let value = &text[init.value.clone()];
            if !value.trim_start().starts_with('{') {
                continue;
            }
            let toks = lexer::lex(value, init.value.start);
            if !toks.iter().any(|k| k.kind == TokKind::Ident && is_fn(k.text(text, 0))) {
                continue;
            }
            handler_tables.insert(init.name.to_string());
            for k in toks.iter().filter(|k| matches!(k.kind, TokKind::Str | TokKind::Ident)) {
                if k.kind == TokKind::Ident && is_fn(k.text(text, 0)) {
                    continue;
                }
                for v in resolver.resolve(fi, &(k.range())) {
                    if let Some(loc) = known(&v) {
                        push_dispatched(&mut out.dispatched, &v.text(), loc);
                    }
                }
            }
        }
        for c in &files[fi].facts.calls {
            if t.is_known(&c.name) || c.args.len() < 2 {
                continue;
            }
            if !c.args.iter().any(|r| is_fn(&text[r.clone()])) {
                continue;
            }
            for r in c.args.iter().filter(|r| !is_fn(&text[(*r).clone()])) {
                for v in resolver.resolve(fi, &r) {
                    if let Some(loc) = known(&v) {
                        push_dispatched(&mut out.dispatched, &v.text(), loc);
                    }
                }
            }
        }
    }

    // Comparisons and look-ups, anywhere in the program.
    for &fi in program_files {
        let facts = &files[fi].facts;
        for c in &facts.calls {
            let args: Vec<std::ops::Range<usize>> = if ct.compare.iter().any(|n| *n == c.name) {
                c.args.iter().collect()
            } else if ct.lookup.iter().any(|n| *n == c.name) {
                c.args.get(ct.lookup_arg).into_iter().collect()
            } else {
                continue;
            };
            let mut any_known = false;
            // A comparison with "no value" (`AZ_SPAN_EMPTY`, `NULL`): a root-component check
            // such as `az_span_is_content_equal(request->component_name, AZ_SPAN_EMPTY)`,
            // not a name the analysis fails to see.
            let mut any_null = false;
            let mut reason = None;
            for r in args {
                for v in resolver.resolve(fi, &r) {
                    if let Some(loc) = known(&v) {
                        any_known = true;
                        push_dispatched(&mut out.dispatched, &v.text(), loc);
                    } else if v.null {
                        any_null = true;
                    } else if reason.is_none() {
                        reason = v.unknown_reason.clone();
                    }
                }
            }
            let func = enclosing_function(facts, c.range().start);
            let in_dispatch = func.is_some_and(|i| command_region.contains(&(fi, i)));
            // Walking a table of (name, handler) rows read above compares with its names.
            let walks_table = func.is_some_and(|i| facts.functions[i].idents.iter().any(|id| handler_tables.contains(id)));
            if !any_known && !any_null && in_dispatch && !walks_table {
                out.command_unknown.push(Unknown {
                    site: Loc { file: fi, range: c.name_range() },
                    reason: reason.unwrap_or_else(|| "names compared at run time".into()),
                });
            }
        }
    }

    // Reporters: each with its region (what it calls, and its direct callers).
    // (The SDK calls from each file's few, not every call of every function looked up.)
    let mut reporting: HashSet<FnRef> = HashSet::default();
    for &fi in program_files {
        reporting.extend(resolver.sdk_calls_in_functions(fi).filter(|(_, _, a)| a.role == Role::PropertiesReport).map(|(i, _, _)| (fi, i)));
    }
    let reporters: Vec<FnRef> =
        all_fns.iter().copied().filter(|&f| reporting.contains(&f) || graph.mentions_text(f, &reported_literal, &reported_macros)).collect();
    for &r in &reporters {
        let mut region = graph.closure(&[r], REPORTER_CALLEE_DEPTH);
        let name = files[r.0].facts.functions[r.1].name.as_str();
        for (cf, call) in program.callers(name) {
            if !program_files.contains(cf) {
                continue;
            }
            if let Some(i) = enclosing_function(&files[*cf].facts, call.range().start) {
                region.insert((*cf, i));
            }
        }
        read_reporter(&graph, resolver, &region, &mut out);
    }
    out
}

/// An identifier that can name a callback (not `NULL`, not a number, not an expression).
fn is_function_name(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !tables().is_null(text)
}

/// The value's text and where it was written, when it is fully known and not empty.
fn known(v: &Value) -> Option<Loc> {
    if !v.is_known() || v.text().trim().is_empty() {
        return None;
    }
    v.first_loc().cloned()
}

/// Record a compared string: a bare name, `component*command`, a methods topic's tail, or a
/// quoted JSON key (`"\"targetTemperature\""` searched for with `strstr`).
fn push_dispatched(out: &mut Vec<Dispatched>, text: &str, site: Loc) {
    let ct = &tables().contents;
    let mut s = text.strip_prefix(ct.command_topic.as_str()).unwrap_or(text);
    // `$iothub/methods/POST/reboot/?$rid=1`
    if s.len() != text.len() {
        s = s.split(['/', '?']).next().unwrap_or("");
    }
    let s = s.trim().trim_matches(|c: char| c == '"' || c == ':' || c.is_whitespace());
    if s.is_empty() || s.contains(UNKNOWN) {
        return;
    }
    let sep = ct.component_separator.as_str();
    if let Some((component, name)) = s.split_once(sep).filter(|_| !sep.is_empty()) {
        if !component.is_empty() && !name.is_empty() {
            out.push(Dispatched { component: Some(component.to_string()), name: name.to_string(), site: site.clone() });
        }
    }
    if !out.iter().any(|d| d.component.is_none() && d.name == s) {
        out.push(Dispatched { component: None, name: s.to_string(), site });
    }
}

/// Member names of a JSON text (any depth: a component's properties sit one level down),
/// and unknown ones.
fn json_names(v: &Value, names: &mut Vec<Written>, unknown: &mut Vec<(Loc, String)>, fallback: &Loc) {
    if v.null {
        return;
    }
    let text = v.text();
    for m in json_members(&text) {
        let site = v.loc_at(m.key_offset).cloned().unwrap_or_else(|| fallback.clone());
        if m.key.contains(UNKNOWN) {
            unknown.push((site, "a property name filled in at run time".into()));
        } else if !m.key.is_empty() {
            names.push(Written { name: m.key, site });
        }
    }
}

fn read_reporter(graph: &Graph, resolver: &Resolver, region: &BTreeSet<FnRef>, out: &mut ProgramContents) {
    let t = tables();
    let ct = &t.contents;
    let files = graph.files;
    let mut names: Vec<Written> = Vec::new();
    let mut unknown: Vec<(Loc, String)> = Vec::new();
    let mut has_ack = false;
    for &g in region {
        let func = &files[g.0].facts.functions[g.1];
        let mentions = |list: &[String]| func.idents.iter().any(|i| list.iter().any(|l| l == i));
        has_ack |= mentions(&ct.ack_structs);
        let uses_structs = mentions(&ct.ack_structs) || mentions(&ct.reported_structs);
        for c in graph.calls_in(g) {
            let site = Loc { file: g.0, range: c.name_range() };
            if let Some(&i) = ct.ack_builders.get(c.name.as_str()) {
                has_ack = true;
                if let Some(r) = c.args.get(i) {
                    for v in resolver.resolve(g.0, &r) {
                        match known(&v) {
                            Some(loc) => out.acknowledged.push(Written { name: v.text(), site: loc }),
                            None if !v.null => out.ack_unknown.push(Unknown {
                                site: site.clone(),
                                reason: v.unknown_reason.clone().unwrap_or_else(|| "a property name known only at run time".into()),
                            }),
                            None => {}
                        }
                    }
                }
            }
            for api in t.lookup(&c.name) {
                match api.role {
                    Role::JsonProperty => {
                        let Some(r) = api.arg.and_then(|i| c.args.get(i)) else { continue };
                        for v in resolver.resolve(g.0, &r) {
                            match known(&v) {
                                Some(loc) => names.push(Written { name: v.text(), site: loc }),
                                None if !v.null => unknown.push((
                                    site.clone(),
                                    v.unknown_reason.clone().unwrap_or_else(|| "a property name built at run time".into()),
                                )),
                                None => {}
                            }
                        }
                    }
                    Role::Format => {
                        for v in resolver.format_call(g.0, c, api) {
                            json_names(&v, &mut names, &mut unknown, &site);
                        }
                    }
                    Role::PropertiesReport => {
                        for r in &c.args {
                            for v in resolver.resolve(g.0, &r) {
                                // JSON whose text is partly known (a component name
                                // filled at run time around literal property names): the
                                // known keys count, the unknown ones are said to be unknown.
                                if v.is_known() || (!v.null && v.pieces.iter().any(|p| p.known && p.text.contains('"'))) {
                                    json_names(&v, &mut names, &mut unknown, &site);
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        // JSON written as literals (a body passed as is, an ack template).
        for (lit, loc) in graph.literals_in(g) {
            if lit.contains('%') {
                continue;
            }
            for m in json_members(lit) {
                if !m.key.is_empty() {
                    names.push(Written { name: m.key, site: loc.clone() });
                }
            }
        }
        // azure-iot-sdk-c's property structs: `{ VERSION, name, value }` and `p.name = ...`.
        if uses_structs {
            let facts = &files[g.0].facts;
            let text = &files[g.0].text;
            for init in facts.inits.iter().filter(|i| enclosing_function(facts, i.range.start) == Some(g.1)) {
                // `{ VERSION, name, value }`, alone or as rows of an array initialiser.
                let toks = lexer::lex(&text[init.value.clone()], init.value.start);
                for (k, tok) in toks.iter().enumerate() {
                    let is_version = ct.reported_structs.iter().chain(&ct.ack_structs).any(|v| v == tok.text(text, 0));
                    if !is_version || k == 0 || toks[k - 1].text(text, 0) != "{" {
                        continue;
                    }
                    let Some((elements, _)) = crate::c::facts::split_args(&toks, k - 1) else { continue };
                    if let Some(r) = elements.get(1) {
                        struct_name(resolver, g.0, r, &mut names, &mut unknown);
                    }
                }
            }
            for a in facts.assigns.iter().filter(|a| enclosing_function(facts, a.start()) == Some(g.1)) {
                if matches!(&a.target, crate::c::facts::AssignTarget::Field(n) if *n == ct.struct_name_field) {
                    struct_name(resolver, g.0, &a.value(), &mut names, &mut unknown);
                }
            }
        }
    }
    let keys: HashSet<&str> = names.iter().map(|w| w.name.as_str()).collect();
    has_ack |= !ct.ack_keys.is_empty() && ct.ack_keys.iter().all(|k| keys.contains(k.as_str()));
    for (site, reason) in unknown {
        let u = Unknown { site, reason };
        if has_ack && !out.ack_unknown.contains(&u) {
            out.ack_unknown.push(u.clone());
        }
        if !out.report_unknown.contains(&u) {
            out.report_unknown.push(u);
        }
    }
    for w in names {
        if has_ack && !out.acknowledged.contains(&w) {
            out.acknowledged.push(w.clone());
        }
        if !out.reported.contains(&w) {
            out.reported.push(w);
        }
    }
}

fn struct_name(resolver: &Resolver, file: usize, r: &std::ops::Range<usize>, names: &mut Vec<Written>, unknown: &mut Vec<(Loc, String)>) {
    for v in resolver.resolve(file, r) {
        match known(&v) {
            Some(loc) => names.push(Written { name: v.text(), site: loc }),
            None if !v.null => unknown.push((
                Loc { file, range: r.clone() },
                v.unknown_reason.clone().unwrap_or_else(|| "a property name known only at run time".into()),
            )),
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc() -> Loc {
        Loc { file: 0, range: 0..1 }
    }

    /// A program of every file takes its definitions from the shared index; any other
    /// program builds its own. Both give each name's functions in file order.
    #[test]
    fn definitions_of_every_file_are_the_shared_indexs() {
        let sources = [
            "static int helper(int x) { return x; }\nint send(void) { return helper(1); }\n",
            "static int helper(int x) { return x + 1; }\nint main(void) { return send(); }\n",
            "int other(void) { return 0; }\nstatic int helper(void) { return 2; }\n",
        ];
        let files: Vec<FileInput> = sources.iter().map(|s| FileInput { text: (*s).into(), facts: crate::c::facts::extract(s).into() }).collect();
        let shared = SymbolIndex::build_shared(&files);
        let every: BTreeSet<usize> = (0..files.len()).collect();
        let some: BTreeSet<usize> = [0, 2].into_iter().collect();
        let (every_ix, some_ix) = (SymbolIndex::view(&shared, &files, &every), SymbolIndex::view(&shared, &files, &some));
        let (all, part) = (definitions(&files, &every, &every_ix), definitions(&files, &some, &some_ix));
        assert!(matches!(all.by_name, ByName::Every(_)));
        assert!(matches!(part.by_name, ByName::Own(_)));
        assert_eq!(all.get("helper"), Some(&[(0, 0), (1, 0), (2, 1)][..]));
        assert_eq!(part.get("helper"), Some(&[(0, 0), (2, 1)][..]));
        assert_eq!(all.get("main"), Some(&[(1, 1)][..]));
        assert_eq!(part.get("main"), None);
        assert!(all.contains_key("other") && part.contains_key("other") && !all.contains_key("nothing"));
        // The same lists as a map built for the whole set.
        let whole = SymbolIndex::build_shared(&files);
        let built = definitions(&files, &every, &whole);
        assert!(matches!(built.by_name, ByName::Own(_)));
        for name in ["helper", "send", "main", "other", "nothing"] {
            assert_eq!(all.get(name), built.get(name), "{name}");
        }
        assert_eq!(part.all(), &[(0, 0), (0, 1), (2, 0), (2, 1)][..]);
        assert_eq!(all.all(), built.all());
    }

    #[test]
    fn compared_strings_split_component_commands_and_topics() {
        let mut d = Vec::new();
        push_dispatched(&mut d, "thermostat1*getMaxMinReport", loc());
        push_dispatched(&mut d, "$iothub/methods/POST/reboot/?$rid=", loc());
        push_dispatched(&mut d, "\"targetTemperature\"", loc());
        push_dispatched(&mut d, "$iothub/methods/POST/", loc());
        let got: Vec<(Option<&str>, &str)> = d.iter().map(|x| (x.component.as_deref(), x.name.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (Some("thermostat1"), "getMaxMinReport"),
                (None, "thermostat1*getMaxMinReport"),
                (None, "reboot"),
                (None, "targetTemperature"),
            ]
        );
    }

    #[test]
    fn a_component_command_needs_its_component() {
        let pc = ProgramContents {
            dispatched: vec![
                Dispatched { component: None, name: "reboot".into(), site: loc() },
                Dispatched { component: Some("thermostat1".into()), name: "getMaxMinReport".into(), site: loc() },
            ],
            ..ProgramContents::default()
        };
        assert!(pc.command_handled("", "reboot"));
        assert!(!pc.command_handled("thermostat2", "reboot"), "no `thermostat2` anywhere in the program");
        assert!(pc.command_handled("thermostat1", "getMaxMinReport"));
        assert!(!pc.command_handled("thermostat2", "getMaxMinReport"));
        assert!(!pc.command_handled("", "getMaxMinReport"));
    }
}
