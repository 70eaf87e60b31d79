//! A C or C++ file read from tokens but for the heads of its bodies and some islands of
//! code the tokens do not read (a function whose body they do not read, with its head; a
//! head that is not plain; a declaration they do not read), each a whole top-level item or
//! run of them (`light::plain_heads`), is parsed in those islands alone. Over every C and
//! C++ file of the real-world corpus (`tests/realworld`), of the fixtures, and of the SDK
//! checkouts under `AICS_REAL_TREES` when that is set, the facts of such a file must be
//! those of the extraction that parses the whole file (its cold bodies and declarations
//! skipped), but
//! for what the parser misreads out of directive lines outside the islands (as in
//! `tests/plain_heads.rs`: a `#define` continued after a comment) and what the whole
//! file's tangled parse reads beyond its branch configurations (below). A file whose
//! islands the parser reads with errors out of a function body is parsed whole (then the
//! two readings are one).

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use aics_core::c::facts::{self, Lang};

#[path = "common/facts_records.rs"]
#[allow(dead_code)] // (`free_only`: both readings are compared without it)
mod facts_records;
use facts_records::{corpus_files, differing, real_tree_files};

#[path = "common/whole_parse.rs"]
mod whole_parse;
use whole_parse::{drop_directive_misreads, drop_tangled_extras, fixture_files};

/// (files parsed in islands, files whose facts differ) over `files`; `misread` counts the
/// facts only the whole parse has inside directive lines, or out of the islands in a
/// tangled parse.
fn compare(files: &[PathBuf], misread: &AtomicUsize) -> (usize, Vec<String>) {
    differing(files, ["islands", "whole"], &|text, lang| {
        // (A file with items read from tokens because the parser reads them only by error
        // recovery is compared with a parse without them: `tests/hard_items.rs`.)
        if facts::reads_hard_items(text, lang) {
            return None;
        }
        let islands = facts::islands(text, lang)?;
        let read = facts::extract_lang(text, lang);
        let mut whole = facts::extract_parsing_heads(text, lang, &|_| false);
        let mut dropped = drop_directive_misreads(text, &read, &mut whole);
        if whole.variants_parsed > 1 && read.variants_parsed > 1 {
            dropped += drop_tangled_extras(text, &read, &mut whole, &islands);
        }
        misread.fetch_add(dropped, Ordering::Relaxed);
        // (How many configurations were parsed, and whether with errors, is not compared:
        // the whole parse's errors outside the islands are in what the tokens read.)
        (whole.variants_parsed, whole.had_parse_errors) = (read.variants_parsed, read.had_parse_errors);
        Some((read, whole))
    })
}

#[test]
fn a_file_parsed_in_islands_has_the_facts_of_its_whole_parse() {
    let mut files = corpus_files();
    files.extend(fixture_files("data"));
    let misread = AtomicUsize::new(0);
    let (read, differ) = compare(&files, &misread);
    assert!(read >= 20, "only {read} files parsed in islands in the corpus and fixtures: the test would prove little");
    assert!(differ.is_empty(), "{} of {read} files differ:\n{}", differ.len(), differ.join("\n"));
    eprintln!("{read} files of {} parsed in islands, as their whole parse reads them ({} facts the parser misread out of directive lines or islands)", files.len(), misread.into_inner());
}

/// A netxduo test copied under `tests/data/islands/netxduo` (MIT, see its PROVENANCE).
fn netxduo_test(name: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/islands/netxduo").join(name)).expect(name)
}

/// netxduo's tests choose their entry heads by nested groups inside a group around the
/// whole test (`tests/data/islands/netxduo`, MIT, with provenance). They are parsed in
/// islands that take in the lines opening those groups, in configurations that follow the
/// nesting: every head of every configuration is read (the whole file's configurations,
/// branch k of every group, never take `CTEST` under `#else` under the outer first
/// branch), and heads that share a body each have its names.
#[test]
fn heads_chosen_by_nested_groups_are_read_in_islands() {
    let cases: [(&str, &[&str], &str); 2] = [
        (
            "nx_secure_tls_client_handshake_test.c",
            &["tx_application_define", "test_application_define", "nx_secure_tls_client_handshake_test_application_define", "ntest_0_entry", "ntest_1_entry", "test_application_define", "nx_secure_tls_client_handshake_test_application_define"],
            "tx_thread_create",
        ),
        ("netx_tahi_dhcpv6_test_04_018.c", &["test_application_define", "netx_tahi_dhcpv6_test_04_018_define", "dhcpv6_client_thread_entry", "test_application_define", "netx_tahi_dhcpv6_test_04_018_define"], "nx_dhcpv6_client_create"),
    ];
    for (name, heads, called) in cases {
        let text = netxduo_test(name);
        let islands = facts::islands(&text, Lang::C).unwrap_or_else(|| panic!("{name} is not parsed in islands"));
        let read = facts::extract_lang(&text, Lang::C);
        assert_eq!(read.functions.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), heads, "{name}");
        assert!(read.variants_parsed >= 2 && !read.had_parse_errors, "{name}: the islands' configurations parse cleanly");
        // The first island opens with the first group of heads: its directive line is in it.
        assert!(text[islands[0].clone()].trim_start().starts_with('#'), "{name}: {:?}", &text[islands[0].clone()][..40]);
        // Heads that share the first body each have its names.
        let first = &read.functions[0].body;
        let sharing: Vec<_> = read.functions.iter().filter(|f| &f.body == first).collect();
        assert!(sharing.len() >= 2 && sharing.iter().all(|f| f.idents.iter().any(|n| n == called)), "{name}: {:?}", sharing.iter().map(|f| f.name.as_str()).collect::<Vec<_>>());
    }
}

/// An `#if 0` group outside the islands (here in a function body read from tokens) is in
/// no configuration of theirs and does not send the file to a whole parse: the islands are
/// read in the configurations that follow the nesting, every head of each, and what the
/// dead branch calls is still read from tokens.
#[test]
fn a_dead_group_outside_the_islands_leaves_the_file_read_in_islands() {
    let name = "nx_secure_tls_session_start_test.c";
    let text = netxduo_test(name);
    let dead = text.find("#if 0").expect("a dead group");
    let islands = facts::islands(&text, Lang::C).expect("read in islands");
    assert!(!islands.iter().any(|i| i.contains(&dead)), "the dead group is outside the islands");
    let read = facts::extract_lang(&text, Lang::C);
    assert_eq!((read.variants_parsed, read.had_parse_errors), (3, false));
    let heads: Vec<&str> = read.functions.iter().map(|f| f.name.as_str()).filter(|n| n.ends_with("application_define")).collect();
    assert_eq!(heads, ["tx_application_define", "test_application_define", "nx_secure_tls_session_start_test_application_define", "test_application_define", "nx_secure_tls_session_start_test_application_define"]);
    // No head of the outer `#else` read as a call, as the tangled whole parse read it.
    assert!(!read.calls.iter().any(|c| c.name.ends_with("application_define")), "{:?}", read.calls.iter().filter(|c| c.name.ends_with("application_define")).map(|c| c.name.as_str()).collect::<Vec<_>>());
    let in_dead = read.calls.iter().find(|c| c.name == "_nx_secure_tls_session_sni_extension_parse" && c.name_range().start > dead).expect("the dead branch's call, from tokens");
    assert!(in_dead.name_range().start < text[dead..].find("#endif").unwrap() + dead);
}

/// The same over whole SDK checkouts in the folder `AICS_REAL_TREES` names, as the
/// real-tree benchmark reads them. Run on demand (they are not in the repo):
/// `AICS_REAL_TREES=DIR cargo test --release -p aics-core --test islands -- --ignored`.
#[test]
#[ignore = "needs the SDK checkouts of the real-tree benchmark in AICS_REAL_TREES"]
fn a_file_parsed_in_islands_on_real_trees() {
    let files = real_tree_files();
    let misread = AtomicUsize::new(0);
    let (read, differ) = compare(&files, &misread);
    assert!(differ.is_empty(), "{} of {read} files differ:\n{}", differ.len(), differ.join("\n"));
    eprintln!("{read} files of {} parsed in islands, as their whole parse reads them ({} facts the parser misread out of directive lines or islands)", files.len(), misread.into_inner());
}
