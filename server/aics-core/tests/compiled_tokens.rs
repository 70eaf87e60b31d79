//! A file with `#ifdef __cplusplus` groups is parsed as its compiler sees it (the other
//! language's branches blanked, `Directives::compiled_text`); the tokens of that text are
//! taken from the whole text's tokens outside the blanked lines instead of lexing it again
//! (`lexer::tokens_outside`). Over every C and C++ file of the real-world corpus, and of the
//! SDK checkouts under `AICS_REAL_TREES` when asked, they must be the tokens of lexing the
//! compiled text, whenever they are taken.

#[path = "common/facts_records.rs"]
#[allow(dead_code)]
mod facts_records;

use std::path::PathBuf;

use aics_core::c::facts::Lang;
use aics_core::c::{lexer, preprocess};

/// (files with blanked lines, files whose tokens were taken from the whole text's)
fn compare(files: &[PathBuf]) -> (usize, usize) {
    let (mut blanked, mut taken) = (0, 0);
    for p in files {
        let text = String::from_utf8_lossy(&std::fs::read(p).unwrap_or_default()).into_owned();
        let lang = Lang::of(p, &text);
        let mut d = preprocess::scan(&text);
        d.decide_cplusplus(lang == Lang::Cpp);
        let ranges = d.compiled_blanks();
        let Some(compiled) = d.compiled_text(&text) else {
            assert!(ranges.is_empty(), "{}", p.display());
            continue;
        };
        blanked += 1;
        let (tokens, comments) = lexer::lex_with_comments(&text, 0);
        if let Some(outside) = lexer::tokens_outside(&tokens, &comments, &ranges) {
            taken += 1;
            assert_eq!(&*outside, &lexer::lex(&compiled, 0)[..], "{}", p.display());
        }
    }
    (blanked, taken)
}

#[test]
fn the_compiled_texts_tokens_are_the_whole_texts_outside_the_blanked_lines() {
    let (blanked, taken) = compare(&facts_records::corpus_files());
    eprintln!("{taken} of {blanked} files with __cplusplus groups took their compiled tokens from the whole text's");
    assert!(blanked > 0 && taken > 0, "the corpus has files with __cplusplus groups ({blanked}) and takes their tokens ({taken})");
}

/// `AICS_REAL_TREES=DIR cargo test --release -p aics-core --test compiled_tokens -- --ignored`.
#[test]
#[ignore = "needs the SDK checkouts of the real-tree benchmark in AICS_REAL_TREES"]
fn the_compiled_texts_tokens_on_real_trees() {
    let (blanked, taken) = compare(&facts_records::real_tree_files());
    eprintln!("{taken} of {blanked} files with __cplusplus groups took their compiled tokens from the whole text's");
}
