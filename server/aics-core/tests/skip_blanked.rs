//! The parser skips the blanked insides of cold function bodies and the blanked cold
//! declarations (tree-sitter's included
//! ranges) instead of stepping over their white space. Over every C and C++ file of the
//! real-world corpus (`tests/realworld`), and of the SDK checkouts under `AICS_REAL_TREES`
//! when that is set, the facts must be those of a parse that reads the blanks.

use std::path::PathBuf;

use aics_core::c::facts::{self, Lang};

#[path = "common/facts_records.rs"]
mod facts_records;
use facts_records::{corpus_files, differing, free_only, real_tree_files};

/// (files with cold bodies or declarations, files whose facts differ) over `files`.
fn compare(files: &[PathBuf]) -> (usize, Vec<String>) {
    differing(files, ["skipping", "reading"], &|text, lang| {
        // (A file read from tokens but for plain heads is not parsed at all: the
        // `plain_heads` test compares it with its parse.)
        if facts::cold_body_bytes(text, lang) + facts::cold_declaration_bytes(text, lang) == 0 || facts::reads_heads_only(text, lang) {
            return None;
        }
        Some(match lang {
            Lang::C => (facts::extract(text), facts::extract_reading_blanks(text, lang, &|_| false)),
            Lang::Cpp => (facts::extract_cpp_with(text, &free_only), facts::extract_reading_blanks(text, lang, &free_only)),
        })
    })
}

#[test]
fn skipping_the_blanked_bodies_gives_the_facts_of_reading_them() {
    let files = corpus_files();
    let (cold, differ) = compare(&files);
    assert!(cold >= 20, "only {cold} files with cold bodies or declarations in the corpus: the test would prove little");
    assert!(differ.is_empty(), "{} of {cold} files differ:\n{}", differ.len(), differ.join("\n"));
    eprintln!("{cold} files with cold bodies or declarations of {} read the same", files.len());
}

/// The same over whole SDK checkouts in the folder `AICS_REAL_TREES` names, as the
/// real-tree benchmark reads them. Run on demand (they are not in the repo):
/// `AICS_REAL_TREES=DIR cargo test --release -p aics-core --test skip_blanked -- --ignored`.
#[test]
#[ignore = "needs the SDK checkouts of the real-tree benchmark in AICS_REAL_TREES"]
fn skipping_the_blanked_bodies_on_real_trees() {
    let files = real_tree_files();
    let (cold, differ) = compare(&files);
    assert!(differ.is_empty(), "{} of {cold} files differ:\n{}", differ.len(), differ.join("\n"));
    eprintln!("{cold} files with cold bodies or declarations of {} read the same", files.len());
}
