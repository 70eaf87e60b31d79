//! The validation engine: reads documents into elements checked against the
//! metamodel, then checks the model as a whole. See the module docs of
//! [`crate::validate`].

use std::borrow::Cow;
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use smallvec::SmallVec;

use super::pattern;
use super::{ModelProblem, ValidationOptions, INVALID_JSON, SPEC_RECOMMENDATION, SPEC_VIOLATION, UNRESOLVED_REFERENCE};
use crate::index::ModelIndex;
use crate::json::{self, NodeId, ParsedJson, Value};
use crate::metamodel::{self, is_subclass, metamodel, short, Class, Metamodel, NodeKind, Prop};
use crate::parse::MAX_ELEMENT_DEPTH;

/// How many documents the linter mode pulls in through references.
const MAX_LINKED_DOCUMENTS: usize = 512;

type ElemId = usize;

/// An object's members (key, value): inline for the dozen or so most elements have.
type Members = SmallVec<[(NodeId, NodeId); 16]>;

struct Doc {
    text: Arc<str>,
    json: Arc<ParsedJson>,
    report: bool,
    problems: Vec<ModelProblem>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum JKind {
    Object,
    Array,
    String,
    Number,
    Bool,
    Null,
    Other,
}

impl Doc {
    fn kind(&self, n: NodeId) -> JKind {
        let node = &self.json.nodes[n];
        match node.value {
            Value::Object(_) => JKind::Object,
            Value::Array(_) => JKind::Array,
            Value::String { .. } => JKind::String,
            Value::Scalar => match &self.text[node.range.clone()] {
                "true" | "false" => JKind::Bool,
                "null" => JKind::Null,
                s if s.starts_with(|c: char| c == '-' || c.is_ascii_digit()) => JKind::Number,
                _ => JKind::Other,
            },
        }
    }

    fn str(&self, n: NodeId) -> Option<Cow<'_, str>> {
        let node = &self.json.nodes[n];
        match node.value {
            Value::String { .. } => Some(node.string_in(&self.text)),
            _ => None,
        }
    }

    fn raw(&self, n: NodeId) -> &str {
        &self.text[self.json.nodes[n].range.clone()]
    }

    fn range(&self, n: NodeId) -> Range<usize> {
        self.json.nodes[n].range.clone()
    }

    /// An object's members with values, (key, value) (none for anything else).
    fn members(&self, n: NodeId) -> Members {
        match &self.json.nodes[n].value {
            Value::Object(ms) => ms.iter().filter_map(|m| m.value.map(|v| (m.key, v))).collect(),
            _ => Members::new(),
        }
    }

    /// An array's items, or the value itself.
    fn items(&self, n: NodeId) -> json::Items {
        json::items(&self.json.nodes, n)
    }

    fn member(&self, n: NodeId, key: &str) -> Option<NodeId> {
        match &self.json.nodes[n].value {
            Value::Object(ms) => ms.iter().find(|m| m.value.is_some() && self.str(m.key).as_deref() == Some(key)).and_then(|m| m.value),
            _ => None,
        }
    }

    /// An integer literal's value (`None` for fractions, exponents, overflow).
    fn integer(&self, n: NodeId) -> Option<i64> {
        if self.kind(n) != JKind::Number {
            return None;
        }
        self.raw(n).parse::<i64>().ok()
    }
}

/// The language scope of an element: version, contexts in force.
#[derive(Clone, Debug)]
struct Ctx {
    version: u8,
    /// Context DTMIs whose terms are in scope (the DTDL context first).
    contexts: Vec<&'static str>,
    /// An extension context the validator does not know is in force.
    undefined_context: bool,
    allow_undefined: bool,
    /// The limits a limits context set (`onvif_1`); `None`: the language's own.
    limits: Option<&'static str>,
    /// The layering extension's context is in scope: an `@id` with a
    /// `#fragment` names a layer of the element it identifies.
    layering: bool,
}

impl Ctx {
    fn mm(&self) -> &'static Metamodel {
        metamodel(self.version)
    }
}

/// What a string used as a type, property name or value stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Word {
    /// An IRI of the language (class, property, instance), possibly via a term.
    Known { iri: &'static str, via_term: bool },
    /// A term no context in scope defines.
    UndefinedTerm,
    /// A valid DTMI the language does not define.
    Irrelevant,
    /// Starts like a DTMI but is not one.
    InvalidDtmi,
    /// Neither a DTMI nor a term (`http://...`, `a:b`).
    NotDtmiNorTerm,
}

enum Val {
    Elem(ElemId),
    Ref { dtmi: String },
    Instance(&'static str),
    Literal(NodeId),
}

struct PropVals {
    prop: &'static Prop,
    /// `short(prop.path)`, kept: look-ups by short name run for every step of the
    /// descendant walks.
    short: &'static str,
    /// (Most properties have one value: kept inline.)
    vals: SmallVec<[Val; 1]>,
}

struct Elem {
    doc: usize,
    node: NodeId,
    /// The top-level element it is written in (itself for a top-level one).
    root: ElemId,
    id: Option<String>,
    id_range: Option<Range<usize>>,
    class: Option<&'static Class>,
    props: Vec<PropVals>,
    /// The limits in force where it is written (see [`Ctx::limits`]).
    limits: Option<&'static str>,
    /// Its co-types (IRIs) and where each is written.
    cotypes: Vec<(&'static str, Range<usize>)>,
    /// The nearest element of a partition class (an Interface) it is written
    /// in, itself included: elements may only be referenced from within it.
    partition: ElemId,
    /// The element it is written in, and the property (short name).
    parent: Option<(ElemId, &'static str)>,
    /// Its `@id` as written, valid or not, with a `#fragment` whose base is
    /// otherwise a valid identifier: judged with the layers (see
    /// [`Engine::check_layers`]).
    raw_id: Option<(String, Range<usize>)>,
    layer_fragment: Option<String>,
    /// The layering context is in scope, and `@type` lists `Layer`.
    layering: bool,
    layer_typed: bool,
    /// Where its `@type` is written (else the element).
    type_range: Range<usize>,
    /// A `Layer` whose `@type` names no class: what that means depends on the
    /// other layers (see [`Engine::check_layers`]); the rule it breaks.
    layer_without_class: Option<String>,
}

impl Elem {
    fn values<'a>(&'a self, prop_short: &'a str) -> impl Iterator<Item = &'a Val> + 'a {
        self.props.iter().filter(move |p| p.short == prop_short).flat_map(|p| p.vals.iter())
    }

    fn class_name(&self) -> &'static str {
        self.class.map(|c| short(c.iri)).unwrap_or("Entity")
    }
}

/// A map keyed by property IRI, for one element's handful of properties: a short vector
/// scanned in order costs less than hashing the IRIs (this ran for every element), kept
/// inline up to a dozen (four of these per element were four allocations).
struct PropMap<V>(SmallVec<[(&'static str, V); 12]>);

impl<V> Default for PropMap<V> {
    fn default() -> Self {
        PropMap(SmallVec::new())
    }
}

impl<V> PropMap<V> {
    /// Room for `n` properties (grown one at a time, these reallocated several times per
    /// element).
    fn with_capacity(n: usize) -> Self {
        PropMap(SmallVec::with_capacity(n))
    }

    fn get(&self, key: &str) -> Option<&V> {
        self.0.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }

    /// Sets `key`'s value; returns the one it replaces.
    fn insert(&mut self, key: &'static str, value: V) -> Option<V> {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some((_, old)) => Some(std::mem::replace(old, value)),
            None => {
                self.0.push((key, value));
                None
            }
        }
    }

    /// `key`'s value, a default one added first if it has none.
    fn entry(&mut self, key: &'static str) -> &mut V
    where
        V: Default,
    {
        let at = match self.0.iter().position(|(k, _)| *k == key) {
            Some(at) => at,
            None => {
                self.0.push((key, V::default()));
                self.0.len() - 1
            }
        };
        &mut self.0[at].1
    }
}

/// Where an element is expected: the property whose value it is.
#[derive(Clone, Copy)]
struct Expect<'a> {
    owner: &'a str,
    prop: Option<&'static Prop>,
    /// The element it is written in.
    parent: Option<ElemId>,
    /// The top-level element it is written in.
    root: Option<ElemId>,
    /// The partition (Interface) it is written in.
    partition: Option<ElemId>,
}

struct PendingRef {
    elem: ElemId,
    prop: &'static Prop,
    dtmi: String,
    range: Range<usize>,
}

pub(crate) struct Engine<'i> {
    options: ValidationOptions,
    index: Option<&'i ModelIndex>,
    origin: Option<PathBuf>,
    docs: Vec<Doc>,
    elems: Vec<Elem>,
    pending: Vec<PendingRef>,
    ids: HashMap<String, ElemId>,
    /// Every `@id` read so far (linking skips what the model already defines).
    defined: HashSet<String>,
    /// Linker state: documents pulled in, DTMIs looked up, pending references handled.
    loaded: HashSet<PathBuf>,
    looked_up: HashSet<String>,
    linked_upto: usize,
    /// Steps of work done: elements read, members and values examined, nodes
    /// visited by the model-wide walks. Deterministic, unlike a clock: the
    /// conformance suite bounds it by the input's size.
    work: std::cell::Cell<u64>,
}

fn rule(kind: &str, class: &str, rest: &str) -> String {
    format!("{kind}-Class{class}{rest}")
}

/// `s` with its first letter in upper case, written out only when a message or rule
/// name is formatted (most elements need none, and this ran for every property).
fn upper_first(s: &str) -> UpperFirst<'_> {
    UpperFirst { s, short: false }
}

/// [`upper_first`] of `short(iri)`, the short name also found only when formatted (it was
/// looked for about a dozen times per element).
fn upper_short(iri: &str) -> UpperFirst<'_> {
    UpperFirst { s: iri, short: true }
}

#[derive(Clone, Copy, Default)]
struct UpperFirst<'a> {
    s: &'a str,
    /// `s` is an IRI: its short name is written.
    short: bool,
}

impl std::fmt::Display for UpperFirst<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut c = if self.short { short(self.s) } else { self.s }.chars();
        match c.next() {
            Some(first) => {
                for u in first.to_uppercase() {
                    std::fmt::Write::write_char(f, u)?;
                }
                f.write_str(c.as_str())
            }
            None => Ok(()),
        }
    }
}

impl<'i> Engine<'i> {
    pub(crate) fn new(options: ValidationOptions, index: Option<&'i ModelIndex>) -> Self {
        Engine { options, index, origin: None, docs: Vec::new(), elems: Vec::new(), pending: Vec::new(), ids: HashMap::new(), defined: HashSet::new(), loaded: HashSet::new(), looked_up: HashSet::new(), linked_upto: 0, work: std::cell::Cell::new(0) }
    }

    pub(crate) fn set_origin(&mut self, path: PathBuf) {
        self.origin = Some(path);
    }

    pub(crate) fn add_document(&mut self, text: Arc<str>, report: bool) {
        self.add_parsed(text, None, report);
    }

    /// [`Self::add_document`] with the tree [`crate::parse_document`] built from `text`
    /// (`None`: lex and build it here).
    pub(crate) fn add_parsed(&mut self, text: Arc<str>, json: Option<Arc<ParsedJson>>, report: bool) {
        // A byte order mark is blanked so offsets stay those of the text.
        let owned: Arc<str> = match text.strip_prefix('\u{feff}') {
            Some(rest) => Arc::from(format!("   {rest}")),
            None => text,
        };
        let json = json.unwrap_or_else(|| {
            let tokens = crate::lexer::lex(&owned);
            let (tree, build_errors) = json::build(&owned, &tokens.tokens);
            let mut errors = tokens.errors;
            errors.extend(build_errors);
            Arc::new(ParsedJson { nodes: tree.nodes, root: tree.root, errors })
        });
        let mut problems = Vec::new();
        if !json.errors.is_empty() {
            let mut errors = json.errors.clone();
            errors.sort_by_key(|e| e.range.start);
            errors.dedup_by(|a, b| a.range.start == b.range.start);
            for e in errors {
                problems.push(ModelProblem {
                    code: INVALID_JSON,
                    rule: "Requirement-JsonSyntax".to_string(),
                    range: e.range,
                    message: e.message,
                    official_ids: Vec::new(),
                    related: Vec::new(),
                    suggestion: None,
                });
            }
        }
        self.docs.push(Doc { text: owned, json, report, problems });
    }

    /// Adds a related place to the last finding reported in document `doc`.
    fn relate_last(&mut self, doc: usize, range: Range<usize>, label: String) {
        if let Some(p) = self.docs[doc].problems.last_mut() {
            p.related.push((range, label));
        }
    }

    /// The term closest to a misspelt `s` among those the contexts in scope
    /// define whose IRI `accept`s, if one is close enough to be the likely
    /// intent (`dobule` -> `double`, `Telemetery` -> `Telemetry`).
    fn closest_term(&self, ctx: &Ctx, s: &str, accept: impl Fn(&'static str) -> bool) -> Option<&'static str> {
        let lower = s.to_ascii_lowercase();
        let mut best: Option<(usize, &'static str)> = None;
        for t in ctx.mm().all_terms() {
            if !ctx.contexts.contains(&t.context) || !accept(t.iri) {
                continue;
            }
            self.tick(1);
            let distance = strsim::damerau_levenshtein(&lower, &t.term.to_ascii_lowercase());
            // Case alone, or up to a third of the letters (at most 3) changed.
            let close = distance <= (t.term.chars().count() / 3).clamp(1, 3) || lower == t.term.to_ascii_lowercase();
            if close && best.is_none_or(|(b, _)| distance < b) {
                best = Some((distance, t.term));
            }
        }
        best.map(|(_, t)| t).filter(|t| *t != s)
    }

    /// Counts `n` steps of work (see [`Engine::work`]).
    fn tick(&self, n: usize) {
        self.work.set(self.work.get() + n as u64);
    }

    fn report(&mut self, doc: usize, code: &'static str, rule: String, range: Range<usize>, message: String) {
        let ids = if code == SPEC_RECOMMENDATION {
            Vec::new()
        } else {
            super::ids::official_id(&rule).into_iter().chain(super::ids::also(&rule).iter().copied()).collect()
        };
        self.report_ids(doc, code, rule, range, message, ids);
    }

    fn report_id(&mut self, doc: usize, code: &'static str, rule: String, range: Range<usize>, message: String, official_id: Option<&'static str>) {
        self.report_ids(doc, code, rule, range, message, official_id.into_iter().collect());
    }

    fn report_ids(&mut self, doc: usize, code: &'static str, rule: String, range: Range<usize>, message: String, official_ids: Vec<&'static str>) {
        let d = &mut self.docs[doc];
        if d.report {
            d.problems.push(ModelProblem { code, rule, range, message, official_ids, related: Vec::new(), suggestion: None });
        }
    }

    /// An error the official parser reports under several ids at once.
    fn error_ids(&mut self, doc: usize, ids: &[&'static str], rule: String, range: Range<usize>, message: String) {
        self.report_ids(doc, SPEC_VIOLATION, rule, range, message, ids.to_vec());
    }

    /// An error whose official id depends on more than its rule.
    fn error_id(&mut self, doc: usize, id: &'static str, rule: String, range: Range<usize>, message: String) {
        self.report_id(doc, SPEC_VIOLATION, rule, range, message, Some(id));
    }

    fn error(&mut self, doc: usize, rule: String, range: Range<usize>, message: String) {
        self.report(doc, SPEC_VIOLATION, rule, range, message);
    }

    /// [`Self::error`] for a misspelt term: the message says "did you mean `term`", and
    /// the problem carries the term for a fix.
    fn error_suggesting(&mut self, doc: usize, rule: String, range: Range<usize>, message: String, term: &str) {
        self.error(doc, rule, range, message);
        let d = &mut self.docs[doc];
        if d.report {
            if let Some(p) = d.problems.last_mut() {
                p.suggestion = Some(term.to_string());
            }
        }
    }

    fn warn(&mut self, doc: usize, rule: String, range: Range<usize>, message: String) {
        self.report(doc, SPEC_RECOMMENDATION, rule, range, message);
    }

    pub(crate) fn run(self) -> Vec<Vec<ModelProblem>> {
        self.run_counted().0
    }

    /// [`Self::run`] of an engine without an index, or `None` as soon as the documents
    /// read refer to a DTMI none of them defines (with an index, the linker would look it
    /// up, and what it finds could change the findings).
    pub(crate) fn run_alone(mut self) -> Option<Vec<ModelProblem>> {
        for d in 0..self.docs.len() {
            self.read_document(d);
        }
        if self.pending.iter().any(|p| !self.defined.contains(&p.dtmi)) {
            return None;
        }
        Some(self.finish().0.into_iter().next().unwrap_or_default())
    }

    /// [`Self::run`], with the steps of work it took (see [`Engine::work`]).
    pub(crate) fn run_counted(mut self) -> (Vec<Vec<ModelProblem>>, u64) {
        let mut next = 0;
        while next < self.docs.len() {
            self.read_document(next);
            next += 1;
            if next == self.docs.len() {
                self.link_documents();
            }
        }
        self.finish()
    }

    /// The checks over every element read, and the findings of the reported documents.
    fn finish(mut self) -> (Vec<Vec<ModelProblem>>, u64) {
        self.check_ids();
        self.check_layers();
        self.resolve_refs();
        self.check_descendants();
        self.check_unique();
        self.check_supplemental();
        self.check_siblings();
        self.check_supplemental_properties();
        let work = self.work.get();
        let problems = self
            .docs
            .into_iter()
            .filter(|d| d.report)
            .map(|mut d| {
                d.problems.sort_by_key(|p| (p.range.start, p.range.end));
                d.problems
            })
            .collect();
        (problems, work)
    }

    /// Linter mode: pulls in the documents that define what the reported
    /// documents refer to, so references resolve and conform.
    fn link_documents(&mut self) {
        let Some(index) = self.index else { return };
        let start = self.linked_upto;
        self.linked_upto = self.pending.len();
        self.loaded.extend(self.origin.iter().cloned());
        let wanted: Vec<String> = self.pending[start..].iter().map(|p| p.dtmi.clone()).collect();
        for dtmi in wanted {
            if self.docs.len() >= MAX_LINKED_DOCUMENTS || self.defined.contains(&dtmi) || !self.looked_up.insert(dtmi.clone()) {
                continue;
            }
            let doc = index.interface(&dtmi).map(|r| r.document).or_else(|| index.element_document(&dtmi));
            if let Some(doc) = doc {
                if self.loaded.insert(doc.path.clone()) {
                    self.add_parsed(doc.source.clone(), doc.json.get(), false);
                }
            }
        }
    }

    fn read_document(&mut self, d: usize) {
        let Some(root) = self.docs[d].json.root else {
            if self.docs[d].problems.is_empty() {
                let len = self.docs[d].text.len();
                self.error(d, "Requirement-RootArrayOrObj".into(), 0..len, "the document is empty: write one Interface object, or an array of them".into());
            }
            return;
        };
        let items = match self.docs[d].kind(root) {
            JKind::Object => smallvec::smallvec![root],
            JKind::Array => self.docs[d].items(root),
            _ => {
                let r = self.docs[d].range(root);
                self.error(d, "Requirement-RootArrayOrObj".into(), r, "a DTDL document is an Interface object or an array of Interface objects".into());
                return;
            }
        };
        for item in items {
            if self.docs[d].kind(item) != JKind::Object {
                let r = self.docs[d].range(item);
                self.error(d, "Requirement-RootArrayOrObj".into(), r, "each item of a DTDL document's top-level array must be an Interface object".into());
                continue;
            }
            let Some(ctx) = self.top_context(d, item) else { continue };
            if let Some(e) = self.element(d, item, Expect { owner: "", prop: None, parent: None, root: None, partition: None }, &ctx, 0) {
                let class = self.elems[e].class;
                if let Some(c) = class {
                    if !is_subclass(c.iri, &format!("dtmi:dtdl:class:Interface;{}", c.version)) && !c.partition {
                        let r = self.docs[d].range(item);
                        self.error(
                            d,
                            "Requirement-TopLevelRootable".into(),
                            r,
                            format!("a top-level element must be an Interface, not a {}: wrap it in an Interface's \"schemas\" or \"contents\"", short(c.iri)),
                        );
                    }
                }
                // An `@id` that is written but invalid has its own finding.
                if self.elems[e].id.is_none() && self.docs[d].member(item, "@id").is_none() {
                    let r = self.docs[d].range(item);
                    let class = self.elems[e].class_name();
                    self.error_id(d, "missingTopLevelId", rule("Requirement", class, "IdRequired"), r, "a top-level element needs an \"@id\": add a DTMI such as \"dtmi:com:example:MyModel;1\"".into());
                }
            }
        }
    }

    /// The context of a top-level element: its `@context` must name a DTDL
    /// language context, first.
    fn top_context(&mut self, d: usize, item: NodeId) -> Option<Ctx> {
        let Some(value) = self.docs[d].member(item, "@context") else {
            // No `@context` to point at: point at the `@id` (else the element).
            let r = self.docs[d].member(item, "@id").map(|v| self.docs[d].range(v)).unwrap_or_else(|| self.docs[d].range(item));
            self.error(
                d,
                "Requirement-TopLevelDtdlContextOrLimitless".into(),
                r,
                "a top-level element needs \"@context\" naming the DTDL version: add \"@context\": \"dtmi:dtdl:context;4\" (or ;3, ;2)".into(),
            );
            return None;
        };
        let doc = &self.docs[d];
        let empty = match doc.kind(value) {
            JKind::Array => doc.items(value).is_empty(),
            JKind::String => doc.str(value).is_some_and(|s| s.is_empty()),
            _ => false,
        };
        if empty {
            let r = doc.range(value);
            self.error(d, "Requirement-ContextEmpty".into(), r, "\"@context\" is empty: it must name the DTDL version, e.g. \"dtmi:dtdl:context;4\"".into());
            return None;
        }
        let entries = self.context_entries(d, value, None)?;
        self.dtdl_after_affiliate(d, &entries);
        // With several DTDL contexts the last one gives the version (a
        // JSON-LD context overrides the ones before it); the others only
        // deserve a warning.
        let mut version = None;
        let mut first_dtdl = None;
        let mut last_dtdl = None;
        for (i, (s, _)) in entries.iter().enumerate() {
            if let Some(v) = dtdl_context_version(s) {
                version = Some(v);
                first_dtdl.get_or_insert(i);
                last_dtdl = Some(i);
            }
        }
        let Some(version) = version else {
            // Say what is wrong with the entry that was meant as the DTDL context.
            let (rule_name, r, message) = entries
                .iter()
                .find_map(|(s, r)| {
                    let lower = s.to_ascii_lowercase();
                    let rest = lower.strip_prefix("dtmi:dtdl:context;")?;
                    let number = rest.split('#').next().unwrap_or(rest);
                    Some(if !s.starts_with("dtmi:dtdl:context;") {
                        ("Requirement-ContextDtdlSpelling", r.clone(), format!("'{s}' is not a DTDL context: contexts are case-sensitive; write \"dtmi:dtdl:context;{number}\""))
                    } else if number.contains('.') {
                        ("Requirement-ContextDtdlMinorVersion", r.clone(), format!("'{s}' has a minor version, which a DTDL context may not have: write \"dtmi:dtdl:context;{}\"", number.split('.').next().unwrap_or("4")))
                    } else {
                        ("Requirement-ContextDtdlVersionKnown", r.clone(), format!("'{s}' names a DTDL version that does not exist: use \"dtmi:dtdl:context;4\" (or ;3, ;2)"))
                    })
                })
                .unwrap_or_else(|| {
                    (
                        "Requirement-TopLevelDtdlContextOrLimitless",
                        self.docs[d].range(value),
                        "\"@context\" names no DTDL language version: put \"dtmi:dtdl:context;4\" (or ;3, ;2) first".into(),
                    )
                });
            // The context is there but names no DTDL version: not `missingContext`.
            let id = if rule_name == "Requirement-TopLevelDtdlContextOrLimitless" { Some("missingDtdlContext") } else { super::ids::official_id(rule_name) };
            self.report_id(d, SPEC_VIOLATION, rule_name.into(), r, message, id);
            return None;
        };
        let allow_undefined = self.options.allow_undefined_extensions.unwrap_or(metamodel(version).global.allow_undefined_extensions);
        let mut ctx = Ctx { version, contexts: vec![dtdl_context_iri(version)], undefined_context: false, allow_undefined, limits: None, layering: false };
        let mut first = first_dtdl.unwrap_or(0);
        let limitless = entries.iter().position(|(s, _)| s == "dtmi:dtdl:context;4#limitless");
        let mut skip: HashSet<usize> = HashSet::new();
        if let Some(l) = limitless {
            first = l;
            let follows = entries.get(l + 1).map(|(s, _)| s.as_str());
            match follows {
                Some("dtmi:dtdl:context;4#limits" | "dtmi:dtdl:context;4") => {
                    skip.insert(l + 1);
                }
                Some(x) if x.starts_with("dtmi:dtdl:limits:") => {
                    skip.insert(l + 1);
                }
                _ => {
                    let r = entries[l].1.clone();
                    self.error(d, "Requirement-LimitlessContextFollowedByLimits".into(), r, "\"dtmi:dtdl:context;4#limitless\" must be followed directly by the limits to apply: \"dtmi:dtdl:context;4#limits\" or a limits extension such as \"dtmi:dtdl:limits:onvif;1\"".into());
                }
            }
            for (i, (s, range)) in entries.iter().enumerate().take(l) {
                skip.insert(i);
                if dtdl_context_version(s).is_some() {
                    self.warn(d, "Recommendation-ContextDtdlLimitlessOnlyOne".into(), range.clone(), "\"dtmi:dtdl:context;4#limitless\" already names the DTDL version: remove this DTDL context".into());
                } else {
                    self.error(d, "Requirement-LimitlessContextPrecedes".into(), range.clone(), "\"dtmi:dtdl:context;4#limitless\" must come first in \"@context\": move this context after it".into());
                }
            }
        }
        for (i, (s, range)) in entries.iter().enumerate() {
            let previous = i.checked_sub(1).and_then(|p| entries.get(p)).map(|(s, _)| s.as_str());
            if s == "dtmi:dtdl:context;4#limits" || s.starts_with("dtmi:dtdl:limits:") {
                if previous != Some("dtmi:dtdl:context;4#limitless") {
                    let which = if s.starts_with("dtmi:dtdl:limits:") { "Extension" } else { "Core" };
                    self.error(d, format!("Requirement-{which}LimitsFollowsLimitless"), range.clone(), format!("'{s}' must directly follow \"dtmi:dtdl:context;4#limitless\""));
                } else if let Some(c) = metamodel::context(s) {
                    ctx.limits = c.limits;
                }
                continue;
            }
            if skip.contains(&i) || (limitless.is_some() && i == first) {
                continue;
            }
            if limitless.is_none() && dtdl_context_version(s).is_some() {
                if Some(i) != last_dtdl {
                    if *s == entries[last_dtdl.unwrap_or(i)].0 {
                        self.warn(d, "Recommendation-ContextDtdlOnlyOnce".into(), range.clone(), "the DTDL context is listed more than once in \"@context\": remove the repetition".into());
                    } else {
                        self.warn(
                            d,
                            "Recommendation-ContextDtdlOnlyOne".into(),
                            range.clone(),
                            format!("\"@context\" names more than one DTDL language version; the last one, DTDL v{version}, applies: remove '{s}'"),
                        );
                    }
                }
                continue;
            }
            if i < first {
                // Only v2 allows a partner context before the DTDL one.
                if !(version == 2 && s == "dtmi:iotcentral:context;2") {
                    self.error(
                        d,
                        "Requirement-ContextDtdlPrecedesOrOnly".into(),
                        range.clone(),
                        format!("the DTDL context must come first in \"@context\": move '{s}' after \"dtmi:dtdl:context;{version}\""),
                    );
                }
                self.add_extension(d, &mut ctx, s, range.clone());
            } else if i > first {
                if dtdl_context_version(s).is_some() {
                    if s == dtdl_context_iri(version) {
                        self.warn(
                            d,
                            "Recommendation-ContextDtdlOnlyOnce".into(),
                            range.clone(),
                            "the DTDL context is listed more than once in \"@context\": remove the repetition".into(),
                        );
                    } else {
                        self.warn(
                            d,
                            "Recommendation-ContextDtdlOnlyOne".into(),
                            range.clone(),
                            format!("\"@context\" names more than one DTDL language version; the last one, DTDL v{version}, applies: keep only '{}'", dtdl_context_iri(version)),
                        );
                    }
                    continue;
                }
                self.add_extension(d, &mut ctx, s, range.clone());
            }
        }
        Some(ctx)
    }

    /// A DTDL context may not follow an affiliate context (`dtmi:iotcentral:context;2`)
    /// that itself follows a DTDL context: the affiliate's terms would be
    /// overridden.
    fn dtdl_after_affiliate(&mut self, d: usize, entries: &[(String, Range<usize>)]) {
        let mut dtdl_seen = false;
        let mut affiliate_after_dtdl = false;
        for (s, range) in entries {
            if dtdl_context_version(s).is_some() {
                if affiliate_after_dtdl {
                    self.error(d, "Requirement-ContextDtdlFollowsAffiliate".into(), range.clone(), format!("'{s}' follows an affiliate context that follows a DTDL context: remove it, or list it before the affiliate context"));
                }
                dtdl_seen = true;
            } else if dtdl_seen && metamodel::context(s).is_some_and(|c| c.kind == metamodel::ContextKind::Affiliate) {
                affiliate_after_dtdl = true;
            }
        }
    }

    /// What is wrong, as JSON-LD, with a local context object (beyond DTDL
    /// allowing none): the official id, if one applies.
    fn local_context_fault(&self, d: usize, object: NodeId, last: bool, version: u8) -> Option<&'static str> {
        let doc = &self.docs[d];
        if !last {
            return Some("localContextNotLast");
        }
        for (k, v) in doc.members(object) {
            let term = doc.str(k).unwrap_or_default();
            if term.is_empty() {
                return Some("localTermEmpty");
            }
            if term == "dtmi" {
                return Some("localTermSchemePrefix");
            }
            if term.starts_with('@') || term.contains(':') {
                return Some("localTermInvalid");
            }
            // A term some DTDL context defines, or one standing for an
            // identifier the language reserves.
            let reserved_definition = doc.str(v).is_some_and(|def| def.starts_with("dtmi:dtdl:") || def.starts_with("dtmi:standard:"));
            if metamodel(version).term(dtdl_context_iri(version), &term).is_some()
                || metamodel::contexts().iter().any(|c| [2, 3, 4].into_iter().any(|n| metamodel(n).term(c.iri, &term).is_some()))
                || reserved_definition
            {
                return Some("localTermReserved");
            }
            match doc.kind(v) {
                JKind::String => {
                    let def = doc.str(v).unwrap_or_default();
                    if def.starts_with("dtmi:") {
                        if !def.ends_with(':') && crate::dtmi::validate(&def).is_err() {
                            return Some("localTermDefinitionInvalidDtmi");
                        }
                    } else if !def.contains("://") {
                        return Some("localTermDefinitionInvalidUri");
                    }
                }
                JKind::Object => match doc.member(v, "@id") {
                    None => return Some("termDefinitionMissingIdProperty"),
                    Some(id) if doc.kind(id) != JKind::String => return Some("termDefinitionIdPropertyNotString"),
                    Some(_) => {}
                },
                _ => return Some("termDefinitionNotStringOrObject"),
            }
        }
        None
    }

    /// `@context` as a list of strings, reporting what is not.
    /// `version_hint`: the DTDL version in force (a nested context), or named in this list.
    fn context_entries(&mut self, d: usize, value: NodeId, version_hint: Option<u8>) -> Option<Vec<(String, Range<usize>)>> {
        let version_hint = version_hint.or_else(|| {
            let doc = &self.docs[d];
            doc.items(value).into_iter().filter_map(|i| doc.str(i)).find_map(|s| dtdl_context_version(&s))
        });
        let doc = &self.docs[d];
        let mut out = Vec::new();
        let mut bad = None;
        match doc.kind(value) {
            JKind::String | JKind::Array => {}
            _ => bad = Some(("Requirement-ContextStringOrArray", doc.range(value), "\"@context\" must be a DTMI string or an array of them".to_string())),
        }
        if bad.is_none() {
            for item in doc.items(value) {
                match doc.str(item) {
                    Some(s) => {
                        let ok = crate::dtmi::validate(&s).is_ok_and(|i| i.major.is_some()) || is_dtdl_context(&s);
                        if !ok {
                            bad = Some((
                                "Requirement-ContextDtmiWithVersion",
                                doc.range(item),
                                format!("'{s}' is not a context DTMI with a version: write e.g. \"dtmi:dtdl:extension:quantitativeTypes;1\""),
                            ));
                            break;
                        }
                        out.push((s.into_owned(), doc.range(item)));
                    }
                    None => {
                        bad = Some(("Requirement-ContextArrayAllString", doc.range(item), "each \"@context\" entry must be a DTMI string".to_string()));
                        break;
                    }
                }
            }
        }
        if let Some((r, range, message)) = bad {
            // The official ids tell apart why an entry is no context DTMI.
            let text = self.docs[d].str(self.docs[d].items(value).into_iter().find(|i| self.docs[d].range(*i) == range).unwrap_or(value));
            let id = match (r, text.as_deref()) {
                ("Requirement-ContextDtmiWithVersion", Some(s)) if !s.starts_with("dtmi:") => Some("nonDtmiContextSpecifier"),
                ("Requirement-ContextDtmiWithVersion", Some(s)) if crate::dtmi::validate(s).is_ok() => {
                    // DTDL v2 has no versionless DTMIs at all.
                    if version_hint == Some(2) {
                        self.error_ids(d, &["invalidContextSpecifierForVersion", "missingContextVersion"], r.into(), range, message);
                        return None;
                    }
                    Some("missingContextVersion")
                }
                ("Requirement-ContextArrayAllString", _) if self.docs[d].kind(self.docs[d].items(value).into_iter().find(|i| self.docs[d].range(*i) == range).unwrap_or(value)) != JKind::Object => Some("invalidContext"),
                ("Requirement-ContextArrayAllString", _) => {
                    // A local context: never allowed, and the official parser also
                    // says what is wrong with it as JSON-LD.
                    let items = self.docs[d].items(value);
                    let at = items.iter().position(|i| self.docs[d].range(*i) == range).unwrap_or(0);
                    let second = self.local_context_fault(d, items[at], at + 1 == items.len(), version_hint.unwrap_or(4));
                    let mut ids = vec!["disallowedLocalContext"];
                    ids.extend(second);
                    self.error_ids(d, &ids, r.into(), range, message);
                    return None;
                }
                _ => super::ids::official_id(r),
            };
            self.report_id(d, SPEC_VIOLATION, r.into(), range, message, id);
            return None;
        }
        Some(out)
    }

    fn add_extension(&mut self, d: usize, ctx: &mut Ctx, s: &str, range: Range<usize>) {
        if s.starts_with("dtmi:dtdl:extension:layering;") {
            ctx.layering = true;
        }
        // `dtmi:dtdl:context;1`: a DTDL version that does not exist.
        if s.starts_with("dtmi:dtdl:context;") && dtdl_context_version(s).is_none() {
            self.error(d, "Requirement-ContextDtdlVersionKnown".into(), range, format!("'{s}' names a DTDL version that does not exist: use \"dtmi:dtdl:context;4\" (or ;3, ;2)"));
            return;
        }
        // DTDL v2 DTMIs have no minor version, context specifiers included.
        if ctx.version == 2 && crate::dtmi::validate(s).is_ok_and(|i| i.minor.is_some()) {
            self.error_id(d, "invalidContextSpecifierForVersion", "Requirement-ContextDtmiWithVersion".into(), range, format!("'{s}' has a minor version, which DTDL v2 does not allow in a DTMI"));
            return;
        }
        if let Some(ext) = [ctx.version, 4, 3, 2].into_iter().filter(|v| *v <= ctx.version && *v >= 3 || *v == ctx.version).find_map(|v| metamodel(v).extensions.iter().find(|e| **e == s)) {
            if !ctx.contexts.contains(ext) {
                ctx.contexts.push(ext);
            }
            return;
        }
        if is_limits_context(ctx.version, s) {
            return;
        }
        if dtdl_context_version(s).is_some() {
            self.error(
                d,
                "Requirement-ContextDtdlTopLevel".into(),
                range,
                "a DTDL language context may only appear in a top-level \"@context\": remove it here".into(),
            );
            return;
        }
        // A context the official parser knows, but not for this DTDL version
        // (historization;2 in v2): its terms are understood, and its types
        // then fail to apply to this version's classes.
        if metamodel::context(s).is_some_and(|c| c.kind != metamodel::ContextKind::Language && c.kind != metamodel::ContextKind::Limits) {
            if let Some(c) = metamodel::context(s) {
                if !ctx.contexts.contains(&c.iri) {
                    ctx.contexts.push(c.iri);
                }
            }
            return;
        }
        if ctx.allow_undefined {
            ctx.undefined_context = true;
        } else {
            // A known extension in a version that does not exist (`historization;100`).
            let versionless = s.split(';').next().unwrap_or(s);
            let known: Vec<&str> = metamodel::contexts().iter().map(|c| c.iri).filter(|c| s.contains(';') && c.split(';').next() == Some(versionless)).collect();
            if known.is_empty() {
                self.error(
                    d,
                    "Requirement-ContextDefinedLanguageExtension".into(),
                    range,
                    format!("'{s}' is not a DTDL extension this validator knows for DTDL v{}: remove it, or allow undefined extensions", ctx.version),
                );
            } else {
                self.error_id(
                    d,
                    "unresolvableContextVersion",
                    "Requirement-ContextDefinedLanguageExtension".into(),
                    range,
                    format!("'{s}' is a version of the extension that does not exist: use one of {}", known.join(", ")),
                );
            }
        }
    }

    fn word(&self, ctx: &Ctx, s: &str) -> Word {
        let mm = ctx.mm();
        for c in &ctx.contexts {
            if let Some(t) = mm.term(c, s) {
                return Word::Known { iri: t.iri, via_term: true };
            }
            if !c.starts_with("dtmi:dtdl:context;") {
                if let Some(t) = [2, 3, 4].into_iter().find_map(|v| metamodel(v).term(c, s)) {
                    return Word::Known { iri: t.iri, via_term: true };
                }
            }
        }
        if let Some(iri) = known_iri(s) {
            return Word::Known { iri, via_term: false };
        }
        if s.starts_with("dtmi:") {
            return if crate::dtmi::is_valid_for(s, version_of(ctx.version)) { Word::Irrelevant } else { Word::InvalidDtmi };
        }
        if s.contains(':') || s.is_empty() || s.starts_with('@') {
            Word::NotDtmiNorTerm
        } else {
            Word::UndefinedTerm
        }
    }

    fn element(&mut self, d: usize, node: NodeId, expect: Expect<'_>, parent_ctx: &Ctx, depth: usize) -> Option<ElemId> {
        if depth > MAX_ELEMENT_DEPTH {
            return None;
        }
        let members = self.docs[d].members(node);
        self.tick(1 + members.len());
        // The scope is the parent's unless a nested `@context` changes it (rarely): copied
        // only then.
        let mut ctx: Cow<'_, Ctx> = Cow::Borrowed(parent_ctx);
        let top = depth == 0;

        // Nested @context: extensions only.
        if !top {
            if let Some(value) = self.docs[d].member(node, "@context") {
                if let Some(entries) = self.context_entries(d, value, Some(ctx.version)) {
                    self.dtdl_after_affiliate(d, &entries);
                    for (s, range) in entries {
                        if let Some(v) = dtdl_context_version(&s) {
                            if v > ctx.version {
                                // The official parser also finds the newer version unknown to the older.
                                self.error_ids(
                                    d,
                                    &["disallowedVersionDefinition", "unrecognizedContextVersion"],
                                    "Requirement-ContextDtdlTopLevel".into(),
                                    range,
                                    format!("an element inside a DTDL v{} model cannot switch to the newer DTDL v{v}", ctx.version),
                                );
                            } else if v != ctx.version {
                                let ctx = ctx.to_mut();
                                ctx.version = v;
                                ctx.contexts = vec![dtdl_context_iri(v)];
                            }
                            continue;
                        }
                        self.add_extension(d, ctx.to_mut(), &s, range);
                    }
                }
            }
        }

        // @type
        let type_node = members.iter().find(|(k, _)| self.docs[d].str(*k).as_deref() == Some("@type")).map(|(_, v)| *v);
        let owner_class = expect.owner;
        let prop_name = expect.prop.map(|p| upper_short(p.path)).unwrap_or_default();
        let mut materials: Vec<(&'static Class, Range<usize>)> = Vec::new();
        let mut cotypes: Vec<(&'static str, Range<usize>)> = Vec::new();
        let mut undefined_cotype = false;
        // Undefined terms accepted as co-types (v2, undefined extensions):
        // if no class is named, the likeliest is a misspelt class among them.
        let mut undefined_terms: Vec<(String, Range<usize>)> = Vec::new();
        // `@type` lists more than one type, known or not: the official ids then
        // blame the property rather than the type.
        let mut listed_cotype = false;
        let mut type_ok = true;
        match type_node {
            None => {}
            Some(t) => {
                let kind = self.docs[d].kind(t);
                let items = match kind {
                    JKind::String => smallvec::smallvec![t],
                    JKind::Array => self.docs[d].items(t),
                    _ => SmallVec::new(),
                };
                if items.is_empty() || items.iter().any(|i| self.docs[d].kind(*i) != JKind::String) {
                    let r = self.docs[d].range(t);
                    let class = expected_class_name(expect);
                    self.error(d, rule("Requirement", &class, "TypeStringOrArray"), r, "\"@type\" must be a type name or an array of type names".into());
                    type_ok = false;
                } else {
                    listed_cotype = items.len() > 1;
                    // Each type read in place (the text is shared, not borrowed from `self`).
                    let (text, json) = (self.docs[d].text.clone(), self.docs[d].json.clone());
                    for i in items {
                        let s = json.nodes[i].string_in(&text);
                        let range = self.docs[d].range(i);
                        match self.word(&ctx, &s) {
                            Word::Known { iri, via_term } => {
                                if let Some(c) = metamodel::any_class(iri) {
                                    if c.extension.is_none() && c.material && c.applies_to.is_empty() {
                                        if !via_term {
                                            self.warn(d, rule("Recommendation", short(iri), "TypePreferTermToDtmi"), range.clone(), format!("write the type as the term \"{}\" rather than its DTMI", short(iri)));
                                        }
                                        if materials.iter().any(|(m, _)| m.iri == c.iri) {
                                            self.warn(d, rule("Recommendation", short(iri), "TypeDuplicatesMaterial"), range.clone(), format!("\"{}\" is listed twice in \"@type\": remove the repetition", short(iri)));
                                            continue;
                                        }
                                        materials.push((c, range));
                                    } else {
                                        cotypes.push((iri, range));
                                    }
                                } else if iri.starts_with("dtmi:standard:class:") || iri.starts_with("dtmi:iotcentral:class:") {
                                    cotypes.push((iri, range));
                                } else if ctx.undefined_context {
                                    // A term or DTMI of the language that is no class
                                    // (`displayName`): an undefined extension context
                                    // in scope may redefine it as a type.
                                    undefined_cotype = true;
                                } else {
                                    let class = expected_class_name(expect);
                                    // Where a property holds it, the value also has no type the property takes.
                                    let ids: &[&'static str] = if expect.prop.is_some() { &["typeIrrelevantDtmiOrTerm", "badType"] } else { &["typeIrrelevantDtmiOrTerm"] };
                                    self.error_ids(d, ids, rule("Requirement", &class, "TypeIncludesMaterial"), range, format!("'{s}' is not a type: use a DTDL class such as \"Interface\", \"Telemetry\" or \"Property\""));
                                    type_ok = false;
                                }
                            }
                            w @ (Word::UndefinedTerm | Word::Irrelevant | Word::NotDtmiNorTerm | Word::InvalidDtmi) => {
                                let label = apocrypha_label(w);
                                let g = ctx.mm().global;
                                let class = expected_class_name(expect);
                                if g.cotype_never.contains(&label) || (w == Word::InvalidDtmi) {
                                    self.error(d, rule("Requirement", &class, &format!("TypeIncludes{}", upper_first(label))), range, format!("'{s}' in \"@type\" is not a valid DTMI or term: fix or remove it"));
                                    type_ok = false;
                                } else if g.cotype_always.contains(&label) || ctx.allow_undefined || ctx.undefined_context {
                                    undefined_cotype = true;
                                    if w == Word::UndefinedTerm {
                                        undefined_terms.push((s.to_string(), range.clone()));
                                    }
                                } else {
                                    // A misspelt class or co-type: the closest concrete one
                                    // that may stand here.
                                    let wanted = expect.prop.map(|p| p.classes).unwrap_or(&[]);
                                    let suggestion = (w == Word::UndefinedTerm)
                                        .then(|| {
                                            self.closest_term(&ctx, &s, |iri| {
                                                metamodel::any_class(iri).is_some_and(|c| !c.is_abstract && (wanted.is_empty() || !c.material || wanted.iter().any(|k| is_subclass(c.iri, k))))
                                            })
                                        })
                                        .flatten();
                                    let rule = rule("Requirement", &class, &format!("TypeIncludes{}", upper_first(label)));
                                    match suggestion {
                                        Some(t) => self.error_suggesting(d, rule, range, format!("'{s}' in \"@type\" is not a DTDL type: did you mean `{t}`?"), t),
                                        None => self.error(d, rule, range, format!("'{s}' in \"@type\" is defined by no DTDL context in scope: add the extension's context to \"@context\", or remove it")),
                                    }
                                    type_ok = false;
                                }
                            }
                        }
                    }
                }
            }
        }

        // The class.
        let mut class = None;
        let mut deferred_layer_type: Option<String> = None;
        let node_range = self.docs[d].range(node);
        if materials.len() > 1 {
            let class_name = expected_class_name(expect);
            let names: Vec<_> = materials.iter().map(|(c, _)| short(c.iri)).collect();
            self.error_id(d, "multipleMaterialTypes", rule("Requirement", &class_name, "TypeIncludesMaterial"), materials[1].1.clone(), format!("\"@type\" names more than one DTDL class ({}): keep exactly one", names.join(", ")));
            // Which class's properties apply is unknown: none is blamed.
            type_ok = false;
        } else if let Some((c, range)) = materials.first() {
            class = Some(*c);
            if c.is_abstract {
                self.error(d, rule("Requirement", short(c.iri), "TypeIncludesMaterial"), range.clone(), format!("\"{}\" is an abstract class: use one of its concrete kinds", short(c.iri)));
            }
        } else if type_node.is_some() && type_ok {
            let class_name = expected_class_name(expect);
            let r = type_node.map(|t| self.docs[d].range(t)).unwrap_or(node_range.clone());
            let wanted = expect.prop.map(|p| p.classes).unwrap_or(&[]);
            let fits = |iri: &'static str| metamodel::any_class(iri).is_some_and(|c| c.material && !c.is_abstract && (wanted.is_empty() || wanted.iter().any(|k| is_subclass(c.iri, k))));
            let misspelt = undefined_terms.iter().find_map(|(s, r)| self.closest_term(&ctx, s, fits).map(|t| (s.clone(), r.clone(), t)));
            let layer_only = ctx.layering && type_node.is_some_and(|t| self.docs[d].items(t).iter().any(|i| self.docs[d].str(*i).as_deref() == Some("Layer")));
            match misspelt {
                _ if layer_only => deferred_layer_type = Some(rule("Requirement", &class_name, "TypeIncludesMaterial")),
                Some((s, r, t)) => {
                    self.error_suggesting(d, rule("Requirement", &class_name, "TypeIncludesMaterial"), r, format!("\"@type\" names no DTDL class: '{s}' is not one; did you mean `{t}`?"), t);
                }
                None => {
                    self.error(d, rule("Requirement", &class_name, "TypeIncludesMaterial"), r, "\"@type\" names no DTDL class: add one, such as \"Telemetry\" or \"Property\"".into());
                }
            }
        } else if type_node.is_none() {
            match expect.prop {
                Some(p) if p.inferable && p.classes.len() == 1 => class = metamodel::any_class(p.classes[0]),
                _ => {
                    let class_name = expected_class_name(expect);
                    self.error_id(d, "badType", rule("Requirement", &class_name, "RequiredProperties"), node_range.clone(), "this element has no \"@type\": add one, such as \"Interface\", \"Telemetry\" or \"Property\"".into());
                    type_ok = false;
                }
            }
        }
        // Conformance to where it is used.
        if let (Some(c), Some(p)) = (class, expect.prop) {
            if !p.classes.is_empty() && !p.classes.iter().any(|k| is_subclass(c.iri, k)) {
                let r = type_node.map(|t| self.docs[d].range(t)).unwrap_or(node_range.clone());
                self.error(
                    d,
                    rule("Requirement", owner_class, &format!("Property{prop_name}TypeConformance")),
                    r,
                    format!("\"{}\" cannot hold a {} (DTDL v{}): use {}", short(p.path), short(c.iri), c.version, expected_list(p)),
                );
            }
        }
        // Co-types apply to the class: the classes the official digest lists
        // for a supplemental type (else the tables' own), never an abstract one.
        let mut inapplicable: Vec<&'static str> = Vec::new();
        if let Some(c) = class {
            for (iri, range) in &cotypes {
                let digest_rule = metamodel::cotype_rule(iri);
                if digest_rule.is_some_and(|r| r.material) {
                    self.error_id(d, "multipleMaterialTypes", rule("Requirement", short(c.iri), "TypeIncludesMaterial"), range.clone(), format!("\"{}\" is a class of its own, not a co-type: a {} cannot also be one", short(iri), short(c.iri)));
                    continue;
                }
                if digest_rule.is_some_and(|r| r.is_abstract) {
                    self.error_id(d, "abstractSupplementalType", rule("Requirement", short(c.iri), "TypeCotypeAbstract"), range.clone(), format!("\"{}\" is an abstract type: use one of its concrete kinds", short(iri)));
                    continue;
                }
                if let Some(r) = digest_rule {
                    for needed in r.requires {
                        if !cotypes.iter().any(|(i, _)| i == needed) {
                            self.error_id(d, "missingCocotype", rule("Requirement", short(iri), "CotypeRequiresCotype"), range.clone(), format!("the co-type \"{}\" needs the co-type \"{}\" too: add it", short(iri), short(needed)));
                        }
                    }
                    for excluded in r.excludes {
                        if let Some((_, xr)) = cotypes.iter().find(|(i, _)| i == excluded) {
                            self.error_id(d, "disallowedCocotype", rule("Requirement", short(iri), "CotypeExcludesCotype"), xr.clone(), format!("the co-types \"{}\" and \"{}\" exclude each other: keep one", short(iri), short(excluded)));
                        }
                    }
                }
                let applies = match (digest_rule, metamodel::any_class(iri)) {
                    (Some(r), _) if !r.applies_to.is_empty() => {
                        r.applies_to.iter().any(|a| is_subclass(c.iri, a)) || r.also_with.iter().any(|a| cotypes.iter().any(|(x, _)| x == a))
                    }
                    (_, Some(k)) => k.applies_to.is_empty() || k.applies_to.iter().any(|a| is_subclass(c.iri, a)),
                    _ => true,
                };
                if !applies {
                    // It would apply to this class in another DTDL version.
                    let other_version = digest_rule.is_some_and(|r| r.applies_to.iter().any(|a| short(a) == short(c.iri)));
                    let ids: &[&'static str] = if other_version { &["invalidCotype", "invalidCotypeVersion"] } else { &["invalidCotype"] };
                    self.error_ids(d, ids, rule("Requirement", short(c.iri), "TypeCotypeApplies"), range.clone(), format!("the co-type \"{}\" does not apply to a {} (DTDL v{}): remove it", short(iri), short(c.iri), c.version));
                    inapplicable.push(*iri);
                }
            }
            // A co-type that does not apply adds no properties: what it would
            // add is out of place too (the official parser: noTypeThatAllows).
            cotypes.retain(|(i, _)| !inapplicable.contains(i));
            // Boolean, CommandType: only the language's own elements exist.
            if type_node.is_some() && metamodel::is_elemental(ctx.version, short(c.iri)) {
                let r = type_node.map(|t| self.docs[d].range(t)).unwrap_or(node_range.clone());
                // Where the property needs a value, the official parser also
                // finds it missing.
                let ids: &[&'static str] = if expect.prop.is_some_and(|p| p.min > 0) { &["badType", "objectCountBelowMin"] } else { &["badType"] };
                self.error_ids(
                    d,
                    ids,
                    rule("Requirement", short(c.iri), "Elemental"),
                    r,
                    format!("a model cannot define its own {0}: use the predefined one by its term (e.g. \"schema\": \"boolean\")", short(c.iri)),
                );
            }
        }

        let class_name = class.map(|c| short(c.iri)).unwrap_or("Entity");
        let eid = self.elems.len();
        let partition = if class.is_some_and(|c| c.partition) { eid } else { expect.partition.unwrap_or(eid) };
        let layer_typed = type_node.is_some_and(|t| self.docs[d].items(t).iter().any(|i| self.docs[d].str(*i).as_deref() == Some("Layer")));
        let type_range = type_node.map(|t| self.docs[d].range(t)).unwrap_or(node_range.clone());
        self.elems.push(Elem {
            doc: d,
            node,
            root: expect.root.unwrap_or(eid),
            id: None,
            id_range: None,
            class,
            props: Vec::new(),
            limits: ctx.limits,
            cotypes: cotypes.clone(),
            partition,
            parent: expect.parent.zip(expect.prop.map(|p| short(p.path))),
            raw_id: None,
            layer_fragment: None,
            layering: ctx.layering,
            layer_typed,
            type_range,
            layer_without_class: deferred_layer_type,
        });

        // The properties that apply.
        // (The class's own list, borrowed from the tables, unless co-types add to it.)
        let mut props: Cow<'static, [&'static Prop]> = Cow::Borrowed(class.map(metamodel::props_of).unwrap_or_default());
        for (iri, _) in &cotypes {
            if let Some(k) = metamodel::any_class(iri) {
                props.to_mut().extend_from_slice(metamodel::props_of(k));
            }
        }
        let has_cotype = !cotypes.is_empty() || undefined_cotype;

        let mut seen: PropMap<Range<usize>> = PropMap::with_capacity(members.len());
        let mut values: Vec<(&'static Prop, NodeId, bool)> = Vec::with_capacity(members.len());
        // The member names are read from the text without copying them out (the
        // findings below need `self` mutably; the text is shared, not borrowed from it).
        let text = self.docs[d].text.clone();
        let json = self.docs[d].json.clone();
        for (k, v) in &members {
            self.tick(1);
            let key_node = &json.nodes[*k];
            if !matches!(key_node.value, Value::String { .. }) {
                continue;
            }
            let key = key_node.string_in(&text);
            let key_range = self.docs[d].range(*k);
            match key.as_ref() {
                "@type" | "@context" => continue,
                "@id" => {
                    self.element_id(d, eid, *v, class, &ctx);
                    continue;
                }
                "@graph" => {
                    let id = if top { "topLevelGraphDisallowed" } else { "graphDisallowed" };
                    self.error_id(d, id, rule("Requirement", class_name, "GraphKeyword"), key_range, "\"@graph\" is not allowed in a DTDL model: write the elements directly".into());
                    continue;
                }
                _ if key.starts_with('@') => {
                    if !ctx.mm().global.restrict_keywords {
                        self.warn(d, rule("Recommendation", class_name, "InvalidKeywords"), key_range, format!("\"{key}\" has no meaning in a DTDL element: remove it"));
                    } else if ctx.mm().global.restrict_keywords || !matches!(key.as_ref(), "@value" | "@language" | "@list" | "@set" | "@graph" | "@reverse" | "@index" | "@base" | "@vocab" | "@container" | "@nest" | "@none" | "@prefix" | "@protected" | "@version" | "@direction" | "@json" | "@included") {
                        let id = if top { "topLevelKeywordDisallowed" } else { "keywordDisallowed" };
                        self.error_id(d, id, rule("Requirement", class_name, "InvalidKeyword"), key_range, format!("\"{key}\" is not allowed in a DTDL element: the only JSON-LD keywords are \"@context\", \"@id\" and \"@type\""));
                    }
                    continue;
                }
                _ => {}
            }
            // The `@type` is wrong and already reported: what the element's
            // properties would be is unknown, so none is blamed (the official
            // parser does the same).
            if class.is_none() && !type_ok && props.is_empty() {
                continue;
            }
            match self.word(&ctx, &key) {
                Word::Known { iri, via_term } => {
                    let mut matching = props.iter().copied().filter(|p| p.path == iri);
                    if let Some(p) = matching.next() {
                        let pname = upper_short(p.path);
                        if let Some(prev) = seen.get(p.path) {
                            let _ = prev;
                            self.error(d, rule("Requirement", class_name, &format!("Property{pname}TermAndDtmi")), key_range.clone(), format!("\"{}\" is given twice (as a term and as a DTMI): keep one", short(p.path)));
                            continue;
                        }
                        seen.insert(p.path, key_range.clone());
                        if !via_term {
                            self.warn(d, rule("Recommendation", class_name, &format!("Property{pname}Term")), key_range.clone(), format!("write the property as the term \"{}\" rather than its DTMI", short(p.path)));
                        }
                        values.push((p, *v, true));
                        for q in matching {
                            values.push((q, *v, false));
                        }
                    } else if class.is_some() || !has_cotype {
                        // A language term the class does not have (`writable`
                        // on a Telemetry) is tolerated only when a co-type the
                        // validator does not know might define it: a known
                        // co-type (a semantic type such as Temperature) does not.
                        // (A v2 semantic type has no class in the tables; the
                        // `unit` it adds is checked by `semantic_types`.)
                        let g = ctx.mm().global;
                        let explained = undefined_cotype || (short(iri) == "unit" && cotypes.iter().any(|(c, _)| metamodel::any_class(c).is_none()));
                        if explained && short(iri) == "unit" {
                            // The v2 semantic type's unit, given as term and DTMI both.
                            if seen.insert(iri, key_range.clone()).is_some() {
                                self.error_id(d, "duplicatePropertyName", rule("Requirement", class_name, "CotypePropertyUnitTermAndDtmi"), key_range.clone(), "\"unit\" is given twice (as a term and as a DTMI): keep one".into());
                                continue;
                            }
                        }
                        if g.property_always.contains(&"irrelevantDtmiOrTerm") && (explained || !g.property_needs_cotype) {
                            continue;
                        }
                        if explained && (ctx.allow_undefined || ctx.undefined_context || undefined_cotype) {
                            continue;
                        }
                        // Without a co-type the official parser also says no type allows it;
                        // a property of a co-type that does not apply here is just not allowed.
                        let of_inapplicable = inapplicable.iter().any(|t| match metamodel::any_class(t) {
                            Some(k) => metamodel::props_of(k).iter().any(|p| p.path == iri),
                            None => short(iri) == "unit",
                        });
                        let ids: &[&'static str] = if of_inapplicable {
                            &["noTypeThatAllows"]
                        } else if has_cotype || listed_cotype {
                            &["propertyIrrelevantDtmiOrTerm"]
                        } else {
                            &["noTypeThatAllows", "propertyIrrelevantDtmiOrTerm"]
                        };
                        self.error_ids(
                            d,
                            ids,
                            rule("Requirement", class_name, "PropertyFormallyIrrelevantDtmiOrTerm"),
                            key_range,
                            format!("\"{key}\" is not a property of {class_name}: remove it"),
                        );
                    }
                }
                w => {
                    let label = apocrypha_label(w);
                    let g = ctx.mm().global;
                    if g.property_always.contains(&label) && (has_cotype || !g.property_needs_cotype) {
                        continue;
                    }
                    if g.property_never.contains(&label) {
                        let own = if label == "invalidDtmi" { "propertyInvalidDtmi" } else { "propertyNotDtmiNorTerm" };
                        let ids = if has_cotype || listed_cotype { vec![own] } else { vec!["noTypeThatAllows", own] };
                        self.error_ids(d, &ids, rule("Requirement", class_name, &format!("Property{}", upper_first(label))), key_range, format!("\"{key}\" is not a valid property name: use a DTDL term or a valid DTMI"));
                        continue;
                    }
                    let allowed = (!g.property_needs_cotype || undefined_cotype) && (ctx.allow_undefined || ctx.undefined_context);
                    if !allowed {
                        let own = match label {
                            "undefinedTerm" => "propertyUndefinedTerm",
                            "invalidDtmi" => "propertyInvalidDtmi",
                            "notDtmiNorTerm" => "propertyNotDtmiNorTerm",
                            _ => "propertyIrrelevantDtmiOrTerm",
                        };
                        let ids = if has_cotype || listed_cotype { vec![own] } else { vec!["noTypeThatAllows", own] };
                        self.error_ids(
                            d,
                            &ids,
                            rule("Requirement", class_name, &format!("PropertyFormally{}", upper_first(label))),
                            key_range,
                            format!("\"{key}\" is not a property of {class_name}: remove it, or add a co-type and context of the extension that defines it"),
                        );
                    }
                }
            }
        }

        // Values (a list of them per property: room made once).
        self.elems[eid].props.reserve_exact(values.len());
        let mut counts: PropMap<usize> = PropMap::with_capacity(values.len());
        for (p, v, primary) in values {
            if !primary {
                // A co-type narrows a property the class already has (a
                // quantitative type's numeric `schema`): the values were read
                // once; check they also conform here.
                self.narrowed(d, eid, p, class_name);
                continue;
            }
            let n = self.prop_value(d, eid, p, v, &ctx, depth, class_name);
            *counts.entry(p.path) += n;
        }
        if let Some(c) = class {
            self.semantic_types(d, eid, c, &cotypes, &ctx, &members);
        }
        // Required properties and counts.
        if let Some(c) = class {
            let mut checked: PropMap<()> = PropMap::with_capacity(metamodel::props_of(c).len() + cotypes.len());
            for p in metamodel::props_of(c) {
                if checked.insert(p.path, ()).is_some() {
                    continue;
                }
                let n = counts.get(p.path).copied().unwrap_or(0);
                // Named only in a finding (most elements have none).
                let pname = || upper_short(p.path);
                if n < p.min {
                    if let Some(r) = seen.get(p.path).cloned() {
                        // Written, but with no value (`"enumValues": []`).
                        self.error_id(d, count_below_min(p), rule("Requirement", class_name, &format!("Property{}MinCount", pname())), r, format!("\"{}\" needs at least {} value(s): add one", short(p.path), p.min));
                    } else {
                        let id = if p.datatype.is_some() { "missingLiteralProperty" } else { "missingObjectProperty" };
                        // The property that names the element where it is written
                        // (a content's `name`): without an @id it is also its identity.
                        let naming = |table: &[(&str, &str, &str)]| {
                            expect.prop.is_some_and(|ep| table.iter().any(|(c, q, n)| *c == owner_class && *q == short(ep.path) && *n == short(p.path)))
                        };
                        let has_id = self.docs[d].member(node, "@id").is_some();
                        let ids: Vec<&'static str> = if !has_id && naming(metamodel::dtmi_segment_properties()) {
                            vec!["missingDtmiSegPropertyValue"]
                        } else if naming(metamodel::dictionary_key_properties()) {
                            vec![id, "missingDictKeyPropertyValue"]
                        } else {
                            vec![id]
                        };
                        self.error_ids(d, &ids, rule("Requirement", class_name, "RequiredProperties"), node_range.clone(), format!("{class_name} needs \"{}\": add it", short(p.path)));
                    }
                }
                if let Some(max) = p.max {
                    if n > max {
                        let r = seen.get(p.path).cloned().unwrap_or(node_range.clone());
                        if max == 0 {
                            self.error(d, rule("Requirement", class_name, &format!("Property{}Absent", pname())), r, format!("\"{}\" may not be written in a model: remove it", short(p.path)));
                        } else {
                            // The official id names the kind of value repeated.
                            let id = match p.datatype {
                                Some("xsd:boolean") => "booleanMultipleValues",
                                Some("xsd:integer" | "xsd:int") => "integerMultipleValues",
                                Some("xsd:string" | "rdf:langString") => "stringMultipleValues",
                                Some(_) => "literalMultipleValues",
                                None => "objectMultipleValues",
                            };
                            self.error_id(d, id, rule("Requirement", class_name, &format!("Property{}MaxCount", pname())), r, format!("\"{}\" has {n} values; at most {max} are allowed", short(p.path)));
                        }
                    }
                }
            }
            // A co-type's own properties (`payloadFormat` of Mqtt, `group` of
            // GroupMember): required ones must be there, at most max values.
            for (iri, range) in &cotypes {
                let Some(k) = metamodel::any_class(iri) else { continue };
                if k.extension.is_none() {
                    continue;
                }
                for p in metamodel::props_of(k) {
                    if p.classes.is_empty() && p.datatype.is_none() && p.node_kind.is_none() || checked.insert(p.path, ()).is_some() {
                        continue;
                    }
                    let n = counts.get(p.path).copied().unwrap_or(0);
                    if n < p.min {
                        if let Some(r) = seen.get(p.path).cloned() {
                            self.error_id(d, count_below_min(p), rule("Requirement", short(k.iri), &format!("Property{}MinCount", upper_short(p.path))), r, format!("\"{}\" needs at least {} value(s): add one", short(p.path), p.min));
                        } else {
                            let id = if p.datatype.is_some() { "missingSupplementalLiteralProperty" } else { "missingSupplementalObjectProperty" };
                            self.error_id(d, id, rule("Requirement", short(k.iri), "RequiredProperties"), range.clone(), format!("the co-type \"{}\" needs \"{}\": add it", short(k.iri), short(p.path)));
                        }
                    }
                    if let Some(max) = p.max {
                        if n > max {
                            let r = seen.get(p.path).cloned().unwrap_or(node_range.clone());
                            self.error(d, rule("Requirement", short(k.iri), &format!("Property{}MaxCount", upper_short(p.path))), r, format!("\"{}\" has {n} values; at most {max} are allowed", short(p.path)));
                        }
                    }
                }
            }
        }
        Some(eid)
    }

    fn narrowed(&mut self, d: usize, eid: ElemId, p: &'static Prop, class_name: &str) {
        if p.classes.is_empty() {
            return;
        }
        let mut bad = None;
        for pv in self.elems[eid].props.iter().filter(|pv| pv.prop.path == p.path) {
            for v in &pv.vals {
                let classes: Vec<&str> = match v {
                    Val::Elem(c) => self.elems[*c].class.map(|k| vec![k.iri]).unwrap_or_default(),
                    Val::Instance(iri) => instance_classes(iri).unwrap_or_default(),
                    _ => Vec::new(),
                };
                if !classes.is_empty() && !classes.iter().any(|c| p.classes.iter().any(|k| is_subclass(c, k))) {
                    bad = Some(classes[0]);
                }
            }
        }
        if let Some(c) = bad {
            let pname = upper_short(p.path);
            let r = self.prop_range(eid, short(p.path)).unwrap_or(0..0);
            self.error(d, rule("Requirement", class_name, &format!("CotypeRequiresProperty{pname}Value")), r, format!("a co-type of this {class_name} needs \"{}\" to be {}, not a {}", short(p.path), expected_list(p), short(c)));
        }
    }

    /// A semantic type co-type (v2 standard classes, quantitativeTypes):
    /// at most one, with a `unit` from its table and a numeric schema.
    fn semantic_types(&mut self, d: usize, eid: ElemId, class: &'static Class, cotypes: &[(&'static str, Range<usize>)], ctx: &Ctx, members: &[(NodeId, NodeId)]) {
        let class_name = short(class.iri);
        let mut sems: Vec<(&'static metamodel::SemanticType, Range<usize>)> = Vec::new();
        for (iri, range) in cotypes {
            let Some(st) = [2, 3, 4].into_iter().find_map(|v| metamodel(v).semantic_type(iri)) else { continue };
            if sems.iter().any(|(s, _)| s.iri == st.iri) {
                self.warn(d, rule("Recommendation", class_name, "DuplicateSemanticTypes"), range.clone(), format!("the semantic type \"{}\" is listed twice: remove the repetition", short(iri)));
                continue;
            }
            sems.push((st, range.clone()));
        }
        let Some((st, st_range)) = sems.first().cloned() else { return };
        if sems.len() > 1 {
            let names: Vec<_> = sems.iter().map(|(s, _)| short(s.iri)).collect();
            self.error(d, rule("Requirement", class_name, "MultipleSemanticTypes"), sems[1].1.clone(), format!("a {class_name} may have only one semantic type, not {}: keep one", names.join(" and ")));
            return;
        }
        let doc = &self.docs[d];
        let find = |key: &str| members.iter().find(|(k, _)| doc.str(*k).is_some_and(|s| s == key || short(&s) == key)).map(|(_, v)| *v);
        let (unit, schema) = (find("unit"), find("schema"));
        match unit {
            None => {
                if ctx.version == 2 {
                    self.error(d, rule("Requirement", class_name, "CotypePropertyPresent"), st_range, format!("a {class_name} with semantic type {} needs a \"unit\" (a {})", short(st.iri), st.unit_type));
                }
            }
            Some(u) => {
                let items = self.docs[d].items(u);
                let u = if items.len() == 1 { items[0] } else { u };
                let ok = self.docs[d].str(u).is_some_and(|s| match self.word(ctx, &s) {
                    Word::Known { iri, .. } => st.units.contains(&iri),
                    _ => false,
                });
                if !ok {
                    let r = self.docs[d].range(u);
                    let examples: Vec<_> = st.units.iter().take(4).map(|u| short(u)).collect();
                    self.error(d, rule("Requirement", class_name, "CotypePropertyValueFromTable"), r, format!("the unit of a {} must be a {} such as {}", short(st.iri), st.unit_type, examples.join(", ")));
                }
            }
        }
        if ctx.version == 2 {
            if let Some(schema) = schema {
                let numeric = self.elems[eid].values("schema").any(|v| match v {
                    Val::Instance(iri) => instance_classes(iri).is_some_and(|cs| cs.iter().any(|c| metamodel::any_class(c).is_some_and(|k| class_is(k, "NumericSchema")))),
                    _ => false,
                });
                if !numeric {
                    let r = self.docs[d].range(schema);
                    self.error(d, rule("Requirement", class_name, "CotypeRequiresPropertySchemaValue"), r, format!("a {class_name} with semantic type {} needs a numeric schema (double, float, integer, long)", short(st.iri)));
                }
            }
        }
    }

    fn element_id(&mut self, d: usize, eid: ElemId, v: NodeId, class: Option<&'static Class>, ctx: &Ctx) {
        let class_name = class.map(|c| short(c.iri)).unwrap_or("Entity");
        let range = self.docs[d].range(v);
        let Some(s) = self.docs[d].str(v).map(Cow::into_owned) else {
            let r = if self.docs[d].kind(v) == JKind::Array { "IdNotArray" } else { "IdIsDtmi" };
            self.error_id(d, "idNotString", rule("Requirement", class_name, r), range, "\"@id\" must be one DTMI string".into());
            return;
        };
        let g = ctx.mm().global;
        self.elems[eid].raw_id = Some((s.clone(), range.clone()));
        if let Some((base, fragment)) = s.split_once('#') {
            // A fragment on an otherwise valid identifier names a layer: it is
            // judged with the element's place among the layers.
            if pattern::matches(g.id_pattern, base) && crate::dtmi::parse(&s).is_ok() {
                self.elems[eid].layer_fragment = Some(fragment.to_string());
                return;
            }
        }
        if !pattern::matches(g.id_pattern, &s) {
            let error = crate::dtmi::validate_for(&s, version_of(ctx.version)).err();
            let id = match error {
                Some(crate::DtmiError::TooLong { .. }) => "idTooLong",
                // An empty string is no identifier at all.
                Some(crate::DtmiError::Empty) => "idNotString",
                _ => "invalidId",
            };
            let why = error.map(|e| e.to_string()).unwrap_or_default();
            self.error_id(d, id, rule("Requirement", class_name, "IdIsDtmi"), range, format!("'{s}' is not a valid DTMI for DTDL v{}: {why}", ctx.version));
            return;
        }
        let len = s.chars().count();
        let max = class.and_then(metamodel::id_max_len).unwrap_or(g.id_max_len).min(g.id_max_len);
        if len > max {
            self.error(d, rule("Requirement", class_name, "IdLong"), range.clone(), format!("the @id is {len} characters; a {class_name} identifier may have at most {max}"));
        }
        if let Some(p) = g.reserved_prefixes.iter().find(|p| s.starts_with(**p)) {
            self.error(d, "Requirement-DtmiReservedPrefixes".into(), range.clone(), format!("'{p}' is reserved for the DTDL language: use your own namespace"));
        } else if let Some((c, p)) = ctx.contexts.iter().skip(1).find_map(|c| metamodel::reserved_prefixes(c).find(|p| s.starts_with(p)).map(|p| (c, p))) {
            // An affiliate context in scope reserves its own prefix.
            self.error(d, "Requirement-DtmiReservedPrefixes".into(), range.clone(), format!("'{p}' is reserved by the context '{c}': use your own namespace"));
        }
        self.defined.insert(s.clone());
        let e = &mut self.elems[eid];
        e.id = Some(s);
        e.id_range = Some(range);
    }

    /// Checks one property's value; returns how many values it has.
    #[allow(clippy::too_many_arguments)]
    fn prop_value(&mut self, d: usize, eid: ElemId, p: &'static Prop, v: NodeId, ctx: &Ctx, depth: usize, class_name: &str) -> usize {
        let pname = upper_short(p.path);
        let is_element = !p.classes.is_empty() && p.node_kind != Some(NodeKind::Literal);
        if !is_element {
            return self.literal(d, eid, p, v, ctx, class_name);
        }
        // The tree and text are shared, not borrowed from `self`: the values are read in
        // place (no copy of the item list, no copy of each string) while findings are added.
        let json = self.docs[d].json.clone();
        let text = self.docs[d].text.clone();
        let items: &[NodeId] = match &json.nodes[v].value {
            Value::Array(items) => items,
            _ => std::slice::from_ref(&v),
        };
        self.tick(items.len());
        let mut vals = SmallVec::with_capacity(items.len());
        for item in items {
            let item = *item;
            let range = self.docs[d].range(item);
            match self.docs[d].kind(item) {
                JKind::Object => {
                    // `{"@id": "..."}`: a reference written as an object, which the
                    // official parser takes only with an option it has off by default.
                    let members = self.docs[d].members(item);
                    if members.len() == 1 && self.docs[d].str(members[0].0).as_deref() == Some("@id") {
                        let written = self.docs[d].str(members[0].1).map(Cow::into_owned).unwrap_or_default();
                        self.error_id(
                            d,
                            "idReference",
                            rule("Requirement", class_name, &format!("Property{pname}IdReference")),
                            range.clone(),
                            format!("an object with only an \"@id\" is not a reference in DTDL: write the identifier itself (\"{}\": \"{written}\")", short(p.path)),
                        );
                        continue;
                    }
                    let root = self.elems[eid].root;
                    let partition = self.elems[eid].partition;
                    if let Some(child) = self.element(d, item, Expect { owner: class_name, prop: Some(p), parent: Some(eid), root: Some(root), partition: Some(partition) }, ctx, depth + 1) {
                        if p.node_kind == Some(NodeKind::IRI) && self.elems[child].id.is_none() && self.docs[d].member(item, "@id").is_none() {
                            let child_class = self.elems[child].class_name();
                            self.error(d, rule("Requirement", child_class, "IdRequired"), range.clone(), format!("a {child_class} written inline in \"{}\" needs an \"@id\": add a DTMI", short(p.path)));
                        }
                        vals.push(Val::Elem(child));
                    }
                }
                JKind::String => {
                    let s = json.nodes[item].string_in(&text);
                    match self.word(ctx, &s) {
                        Word::Known { iri, via_term } => {
                            let inst_classes = instance_classes(iri);
                            match inst_classes {
                                Some(classes) => {
                                    // A v2 unit (`byte`, `second`) has no class in the
                                    // tables, but it is never a schema.
                                    let unit_as_schema = iri.starts_with("dtmi:standard:unit:")
                                        && !p.classes.is_empty()
                                        && p.classes.iter().all(|k| is_subclass(k, "dtmi:dtdl:class:Schema;2"));
                                    let conforms = !unit_as_schema && (classes.is_empty() || classes.iter().any(|c| p.classes.iter().any(|k| is_subclass(c, k))));
                                    if !conforms {
                                        self.error(d, rule("Requirement", class_name, &format!("Property{pname}TypeConformance")), range, format!("\"{s}\" cannot be the \"{}\" of a {class_name}: use {}", short(p.path), expected_list(p)));
                                        continue;
                                    }
                                    if !p.values.is_empty() && !p.values.contains(&iri) {
                                        let allowed: Vec<_> = p.values.iter().map(|x| short(x)).collect();
                                        self.error(d, rule("Requirement", class_name, &format!("Property{pname}SpecificValue")), range, format!("\"{}\" must be one of {}", short(p.path), allowed.join(", ")));
                                        continue;
                                    }
                                    if ctx.version == 2 && class_name == "Property" && iri.starts_with("dtmi:standard:schema:geospatial:") {
                                        self.error(d, rule("Requirement", class_name, &format!("Property{pname}ImpliedExclusion")), range, format!("a Property cannot use the geospatial schema \"{}\" in DTDL v2 (it contains arrays): use it on a Telemetry", short(iri)));
                                        continue;
                                    }
                                    if !via_term {
                                        self.warn(d, rule("Recommendation", class_name, &format!("Property{pname}PreferTermToDtmi")), range.clone(), format!("write \"{}\" as a term rather than its DTMI", short(iri)));
                                    }
                                    if p.deprecated {
                                        self.warn(d, rule("Recommendation", class_name, &format!("Property{pname}Deprecated")), range.clone(), format!("\"{}\" is deprecated: remove it", short(p.path)));
                                    }
                                    vals.push(Val::Instance(iri));
                                }
                                None => {
                                    self.error(d, rule("Requirement", class_name, &format!("Property{pname}TypeConformance")), range, format!("\"{s}\" cannot be the \"{}\" of a {class_name}: use {}", short(p.path), expected_list(p)));
                                }
                            }
                        }
                        Word::Irrelevant => {
                            if s.starts_with("dtmi:dtdl:") || s.starts_with("dtmi:standard:") {
                                self.error_id(d, "undefinedReservedId", rule("Requirement", class_name, &format!("Property{pname}Element")), range, format!("'{s}' is in a namespace reserved for the DTDL language and names nothing in it"));
                                continue;
                            }
                            self.pending.push(PendingRef { elem: eid, prop: p, dtmi: s.to_string(), range: range.clone() });
                            vals.push(Val::Ref { dtmi: s.into_owned() });
                        }
                        w @ (Word::InvalidDtmi | Word::NotDtmiNorTerm | Word::UndefinedTerm) => {
                            let suggestion = if w == Word::UndefinedTerm {
                                self.closest_term(ctx, &s, |iri| instance_classes(iri).is_some_and(|cs| cs.iter().any(|c| p.classes.iter().any(|k| is_subclass(c, k)))))
                            } else {
                                None
                            };
                            let rule = rule("Requirement", class_name, &format!("Property{pname}Element"));
                            match suggestion {
                                Some(t) => self.error_suggesting(d, rule, range, format!("'{s}' is not a DTDL term for \"{}\": did you mean `{t}`?", short(p.path)), t),
                                None => self.error(d, rule, range, format!("\"{}\" must be an element or a DTMI; '{s}' is neither (use {})", short(p.path), expected_list(p))),
                            }
                        }
                    }
                }
                _ => {
                    // The official parser also finds the property without a value.
                    let ids: &[&'static str] = if p.min > 0 && items.len() == 1 { &["refNotStringOrObject", "objectCountBelowMin"] } else { &["refNotStringOrObject"] };
                    self.error_ids(d, ids, rule("Requirement", class_name, &format!("Property{pname}Element")), range, format!("\"{}\" must be an element object or a DTMI string", short(p.path)));
                }
            }
        }
        let n = items.len();
        self.elems[eid].props.push(PropVals { prop: p, short: short(p.path), vals });
        n
    }

    fn literal(&mut self, d: usize, eid: ElemId, p: &'static Prop, v: NodeId, ctx: &Ctx, class_name: &str) -> usize {
        let pname = upper_short(p.path);
        let range = self.docs[d].range(v);
        let datatype = p.datatype.unwrap_or("");
        let mut count = 1;
        let mut vals = SmallVec::new();
        match datatype {
            "rdf:langString" => {
                let strings = self.lang_string(d, v, ctx, class_name, pname);
                let (json, text) = (self.docs[d].json.clone(), self.docs[d].text.clone());
                for n in strings {
                    let r = json.nodes[n].range.clone();
                    let s = json.nodes[n].string_in(&text);
                    self.check_string(d, p, &s, r, class_name, pname, ctx.limits);
                }
            }
            "xsd:string" | "" if p.node_kind == Some(NodeKind::IRI) => {
                match self.docs[d].str(v) {
                    Some(s) => {
                        let s = s.into_owned();
                        if let Some(pt) = p.pattern {
                            if !pattern::matches(pt, &s) {
                                self.error(d, rule("Requirement", class_name, &format!("Property{pname}IsDtmi")), range, format!("\"{}\" must be a DTMI; '{s}' is not one", short(p.path)));
                            }
                        }
                        if let Some(m) = p.max_len {
                            if s.chars().count() > m {
                                self.error(d, rule("Requirement", class_name, &format!("Property{pname}StringLength")), self.docs[d].range(v), format!("\"{}\" may have at most {m} characters", short(p.path)));
                            }
                        }
                    }
                    None => {
                        let items = self.docs[d].items(v);
                        count = items.len();
                        if self.docs[d].kind(v) != JKind::Array || items.iter().any(|i| self.docs[d].kind(*i) != JKind::String) {
                            self.error_id(d, "identifierNotString", rule("Requirement", class_name, &format!("Property{pname}IsDtmi")), range, format!("\"{}\" must be a DTMI string", short(p.path)));
                        }
                    }
                }
            }
            "xsd:string" => {
                let (value, n) = self.representational(d, v, "xsd:string", JKind::String, class_name, pname, !ctx.mm().global.restrict_keywords);
                count = n;
                if let Some(value) = value {
                    let (text, json) = (self.docs[d].text.clone(), self.docs[d].json.clone());
                    let r = self.docs[d].range(value);
                    let s = if self.docs[d].kind(value) == JKind::String { json.nodes[value].string_in(&text) } else { Cow::Borrowed("") };
                    self.check_string(d, p, &s, r, class_name, pname, ctx.limits);
                    vals.push(Val::Literal(value));
                }
            }
            "xsd:boolean" => {
                let (value, n) = self.representational(d, v, "xsd:boolean", JKind::Bool, class_name, pname, !ctx.mm().global.restrict_keywords);
                count = n;
                if let Some(value) = value {
                    vals.push(Val::Literal(value));
                }
            }
            "xsd:integer" | "xsd:int" => {
                let (value, n) = self.representational(d, v, "xsd:integer", JKind::Number, class_name, pname, !ctx.mm().global.restrict_keywords);
                count = n;
                if let Some(value) = value {
                    let r = self.docs[d].range(value);
                    match self.docs[d].integer(value) {
                        None => self.error(d, rule("Requirement", class_name, &format!("Property{pname}Integer")), r, format!("\"{}\" must be an integer", short(p.path))),
                        Some(i) => {
                            if p.min_incl.is_some_and(|m| i < m) || p.max_incl.is_some_and(|m| i > m) {
                                let bounds = match (p.min_incl, p.max_incl) {
                                    (Some(a), Some(b)) if a == b => format!("exactly {a}"),
                                    (Some(a), Some(b)) => format!("between {a} and {b}"),
                                    (Some(a), None) => format!("at least {a}"),
                                    (None, Some(b)) => format!("at most {b}"),
                                    _ => String::new(),
                                };
                                let r2 = if p.min_incl == p.max_incl { "ExactValue" } else if p.min_incl.is_some_and(|m| i < m) { "MinValue" } else { "MaxValue" };
                                self.error(d, rule("Requirement", class_name, &format!("Property{pname}{r2}")), r, format!("\"{}\" must be {bounds}", short(p.path)));
                            }
                            vals.push(Val::Literal(value));
                        }
                    }
                }
            }
            "xsd:duration" => {
                let (value, n) = self.representational(d, v, "xsd:duration", JKind::String, class_name, pname, !ctx.mm().global.restrict_keywords);
                count = n;
                if let Some(value) = value {
                    let s = self.docs[d].str(value).unwrap_or_default().into_owned();
                    let r = self.docs[d].range(value);
                    if pattern::matches(metamodel::Pattern::Duration, &s) {
                        vals.push(Val::Literal(value));
                    } else {
                        self.error_id(d, "durationInvalid", rule("Requirement", class_name, &format!("Property{pname}Duration")), r, format!("\"{}\" must be an ISO 8601 duration such as \"PT15S\"; '{s}' is not one", short(p.path)));
                    }
                }
            }
            "xsd:decimal" | "xsd:double" | "xsd:float" => {
                let doc = &self.docs[d];
                if matches!(doc.kind(v), JKind::String | JKind::Bool | JKind::Null) {
                    let r = doc.range(v);
                    self.error_id(d, "numericNotNumeric", rule("Requirement", class_name, &format!("Property{pname}Numeric")), r, format!("\"{}\" must be a number", short(p.path)));
                } else {
                    let (value, n) = self.representational(d, v, datatype, JKind::Number, class_name, pname, !ctx.mm().global.restrict_keywords);
                    count = n;
                    if let Some(value) = value {
                        vals.push(Val::Literal(value));
                    }
                }
            }
            _ => {
                // A literal of a type decided elsewhere (an EnumValue's enumValue).
                let (value, n) = self.representational(d, v, "", JKind::Other, class_name, pname, !ctx.mm().global.restrict_keywords);
                count = n;
                if let Some(value) = value {
                    vals.push(Val::Literal(value));
                }
            }
        }
        self.elems[eid].props.push(PropVals { prop: p, short: short(p.path), vals });
        count
    }

    /// A plain JSON value of `want` kind, or a JSON-LD value object
    /// `{"@value": ..., "@type": ...}`. Returns the value node and the count.
    // The names a finding needs (class, property) travel with the value.
    #[allow(clippy::too_many_arguments)]
    fn representational(&mut self, d: usize, v: NodeId, xsd: &str, want: JKind, class_name: &str, pname: UpperFirst<'_>, lenient: bool) -> (Option<NodeId>, usize) {
        let doc = &self.docs[d];
        let kind = doc.kind(v);
        let what = match want {
            JKind::String => "String",
            JKind::Bool => "Boolean",
            JKind::Number => "Integer",
            _ => "Literal",
        };
        if kind == JKind::Array {
            let items = doc.items(v);
            let n = items.len();
            let first = items.first().copied();
            let mut value = None;
            for item in items {
                let (val, _) = self.representational(d, item, xsd, want, class_name, pname, lenient);
                value = value.or(val);
            }
            let _ = first;
            return (value, n);
        }
        if kind == JKind::Object {
            let members = doc.members(v);
            let mut value = None;
            let mut bad = None;
            for (k, val) in &members {
                match doc.str(*k).as_deref() {
                    Some("@value") => value = Some(*val),
                    Some("@type") => {
                        let items = doc.items(*val);
                        let t = if items.len() == 1 { doc.str(items[0]).map(Cow::into_owned) } else { None };
                        let full = xsd.strip_prefix("xsd:").map(|x| format!("http://www.w3.org/2001/XMLSchema#{x}"));
                        let literal_type = xsd.is_empty()
                            && t.as_deref().is_some_and(|t| ["string", "integer", "int"].iter().any(|x| t == format!("xsd:{x}") || t == format!("http://www.w3.org/2001/XMLSchema#{x}")));
                        let declared_boolean = xsd.is_empty() && t.as_deref().is_some_and(|t| t == "xsd:boolean" || t == "http://www.w3.org/2001/XMLSchema#boolean");
                        if declared_boolean {
                            // A literal that may be a string or an integer, declared
                            // boolean: not a valid literal, and not even a boolean.
                            let value_is_bool = doc.member(v, "@value").is_some_and(|x| doc.kind(x) == JKind::Bool);
                            let ids = if value_is_bool { vec!["literalNotValid"] } else { vec!["booleanValueNotBoolean", "literalNotValid"] };
                            bad = Some(("a literal here is a string or an integer, not a boolean".to_string(), ids));
                        } else if !literal_type && (xsd.is_empty() || !(t.as_deref() == Some(xsd) || t == full)) {
                            let ids = if items.len() != 1 { vec!["literalTypeNotSingular"] } else { vec![] };
                            bad = Some((format!("the \"@type\" of a {what} value object must be \"{xsd}\""), ids));
                        }
                    }
                    // DTDL v2 does not restrict JSON-LD keywords: `@language`,
                    // unknown keywords are ignored there.
                    Some(k) if lenient && k.starts_with('@') && !matches!(k, "@id" | "@context" | "@graph") => {}
                    key => {
                        let id = match key {
                            Some("@context") => "valueObjectContext",
                            Some("@graph") => "valueObjectGraph",
                            Some("@id") => "valueObjectId",
                            Some("@language") => "valueObjectLanguage",
                            Some(k) if k.starts_with('@') => "valueObjectKeyword",
                            _ => "valueObjectInvalidProp",
                        };
                        bad = Some(("a value object may only have \"@value\" and \"@type\"".to_string(), vec![id]));
                    }
                }
            }
            let r = doc.range(v);
            if let Some((message, ids)) = bad {
                let rule_name = format!("Requirement-Representational{what}OnlyValueAndType");
                let ids = if ids.is_empty() { super::ids::official_id(&rule_name).into_iter().collect() } else { ids };
                self.report_ids(d, SPEC_VIOLATION, rule_name, r, message, ids);
                return (None, 1);
            }
            let Some(value) = value else {
                self.error(d, format!("Requirement-Representational{what}HasValue"), r, "a value object needs \"@value\"".into());
                return (None, 1);
            };
            let k = self.docs[d].kind(value);
            if (want != JKind::Other && k != want) || (want == JKind::Other && !matches!(k, JKind::String | JKind::Number)) {
                let r = self.docs[d].range(value);
                self.error(d, format!("Requirement-Representational{what}ValueType"), r, format!("\"@value\" must be a {}", what.to_lowercase()));
                return (None, 1);
            }
            return (Some(value), 1);
        }
        let ok = match want {
            JKind::Other => matches!(kind, JKind::String | JKind::Number),
            JKind::Number => kind == JKind::Number,
            _ => kind == want,
        };
        if !ok {
            let r = doc.range(v);
            self.error(d, rule("Requirement", class_name, &format!("Property{pname}{what}")), r, format!("\"{}\" must be a {}", pname.to_string().to_lowercase(), what.to_lowercase()));
            return (None, 1);
        }
        (Some(v), 1)
    }

    // The names a finding needs (class, property) travel with the value.
    #[allow(clippy::too_many_arguments)]
    fn check_string(&mut self, d: usize, p: &'static Prop, s: &str, r: Range<usize>, class_name: &str, pname: UpperFirst<'_>, limits: Option<&str>) {
        let max_len = match limits {
            Some(l) => metamodel::limit(l, "maxLength", class_name, short(p.path)).or(p.max_len),
            None => p.max_len,
        };
        if let Some(m) = max_len {
            let n = s.chars().count();
            if n > m {
                self.error(d, rule("Requirement", class_name, &format!("Property{pname}StringLength")), r.clone(), format!("\"{}\" is {n} characters; at most {m} are allowed", short(p.path)));
            }
        }
        if let Some(pt) = p.pattern {
            if !pattern::matches(pt, s) {
                let how = if pt == metamodel::Pattern::Name {
                    "letters, digits and '_', starting with a letter and not ending with '_'".to_string()
                } else {
                    format!("the {pt:?} syntax")
                };
                self.error(d, rule("Requirement", class_name, &format!("Property{pname}Pattern")), r, format!("'{s}' is not a valid {}: use {how}", short(p.path)));
            }
        }
    }

    /// A localizable string: a string, a language map, or (v3+) an array of
    /// `{"@value", "@language"}` objects. Returns the string nodes.
    fn lang_string(&mut self, d: usize, v: NodeId, ctx: &Ctx, class_name: &str, pname: UpperFirst<'_>) -> Vec<NodeId> {
        let doc = &self.docs[d];
        let mut out = Vec::new();
        let mut errors: Vec<(String, Range<usize>, String)> = Vec::new();
        let mut keyword_ids: Vec<(Range<usize>, &'static str)> = Vec::new();
        match doc.kind(v) {
            JKind::String => out.push(v),
            // `{"@language": "en-US", "@value": "..."}` written where a language
            // map (`{"en-US": "..."}`) or an array of such objects belongs.
            JKind::Object if doc.members(v).iter().any(|(k, _)| doc.str(*k).as_deref() == Some("@value")) => {
                keyword_ids.push((doc.range(v), "langTagValueInLangMap"));
                errors.push((
                    "Requirement-LocalizableStringObjectMemberNameRegex".into(),
                    doc.range(v),
                    "a language map's keys are language codes: write {\"en-US\": \"...\"}, or put this object in an array".into(),
                ));
            }
            JKind::Object => {
                for (k, val) in doc.members(v) {
                    let lang = doc.str(k).unwrap_or_default();
                    if !is_language_tag(&lang) {
                        if !lang.starts_with('@') {
                            keyword_ids.push((doc.range(k), "langStringInvalidCode"));
                        }
                        errors.push(("Requirement-LocalizableStringObjectMemberNameRegex".into(), doc.range(k), format!("'{lang}' is not a language code: use a tag such as \"en\" or \"en-US\"")));
                    }
                    match doc.str(val) {
                        Some(_) => out.push(val),
                        None => errors.push(("Requirement-LocalizableStringObjectMemberValueString".into(), doc.range(val), "each language's text must be a string".into())),
                    }
                }
            }
            JKind::Array => {
                let mut langs: HashSet<String> = HashSet::new();
                let mut defaults = 0;
                for item in doc.items(v) {
                    match doc.kind(item) {
                        // A text without a language is in the default language
                        // ("en"): at most one, and no other "en" text.
                        JKind::String => {
                            defaults += 1;
                            if !langs.insert("en".into()) {
                                errors.push(("Requirement-LocalizableStringArrayOnlyOneDefault".into(), doc.range(item), "a text without a language is in the default language \"en\", which already has a text: keep one".into()));
                            }
                            out.push(item);
                        }
                        JKind::Object => {
                            let mut value = None;
                            let mut lang = None;
                            for (k, val) in doc.members(item) {
                                match doc.str(k).as_deref() {
                                    Some("@value") => value = Some(val),
                                    Some("@language") => lang = Some(val),
                                    Some(other) if other.starts_with('@') && !matches!(other, "@id" | "@context" | "@graph") && !ctx.mm().global.restrict_keywords => {}
                                    Some(other) if other.starts_with('@') => {
                                        keyword_ids.push((doc.range(k), match other {
                                            "@context" => "langStringElementContext",
                                            "@graph" => "langStringElementGraph",
                                            "@id" => "langStringElementId",
                                            "@type" => "langStringElementType",
                                            _ => "langStringElementKeyword",
                                        }));
                                        errors.push(("Requirement-LocalizableStringArrayElementOnlyKeywords".into(), doc.range(k), "a localized string object may only have \"@value\" and \"@language\"".into()))
                                    }
                                    _ => errors.push(("Requirement-LocalizableStringArrayElementOnlyValueAndLanguage".into(), doc.range(k), "a localized string object may only have \"@value\" and \"@language\"".into())),
                                }
                            }
                            match value {
                                Some(val) => match doc.str(val) {
                                    Some(_) => out.push(val),
                                    None => errors.push(("Requirement-LocalizableStringArrayElementValueString".into(), doc.range(val), "\"@value\" must be a string".into())),
                                },
                                None => errors.push(("Requirement-LocalizableStringArrayElementHasValue".into(), doc.range(item), "a localized string object needs \"@value\"".into())),
                            }
                            match lang {
                                Some(l) => match doc.str(l) {
                                    Some(s) if is_language_tag(&s) => {
                                        if !langs.insert(s.to_lowercase()) {
                                            errors.push(("Requirement-LocalizableStringArrayElementLanguageValueUnique".into(), doc.range(l), format!("language '{s}' is given twice: keep one text per language")));
                                        }
                                    }
                                    _ => errors.push(("Requirement-LocalizableStringArrayElementLanguageValueRegex".into(), doc.range(l), "\"@language\" must be a language code such as \"en\"".into())),
                                },
                                None => {
                                    defaults += 1;
                                    if !langs.insert("en".into()) {
                                        errors.push(("Requirement-LocalizableStringArrayOnlyOneDefault".into(), doc.range(item), "a text without a language is in the default language \"en\", which already has a text: keep one".into()));
                                    }
                                }
                            }
                        }
                        _ => errors.push(("Requirement-LocalizableStringArrayElementStringOrObject".into(), doc.range(item), "each entry must be a string or a {\"@value\", \"@language\"} object".into())),
                    }
                }
                if defaults > 1 && !errors.iter().any(|e| e.0.ends_with("OnlyOneDefault")) {
                    errors.push(("Requirement-LocalizableStringArrayOnlyOneDefault".into(), doc.range(v), "only one entry may be without a language".into()));
                }
            }
            _ => errors.push((
                rule("Requirement", class_name, &format!("Property{pname}LangString")),
                doc.range(v),
                format!("\"{}\" must be a string or a map from language codes to strings", pname.to_string().to_lowercase()),
            )),
        }
        for (r, range, m) in errors {
            match keyword_ids.iter().find(|(kr, _)| *kr == range) {
                Some((_, id)) => self.error_id(d, id, r, range, m),
                None => self.error(d, r, range, m),
            }
        }
        out
    }

    /// IdDuplicate; fills the identifier map.
    /// Layers (the layering extension): an element's `@id` with a `#fragment`
    /// names one layer of the element its base identifies; elements written in
    /// a layer belong to it. As the official parser does (its digest does not
    /// support layering, so a layer's identifier is itself invalid):
    /// - a `#fragment` is an invalid identifier unless the enclosing element
    ///   has the same fragment (`invalidId`); there, without the `Layer`
    ///   co-type, it is not allowed (`disallowedIdFragment`);
    /// - an element with its own `@id` is in the same layer as the one it is
    ///   written in (`mismatchedLayers`);
    /// - the layers of one element (same identifier, or same name in the same
    ///   property of the same element) agree: one class, one DTDL version, one
    ///   parent, the same value for each single-valued property, no two
    ///   contents of the same name (`multipleMaterialTypes`, `incompatibleType`,
    ///   `inconsistentContext`, `inconsistentParent`, `inconsistent*Values`,
    ///   `conflictingSupplementalTypes`, `nonUniquePropertyValue`).
    fn check_layers(&mut self) {
        if !self.elems.iter().any(|e| e.layer_fragment.is_some() || e.layer_without_class.is_some()) {
            return;
        }
        let n = self.elems.len();
        // The fragment in force (written or inherited) and the layer of each element.
        let mut scope: Vec<Option<String>> = vec![None; n];
        let mut layer: Vec<Option<String>> = vec![None; n];
        let mut found: Vec<(usize, &'static str, String, Range<usize>, String)> = Vec::new();
        for e in 0..n {
            self.tick(1);
            let parent = self.elems[e].parent.map(|(p, _)| p);
            let d = self.elems[e].doc;
            let class = self.elems[e].class_name();
            match (&self.elems[e].raw_id, &self.elems[e].layer_fragment) {
                (Some((raw, range)), Some(f)) => {
                    if parent.is_none_or(|p| scope[p].as_deref() != Some(f.as_str())) {
                        let why = crate::DtmiError::Fragment { fragment: f.clone() };
                        found.push((d, "invalidId", rule("Requirement", class, "IdIsDtmi"), range.clone(), format!("'{raw}' is not a valid identifier: {why}")));
                    } else if self.elems[e].layering && !self.elems[e].layer_typed {
                        found.push((d, "disallowedIdFragment", rule("Requirement", class, "IdFragment"), range.clone(), format!("'{raw}' has a fragment, which only an element of type \"Layer\" may have: add the co-type or remove '#{f}'")));
                    }
                    scope[e] = Some(f.clone());
                    layer[e] = self.elems[e].layering.then(|| f.clone());
                }
                (Some(_), None) => {}
                (None, _) => {
                    if let Some(p) = parent {
                        scope[e] = scope[p].clone();
                        layer[e] = layer[p].clone();
                    }
                }
            }
            if let (Some((_, range)), Some((p, prop))) = (&self.elems[e].raw_id, self.elems[e].parent) {
                if layer[e] != layer[p] {
                    let name = |l: &Option<String>| l.as_ref().map(|f| format!("layer '{f}'")).unwrap_or_else(|| "the base layer".into());
                    found.push((
                        d,
                        "mismatchedLayers",
                        rule("Requirement", self.elems[p].class_name(), &format!("Property{}Layer", upper_first(prop))),
                        range.clone(),
                        format!("this element is in {}, but the element whose \"{prop}\" it is in {}: an element and what it contains are in the same layer", name(&layer[e]), name(&layer[p])),
                    ));
                }
            }
        }

        // The layers of one element: same base identifier, or same name in
        // the same property of (the layers of) the same element.
        let mut key: Vec<Option<String>> = vec![None; n];
        for e in 0..n {
            key[e] = match (&self.elems[e].raw_id, self.elems[e].parent) {
                (Some((raw, _)), _) => Some(format!("id:{}", raw.split('#').next().unwrap_or(raw))),
                (None, Some((p, prop))) => {
                    // The name as written: an element whose class is unknown has no properties read.
                    let doc = &self.docs[self.elems[e].doc];
                    let name = doc.member(self.elems[e].node, "name").and_then(|n| doc.str(n)).map(Cow::into_owned);
                    key[p].clone().zip(name).map(|(k, name)| format!("{k}/{prop}/{name}"))
                }
                (None, None) => None,
            };
        }
        let mut groups: HashMap<&str, Vec<ElemId>> = HashMap::new();
        for (e, k) in key.iter().enumerate() {
            if let Some(k) = k {
                groups.entry(k.as_str()).or_default().push(e);
            }
        }
        let mut children: HashMap<ElemId, Vec<(ElemId, &'static str)>> = HashMap::new();
        for c in 0..n {
            if let Some((p, prop)) = self.elems[c].parent {
                children.entry(p).or_default().push((c, prop));
            }
        }
        let mut keys: Vec<&str> = groups.keys().copied().collect();
        keys.sort_unstable();
        for k in keys {
            let members = &groups[k];
            self.tick(members.len());
            let Some(&base) = members.iter().find(|m| layer[**m].is_none()).or(members.first()) else { continue };
            for &other in members.iter().filter(|m| layer[**m] != layer[base]) {
                self.compare_layers(base, other, &key, &mut found);
            }
            // Contents of the same name that are different elements.
            if members.iter().any(|m| layer[*m] != layer[base]) {
                let mut by_name: HashMap<(String, &'static str), (Option<String>, ElemId)> = HashMap::new();
                for &m in members {
                    for &(c, prop) in children.get(&m).map(Vec::as_slice).unwrap_or(&[]) {
                        let Some((name, range)) = self.literal_string(c, "name") else { continue };
                        match by_name.get(&(name.clone(), prop)) {
                            Some((other_key, _)) if *other_key != key[c] => {
                                let cd = self.elems[c].doc;
                                let owner = self.elems[m].class_name();
                                found.push((cd, "nonUniquePropertyValue", rule("Requirement", owner, &format!("PropertyNameUniqueAmong{owner}{}", upper_first(prop))), range, format!("the name '{name}' is used by two different elements among the layers' {prop}: rename one, or give both the same identity")));
                            }
                            Some(_) => {}
                            None => {
                                by_name.insert((name, prop), (key[c].clone(), c));
                            }
                        }
                    }
                }
            }
        }
        // A layer without a class: it repeats an element defined before it
        // (layerMissingMaterialType, from compare_layers), else its type is bad.
        for (e, k) in key.iter().enumerate() {
            let Some(rule_name) = self.elems[e].layer_without_class.clone() else { continue };
            let repeats = k.as_deref().and_then(|k| groups.get(k)).is_some_and(|g| g.iter().any(|b| *b < e && self.elems[*b].class.is_some()));
            if !repeats {
                let (d, r) = (self.elems[e].doc, self.elems[e].type_range.clone());
                found.push((d, "badType", rule_name, r, "\"@type\" names no DTDL class: a layer that is not a layer of an element defined before it needs one, such as \"Telemetry\"".into()));
            }
        }
        for (d, id, rule_name, range, message) in found {
            self.error_id(d, id, rule_name, range, message);
        }
    }

    /// What two layers of one element must agree on (see [`Self::check_layers`]).
    fn compare_layers(&self, base: ElemId, other: ElemId, key: &[Option<String>], found: &mut Vec<(usize, &'static str, String, Range<usize>, String)>) {
        let (b, o) = (&self.elems[base], &self.elems[other]);
        let d = o.doc;
        let class = o.class_name();
        // A layer that repeats an element without its class, after the base.
        if b.class.is_some() && o.class.is_none() && o.layer_typed && base < other {
            found.push((d, "layerMissingMaterialType", rule("Requirement", b.class_name(), "LayerType"), o.type_range.clone(), format!("this layer lists no class in \"@type\", unlike the {} it repeats: add \"{}\" beside \"Layer\"", b.class_name(), b.class_name())));
            return;
        }
        if let (Some(bc), Some(oc)) = (b.class, o.class) {
            if short(bc.iri) != short(oc.iri) {
                // An element defined on its own (an Interface) and redefined in a layer.
                let id = if b.raw_id.is_some() { "incompatibleType" } else { "multipleMaterialTypes" };
                found.push((d, id, rule("Requirement", class, "TypeIncludesMaterial"), o.type_range.clone(), format!("this layer makes {} of what another layer defines as {}: the layers of an element have one class", with_article(short(oc.iri)), with_article(short(bc.iri)))));
                return;
            }
            if bc.version != oc.version {
                found.push((d, "inconsistentContext", rule("Requirement", class, "LayerVersion"), o.type_range.clone(), format!("this layer is DTDL v{}, another layer of the same element DTDL v{}: use one version", oc.version, bc.version)));
            }
        }
        if let (Some((bp, _)), Some((op, _))) = (b.parent, o.parent) {
            if b.raw_id.is_some() && key[bp] != key[op] {
                let r = o.raw_id.as_ref().map(|(_, r)| r.clone()).unwrap_or(o.type_range.clone());
                found.push((d, "inconsistentParent", rule("Requirement", class, "LayerParent"), r, "this layer puts the element in another element than its other layers do: keep it in one place".into()));
            }
        }
        // Semantic types (a quantitative type) of the layers.
        let sem = |e: &Elem| e.cotypes.iter().map(|(c, _)| *c).filter(|c| [2, 3, 4].into_iter().any(|v| metamodel(v).semantic_type(c).is_some())).collect::<Vec<_>>();
        let (bs, os) = (sem(b), sem(o));
        if !bs.is_empty() && !os.is_empty() && bs != os {
            found.push((d, "conflictingSupplementalTypes", rule("Requirement", class, "LayerSemanticType"), o.type_range.clone(), format!("this layer gives the semantic type {}, another layer {}: keep one", short(os[0]), short(bs[0]))));
        }
        // Single-valued properties written in both.
        let Some(c) = o.class else { return };
        let (bdoc, odoc) = (&self.docs[b.doc], &self.docs[o.doc]);
        let bmembers = bdoc.members(b.node);
        for (k, v) in odoc.members(o.node) {
            let Some(name) = odoc.str(k) else { continue };
            // The class's properties, then those its co-types add (a semantic type's `unit`).
            let cotype_props = o.cotypes.iter().filter_map(|(t, _)| metamodel::any_class(t)).flat_map(metamodel::props_of);
            let Some(p) = metamodel::props_of(c).iter().chain(cotype_props).find(|p| short(p.path) == name) else { continue };
            // One value each (a language-tagged string: one per language).
            if p.max != Some(1) && p.datatype != Some("rdf:langString") {
                continue;
            }
            let Some((_, bv)) = bmembers.iter().find(|(bk, _)| bdoc.str(*bk).as_deref() == Some(name.as_ref())) else { continue };
            let id = match p.datatype {
                Some("rdf:langString") => {
                    let (bl, ol) = (lang_values(bdoc, *bv), lang_values(odoc, v));
                    if !ol.iter().any(|(lang, text)| bl.iter().any(|(l, t)| l == lang && t != text)) {
                        continue;
                    }
                    "inconsistentLangStringValues"
                }
                datatype => {
                    // Values compared as written, strings unescaped; objects
                    // (an inline schema) are layers of their own.
                    let plain = |doc: &Doc, n: NodeId| match doc.kind(n) {
                        JKind::Object | JKind::Array => None,
                        JKind::String => doc.str(n).map(Cow::into_owned),
                        _ => Some(doc.raw(n).to_string()),
                    };
                    match (plain(bdoc, *bv), plain(odoc, v)) {
                        (Some(x), Some(y)) if x != y => {}
                        _ => continue,
                    }
                    match datatype {
                        Some("xsd:boolean") => "inconsistentBooleanValues",
                        Some("xsd:integer" | "xsd:int") => "inconsistentIntegerValues",
                        Some(_) if p.node_kind == Some(NodeKind::IRI) => "inconsistentIdentifierValues",
                        Some(_) => "inconsistentStringValues",
                        None if p.node_kind == Some(NodeKind::IRI) => "inconsistentIdentifierValues",
                        None => "inconsistentObjectValues",
                    }
                }
            };
            found.push((d, id, rule("Requirement", class, &format!("Property{}Layers", upper_first(&name))), odoc.range(v), format!("\"{name}\" has another value in another layer of this element: the layers must agree")));
        }
    }

    fn check_ids(&mut self) {
        for e in 0..self.elems.len() {
            self.tick(1);
            let Some(id) = self.elems[e].id.clone() else { continue };
            match self.ids.get(&id) {
                // A dependency pulled in from the workspace or a repository may
                // repeat an element of the document being checked: not its problem.
                Some(&first) if first != e && self.docs[self.elems[first].doc].report && self.docs[self.elems[e].doc].report => {
                    let (d, r) = (self.elems[e].doc, self.elems[e].id_range.clone().unwrap_or(0..0));
                    let class = self.elems[e].class_name();
                    let _ = first;
                    self.error(d, rule("Requirement", class, "IdDuplicate"), r, format!("'{id}' identifies another element too: give each element its own @id"));
                }
                Some(_) => {}
                None => {
                    self.ids.insert(id, e);
                }
            }
        }
    }

    fn resolve_refs(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        for r in &pending {
            self.tick(1);
            let d = self.elems[r.elem].doc;
            let owner = self.elems[r.elem].class_name();
            let pname = upper_short(r.prop.path);
            match self.ids.get(&r.dtmi) {
                None => {
                    let message = format!(
                        "'{}' names no element of the model: add the model that defines it (expected at '{}'), or fix the DTMI",
                        r.dtmi,
                        crate::repository_path(&r.dtmi)
                    );
                    // Nothing under a reserved prefix can be supplied by another model.
                    let reserved = r.dtmi.starts_with("dtmi:dtdl:")
                        || r.dtmi.starts_with("dtmi:standard:")
                        || metamodel::contexts().iter().any(|c| metamodel::reserved_prefixes(c.iri).any(|p| r.dtmi.starts_with(p)));
                    let id = reserved.then_some("undefinedReservedId");
                    self.report_id(d, UNRESOLVED_REFERENCE, rule("Completion", owner, &format!("Property{pname}DependentReference")), r.range.clone(), message, id);
                }
                Some(&target) => {
                    let Some(c) = self.elems[target].class else { continue };
                    if !c.partition && self.elems[target].partition != self.elems[r.elem].partition {
                        self.error(
                            d,
                            "Requirement-DependencyReferenceable".into(),
                            r.range.clone(),
                            format!("'{}' is a {} defined inside another Interface: only Interfaces can be referred to from elsewhere; define it here", r.dtmi, short(c.iri)),
                        );
                        continue;
                    }
                    if !r.prop.classes.iter().any(|k| is_subclass(c.iri, k)) {
                        self.error(
                            d,
                            rule("Requirement", owner, &format!("Property{pname}TypeConformance")),
                            r.range.clone(),
                            format!("'{}' is a {} (DTDL v{}); \"{}\" needs {}", r.dtmi, short(c.iri), c.version, short(r.prop.path), expected_list(r.prop)),
                        );
                    }
                }
            }
        }
        self.pending = pending;
    }

    /// The elements a property leads to: inline ones and resolved references.
    fn targets(&self, e: ElemId, prop_short: &str, out: &mut Vec<ElemId>) {
        self.targets_with(e, prop_short, true, out)
    }

    /// [`Self::targets`], optionally without following references.
    fn targets_with(&self, e: ElemId, prop_short: &str, references: bool, out: &mut Vec<ElemId>) {
        self.tick(1 + self.elems[e].props.len());
        for v in self.elems[e].values(prop_short) {
            self.tick(1);
            match v {
                Val::Elem(c) => out.push(*c),
                Val::Ref { dtmi, .. } if references => {
                    if let Some(&t) = self.ids.get(dtmi) {
                        out.push(t);
                    }
                }
                _ => {}
            }
        }
    }

    /// An Interface's `extends` closure (not including itself), with the
    /// longest chain length and whether the Interface is reached again.
    fn extends_closure(&self, e: ElemId, limit: usize) -> (Vec<ElemId>, usize, bool) {
        // Most elements extend nothing (the walks below ask this of every element they pass).
        if !self.elems[e].props.iter().any(|p| p.short == "extends") {
            self.tick(1);
            return (Vec::new(), 0, false);
        }
        let mut best: HashMap<ElemId, usize> = HashMap::new();
        let mut stack = vec![(e, 0usize)];
        let mut max_depth = 0;
        let mut cycle = false;
        let mut steps = 0;
        while let Some((x, depth)) = stack.pop() {
            steps += 1;
            if steps > 100_000 {
                break;
            }
            let mut next = Vec::new();
            self.targets(x, "extends", &mut next);
            for t in next {
                if t == e {
                    cycle = true;
                    continue;
                }
                let nd = depth + 1;
                max_depth = max_depth.max(nd);
                if nd > limit + 1 {
                    continue;
                }
                if best.get(&t).is_none_or(|&b| nd > b) {
                    best.insert(t, nd);
                    stack.push((t, nd));
                }
            }
        }
        let mut all: Vec<ElemId> = best.into_keys().collect();
        all.sort_unstable();
        (all, max_depth, cycle)
    }

    fn check_descendants(&mut self) {
        for e in 0..self.elems.len() {
            self.tick(1);
            let Some(class) = self.elems[e].class else { continue };
            let d = self.elems[e].doc;
            if !self.docs[d].report {
                continue;
            }
            let class_name = short(class.iri);
            let node_range = self.docs[d].range(self.elems[e].node);
            let limits = self.elems[e].limits;
            for r in metamodel::descendants_of(class) {
                let props: Vec<&str> = r.properties.iter().map(|p| short(p)).collect();
                // A limits context may change the depth and count.
                let changed = |what: &str| {
                    let l = limits?;
                    props.iter().find_map(|p| metamodel::limit(l, what, class_name, p)).or_else(|| props.iter().find_map(|p| metamodel::limit(l, what, "ComplexSchema", p)))
                };
                let r_max_depth = changed("maxDepth").or(r.max_depth);
                let r_max_count = changed("maxCount").or(r.max_count);
                if !r.imports.is_empty() {
                    // extends: depth, cycles, count; inherited names unique.
                    let limit = r_max_depth.unwrap_or(64);
                    let (closure, depth, cycle) = self.extends_closure(e, limit);
                    let extends_range = self.prop_range(e, "extends").unwrap_or(node_range.clone());
                    if cycle {
                        self.error(d, rule("Requirement", class_name, "PropertiesExtendsSelfReference"), extends_range.clone(), "this Interface extends itself (directly or through others): break the cycle".into());
                    }
                    if let Some(m) = r_max_depth {
                        if depth > m {
                            self.error(d, rule("Requirement", class_name, "PropertiesExtendsMaxDepth"), extends_range.clone(), format!("\"extends\" goes {depth} levels deep; at most {m} are allowed"));
                        }
                    }
                    if let Some(m) = r_max_count {
                        if closure.len() > m {
                            self.error(d, rule("Requirement", class_name, "PropertiesExtendsMaxCount"), extends_range.clone(), format!("this Interface extends {} Interfaces in all; at most {m} are allowed", closure.len()));
                        }
                    }
                    for import in r.imports {
                        let ip = short(import);
                        let mut own = Vec::new();
                        self.targets(e, ip, &mut own);
                        let mut inherited = Vec::new();
                        for &x in &closure {
                            self.targets(x, ip, &mut inherited);
                        }
                        self.unique_names(e, ip, &own, &inherited);
                    }
                    continue;
                }
                if let Some(excluded) = r.exclude {
                    let ex = short(excluded);
                    let mut seen = HashSet::new();
                    let mut stack = vec![(e, 0usize)];
                    let mut found = None;
                    while let Some((x, depth)) = stack.pop() {
                        if depth > MAX_ELEMENT_DEPTH || seen.len() > 100_000 {
                            break;
                        }
                        let mut next = Vec::new();
                        if !r.narrow && x != e {
                            // A wide restriction follows every property below the first step
                            // (a Property's schema: Map → mapValue → Object → fields → schema).
                            for pv in &self.elems[x].props {
                                for v in &pv.vals {
                                    if let Val::Elem(c) = v {
                                        next.push(*c);
                                    }
                                }
                            }
                        }
                        for p in &props {
                            self.targets(x, p, &mut next);
                            if *p == "contents" {
                                let (closure, _, _) = self.extends_closure(x, 16);
                                for y in closure {
                                    self.targets(y, "contents", &mut next);
                                }
                            }
                        }
                        for t in next {
                            if t == e {
                                // Reaching itself again: it contains itself.
                                found = Some(t);
                                break;
                            }
                            if !seen.insert(t) {
                                continue;
                            }
                            if self.elems[t].class.is_some_and(|c| class_is(c, ex)) {
                                found = Some(t);
                                break;
                            }
                            stack.push((t, depth + 1));
                        }
                        if found.is_some() {
                            break;
                        }
                    }
                    if found.is_some() {
                        let path: Vec<String> = props.iter().map(|p| upper_first(p).to_string()).collect();
                        let range = self.prop_range(e, props[0]).unwrap_or(node_range.clone());
                        // Containing itself is also a recursive structure.
                        let ids: &[&'static str] = if found == Some(e) { &["excludedType", "recursiveStructureNarrow"] } else { &["excludedType"] };
                        self.error_ids(
                            d,
                            ids,
                            rule("Requirement", class_name, &format!("Properties{}Exclude{ex}", path.join(""))),
                            range,
                            format!("a {class_name}'s {} may not contain a {ex}: remove it or restructure the model", props.join("/")),
                        );
                    }
                    continue;
                }
                if let Some(m) = r_max_depth {
                    // Nesting depth through the listed properties.
                    let mut best: HashMap<ElemId, usize> = HashMap::new();
                    // Depth counts schemas written inside this one (a referenced
                    // schema is checked on its own); a reference back to this
                    // schema makes it recursive.
                    let mut stack = vec![(e, 0usize, true)];
                    let mut deepest = 0;
                    let mut self_ref = false;
                    let mut steps = 0;
                    let mut visited_refs: HashSet<ElemId> = HashSet::new();
                    while let Some((x, depth, inline)) = stack.pop() {
                        steps += 1;
                        if steps > 100_000 {
                            break;
                        }
                        let mut next = Vec::new();
                        let mut all = Vec::new();
                        for p in props.iter().copied().chain(["fields", "mapValue"]) {
                            self.targets_with(x, p, false, &mut next);
                            self.targets(x, p, &mut all);
                        }
                        for t in all {
                            if t == e {
                                self_ref = true;
                            } else if !next.contains(&t) && visited_refs.insert(t) {
                                stack.push((t, depth, false));
                            }
                        }
                        for t in next {
                            if t == e {
                                continue;
                            }
                            if !inline {
                                if visited_refs.insert(t) {
                                    stack.push((t, depth, false));
                                }
                                continue;
                            }
                            let counts = self.elems[t].class.is_some_and(|c| class_is(c, short(class.iri)) || class_is(c, "ComplexSchema"));
                            let nd = depth + usize::from(counts);
                            deepest = deepest.max(nd);
                            if nd > m + 1 {
                                continue;
                            }
                            if best.get(&t).is_none_or(|&b| nd > b) {
                                best.insert(t, nd);
                                stack.push((t, nd, true));
                            }
                        }
                    }
                    let path: String = props.iter().map(|p| upper_first(p).to_string()).collect();
                    if self_ref && !r.allow_self {
                        self.error(d, rule("Requirement", class_name, &format!("Properties{path}SelfReference")), node_range.clone(), "this schema contains itself: DTDL schemas may not be recursive".into());
                    }
                    if deepest + 1 > m {
                        self.error(d, rule("Requirement", class_name, &format!("Properties{path}MaxDepth")), node_range.clone(), format!("complex schemas are nested {} levels deep here; at most {m} are allowed", deepest + 1));
                    }
                    continue;
                }
                if let Some(dp) = r.datatype_property {
                    // Enum: each enumValue's type follows valueSchema.
                    let schema = self.elems[e].values(short(dp)).find_map(|v| match v {
                        Val::Instance(iri) => Some(short(iri)),
                        _ => None,
                    });
                    let Some(schema) = schema else { continue };
                    let mut values = Vec::new();
                    self.targets(e, "enumValues", &mut values);
                    for t in values {
                        let lit = self.elems[t].values("enumValue").find_map(|v| match v {
                            Val::Literal(n) => Some(*n),
                            _ => None,
                        });
                        let Some(n) = lit else { continue };
                        let td = self.elems[t].doc;
                        // `{"@value": 1, "@type": "xsd:string"}` declares the other datatype.
                        let tdoc = &self.docs[td];
                        let declared = tdoc
                            .members(self.elems[t].node)
                            .into_iter()
                            .find(|(k, _)| tdoc.str(*k).is_some_and(|s| short(&s) == "enumValue"))
                            .and_then(|(_, v)| tdoc.member(v, "@type"))
                            .and_then(|ty| tdoc.str(ty).map(|s| s.rsplit(['#', ':']).next().unwrap_or("").to_string()));
                        if let Some(declared) = declared.filter(|x| (x == "string" || x == "integer" || x == "int") && !(x == schema || (x == "int" && schema == "integer"))) {
                            let r = self.docs[td].range(n);
                            let id = if declared == "string" { "stringValueNotString" } else { "integerValueNotInteger" };
                            self.error_id(td, id, rule("Requirement", "EnumValue", &format!("PropertyEnumValue{}", upper_first(schema))), r, format!("this Enum's valueSchema is {schema}, but the value object declares {declared}"));
                            continue;
                        }
                        let kind = self.docs[td].kind(n);
                        let ok = match schema {
                            "integer" => self.docs[td].integer(n).is_some_and(|i| i32::try_from(i).is_ok()),
                            "string" => kind == JKind::String,
                            _ => true,
                        };
                        if !ok {
                            let r = self.docs[td].range(n);
                            let what = upper_first(schema);
                            self.error(td, rule("Requirement", "EnumValue", &format!("PropertyEnumValue{what}")), r, format!("this Enum's valueSchema is {schema}, so each enumValue must be a{} {schema}", if schema == "integer" { "n" } else { "" }));
                        }
                    }
                }
            }
        }
    }

    /// Names (or other unique properties) among an Interface's own and
    /// inherited contents.
    fn unique_names(&mut self, e: ElemId, prop: &str, own: &[ElemId], inherited: &[ElemId]) {
        let d = self.elems[e].doc;
        let class_name = self.elems[e].class_name();
        let mut seen: HashMap<String, ElemId> = HashMap::new();
        let mut dedupe = HashSet::new();
        for &c in own.iter().chain(inherited) {
            if !dedupe.insert(c) {
                continue;
            }
            let Some((name, range)) = self.literal_string(c, "name") else { continue };
            if let Some(&prev) = seen.get(&name) {
                let own_item = own.contains(&c);
                let r = if own_item && self.elems[c].doc == d { range } else { self.prop_range(e, "extends").unwrap_or(self.docs[d].range(self.elems[e].node)) };
                let id = if own_item && own.contains(&prev) { "nonUniquePropertyValue" } else { "nonUniqueImportedPropertyValue" };
                let first = self.literal_string(prev, "name").filter(|_| self.elems[prev].doc == d).map(|(_, r)| r);
                let inherited_note = if own.contains(&prev) { "" } else { " (inherited)" };
                self.error_id(
                    d,
                    id,
                    rule("Requirement", class_name, &format!("PropertyNameUniqueAmong{class_name}{}", upper_first(prop))),
                    r,
                    format!("the name '{name}' is used twice among this {class_name}'s {prop} (inherited ones included): rename one"),
                );
                if let Some(first) = first {
                    self.relate_last(d, first, format!("'{name}' is first defined here{inherited_note}"));
                }
            } else {
                seen.insert(name, c);
            }
        }
    }

    fn literal_string(&self, e: ElemId, prop: &str) -> Option<(String, Range<usize>)> {
        let d = self.elems[e].doc;
        self.tick(1 + self.elems[e].props.len());
        // A string's value, unquoted and unescaped; another literal as written.
        self.elems[e].values(prop).find_map(|v| match v {
            Val::Literal(n) => Some((self.docs[d].str(*n).map(Cow::into_owned).unwrap_or_else(|| self.docs[d].raw(*n).to_string()), self.docs[d].range(*n))),
            _ => None,
        })
    }

    fn prop_range(&self, e: ElemId, prop: &str) -> Option<Range<usize>> {
        let d = self.elems[e].doc;
        let doc = &self.docs[d];
        self.tick(1 + doc.members(self.elems[e].node).len());
        doc.members(self.elems[e].node).into_iter().find(|(k, _)| doc.str(*k).is_some_and(|s| s == prop || short(&s) == prop)).map(|(k, _)| doc.range(k))
    }

    /// What co-types ask of the elements around them (the digest's
    /// supplemental constraints): the values of a property must carry some
    /// co-type, or the element must sit in such a property of an element
    /// that carries one, alone of its kind or beside another.
    fn check_supplemental(&mut self) {
        if !self.elems.iter().any(|x| x.cotypes.iter().any(|(t, _)| metamodel::supplemental_constraints(t).next().is_some())) {
            return;
        }
        // Which element holds each inline or referenced element, and in which property.
        let mut holders: HashMap<ElemId, Vec<(ElemId, &'static str)>> = HashMap::new();
        for e in 0..self.elems.len() {
            for pv in &self.elems[e].props {
                for v in &pv.vals {
                    if let Val::Elem(c) = v {
                        holders.entry(*c).or_default().push((e, pv.short));
                    }
                }
            }
        }
        let has = |elems: &[Elem], x: ElemId, types: &[&str]| {
            elems[x].cotypes.iter().any(|(c, _)| types.contains(c)) || elems[x].class.is_some_and(|k| types.iter().any(|t| is_subclass(k.iri, t)))
        };
        let mut found: Vec<(usize, &'static str, String, Range<usize>, String)> = Vec::new();
        for e in 0..self.elems.len() {
            let d = self.elems[e].doc;
            if !self.docs[d].report {
                continue;
            }
            for (cotype, range) in self.elems[e].cotypes.clone() {
                for con in metamodel::supplemental_constraints(cotype) {
                    let name = short(cotype);
                    if !con.inverse {
                        let values: Vec<&Val> = self.elems[e].values(con.property).collect();
                        for v in values {
                            let ok = match v {
                                Val::Elem(x) => has(&self.elems, *x, con.required),
                                Val::Instance(i) => con.required.contains(i) || instance_classes(i).unwrap_or_default().iter().any(|c| con.required.iter().any(|t| is_subclass(c, t))),
                                _ => true,
                            };
                            if !ok {
                                let r = match v {
                                    Val::Elem(x) if self.elems[*x].doc == d => self.docs[d].range(self.elems[*x].node),
                                    _ => self.prop_range(e, con.property).unwrap_or(range.clone()),
                                };
                                let wanted: Vec<&str> = con.required.iter().map(|t| short(t)).collect();
                                found.push((d, "notRequiredType", format!("Requirement-Class{name}CotypeRequiresProperty{}Value", upper_first(con.property)), r, format!("with the co-type \"{name}\", each of \"{}\" must be a {}", con.property, wanted.join(" or "))));
                            }
                        }
                        continue;
                    }
                    let holder = holders.get(&e).and_then(|h| h.iter().find(|(_, p)| *p == con.property)).map(|(h, _)| *h);
                    let wanted: Vec<&str> = con.required.iter().map(|t| short(t)).collect();
                    let Some(h) = holder.filter(|h| has(&self.elems, *h, con.required)) else {
                        found.push((d, "parentMissingCotype", format!("Requirement-Class{name}CotypeInverse"), range.clone(), format!("the co-type \"{name}\" is only allowed on an element of the \"{}\" of a {}", con.property, wanted.join(" or "))));
                        continue;
                    };
                    let siblings: Vec<ElemId> = self.elems[h].values(con.property).filter_map(|v| if let Val::Elem(x) = v { Some(*x) } else { None }).collect();
                    if let Some(x) = con.none_other {
                        if siblings.iter().any(|s| *s != e && self.elems[*s].cotypes.iter().any(|(c, _)| *c == x)) {
                            found.push((d, "siblingDuplicatesCotype", format!("Requirement-Class{name}CotypeOnlyOne"), range.clone(), format!("only one of the \"{}\" of this {} may have the co-type \"{}\"", con.property, wanted.join(" or "), short(x))));
                        }
                    }
                    if let Some(y) = con.some_other {
                        if !siblings.iter().any(|s| *s != e && self.elems[*s].cotypes.iter().any(|(c, _)| *c == y)) {
                            found.push((d, "siblingMissingCotype", format!("Requirement-Class{name}CotypeNeedsSibling"), range.clone(), format!("the co-type \"{name}\" needs another of the \"{}\" to have the co-type \"{}\"", con.property, short(y))));
                        }
                    }
                }
            }
        }
        for (d, id, rule_name, range, message) in found {
            self.error_id(d, id, rule_name, range, message);
        }
    }

    /// The digest's sibling rules: what a co-typed content (a ValueAnnotation,
    /// an Override) asks of the content of the same Interface (inherited ones
    /// included) that it names.
    fn check_siblings(&mut self) {
        // Most models have no such co-type: then there is nothing to walk.
        if !self.elems.iter().any(|x| x.cotypes.iter().any(|(t, _)| metamodel::sibling_rules(t).next().is_some())) {
            return;
        }
        let mut found: Vec<(usize, &'static str, String, Range<usize>, String)> = Vec::new();
        // The string written for a property (`"annotates": "targetTemp"`,
        // `"overrides": "unit"`), read from the JSON whatever it resolved to.
        let text_of = |elems: &[Elem], docs: &[Doc], e: ElemId, prop: &str| -> Option<(String, Range<usize>)> {
            let doc = &docs[elems[e].doc];
            doc.members(elems[e].node)
                .into_iter()
                .find(|(k, _)| doc.str(*k).is_some_and(|s| s == prop || short(&s) == prop))
                .and_then(|(_, v)| doc.str(v).map(|s| (s.into_owned(), doc.range(v))))
        };
        for i in 0..self.elems.len() {
            self.tick(1);
            let d = self.elems[i].doc;
            if !self.docs[d].report || !self.elems[i].class.is_some_and(|c| class_is(c, "Interface")) {
                continue;
            }
            let mut all = Vec::new();
            self.targets(i, "contents", &mut all);
            let (closure, _, _) = self.extends_closure(i, 64);
            for x in closure {
                self.targets(x, "contents", &mut all);
            }
            if !all.iter().any(|c| self.elems[*c].cotypes.iter().any(|(t, _)| metamodel::sibling_rules(t).next().is_some())) {
                continue;
            }
            let by_name: HashMap<String, ElemId> = all.iter().rev().filter_map(|c| text_of(&self.elems, &self.docs, *c, "name").map(|(n, _)| (n, *c))).collect();
            let mut references: HashMap<(String, String), usize> = HashMap::new();
            for &e in &all {
                for (cotype, _) in self.elems[e].cotypes.clone() {
                    for r in metamodel::sibling_rules(cotype) {
                        let Some((target, key_range)) = text_of(&self.elems, &self.docs, e, r.keyref) else { continue };
                        let Some(&s) = by_name.get(&target).filter(|s| **s != e) else { continue };
                        // An inherited content is judged in the deriving Interface
                        // too (the content it names may be the deriving one's);
                        // the finding goes to the content's own document.
                        let d = self.elems[e].doc;
                        let name = short(cotype);
                        if let Some(p) = r.supplemental_property {
                            let Some((overridden, _)) = text_of(&self.elems, &self.docs, e, p) else { continue };
                            if r.unique_reference {
                                *references.entry((target.clone(), overridden.clone())).or_default() += 1;
                            }
                            let core = self.elems[s].class.is_some_and(|k| metamodel::props_of(k).iter().any(|q| short(q.path) == overridden));
                            let present = self.elems[s].props.iter().find(|pv| pv.short == overridden);
                            if core {
                                found.push((d, "matchingPropertyNotSupplemental", format!("Requirement-Class{name}SiblingSupplementalProperty"), key_range.clone(), format!("'{overridden}' is a property of every {}, not one a co-type adds: only such a property can be overridden", self.elems[s].class_name())));
                            } else if present.is_none() {
                                found.push((d, "noMatchingSupplementalProperty", format!("Requirement-Class{name}SiblingSupplementalProperty"), key_range.clone(), format!("'{target}' has no \"{overridden}\" to override")));
                            } else if let Some(pp) = r.parent_property {
                                // The overriding value's schema must be the enum the
                                // overridden unit belongs to.
                                let unit = text_of(&self.elems, &self.docs, s, &overridden);
                                let parent = text_of(&self.elems, &self.docs, e, pp);
                                if let (Some((unit, _)), Some((parent, parent_range))) = (unit, parent) {
                                    let enums = metamodel::unit_enum_names(&unit);
                                    let mut parents: Vec<&str> = metamodel::term_targets(&parent).into_iter().map(short).collect();
                                    parents.push(short(&parent));
                                    if !enums.is_empty() && !parents.iter().any(|p| enums.contains(p)) {
                                        found.push((d, "siblingPropertyMismatch", format!("Requirement-Class{name}SiblingParent"), parent_range, format!("\"{pp}\" must be the enum of '{target}''s {overridden} ({}), not {}", enums.join(" or "), short(&parent))));
                                    }
                                }
                            }
                            continue;
                        }
                        if !r.required.is_empty() && !self.elems[s].class.is_some_and(|k| r.required.iter().any(|t| is_subclass(k.iri, t))) {
                            let wanted: Vec<&str> = r.required.iter().map(|t| short(t)).collect();
                            found.push((d, "notSiblingRequiredType", format!("Requirement-Class{name}SiblingType"), key_range.clone(), format!("\"{}\" must name a {} of this Interface; '{target}' is a {}", r.keyref, wanted.join(" or "), self.elems[s].class_name())));
                        }
                        if let Some(x) = r.disallowed {
                            if self.elems[s].cotypes.iter().any(|(c, _)| *c == x) {
                                found.push((d, "disallowedType", format!("Requirement-Class{name}SiblingNotCotype"), key_range.clone(), format!("\"{}\" may not name a content that is itself a {}: '{target}' is", r.keyref, short(x))));
                            }
                        }
                    }
                }
            }
            if references.values().any(|n| *n > 1) {
                let r = self.prop_range(i, "contents").unwrap_or(self.docs[d].range(self.elems[i].node));
                let dup: Vec<String> = references.iter().filter(|(_, n)| **n > 1).map(|((t, p), _)| format!("'{p}' of '{t}'")).collect();
                found.push((d, "multipleReference", "Requirement-ClassOverrideUniqueReference".into(), r, format!("more than one content overrides {}: keep one", dup.join(", "))));
            }
        }
        let mut seen = HashSet::new();
        for (d, id, rule_name, range, message) in found {
            if seen.insert((d, id, range.start, range.end)) {
                self.error_id(d, id, rule_name, range, message);
            }
        }
    }

    /// Co-type properties whose values must be unique among co-typed siblings
    /// (mqtt's `index`) or be values of the element's own schema
    /// (iotoperations' `minimum` on an integer Telemetry is an integer).
    fn check_supplemental_properties(&mut self) {
        if !self.elems.iter().any(|x| x.cotypes.iter().any(|(t, _)| metamodel::supplemental_properties(t).next().is_some())) {
            return;
        }
        let mut found: Vec<(usize, &'static str, String, Range<usize>, String)> = Vec::new();
        let raw_of = |elems: &[Elem], docs: &[Doc], e: ElemId, prop: &str| -> Option<(NodeId, Range<usize>)> {
            let doc = &docs[elems[e].doc];
            doc.members(elems[e].node).into_iter().find(|(k, _)| doc.str(*k).is_some_and(|s| s == prop || short(&s) == prop)).map(|(_, v)| (v, doc.range(v)))
        };
        for h in 0..self.elems.len() {
            let d = self.elems[h].doc;
            if !self.docs[d].report {
                continue;
            }
            // Unique values among the co-typed children of each property.
            for pv in &self.elems[h].props {
                let mut seen: HashMap<(&'static str, String), usize> = HashMap::new();
                for v in &pv.vals {
                    let Val::Elem(c) = v else { continue };
                    for (t, _) in &self.elems[*c].cotypes {
                        for (q, unique, _) in metamodel::supplemental_properties(t) {
                            if let (true, Some((n, _))) = (unique, raw_of(&self.elems, &self.docs, *c, q)) {
                                *seen.entry((q, self.docs[self.elems[*c].doc].raw(n).to_string())).or_default() += 1;
                            }
                        }
                    }
                }
                if let Some(((q, value), _)) = seen.iter().find(|(_, n)| **n > 1) {
                    let p = pv.short;
                    let r = self.prop_range(h, p).unwrap_or(self.docs[d].range(self.elems[h].node));
                    found.push((d, "nonUniquePropertyValue", format!("Requirement-Class{}Property{}Unique", self.elems[h].class_name(), upper_first(q)), r, format!("two of the \"{p}\" have \"{q}\" {value}: each must be different")));
                }
            }
            // Values that must be instances of the element's schema.
            for (t, _) in self.elems[h].cotypes.clone() {
                for (q, _, instance_of) in metamodel::supplemental_properties(t) {
                    let Some(of) = instance_of else { continue };
                    let integral = self.elems[h].values(of).any(|v| matches!(v, Val::Instance(i) if matches!(short(i), "integer" | "long" | "short" | "byte" | "unsignedByte" | "unsignedShort" | "unsignedInteger" | "unsignedLong")));
                    if !integral {
                        continue;
                    }
                    if let Some((n, r)) = raw_of(&self.elems, &self.docs, h, q) {
                        let doc = &self.docs[d];
                        if doc.kind(n) == JKind::Number && doc.integer(n).is_none() {
                            found.push((d, "nonConformantPropertyValue", format!("Requirement-Class{}Property{}Conforms", short(t), upper_first(q)), r, format!("\"{q}\" must be a value of this element's integer \"{of}\"")));
                        }
                    }
                }
            }
        }
        for (d, id, rule_name, range, message) in found {
            self.error_id(d, id, rule_name, range, message);
        }
    }

    /// `dtmm:uniqueProperties` other than the imported `contents`.
    fn check_unique(&mut self) {
        for e in 0..self.elems.len() {
            self.tick(1);
            let Some(class) = self.elems[e].class else { continue };
            let d = self.elems[e].doc;
            if !self.docs[d].report {
                continue;
            }
            let imported: Vec<&str> = metamodel::descendants_of(class).iter().flat_map(|r| r.imports.iter().map(|p| short(p))).collect();
            let class_name = short(class.iri);
            let props: Vec<&'static Prop> = self.elems[e].props.iter().map(|p| p.prop).filter(|p| !p.unique.is_empty()).collect();
            let mut done = HashSet::new();
            for p in props {
                let pn = short(p.path);
                if imported.contains(&pn) || !done.insert(pn) {
                    continue;
                }
                let mut children = Vec::new();
                self.targets(e, pn, &mut children);
                for u in p.unique {
                    let un = short(u);
                    let mut seen: HashMap<String, (usize, Range<usize>)> = HashMap::new();
                    let mut dup = HashSet::new();
                    for &c in &children {
                        if !dup.insert(c) {
                            continue;
                        }
                        let Some((value, range)) = self.literal_string(c, un) else { continue };
                        let cd = self.elems[c].doc;
                        if let Some((first_doc, first)) = seen.get(&value).cloned() {
                            self.error(
                                cd,
                                rule("Requirement", class_name, &format!("Property{}UniqueAmong{class_name}{}", upper_first(un), upper_first(pn))),
                                range,
                                format!("'{value}' is used twice as \"{un}\" among this {class_name}'s {pn}: make each unique"),
                            );
                            if first_doc == cd {
                                self.relate_last(cd, first, format!("'{value}' is first used here"));
                            }
                        } else {
                            seen.insert(value, (cd, range));
                        }
                    }
                }
            }
        }
    }
}

fn class_is(c: &'static Class, name: &str) -> bool {
    metamodel::class_named(c, name)
}

fn expected_class_name(expect: Expect<'_>) -> String {
    match expect.prop {
        Some(p) if p.classes.len() == 1 || !p.classes.is_empty() => short(p.classes[0]).to_string(),
        _ => "Interface".to_string(),
    }
}

fn expected_list(p: &Prop) -> String {
    let mut names: Vec<String> = Vec::new();
    for c in p.classes {
        let n = format!("{} (v{})", short(c), metamodel::iri_version(c).map(|v| v.to_string()).unwrap_or_default());
        if !names.contains(&n) {
            names.push(n);
        }
    }
    if names.is_empty() {
        "a valid value".to_string()
    } else {
        format!("a {}", names.join(" or "))
    }
}

fn apocrypha_label(w: Word) -> &'static str {
    match w {
        Word::UndefinedTerm => "undefinedTerm",
        Word::Irrelevant => "irrelevantDtmiOrTerm",
        Word::InvalidDtmi => "invalidDtmi",
        Word::NotDtmiNorTerm => "notDtmiNorTerm",
        Word::Known { .. } => "known",
    }
}

fn version_of(v: u8) -> crate::DtdlVersion {
    match v {
        2 => crate::DtdlVersion::V2,
        3 => crate::DtdlVersion::V3,
        _ => crate::DtdlVersion::V4,
    }
}

fn dtdl_context_iri(v: u8) -> &'static str {
    match v {
        2 => "dtmi:dtdl:context;2",
        3 => "dtmi:dtdl:context;3",
        _ => "dtmi:dtdl:context;4",
    }
}

fn is_dtdl_context(s: &str) -> bool {
    dtdl_context_version(s).is_some()
}

/// `dtmi:dtdl:context;N` (v4 also `#limitless` / `#limits`).
fn dtdl_context_version(s: &str) -> Option<u8> {
    match s {
        "dtmi:dtdl:context;2" => Some(2),
        "dtmi:dtdl:context;3" => Some(3),
        "dtmi:dtdl:context;4" | "dtmi:dtdl:context;4#limitless" | "dtmi:dtdl:context;4#limits" => Some(4),
        _ => None,
    }
}

fn is_limits_context(version: u8, s: &str) -> bool {
    version == 4 && s.starts_with("dtmi:dtdl:limits:")
}

/// A DTDL IRI some version's tables define (class, instance or context term target).
fn known_iri(s: &str) -> Option<&'static str> {
    if !s.starts_with("dtmi:") {
        return None;
    }
    for v in [2, 3, 4] {
        let mm = metamodel(v);
        if let Some(c) = mm.class(s) {
            return Some(c.iri);
        }
        if let Some(i) = mm.instance(s) {
            return Some(i.iri);
        }
        if let Some(t) = mm.terms_for(s).first() {
            return Some(t.iri);
        }
    }
    None
}

/// For an instance IRI (`double`, a unit, a geospatial schema): its classes
/// (empty when the tables do not say). `None`: not an instance.
fn instance_classes(iri: &str) -> Option<Vec<&'static str>> {
    for v in [2, 3, 4] {
        if let Some(i) = metamodel(v).instance(iri) {
            return Some(i.classes.to_vec());
        }
    }
    if iri.starts_with("dtmi:standard:schema:") || iri.starts_with("dtmi:iotcentral:schema:") || iri.starts_with("dtmi:standard:unit:") {
        return Some(Vec::new());
    }
    None
}

/// BCP 47-ish: a lower-case language, then `-`-separated alphanumeric subtags.
fn is_language_tag(s: &str) -> bool {
    let mut parts = s.split('-');
    let first = parts.next().unwrap_or("");
    // The primary language subtag in its registered (lower-case) form: the
    // official parser rejects "FOO" as it rejects "English".
    (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// A language-tagged string property's values as (language, text): a plain
/// string is the default language's.
fn lang_values(doc: &Doc, v: NodeId) -> Vec<(String, String)> {
    match doc.kind(v) {
        JKind::String => vec![("en".into(), doc.str(v).map(Cow::into_owned).unwrap_or_default())],
        JKind::Object => doc.members(v).into_iter().filter_map(|(k, x)| Some((doc.str(k)?.into_owned(), doc.str(x)?.into_owned()))).collect(),
        JKind::Array => doc
            .items(v)
            .into_iter()
            .filter_map(|i| Some((doc.str(doc.member(i, "@language")?)?.into_owned(), doc.str(doc.member(i, "@value")?)?.into_owned())))
            .collect(),
        _ => Vec::new(),
    }
}

/// The official id for a property written with fewer values than it needs.
fn count_below_min(p: &Prop) -> &'static str {
    match p.datatype {
        Some("xsd:boolean") => "booleanCountBelowMin",
        Some("xsd:integer" | "xsd:int") => "integerCountBelowMin",
        Some("xsd:string" | "rdf:langString") => "stringCountBelowMin",
        Some(_) => "literalCountBelowMin",
        None => "objectCountBelowMin",
    }
}

/// "an Interface", "a Telemetry".
fn with_article(word: &str) -> String {
    let an = word.starts_with(|c: char| "AEIOUaeiou".contains(c));
    format!("{} {word}", if an { "an" } else { "a" })
}
