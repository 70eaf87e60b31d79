//! A tangled file (preprocessor branches the parser cannot read as one text) is parsed once
//! per branch configuration; each configuration after the first is a re-parse of the last
//! one's clean tree, edited where the two differ. Over every C and C++ file of the
//! real-world corpus (`tests/realworld`), and of the SDK checkouts under `AICS_REAL_TREES`
//! when that is set, the facts must be those of parsing each configuration afresh.

use std::path::PathBuf;

use aics_core::c::facts::{self, Lang};

#[path = "common/facts_records.rs"]
mod facts_records;
use facts_records::{corpus_files, differing, free_only, real_tree_files};

/// (tangled files, files whose facts differ) over `files`.
fn compare(files: &[PathBuf]) -> (usize, Vec<String>) {
    differing(files, ["re-parsed", "afresh"], &|text, lang| {
        let free: &dyn Fn(&str) -> bool = if lang == Lang::Cpp { &free_only } else { &|_| false };
        let fast = match lang {
            Lang::C => facts::extract(text),
            Lang::Cpp => facts::extract_cpp_with(text, &free_only),
        };
        (fast.variants_parsed >= 2).then(|| (fast, facts::extract_parsing_each_variant_afresh(text, lang, free)))
    })
}

#[test]
fn configurations_reparsed_from_each_other_give_the_facts_of_fresh_parses() {
    let files = corpus_files();
    let (tangled, differ) = compare(&files);
    assert!(tangled >= 5, "only {tangled} tangled files in the corpus: the test would prove little");
    assert!(differ.is_empty(), "{} of {tangled} tangled files differ:\n{}", differ.len(), differ.join("\n"));
    eprintln!("{tangled} tangled files of {} read the same", files.len());
}

/// The same over whole SDK checkouts (thousands of files) in the folder `AICS_REAL_TREES`
/// names, as the real-tree benchmark reads them. Run on demand (they are not in the repo):
/// `AICS_REAL_TREES=DIR cargo test --release -p aics-core --test variant_reparse -- --ignored`.
#[test]
#[ignore = "needs the SDK checkouts of the real-tree benchmark in AICS_REAL_TREES"]
fn configurations_reparsed_on_real_trees() {
    let files = real_tree_files();
    let (tangled, differ) = compare(&files);
    assert!(differ.is_empty(), "{} of {tangled} tangled files differ:\n{}", differ.len(), differ.join("\n"));
    eprintln!("{tangled} tangled files of {} read the same", files.len());
}
