//! In a C++ file, a cold body (read from tokens) whose head is a test framework's macro
//! with one name, `TEST_FUNCTION(name) {`, right after another cold body's `}`, is not
//! parsed at all, head included: tree-sitter-cpp reads such a head there as a function of
//! the macro's name without parameters, and the front-end gives that function itself.
//! Over every C++ file of the real-world corpus (`tests/realworld`) and of
//! `tests/data/cpp-shells` (three of azure-iot-sdk-c's C++ unit tests, MIT, with their
//! provenance), and of the SDK checkouts under `AICS_REAL_TREES` when that is set, the
//! facts must be those of the
//! extraction that parses those heads, but for one thing the parser adds: a head it reads
//! inside an error it recovers from is also read as a call of the macro
//! (azure-iot-sdk-c's `jsondecoder_ut.cpp` and `dataserializer_ut.cpp`: `call
//! TEST_FUNCTION` at each head's name, 124 and 11 of them). Those calls are counted.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use aics_core::c::facts::{self, FileFacts, Lang};

#[path = "common/facts_records.rs"]
mod facts_records;
use facts_records::{corpus_files, differing, free_only, real_tree_files};

/// (C++ files with shells, files whose facts differ, shells) over `files`; `head_calls`
/// counts the calls the parse reads at a shell's head.
fn compare(files: &[PathBuf], shells: &AtomicUsize, head_calls: &AtomicUsize) -> (usize, Vec<String>) {
    differing(files, ["shells", "parsed"], &|text, lang| {
        let n = if lang == Lang::Cpp { facts::cpp_shells(text) } else { 0 };
        if n == 0 {
            return None;
        }
        shells.fetch_add(n, Ordering::Relaxed);
        let read: FileFacts = facts::extract_cpp_with(text, &free_only);
        let mut parsed = facts::extract_parsing_heads(text, Lang::Cpp, &free_only);
        // A call the parse reads where a function's name is, of that name: a head read twice.
        let before = parsed.calls.len();
        parsed.calls.retain(|c| !read.functions.iter().any(|f| f.name_range == c.name_range && f.name == c.name) || read.calls.iter().any(|x| x.range == c.range));
        head_calls.fetch_add(before - parsed.calls.len(), Ordering::Relaxed);
        (parsed.variants_parsed, parsed.had_parse_errors) = (read.variants_parsed, read.had_parse_errors);
        // (The records leave out whether a function is static: it decides what links to it.)
        let statics = |f: &FileFacts| f.functions.iter().map(|x| (x.name_range.start, x.is_static)).collect::<Vec<_>>();
        assert_eq!(statics(&read), statics(&parsed), "which functions are static");
        Some((read, parsed))
    })
}

fn data_files() -> Vec<PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/cpp-shells/azure-iot-sdk-c");
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir).expect("tests/data/cpp-shells").flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "cpp")).collect();
    out.sort();
    out
}

#[test]
fn test_heads_after_a_body_read_without_the_parser_give_the_parsers_facts() {
    let (shells, head_calls) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let files: Vec<PathBuf> = corpus_files().into_iter().chain(data_files()).collect();
    let (files, differ) = compare(&files, &shells, &head_calls);
    let shells = shells.load(Ordering::Relaxed);
    assert!(shells >= 40, "only {shells} test heads in {files} C++ files of the corpus: the test would prove little");
    assert!(differ.is_empty(), "{} of {files} files differ:\n{}", differ.len(), differ.join("\n"));
    // dataserializer_ut.cpp: the parse reads its heads inside an error it recovers from.
    assert!(head_calls.load(Ordering::Relaxed) >= 10, "the heads the parse also reads as calls are left out");
    eprintln!("{shells} test heads in {files} C++ files read as parsed ({} head calls of the parse left out)", head_calls.load(Ordering::Relaxed));
}

/// A head after a macro invoked at file level or with a directive line before it stays
/// parsed; the others are read as the parser reads them.
#[test]
fn only_heads_right_after_a_body_are_taken() {
    let t = "#include \"testrunnerswitcher.h\"\nBEGIN_TEST_SUITE(s)\n\nTEST_FUNCTION(first)\n{\n    f(1);\n}\n\nTEST_FUNCTION(second)\n{\n    g(2);\n}\n\n\
             #ifdef EXTRA\nTEST_FUNCTION(third)\n{\n    h(3);\n}\n#endif\n\nTEST_FUNCTION(fourth)\n{\n    k(4);\n}\n\nTEST_FUNCTION(fifth)\n{\n    m(5);\n}\n\nEND_TEST_SUITE(s)\n";
    // `first` follows a macro, `third` and `fourth` a directive line; `second` and `fifth`
    // follow a body.
    assert_eq!(facts::cpp_shells(t), 2);
    let read = facts::extract_cpp_with(t, &free_only);
    let parsed = facts::extract_parsing_heads(t, Lang::Cpp, &free_only);
    let fns = |f: &FileFacts| f.functions.iter().map(|x| (x.name.clone(), x.name_range.clone(), x.body.clone(), x.params.clone())).collect::<Vec<_>>();
    assert_eq!(fns(&read), fns(&parsed));
    assert_eq!(read.functions.len(), 5);
    let calls = |f: &FileFacts| f.calls.iter().map(|c| (c.name.clone(), c.range.clone())).collect::<Vec<_>>();
    assert_eq!(calls(&read), calls(&parsed));
    // The bodies' calls belong to their tests.
    let m = read.calls.iter().find(|c| c.name == "m").expect("the call in the fifth test");
    assert!(read.functions[4].body.contains(&m.range.start));
    assert_eq!(read.functions[4].name, "TEST_FUNCTION");
}

/// The same over whole SDK checkouts in the folder `AICS_REAL_TREES` names. Run on demand:
/// `AICS_REAL_TREES=DIR cargo test --release -p aics-core --test cpp_shells -- --ignored`.
#[test]
#[ignore = "needs the SDK checkouts of the real-tree benchmark in AICS_REAL_TREES"]
fn test_heads_on_real_trees() {
    let (shells, head_calls) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let (files, differ) = compare(&real_tree_files(), &shells, &head_calls);
    assert!(differ.is_empty(), "{} of {files} files differ:\n{}", differ.len(), differ.join("\n"));
    eprintln!("{} test heads in {files} C++ files read as parsed ({} head calls of the parse left out)", shells.load(Ordering::Relaxed), head_calls.load(Ordering::Relaxed));
}
