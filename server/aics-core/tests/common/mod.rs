//! What several test files share.

use std::path::{Path, PathBuf};

use aics_core::{file_kind, SourceFile};

/// Every C, header and model file under `root`, as a face hands them over from a
/// workspace at `/ws`, sorted by path.
pub fn under(root: &Path) -> Vec<SourceFile> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if file_kind(&p).is_some() {
                let rel: PathBuf = p.strip_prefix(root).unwrap().to_path_buf();
                out.push(SourceFile::new(PathBuf::from("/ws").join(rel), std::fs::read_to_string(&p).unwrap()));
            }
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// `sources` with the include lines of test frameworks' headers blanked (every offset
/// kept): a test suite written without one, which is read as code (as written, a unit
/// test is not read at all, see `aics_core::c::is_unit_test`).
#[allow(dead_code)] // (not every test that includes this module blanks them)
pub fn without_test_frameworks(sources: Vec<SourceFile>) -> Vec<SourceFile> {
    let tests = &aics_core::c::sdk::tables().unit_tests;
    sources
        .into_iter()
        .map(|s| {
            let text: Vec<String> = s
                .text
                .split_inclusive('\n')
                .map(|line| {
                    let name = line.trim().strip_prefix("#include").map(|r| r.trim().trim_matches(|c| matches!(c, '"' | '<' | '>')));
                    if name.is_some_and(|n| tests.is_test_header(n)) { line.replace(|c| c != '\n', " ") } else { line.to_string() }
                })
                .collect();
            SourceFile::new(s.path.as_ref().clone(), text.concat())
        })
        .collect()
}
