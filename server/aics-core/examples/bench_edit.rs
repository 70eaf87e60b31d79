//! Benchmark: what an edit costs the language server's analysis on a large folder. Reads
//! the folder, analyses it once with a cache (as the server's first analysis after the
//! workspace scan), then types one character into FILE and deletes it again, EDITS times,
//! analysing after each; prints the median time per edit and per stage, and the work done.
//!
//! usage: cargo run --release -p aics-core --example bench_edit -- DIR FILE [EDITS] [start|middle|string|LINE:COLUMN]
//! (where the character is typed: the start of the file, the middle of its middle line, or
//! the middle of the first line after the middle with a string literal, as the language
//! server benchmark types). With BENCH_KEPT_TREES=1, FILE's facts are extracted from its
//! kept trees before each analysis, as the language server does for an open document.

mod common;

use std::path::PathBuf;
use std::time::Instant;

use aics_core::analysis::STAGES;
use aics_core::{analyze_cached, file_kind, AnalysisCache, AnalysisOptions};

/// The process's CPU time so far (user + system, all threads), in seconds: on a shared
/// machine a better measure of the work than wall-clock.
fn cpu_s() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command name (which is in parentheses and may hold spaces).
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    (ticks(11) + ticks(12)) / 100.0
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().expect("usage: bench_edit DIR FILE [EDITS]"));
    let file = dir.join(args.next().expect("usage: bench_edit DIR FILE [EDITS]"));
    let edits: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(20).max(1);
    let place = args.next().unwrap_or_default();
    let (at_start, at_string) = (place == "start", place == "string");
    let kept_trees = std::env::var_os("BENCH_KEPT_TREES").is_some();
    let mut sources = common::sources(&dir);
    if std::env::var_os("BENCH_GLOBAL_INDEX").is_some() {
        // The whole set's symbol index alone, built again and again (for a profiler).
        let inputs: Vec<aics_core::c::values::FileInput> = sources
            .iter()
            .filter(|s| file_kind(&s.path) == Some(aics_core::FileKind::C))
            .map(|s| aics_core::c::values::FileInput { text: s.text.clone(), facts: std::sync::Arc::new(aics_core::c::light::extract_auto(&s.text)) })
            .collect();
        let t = Instant::now();
        for _ in 0..100 {
            std::hint::black_box(aics_core::c::values::SymbolIndex::build_global(&inputs, 0..inputs.len()));
        }
        println!("global index alone: {:.1} ms", t.elapsed().as_secs_f64() * 1000.0 / 100.0);
        return;
    }
    let at = sources.iter().position(|s| *s.path == file).expect("FILE is not in DIR");
    let original = sources[at].text.clone();
    if std::env::var_os("BENCH_FACTS").is_some() {
        // The edited file's facts alone (for comparing with the facts stage).
        let t = Instant::now();
        for _ in 0..20 {
            std::hint::black_box(aics_core::c::light::extract_auto(&original));
        }
        println!("facts of FILE alone: {:.2} ms", t.elapsed().as_secs_f64() * 1000.0 / 20.0);
        return;
    }
    let options = AnalysisOptions::default();
    let cache = AnalysisCache::default();
    let t = Instant::now();
    let first = analyze_cached(&sources, &options, &cache);
    println!("{} files, {} programs: first analysis {:.0} ms", sources.len(), first.programs, t.elapsed().as_secs_f64() * 1000.0);
    // Type into the middle of the text's middle line.
    let mut mid = original.len() / 2;
    if at_string {
        // The first line from the middle on with a string literal, not a directive.
        let mut at = original[..mid].rfind('\n').map_or(0, |i| i + 1);
        while let Some(end) = original[at..].find('\n').map(|i| at + i) {
            let line = &original[at..end];
            if line.contains('"') && !line.trim_start().starts_with('#') {
                mid = at + (end - at) / 2;
                break;
            }
            at = end + 1;
        }
        while !original.is_char_boundary(mid) {
            mid -= 1;
        }
    }
    let line_start = original[..mid].rfind('\n').map_or(0, |i| i + 1);
    let line_end = original[mid..].find('\n').map_or(original.len(), |i| mid + i);
    // LINE:COLUMN (0-based, bytes): there.
    let at_line_col = place.split_once(':').and_then(|(l, c)| Some((l.parse::<usize>().ok()?, c.parse::<usize>().ok()?)));
    let insert = match at_line_col {
        Some((l, c)) => original.split_inclusive('\n').take(l).map(str::len).sum::<usize>() + c,
        None if at_start => 0,
        None => line_start + (line_end - line_start) / 2,
    };
    let mut insert = insert;
    while !original.is_char_boundary(insert) {
        insert -= 1;
    }
    let typed: std::sync::Arc<str> = format!("{}x{}", &original[..insert], &original[insert..]).into();
    let mut times = Vec::new();
    let mut stages: Vec<[u64; STAGES.len()]> = Vec::new();
    let mut kept_us = Vec::new();
    let mut kept = aics_core::c::facts::KeptTrees::default();
    let mut reparsed = 0;
    let mut in_string = 0;
    let mut units = (0, 0);
    if kept_trees {
        aics_core::c::extract_file_reusing(&sources[at].path, &original, &mut kept);
    }
    let before = cache.work();
    // BENCH_VERIFY=1: compare each edit's analysis with a fresh one.
    let verify = std::env::var_os("BENCH_VERIFY").is_some();
    let (mut verified, mut excluded) = (0, 0.0);
    let cpu0 = cpu_s();
    for k in 0..edits {
        // A new allocation for each version, as the language server hands over its texts.
        let text: &str = if k % 2 == 0 { &typed } else { &original };
        sources[at].text = text.into();
        let w0 = cache.work();
        let t = Instant::now();
        if kept_trees {
            let s = &sources[at];
            let mut extract_us = 0;
            cache.prepare_c_shared(s, || {
                let t = Instant::now();
                let f = aics_core::c::extract_file_shared(&s.path, &s.text, &mut kept);
                extract_us = t.elapsed().as_micros() as u64;
                f
            });
            reparsed += kept.reparsed();
            in_string += kept.in_string() as usize;
            units.0 += kept.units().0;
            units.1 += kept.units().1;
            kept_us.push((extract_us, t.elapsed().as_micros() as u64 - extract_us));
        }
        let cached = analyze_cached(&sources, &options, &cache);
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        stages.push((cache.work() - w0).stage_us);
        if verify {
            // The cached analysis must report what a fresh one does (not timed).
            let c0 = cpu_s();
            let fresh = aics_core::analyze(&sources, &options);
            let show = |a: &aics_core::Analysis| a.diagnostics.iter().map(|d| format!("{d:?}")).collect::<Vec<_>>();
            assert_eq!(show(&cached), show(&fresh), "edit {k}: the cached analysis differs from a fresh one");
            verified += 1;
            excluded += cpu_s() - c0;
        }
    }
    let work = cache.work() - before;
    let cpu = cpu_s() - cpu0 - excluded;
    if verify {
        println!("{verified} edits: the cached analysis equals a fresh one");
    }
    times.sort_by(f64::total_cmp);
    println!(
        "per edit: median {:.1} ms, max {:.1} ms over {edits} edits; CPU {:.1} ms per edit (user + system)",
        times[times.len() / 2],
        times[times.len() - 1],
        cpu * 1000.0 / edits as f64
    );
    if kept_trees {
        let median = |mut v: Vec<u64>| {
            v.sort();
            v[v.len() / 2] as f64 / 1000.0
        };
        println!(
            "  {:>12}: median {:.2} ms extracting ({reparsed} of {} parses re-parsed from kept trees; {in_string} edits inside a string literal, not parsed), {:.2} ms caching (hashes, lines, suppressions)",
            "kept trees",
            median(kept_us.iter().map(|k| k.0).collect()),
            kept.len() * edits,
            median(kept_us.iter().map(|k| k.1).collect()),
        );
        println!("  {:>12}: {} kept from the extraction before, {} read", "file items", units.0, units.1);
    }
    for (i, name) in STAGES.iter().enumerate() {
        let mut v: Vec<u64> = stages.iter().map(|s| s[i]).collect();
        v.sort();
        println!("  {name:>12}: median {:.2} ms", v[v.len() / 2] as f64 / 1000.0);
    }
    println!(
        "work over the edits: {} facts extracted, {} models parsed, {} validated, {} programs checked, {} files indexed",
        work.facts_extracted, work.models_parsed, work.models_validated, work.programs_checked, work.symbol_files_indexed
    );
}
