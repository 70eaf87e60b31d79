//! The analysis entry point shared by the CLI and the language server: source texts in,
//! diagnostics out. No IO: the faces read files and hand over their texts.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::c::facts;
use crate::c::program::{self, Program};
use crate::c::values::{FileInput, Loc, Resolver, SymbolIndex};
use crate::config::Config;
use crate::device::DeviceProgram;
use crate::diagnostic::{Diagnostic, LineIndex, Related, Severity};
use crate::finding::{CheckContext, Finding};
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

#[derive(Clone, Debug, Default)]
pub struct AnalysisOptions {
    pub config: Config,
}

impl AnalysisOptions {
    pub fn base_url(&self) -> &str {
        self.config.base_url.as_deref().unwrap_or(DEFAULT_BASE_URL)
    }
}

/// The result: every diagnostic (suppressed ones flagged, not dropped), sorted, and counts.
#[derive(Debug, Default)]
pub struct Analysis {
    pub diagnostics: Vec<Diagnostic>,
    pub c_files: usize,
    pub model_files: usize,
    pub programs: usize,
}

struct CFile {
    path: Arc<PathBuf>,
    lines: LineIndex,
    suppressions: Suppressions,
}

pub fn analyze(sources: &[SourceFile], options: &AnalysisOptions) -> Analysis {
    let c_sources: Vec<&SourceFile> = sources.iter().filter(|s| file_kind(&s.path) == Some(FileKind::C)).collect();
    let model_files = sources.iter().filter(|s| file_kind(&s.path) == Some(FileKind::Json)).count();

    let (inputs, cfiles): (Vec<FileInput>, Vec<CFile>) = c_sources
        .par_iter()
        .map(|s| {
            let facts = facts::extract(&s.text);
            (
                FileInput { text: s.text.clone(), facts },
                CFile { path: s.path.clone(), lines: LineIndex::new(&s.text), suppressions: Suppressions::scan(&s.text) },
            )
        })
        .unzip();

    let paths: Vec<PathBuf> = cfiles.iter().map(|c| c.path.as_ref().clone()).collect();
    let fact_refs: Vec<&facts::FileFacts> = inputs.iter().map(|i| &i.facts).collect();
    let programs = program::split(&paths, &fact_refs);
    let global = SymbolIndex::build(&inputs, 0..inputs.len());
    let ctx = CheckContext { assumed_model_id: options.config.model_id.clone() };

    let findings: Vec<Finding> = programs
        .par_iter()
        .flat_map_iter(|p: &Program| check_program(&inputs, p, &global, &ctx))
        .collect();

    let mut diagnostics = to_diagnostics(findings, &inputs, &cfiles, options);
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()).then_with(|| a.message.cmp(&b.message)));
    Analysis { diagnostics, c_files: cfiles.len(), model_files, programs: programs.len() }
}

fn check_program(inputs: &[FileInput], p: &Program, global: &SymbolIndex, ctx: &CheckContext) -> Vec<Finding> {
    let index = SymbolIndex::build(inputs, p.files.iter().copied());
    let resolver = Resolver { files: inputs, program: &index, global };
    let dp = DeviceProgram::read(inputs, &p.files, &resolver);
    let mut out = rules::aics001::check(&dp, ctx);
    out.extend(rules::aics003::check(&dp, ctx));
    out.extend(rules::aics004::check(&dp, ctx));
    out.extend(rules::aics005::check(&dp, ctx));
    out
}

fn to_diagnostics(findings: Vec<Finding>, inputs: &[FileInput], cfiles: &[CFile], options: &AnalysisOptions) -> Vec<Diagnostic> {
    let base = options.base_url();
    let config = &options.config;
    let span = |loc: &Loc| cfiles[loc.file].lines.span(&cfiles[loc.file].path, &inputs[loc.file].text, loc.range.clone());
    let mut seen: HashSet<(&'static str, Loc)> = HashSet::new();
    let mut out = Vec::new();
    for f in findings {
        // Shared files (a library two samples use) yield the same finding per program, and
        // two build configurations of one call the same finding twice: report it once.
        if !seen.insert((f.code, f.at.clone())) {
            continue;
        }
        let Some(rule) = rules::find(f.code) else { continue };
        let level = config.rule_levels.get(rule.code).copied();
        let configured = level.and_then(|l| l.severity());
        let severity = match f.severity {
            Some(s @ (Severity::Information | Severity::Hint)) => s,
            _ => configured.unwrap_or(f.severity.unwrap_or(rule.default_severity)),
        };
        let cfile = &cfiles[f.at.file];
        let s = span(&f.at);
        let suppressed = level == Some(crate::config::RuleLevel::Off)
            || config.ignored_for_path(&cfile.path, rule.code)
            || cfile.suppressions.covers(s.start.line, rule.code);
        out.push(Diagnostic {
            code: rule.code,
            severity,
            message: f.message,
            related: f.related.iter().map(|(l, m)| Related { span: span(l), message: m.clone() }).collect(),
            span: s,
            url: rule.url(base),
            suppressed,
        });
    }
    out
}
