//! What the exactness tests of the C front-end share (each compares the facts of a shortcut
//! with those of the extraction without it, over real files): the files of a folder and
//! the facts as sorted, comparable records. Included by path from tests and examples.

use std::path::{Path, PathBuf};

use aics_core::c::facts::{FileFacts, Lang};

/// Every C or C++ file under `dir` (sources, headers, sketches).
pub fn c_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            c_files(&p, out);
        } else if p.extension().is_some_and(|x| ["c", "h", "cpp", "cc", "cxx", "ino", "hpp"].iter().any(|e| x == *e)) {
            out.push(p);
        }
    }
}

/// Every C or C++ file of the real-world corpus (`tests/realworld`); fails when it is missing.
pub fn corpus_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/realworld");
    let mut files = Vec::new();
    c_files(&root, &mut files);
    assert!(files.len() > 50, "the real-world corpus is missing: {}", root.display());
    files
}

/// The SDK checkouts in the folder `AICS_REAL_TREES` names (the real-tree benchmark's;
/// for the tests run with `--ignored`), one folder each, in order.
#[allow(dead_code)] // (for the tests that go tree by tree)
pub fn real_trees() -> Vec<PathBuf> {
    let root = std::env::var("AICS_REAL_TREES").expect("AICS_REAL_TREES names the folder of the SDK checkouts");
    let mut trees: Vec<PathBuf> = std::fs::read_dir(&root).expect("the real trees").flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect();
    trees.sort();
    assert!(!trees.is_empty(), "no checkouts in {root}");
    trees
}

/// Every C or C++ file of the SDK checkouts in the folder `AICS_REAL_TREES` names (the
/// real-tree benchmark's; for the tests run with `--ignored`).
pub fn real_tree_files() -> Vec<PathBuf> {
    let root = std::env::var("AICS_REAL_TREES").expect("AICS_REAL_TREES names the folder of the SDK checkouts");
    let mut files = Vec::new();
    c_files(Path::new(&root), &mut files);
    files
}

/// The facts a rule can read, one line each, sorted.
pub fn records(f: &FileFacts) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    out.extend(f.functions.iter().map(|x| format!("fn {} {:?} {:?} {:?} {:?}", x.name, x.name_range, x.params, x.body, x.idents)));
    out.extend(f.calls.iter().map(|c| format!("call {} {:?} {:?} {:?}", c.name, c.name_range(), c.args, c.range())));
    out.extend(f.assigns.iter().map(|a| format!("assign {:?} {:?} {:?} {:?}", a.target, a.base(), a.value(), a.range())));
    out.extend(f.inits.iter().map(|i| format!("init {} {:?} {:?}", i.name, i.value, i.range)));
    out.extend(f.file_idents.iter().map(|i| format!("file ident {i}")));
    out.sort();
    out
}

/// The entry-point names, which a C++ file does not call as members (as `check` reads it).
pub fn free_only(name: &str) -> bool {
    aics_core::c::sdk::tables().entry_points.names.iter().any(|e| e == name)
}

/// [`records`], and how the file was read (configurations parsed, errors).
pub fn records_read(f: &FileFacts) -> Vec<String> {
    let mut out = records(f);
    out.push(format!("variants {} errors {}", f.variants_parsed, f.had_parse_errors));
    out
}

/// Two extractions of a file's text, or `None` when the file is not one to compare.
pub type Ways<'a> = dyn Fn(&str, Lang) -> Option<(FileFacts, FileFacts)> + Sync + 'a;

/// Two extractions over `files` on the pool: `ways` gives both for a file it takes (`None`
/// for one it leaves: nothing to compare), named by `names` in the report. Returns the
/// files taken and one report per file whose facts ([`records_read`]) differ.
pub fn differing(
    files: &[PathBuf],
    names: [&str; 2],
    ways: &Ways<'_>,
) -> (usize, Vec<String>) {
    use rayon::prelude::*;
    let out: Vec<(bool, Option<String>)> = files
        .par_iter()
        .map(|p| {
            let text = String::from_utf8_lossy(&std::fs::read(p).unwrap_or_default()).into_owned();
            let Some((x, y)) = ways(&text, Lang::of(p, &text)) else { return (false, None) };
            let (a, b) = (records_read(&x), records_read(&y));
            let differ = (a != b).then(|| {
                let only_a: Vec<_> = a.iter().filter(|r| !b.contains(r)).take(4).collect();
                let only_b: Vec<_> = b.iter().filter(|r| !a.contains(r)).take(4).collect();
                format!("{}:\n  {}: {only_a:?}\n  {}: {only_b:?}", p.display(), names[0], names[1])
            });
            (true, differ)
        })
        .collect();
    (out.iter().filter(|x| x.0).count(), out.into_iter().filter_map(|x| x.1).collect())
}
