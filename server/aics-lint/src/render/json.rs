//! `--format json`: the CLI contract's document, version 1. Byte-identical for the same
//! input except `summary.duration_ms`.

use serde::Serialize;

use super::{one_based, RenderOptions};
use crate::check::Report;
use crate::paths;
use aics_core::Span;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: Summary,
    /// Per device program and Model ID whose model was found: declared and served counts.
    coverage: Vec<JsonCoverage<'a>>,
    /// With `check --fix`: the fixes written to the files and the findings whose fix was not.
    #[serde(skip_serializing_if = "Option::is_none")]
    fixes: Option<JsonFixes<'a>>,
}

#[derive(Serialize)]
struct JsonFixes<'a> {
    applied: Vec<JsonApplied<'a>>,
    left: Vec<JsonLeft<'a>>,
}

/// Positions are those of the text before the fix.
#[derive(Serialize)]
struct JsonApplied<'a> {
    code: &'a str,
    title: &'a str,
    path: String,
    position: Position,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    path: String,
    range: Range,
    new_text: &'a str,
}

#[derive(Serialize)]
struct JsonLeft<'a> {
    code: &'a str,
    title: &'a str,
    path: String,
    position: Position,
    reason: &'a str,
}

#[derive(Serialize)]
struct JsonCoverage<'a> {
    model_id: &'a str,
    /// Where the program writes the Model ID (absent when it comes from the config).
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    range: Option<Range>,
    telemetry: Tally,
    commands: Tally,
    writable_properties: Tally,
    properties: Tally,
    /// Some names are known only at run time: the served counts are a lower bound.
    partial: bool,
}

#[derive(Serialize)]
struct Tally {
    declared: usize,
    served: usize,
}

fn tally(t: aics_core::coverage::Tally) -> Tally {
    Tally { declared: t.declared, served: t.served }
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'a str,
    severity: &'a str,
    message: &'a str,
    url: &'a str,
    path: String,
    range: Range,
    related: Vec<JsonRelated<'a>>,
    suppressed: bool,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    path: String,
    range: Range,
    message: &'a str,
}

#[derive(Serialize)]
struct Range {
    start: Position,
    end: Position,
}

#[derive(Serialize)]
struct Position {
    line: u64,
    column: u64,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    models: usize,
    /// Unsuppressed diagnostics, whatever their severity.
    diagnostics: usize,
    duration_ms: u128,
    /// With `check --fix`: how many fixes were written.
    #[serde(skip_serializing_if = "Option::is_none")]
    fixed: Option<usize>,
}

fn position(at: aics_core::LineCol) -> Position {
    let (line, column) = one_based(at);
    Position { line, column }
}

fn range(span: &Span) -> Range {
    let (sl, sc) = one_based(span.start);
    let (el, ec) = one_based(span.end);
    Range { start: Position { line: sl, column: sc }, end: Position { line: el, column: ec } }
}

pub fn render(report: &Report, options: &RenderOptions) -> String {
    let diagnostics: Vec<JsonDiagnostic> = report
        .items
        .iter()
        .map(|r| {
            let d = &r.diagnostic;
            JsonDiagnostic {
                code: d.code,
                severity: d.severity.as_str(),
                message: &d.message,
                url: &d.url,
                path: paths::display(&d.span.path, options.cwd),
                range: range(&d.span),
                related: d
                    .related
                    .iter()
                    .map(|rel| JsonRelated {
                        path: paths::display(&rel.span.path, options.cwd),
                        range: range(&rel.span),
                        message: &rel.message,
                    })
                    .collect(),
                suppressed: d.suppressed,
            }
        })
        .collect();
    let doc = Document {
        version: 1,
        summary: Summary {
            files: report.files,
            models: report.models,
            diagnostics: report.items.iter().filter(|r| !r.diagnostic.suppressed).count(),
            duration_ms: report.duration.as_millis(),
            fixed: report.fixes.as_ref().map(|f| f.applied.len()),
        },
        fixes: report.fixes.as_ref().map(|f| JsonFixes {
            applied: f
                .applied
                .iter()
                .map(|a| JsonApplied {
                    code: a.code,
                    title: &a.title,
                    path: paths::display(&a.path, options.cwd),
                    position: position(a.at),
                    edits: a
                        .edits
                        .iter()
                        .map(|(p, start, end, text)| JsonEdit {
                            path: paths::display(p, options.cwd),
                            range: Range { start: position(*start), end: position(*end) },
                            new_text: text,
                        })
                        .collect(),
                })
                .collect(),
            left: f
                .left
                .iter()
                .map(|l| JsonLeft {
                    code: l.code,
                    title: &l.title,
                    path: paths::display(&l.path, options.cwd),
                    position: position(l.at),
                    reason: l.why,
                })
                .collect(),
        }),
        diagnostics,
        coverage: report
            .coverage
            .iter()
            .map(|c| JsonCoverage {
                model_id: &c.model_id,
                path: c.at.as_ref().map(|s| paths::display(&s.path, options.cwd)),
                range: c.at.as_ref().map(range),
                telemetry: tally(c.telemetry),
                commands: tally(c.commands),
                writable_properties: tally(c.writable_properties),
                properties: tally(c.properties),
                partial: c.partial,
            })
            .collect(),
    };
    let mut out = serde_json::to_string_pretty(&doc).expect("plain data always serialises");
    out.push('\n');
    out
}
