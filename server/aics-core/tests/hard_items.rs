//! A C or C++ file read from its heads may hold file-level items the parser reads only by
//! error recovery (`light::HardItems`: a macro invoked without `;` or with an empty first
//! argument, as the mock frameworks' `MOCKABLE_FUNCTION(, T, f, ...)` and the serializer's
//! `BEGIN_NAMESPACE(...) DECLARE_MODEL(...)`; strings joined by macros; a prototype with a
//! macro before its type; a head such as `void f(T *MACRO p)`). Those items are read from
//! tokens, and the rest of the file as before, in islands where the tokens do not read it.
//! Over every C and C++ file of the real-world corpus (`tests/realworld`), of the fixtures,
//! and of the SDK checkouts under `AICS_REAL_TREES` when that is set, the facts of such a file
//! outside those items must be those of a parse of the file without them (the items
//! blanked): the parser's reading of everything else, which its error recovery around the
//! items no longer decides. Inside them, what the tokens read is tested in `light.rs`.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use aics_core::c::facts::{self, Lang};

#[path = "common/facts_records.rs"]
#[allow(dead_code)] // (`free_only`: both readings are compared without it)
mod facts_records;
use facts_records::{corpus_files, differing, real_tree_files};

#[path = "common/whole_parse.rs"]
mod whole_parse;
use whole_parse::{drop_directive_misreads, drop_tangled_extras, fixture_files, outside, without};

/// (files with items read from tokens, files whose facts differ) over `files`; `items`
/// counts the items, `misread` the facts only the parse has inside directive lines.
fn compare(files: &[PathBuf], items: &AtomicUsize, misread: &AtomicUsize) -> (usize, Vec<String>) {
    differing(files, ["read", "parse without the items"], &|text, lang| {
        let (read, hard) = facts::extract_reporting_hard_items(text, lang);
        let hard = hard.filter(|h| !h.is_empty())?;
        items.fetch_add(hard.len(), Ordering::Relaxed);
        let blanked = without(text, &hard);
        let mut parsed = facts::extract_parsing_heads(&blanked, lang, &|_| false);
        let mut dropped = drop_directive_misreads(text, &read, &mut parsed);
        // (A parse tangled by conditional directives reads calls beyond its branch
        // configurations, as `tests/islands.rs` says.)
        if parsed.variants_parsed > 1 {
            dropped += drop_tangled_extras(text, &read, &mut parsed, &facts::islands(text, lang).unwrap_or_default());
        }
        misread.fetch_add(dropped, Ordering::Relaxed);
        let parsed = outside(parsed, &hard, &read);
        let read = outside(read.clone(), &hard, &read);
        Some((read, parsed))
    })
}

#[test]
fn items_read_from_tokens_leave_the_rest_as_a_parse_without_them_reads_it() {
    let mut files = corpus_files();
    files.extend(fixture_files("data/plain-heads"));
    files.extend(fixture_files("data/hard-items"));
    let (items, misread) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let (taken, differ) = compare(&files, &items, &misread);
    assert!(differ.is_empty(), "{} of {taken} files differ:\n{}", differ.len(), differ.join("\n"));
    // The SDK's unit tests with such items are read so (each of the fixtures).
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/hard-items");
    for f in ["azure-iot-sdk-c/methodreturn_ut.c", "azure-iot-sdk-c/iothub_transport_ll_private_ut.c", "azure-iot-sdk-c/serializer_dt_ut.c", "azure-iot-sdk-c/schemalib_without_init_ut.cpp"] {
        let text = std::fs::read_to_string(data.join(f)).expect(f);
        let (read, hard) = facts::extract_reporting_hard_items(&text, Lang::of(Path::new(f), &text));
        assert!(hard.is_some_and(|h| !h.is_empty()), "{f}: no item read from tokens");
        assert!(!read.had_parse_errors, "{f}: parsed with errors");
    }
    eprintln!("{taken} files of {} with {} items read from tokens, the rest as their parse without them reads it ({} facts the parser misread out of directive lines)", files.len(), items.into_inner(), misread.into_inner());
}

/// The same over whole SDK checkouts in the folder `AICS_REAL_TREES` names, as the
/// real-tree benchmark lays them out. Run on demand:
/// `AICS_REAL_TREES=DIR cargo test --release -p aics-core --test hard_items -- --ignored`.
#[test]
#[ignore = "needs the SDK checkouts of the real-tree benchmark in AICS_REAL_TREES"]
fn items_read_from_tokens_in_the_sdk_checkouts_leave_the_rest_as_a_parse_without_them_reads_it() {
    let files = real_tree_files();
    let (items, misread) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let (taken, differ) = compare(&files, &items, &misread);
    assert!(taken >= 20, "only {taken} files with such items in the checkouts: the test would prove little");
    assert!(differ.is_empty(), "{} of {taken} files differ:\n{}", differ.len(), differ.join("\n"));
    eprintln!("{taken} files of {} with {} items read from tokens ({} facts misread out of directive lines)", files.len(), items.into_inner(), misread.into_inner());
}
