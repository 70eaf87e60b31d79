//! The file-level declarations of a C file that hold nothing the rules look for are read
//! from tokens (their initialisers) and kept from the parser, as cold function bodies are.
//! Over every C file of the real-world corpus (`tests/realworld`), and of the SDK
//! checkouts under `AICS_REAL_TREES` when that is set, the facts must be those of an
//! extraction that parses every declaration, but for what a parse misreads at file level:
//!
//! - a call outside every function body only the parser has: the tokens of a declaration
//!   it could not read (after a head split by `#if` lines, `static void f(ULONG x);` reads
//!   as the call `f(ULONG x)`); no rule reads a call outside a function from a declaration;
//! - an initialiser at file level only the tokens have, in a file parsed per branch
//!   configuration (`#else static UINT loop = 1; #endif`, which no configuration's walk
//!   kept);
//! - a macro invoked alone at file level (`TEST_DEFINE_ENUM_TYPE(R, R_VALUES);`), which the
//!   tokens read as nothing and the parser as a call (counted with the first kind);
//! - whether the parse had errors and how many branch configurations it took (about what
//!   was parsed; nothing reads them but these tests).
//!
//! Everything else, inside function bodies and out, must be equal; the counts of both
//! kinds of difference are printed.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use aics_core::c::facts::{self, enclosing_function, FileFacts, Lang};

#[path = "common/facts_records.rs"]
#[allow(dead_code)] // free_only: C files only here
mod facts_records;
use facts_records::{corpus_files, differing, real_tree_files};

/// Calls the parser alone had outside function bodies; initialisers the tokens alone had.
static MISREAD_CALLS: AtomicUsize = AtomicUsize::new(0);
static BRANCH_INITS: AtomicUsize = AtomicUsize::new(0);

/// (C files compared, files whose facts differ) over `files`.
fn compare(files: &[PathBuf]) -> (usize, Vec<String>) {
    differing(files, ["declarations read", "declarations parsed"], &|text, lang| {
        (lang == Lang::C).then(|| {
            let (mut read, mut parsed) = (facts::extract(text), facts::extract_parsing_every_declaration(text));
            parsed.had_parse_errors = read.had_parse_errors;
            // Nor how many branch configurations were parsed: a unit test whose mock
            // declarations tangled its parse needs one configuration without them.
            parsed.variants_parsed = read.variants_parsed;
            let key = |c: &facts::Call| (c.name.clone(), c.range.clone(), c.args.clone());
            let read_calls: HashSet<_> = read.calls.iter().map(key).collect();
            let dropped = drop_outside_unmatched(&mut parsed, |f| &mut f.calls, |c| c.range.start, |c| read_calls.contains(&key(c)));
            MISREAD_CALLS.fetch_add(dropped, Ordering::Relaxed);
            if read.variants_parsed > 1 {
                let key = |i: &facts::Init| (i.name.clone(), i.range.clone(), i.value.clone());
                let parsed_inits: HashSet<_> = parsed.inits.iter().map(key).collect();
                let dropped = drop_outside_unmatched(&mut read, |f| &mut f.inits, |i| i.range.start, |i| parsed_inits.contains(&key(i)));
                BRANCH_INITS.fetch_add(dropped, Ordering::Relaxed);
            }
            (read, parsed)
        })
    })
}

/// Removes from a list of `f` (`list`) the entries outside every function body (`start`:
/// an entry's offset) that the other extraction has not (`matched`); returns how many.
fn drop_outside_unmatched<T>(
    f: &mut FileFacts,
    list: fn(&mut FileFacts) -> &mut Vec<T>,
    start: fn(&T) -> usize,
    matched: impl Fn(&T) -> bool,
) -> usize {
    let mut entries = std::mem::take(list(f));
    let before = entries.len();
    entries.retain(|x| enclosing_function(f, start(x)).is_some() || matched(x));
    let dropped = before - entries.len();
    *list(f) = entries;
    dropped
}

fn report(n: usize) {
    eprintln!(
        "{n} C files read the same, but for {} calls outside function bodies only the parser read and {} initialisers in branches only the tokens read",
        MISREAD_CALLS.load(Ordering::Relaxed),
        BRANCH_INITS.load(Ordering::Relaxed)
    );
}

#[test]
fn reading_cold_declarations_gives_the_facts_of_parsing_them() {
    let files = corpus_files();
    let (n, differ) = compare(&files);
    assert!(differ.is_empty(), "{} of {n} files differ:\n{}", differ.len(), differ.join("\n"));
    report(n);
}

/// The same over whole SDK checkouts in the folder `AICS_REAL_TREES` names. Run on demand:
/// `AICS_REAL_TREES=DIR cargo test --release -p aics-core --test cold_declarations -- --ignored`.
#[test]
#[ignore = "needs the SDK checkouts of the real-tree benchmark in AICS_REAL_TREES"]
fn reading_cold_declarations_on_real_trees() {
    let files = real_tree_files();
    let (n, differ) = compare(&files);
    assert!(differ.is_empty(), "{} of {n} files differ:\n{}", differ.len(), differ.join("\n"));
    report(n);
}
