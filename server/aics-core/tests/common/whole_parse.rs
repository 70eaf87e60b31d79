//! What the tests of a reading that spares the parser part of a C or C++ file (from heads alone,
//! or in islands) share: the fixture files they run over beside the corpus, and the facts
//! the whole parse misreads out of directive lines, which such a reading does not have.

use std::path::{Path, PathBuf};

use aics_core::c::facts::FileFacts;

/// Every C and C++ source and header of the fixtures and of `tests/<data>`.
pub fn fixture_files(data: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures"), Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join(data)];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| ["c", "h", "cpp", "hpp", "cc", "ino"].iter().any(|e| x == *e)) {
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
    whole.calls.retain(|c| !in_directive(&c.range()) || read.calls.iter().any(|x| x.range() == c.range()));
    whole.assigns.retain(|a| !in_directive(&a.range()) || read.assigns.iter().any(|x| x.range() == a.range()));
    whole.inits.retain(|i| !in_directive(&i.range) || read.inits.iter().any(|x| x.range == i.range));
    before - whole.calls.len() - whole.assigns.len() - whole.inits.len()
}

/// Drops from `whole` (the facts of a whole parse of `text`, tangled by conditional
/// directives, some of whose branch configurations had errors out of `islands`) the calls
/// its tangled parse reads that no configuration did and `read` (a reading that parses
/// `islands` alone) does not have: out of the islands, code the tokens read (a head split
/// by `#ifdef` read as a call); in them, the head of a function the configurations read, a
/// member call (`client_ptr -> f(...)` read as a call of `f`), or a call they read with its
/// arguments as each writes them, again with arguments across the directives. (The
/// islands' configurations all parse cleanly and hold every line, and their tangled parse
/// is not read.) Returns how many were dropped.
#[allow(dead_code)] // (not every reading's test asks for it)
pub fn drop_tangled_extras(text: &str, read: &FileFacts, whole: &mut FileFacts, islands: &[std::ops::Range<usize>]) -> usize {
    let outside = |r: &std::ops::Range<usize>| !islands.iter().any(|i| i.start <= r.start && r.start < i.end);
    let member = |c: &aics_core::c::facts::Call| {
        let before = text[..c.name_range().start].trim_end();
        before.ends_with("->") || before.ends_with('.')
    };
    let reread = |c: &aics_core::c::facts::Call| read.calls.iter().any(|x| x.name_range() == c.name_range()) || read.functions.iter().any(|f| f.name_range == c.name_range()) || member(c);
    let n = whole.calls.len();
    whole.calls.retain(|c| read.calls.iter().any(|x| x.range() == c.range()) || !(outside(&c.range()) || reread(c)));
    n - whole.calls.len()
}

/// `text` with `ranges` blanked (newlines kept: every offset and line stays).
#[allow(dead_code)] // (not every reading's test asks for it)
pub fn without(text: &str, ranges: &[std::ops::Range<usize>]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for r in ranges {
        for b in &mut bytes[r.clone()] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// `f` without the facts that start in `ranges`, and without the identifiers outside
/// function bodies (those of the items are the tokens'); read as `read` was.
#[allow(dead_code)] // (not every reading's test asks for it)
pub fn outside(mut f: FileFacts, ranges: &[std::ops::Range<usize>], read: &FileFacts) -> FileFacts {
    let inside = |at: usize| ranges.iter().any(|r| r.start <= at && at < r.end);
    f.functions.retain(|d| !inside(d.name_range.start));
    f.calls.retain(|c| !inside(c.name_range().start));
    f.assigns.retain(|a| !inside(a.start()));
    f.inits.retain(|i| !inside(i.range.start));
    f.file_idents = Default::default();
    (f.variants_parsed, f.had_parse_errors) = (read.variants_parsed, read.had_parse_errors);
    f
}
