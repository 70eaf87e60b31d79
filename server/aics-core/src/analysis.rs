//! The analysis entry point shared by the CLI and the language server: source texts in,
//! diagnostics out. No IO: the faces read files and hand over their texts.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use aics_dtdl::{ModelDocument, ModelIndex, ModelReader};
use rayon::prelude::*;

use crate::c::facts;
use crate::c::program::{self, Program};
use crate::c::values::{FileInput, HeldIndex, Loc, ReadKind, ResolveCache, Resolver, SymbolIndex};
use crate::config::Config;
use crate::coverage::Coverage;
use crate::device::DeviceProgram;
use crate::diagnostic::{Diagnostic, LineIndex, Related, Severity, Span};
use crate::finding::{CheckContext, Finding, Place};
use crate::{model_link, telemetry};
use crate::rules::{self, DEFAULT_BASE_URL};
use crate::suppress::Suppressions;

/// A file's text as the face read it.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub path: Arc<PathBuf>,
    pub text: crate::Text,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<crate::Text>) -> SourceFile {
        SourceFile { path: Arc::new(path.into()), text: text.into() }
    }
}

/// What kind of file the analysis treats a path as, by its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    C,
    Json,
}

pub fn file_kind(path: &Path) -> Option<FileKind> {
    // Read off the path's last bytes and compared without a lowercased copy: a walk asks
    // this of every file it meets (`Path::extension` parses components).
    let ext = extension(path)?;
    let is = |e: &str| ext.eq_ignore_ascii_case(e);
    if ["c", "h", "ino", "cc", "cpp", "hpp", "hh", "cxx"].into_iter().any(is) {
        Some(FileKind::C)
    } else if is("json") {
        Some(FileKind::Json)
    } else {
        None
    }
}

/// `path.extension()` as text, without parsing the path's components when its last bytes
/// are a plain file name (not ending in a separator or a dot).
fn extension(path: &Path) -> Option<&str> {
    let bytes = path.as_os_str().as_encoded_bytes();
    let is_separator = |b: u8| b.is_ascii() && std::path::is_separator(b as char);
    match bytes.last() {
        Some(&last) if last != b'.' && !is_separator(last) => {
            let name_at = bytes.iter().rposition(|&b| is_separator(b)).map_or(0, |i| i + 1);
            // A name whose only dot comes first (`.json`) has no extension.
            let dot = bytes[name_at..].iter().rposition(|&b| b == b'.').filter(|&d| d > 0)?;
            std::str::from_utf8(&bytes[name_at + dot + 1..]).ok()
        }
        _ => path.extension()?.to_str(),
    }
}

/// How the analysis runs. The faces fill it from flags and config.
#[derive(Clone, Default)]
pub struct AnalysisOptions {
    pub config: Config,
    /// Folders in the model-repository layout (`dtmi/com/example/x-1.json`), read lazily
    /// through `model_reader` — only the models the programs use.
    pub repository_roots: Vec<PathBuf>,
    /// How model files outside the given sources are read (the faces pass the file
    /// system; tests may pass a virtual one). `None`: repository roots are not used.
    pub model_reader: Option<Arc<dyn ModelReader>>,
}

impl std::fmt::Debug for AnalysisOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AnalysisOptions").field("config", &self.config).field("repository_roots", &self.repository_roots).finish()
    }
}

impl AnalysisOptions {
    pub fn base_url(&self) -> &str {
        self.config.base_url.as_deref().unwrap_or(DEFAULT_BASE_URL)
    }
}

/// The result: every diagnostic (suppressed ones flagged, not dropped), sorted, and counts.
#[derive(Debug, Default)]
pub struct Analysis {
    /// The models the analysis used (workspace files and repository folders), for faces
    /// that navigate them (hover, go to definition).
    pub models: ModelIndex,
    pub diagnostics: Vec<Diagnostic>,
    pub c_files: usize,
    /// JSON files that are DTDL models.
    pub model_files: usize,
    pub programs: usize,
    /// Run-level notes for the user (e.g. that no models were found, so the model rules
    /// did not run). Faces print them on stderr / `window/logMessage`.
    pub notes: Vec<String>,
    /// Per device program and Model ID: how much of the model the code serves.
    pub coverage: Vec<Coverage>,
    /// The analysis stopped early ([`AnalysisCache::cancel`]): nothing in it is complete.
    pub cancelled: bool,
    /// Microseconds in each of [`STAGES`] (wall time, the global index's beside the split's
    /// when built on the other thread), for benchmarks.
    pub stage_us: [u64; STAGES.len()],
    /// Format calls the raw-MQTT checks did not resolve (see [`Work::format_calls_skipped`]),
    /// for tests and benchmarks.
    pub format_calls_skipped: usize,
}

struct CFile {
    path: Arc<PathBuf>,
    lines: Lines,
    suppressions: Arc<Suppressions>,
}

/// A file's line starts, found when a place in it is first turned into a span: most files
/// of a large workspace have no finding, and their line starts (a word per line) would
/// otherwise be held for the whole run — and by the language server's cache for as long as
/// the workspace is open.
type Lines = Arc<std::sync::OnceLock<LineIndex>>;

fn lines_of<'l>(lines: &'l Lines, text: &str) -> &'l LineIndex {
    lines.get_or_init(|| LineIndex::new(text))
}

/// What one analysis can hand to the next: each file's facts and each model's parse,
/// keyed by path and a hash of the text; the split into programs, keyed by what the split
/// reads; and each program's findings, keyed by its files' texts and everything else it
/// can read. The language server keeps one, so an edit re-reads only the file that
/// changed and re-checks only the programs that contain it.
#[derive(Default)]
pub struct AnalysisCache {
    /// A one-shot analysis (`analyze`) keeps nothing: no hashing, no copies.
    one_shot: bool,
    /// A one-shot analysis of a process that ends when it has written the findings
    /// ([`analyze_prepared_then_exit`]): what the analysis built is left to the OS.
    leave_to_os: bool,
    c_facts: Mutex<HashMap<PathBuf, CachedFacts>>,
    models: Mutex<HashMap<PathBuf, CachedModel>>,
    split: Mutex<Option<(u64, Arc<Vec<Program>>)>>,
    /// Where the files are in the folder tree, by the file list's key.
    nearness: Mutex<Option<(u64, Arc<program::Nearness>)>>,
    /// Per program (keyed by its files' texts and what it can read of the others): its
    /// findings, and what it read of the models (a hash of the model look-ups of the Model
    /// IDs it links, `None` when it links none), so that a model edit re-checks only the
    /// programs whose look-ups it changes.
    program_findings: Mutex<HashMap<u64, CachedProgram>>,
    /// Per model file: its DTDL002/DTDL004 problems, keyed by its text (and, for a model
    /// that refers to others, every model's text).
    validated: Mutex<HashMap<PathBuf, (u64, Problems)>>,
    /// Every function name of the workspace, keyed by the files' function-name hashes.
    defined: Mutex<Option<(u64, Arc<HashSet<facts::Ident>>)>>,
    /// The C files of the last analysis, in order, with what was computed per file: the
    /// next analysis (an edit: the same paths) compares them position by position.
    last: Mutex<LastList>,
    /// The whole set's symbol index as the last analysis used it, brought up to date by
    /// re-indexing the files whose facts changed (an edit re-indexes one file, not all).
    global_index: Mutex<Option<HeldIndex>>,
    /// The symbol indices of the programs the last few analyses checked alone (an edit
    /// re-checks the program it is in, again and again), kept the same way.
    program_index: Mutex<Vec<HeldIndex>>,
    /// The files a face expects edits in (the language server's open documents): the
    /// symbol indices of the programs that contain them are kept also by an analysis that
    /// checks every program (the first one of a workspace), so the first edit after it
    /// does not build them again (264 files for an SDK sample's program).
    focus: Mutex<Vec<PathBuf>>,
    /// The value resolver's answers, by the file list they were computed over.
    answers: Mutex<Option<(u64, ResolveCache)>>,
    work: WorkCounters,
    /// Set by a face when a newer input makes the running analysis pointless: it stops
    /// at the next program and returns what it has, marked `cancelled`.
    cancel: AtomicBool,
}

/// From how many files a pass over them (a few hundred nanoseconds each) is spread over
/// the pool: fewer are done on the calling thread, quicker than handing them over (an edit
/// of one model analyses a handful).
const ON_THE_POOL: usize = 512;

/// A C file as the last analysis read it: its text and `global` hashes, its entries.
type ReadBefore = (u64, u64, Arc<GlobalReads>);

/// The C files of an analysis in order and what was computed per file. An edit hands over
/// the same paths (the same allocations, mostly): comparing them position by position
/// spares hashing every path of a large workspace into per-path maps several times per
/// edit (that hashing was a fifth of an edit's time on the four SDK checkouts).
#[derive(Default)]
struct LastList {
    paths: Vec<Arc<PathBuf>>,
    /// A hash of the paths.
    key: u64,
    facts: Vec<CachedFacts>,
    /// What the split reads of each file, keyed by its text and the defined names.
    split: Vec<(u64, u64, u64)>,
    /// Each file as read (see [`AnalysisCache::reached`]).
    before: Vec<ReadBefore>,
}

impl LastList {
    /// Whether `paths` are the paths of this list, in the same order.
    fn same(&self, paths: &[&SourceFile]) -> bool {
        self.paths.len() == paths.len()
            && self.paths.iter().zip(paths).all(|(a, s)| Arc::ptr_eq(a, &s.path) || a.as_os_str() == s.path.as_os_str())
    }
}

/// A hash of a list of paths, by their bytes (`Path`'s own hash walks the components).
fn paths_key(paths: &[&Path]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for p in paths {
        p.as_os_str().as_encoded_bytes().hash(&mut h);
    }
    h.finish()
}

/// How many programs' symbol indices a cache keeps (see [`AnalysisCache::program_index`]).
const PROGRAM_INDICES_KEPT: usize = 2;

/// The whole set's symbol index of one analysis: built for it, or kept by the cache.
enum GlobalIndex<'a> {
    // Boxed (as the shared index below): the analysis's frame stays small, as a single
    // program is checked on the calling thread, under the resolver's recursion (the
    // hostile tests' 256 KiB stack in debug builds).
    Built(Box<SymbolIndex<'a>>),
    Held(Box<HeldIndex>),
}

impl GlobalIndex<'_> {
    fn get(&self) -> &SymbolIndex<'_> {
        match self {
            GlobalIndex::Built(ix) => ix,
            GlobalIndex::Held(h) => h.index(),
        }
    }
}

/// A model file's text (the allocation it was handed over in), its hash and its parse.
type CachedModel = (crate::Text, u64, Option<ModelDocument>);
/// A model's DTDL002/DTDL004 problems.
type Problems = Arc<Vec<aics_dtdl::ModelProblem>>;

#[derive(Clone)]
struct CachedProgram {
    models: Option<(Vec<String>, u64)>,
    checked: Arc<crate::coverage::Checked>,
    /// The C files its findings, related places, fixes and coverage point into, with
    /// their text hashes. A finding may point outside the program's own files (a macro in
    /// a header found through the workspace): an edit there that leaves every value alone
    /// still moves the place, so the findings are reused only while these texts stand.
    places: Vec<(usize, u64)>,
    /// The names it read through the whole set's index ([`Resolver::global_reads`],
    /// hashed, sorted): an edit to a file outside the program re-checks it only when it
    /// changes the entries of one of these.
    reads: Arc<[u64]>,
}

/// What changed in the whole set's index since the last analysis (see
/// [`AnalysisCache::reached`]).
#[derive(Default)]
struct Changed {
    /// Unknown (the index was built anew): every program is checked again.
    all: bool,
    /// The names (hashed) whose entries changed.
    names: HashSet<u64>,
}

impl Changed {
    fn any(&self) -> bool {
        self.all || !self.names.is_empty()
    }

    /// Whether a program that read `reads` (sorted) may read differently now.
    fn reaches(&self, reads: &[u64]) -> bool {
        if self.all {
            return true;
        }
        if self.names.len() < reads.len() {
            self.names.iter().any(|n| reads.binary_search(n).is_ok())
        } else {
            reads.iter().any(|r| self.names.contains(r))
        }
    }
}

/// The files `checked` points into (see [`CachedProgram::places`]).
fn places_of(checked: &crate::coverage::Checked, hashes: &[(u64, u64, u64)]) -> Vec<(usize, u64)> {
    let mut files = std::collections::BTreeSet::new();
    let mut add = |p: &Place| {
        if let Place::C(loc) = p {
            files.insert(loc.file);
        }
    };
    for f in &checked.0 {
        add(&f.at);
        f.related.iter().for_each(|(p, _)| add(p));
        f.fix.iter().flat_map(|fix| fix.edits.iter()).for_each(|e| add(&e.at));
    }
    for (at, _, evidence) in &checked.1 {
        at.iter().chain(evidence.iter().map(|e| &e.3)).for_each(|l| {
            files.insert(l.file);
        });
    }
    files.into_iter().filter_map(|f| Some((f, hashes.get(f)?.0))).collect()
}

/// `c` with its places moved to the current texts, when every file its findings point into
/// that changed since they were checked changed by one edit away from them: the program
/// does not contain such a file (else its key would differ) and read none of the entries
/// the edit changed (else `Changed::reaches` dropped it), so only the places move. `None`
/// (check again) when the text it was checked against is not known (`before`: a file's
/// text hash and text in the last analysis), when the edit is on a line of one of its
/// places, or when a finding there may have a fix (fixes read the text around their place).
fn moved_places<'t>(
    c: &CachedProgram,
    hashes: &[(u64, u64, u64)],
    inputs: &[FileInput],
    before: impl Fn(usize) -> Option<(u64, &'t str)>,
) -> Option<CachedProgram> {
    let mut checked: crate::coverage::Checked = (*c.checked).clone();
    let mut places = c.places.clone();
    for (file, hash) in places.iter_mut() {
        let now = hashes.get(*file)?.0;
        if now == *hash {
            continue;
        }
        let (was, old) = before(*file)?;
        if was != *hash {
            return None;
        }
        let edit = crate::c::facts::text_edit(old, &inputs[*file].text);
        let (start, old_end) = (edit.start_byte, edit.old_end_byte);
        // The lines of each place in the file, as it was: the edit must not touch them.
        let mut clear = true;
        let mut look = |loc: &mut Loc| {
            if loc.file == *file {
                let line_start = old.get(..loc.range.start).and_then(|t| t.rfind('\n')).map_or(0, |i| i + 1);
                let line_end = old.get(loc.range.end..).and_then(|t| t.find('\n')).map_or(old.len(), |i| loc.range.end + i);
                clear &= line_end < start || line_start > old_end;
            }
        };
        for_each_loc(&mut checked, &mut look);
        let fixable = checked.0.iter().any(|f| {
            crate::fix::may_fix(f.code)
                && std::iter::once(&f.at).chain(f.related.iter().map(|(p, _)| p)).any(|p| matches!(p, Place::C(l) if l.file == *file))
        });
        if !clear || fixable {
            return None;
        }
        let (by, grew) = if edit.new_end_byte >= old_end { (edit.new_end_byte - old_end, true) } else { (old_end - edit.new_end_byte, false) };
        for_each_loc(&mut checked, &mut |loc: &mut Loc| {
            if loc.file == *file && loc.range.start >= old_end {
                loc.range = crate::c::facts::moved_range(&loc.range, by, grew);
            }
        });
        *hash = now;
    }
    Some(CachedProgram { models: c.models.clone(), checked: Arc::new(checked), places, reads: c.reads.clone() })
}

/// Every place in C of a program's findings and coverage.
fn for_each_loc(checked: &mut crate::coverage::Checked, f: &mut impl FnMut(&mut Loc)) {
    let mut place = |p: &mut Place| {
        if let Place::C(loc) = p {
            f(loc);
        }
    };
    for finding in &mut checked.0 {
        place(&mut finding.at);
        finding.related.iter_mut().for_each(|(p, _)| place(p));
        finding.fix.iter_mut().flat_map(|fix| fix.edits.iter_mut()).for_each(|e| place(&mut e.at));
    }
    for (at, _, evidence) in &mut checked.1 {
        at.iter_mut().chain(evidence.iter_mut().map(|e| &mut e.3)).for_each(&mut *f);
    }
}

/// How much work the analyses of one cache did, in units that do not depend on the
/// machine: what an edit recomputes, for tests and traces.
#[derive(Default)]
struct WorkCounters {
    facts_extracted: AtomicUsize,
    models_parsed: AtomicUsize,
    models_validated: AtomicUsize,
    programs_checked: AtomicUsize,
    symbol_files_indexed: AtomicUsize,
    answers_computed: AtomicUsize,
    format_calls_skipped: AtomicUsize,
    view_steps: AtomicUsize,
    stage_us: [AtomicU64; STAGES.len()],
}

/// The stages of an analysis whose time the counters keep (microseconds, summed). A
/// one-shot analysis builds the global index beside the split, on the other thread: its time
/// then overlaps the split's, and the stages' sum is more than the analysis took.
pub const STAGES: [&str; 7] = ["facts", "models", "validate", "split", "global index", "programs", "diagnostics"];

/// A copy of the work counters (see [`AnalysisCache::work`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Work {
    /// C files whose facts were extracted (not found in the cache).
    pub facts_extracted: usize,
    /// Model files parsed.
    pub models_parsed: usize,
    /// Model files validated (DTDL002, DTDL004).
    pub models_validated: usize,
    /// Device programs checked (not found in the cache).
    pub programs_checked: usize,
    /// Files read into symbol indices (the whole-set fallback and per program).
    pub symbol_files_indexed: usize,
    /// Questions to the value resolver answered by following expressions, not by an answer
    /// kept from this or an earlier analysis (see [`ResolveCache`]).
    pub answers_computed: usize,
    /// Format calls a one-shot analysis's raw-MQTT checks did not resolve: nothing they
    /// may read holds a DPS registration body's words (see `words::WordGate`).
    pub format_calls_skipped: usize,
    /// Entries and files the programs' index views visited filtering the shared index's
    /// lists (see `SymbolIndex::view`).
    pub view_steps: usize,
    /// Time per stage (`STAGES`), microseconds; for traces only.
    pub stage_us: [u64; STAGES.len()],
}

impl std::ops::Sub for Work {
    type Output = Work;
    fn sub(self, o: Work) -> Work {
        let mut stage_us = self.stage_us;
        for (a, b) in stage_us.iter_mut().zip(o.stage_us) {
            *a = a.saturating_sub(b);
        }
        Work {
            facts_extracted: self.facts_extracted - o.facts_extracted,
            models_parsed: self.models_parsed - o.models_parsed,
            models_validated: self.models_validated - o.models_validated,
            programs_checked: self.programs_checked - o.programs_checked,
            symbol_files_indexed: self.symbol_files_indexed - o.symbol_files_indexed,
            answers_computed: self.answers_computed - o.answers_computed,
            format_calls_skipped: self.format_calls_skipped - o.format_calls_skipped,
            view_steps: self.view_steps - o.view_steps,
            stage_us,
        }
    }
}

/// A file's facts with the hashes the program caches are keyed by.
#[derive(Clone)]
struct CachedFacts {
    /// The text these facts were read from: a later analysis handed the same text (the
    /// same allocation, as a face passes an unchanged file) need not hash it again.
    source: crate::Text,
    text: u64,
    facts: Arc<facts::FileFacts>,
    /// The text's line starts (when a finding needed them) and suppression comments (each
    /// a pass over the whole text: not repeated for every file at every edit).
    lines: Lines,
    suppressions: Arc<Suppressions>,
    /// The names of the file's functions: the split reads identifiers only where they
    /// name a function defined somewhere, so the set of those names keys the rest.
    fn_names: u64,
    /// What other programs can read of the file through the whole-set fallback of the
    /// resolver ([`GlobalReads`], hashed). The buffers that helpers fill through their
    /// parameters are derived across files: the whole set's index compares them itself
    /// ([`HeldIndex::changed_buffers`]).
    global: u64,
    /// The same by name: which names an edit changes (see [`AnalysisCache::reached`]).
    reads: Arc<GlobalReads>,
}

/// What the whole set's index holds of a file, by name: the entries a program outside the
/// file can read through the resolver's fallback. An edit that changes none of them leaves
/// every program that does not contain the file as it was, whatever else it changes
/// (typing in a function's local assignment, a comment, a call's string argument).
/// Names are kept as hashes ([`name_hash`]).
#[derive(Default)]
struct GlobalReads {
    /// (name, hash of the entry) per define, initialiser, assignment, function and buffer a
    /// format call or JSON writer fills, sorted. Entries are compared by their text, not
    /// their place (typing above them moves them; findings that point into the edited file
    /// are checked by their own text hashes, `CachedProgram::places`), with the function
    /// they are in (its name and parameters: the resolver reads an entry's value there).
    entries: Box<[(u64, u64)]>,
}

/// An entry's kind and name, hashed: what a program read and what an edit changed are
/// compared by both (a program that reads the buffers named `result` from the whole set
/// does not read its assignments).
fn name_hash(kind: ReadKind, name: &str) -> u64 {
    use std::hash::BuildHasher;
    std::hash::BuildHasherDefault::<crate::c::values::NameHasher>::default().hash_one(name) ^ (kind as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

impl GlobalReads {
    fn of(text: &str, facts: &facts::FileFacts) -> GlobalReads {
        let slice = |r: &std::ops::Range<usize>| text.get(r.clone()).unwrap_or_default();
        let within = |at: usize| facts::enclosing_function(facts, at).map(|i| (&facts.functions[i].name, &facts.functions[i].params));
        let mut entries = Vec::new();
        for d in &facts.defines {
            entries.push((name_hash(ReadKind::Defines, &d.name), hash_of((&d.params, slice(&d.body)))));
        }
        for i in &facts.inits {
            entries.push((name_hash(ReadKind::Inits, &i.name), hash_of((slice(&i.value), within(i.value.start)))));
        }
        for a in &facts.assigns {
            let (kind, name) = match &a.target {
                crate::c::facts::AssignTarget::Field(n) => (ReadKind::FieldAssigns, n),
                crate::c::facts::AssignTarget::Var(n) => (ReadKind::VarAssigns, n),
            };
            entries.push((name_hash(kind, name), hash_of((a.base(), slice(&a.value()), within(a.value().start)))));
        }
        for f in &facts.functions {
            entries.push((name_hash(ReadKind::Functions, &f.name), hash_of((f.is_static, &f.params, slice(&f.body)))));
        }
        crate::c::values::buffers_written(text, facts, |name, call, _| {
            entries.push((name_hash(ReadKind::Buffers, &name), hash_of((slice(&call.range()), within(call.range().start)))));
        });
        entries.sort_unstable();
        // A boxed slice: no spare capacity kept for every file of a large workspace.
        GlobalReads { entries: entries.into_boxed_slice() }
    }

    /// The hash of every entry (the `global` key of a file's facts).
    fn key(&self) -> u64 {
        hash_of(&self.entries)
    }

    /// The names whose entries differ between `self` and `other`.
    fn changed_names(&self, other: &GlobalReads, out: &mut HashSet<u64>) {
        let names = |r: &GlobalReads| -> HashMap<u64, Vec<u64>> {
            let mut m: HashMap<u64, Vec<u64>> = HashMap::new();
            for &(n, h) in &r.entries {
                m.entry(n).or_default().push(h);
            }
            m
        };
        let (a, b) = (names(self), names(other));
        for (n, hs) in &a {
            if b.get(n) != Some(hs) {
                out.insert(*n);
            }
        }
        out.extend(b.keys().filter(|n| !a.contains_key(n)));
    }
}

fn hash_of(parts: impl Hash) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    parts.hash(&mut h);
    h.finish()
}

impl CachedFacts {
    fn new(source: &crate::Text, text_hash: u64, facts: Arc<facts::FileFacts>) -> CachedFacts {
        let text: &str = source;
        let fn_names = hash_of(facts.functions.iter().map(|f| &f.name).collect::<Vec<_>>());
        let reads = Arc::new(GlobalReads::of(text, &facts));
        let global = reads.key();
        CachedFacts { source: source.clone(), text: text_hash, facts, lines: Lines::default(), suppressions: Arc::new(Suppressions::scan(text)), fn_names, global, reads }
    }
}

/// A file text's hash for the caches of one process (foldhash, fixed seed: SipHash took
/// ~40 us of each edit of a 125 KB model).
fn text_hash(text: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::with_seed(0x5eed).hash_one(text)
}

impl CachedFacts {
    /// A file's facts for a one-shot analysis (nothing kept for a later one: no hashes).
    /// A file read from tokens alone keeps its assignments to plain variables compactly
    /// (see `c::extract_file_compact`).
    fn one_shot(s: &SourceFile) -> CachedFacts {
        Self::one_shot_with(s, crate::c::extract_file_compact(&s.path, &s.text))
    }

    fn one_shot_with(s: &SourceFile, facts: facts::FileFacts) -> CachedFacts {
        CachedFacts {
            // (Asked only by a later analysis, which a one-shot one has not: the text is
            // not held here, so that a face may replace it, see `Prepared::text_read_rarely`.)
            source: crate::Text::default(),
            text: 0,
            facts: Arc::new(facts),
            lines: Lines::default(),
            suppressions: Arc::new(Suppressions::scan(&s.text)),
            fn_names: 0,
            global: 0,
            reads: Arc::default(),
        }
    }
}

impl AnalysisCache {
    fn facts(&self, s: &SourceFile) -> CachedFacts {
        if self.one_shot {
            return CachedFacts::one_shot(s);
        }
        let known = self.c_facts.lock().unwrap_or_else(|e| e.into_inner()).get(s.path.as_ref()).cloned();
        if let Some(c) = &known {
            if crate::Text::ptr_eq(&c.source, &s.text) {
                return c.clone();
            }
        }
        self.facts_with(s, known, || Arc::new(crate::c::extract_file(&s.path, &s.text)))
    }

    /// `facts` for a text not found by its allocation: by its hash, else `extract`ed.
    fn facts_with(&self, s: &SourceFile, known: Option<CachedFacts>, extract: impl FnOnce() -> Arc<facts::FileFacts>) -> CachedFacts {
        let hash = text_hash(&s.text);
        if let Some(c) = known {
            if c.text == hash {
                return CachedFacts { source: s.text.clone(), ..c };
            }
        }
        self.work.facts_extracted.fetch_add(1, Ordering::Relaxed);
        let c = CachedFacts::new(&s.text, hash, extract());
        self.c_facts.lock().unwrap_or_else(|e| e.into_inner()).insert(s.path.as_ref().clone(), c.clone());
        c
    }

    /// A model file's parse and the hash of its text.
    fn model(&self, s: &SourceFile) -> (u64, Option<ModelDocument>) {
        if self.one_shot {
            return (0, aics_dtdl::parse_document_shared(s.path.as_ref().clone(), &s.text.to_arc(), false));
        }
        let known = self.models.lock().unwrap_or_else(|e| e.into_inner()).get(s.path.as_ref()).cloned();
        if let Some((src, h, d)) = &known {
            if crate::Text::ptr_eq(src, &s.text) {
                return (*h, d.clone());
            }
        }
        let hash = text_hash(&s.text);
        let edited = known.is_some();
        if let Some((_, h, d)) = known {
            if h == hash {
                self.models.lock().unwrap_or_else(|e| e.into_inner()).insert(s.path.as_ref().clone(), (s.text.clone(), h, d.clone()));
                return (h, d);
            }
        }
        self.work.models_parsed.fetch_add(1, Ordering::Relaxed);
        // A new text of a file read before (an edit) is validated right after: its parse
        // keeps the JSON tree for that validation. A first read (a workspace scan) does not
        // hold one per file until the analysis.
        let d = aics_dtdl::parse_document_shared(s.path.as_ref().clone(), &s.text.to_arc(), edited);
        self.models.lock().unwrap_or_else(|e| e.into_inner()).insert(s.path.as_ref().clone(), (s.text.clone(), hash, d.clone()));
        (hash, d)
    }

    /// Read one file into the cache ahead of an analysis (a C file's facts, a model's
    /// parse), so that a face can spread the reading of a large workspace over time and
    /// the analysis that follows finds it done.
    pub fn prepare(&self, s: &SourceFile) {
        match file_kind(&s.path) {
            Some(FileKind::C) => {
                self.facts(s);
            }
            Some(FileKind::Json) => {
                self.model(s);
            }
            None => {}
        }
    }

    /// [`AnalysisCache::prepare`] for a C file whose facts the caller extracts itself when
    /// the cache has none for its text: the language server re-parses its open documents
    /// incrementally (`c::extract_file_reusing`, the same facts as `c::extract_file`).
    pub fn prepare_c_with(&self, s: &SourceFile, extract: impl FnOnce() -> facts::FileFacts) {
        self.prepare_c_shared(s, || Arc::new(extract()))
    }

    /// [`AnalysisCache::prepare_c_with`] for facts the caller shares
    /// (`c::extract_file_shared`, which keeps them for the next edit).
    pub fn prepare_c_shared(&self, s: &SourceFile, extract: impl FnOnce() -> Arc<facts::FileFacts>) {
        if self.one_shot {
            return;
        }
        let known = self.c_facts.lock().unwrap_or_else(|e| e.into_inner()).get(s.path.as_ref()).cloned();
        if known.as_ref().is_some_and(|c| crate::Text::ptr_eq(&c.source, &s.text)) {
            return;
        }
        let c = self.facts_with(s, known, extract);
        // Also when found by its hash: the analysis then finds it by its allocation.
        self.c_facts.lock().unwrap_or_else(|e| e.into_inner()).insert(s.path.as_ref().clone(), c);
    }

    /// Forget files that are no longer part of the workspace.
    pub fn retain(&self, keep: impl Fn(&Path) -> bool) {
        self.c_facts.lock().unwrap_or_else(|e| e.into_inner()).retain(|p, _| keep(p));
        self.models.lock().unwrap_or_else(|e| e.into_inner()).retain(|p, _| keep(p));
        self.validated.lock().unwrap_or_else(|e| e.into_inner()).retain(|p, _| keep(p));
    }

    /// What changed since the last analysis for the programs that do not contain a changed
    /// file: the names whose entries in the whole set's index ([`GlobalReads`]) differ, in
    /// files edited, added or removed (`None` when none does); and whether any C file's text
    /// changed (then the buffers derived across files are compared too, in the index).
    fn reached(&self, paths: &[&Path], hashes: &[(u64, u64, u64)], reads: &[Arc<GlobalReads>], prev: &LastList, same_list: bool) -> (Option<HashSet<u64>>, bool, Vec<ReadBefore>) {
        let mut changed: HashSet<u64> = HashSet::new();
        let empty = GlobalReads::default();
        let mut same = same_list;
        let by_path: HashMap<&Path, &ReadBefore> =
            if same_list { HashMap::new() } else { prev.paths.iter().map(|p| p.as_path()).zip(&prev.before).collect() };
        let mut seen: HashSet<&Path> = HashSet::new();
        for (i, p) in paths.iter().enumerate() {
            let before = if same_list {
                prev.before.get(i)
            } else {
                seen.insert(*p);
                by_path.get(*p).copied()
            };
            match before {
                Some((t, _, _)) if *t == hashes[i].0 => {}
                Some((_, g, _)) if *g == hashes[i].2 => same = false,
                Some((_, _, r)) => {
                    same = false;
                    r.changed_names(&reads[i], &mut changed)
                }
                None => {
                    same = false;
                    empty.changed_names(&reads[i], &mut changed)
                }
            }
        }
        if !same_list {
            for (p, (_, _, r)) in &by_path {
                if !seen.contains(p) {
                    r.changed_names(&empty, &mut changed);
                }
            }
        }
        let now = hashes.iter().zip(reads).map(|(h, r)| (h.0, h.2, r.clone())).collect();
        ((!changed.is_empty()).then_some(changed), !same, now)
    }

    /// The key of the split into programs: the paths, and per file its functions (names,
    /// linkage, the identifiers they use that name a function), includes and file-level
    /// identifiers that name a function, without positions. Typing a variable, a
    /// constant, a string or a comment leaves it alone, and the last split stands.
    fn split_key(&self, list_key: u64, paths: &[&Path], inputs: &[FileInput], hashes: &[(u64, u64, u64)], prev: &LastList, same_list: bool) -> (u64, Vec<(u64, u64, u64)>) {
        let defined_key = hash_of(hashes.iter().map(|h| h.1).collect::<Vec<_>>());
        let defined = {
            let mut d = self.defined.lock().unwrap_or_else(|e| e.into_inner());
            match &*d {
                Some((k, set)) if *k == defined_key => set.clone(),
                _ => {
                    let set: Arc<HashSet<facts::Ident>> =
                        Arc::new(inputs.iter().flat_map(|i| i.facts.functions.iter().map(|f| f.name.clone())).collect());
                    *d = Some((defined_key, set.clone()));
                    set
                }
            }
        };
        let by_path: HashMap<&Path, &(u64, u64, u64)> =
            if same_list { HashMap::new() } else { prev.paths.iter().map(|p| p.as_path()).zip(&prev.split).collect() };
        let parts: Vec<(u64, u64, u64)> = paths
            .par_iter()
            .zip(inputs)
            .zip(hashes)
            .enumerate()
            .map(|(i, ((p, inp), h))| {
                let held = if same_list { prev.split.get(i) } else { by_path.get(*p).copied() };
                if let Some(&(t, k, part)) = held {
                    if t == h.0 && k == defined_key {
                        return (t, k, part);
                    }
                }
                let f = &inp.facts;
                fn named<'n>(ids: &'n facts::Names, defined: &HashSet<facts::Ident>) -> Vec<&'n str> {
                    ids.iter().filter(|n| defined.contains(*n)).collect()
                }
                let part = hash_of((
                    f.functions.iter().map(|g| (&g.name, g.is_static, named(&g.idents, &defined))).collect::<Vec<_>>(),
                    &f.includes,
                    named(&f.file_idents, &defined),
                ));
                (h.0, defined_key, part)
            })
            .collect();
        (hash_of((list_key, parts.iter().map(|p| p.2).collect::<Vec<_>>())), parts)
    }

    /// `known` brought up to date with `inputs`, or (when there is none, it covers other
    /// files, or too many changed) built again.
    fn held_index(&self, known: Option<HeldIndex>, inputs: &[FileInput], which: &[usize], all_calls: bool) -> HeldIndex {
        if let Some(mut h) = known.filter(|h| h.covers(inputs.len(), which)) {
            if let Some(n) = h.update(inputs) {
                self.work.symbol_files_indexed.fetch_add(n, Ordering::Relaxed);
                return h;
            }
        }
        self.work.symbol_files_indexed.fetch_add(which.len(), Ordering::Relaxed);
        HeldIndex::build(inputs, which, all_calls)
    }

    /// The work done so far by the analyses that used this cache.
    pub fn work(&self) -> Work {
        let w = &self.work;
        let n = |a: &AtomicUsize| a.load(Ordering::Relaxed);
        Work {
            facts_extracted: n(&w.facts_extracted),
            models_parsed: n(&w.models_parsed),
            models_validated: n(&w.models_validated),
            programs_checked: n(&w.programs_checked),
            symbol_files_indexed: n(&w.symbol_files_indexed),
            answers_computed: n(&w.answers_computed),
            format_calls_skipped: n(&w.format_calls_skipped),
            view_steps: n(&w.view_steps),
            stage_us: std::array::from_fn(|i| w.stage_us[i].load(Ordering::Relaxed)),
        }
    }

    /// Set the files edits are expected in (see [`AnalysisCache::focus`]); at most
    /// `PROGRAM_INDICES_KEPT` programs' indices are kept, whichever were checked last.
    pub fn set_focus(&self, paths: Vec<PathBuf>) {
        *self.focus.lock().unwrap_or_else(|e| e.into_inner()) = paths;
    }

    /// Ask the running analysis (if any) to stop at its next program: its input is out of
    /// date. The next `analyze_cached` clears the request when it starts.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    fn stage(&self, i: usize, since: Instant) -> Instant {
        let now = Instant::now();
        self.work.stage_us[i].fetch_add(now.duration_since(since).as_micros() as u64, Ordering::Relaxed);
        now
    }

    /// A model's DTDL002/DTDL004 problems, from the cache when its text (and, when it
    /// refers to other models, every model's text) is as before.
    fn validation(&self, models: &ModelIndex, d: &ModelDocument, own: Option<u64>, deps: Option<u64>) -> Arc<Vec<aics_dtdl::ModelProblem>> {
        let run = || {
            self.work.models_validated.fetch_add(1, Ordering::Relaxed);
            Arc::new(aics_dtdl::validate(models, d, &aics_dtdl::ValidationOptions::default()))
        };
        if self.one_shot {
            return run();
        }
        let key = hash_of((own.unwrap_or_else(|| text_hash(&d.source)), deps));
        if let Some((k, p)) = self.validated.lock().unwrap_or_else(|e| e.into_inner()).get(&d.path) {
            if *k == key {
                return p.clone();
            }
        }
        let p = run();
        self.validated.lock().unwrap_or_else(|e| e.into_inner()).insert(d.path.clone(), (key, p.clone()));
        p
    }
}

pub fn analyze(sources: &[SourceFile], options: &AnalysisOptions) -> Analysis {
    analyze_cached(sources, options, &AnalysisCache { one_shot: true, ..AnalysisCache::default() })
}

/// A JSON source's parse as [`analyze`] makes it (`None`: not a DTDL model).
pub fn parse_model(s: &SourceFile) -> Option<Arc<ModelDocument>> {
    aics_dtdl::parse_document_shared(s.path.as_ref().clone(), &s.text.to_arc(), false).map(Arc::new)
}

/// What [`analyze`] reads of one source by itself (a model's parse, a C file's facts), made
/// by a face on the thread that read the file, so that reading and reading the files'
/// contents overlap; handed to [`analyze_prepared`].
pub struct Prepared(PreparedKind);

enum PreparedKind {
    /// The parse, and the findings of a document validated alone.
    Model(Option<Arc<ModelDocument>>, Option<Arc<Vec<aics_dtdl::ModelProblem>>>),
    C(CachedFacts),
    Other,
}

/// How a C source was read ([`Prepared::reading`]), for a face's statistics (`check
/// --stats`): where a tree's reading time goes depends on how many files took each way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    /// No SDK name or entry point in it: read from tokens alone
    /// ([`facts::FileFacts::passed_over`]).
    PassedOver,
    /// Read from tokens, without a parse (nothing in it the tokens do not read as the
    /// parser would).
    Tokens,
    /// Parsed by tree-sitter, this many times (once per branch configuration it was read in).
    Parsed(usize),
    /// A unit test, not read ([`crate::c::is_unit_test`]).
    UnitTest,
}

impl Prepared {
    /// How the source was read when it is a C file; `None` for a model or another file.
    pub fn reading(&self) -> Option<Reading> {
        match &self.0 {
            PreparedKind::C(c) if c.facts.unit_test => Some(Reading::UnitTest),
            PreparedKind::C(c) if c.facts.passed_over => Some(Reading::PassedOver),
            PreparedKind::C(c) if c.facts.variants_parsed == 0 => Some(Reading::Tokens),
            PreparedKind::C(c) => Some(Reading::Parsed(c.facts.variants_parsed)),
            _ => None,
        }
    }

    /// Whether the analysis seldom reads the source's text again: a C file the prefilter
    /// passed over ([`facts::FileFacts::passed_over`]). A face may then hand the analysis
    /// a text that reads the file again when asked instead of the one it read (`check`
    /// does: on the generated 10,000-file tree the texts were 40% of the memory).
    pub fn text_read_rarely(&self) -> bool {
        matches!(self.reading(), Some(Reading::PassedOver | Reading::UnitTest))
    }
}

/// [`Prepared`] of one source.
pub fn prepare(s: &SourceFile) -> Prepared {
    Prepared(match file_kind(&s.path) {
        // Validated here too when it needs no other model (see
        // `aics_dtdl::parse_and_validate_shared`).
        Some(FileKind::Json) => match aics_dtdl::parse_and_validate_shared(s.path.as_ref().clone(), &s.text.to_arc()) {
            Some((doc, problems)) => PreparedKind::Model(Some(Arc::new(doc)), problems.map(Arc::new)),
            None => PreparedKind::Model(None, None),
        },
        Some(FileKind::C) => PreparedKind::C(CachedFacts::one_shot(s)),
        None => PreparedKind::Other,
    })
}

/// [`prepare`] for a C file with facts the caller made (a benchmark's variant of the
/// reading, see `examples/light_share.rs`): the analysis takes them as given.
pub fn prepare_c_facts(s: &SourceFile, facts: facts::FileFacts) -> Prepared {
    Prepared(PreparedKind::C(CachedFacts::one_shot_with(s, facts)))
}

/// [`analyze`] with each source's [`prepare`] made beforehand, in the order of `sources`
/// (with a list that does not match, the sources are read here).
pub fn analyze_prepared(sources: &[SourceFile], prepared: Vec<Prepared>, options: &AnalysisOptions) -> Analysis {
    let given = (prepared.len() == sources.len()).then(|| given(prepared));
    analyze_with(sources, options, &AnalysisCache { one_shot: true, ..AnalysisCache::default() }, given)
}

/// [`analyze_prepared`] for a process that ends once it has written the findings (`check`):
/// what the analysis built (every file's facts, the whole set's symbol index, the programs
/// and the resolver's memo) is not freed but left to the OS. Freeing it took 1-2% of a
/// `check` of a large tree, on one thread with the other idle.
pub fn analyze_prepared_then_exit(sources: &[SourceFile], prepared: Vec<Prepared>, options: &AnalysisOptions) -> Analysis {
    let given = (prepared.len() == sources.len()).then(|| given(prepared));
    analyze_with(sources, options, &AnalysisCache { one_shot: true, leave_to_os: true, ..AnalysisCache::default() }, given)
}

/// The parses and facts of prepared sources, in order.
fn given(prepared: Vec<Prepared>) -> Given {
    let mut given = Given { kinds: Vec::with_capacity(prepared.len()), ..Given::default() };
    for p in prepared {
        match p.0 {
            PreparedKind::Model(m, problems) => {
                if let (Some(m), Some(p)) = (&m, problems) {
                    given.validated.insert(Arc::as_ptr(m) as usize, p);
                }
                given.models.push(m);
                given.kinds.push(Some(FileKind::Json));
            }
            PreparedKind::C(c) => {
                given.c.push(c);
                given.kinds.push(Some(FileKind::C));
            }
            PreparedKind::Other => given.kinds.push(None),
        }
    }
    given
}

/// What a one-shot analysis is given of its sources: the models' parses (JSON sources, in
/// order) and the C files' facts (C sources, in order).
#[derive(Default)]
struct Given {
    models: Vec<Option<Arc<ModelDocument>>>,
    /// The findings of the models validated as they were parsed, by the document's address.
    validated: HashMap<usize, Arc<Vec<aics_dtdl::ModelProblem>>>,
    c: Vec<CachedFacts>,
    /// Each source's kind, as [`prepare`] read it (by its path, as [`file_kind`]).
    kinds: Vec<Option<FileKind>>,
}

/// `analyze`, reusing (and filling) `cache` for files whose text did not change.
pub fn analyze_cached(sources: &[SourceFile], options: &AnalysisOptions, cache: &AnalysisCache) -> Analysis {
    analyze_with(sources, options, cache, None)
}

/// The facts of a one-shot analysis, freed on the pool once the analysis is done: every
/// other holder has let go by then (this is the first local of `analyze_with`, so the
/// last dropped), and freeing ten thousand files' functions, calls and assignments took
/// a tenth of a second on the thread that returns the findings.
#[derive(Default)]
struct FreeLater(Vec<Arc<facts::FileFacts>>);

impl Drop for FreeLater {
    fn drop(&mut self) {
        let facts = std::mem::take(&mut self.0);
        if !facts.is_empty() {
            rayon::spawn(move || drop(facts));
        }
    }
}

fn analyze_with(sources: &[SourceFile], options: &AnalysisOptions, cache: &AnalysisCache, mut given: Option<Given>) -> Analysis {
    let mut free_later = FreeLater::default();
    cache.cancel.store(false, Ordering::Relaxed);
    let mut at = Instant::now();
    // Each file's kind asked once, on the pool: a model repository is ~20,000 paths, each
    // one a cache miss or two away.
    let kind = |s: &SourceFile| file_kind(&s.path);
    // (Prepared sources' kinds are known: on fw10k asking the 10,000 paths again took 1.1-1.3
    // ms with the pool otherwise idle.)
    let kinds: Vec<Option<FileKind>> = match given.as_mut().map(|g| std::mem::take(&mut g.kinds)).filter(|k| k.len() == sources.len()) {
        Some(kinds) => kinds,
        None if sources.len() < ON_THE_POOL => sources.iter().map(kind).collect(),
        None => sources.par_iter().map(kind).collect(),
    };
    let (mut c_sources, mut json_sources): (Vec<&SourceFile>, Vec<&SourceFile>) = (Vec::new(), Vec::new());
    for (s, kind) in sources.iter().zip(kinds) {
        match kind {
            Some(FileKind::C) => c_sources.push(s),
            Some(FileKind::Json) => json_sources.push(s),
            None => {}
        }
    }

    // Per file: (text, function names, global) hashes of `CachedFacts`.
    type Hashes = Vec<(u64, u64, u64)>;
    // The last analysis's files: an edit hands over the same paths.
    let prev: LastList = if cache.one_shot { LastList::default() } else { std::mem::take(&mut *cache.last.lock().unwrap_or_else(|e| e.into_inner())) };
    let same_list = !cache.one_shot && prev.same(&c_sources);
    // Files handed over as before (the same text allocation) are taken from the last
    // analysis (or the cache, in one pass under one lock); only the others are hashed and,
    // when changed, read again.
    let (parsed, given_c, validated) = match given {
        Some(g) if cache.one_shot => (Some(g.models), (g.c.len() == c_sources.len()).then_some(g.c), g.validated),
        _ => (None, None, HashMap::new()),
    };
    let known: Vec<Option<CachedFacts>> = if let Some(c) = given_c {
        c.into_iter().map(Some).collect()
    } else if cache.one_shot {
        vec![None; c_sources.len()]
    } else if same_list {
        c_sources.iter().zip(&prev.facts).map(|(s, c)| crate::Text::ptr_eq(&c.source, &s.text).then(|| c.clone())).collect()
    } else {
        let held = cache.c_facts.lock().unwrap_or_else(|e| e.into_inner());
        c_sources.iter().map(|s| held.get(s.path.as_ref()).filter(|c| crate::Text::ptr_eq(&c.source, &s.text)).cloned()).collect()
    };
    // The files to read, the largest texts first (LPT order): the threads share out the
    // small ones at the end instead of one of them finishing a large file alone
    // (azure-iot-sdk-c's largest test takes 40 ms). Those known are not sent to the pool
    // (`check` hands over every file's facts: 10,000 tasks of nothing were 3 ms of one
    // thread while the other waited).
    let mut work: Vec<usize> = known.iter().enumerate().filter(|(_, k)| k.is_none()).map(|(i, _)| i).collect();
    work.sort_by_key(|&i| std::cmp::Reverse(c_sources[i].text.len()));
    let done: Vec<(usize, CachedFacts)> = work.into_par_iter().with_max_len(1).map(|i| (i, cache.facts(c_sources[i]))).collect();
    let mut read = known;
    for (i, c) in done {
        read[i] = Some(c);
    }
    let mut read: Vec<CachedFacts> = read.into_iter().map(|c| c.expect("every file was read")).collect();
    let (inputs, cfiles, hashes, reads): (Vec<FileInput>, Vec<CFile>, Hashes, Vec<Arc<GlobalReads>>) = if cache.one_shot {
        // A one-shot analysis keeps no file's cached facts for the next: each is taken
        // apart, in one pass, not cloned piece by piece in four (each clone a count in
        // memory a pool thread wrote, a cache miss; fw10k's hand-over took 2.1-2.5 ms on
        // this thread with the pool idle).
        let n = read.len();
        let (mut inputs, mut cfiles, mut hashes, mut reads) = (Vec::with_capacity(n), Vec::with_capacity(n), Vec::with_capacity(n), Vec::with_capacity(n));
        for (s, c) in c_sources.iter().zip(read.drain(..)) {
            hashes.push((c.text, c.fn_names, c.global));
            inputs.push(FileInput { text: s.text.clone(), facts: c.facts });
            cfiles.push(CFile { path: s.path.clone(), lines: c.lines, suppressions: c.suppressions });
            reads.push(c.reads);
        }
        // (Not when everything is left to the OS: ten thousand more references taken, each
        // a cache miss, on one thread with the other idle.)
        if !cache.leave_to_os {
            free_later.0 = inputs.iter().map(|i| i.facts.clone()).collect();
        }
        (inputs, cfiles, hashes, reads)
    } else {
        (
            c_sources.iter().zip(&read).map(|(s, c)| FileInput { text: s.text.clone(), facts: c.facts.clone() }).collect(),
            c_sources.iter().zip(&read).map(|(s, c)| CFile { path: s.path.clone(), lines: c.lines.clone(), suppressions: c.suppressions.clone() }).collect(),
            read.iter().map(|c| (c.text, c.fn_names, c.global)).collect(),
            read.iter().map(|c| c.reads.clone()).collect(),
        )
    };
    at = cache.stage(0, at);

    // The models: workspace DTDL files, then repository folders read on demand.
    let (model_hashes, documents): (Vec<u64>, Vec<Option<Arc<ModelDocument>>>) = match parsed {
        // A one-shot analysis keeps no hashes (see `AnalysisCache::model`).
        Some(parsed) if cache.one_shot && parsed.len() == json_sources.len() => (vec![0; parsed.len()], parsed),
        _ => json_sources
            .par_iter()
            .map(|s| {
                let (hash, document) = cache.model(s);
                (hash, document.map(Arc::new))
            })
            .unzip(),
    };
    let documents: Vec<Arc<ModelDocument>> = documents.into_iter().flatten().collect();
    let model_files = documents.len();
    let mut models = ModelIndex::new();
    let mut findings: Vec<Finding> = Vec::new();
    for doc in &documents {
        for e in &doc.syntax_errors {
            findings.push(Finding::new(
                rules::dtdl001::RULE.code,
                Place::Model { path: doc.path.clone(), range: e.range.clone() },
                format!("invalid JSON: {}", e.message),
            ));
        }
    }
    models.upsert_shared(documents);
    if let Some(reader) = &options.model_reader {
        for root in &options.repository_roots {
            models.add_repository_root_with_reader(root.clone(), reader.clone());
        }
    }
    // DTDL003 per document on the pool (each looks up every reference it makes), in path order.
    let in_path_order: Vec<&Arc<ModelDocument>> = models.documents().collect();
    let unresolved_in = |d: &&Arc<ModelDocument>| models.unresolved_references_in(d);
    let unresolved: Vec<aics_dtdl::UnresolvedReference> = if in_path_order.len() < ON_THE_POOL {
        in_path_order.iter().flat_map(unresolved_in).collect()
    } else {
        in_path_order.par_iter().flat_map_iter(unresolved_in).collect()
    };
    for u in unresolved {
        findings.push(Finding::new(rules::dtdl003::RULE.code, Place::Model { path: u.path, range: u.range }, u.message));
    }
    at = cache.stage(1, at);
    // Every model's text, for the caches of what reads other models.
    let all_models = if cache.one_shot {
        0
    } else {
        hash_of((json_sources.iter().map(|s| s.path.as_ref()).collect::<Vec<_>>(), &model_hashes, &options.repository_roots))
    };
    // The specification's MUSTs and SHOULDs (DTDL002, DTDL004) for the workspace's own
    // models; syntax errors and unresolved references are reported above already. A model
    // is validated again only when its text (or, when it refers to others, a model) changed.
    let documents: Vec<_> = models.documents().cloned().collect();
    let hash_by_path: HashMap<&Path, u64> =
        if cache.one_shot { HashMap::new() } else { json_sources.iter().map(|s| s.path.as_path()).zip(model_hashes.iter().copied()).collect() };
    let problems: Vec<(&Arc<ModelDocument>, Arc<Vec<aics_dtdl::ModelProblem>>)> = documents
        .par_iter()
        .filter(|d| d.syntax_errors.is_empty())
        .map(|d| {
            if let Some(p) = validated.get(&(Arc::as_ptr(d) as usize)) {
                return (d, p.clone());
            }
            let own = hash_by_path.get(d.path.as_path()).copied();
            let deps = if cache.one_shot { None } else { reference_closure(&models, d, &hash_by_path, all_models) };
            (d, cache.validation(&models, d, own, deps))
        })
        .collect();
    for (doc, ps) in problems {
        let path = &doc.path;
        for p in ps.iter() {
            let code = match p.code {
                "DTDL002" => rules::dtdl002::RULE.code,
                "DTDL004" => rules::dtdl004::RULE.code,
                _ => continue,
            };
            // The official parser's validation ids, for searching its documentation and error
            // texts: `(Requirement-...; official: missingContext)`.
            let ids = p.validation_ids();
            let official = if ids.is_empty() { String::new() } else { format!("; official: {}", ids.join(", ")) };
            let message = format!("{} ({}{official})", p.message, p.rule);
            let mut finding = Finding::new(code, Place::Model { path: path.clone(), range: p.range.clone() }, message);
            for (range, label) in &p.related {
                finding = finding.with_related(Place::Model { path: path.clone(), range: range.clone() }, label.clone());
            }
            // A misspelt term with one closest valid one (`did you mean ...`): replace it.
            finding.fix = p.suggestion.as_deref().and_then(|term| crate::fix::suggested_term(term, &doc.source, &p.range, path));
            findings.push(finding);
        }
    }
    at = cache.stage(2, at);

    // (Borrowed: a copy of each path was 1.3-2.2 ms of one thread on fw10k, both idle.)
    let paths: Vec<&Path> = cfiles.iter().map(|c| c.path.as_path()).collect();
    let fact_refs: Vec<&facts::FileFacts> = inputs.iter().map(|i| i.facts.as_ref()).collect();
    // The split reads only the files' paths and call-graph facts: typing that leaves them
    // alone (in a string, a comment, an argument) keeps the programs of the last analysis.
    let list_key = if cache.one_shot {
        0
    } else if same_list {
        prev.key
    } else {
        paths_key(&paths)
    };
    let (split_key, split_parts) = if cache.one_shot { (0, Vec::new()) } else { cache.split_key(list_key, &paths, &inputs, &hashes, &prev, same_list) };
    let cached_split = if cache.one_shot {
        None
    } else {
        cache.split.lock().unwrap_or_else(|e| e.into_inner()).as_ref().filter(|(k, _)| *k == split_key).map(|(_, p)| p.clone())
    };
    // The index of every file the programs' views share (see `SymbolIndex::build_shared`):
    // its files count as indexed, its time as the global index stage's.
    let global_us = AtomicU64::new(0);
    let build_shared = || {
        let started = Instant::now();
        cache.work.symbol_files_indexed.fetch_add(inputs.len(), Ordering::Relaxed);
        let ix = Box::new(SymbolIndex::build_shared(&inputs));
        global_us.fetch_add(started.elapsed().as_micros() as u64, Ordering::Relaxed);
        ix
    };
    // The folder tree of the files: the split resolves names by it, and what a program
    // reads of the whole set's index is what is nearest its entry point (see
    // `SymbolIndex::nearest`). The cache keeps it while the file list stands.
    let nearness_of = || -> Arc<program::Nearness> {
        let mut kept = cache.nearness.lock().unwrap_or_else(|e| e.into_inner());
        match &*kept {
            Some((k, n)) if !cache.one_shot && *k == list_key => n.clone(),
            _ => {
                let n = Arc::new(program::Nearness::new(&paths));
                if !cache.one_shot {
                    *kept = Some((list_key, n.clone()));
                }
                n
            }
        }
    };
    // A one-shot analysis builds it (there the whole set's index) beside the split, on the
    // other thread: built when the first program asks for it, every program waited for it.
    // The folder tree is built on the split's side (fw10k: 2.5 ms before both began).
    let mut early_index = None;
    let (nearness, programs): (Arc<program::Nearness>, Arc<Vec<Program>>) = match cached_split {
        Some(p) => (nearness_of(), p),
        None => {
            let split = || {
                let nearness = nearness_of();
                let programs = Arc::new(program::split_near(&nearness, &paths, &fact_refs).0);
                (nearness, programs)
            };
            let (nearness, p) = if cache.one_shot && !inputs.is_empty() {
                let (np, built) = rayon::join(split, build_shared);
                early_index = Some(built);
                np
            } else {
                split()
            };
            if !cache.one_shot {
                *cache.split.lock().unwrap_or_else(|e| e.into_inner()) = Some((split_key, p.clone()));
            }
            (nearness, p)
        }
    };
    at = cache.stage(3, at);
    // Without any model source, "no model for this Model ID" is unknowable (it may be in
    // the public repository): the model rules stay silent and a note says why.
    let models_known = model_files > 0 || (options.model_reader.is_some() && !options.repository_roots.is_empty());
    let mut notes = Vec::new();
    if !models_known && !inputs.is_empty() {
        notes.push(
            "no DTDL models found: AICS002 and AICS006 to AICS011 were not checked; add the device's model to the linted folder or pass --models DIR".to_string(),
        );
    }
    let ctx = CheckContext { assumed_model_id: options.config.model_id.as_deref(), models: &models, models_known, c_paths: &paths };

    // Code no entry point reaches, beside programs that have one, is dead or reached in ways
    // the analysis cannot follow: what it does send counts, what it does not send proves nothing.
    let has_entry = programs.iter().any(|p| p.entry.is_some());
    // A program's findings depend on its files' texts, on what the resolver may read from
    // other files (their macros, initialisers, assignments), on the file list (findings
    // hold file indices), the config, and on what it looks up in the models: with all of
    // these unchanged, the last analysis's findings stand and the program is not checked
    // again. The models are compared by the look-ups themselves (a program that links no
    // Model ID reads nothing of them), so a model edit re-checks only the programs whose
    // models it changes.
    let shared_key = if cache.one_shot || programs.is_empty() {
        0
    } else {
        hash_of((list_key, format!("{:?}", options), models_known))
    };
    let keys: Vec<u64> = programs
        .iter()
        .map(|p| if cache.one_shot { 0 } else { hash_of((shared_key, &p.entry, p.files.iter().map(|&f| (f, hashes[f].0)).collect::<Vec<_>>())) })
        .collect();
    // The whole set's symbol index, built only when a program is checked or a file changed
    // (an analysis with nothing changed does not need it); the language server's cache
    // keeps it between analyses and re-indexes only the files whose facts changed.
    let global = std::sync::OnceLock::new();
    // Built beside the split, the index's time is within the split stage's, not the programs'.
    let index_beside_split = early_index.is_some();
    if let Some(ix) = early_index {
        let _ = global.set(GlobalIndex::Built(ix));
    }
    let get_global = || -> &GlobalIndex {
        global.get_or_init(|| {
            if cache.one_shot {
                // Every call site too: the programs read their indices from it (views).
                return GlobalIndex::Built(build_shared());
            }
            let started = Instant::now();
            let all: Vec<usize> = (0..inputs.len()).collect();
            let held = cache.global_index.lock().unwrap_or_else(|e| e.into_inner()).take();
            let g = GlobalIndex::Held(Box::new(cache.held_index(held, &inputs, &all, false)));
            global_us.fetch_add(started.elapsed().as_micros() as u64, Ordering::Relaxed);
            g
        })
    };
    // What changed for the programs that do not contain an edited file: the names whose
    // entries in the whole set's index differ from the last analysis's. Such a program is
    // checked again only when it read one of them through the fallback (each program keeps
    // the names it read, `CachedProgram::reads`).
    let changed: Changed = if cache.one_shot {
        Changed::default()
    } else {
        let (names, text_changed, before) = cache.reached(&paths, &hashes, &reads, &prev, same_list);
        *cache.last.lock().unwrap_or_else(|e| e.into_inner()) =
            LastList { paths: cfiles.iter().map(|c| c.path.clone()).collect(), key: list_key, facts: std::mem::take(&mut read), split: split_parts, before };
        let mut changed = Changed { all: false, names: names.unwrap_or_default() };
        if text_changed {
            // The buffers helpers fill through their parameters, derived across files.
            match get_global() {
                GlobalIndex::Held(h) => match h.changed_buffers() {
                    Some(b) => changed.names.extend(b.iter().map(|n| name_hash(ReadKind::Buffers, n))),
                    None => changed.all = true,
                },
                GlobalIndex::Built(_) => changed.all = true,
            }
        }
        changed
    };
    let hits: Vec<Option<CachedProgram>> = if cache.one_shot {
        vec![None; programs.len()]
    } else {
        let mut held = cache.program_findings.lock().unwrap_or_else(|e| e.into_inner());
        if changed.any() {
            // Findings the edit may have changed are dropped at once: the next analysis
            // compares with this one's texts, whether or not this one finishes.
            held.retain(|_, c| !changed.reaches(&c.reads));
        }
        keys.par_iter()
            .map(|k| {
                let c = held.get(k)?;
                let moved;
                let c = if c.places.iter().any(|&(f, h)| hashes.get(f).map(|x| x.0) != Some(h)) {
                    // Its findings point into a file that changed: they stand, moved, when
                    // the edit is away from every place (see `moved_places`).
                    let before = |f: usize| prev.facts.get(f).filter(|_| same_list).map(|c| (c.text, &*c.source));
                    moved = moved_places(c, &hashes, &inputs, before)?;
                    &moved
                } else {
                    c
                };
                match &c.models {
                    None => Some(c.clone()),
                    Some((dtmis, h)) => (model_reads(&models, dtmis) == *h).then(|| c.clone()),
                }
            })
            .collect()
    };
    // When an analysis checks a few programs only (an edit), their own indices are kept
    // too; a first analysis that checks them all builds each once and keeps none.
    let keep_program_index = !cache.one_shot && hits.iter().filter(|h| h.is_none()).count() <= PROGRAM_INDICES_KEPT;
    // Else those of the programs that contain a file edits are expected in.
    let focus: Vec<usize> = if cache.one_shot || keep_program_index {
        Vec::new()
    } else {
        let focus = cache.focus.lock().unwrap_or_else(|e| e.into_inner());
        focus.iter().filter_map(|f| cfiles.iter().position(|c| c.path.as_os_str() == f.as_os_str())).collect()
    };
    // Answers of the value resolver, shared by the programs (a library's values are
    // followed once, not once per sample that links the library).
    // The language server's cache keeps them between analyses over the same file list:
    // an answer is reused while the texts it read are the same (keys: the text hashes).
    let list_key = (!cache.one_shot).then_some(list_key);
    let answers = if cache.one_shot {
        ResolveCache::one_analysis()
    } else {
        let held = cache.answers.lock().unwrap_or_else(|e| e.into_inner()).take();
        let mut a = held.filter(|(k, _)| Some(*k) == list_key).map(|(_, a)| a).unwrap_or_default();
        a.for_analysis(hashes.iter().map(|h| h.0).collect());
        a
    };
    let computed_before = answers.stats().computed;
    // The programs' symbol indices are views of one index of every file (see
    // `SymbolIndex::view`) when the programs checked without an index of their own kept
    // link more files together than the set holds (samples joined with a library: each
    // indexed it again); an edit that re-checks a program or two indexes their files.
    let to_index: usize = programs.iter().zip(&hits).filter(|(p, h)| h.is_none() && !focus.iter().any(|f| p.files.contains(f))).map(|(p, _)| p.files.len()).sum();
    let share_index = cache.one_shot || (!keep_program_index && to_index > inputs.len());
    let shared_index = std::sync::OnceLock::new();
    let get_shared = || -> &SymbolIndex {
        if cache.one_shot {
            return get_global().get();
        }
        shared_index.get_or_init(build_shared)
    };
    let cancelled = AtomicBool::new(false);
    // The programs to check, the largest (by files) first: a program of 119 of
    // azure-iot-sdk-c's files took 7 ms of the stage's 12, and begun late it ran on one
    // thread after the other had finished (the results are put back in program order).
    let mut work: Vec<(usize, &Program, Option<CachedProgram>, u64)> = programs.iter().zip(hits).zip(&keys).enumerate().map(|(i, ((p, hit), &key))| (i, p, hit, key)).collect();
    work.sort_by_key(|(_, p, hit, _)| std::cmp::Reverse(if hit.is_some() { 0 } else { p.files.len() }));
    let mut in_order: Vec<(usize, Option<(u64, CachedProgram)>)> = work
        .into_par_iter()
        .with_max_len(1)
        .map(|(i, p, hit, key)| (i, (|| {
            if let Some(c) = hit {
                return Some((key, c));
            }
            if cache.cancelled() {
                cancelled.store(true, Ordering::Relaxed);
                return None;
            }
            cache.work.programs_checked.fetch_add(1, Ordering::Relaxed);
            // A program edits are expected in: its symbol index and the resolver's answers it
            // uses are kept for the next analysis.
            let pin = keep_program_index || focus.iter().any(|f| p.files.contains(f));
            let held = pin.then(|| {
                let which: Vec<usize> = p.files.iter().copied().collect();
                let known = {
                    let mut list = cache.program_index.lock().unwrap_or_else(|e| e.into_inner());
                    list.iter().position(|h| h.covers(inputs.len(), &which)).map(|i| list.remove(i))
                };
                cache.held_index(known, &inputs, &which, true)
            });
            if held.is_none() && !share_index {
                cache.work.symbol_files_indexed.fetch_add(p.files.len(), Ordering::Relaxed);
            }
            let built;
            let index = match &held {
                Some(h) => h.index(),
                None => {
                    built = if share_index {
                        SymbolIndex::view(get_shared(), &inputs, &p.files)
                    } else {
                        SymbolIndex::build_hashed(&inputs, p.files.iter().copied(), &answers)
                    };
                    &built
                }
            };
            let whole = get_global().get();
            let near;
            let whole = match &p.entry {
                Some((_, at)) => {
                    near = SymbolIndex::nearest(whole, &nearness, *at, p.files.iter().copied());
                    &near
                }
                None => whole,
            };
            // The program's resolver, and more of the same for what `check_program` reads
            // beside it on another thread.
            let new_resolver = || Resolver::with_cache(&inputs, index, whole, &answers).pinning(pin);
            let resolver = new_resolver();
            let (checked, linked, read) = check_program(&inputs, p, index, &resolver, &new_resolver, &ctx, has_entry, !cache.one_shot);
            cache.work.view_steps.fetch_add(index.view_steps(), Ordering::Relaxed);
            if let Some(h) = held {
                let mut list = cache.program_index.lock().unwrap_or_else(|e| e.into_inner());
                list.insert(0, h);
                list.truncate(PROGRAM_INDICES_KEPT);
            }
            let models = (!linked.is_empty() && !cache.one_shot).then(|| {
                let h = model_reads(&models, &linked);
                (linked, h)
            });
            let places = places_of(&checked, &hashes);
            let mut reads: Vec<u64> = read.iter().map(|(k, n)| name_hash(*k, n)).collect();
            reads.sort_unstable();
            reads.dedup();
            Some((key, CachedProgram { models, checked: Arc::new(checked), places, reads: reads.into() }))
        })()))
        .collect();
    in_order.sort_unstable_by_key(|(i, _)| *i);
    let checked: Vec<Option<(u64, CachedProgram)>> = in_order.into_iter().map(|(_, c)| c).collect();
    cache.work.answers_computed.fetch_add(answers.stats().computed - computed_before, Ordering::Relaxed);
    cache.work.format_calls_skipped.fetch_add(answers.dps_calls_gated().1, Ordering::Relaxed);
    match list_key {
        Some(key) => *cache.answers.lock().unwrap_or_else(|e| e.into_inner()) = Some((key, answers)),
        None if cache.leave_to_os => std::mem::forget(answers),
        None => {}
    }
    match global.into_inner() {
        Some(GlobalIndex::Held(h)) => *cache.global_index.lock().unwrap_or_else(|e| e.into_inner()) = Some(*h),
        Some(built) if cache.leave_to_os => std::mem::forget(built),
        _ => {}
    }
    let global_us = global_us.load(Ordering::Relaxed);
    cache.work.stage_us[4].fetch_add(global_us, Ordering::Relaxed);
    let index_in_programs = if index_beside_split { 0 } else { global_us };
    cache.work.stage_us[5].fetch_add((at.elapsed().as_micros() as u64).saturating_sub(index_in_programs), Ordering::Relaxed);
    at = Instant::now();
    if !cache.one_shot {
        let mut held = cache.program_findings.lock().unwrap_or_else(|e| e.into_inner());
        if cancelled.load(Ordering::Relaxed) {
            // Keep what was checked for the analysis that replaces this one, and of the
            // rest only what stays valid (the next analysis compares with this one's texts).
            let valid: HashSet<u64> = keys.iter().copied().collect();
            held.retain(|k, _| valid.contains(k));
            held.extend(checked.iter().flatten().map(|(k, c)| (*k, c.clone())));
        } else {
            // Keep exactly the programs of this analysis.
            *held = checked.iter().flatten().map(|(k, c)| (*k, c.clone())).collect();
        }
    }
    if cancelled.load(Ordering::Relaxed) {
        return Analysis { models, cancelled: true, ..Analysis::default() };
    }
    let mut coverage_at = Vec::new();
    for (_, c) in checked.iter().flatten() {
        findings.extend(c.checked.0.iter().cloned());
        coverage_at.extend(c.checked.1.iter().cloned());
    }


    let texts = ModelTexts::new(&json_sources, &findings, options.model_reader.as_deref());
    let mut diagnostics = to_diagnostics(findings, &inputs, &cfiles, &texts, options);
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()).then_with(|| a.message.cmp(&b.message)));
    let coverage = crate::coverage::placed(coverage_at, |loc| {
        let (c, text) = (&cfiles[loc.file], &inputs[loc.file].text);
        lines_of(&c.lines, text).span(&c.path, text, loc.range.clone())
    });
    cache.stage(6, at);
    let work = cache.work();
    let analysis = Analysis {
        models,
        diagnostics,
        c_files: cfiles.len(),
        model_files,
        programs: programs.len(),
        notes,
        coverage,
        cancelled: false,
        stage_us: work.stage_us,
        format_calls_skipped: work.format_calls_skipped,
    };
    if cache.leave_to_os {
        std::mem::forget(std::mem::take(&mut free_later.0));
        std::mem::forget((checked, programs, nearness, fact_refs, paths));
        std::mem::forget((inputs, cfiles));
        // (And each file's cached facts: ten thousand files' references let go one at a
        // time, cache misses on one thread with the other idle.)
        std::mem::forget((read, reads));
    }
    analysis
}

/// What validating `d` reads of other models: the validator pulls in the documents that
/// define the DTMIs it refers to, and theirs in turn. `None` when it refers to nothing
/// outside itself; every model's text (`all`) when a reference is to an element the index
/// cannot place in a document from here (a schema defined elsewhere).
fn reference_closure(models: &ModelIndex, d: &ModelDocument, hashes: &HashMap<&Path, u64>, all: u64) -> Option<u64> {
    use aics_dtdl::ReferenceKind;
    if d.references.is_empty() {
        return None;
    }
    let mut read: std::collections::BTreeMap<PathBuf, u64> = std::collections::BTreeMap::new();
    let mut missing: Vec<String> = Vec::new();
    let mut next: Vec<Arc<ModelDocument>> = Vec::new();
    let mut current: Option<Arc<ModelDocument>> = None;
    loop {
        let doc: &ModelDocument = current.as_deref().unwrap_or(d);
        for r in &doc.references {
            match r.kind {
                ReferenceKind::Extends | ReferenceKind::ComponentSchema => {
                    if doc.interface_index(&r.dtmi).is_some() {
                        continue;
                    }
                    match models.interface(&r.dtmi) {
                        Some(ri) => {
                            if ri.document.path != d.path && !read.contains_key(&ri.document.path) {
                                let h = hashes.get(ri.document.path.as_path()).copied().unwrap_or_else(|| text_hash(&ri.document.source));
                                read.insert(ri.document.path.clone(), h);
                                next.push(ri.document.clone());
                            }
                        }
                        None => missing.push(r.dtmi.clone()),
                    }
                }
                ReferenceKind::Element if !doc.defines_element(&r.dtmi) => return Some(all),
                ReferenceKind::Element => {}
            }
        }
        match next.pop() {
            Some(n) => current = Some(n),
            None => break,
        }
    }
    Some(hash_of((read, missing)))
}

/// What a program reads of the models for the Model IDs it links: the declared telemetry
/// and the served contents (with their places), hashed.
fn model_reads(models: &ModelIndex, dtmis: &[String]) -> u64 {
    hash_of(
        dtmis
            .iter()
            .map(|d| format!("{:?}", (models.interface(d).map(|_| models.telemetry(d)), models.served_contents(d))))
            .collect::<Vec<_>>(),
    )
}

/// The names a program read through the whole set's index, with their kinds.
type GlobalNames = Vec<(ReadKind, Box<str>)>;

/// A program's findings and coverage, the Model IDs it linked (what it read of the
/// models) and what it read of the whole set's index (when `keep_reads`).
#[allow(clippy::too_many_arguments)]
fn check_program<'a>(
    inputs: &'a [FileInput],
    p: &Program,
    index: &'a SymbolIndex<'a>,
    resolver: &Resolver<'a>,
    second: &(dyn Fn() -> Resolver<'a> + Sync),
    ctx: &CheckContext,
    has_entry: bool,
    keep_reads: bool,
) -> (crate::coverage::Checked, Vec<String>, GlobalNames) {
    // What the resolvers read of the whole set's index, for an analysis that keeps the
    // program's findings for the next one (see `Resolver::global_reads`); a one-shot
    // analysis keeps none, and the look-ups in the program's index that tell its own
    // entries from the whole set's were 0.3-0.5% of a `check` of azure-iot-sdk-c.
    let reads_of = |r: &Resolver<'a>| if keep_reads { r.global_reads() } else { GlobalNames::new() };
    // A large program's files' marks are read on the pool before the reading asks for them
    // one at a time (a small one's take less than sharing them out).
    let large = p.files.len() >= 256;
    // Code no entry point reaches (a shared library beside the samples) does not serve
    // the model by itself: the programs that flash it do.
    let served = p.entry.is_some() || !has_entry;
    // What the program sends and what it handles, each read with a resolver of its own (a
    // resolver is one thread's): a program of 10,000 files took 90 ms for the one and 60
    // ms for the other. The functions by name, which both read, are built once (on a
    // program of 10,000 files, building them was a quarter of the telemetry reading).
    // Both, the telemetry with resolver `r`: (what it sends, what it handles and the
    // handling's reads).
    let read_both = |r: &Resolver<'a>| {
        let defs = crate::contents::definitions(inputs, &p.files, index);
        let mut handled = None;
        let sent = rayon::in_place_scope(|s| {
            if served {
                s.spawn(|_| {
                    let r = second();
                    let pc = crate::contents::read(inputs, &p.files, &r, index, &defs);
                    handled = Some((pc, reads_of(&r)));
                });
            }
            telemetry::read(inputs, &p.files, r, index, &defs)
        });
        (sent, handled)
    };
    let read_device = || {
        if large {
            resolver.read_device_marks(&p.files);
        }
        DeviceProgram::read(inputs, &p.files, resolver)
    };
    // For a large program, when models are known, both are read beside the device reading
    // that tells whether the program serves a model at all, not after it: of fw10k's one
    // program's 19 ms, 6 were the device reading and its marks with the other core idle.
    // When it serves none, what they read is dropped.
    let (dp, ahead) = if large && ctx.models_known {
        let mut ahead = None;
        let dp = rayon::in_place_scope(|s| {
            s.spawn(|_| {
                let r = second();
                let (sent, handled) = read_both(&r);
                ahead = Some((sent, handled, reads_of(&r)));
            });
            read_device()
        });
        (dp, ahead)
    } else {
        (read_device(), None)
    };
    let mut out = rules::aics001::check(&dp, ctx);
    out.extend(rules::aics003::check(&dp, ctx));
    out.extend(rules::aics004::check(&dp, ctx));
    out.extend(rules::aics005::check(&dp, ctx));
    // Mechanical fixes of the device-level findings (quick fixes, `check --fix`).
    crate::fix::attach(&mut out, &crate::fix::FixInput { files: inputs, resolver, dp: &dp, ctx, program: &p.files });
    let links = if ctx.models_known { model_link::link(&dp, ctx) } else { Vec::new() };
    let linked: Vec<String> = links.iter().map(|l| l.dtmi.clone()).collect();
    if !links.is_empty() {
        let (tel, contents, mut reads) = match ahead {
            Some((tel, handled, sent_reads)) => {
                let mut reads = reads_of(resolver);
                reads.extend(sent_reads);
                (tel, handled, reads)
            }
            None => {
                let (tel, handled) = read_both(resolver);
                // (After the telemetry: the resolver's reads include its own.)
                (tel, handled, reads_of(resolver))
            }
        };
        if served {
            out.extend(rules::aics002::check(&links, &tel));
        }
        out.extend(rules::aics006::check(&links));
        out.extend(rules::aics007::check(&links, &tel));
        out.extend(rules::aics008::check(&links, &tel));
        if let Some((pc, more_reads)) = contents {
            out.extend(rules::aics009::check(&links, ctx, &pc));
            out.extend(rules::aics010::check(&links, ctx, &pc));
            out.extend(rules::aics011::check(&links, ctx, &pc));
            let coverage = crate::coverage::of(&links, ctx, &tel, &pc);
            reads.extend(more_reads);
            return ((out, coverage), linked, reads);
        }
        return ((out, Vec::new()), linked, reads);
    }
    ((out, Vec::new()), linked, reads_of(resolver))
}

/// The texts of model files, for spans: the given sources, else read once through the
/// model reader (a repository model the device uses).
struct ModelTexts<'a> {
    sources: &'a [&'a SourceFile],
    /// The model sources the findings are in, by path (its bytes: hashing a `Path` goes
    /// component by component): a workspace may hold thousands of models (no linear search
    /// per finding), and few have findings (no map of them all).
    found_in: HashMap<&'a std::ffi::OsStr, &'a SourceFile>,
    reader: Option<&'a dyn ModelReader>,
    cache: std::cell::RefCell<std::collections::HashMap<PathBuf, Option<ModelText>>>,
}

/// A model file's path, text and line index, for spans.
type ModelText = (Arc<PathBuf>, Arc<str>, Arc<LineIndex>);

impl<'a> ModelTexts<'a> {
    fn new(sources: &'a [&'a SourceFile], findings: &[Finding], reader: Option<&'a dyn ModelReader>) -> ModelTexts<'a> {
        let wanted: HashSet<&std::ffi::OsStr> = findings
            .iter()
            .filter_map(|f| match &f.at {
                Place::Model { path, .. } => Some(path.as_os_str()),
                Place::C(_) => None,
            })
            .collect();
        let found_in = if wanted.is_empty() {
            HashMap::new()
        } else {
            // Many on the pool: each path is a cache miss or two away.
            let wanted = |s: &&&SourceFile| wanted.contains(s.path.as_os_str());
            let found: Vec<&SourceFile> = if sources.len() < ON_THE_POOL {
                sources.iter().filter(wanted).copied().collect()
            } else {
                sources.par_iter().filter(wanted).copied().collect()
            };
            found.into_iter().map(|s| (s.path.as_os_str(), s)).collect()
        };
        ModelTexts { sources, found_in, reader, cache: Default::default() }
    }

    fn get(&self, path: &Path) -> Option<ModelText> {
        self.cache
            .borrow_mut()
            .entry(path.to_path_buf())
            .or_insert_with(|| {
                // A place outside the findings' own files (a related place, a fix) is searched
                // for; the last source of a path counts, as in a map built of them all.
                let source = self.found_in.get(path.as_os_str()).copied().or_else(|| self.sources.iter().rev().find(|s| s.path.as_path() == path).copied());
                let (p, text): (Arc<PathBuf>, Arc<str>) = match source {
                    Some(s) => (s.path.clone(), s.text.to_arc()),
                    None => {
                        let bytes = self.reader?.read(path).ok()?;
                        (Arc::new(path.to_path_buf()), String::from_utf8_lossy(&bytes).into())
                    }
                };
                let lines = LineIndex::shared(&text);
                Some((p, text, lines))
            })
            .clone()
    }
}

fn to_diagnostics(findings: Vec<Finding>, inputs: &[FileInput], cfiles: &[CFile], models: &ModelTexts, options: &AnalysisOptions) -> Vec<Diagnostic> {
    let base = options.base_url();
    let config = &options.config;
    let span = |place: &Place| -> Option<Span> {
        match place {
            Place::C(loc) => {
                let (c, text) = (&cfiles[loc.file], &inputs[loc.file].text);
                Some(lines_of(&c.lines, text).span(&c.path, text, loc.range.clone()))
            }
            Place::Model { path, range } => {
                let (p, text, lines) = models.get(path)?;
                Some(lines.span(&p, &text, range.clone()))
            }
        }
    };
    let mut seen: HashSet<(&'static str, Place, String)> = HashSet::new();
    let mut seen_c: HashSet<(&'static str, Loc)> = HashSet::new();
    // Where each C finding went in `out`, with the fix its first program made.
    type FixedAt = HashMap<(&'static str, Loc), (usize, Option<crate::fix::Fix<Place>>)>;
    let mut fixed_at: FixedAt = HashMap::new();
    let mut out: Vec<Diagnostic> = Vec::new();
    for f in findings {
        // Shared files (a library two samples use) yield the same finding per program, and
        // two build configurations of one call the same finding twice: report it once.
        if let Place::C(loc) = &f.at {
            if !seen_c.insert((f.code, loc.clone())) {
                // Programs sharing the file may fix it differently (each with its own Model
                // ID): then there is no one fix.
                if let Some((i, fix)) = fixed_at.get(&(f.code, loc.clone())) {
                    if *fix != f.fix {
                        out[*i].fix = None;
                    }
                }
                continue;
            }
        }
        if !seen.insert((f.code, f.at.clone(), f.message.clone())) {
            continue;
        }
        let Some(rule) = rules::find(f.code) else { continue };
        let Some(s) = span(&f.at) else { continue };
        let level = config.rule_levels.get(rule.code).copied();
        let configured = level.and_then(|l| l.severity());
        let severity = match f.severity {
            Some(sev @ (Severity::Information | Severity::Hint)) => sev,
            _ => configured.unwrap_or(f.severity.unwrap_or(rule.default_severity)),
        };
        let comment_suppressed = match &f.at {
            Place::C(loc) => cfiles[loc.file].suppressions.covers(s.start.line, rule.code),
            Place::Model { .. } => false,
        };
        let suppressed = level == Some(crate::config::RuleLevel::Off)
            || config.ignored_for_path(&s.path, rule.code)
            || comment_suppressed;
        if let Place::C(loc) = &f.at {
            fixed_at.insert((f.code, loc.clone()), (out.len(), f.fix.clone()));
        }
        out.push(Diagnostic {
            code: rule.code,
            severity,
            message: f.message,
            related: f.related.iter().filter_map(|(p, m)| Some(Related { span: span(p)?, message: m.clone() })).collect(),
            span: s,
            url: rule.url(base),
            suppressed,
            fix: f.fix.and_then(|fix| fix.map(|p| span(&p))),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_is_that_of_path() {
        for p in [
            "/r/a.json", "/r/a.JSON", "/r/a.c", "a.h", "/r/.json", "/r/..json", "/r/a.", "/r/a.c/", "/r/..", "/r/.", "/r/a",
            "/r.d/a", "/r/a.b.cpp", "", ".", "a.c/.", "/r/a.tar.gz", "/r/\u{e9}.c", "/r/a.\u{e9}", "/r/a.c//",
        ] {
            let p = Path::new(p);
            assert_eq!(extension(p), p.extension().and_then(|e| e.to_str()), "{p:?}");
        }
        assert_eq!(file_kind(Path::new("/r/M.Json")), Some(FileKind::Json));
        assert_eq!(file_kind(Path::new("/r/m.CPP")), Some(FileKind::C));
        assert_eq!(file_kind(Path::new("/r/json")), None);
        assert_eq!(file_kind(Path::new("/r/.c")), None);
    }

    /// Programs that share a library whose value each program fills in its own way: the
    /// library's question has one answer per program.
    fn shared_library(samples: usize) -> Vec<SourceFile> {
        // Followed through a chain of file-level names, each initialised and assigned: enough
        // steps for its answer to be shared between programs.
        let inits: String = (1..=12).map(|i| format!("const char *g{i} = g{};\n", i - 1)).collect();
        let assigns: String = (1..=12).map(|i| format!("    g{i} = g{};\n", i - 1)).collect();
        let lib = format!(
            "#include \"iothub_device_client_ll.h\"\n#include \"iothub_client_options.h\"\nextern const char *model_id;\n\
             const char *g0 = model_id;\n{inits}\nvoid again(void)\n{{\n{assigns}}}\n\n\
             void lib_connect(IOTHUB_DEVICE_CLIENT_LL_HANDLE h)\n{{\n    (void)IoTHubDeviceClient_LL_SetOption(h, OPTION_MODEL_ID, g12);\n}}\n"
        );
        let mut out = vec![SourceFile::new("/ws/lib/connect.c", lib)];
        for k in 0..samples {
            // Its Model ID (not a valid DTMI: each program reports it) in a file of its own,
            // not the one edited.
            let config = format!("const char *model_id = \"dtmi:com:example:Sample-{k}\";\nvoid config_init(void)\n{{\n}}\n");
            let main = "#include \"iothub_device_client_ll.h\"\n#include \"iothubtransportmqtt.h\"\n\n\
                 void lib_connect(IOTHUB_DEVICE_CLIENT_LL_HANDLE h);\nvoid config_init(void);\n\n\
                 int main(void)\n{\n    IOTHUB_DEVICE_CLIENT_LL_HANDLE h = IoTHubDeviceClient_LL_CreateFromConnectionString(\"cs\", MQTT_Protocol);\n\
                     config_init();\n    lib_connect(h);\n    return 0;\n}\n// notes\n";
            out.push(SourceFile::new(format!("/ws/sample{k:02}/config.c"), config));
            out.push(SourceFile::new(format!("/ws/sample{k:02}/main.c"), main));
        }
        out
    }

    fn rendered(a: &Analysis) -> Vec<String> {
        a.diagnostics.iter().map(|d| format!("{d:?}")).collect()
    }

    #[test]
    fn facts_a_caller_prepares_are_the_facts_analysed() {
        let sources = shared_library(2);
        let options = AnalysisOptions::default();
        let plain = analyze(&sources, &options);
        let given = |s: &SourceFile| if file_kind(&s.path) == Some(FileKind::C) { prepare_c_facts(s, crate::c::extract_file(&s.path, &s.text)) } else { prepare(s) };
        assert_eq!(rendered(&analyze_prepared(&sources, sources.iter().map(given).collect(), &options)), rendered(&plain));
        // Each sample's (invalid) Model ID is read from its config.c: without that file's
        // facts it is found nowhere.
        let in_config = |a: &Analysis| a.diagnostics.iter().filter(|d| d.code == "AICS005" && d.span.path.ends_with("config.c")).count();
        assert_eq!(in_config(&plain), 2, "{:#?}", rendered(&plain));
        let emptied: Vec<Prepared> = sources.iter().map(|s| if s.path.ends_with("config.c") { prepare_c_facts(s, facts::FileFacts::default()) } else { given(s) }).collect();
        assert_eq!(in_config(&analyze_prepared(&sources, emptied, &options)), 0);
    }

    /// The resolver's answers computed by each of `edits` edits (typed at the end of the
    /// focused sample) after a first analysis of every program; each checked against a fresh
    /// analysis. On one thread: the focused sample is checked first, and the other programs
    /// add their answers to the library's question after it.
    fn answers_computed_per_edit(samples: usize, edits: usize) -> Vec<usize> {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
        pool.install(|| {
            let mut sources = shared_library(samples);
            let options = AnalysisOptions::default();
            let cache = AnalysisCache::default();
            let focused = sources.iter().position(|s| s.path.ends_with("sample00/main.c")).unwrap();
            cache.set_focus(vec![sources[focused].path.as_ref().clone()]);
            let first = analyze_cached(&sources, &options, &cache);
            assert_eq!(first.programs, samples);
            let invalid = first.diagnostics.iter().filter(|d| d.code == "AICS005" && d.span.path.ends_with("config.c")).count();
            assert_eq!(invalid, samples, "each program reports its Model ID: {:#?}", rendered(&first));
            assert_eq!(rendered(&first), rendered(&analyze(&sources, &options)));
            let mut computed = Vec::new();
            for k in 0..edits {
                sources[focused].text = format!("{}{}", sources[focused].text, (b'a' + k as u8) as char).into();
                let before = cache.work();
                let cached = analyze_cached(&sources, &options, &cache);
                let w = cache.work() - before;
                assert_eq!(w.programs_checked, 1, "edit {k}");
                assert_eq!(rendered(&cached), rendered(&analyze(&sources, &options)), "edit {k}");
                computed.push(w.answers_computed);
            }
            computed
        })
    }

    #[test]
    fn the_first_edit_after_a_full_analysis_reuses_the_focused_programs_answers() {
        // More programs than answers kept per question (ANSWERS_KEPT).
        let per_edit = answers_computed_per_edit(12, 3);
        // Without pins, the first edit follows the library's value again (its answer for
        // this sample was not among the last ones kept); later edits reuse it.
        assert_eq!(per_edit[0], per_edit[1], "answers computed per edit: {per_edit:?}");
        assert_eq!(per_edit[1], per_edit[2], "answers computed per edit: {per_edit:?}");
    }

    /// A first analysis of many samples linking one library indexes each file a bounded
    /// number of times (the whole set's index and the one the programs' views share), not
    /// the library once per sample: the files indexed, and the entries the views filter,
    /// grow linearly with the programs.
    #[test]
    fn a_first_analysis_indexes_each_file_a_bounded_number_of_times() {
        let indexed = |samples: usize| {
            let sources = shared_library(samples);
            let options = AnalysisOptions::default();
            let cache = AnalysisCache::default();
            let first = analyze_cached(&sources, &options, &cache);
            assert_eq!(first.programs, samples);
            assert_eq!(rendered(&first), rendered(&analyze(&sources, &options)));
            let w = cache.work();
            assert_eq!(w.programs_checked, samples);
            assert!(w.symbol_files_indexed <= 2 * sources.len(), "{} files indexed for {} files", w.symbol_files_indexed, sources.len());
            assert!(w.view_steps > 0, "{w:?}");
            (w.symbol_files_indexed, w.view_steps)
        };
        let (small, large) = (indexed(20), indexed(200));
        assert!(large.0 <= 10 * small.0 + small.0 / 5, "{} files indexed for 20 samples, {} for 200", small.0, large.0);
        // Every sample defines `model_id`, `config_init` and `main`: each program's look-ups
        // of them visit its own files, not every sample's entries.
        assert!(large.1 <= 10 * small.1 + small.1 / 5, "view steps: {} for 20 samples, {} for 200", small.1, large.1);
    }
}
