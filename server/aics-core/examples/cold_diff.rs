//! The cold-body reading checked on a whole tree: for every C and C++ file, the facts of
//! the front-end (cold function bodies read from tokens) against those of a parse of every
//! body, and how much of the file's function-body bytes the tokens read.
//!
//! usage: cargo run --release -p aics-core --example cold_diff -- DIR [cpp|c|all|tokens]
//! Prints each file whose facts differ (at most four records each way), then per
//! language: files, files that differ, and the share of bytes in cold bodies.
//!
//! `tokens`: the C files that matter (which the front-end parses) read wholly from tokens
//! (`light::extract_light`, the path of the files that do not matter) against the
//! front-end's facts, with the time of each and how many records of each kind differ:
//! the gap to close before C files could skip the parser.

mod common;

use std::path::PathBuf;

use aics_core::c::facts::{self, Lang};

#[path = "../tests/common/facts_records.rs"]
#[allow(dead_code)] // c_files: the example walks the tree with its own common::files
mod facts_records;
use facts_records::{free_only, records};

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().expect("usage: cold_diff DIR [cpp|c|all]"));
    let which = args.next().unwrap_or_else(|| "all".into());
    let paths = common::files(&dir, |p| aics_core::file_kind(p) == Some(aics_core::FileKind::C));
    if which == "tokens" {
        return tokens_against_parser(&dir, &paths);
    }
    // Per language: files, differing files, bytes, cold bytes.
    let mut sums = [(0usize, 0usize, 0usize, 0usize); 2];
    for p in &paths {
        let text = String::from_utf8_lossy(&std::fs::read(p).unwrap_or_default()).into_owned();
        let lang = Lang::of(p, &text);
        if (which == "cpp" && lang != Lang::Cpp) || (which == "c" && lang != Lang::C) {
            continue;
        }
        let (a, b) = match lang {
            Lang::C => (facts::extract(&text), facts::extract_parsing_every_body(&text)),
            Lang::Cpp => (facts::extract_cpp_with(&text, &free_only), facts::extract_cpp_parsing_every_body(&text, &free_only)),
        };
        let cold: usize = facts::cold_body_bytes(&text, lang);
        if std::env::var_os("PER_FILE").is_some() {
            println!("{:8} B {:8} cold {}", text.len(), cold, p.strip_prefix(&dir).unwrap_or(p).display());
        }
        let row = &mut sums[(lang == Lang::Cpp) as usize];
        row.0 += 1;
        row.2 += text.len();
        row.3 += cold;
        let (ra, rb) = (records(&a), records(&b));
        if ra != rb {
            row.1 += 1;
            let rel = p.strip_prefix(&dir).unwrap_or(p).display();
            let only_a: Vec<_> = ra.iter().filter(|x| !rb.contains(x)).take(if std::env::var_os("ALL").is_some() { usize::MAX } else { 4 }).collect();
            let only_b: Vec<_> = rb.iter().filter(|x| !ra.contains(x)).take(if std::env::var_os("ALL").is_some() { usize::MAX } else { 4 }).collect();
            println!("{rel}:\n  tokens: {only_a:?}\n  parser: {only_b:?}");
        }
    }
    for (lang, (n, d, bytes, cold)) in ["C", "C++"].iter().zip(sums) {
        println!("{lang:>4}: {n:5} files, {d:4} differ, {:6.2} MB, {:6.2} MB in cold bodies", bytes as f64 / 1e6, cold as f64 / 1e6);
    }
}

/// The `tokens` mode (see the top of the file).
fn tokens_against_parser(dir: &std::path::Path, paths: &[PathBuf]) {
    let (mut files, mut unbalanced, mut differ) = (0, 0, 0);
    let (mut parse_s, mut tokens_s) = (0.0, 0.0);
    // Per record kind: (only in the front-end's, only in the tokens').
    let mut kinds: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
    for p in paths {
        let text = String::from_utf8_lossy(&std::fs::read(p).unwrap_or_default()).into_owned();
        if Lang::of(p, &text) != Lang::C || !aics_core::c::light::may_matter(&text) {
            continue;
        }
        files += 1;
        let t = std::time::Instant::now();
        let parsed = facts::extract(&text);
        parse_s += t.elapsed().as_secs_f64();
        let t = std::time::Instant::now();
        let Some(read) = aics_core::c::light::extract_light(&text) else {
            unbalanced += 1;
            continue;
        };
        tokens_s += t.elapsed().as_secs_f64();
        let (ra, rb) = (records(&parsed), records(&read));
        if ra == rb {
            continue;
        }
        differ += 1;
        let kind = |r: &String| r.split(' ').next().unwrap_or_default().to_string();
        let only_a: Vec<&String> = ra.iter().filter(|x| !rb.contains(x)).collect();
        let only_b: Vec<&String> = rb.iter().filter(|x| !ra.contains(x)).collect();
        only_a.iter().for_each(|r| kinds.entry(kind(r)).or_default().0 += 1);
        only_b.iter().for_each(|r| kinds.entry(kind(r)).or_default().1 += 1);
        let rel = p.strip_prefix(dir).unwrap_or(p).display();
        println!("{rel}:\n  parser: {:?}\n  tokens: {:?}", &only_a[..only_a.len().min(4)], &only_b[..only_b.len().min(4)]);
    }
    println!("{files} C files that matter: {unbalanced} with unbalanced braces, {differ} differ; parser {:.0} ms, tokens {:.0} ms", parse_s * 1e3, tokens_s * 1e3);
    for (k, (a, b)) in kinds {
        println!("  {k:>6}: {a:6} records only the parser's, {b:6} only the tokens'");
    }
}
