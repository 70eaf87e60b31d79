//! The file-level declarations of a C file that hold nothing the rules look for are read
//! from tokens (their initialisers) and kept from the parser, as cold function bodies are;
//! those of a C++ file too when written in that C (`light::cpp_plain_declaration`).
//! Over every C and C++ file of the real-world corpus (`tests/realworld`), and of the SDK
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
mod facts_records;
use facts_records::{corpus_files, differing, free_only, real_tree_files};

#[path = "common/whole_parse.rs"]
#[allow(dead_code)] // (the fixtures alone)
mod whole_parse;
use whole_parse::fixture_files;

/// What one comparison allowed, counted (each test its own: they run side by side): calls
/// the parser alone had outside function bodies; initialisers the tokens alone had; facts
/// left out of the comparison inside classes declared by a macro.
#[derive(Default)]
struct Allowed {
    misread_calls: AtomicUsize,
    branch_inits: AtomicUsize,
    in_macro_classes: AtomicUsize,
}

/// The classes a C++ file declares by a macro at file level (`TYPED_MOCK_CLASS(C, Base) {
/// ... };`): byte ranges from the name to the `;`. The parser misreads them either way: as
/// a function named after the macro once the declarations around them are read from
/// tokens, or inside an error running to the end of the file when those are parsed (its
/// recovery depends on them); the front-end reads their bodies from tokens
/// (`light::read_macro_class`, tested in `cold_bodies.rs`), not as declarations.
fn macro_classes(text: &str) -> Vec<std::ops::Range<usize>> {
    use aics_core::c::lexer::{lex, TokKind};
    use aics_core::c::preprocess::{directive_lines, overlaps};
    let lines = directive_lines(text);
    let toks: Vec<_> = lex(text, 0).into_iter().filter(|t| !overlaps(&lines, &(t.lo()..t.lo() + 1))).collect();
    let p = |i: usize, s: &str| toks.get(i).is_some_and(|t| t.kind == TokKind::Punct && t.text(text, 0) == s);
    let close = |open: usize| {
        let mut depth = 0usize;
        for (i, t) in toks.iter().enumerate().skip(open) {
            match (t.kind, t.text(text, 0)) {
                (TokKind::Punct, "(" | "[" | "{") => depth += 1,
                (TokKind::Punct, ")" | "]" | "}") => {
                    depth = depth.checked_sub(1)?;
                    if depth == 0 {
                        return Some(i);
                    }
                }
                _ => {}
            }
        }
        None
    };
    let mut out = Vec::new();
    let (mut i, mut depth) = (0, 0usize);
    while i < toks.len() {
        if depth == 0 && toks[i].kind == TokKind::Ident && p(i + 1, "(") {
            if let Some(c) = close(i + 1).filter(|&c| p(c + 1, "{")) {
                if let Some(e) = close(c + 1).filter(|&e| p(e + 1, ";")) {
                    out.push(toks[i].lo()..toks[e + 1].hi());
                    i = e + 2;
                    continue;
                }
            }
        }
        match (toks[i].kind, toks[i].text(text, 0)) {
            (TokKind::Punct, "{") => depth += 1,
            (TokKind::Punct, "}") => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    out
}

/// Leaves out of `f` what lies in `classes`: functions and calls starting there, and the
/// file-level identifiers written there (the parser's error holding a class makes its
/// names file-level). Returns how many facts were left out.
fn leave_out_classes(f: &mut FileFacts, text: &str, classes: &[std::ops::Range<usize>]) -> usize {
    if classes.is_empty() {
        return 0;
    }
    let inside = |at: usize| classes.iter().any(|r| r.contains(&at));
    let before = f.functions.len() + f.calls.len() + f.file_idents.len();
    f.functions.retain(|x| !inside(x.name_range.start));
    f.calls.retain(|c| !inside(c.range().start));
    let toks = aics_core::c::lexer::lex(text, 0);
    let in_classes: HashSet<&str> =
        toks.iter().filter(|t| t.kind == aics_core::c::lexer::TokKind::Ident && inside(t.lo())).map(|t| t.text(text, 0)).collect();
    f.file_idents.retain(|n| !in_classes.contains(n));
    before - (f.functions.len() + f.calls.len() + f.file_idents.len())
}

/// (C and C++ files compared, files whose facts differ) over `files`, counting what was
/// allowed into `allowed`.
fn compare(files: &[PathBuf], allowed: &Allowed) -> (usize, Vec<String>) {
    differing(files, ["declarations read", "declarations parsed"], &|text, lang| {
        Some({
            let (mut read, mut parsed) = match lang {
                // (Parsed as the rest is, also a file read from plain heads alone: the
                // plain_heads test compares that reading with this parse.)
                Lang::C => (facts::extract_parsing_heads(text, lang, &|_| false), facts::extract_parsing_every_declaration(text)),
                Lang::Cpp => (facts::extract_cpp_with(text, &free_only), facts::extract_cpp_parsing_every_declaration(text, &free_only)),
            };
            parsed.had_parse_errors = read.had_parse_errors;
            // Nor how many branch configurations were parsed: a unit test whose mock
            // declarations tangled its parse needs one configuration without them.
            parsed.variants_parsed = read.variants_parsed;
            if lang == Lang::Cpp {
                let classes = macro_classes(text);
                let n = leave_out_classes(&mut read, text, &classes) + leave_out_classes(&mut parsed, text, &classes);
                allowed.in_macro_classes.fetch_add(n, Ordering::Relaxed);
            }
            let key = |c: &facts::Call| (c.name.clone(), c.range(), c.args.clone());
            let read_calls: HashSet<_> = read.calls.iter().map(key).collect();
            let dropped = drop_outside_unmatched(&mut parsed, |f| &mut f.calls, |c| c.range().start, |c| read_calls.contains(&key(c)));
            allowed.misread_calls.fetch_add(dropped, Ordering::Relaxed);
            if read.variants_parsed > 1 {
                let key = |i: &facts::Init| (i.name.clone(), i.range.clone(), i.value.clone());
                let parsed_inits: HashSet<_> = parsed.inits.iter().map(key).collect();
                let dropped = drop_outside_unmatched(&mut read, |f| &mut f.inits, |i| i.range.start, |i| parsed_inits.contains(&key(i)));
                allowed.branch_inits.fetch_add(dropped, Ordering::Relaxed);
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

fn report(n: usize, allowed: &Allowed) {
    eprintln!(
        "{n} C and C++ files read the same, but for {} calls outside function bodies only the parser read, {} initialisers in branches only the tokens read, and {} facts in classes declared by a macro, not compared",
        allowed.misread_calls.load(Ordering::Relaxed),
        allowed.branch_inits.load(Ordering::Relaxed),
        allowed.in_macro_classes.load(Ordering::Relaxed)
    );
}

#[test]
fn reading_cold_declarations_gives_the_facts_of_parsing_them() {
    let mut files = corpus_files();
    // (And the SDK's C and C++ unit tests of `tests/data/test-heads`: `agentmacros_ut.cpp`'s
    // anonymous namespace was read as a function body, its facts not the parser's.)
    let test_heads = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/test-heads");
    files.extend(fixture_files("data/test-heads").into_iter().filter(|p| p.starts_with(&test_heads)));
    let allowed = Allowed::default();
    let (n, differ) = compare(&files, &allowed);
    assert!(differ.is_empty(), "{} of {n} files differ:\n{}", differ.len(), differ.join("\n"));
    report(n, &allowed);
}

/// The same over whole SDK checkouts in the folder `AICS_REAL_TREES` names. Run on demand:
/// `AICS_REAL_TREES=DIR cargo test --release -p aics-core --test cold_declarations -- --ignored`.
#[test]
#[ignore = "needs the SDK checkouts of the real-tree benchmark in AICS_REAL_TREES"]
fn reading_cold_declarations_on_real_trees() {
    let files = real_tree_files();
    let allowed = Allowed::default();
    let (n, differ) = compare(&files, &allowed);
    assert!(differ.is_empty(), "{} of {n} files differ:\n{}", differ.len(), differ.join("\n"));
    report(n, &allowed);
}
