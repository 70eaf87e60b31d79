//! What the tests of a reading that spares the parser part of a C file (from heads alone,
//! or in islands) share: the fixture files they run over beside the corpus, and the facts
//! the whole parse misreads out of directive lines, which such a reading does not have.

use std::path::{Path, PathBuf};

use aics_core::c::facts::FileFacts;

/// Every C source and header of the fixtures and of `tests/<data>`.
pub fn fixture_files(data: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures"), Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join(data)];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "c" || x == "h") {
                out.push(p);
            }
        }
    }
    out
}

/// Drops from `whole` (the facts of a whole parse of `text`) the calls, assignments and
/// initialisers that start on a directive line and that `read` does not have: a `#define`
/// continued after a comment (`/* ... */ \`, netxduo's `nx_port.h`) reads to tree-sitter-c
/// as a directive that ends at the comment and code after it. The directive scan and the
/// tokens read the whole logical line as the directive, as the compiler does. Returns how
/// many were dropped.
pub fn drop_directive_misreads(text: &str, read: &FileFacts, whole: &mut FileFacts) -> usize {
    let lines = aics_core::c::preprocess::directive_lines(text);
    let in_directive = |r: &std::ops::Range<usize>| aics_core::c::preprocess::overlaps(&lines, &(r.start..r.start + 1));
    let before = whole.calls.len() + whole.assigns.len() + whole.inits.len();
    whole.calls.retain(|c| !in_directive(&c.range) || read.calls.iter().any(|x| x.range == c.range));
    whole.assigns.retain(|a| !in_directive(&a.range()) || read.assigns.iter().any(|x| x.range() == a.range()));
    whole.inits.retain(|i| !in_directive(&i.range) || read.inits.iter().any(|x| x.range == i.range));
    before - whole.calls.len() - whole.assigns.len() - whole.inits.len()
}
