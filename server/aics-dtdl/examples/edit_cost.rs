//! Benchmark (not a test): what one edit of a model costs in this crate, by stage.
//!
//! For each file given: parse it (as the language server reads an edited file), put it in
//! a fresh index, list its unresolved references, validate it; repeated N times, then the
//! median and the 99th percentile of each stage in microseconds. The language server's
//! own share of an edit (applying the change, publishing) is the rest of what
//! `tests/bench/lsp_bench.py` measures.
//!
//! usage: cargo run --release -p aics-dtdl --example edit_cost -- FILE... [--runs N]

use std::time::Instant;

use std::sync::Arc;

use aics_dtdl::{parse_document_shared, validate, ModelIndex, ValidationOptions};

fn main() {
    let mut runs = 200;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--runs" {
            runs = args.next().and_then(|n| n.parse().ok()).expect("--runs N");
        } else {
            files.push(arg);
        }
    }
    for file in files {
        let text: Arc<str> = Arc::from(std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{file}: {e}")));
        let mut stages: [Vec<f64>; 4] = Default::default();
        let mut problems = 0;
        for _ in 0..runs {
            let t0 = Instant::now();
            // As the analysis parses an edited file: the tree is kept for its validation.
            let Some(doc) = parse_document_shared(&file, &text, true) else {
                println!("{file}: not a DTDL model");
                break;
            };
            let t1 = Instant::now();
            let mut index = ModelIndex::new();
            index.upsert_document(doc);
            let t2 = Instant::now();
            let unresolved = index.unresolved_references().len();
            let t3 = Instant::now();
            let doc = index.documents().next().expect("the document just added").clone();
            problems = validate(&index, &doc, &ValidationOptions::default()).len() + unresolved;
            let t4 = Instant::now();
            for (i, (a, b)) in [(t0, t1), (t1, t2), (t2, t3), (t3, t4)].into_iter().enumerate() {
                stages[i].push(b.duration_since(a).as_secs_f64() * 1e6);
            }
        }
        let pct = |xs: &mut Vec<f64>, p: f64| {
            xs.sort_by(|a, b| a.total_cmp(b));
            xs.get(((xs.len() as f64 - 1.0) * p).round() as usize).copied().unwrap_or(f64::NAN)
        };
        let names = ["parse", "index", "unresolved", "validate"];
        let line: Vec<String> = names.iter().zip(stages.iter_mut()).map(|(n, xs)| format!("{n} {:.0}/{:.0}", pct(xs, 0.5), pct(xs, 0.99))).collect();
        println!("{file} ({} KB, {problems} problems), us p50/p99 over {runs} runs: {}", text.len() / 1024, line.join(", "));
    }
}
