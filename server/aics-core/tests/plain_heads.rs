//! A C or C++ file whose code reads from tokens but for the heads of its function bodies
//! (every body and file-level declaration read from tokens, each head plain or one of the
//! test frameworks' shapes the parser reads one way: `light::plain_heads`) is not parsed:
//! the parser would read nothing but those heads, the directive lines and the comments.
//! Over every C and C++ file of the real-world corpus (`tests/realworld`), of the fixtures
//! and of `tests/data/plain-heads` and `tests/data/test-heads` (the SDKs' own tests, C and
//! C++, MIT, with their provenance), and
//! of the SDK checkouts under `AICS_REAL_TREES` when that is set, the facts of such a file
//! must be those of the
//! extraction that parses it; only how it was read differs (no configuration parsed, no
//! parse errors to tell), and but for what the parser misreads out of a directive line:
//! a `#define` continued after a comment (`/* ... */ \`, netxduo's `nx_port.h`) reads to
//! tree-sitter-c as a directive that ends at the comment and code after it, the macro's
//! statements as file-level assignments. The directive scan and the tokens read the whole
//! logical line as the directive, as the compiler does; those facts are counted.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use aics_core::c::facts::{self, Lang};

#[path = "common/facts_records.rs"]
#[allow(dead_code)] // (`free_only`: both readings are compared without it)
mod facts_records;
use facts_records::{corpus_files, differing, real_tree_files};

#[path = "common/whole_parse.rs"]
mod whole_parse;
use whole_parse::{drop_directive_misreads, fixture_files};

/// (files read from heads, files whose facts differ) over `files`; `misread` counts the
/// facts only the parse has inside directive lines.
fn compare(files: &[PathBuf], misread: &AtomicUsize) -> (usize, Vec<String>) {
    differing(files, ["heads", "parsed"], &|text, lang| {
        // (A file with items read from tokens because the parser reads them only by error
        // recovery is compared with a parse without them: `tests/hard_items.rs`.)
        if !facts::reads_heads_only(text, lang) || facts::reads_hard_items(text, lang) {
            return None;
        }
        let read = facts::extract_lang(text, lang);
        let mut parsed = facts::extract_parsing_heads(text, lang, &|_| false);
        assert_eq!(read.variants_parsed, 0, "a file read from heads is not parsed");
        assert!(parsed.variants_parsed >= 1);
        (parsed.variants_parsed, parsed.had_parse_errors) = (read.variants_parsed, read.had_parse_errors);
        let dropped = drop_directive_misreads(text, &read, &mut parsed);
        misread.fetch_add(dropped, Ordering::Relaxed);
        Some((read, parsed))
    })
}

#[test]
fn a_file_read_from_plain_heads_has_the_facts_of_its_parse() {
    let mut files = corpus_files();
    files.extend(fixture_files("data/plain-heads"));
    // (And the C and C++ unit tests of `tests/data/test-heads`.)
    let test_heads = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/test-heads");
    files.extend(fixture_files("data/test-heads").into_iter().filter(|p| p.starts_with(&test_heads)));
    let misread = AtomicUsize::new(0);
    let (read, differ) = compare(&files, &misread);
    assert!(read >= 100, "only {read} files read from heads in the corpus and fixtures: the test would prove little");
    // The SDKs' test shapes are read without a parse (each of the three files).
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/plain-heads");
    for f in ["azure-iot-sdk-c/iothubclient_diagnostic_ut.c", "azure-iot-sdk-c/iothub_invalidcert_e2e.c", "azure-sdk-for-c/test_az_url_encode.c"] {
        let text = std::fs::read_to_string(data.join(f)).expect(f);
        assert!(facts::reads_heads_only(&text, Lang::C), "{f} is parsed");
    }
    // In C++ as tree-sitter-cpp reads the test shapes: `BEGIN_TEST_SUITE(s)` and
    // `END_TEST_SUITE(s)` calls, each head a function named by its macro.
    let cpp_test = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/test-heads/azure-iot-sdk-c/iothub_sc_version_ut.cpp");
    let text = std::fs::read_to_string(cpp_test).expect("the C++ test");
    assert!(facts::reads_heads_only(&text, Lang::Cpp), "the C++ test is parsed");
    let cpp = facts::extract_lang(&text, Lang::Cpp);
    let names = |f: &facts::FileFacts| f.functions.iter().map(|x| x.name.to_string()).collect::<Vec<_>>();
    assert_eq!(names(&cpp), ["TEST_SUITE_INITIALIZE", "TEST_SUITE_CLEANUP", "TEST_FUNCTION_INITIALIZE", "TEST_FUNCTION_CLEANUP", "TEST_FUNCTION", "TEST_FUNCTION"]);
    let suite: Vec<&str> = cpp.calls.iter().map(|c| c.name.as_str()).filter(|n| n.ends_with("TEST_SUITE")).collect();
    assert_eq!(suite, ["BEGIN_TEST_SUITE", "END_TEST_SUITE"]);
    assert!(differ.is_empty(), "{} of {read} files differ:\n{}", differ.len(), differ.join("\n"));
    eprintln!("{read} files of {} read from heads, as their parse reads them ({} facts the parser misread out of directive lines)", files.len(), misread.into_inner());
}

/// The same over whole SDK checkouts in the folder `AICS_REAL_TREES` names, as the
/// real-tree benchmark reads them. Run on demand (they are not in the repo):
/// `AICS_REAL_TREES=DIR cargo test --release -p aics-core --test plain_heads -- --ignored`.
#[test]
#[ignore = "needs the SDK checkouts of the real-tree benchmark in AICS_REAL_TREES"]
fn a_file_read_from_plain_heads_on_real_trees() {
    let files = real_tree_files();
    let misread = AtomicUsize::new(0);
    let (read, differ) = compare(&files, &misread);
    assert!(differ.is_empty(), "{} of {read} files differ:\n{}", differ.len(), differ.join("\n"));
    eprintln!("{read} files of {} read from heads, as their parse reads them ({} facts the parser misread out of directive lines)", files.len(), misread.into_inner());
}
