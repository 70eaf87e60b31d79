//! What the files that cannot matter cost, and which of their facts the findings need.
//!
//! The prefilter (`light::may_matter`) passes over most files of a tree (netxduo: 3,187 of
//! 3,364), and they are still read into full facts from their tokens. This example reads a
//! tree's C files with those files' facts whole (as `check` does), empty, lexed only, or
//! with one kind of fact left out, runs `check`'s one-shot analysis on each, and
//! prints, beside the whole reading's, the time of the reading and of the analysis and how
//! many findings change. A kind whose leaving out changes no finding here is no licence to
//! leave it out (a header naming no SDK function can hold the macro a sender uses): it
//! marks what a reading driven by the analysis's look-ups could read on demand.
//!
//! usage: cargo run --release -p aics-core --example light_share -- DIR [DIR...] [--runs N]
//! Each variant is timed N times (default 3; best of each printed). Findings are compared
//! by code, file, range and message.

mod common;

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::Instant;

use aics_core::c::facts::{FileFacts, Names};
use aics_core::c::{lexer, light};
use aics_core::{analyze_prepared, file_kind, prepare, prepare_c_facts, AnalysisOptions, FileKind, Prepared, SourceFile};
use rayon::prelude::*;

/// What a variant gives the analysis for a file the prefilter passes over.
#[derive(Clone, Copy)]
enum Variant {
    Whole,
    Empty,
    LexedOnly,
    Without(&'static str),
}

impl Variant {
    fn name(self) -> String {
        match self {
            Variant::Whole => "whole (as check)".into(),
            Variant::Empty => "empty".into(),
            Variant::LexedOnly => "lexed, empty".into(),
            Variant::Without(k) => format!("without {k}"),
        }
    }

    fn facts(self, s: &SourceFile) -> FileFacts {
        let whole = || aics_core::c::extract_file(&s.path, &s.text);
        if !passed_over(s) {
            return whole();
        }
        match self {
            Variant::Whole => whole(),
            Variant::Empty => FileFacts::default(),
            Variant::LexedOnly => {
                std::hint::black_box(lexer::lex_skimming_numbers(&s.text, 0));
                FileFacts::default()
            }
            Variant::Without(kind) => {
                let mut f = whole();
                match kind {
                    "assignments" => f.assigns.clear(),
                    "initialisers" => f.inits.clear(),
                    "calls" => f.calls.clear(),
                    "macros" => f.defines.clear(),
                    "includes" => f.includes.clear(),
                    "strings" => f.strings.clear(),
                    "functions" => f.functions.clear(),
                    "identifiers" => {
                        for g in &mut f.functions {
                            g.idents = Names::default();
                        }
                        f.file_idents = Names::default();
                    }
                    _ => unreachable!("{kind}"),
                }
                f
            }
        }
    }
}

/// Whether the prefilter passes over `s`: a C file (C++ files are always parsed) that
/// cannot matter by itself, the files the variants read otherwise.
fn passed_over(s: &SourceFile) -> bool {
    aics_core::c::Lang::of(&s.path, &s.text) == aics_core::c::Lang::C && !light::may_matter(&s.text)
}

type Finding = (&'static str, String, usize, usize, String);

fn main() {
    let mut dirs = Vec::new();
    let mut runs = 3usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--runs" {
            runs = args.next().and_then(|r| r.parse().ok()).expect("--runs N");
        } else {
            dirs.push(PathBuf::from(a));
        }
    }
    assert!(!dirs.is_empty(), "usage: light_share DIR [DIR...] [--runs N]");
    let sources: Vec<SourceFile> = dirs.iter().flat_map(|d| common::sources(d)).collect();
    let c: Vec<&SourceFile> = sources.iter().filter(|s| file_kind(&s.path) == Some(FileKind::C)).collect();
    let passed = c.par_iter().filter(|s| passed_over(s)).count();
    let bytes = |v: &[&SourceFile]| v.iter().map(|s| s.text.len()).sum::<usize>() as f64 / 1e6;
    println!("{} files, {} C ({:.1} MB), {} of them passed over by the prefilter; best of {runs} runs on {} threads", sources.len(), c.len(), bytes(&c), passed, rayon::current_num_threads());

    let options = AnalysisOptions::default();
    // As `check` runs it: each file prepared on the pool (models parsed, C files read),
    // then one one-shot analysis of them all.
    let run = |v: Variant| -> (f64, f64, BTreeSet<Finding>) {
        let (mut read_ms, mut analysis_ms, mut found) = (f64::MAX, f64::MAX, BTreeSet::new());
        for _ in 0..runs {
            let t = Instant::now();
            let prepared: Vec<Prepared> =
                sources.par_iter().map(|s| if file_kind(&s.path) == Some(FileKind::C) { prepare_c_facts(s, v.facts(s)) } else { prepare(s) }).collect();
            read_ms = read_ms.min(t.elapsed().as_secs_f64() * 1e3);
            let t = Instant::now();
            let a = analyze_prepared(&sources, prepared, &options);
            analysis_ms = analysis_ms.min(t.elapsed().as_secs_f64() * 1e3);
            found = a.diagnostics.iter().map(|d| (d.code, d.span.path.display().to_string(), d.span.bytes.start, d.span.bytes.end, d.message.clone())).collect();
        }
        (read_ms, analysis_ms, found)
    };
    let (r0, a0, whole) = run(Variant::Whole);
    println!("{:<22} {:>10} {:>11} {:>9} {:>9}", "their facts", "reading ms", "analysis ms", "total", "findings");
    println!("{:<22} {:>10.1} {:>11.1} {:>9.1} {:>9}", Variant::Whole.name(), r0, a0, r0 + a0, whole.len());
    let kinds = ["assignments", "initialisers", "calls", "macros", "includes", "strings", "functions", "identifiers"];
    for v in [Variant::Empty, Variant::LexedOnly].into_iter().chain(kinds.iter().map(|&k| Variant::Without(k))) {
        let (r, a, found) = run(v);
        let changed = whole.symmetric_difference(&found).count();
        let what = if changed == 0 { format!("{}", found.len()) } else { format!("{} ({changed} differ)", found.len()) };
        println!("{:<22} {:>10.1} {:>11.1} {:>9.1} {:>9}", v.name(), r, a, r + a, what);
    }
}
