//! Benchmark: what typing costs the language server's analysis on a large folder when
//! every keystroke makes a text never seen before (bench_edit types a character and deletes
//! it again, so its texts recur). Reads the folder, analyses it once with a cache (as the
//! server's first analysis after the workspace scan), then types EDITS characters one after
//! another at LINE:COLUMN of FILE (0-based, bytes; the start of the file by default),
//! analysing after each; prints the time per edit and per stage.
//!
//! usage: cargo run --release -p aics-core --example bench_typing -- DIR FILE [EDITS] [LINE:COLUMN]
//! With BENCH_VERIFY=1 each edit's analysis is compared with a fresh one (not timed).

mod common;

use std::path::PathBuf;
use std::time::Instant;

use aics_core::analysis::STAGES;
use aics_core::{analyze_cached, file_kind, AnalysisCache, AnalysisOptions, SourceFile};

fn main() {
    let mut args = std::env::args().skip(1);
    let usage = "usage: bench_typing DIR FILE [EDITS] [LINE:COLUMN]";
    let dir = PathBuf::from(args.next().expect(usage));
    let file = dir.join(args.next().expect(usage));
    let edits: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(20).max(1);
    let (line, col) = args
        .next()
        .and_then(|p| p.split_once(':').and_then(|(l, c)| Some((l.parse::<usize>().ok()?, c.parse::<usize>().ok()?))))
        .unwrap_or((0, 0));
    let mut sources = common::sources(&dir);
    let at = sources.iter().position(|s| *s.path == file).expect("FILE is not in DIR");
    let original = sources[at].text.to_string();
    let mut insert = original.split_inclusive('\n').take(line).map(str::len).sum::<usize>() + col;
    while !original.is_char_boundary(insert) {
        insert -= 1;
    }
    if std::env::var_os("BENCH_PROGRAM").is_some() {
        // The programs FILE is in, and their files.
        let c: Vec<&SourceFile> = sources.iter().filter(|s| file_kind(&s.path) == Some(aics_core::FileKind::C)).collect();
        let facts: Vec<aics_core::c::facts::FileFacts> = c.iter().map(|s| aics_core::c::extract_file(&s.path, &s.text)).collect();
        let paths: Vec<PathBuf> = c.iter().map(|s| s.path.as_ref().clone()).collect();
        let refs: Vec<&aics_core::c::facts::FileFacts> = facts.iter().collect();
        let me = paths.iter().position(|p| *p == file).expect("FILE is a C file");
        for p in aics_core::c::program::split(&paths, &refs).iter().filter(|p| p.files.contains(&me)) {
            println!("program {:?}: {} files", p.entry, p.files.len());
            for &f in &p.files {
                println!("  {f} {}", paths[f].display());
            }
        }
        return;
    }
    let options = AnalysisOptions::default();
    let cache = AnalysisCache::default();
    if std::env::var_os("BENCH_NO_FOCUS").is_none() {
        // As the language server does for its open documents.
        cache.set_focus(vec![file.clone()]);
    }
    let t = Instant::now();
    let first = analyze_cached(&sources, &options, &cache);
    println!("{} files, {} programs: first analysis {:.0} ms", sources.len(), first.programs, t.elapsed().as_secs_f64() * 1000.0);
    let verify = std::env::var_os("BENCH_VERIFY").is_some();
    let mut times = Vec::new();
    let mut stages: Vec<[u64; STAGES.len()]> = Vec::new();
    let before = cache.work();
    let mut typed = String::new();
    for k in 0..edits {
        typed.push((b'a' + (k % 26) as u8) as char);
        sources[at].text = format!("{}{typed}{}", &original[..insert], &original[insert..]).into();
        let w0 = cache.work();
        let t = Instant::now();
        let cached = analyze_cached(&sources, &options, &cache);
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        times.push(ms);
        let w = cache.work() - w0;
        stages.push(w.stage_us);
        if std::env::var_os("BENCH_EACH").is_some() {
            let per: Vec<String> = STAGES.iter().zip(w.stage_us).map(|(n, us)| format!("{n} {:.1}", us as f64 / 1000.0)).collect();
            println!(
                "  edit {k}: {ms:.1} ms, {} programs checked, {} files indexed, {} resolver answers computed; {}",
                w.programs_checked,
                w.symbol_files_indexed,
                w.answers_computed,
                per.join(", ")
            );
        }
        if verify {
            let fresh = aics_core::analyze(&sources, &options);
            let show = |a: &aics_core::Analysis| a.diagnostics.iter().map(|d| format!("{d:?}")).collect::<Vec<_>>();
            assert_eq!(show(&cached), show(&fresh), "edit {k}: the cached analysis differs from a fresh one");
        }
    }
    let work = cache.work() - before;
    times.sort_by(f64::total_cmp);
    println!("per edit: median {:.1} ms, max {:.1} ms over {edits} edits", times[times.len() / 2], times[times.len() - 1]);
    for (i, name) in STAGES.iter().enumerate() {
        let mut v: Vec<u64> = stages.iter().map(|s| s[i]).collect();
        v.sort();
        println!("  {name:>12}: median {:.2} ms", v[v.len() / 2] as f64 / 1000.0);
    }
    println!("work over the edits: {} facts extracted, {} programs checked, {} files indexed", work.facts_extracted, work.programs_checked, work.symbol_files_indexed);
}
