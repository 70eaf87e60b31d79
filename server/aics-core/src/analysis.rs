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
use crate::c::values::{FileInput, Loc, Resolver, SymbolIndex};
use crate::config::Config;
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
}

struct CFile {
    path: Arc<PathBuf>,
    lines: LineIndex,
    suppressions: Suppressions,
}

/// What one analysis can hand to the next: each file's facts and each model's parse,
/// keyed by path and a hash of the text. The language server keeps one, so an edit
/// re-reads only the file that changed.
#[derive(Default)]
pub struct AnalysisCache {
    /// A one-shot analysis (`analyze`) keeps nothing: no hashing, no copies.
    one_shot: bool,
    c_facts: Mutex<HashMap<PathBuf, (u64, Arc<facts::FileFacts>)>>,
    models: Mutex<HashMap<PathBuf, (u64, Option<ModelDocument>)>>,
}

fn text_hash(text: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

impl AnalysisCache {
    fn facts(&self, s: &SourceFile) -> Arc<facts::FileFacts> {
        if self.one_shot {
            return Arc::new(crate::c::light::extract_auto(&s.text));
        }
        let hash = text_hash(&s.text);
        if let Some((h, f)) = self.c_facts.lock().unwrap_or_else(|e| e.into_inner()).get(s.path.as_ref()) {
            if *h == hash {
                return f.clone();
            }
        }
        let f = Arc::new(crate::c::light::extract_auto(&s.text));
        self.c_facts.lock().unwrap_or_else(|e| e.into_inner()).insert(s.path.as_ref().clone(), (hash, f.clone()));
        f
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

    let (inputs, cfiles): (Vec<FileInput>, Vec<CFile>) = c_sources
        .par_iter()
        .map(|s| {
            let facts = cache.facts(s);
            (
                FileInput { text: s.text.clone(), facts },
                CFile { path: s.path.clone(), lines: LineIndex::new(&s.text), suppressions: Suppressions::scan(&s.text) },
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
        findings.push(Finding::new(code, Place::Model { path, range: p.range }, format!("{} ({})", p.message, p.rule)));
    }

    let paths: Vec<PathBuf> = cfiles.iter().map(|c| c.path.as_ref().clone()).collect();
    let fact_refs: Vec<&facts::FileFacts> = inputs.iter().map(|i| i.facts.as_ref()).collect();
    let programs = program::split(&paths, &fact_refs);
    let global = SymbolIndex::build(&inputs, 0..inputs.len());
    // Without any model source, "no model for this Model ID" is unknowable (it may be in
    // the public repository): the model rules stay silent and a note says why.
    let models_known = model_files > 0 || (options.model_reader.is_some() && !options.repository_roots.is_empty());
    let mut notes = Vec::new();
    if !models_known && !inputs.is_empty() {
        notes.push(
            "no DTDL models found: AICS002, AICS006, AICS007 and AICS008 were not checked; add the device's model to the linted folder or pass --models DIR".to_string(),
        );
    }
    let ctx = CheckContext { assumed_model_id: options.config.model_id.as_deref(), models: &models, models_known };

    findings.extend(programs.par_iter().flat_map_iter(|p: &Program| check_program(&inputs, p, &global, &ctx)).collect::<Vec<_>>());

    let texts = ModelTexts { sources: &json_sources, reader: options.model_reader.as_deref(), cache: Default::default() };
    let mut diagnostics = to_diagnostics(findings, &inputs, &cfiles, &texts, options);
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()).then_with(|| a.message.cmp(&b.message)));
    Analysis { models, diagnostics, c_files: cfiles.len(), model_files, programs: programs.len(), notes }
}

fn check_program(inputs: &[FileInput], p: &Program, global: &SymbolIndex, ctx: &CheckContext) -> Vec<Finding> {
    let index = SymbolIndex::build(inputs, p.files.iter().copied());
    let resolver = Resolver { files: inputs, program: &index, global };
    let dp = DeviceProgram::read(inputs, &p.files, &resolver);
    let mut out = rules::aics001::check(&dp, ctx);
    out.extend(rules::aics003::check(&dp, ctx));
    out.extend(rules::aics004::check(&dp, ctx));
    out.extend(rules::aics005::check(&dp, ctx));
    let links = if ctx.models_known { model_link::link(&dp, ctx) } else { Vec::new() };
    if !links.is_empty() {
        let tel = telemetry::read(inputs, &p.files, &resolver, &index);
        out.extend(rules::aics002::check(&links, &tel));
        out.extend(rules::aics006::check(&links));
        out.extend(rules::aics007::check(&links, &tel));
        out.extend(rules::aics008::check(&links, &tel));
    }
    out
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
