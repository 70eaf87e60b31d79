//! Benchmark (not a test): index and resolve a whole model repository.
//!
//! For every file: read, parse, check its references (DTDL003) and compute
//! its root's telemetry closure through the repository layout, the work the
//! linter does for a workspace of models. Prints files/s, MB/s and peak memory.
//!
//! usage: cargo run --release -p aics-dtdl --example bench_corpus -- [REPO_DIR] [--threads N] [--tree-sitter]
//! (default REPO_DIR: $AICS_LINT_DATA/pnp-models, else ../shared/data/pnp-models)
//!
//! Files are read with [`JsonReader::Lexer`], as the index reads repository
//! folders; `--tree-sitter` reads them as workspace files are read instead.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use aics_dtdl::{parse_document_with, JsonReader, ModelIndex, ResolvedInterface};
use rayon::prelude::*;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut repo = None;
    let mut threads = 1;
    let mut reader = JsonReader::Lexer;
    while let Some(arg) = args.next() {
        if arg == "--tree-sitter" {
            reader = JsonReader::Checked;
        } else if arg == "--threads" {
            threads = args.next().and_then(|n| n.parse().ok()).expect("--threads N");
        } else {
            repo = Some(PathBuf::from(arg));
        }
    }
    let repo = repo.unwrap_or_else(|| {
        let data = std::env::var_os("AICS_LINT_DATA")
            .map(PathBuf::from)
            .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"));
        data.join("pnp-models")
    });

    let mut files = Vec::new();
    let mut stack = vec![repo.join("dtmi")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                files.push(path);
            }
        }
    }
    files.sort();

    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
    let started = Instant::now();
    let mut index = ModelIndex::new();
    index.add_repository_root(&repo);
    let totals = pool.install(|| {
        files
            .par_iter()
            .map(|path| {
                let text = std::fs::read_to_string(path).unwrap();
                let Some(doc) = parse_document_with(path, &text, reader) else { return (text.len(), 0, 0, 0, 1) };
                let doc = Arc::new(doc);
                let unresolved = index.unresolved_references_in(&doc).len();
                let root = ResolvedInterface { document: doc.clone(), index: doc.roots[0] };
                let telemetry = index.telemetry_of(&root).items.len();
                (text.len(), telemetry, unresolved, doc.syntax_errors.len(), 0)
            })
            .reduce(|| (0, 0, 0, 0, 0), |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2, a.3 + b.3, a.4 + b.4))
    });
    let seconds = started.elapsed().as_secs_f64();
    let (bytes, telemetry, unresolved, syntax_errors, not_models) = totals;
    println!(
        "aics-dtdl ({reader:?} reader, {threads} thread{}): {} files, {:.1} MB in {seconds:.2} s: {:.0} files/s, {:.1} MB/s; \
         {telemetry} telemetry declared, {unresolved} unresolved references, {syntax_errors} syntax errors, \
         {not_models} not models; peak RSS {} MB",
        if threads == 1 { "" } else { "s" },
        files.len(),
        bytes as f64 / 1e6,
        files.len() as f64 / seconds,
        bytes as f64 / 1e6 / seconds,
        peak_rss_mb().map_or("?".to_string(), |m| m.to_string()),
    );
    println!("aics-dtdl-seconds: {seconds:.3}");
}

/// VmHWM (peak resident set) from /proc/self/status, in MB.
fn peak_rss_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}
