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
    use aics_core::c::preprocess::{directive_lines, unconditional_includes};
    let tests = &aics_core::c::sdk::tables().unit_tests;
    sources
        .into_iter()
        .map(|s| {
            // (The include lines as the reading finds and names them.)
            let mut bytes = s.text.as_bytes().to_vec();
            for line in directive_lines(&s.text) {
                if unconditional_includes(&s.text[line.clone()]).any(|name| tests.is_test_header(name)) {
                    bytes[line].iter_mut().filter(|b| **b != b'\n').for_each(|b| *b = b' ');
                }
            }
            SourceFile::new(s.path.as_ref().clone(), String::from_utf8(bytes).expect("blanks are ASCII"))
        })
        .collect()
}
