//! The lexer reads plain code sixty-four bytes at a time (each byte's class found once per
//! window, a run's end the next bit of a mask) and leaves strings, comments and the rest to
//! its token-at-a-time loop. Over every C and C++ file of the real-world corpus, and of the
//! SDK checkouts under `AICS_REAL_TREES` when asked, the tokens and comments must be those
//! of the token-at-a-time loop alone, with and without the skimming of number lists.

#[path = "common/facts_records.rs"]
#[allow(dead_code)]
mod facts_records;

use std::path::PathBuf;

use aics_core::c::lexer;

/// The number of tokens compared.
fn compare(files: &[PathBuf]) -> usize {
    let mut tokens = 0;
    for p in files {
        let text = String::from_utf8_lossy(&std::fs::read(p).unwrap_or_default()).into_owned();
        for skim in [false, true] {
            let bytewise = lexer::lex_compared(&text, 0, skim, false);
            let windows = lexer::lex_compared(&text, 0, skim, true);
            if windows != bytewise {
                let k = windows.0.iter().zip(&bytewise.0).position(|(a, b)| a != b).unwrap_or(windows.0.len().min(bytewise.0.len()));
                panic!("{} (skim: {skim}): token {k} differs: {:?} against {:?}", p.display(), windows.0.get(k), bytewise.0.get(k));
            }
            tokens += bytewise.0.len();
        }
    }
    tokens
}

#[test]
fn tokens_read_by_windows_are_those_read_a_token_at_a_time_on_real_code() {
    let files = facts_records::corpus_files();
    let tokens = compare(&files);
    eprintln!("{tokens} tokens of {} files compared", files.len());
    assert!(tokens > 100_000, "only {tokens} tokens compared");
}

/// `AICS_REAL_TREES=DIR cargo test --release -p aics-core --test lexer_windows -- --ignored`.
#[test]
#[ignore = "needs the SDK checkouts of the real-tree benchmark in AICS_REAL_TREES"]
fn tokens_read_by_windows_on_real_trees() {
    let files = facts_records::real_tree_files();
    let tokens = compare(&files);
    eprintln!("{tokens} tokens of {} files compared", files.len());
    assert!(tokens > 1_000_000);
}
