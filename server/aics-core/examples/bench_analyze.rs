//! Benchmark: the whole analysis of a folder against its lower bound, parsing the same C
//! files with tree-sitter-c alone, in one process so both see the same machine state.
//!
//! usage: cargo run --release -p aics-core --example bench_analyze -- DIR [RUNS]
//! Prints files, bytes, the best time of each over RUNS (default 3), the ratio, the
//! number of diagnostics, and the process's peak resident memory.

mod common;

use std::path::PathBuf;
use std::time::Instant;

use aics_core::{analyze, file_kind, AnalysisOptions, SourceFile};
use rayon::prelude::*;

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| l.split_whitespace().nth(1).unwrap_or("0").parse::<f64>().unwrap_or(0.0)))
        .unwrap_or(0.0)
        / 1024.0
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().expect("usage: bench_analyze DIR [RUNS]"));
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(3);
    let sources = common::sources(&dir);
    let bytes: usize = sources.iter().map(|s| s.text.len()).sum();
    let c: Vec<&SourceFile> = sources.iter().filter(|s| file_kind(&s.path) == Some(aics_core::FileKind::C)).collect();

    let best = |f: &dyn Fn() -> usize| -> (f64, usize) {
        let mut best = f64::MAX;
        let mut n = 0;
        for _ in 0..runs {
            let t = Instant::now();
            n = f();
            best = best.min(t.elapsed().as_secs_f64());
        }
        (best, n)
    };
    let (parse_s, _) = best(&|| {
        c.par_iter().map(|s| aics_core::c::facts::parse(&s.text).map_or(0, |t| t.root_node().child_count() as usize)).sum::<usize>()
    });
    let (facts_s, _) = best(&|| c.par_iter().map(|s| aics_core::c::facts::extract(&s.text).functions.len()).sum::<usize>());
    let options = AnalysisOptions::default();
    let (full_s, diags) = best(&|| analyze(&sources, &options).diagnostics.len());
    println!(
        "{} files ({} C), {:.1} MB: analyze {:.1} ms, parse-only {:.1} ms, ratio {:.2}x (facts alone {:.1} ms), {} diagnostics, {:.0} MB/s, peak RSS {:.0} MB, {} threads",
        sources.len(),
        c.len(),
        bytes as f64 / 1e6,
        full_s * 1e3,
        parse_s * 1e3,
        full_s / parse_s,
        facts_s * 1e3,
        diags,
        bytes as f64 / 1e6 / full_s,
        peak_rss_mb(),
        rayon::current_num_threads()
    );
    // The stages of a one-shot analysis (what `check` runs).
    let a = analyze(&sources, &options);
    let stages: Vec<String> = aics_core::analysis::STAGES.iter().zip(a.stage_us).map(|(n, us)| format!("{n} {:.0}", us as f64 / 1e3)).collect();
    println!("stages (ms, one-shot, as check): {}; format calls not resolved: {}", stages.join(", "), a.format_calls_skipped);
    // Where the time goes: one analysis through a (fresh) language-server cache, which
    // times its stages (wall time per stage, summed over threads where a stage runs
    // in parallel pieces).
    let cache = aics_core::AnalysisCache::default();
    let t = Instant::now();
    aics_core::analyze_cached(&sources, &options, &cache);
    let w = cache.work();
    let stages: Vec<String> = aics_core::analysis::STAGES.iter().zip(w.stage_us).map(|(n, us)| format!("{n} {:.0}", us as f64 / 1e3)).collect();
    println!("stages (ms, one cached analysis of {:.0} ms): {}", t.elapsed().as_secs_f64() * 1e3, stages.join(", "));
}
