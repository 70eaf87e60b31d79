//! Benchmark (not a test): validate every model of a model repository with
//! [`aics_dtdl::validate`], references resolved through the repository
//! layout, as the linter validates a workspace file. Writes one verdict line
//! per file (`valid PATH` or `invalid PATH: first error`) to `--verdicts FILE`
//! so tests/bench/dtdl-validate.sh can compare them with the official parser's.
//!
//! usage: cargo run --release -p aics-dtdl --example validate_corpus -- [REPO_DIR] [--threads N] [--verdicts FILE]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use aics_dtdl::{parse_document_with, validate, JsonReader, ModelIndex, ValidationOptions};
use rayon::prelude::*;

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut repo, mut threads, mut verdicts) = (None, 1, None);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--threads" => threads = args.next().and_then(|n| n.parse().ok()).expect("--threads N"),
            "--verdicts" => verdicts = args.next().map(PathBuf::from),
            _ => repo = Some(PathBuf::from(arg)),
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
    let options = ValidationOptions::default();
    let results: Vec<(PathBuf, Option<String>)> = pool.install(|| {
        files
            .par_iter()
            .map(|path| {
                let text = std::fs::read_to_string(path).unwrap_or_default();
                let verdict = match parse_document_with(path.clone(), &text, JsonReader::Lexer) {
                    None => Some("not a DTDL model".to_string()),
                    Some(doc) => validate(&index, &doc, &options)
                        .into_iter()
                        .find(|p| p.is_error())
                        .map(|p| format!("{} {} {:?}: {}", p.code, p.rule, p.range, p.message)),
                };
                (path.clone(), verdict)
            })
            .collect()
    });
    let seconds = started.elapsed().as_secs_f64();
    let invalid = results.iter().filter(|(_, v)| v.is_some()).count();
    if let Some(out) = verdicts {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&out).expect("verdicts file"));
        for (path, v) in &results {
            let rel = path.strip_prefix(&repo).unwrap_or(path).display();
            match v {
                None => writeln!(f, "valid {rel}").unwrap(),
                Some(e) => writeln!(f, "invalid {rel}: {e}").unwrap(),
            }
        }
    }
    println!(
        "aics-dtdl validate ({threads} thread{}): {} files in {seconds:.2} s ({:.0} files/s); valid {}, invalid {invalid}",
        if threads == 1 { "" } else { "s" },
        results.len(),
        results.len() as f64 / seconds,
        results.len() - invalid
    );
    println!("aics-dtdl-seconds: {seconds:.3}");
}
