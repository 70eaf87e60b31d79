//! The files a face expects edits in (`AnalysisCache::set_focus`, the language server's
//! open documents): the first analysis of a workspace, which checks every program, keeps
//! the symbol indices of the programs that contain them, so the first edit re-indexes the
//! edited file alone; the findings are what a fresh analysis reports. Work counters, never
//! wall time.

mod common;

use std::path::{Path, PathBuf};

use aics_core::{analyze, analyze_cached, AnalysisCache, AnalysisOptions, SourceFile};

fn programs() -> Vec<SourceFile> {
    common::under(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/programs"))
}

fn rendered(a: &aics_core::Analysis) -> Vec<String> {
    a.diagnostics.iter().map(|d| format!("{d:?}")).collect()
}

/// The files indexed by the first edit of `path` after a first analysis with (or without)
/// `path` in focus; every analysis checked against a fresh one.
fn first_edit_indexes(focus: bool) -> usize {
    let mut sources = programs();
    assert!(sources.len() > 100, "the fixture programs are missing: {}", sources.len());
    let path = PathBuf::from("/ws/iothubll-correct/main.c");
    let options = AnalysisOptions::default();
    let cache = AnalysisCache::default();
    if focus {
        cache.set_focus(vec![path.clone()]);
    }
    let first = analyze_cached(&sources, &options, &cache);
    assert_eq!(rendered(&first), rendered(&analyze(&sources, &options)));
    let s = sources.iter_mut().find(|s| *s.path == path).unwrap();
    // Typed at the start of the file: every place in it moves.
    s.text = format!("x{}", s.text).into();
    let w0 = cache.work();
    let cached = analyze_cached(&sources, &options, &cache);
    let w = cache.work() - w0;
    assert_eq!(w.programs_checked, 1);
    assert_eq!(rendered(&cached), rendered(&analyze(&sources, &options)));
    w.symbol_files_indexed
}

#[test]
fn the_first_edit_of_a_focused_file_reindexes_that_file_alone() {
    let with = first_edit_indexes(true);
    let without = first_edit_indexes(false);
    // The whole set's index re-reads the edited file; so does the kept program index.
    assert_eq!(with, 2, "with the file in focus");
    assert!(without > with, "without focus the program's index is built again: {without} files");
}
