//! Program splitting resolves the names of a file whose definitions' heads name each of its
//! functions once, through the file's node (`FileFacts::heads_named`): whatever reaches
//! one function of such a file reaches all of them through the heads' names. These tests
//! hold the split that way to the split with one node per function and its own names (every
//! file's `heads_named` cleared), program by program, on real code.

#[path = "common/facts_records.rs"]
#[allow(dead_code)]
mod facts_records;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use aics_core::c::facts::FileFacts;
use aics_core::c::program::{split_with_stats, Program};

fn read(files: &[PathBuf]) -> (Vec<PathBuf>, Vec<FileFacts>) {
    let mut paths = Vec::new();
    let mut facts = Vec::new();
    for p in files {
        let Ok(bytes) = std::fs::read(p) else { continue };
        let text = String::from_utf8_lossy(&bytes);
        let f = aics_core::c::extract_file(p, &text);
        holds_its_names(&f, p);
        facts.push(f);
        paths.push(p.clone());
    }
    (paths, facts)
}

/// What the reading says of a file's names: `body_only_idents` is every identifier of the
/// function bodies that is neither outside them nor a function's name, each once;
/// `heads_named` whether every function's name is among those outside the bodies, which
/// come before those names (`file_idents_other` of them).
fn holds_its_names(f: &FileFacts, path: &Path) {
    let own: BTreeSet<&str> = f.functions.iter().map(|d| d.name.as_str()).collect();
    let outside: BTreeSet<&str> = f.file_idents.iter().collect();
    let want: BTreeSet<&str> = f.functions.iter().flat_map(|d| d.idents.iter()).filter(|n| !own.contains(n) && !outside.contains(n)).collect();
    let got: Vec<&str> = f.body_only_idents.iter().collect();
    assert_eq!(got.len(), want.len(), "{}: a name twice in {got:?}", path.display());
    assert_eq!(got.into_iter().collect::<BTreeSet<_>>(), want, "{}", path.display());
    assert_eq!(f.heads_named, own.iter().all(|n| outside.contains(n)), "{}", path.display());
    // Outside the bodies, the functions' own names come last.
    let other = f.file_idents_other as usize;
    assert!(f.file_idents.iter().take(other).all(|n| !own.contains(n)), "{}: {:?}", path.display(), f.file_idents);
    assert!(f.file_idents.iter().skip(other).all(|n| own.contains(n)), "{}: {:?}", path.display(), f.file_idents);
}

/// The split of these files both ways, which must give the same programs. Returns how
/// many programs and how many files have their heads named.
fn both_ways(paths: &[PathBuf], mut facts: Vec<FileFacts>) -> (Vec<Program>, usize) {
    let named = facts.iter().filter(|f| f.heads_named).count();
    let refs: Vec<&FileFacts> = facts.iter().collect();
    let (whole, whole_stats) = split_with_stats(paths, &refs);
    for f in &mut facts {
        f.heads_named = false;
    }
    let refs: Vec<&FileFacts> = facts.iter().collect();
    let (per_function, per_function_stats) = split_with_stats(paths, &refs);
    let show = |p: &[Program]| -> Vec<(Option<String>, Vec<String>)> {
        p.iter().map(|p| (p.entry.as_ref().map(|e| e.0.clone()), p.files.iter().map(|&f| paths[f].display().to_string()).collect())).collect()
    };
    assert_eq!(show(&whole), show(&per_function));
    // Each name of such a file resolved once, not once per function that names it.
    assert!(whole_stats.lookups <= per_function_stats.lookups, "{whole_stats:?} {per_function_stats:?}");
    (whole, named)
}

#[test]
fn whole_files_split_as_functions_do_on_the_real_world_corpus() {
    let (paths, facts) = read(&facts_records::corpus_files());
    let files = facts.len();
    let (programs, named) = both_ways(&paths, facts);
    eprintln!("{} programs; heads named in {named} of {files} files", programs.len());
    assert!(programs.len() > 10, "{}", programs.len());
    // Not all: a C++ destructor's name (`~StringBuffer`) is no identifier of its head.
    assert!(named < files);
    // Nearly every file (headers without functions included) takes the file-level path.
    assert!(named * 10 >= files * 9, "{named} of {files}");
}

#[test]
fn a_file_whose_function_no_head_names_is_split_by_its_functions() {
    // `main` calls `a` of `lib.cpp`; the heads there name `a` and `b` but not the
    // destructor (`~Foo` is no identifier), so that file keeps one node per function,
    // and the same programs come out either way.
    let files = [
        ("app/main.cpp", "int main() { a(); return 0; }\n"),
        ("app/lib.cpp", "void a() { helper(); }\nFoo::~Foo() { release(); }\nvoid b() { deep(); }\n"),
        ("app/deep.c", "void deep(void) { }\n"),
        ("app/helper.c", "void helper(void) { }\n"),
        ("other/only.c", "void lone(void) { }\n"),
    ];
    let paths: Vec<PathBuf> = files.iter().map(|(p, _)| PathBuf::from(p)).collect();
    let facts: Vec<FileFacts> = files.iter().map(|(p, t)| aics_core::c::extract_file(Path::new(p), t)).collect();
    assert_eq!(facts.iter().map(|f| f.heads_named).collect::<Vec<_>>(), [true, false, true, true, true]);
    let lib = &facts[1];
    assert!(lib.body_only_idents.contains("helper") && lib.body_only_idents.contains("deep"), "{:?}", lib.body_only_idents);
    assert!(!lib.body_only_idents.contains("a") && !lib.body_only_idents.contains("b"), "{:?}", lib.body_only_idents);
    let (programs, named) = both_ways(&paths, facts);
    assert_eq!(named, 4);
    let main = programs.iter().find(|p| p.entry.is_some()).expect("main's program");
    // `b` comes with `a` (the file's heads name it), and with it `deep`.
    assert_eq!(main.files.iter().copied().collect::<Vec<_>>(), [0, 1, 2, 3]);

    // With every head named, the file node stands for the file.
    let files = [("app/main.c", "int main(void) { a(); return 0; }\n"), ("app/lib.c", "void a(void) { }\nvoid b(void) { deep(); }\n"), ("app/deep.c", "void deep(void) { }\n")];
    let paths: Vec<PathBuf> = files.iter().map(|(p, _)| PathBuf::from(p)).collect();
    let facts: Vec<FileFacts> = files.iter().map(|(p, t)| aics_core::c::extract_file(Path::new(p), t)).collect();
    let (programs, named) = both_ways(&paths, facts);
    assert_eq!(named, 3);
    assert_eq!(programs[0].files.iter().copied().collect::<Vec<_>>(), [0, 1, 2]);
}

/// The SDK checkouts of the real-tree benchmark (`AICS_REAL_TREES`), each split both ways.
#[test]
#[ignore = "needs the real trees: AICS_REAL_TREES=DIR cargo test --release -- --ignored"]
fn whole_files_split_as_functions_do_on_the_real_trees() {
    for tree in facts_records::real_trees() {
        let mut files = Vec::new();
        facts_records::c_files(&tree, &mut files);
        files.sort();
        let (paths, facts) = read(&files);
        let n = facts.len();
        let (programs, named) = both_ways(&paths, facts);
        eprintln!("{}: {} programs; heads named in {named} of {n} files", tree.display(), programs.len());
        assert!(named * 10 >= n * 9, "{}: {named} of {n}", tree.display());
    }
}
