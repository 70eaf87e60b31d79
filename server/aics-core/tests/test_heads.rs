//! In a file that is parsed, a cold body (read from tokens) whose head is a test
//! framework's macro with one name, `TEST_FUNCTION(name) {`, right after another cold
//! body's `}`, is not parsed at all, head included: there tree-sitter-cpp reads a function
//! of the macro's name without parameters, which the front-end gives itself, and
//! tree-sitter-c reads nothing. Over every C and C++ file of the real-world corpus
//! (`tests/realworld`) and of `tests/data/test-heads` (four of azure-iot-sdk-c's unit tests,
//! MIT, with their provenance), and of the SDK checkouts under `AICS_REAL_TREES` when that
//! is set, the facts must be those of the extraction that parses those heads. (The C++
//! parse once also read a head as a call of the macro, inside an error it recovered from
//! that began at the file's micromock class: `call TEST_FUNCTION` at each head's name in
//! azure-iot-sdk-c's `jsondecoder_ut.cpp` and `dataserializer_ut.cpp`, 124 and 11 of them.
//! Those classes are read from tokens now, and no head is read twice.)

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use aics_core::c::facts::{self, FileFacts, Lang};

#[path = "common/facts_records.rs"]
mod facts_records;
use facts_records::{corpus_files, differing, free_only, real_tree_files};

#[path = "common/whole_parse.rs"]
#[allow(dead_code)] // (the fixtures and directive misreads: the other readings' tests)
mod whole_parse;
use whole_parse::{outside, without};

/// Heads counted over a run: (C, C++).
#[derive(Default)]
struct Counts(AtomicUsize, AtomicUsize);

/// (files with heads read without the parser, files whose facts differ) over `files`.
fn compare(files: &[PathBuf], counts: &Counts) -> (usize, Vec<String>) {
    differing(files, ["heads", "parsed"], &|text, lang| {
        let n = facts::test_heads(text, lang);
        if n == 0 {
            return None;
        }
        match lang {
            Lang::C => counts.0.fetch_add(n, Ordering::Relaxed),
            Lang::Cpp => counts.1.fetch_add(n, Ordering::Relaxed),
        };
        // (Items read from tokens because the parser reads them only by error recovery:
        // the rest compared with a parse without them, as in `tests/hard_items.rs`.)
        let (read, mut parsed): (FileFacts, FileFacts) = match facts::extract_reporting_hard_items(text, lang) {
            (read, Some(hard)) if !hard.is_empty() => {
                let parsed = facts::extract_parsing_heads(&without(text, &hard), lang, &|_| false);
                (outside(read.clone(), &hard, &read), outside(parsed, &hard, &read))
            }
            (read, _) => (read, facts::extract_parsing_heads(text, lang, &|_| false)),
        };
        (parsed.variants_parsed, parsed.had_parse_errors) = (read.variants_parsed, read.had_parse_errors);
        // (The records leave out whether a function is static: it decides what links to it.)
        let statics = |f: &FileFacts| f.functions.iter().map(|x| (x.name_range.start, x.is_static)).collect::<Vec<_>>();
        assert_eq!(statics(&read), statics(&parsed), "which functions are static");
        Some((read, parsed))
    })
}

fn data_files() -> Vec<PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/test-heads/azure-iot-sdk-c");
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir).expect("tests/data/test-heads").flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "cpp" || x == "c")).collect();
    out.sort();
    out
}

#[test]
fn test_heads_after_a_body_read_without_the_parser_give_the_parsers_facts() {
    let counts = Counts::default();
    let files: Vec<PathBuf> = corpus_files().into_iter().chain(data_files()).collect();
    let (files, differ) = compare(&files, &counts);
    let (c, cpp) = (counts.0.load(Ordering::Relaxed), counts.1.load(Ordering::Relaxed));
    assert!(c >= 20 && cpp >= 40, "only {c} C and {cpp} C++ test heads in {files} files: the test would prove little");
    assert!(differ.is_empty(), "{} of {files} files differ:\n{}", differ.len(), differ.join("\n"));
    eprintln!("{c} C and {cpp} C++ test heads in {files} files read as parsed");
}

const SUITE: &str = "#include \"testrunnerswitcher.h\"\n#include \"iothub_device_client_ll.h\"\nBEGIN_TEST_SUITE(s)\n\nTEST_FUNCTION(first)\n{\n    f(1);\n}\n\n\
     TEST_FUNCTION(second)\n{\n    g(2);\n}\n\n#ifdef EXTRA\nTEST_FUNCTION(third)\n{\n    h(3);\n}\n#endif\n\n\
     TEST_FUNCTION(fourth)\n{\n    k(4);\n}\n\nTEST_FUNCTION(fifth)\n{\n    m(5);\n    IoTHubDeviceClient_LL_Destroy(NULL);\n}\n\nEND_TEST_SUITE(s)\n\n\
     static int pick(int a)\n{\n    return n(a)\n#ifdef A\n        + 1\n#endif\n        ;\n}\n";

/// A head after a macro invoked at file level or with a directive line before it stays
/// parsed; the others are read as the parser reads them.
#[test]
fn only_heads_right_after_a_body_are_taken() {
    // `first` follows a macro, `third` and `fourth` a directive line; `second` and `fifth`
    // follow a body.
    assert_eq!(facts::test_heads(SUITE, Lang::Cpp), 2);
    let read = facts::extract_cpp_with(SUITE, &free_only);
    let parsed = facts::extract_parsing_heads(SUITE, Lang::Cpp, &free_only);
    let fns = |f: &FileFacts| f.functions.iter().map(|x| (x.name.clone(), x.name_range.clone(), x.body.clone(), x.params.clone())).collect::<Vec<_>>();
    assert_eq!(fns(&read), fns(&parsed));
    assert_eq!(read.functions.len(), 6);
    let calls = |f: &FileFacts| f.calls.iter().map(|c| (c.name.clone(), c.range())).collect::<Vec<_>>();
    assert_eq!(calls(&read), calls(&parsed));
    // The bodies' calls belong to their tests.
    let m = read.calls.iter().find(|c| c.name == "m").expect("the call in the fifth test");
    assert!(read.functions[4].body.contains(&m.range().start));
    assert_eq!(read.functions[4].name, "TEST_FUNCTION");
    // The same suite in C (parsed: a directive line inside an expression of the last body):
    // the parser reads no function at those heads, and neither does the front-end.
    assert_eq!(facts::test_heads(SUITE, Lang::C), 2);
    let (read, parsed) = (facts::extract_lang(SUITE, Lang::C), facts::extract_parsing_heads(SUITE, Lang::C, &|_| false));
    assert_eq!(fns(&read), fns(&parsed));
    assert_eq!(calls(&read), calls(&parsed));
    assert!(!read.functions.iter().any(|f| f.body.contains(&m.range().start)));
}

/// The same over whole SDK checkouts in the folder `AICS_REAL_TREES` names. Run on demand:
/// `AICS_REAL_TREES=DIR cargo test --release -p aics-core --test test_heads -- --ignored`.
#[test]
#[ignore = "needs the SDK checkouts of the real-tree benchmark in AICS_REAL_TREES"]
fn test_heads_on_real_trees() {
    let counts = Counts::default();
    let (files, differ) = compare(&real_tree_files(), &counts);
    assert!(differ.is_empty(), "{} of {files} files differ:\n{}", differ.len(), differ.join("\n"));
    eprintln!("{} C and {} C++ test heads in {files} files read as parsed", counts.0.load(Ordering::Relaxed), counts.1.load(Ordering::Relaxed));
}
