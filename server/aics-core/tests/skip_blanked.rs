//! The parser skips the blanked insides of cold function bodies (tree-sitter's included
//! ranges) instead of stepping over their white space. Over every C and C++ file of the
//! real-world corpus (`tests/realworld`), and of the SDK checkouts under `AICS_REAL_TREES`
//! when that is set, the facts must be those of a parse that reads the blanks.

use std::path::{Path, PathBuf};

use aics_core::c::facts::{self, FileFacts, Lang};
use rayon::prelude::*;

#[path = "common/facts_records.rs"]
mod facts_records;
use facts_records::{c_files, free_only};

/// The facts, and how the file was read (configurations parsed, errors).
fn records(f: &FileFacts) -> Vec<String> {
    let mut out = facts_records::records(f);
    out.push(format!("variants {} errors {}", f.variants_parsed, f.had_parse_errors));
    out
}

/// (files with cold bodies, files whose facts differ) over `files`.
fn compare(files: &[PathBuf]) -> (usize, Vec<String>) {
    let out: Vec<(bool, Option<String>)> = files
        .par_iter()
        .map(|p| {
            let text = String::from_utf8_lossy(&std::fs::read(p).unwrap_or_default()).into_owned();
            let lang = Lang::of(p, &text);
            if facts::cold_body_bytes(&text, lang) == 0 {
                return (false, None);
            }
            let (skipping, reading) = match lang {
                Lang::C => (facts::extract(&text), facts::extract_reading_blanks(&text, lang, &|_| false)),
                Lang::Cpp => (facts::extract_cpp_with(&text, &free_only), facts::extract_reading_blanks(&text, lang, &free_only)),
            };
            let (a, b) = (records(&skipping), records(&reading));
            let differ = (a != b).then(|| {
                let only_a: Vec<_> = a.iter().filter(|x| !b.contains(x)).take(4).collect();
                let only_b: Vec<_> = b.iter().filter(|x| !a.contains(x)).take(4).collect();
                format!("{}:\n  skipping: {only_a:?}\n  reading: {only_b:?}", p.display())
            });
            (true, differ)
        })
        .collect();
    (out.iter().filter(|x| x.0).count(), out.into_iter().filter_map(|x| x.1).collect())
}

#[test]
fn skipping_the_blanked_bodies_gives_the_facts_of_reading_them() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/realworld");
    let mut files = Vec::new();
    c_files(&root, &mut files);
    assert!(files.len() > 50, "the real-world corpus is missing: {}", root.display());
    let (cold, differ) = compare(&files);
    assert!(cold >= 20, "only {cold} files with cold bodies in the corpus: the test would prove little");
    assert!(differ.is_empty(), "{} of {cold} files differ:\n{}", differ.len(), differ.join("\n"));
    eprintln!("{cold} files with cold bodies of {} read the same", files.len());
}

/// The same over whole SDK checkouts in the folder `AICS_REAL_TREES` names, as the
/// real-tree benchmark reads them. Run on demand (they are not in the repo):
/// `AICS_REAL_TREES=DIR cargo test --release -p aics-core --test skip_blanked -- --ignored`.
#[test]
#[ignore = "needs the SDK checkouts of the real-tree benchmark in AICS_REAL_TREES"]
fn skipping_the_blanked_bodies_on_real_trees() {
    let root = std::env::var("AICS_REAL_TREES").expect("AICS_REAL_TREES names the folder of the SDK checkouts");
    let mut files = Vec::new();
    c_files(Path::new(&root), &mut files);
    let (cold, differ) = compare(&files);
    assert!(differ.is_empty(), "{} of {cold} files differ:\n{}", differ.len(), differ.join("\n"));
    eprintln!("{cold} files with cold bodies of {} read the same", files.len());
}
