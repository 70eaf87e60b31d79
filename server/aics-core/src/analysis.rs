//! The analysis entry point shared by the CLI and the language server: source texts in,
//! diagnostics out. No IO: the faces read files and hand over their texts.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::Mutex;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use aics_dtdl::{ModelDocument, ModelIndex, ModelReader};
use rayon::prelude::*;

use crate::c::facts;
use crate::c::program::{self, Program};
use crate::c::values::{FileInput, Loc, ResolveCache, Resolver, SymbolIndex};
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
    pub text: Arc<str>,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<Arc<str>>) -> SourceFile {
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
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "c" | "h" | "ino" | "cc" | "cpp" | "hpp" | "hh" | "cxx" => Some(FileKind::C),
        "json" => Some(FileKind::Json),
        _ => None,
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
}

struct CFile {
    path: Arc<PathBuf>,
    lines: Arc<LineIndex>,
    suppressions: Arc<Suppressions>,
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
    c_facts: Mutex<HashMap<PathBuf, CachedFacts>>,
    models: Mutex<HashMap<PathBuf, (u64, Option<ModelDocument>)>>,
    split: Mutex<Option<(u64, Arc<Vec<Program>>)>>,
    program_findings: Mutex<HashMap<u64, Arc<crate::coverage::Checked>>>,
}

/// A file's facts with the hashes the program caches are keyed by.
#[derive(Clone)]
struct CachedFacts {
    text: u64,
    facts: Arc<facts::FileFacts>,
    /// The text's line starts and suppression comments (each a pass over the whole text:
    /// not repeated for every file at every edit).
    lines: Arc<LineIndex>,
    suppressions: Arc<Suppressions>,
    /// What the split into programs reads of the file: its functions (names, linkage,
    /// identifiers used), includes and file-level identifiers, without positions.
    split: u64,
    /// What other programs can read of the file through the whole-set fallback of the
    /// resolver: its macros, initialisers and assignments, by name and text. (Call sites
    /// are left out, so typing in a call does not re-check every program; a program that
    /// reads a parameter's value from a caller outside itself may keep a finding until
    /// one of its own files changes.)
    global: u64,
}

fn hash_of(parts: impl Hash) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    parts.hash(&mut h);
    h.finish()
}

impl CachedFacts {
    fn new(text: &str, text_hash: u64, facts: Arc<facts::FileFacts>) -> CachedFacts {
        let split = hash_of((
            facts.functions.iter().map(|f| (&f.name, f.is_static, &f.idents)).collect::<Vec<_>>(),
            &facts.includes,
            &facts.file_idents,
        ));
        let slice = |r: &std::ops::Range<usize>| text.get(r.clone()).unwrap_or_default();
        let global = hash_of((
            facts.defines.iter().map(|d| (&d.name, &d.params, slice(&d.body))).collect::<Vec<_>>(),
            facts.inits.iter().map(|i| (&i.name, slice(&i.value))).collect::<Vec<_>>(),
            facts.assigns.iter().map(|a| (format!("{:?}", a.target), &a.base, slice(&a.value))).collect::<Vec<_>>(),
        ));
        CachedFacts { text: text_hash, facts, lines: Arc::new(LineIndex::new(text)), suppressions: Arc::new(Suppressions::scan(text)), split, global }
    }
}

fn text_hash(text: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

impl AnalysisCache {
    fn facts(&self, s: &SourceFile) -> CachedFacts {
        if self.one_shot {
            return CachedFacts {
                text: 0,
                facts: Arc::new(crate::c::light::extract_auto(&s.text)),
                lines: Arc::new(LineIndex::new(&s.text)),
                suppressions: Arc::new(Suppressions::scan(&s.text)),
                split: 0,
                global: 0,
            };
        }
        let hash = text_hash(&s.text);
        if let Some(c) = self.c_facts.lock().unwrap_or_else(|e| e.into_inner()).get(s.path.as_ref()) {
            if c.text == hash {
                return c.clone();
            }
        }
        let c = CachedFacts::new(&s.text, hash, Arc::new(crate::c::light::extract_auto(&s.text)));
        self.c_facts.lock().unwrap_or_else(|e| e.into_inner()).insert(s.path.as_ref().clone(), c.clone());
        c
    }

    fn model(&self, s: &SourceFile) -> Option<ModelDocument> {
        if self.one_shot {
            return aics_dtdl::parse_document(s.path.as_ref().clone(), &s.text);
        }
        let hash = text_hash(&s.text);
        if let Some((h, d)) = self.models.lock().unwrap_or_else(|e| e.into_inner()).get(s.path.as_ref()) {
            if *h == hash {
                return d.clone();
            }
        }
        let d = aics_dtdl::parse_document(s.path.as_ref().clone(), &s.text);
        self.models.lock().unwrap_or_else(|e| e.into_inner()).insert(s.path.as_ref().clone(), (hash, d.clone()));
        d
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

    /// Forget files that are no longer part of the workspace.
    pub fn retain(&self, keep: impl Fn(&Path) -> bool) {
        self.c_facts.lock().unwrap_or_else(|e| e.into_inner()).retain(|p, _| keep(p));
        self.models.lock().unwrap_or_else(|e| e.into_inner()).retain(|p, _| keep(p));
    }
}

pub fn analyze(sources: &[SourceFile], options: &AnalysisOptions) -> Analysis {
    analyze_cached(sources, options, &AnalysisCache { one_shot: true, ..AnalysisCache::default() })
}

/// `analyze`, reusing (and filling) `cache` for files whose text did not change.
pub fn analyze_cached(sources: &[SourceFile], options: &AnalysisOptions, cache: &AnalysisCache) -> Analysis {
    let c_sources: Vec<&SourceFile> = sources.iter().filter(|s| file_kind(&s.path) == Some(FileKind::C)).collect();
    let json_sources: Vec<&SourceFile> = sources.iter().filter(|s| file_kind(&s.path) == Some(FileKind::Json)).collect();

    // Per file: (text, split, global) hashes of `CachedFacts`.
    type Hashes = Vec<(u64, u64, u64)>;
    let ((inputs, cfiles), hashes): ((Vec<FileInput>, Vec<CFile>), Hashes) = c_sources
        .par_iter()
        .map(|s| {
            let c = cache.facts(s);
            (
                (
                    FileInput { text: s.text.clone(), facts: c.facts },
                    CFile { path: s.path.clone(), lines: c.lines, suppressions: c.suppressions },
                ),
                (c.text, c.split, c.global),
            )
        })
        .unzip();

    // The models: workspace DTDL files, then repository folders read on demand.
    let documents: Vec<ModelDocument> =
        json_sources.par_iter().filter_map(|s| cache.model(s)).collect();
    let model_files = documents.len();
    let mut models = ModelIndex::new();
    let mut findings: Vec<Finding> = Vec::new();
    for doc in documents {
        for e in &doc.syntax_errors {
            findings.push(Finding::new(
                rules::dtdl001::RULE.code,
                Place::Model { path: doc.path.clone(), range: e.range.clone() },
                format!("invalid JSON: {}", e.message),
            ));
        }
        models.upsert_document(doc);
    }
    if let Some(reader) = &options.model_reader {
        for root in &options.repository_roots {
            models.add_repository_root_with_reader(root.clone(), reader.clone());
        }
    }
    for u in models.unresolved_references() {
        findings.push(Finding::new(rules::dtdl003::RULE.code, Place::Model { path: u.path, range: u.range }, u.message));
    }
    // The specification's MUSTs and SHOULDs (DTDL002, DTDL004) for the workspace's own
    // models; syntax errors and unresolved references are reported above already.
    let documents: Vec<_> = models.documents().cloned().collect();
    let problems: Vec<(PathBuf, aics_dtdl::ModelProblem)> = documents
        .par_iter()
        .filter(|d| d.syntax_errors.is_empty())
        .flat_map_iter(|d| {
            aics_dtdl::validate(&models, d, &aics_dtdl::ValidationOptions::default()).into_iter().map(move |p| (d.path.clone(), p))
        })
        .collect();
    for (path, p) in problems {
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
        findings.push(Finding::new(code, Place::Model { path, range: p.range }, message));
    }

    let paths: Vec<PathBuf> = cfiles.iter().map(|c| c.path.as_ref().clone()).collect();
    let fact_refs: Vec<&facts::FileFacts> = inputs.iter().map(|i| i.facts.as_ref()).collect();
    // The split reads only the files' paths and call-graph facts: typing that leaves them
    // alone (in a string, a comment, an argument) keeps the programs of the last analysis.
    let split_key = hash_of((&paths, hashes.iter().map(|h| h.1).collect::<Vec<_>>()));
    let cached_split = if cache.one_shot {
        None
    } else {
        cache.split.lock().unwrap_or_else(|e| e.into_inner()).as_ref().filter(|(k, _)| *k == split_key).map(|(_, p)| p.clone())
    };
    let programs: Arc<Vec<Program>> = match cached_split {
        Some(p) => p,
        None => {
            let p = Arc::new(program::split(&paths, &fact_refs));
            if !cache.one_shot {
                *cache.split.lock().unwrap_or_else(|e| e.into_inner()) = Some((split_key, p.clone()));
            }
            p
        }
    };
    let global = SymbolIndex::build(&inputs, 0..inputs.len());
    // Without any model source, "no model for this Model ID" is unknowable (it may be in
    // the public repository): the model rules stay silent and a note says why.
    let models_known = model_files > 0 || (options.model_reader.is_some() && !options.repository_roots.is_empty());
    let mut notes = Vec::new();
    if !models_known && !inputs.is_empty() {
        notes.push(
            "no DTDL models found: AICS002 and AICS006 to AICS011 were not checked; add the device's model to the linted folder or pass --models DIR".to_string(),
        );
    }
    let ctx = CheckContext { assumed_model_id: options.config.model_id.as_deref(), models: &models, models_known };

    // Code no entry point reaches, beside programs that have one, is dead or reached in ways
    // the analysis cannot follow: what it does send counts, what it does not send proves nothing.
    let has_entry = programs.iter().any(|p| p.entry.is_some());
    // A program's findings depend on its files' texts, on what the resolver may read from
    // other files (their macros, initialisers, assignments), on the file list (findings
    // hold file indices), the config and the models: with all of these unchanged, the last
    // analysis's findings stand and the program is not checked again.
    let shared_key = if cache.one_shot {
        0
    } else {
        hash_of((
            &paths,
            hashes.iter().map(|h| h.2).collect::<Vec<_>>(),
            format!("{:?}", options),
            json_sources.iter().map(|s| (s.path.as_ref(), text_hash(&s.text))).collect::<Vec<_>>(),
            models_known,
        ))
    };
    // Answers of the value resolver, shared by the programs (a library's values are
    // followed once, not once per sample that links the library).
    let answers = ResolveCache::default();
    let checked: Vec<(u64, Arc<crate::coverage::Checked>)> = programs
        .par_iter()
        .map(|p: &Program| {
            if cache.one_shot {
                return (0, Arc::new(check_program(&inputs, p, &global, &answers, &ctx, has_entry)));
            }
            let key = hash_of((shared_key, &p.entry, p.files.iter().map(|&f| (f, hashes[f].0)).collect::<Vec<_>>()));
            let hit = cache.program_findings.lock().unwrap_or_else(|e| e.into_inner()).get(&key).cloned();
            let found = hit.unwrap_or_else(|| Arc::new(check_program(&inputs, p, &global, &answers, &ctx, has_entry)));
            (key, found)
        })
        .collect();
    if !cache.one_shot {
        // Keep exactly the programs of this analysis.
        *cache.program_findings.lock().unwrap_or_else(|e| e.into_inner()) = checked.iter().map(|(k, f)| (*k, f.clone())).collect();
    }
    let mut coverage_at = Vec::new();
    for (_, c) in &checked {
        findings.extend(c.0.iter().cloned());
        coverage_at.extend(c.1.iter().cloned());
    }

    let texts = ModelTexts { sources: &json_sources, reader: options.model_reader.as_deref(), cache: Default::default() };
    let mut diagnostics = to_diagnostics(findings, &inputs, &cfiles, &texts, options);
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()).then_with(|| a.message.cmp(&b.message)));
    let coverage = crate::coverage::placed(coverage_at, |loc| cfiles[loc.file].lines.span(&cfiles[loc.file].path, &inputs[loc.file].text, loc.range.clone()));
    Analysis { models, diagnostics, c_files: cfiles.len(), model_files, programs: programs.len(), notes, coverage }
}

fn check_program(inputs: &[FileInput], p: &Program, global: &SymbolIndex, answers: &ResolveCache, ctx: &CheckContext, has_entry: bool) -> crate::coverage::Checked {
    let index = SymbolIndex::build(inputs, p.files.iter().copied());
    let resolver = Resolver::with_cache(inputs, &index, global, answers);
    let dp = DeviceProgram::read(inputs, &p.files, &resolver);
    let mut out = rules::aics001::check(&dp, ctx);
    out.extend(rules::aics003::check(&dp, ctx));
    out.extend(rules::aics004::check(&dp, ctx));
    out.extend(rules::aics005::check(&dp, ctx));
    let links = if ctx.models_known { model_link::link(&dp, ctx) } else { Vec::new() };
    if !links.is_empty() {
        let tel = telemetry::read(inputs, &p.files, &resolver, &index);
        if p.entry.is_some() || !has_entry {
            out.extend(rules::aics002::check(&links, &tel));
        }
        out.extend(rules::aics006::check(&links));
        out.extend(rules::aics007::check(&links, &tel));
        out.extend(rules::aics008::check(&links, &tel));
        // Code no entry point reaches (a shared library beside the samples) does not serve
        // the model by itself: the programs that flash it do.
        if p.entry.is_some() || !has_entry {
            let pc = crate::contents::read(inputs, &p.files, &resolver, &index);
            out.extend(rules::aics009::check(&links, ctx, &pc));
            out.extend(rules::aics010::check(&links, ctx, &pc));
            out.extend(rules::aics011::check(&links, ctx, &pc));
            return (out, crate::coverage::of(&links, ctx, &tel, &pc));
        }
    }
    (out, Vec::new())
}

/// The texts of model files, for spans: the given sources, else read once through the
/// model reader (a repository model the device uses).
struct ModelTexts<'a> {
    sources: &'a [&'a SourceFile],
    reader: Option<&'a dyn ModelReader>,
    cache: std::cell::RefCell<std::collections::HashMap<PathBuf, Option<(Arc<PathBuf>, Arc<str>, Arc<LineIndex>)>>>,
}

impl ModelTexts<'_> {
    fn get(&self, path: &Path) -> Option<(Arc<PathBuf>, Arc<str>, Arc<LineIndex>)> {
        self.cache
            .borrow_mut()
            .entry(path.to_path_buf())
            .or_insert_with(|| {
                let (p, text): (Arc<PathBuf>, Arc<str>) = match self.sources.iter().find(|s| s.path.as_path() == path) {
                    Some(s) => (s.path.clone(), s.text.clone()),
                    None => {
                        let bytes = self.reader?.read(path).ok()?;
                        (Arc::new(path.to_path_buf()), String::from_utf8_lossy(&bytes).into())
                    }
                };
                let lines = Arc::new(LineIndex::new(&text));
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
            Place::C(loc) => Some(cfiles[loc.file].lines.span(&cfiles[loc.file].path, &inputs[loc.file].text, loc.range.clone())),
            Place::Model { path, range } => {
                let (p, text, lines) = models.get(path)?;
                Some(lines.span(&p, &text, range.clone()))
            }
        }
    };
    let mut seen: HashSet<(&'static str, Place, String)> = HashSet::new();
    let mut seen_c: HashSet<(&'static str, Loc)> = HashSet::new();
    let mut out = Vec::new();
    for f in findings {
        // Shared files (a library two samples use) yield the same finding per program, and
        // two build configurations of one call the same finding twice: report it once.
        if let Place::C(loc) = &f.at {
            if !seen_c.insert((f.code, loc.clone())) {
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
        out.push(Diagnostic {
            code: rule.code,
            severity,
            message: f.message,
            related: f.related.iter().filter_map(|(p, m)| Some(Related { span: span(p)?, message: m.clone() })).collect(),
            span: s,
            url: rule.url(base),
            suppressed,
        });
    }
    out
}
