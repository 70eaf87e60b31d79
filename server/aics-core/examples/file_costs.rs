//! Per-file cost of the C front-end on a tree: which files take the time, and on which
//! path (token path, one tree-sitter parse, or several branch configurations).
//!
//! usage: cargo run --release -p aics-core --example file_costs -- DIR [TOP]
//! Prints the TOP (default 20) most expensive files with bytes, milliseconds, whether the
//! prefilter sent them to the parser, and the number of parses, then totals per path.
//! With HASH=1 in the environment, also one line per file with a fingerprint of its facts
//! (to compare two builds of the front-end file by file).

mod common;

use std::path::PathBuf;
use std::time::Instant;

use aics_core::c::light;

/// (milliseconds, bytes, sent to the parser, parses, path)
type Row = (f64, usize, bool, usize, String);

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().expect("usage: file_costs DIR [TOP]"));
    let top: usize = args.next().and_then(|t| t.parse().ok()).unwrap_or(20);
    let paths = common::files(&dir, |p| aics_core::file_kind(p) == Some(aics_core::FileKind::C));
    let mut rows: Vec<Row> = Vec::new();
    for p in &paths {
        let text = String::from_utf8_lossy(&std::fs::read(p).unwrap_or_default()).into_owned();
        let matters = light::may_matter(&text);
        let t = Instant::now();
        let f = aics_core::c::extract_file(p, &text);
        let ms = t.elapsed().as_secs_f64() * 1e3;
        let rel = p.strip_prefix(&dir).unwrap_or(p).display().to_string();
        if std::env::var_os("HASH").is_some() {
            // The facts' fingerprint, to compare two builds of the front-end file by file.
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            format!("{f:?}").hash(&mut h);
            println!("HASH {:016x} {rel}", h.finish());
        }
        rows.push((ms, text.len(), matters, f.variants_parsed, rel));
    }
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (ms, bytes, matters, parses, path) in rows.iter().take(top) {
        println!("{ms:8.2} ms {bytes:8} B matters={matters:<5} parses={parses} {path}");
    }
    let sum = |f: &dyn Fn(&Row) -> bool| {
        let r: Vec<_> = rows.iter().filter(|r| f(r)).collect();
        (r.len(), r.iter().map(|r| r.1).sum::<usize>() as f64 / 1e6, r.iter().map(|r| r.0).sum::<f64>())
    };
    for (label, f) in [
        ("token path", &(|r: &Row| r.3 == 0) as &dyn Fn(&Row) -> bool),
        ("one parse", &|r: &Row| r.3 == 1),
        ("several parses", &|r: &Row| r.3 > 1),
        ("all", &|_: &Row| true),
    ] {
        let (n, mb, ms) = sum(f);
        println!("{label:>15}: {n:5} files {mb:7.2} MB {ms:9.1} ms");
    }
}
