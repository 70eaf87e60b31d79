//! Which files a run lints: each PATH walked like ripgrep walks (`.gitignore`, `.ignore`,
//! hidden files skipped), keeping the files the analysis understands and the config admits.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use aics_core::config::Config;
use aics_core::{file_kind, FileKind, SourceFile};
use ignore::WalkBuilder;

use crate::note::Note;
use crate::read;

#[derive(Debug, Default)]
pub struct Walked {
    pub files: Vec<PathBuf>,
    pub notes: Vec<Note>,
}

/// Walk `roots` (absolute, existing). A root that is a file is taken as is, without
/// ignore rules or include/exclude: the user named it.
pub fn collect(roots: &[PathBuf], config: &Config) -> Walked {
    let mut walked = Walked::default();
    let files = &mut walked.files;
    visit(roots, config, &mut walked.notes, &mut |path, _| files.push(path));
    walked.files.sort_by_cached_key(|p| order_key(p));
    walked.files.dedup();
    walked
}

/// A key whose byte order is the paths' order (`Path`'s, component by component): the
/// components' bytes, each ended by a 0 byte (which sorts a component before any longer
/// one it begins). The walk does not sort each folder's entries (`walkdir` takes each
/// entry's name from its path at every comparison: 67 M instructions on the main thread
/// for a tree of 10,000 files); one sort by these keys, compared as bytes, puts the
/// walk's paths in order for a fraction of that.
fn order_key(path: &Path) -> Vec<u8> {
    let mut key = Vec::with_capacity(path.as_os_str().len() + 1);
    for c in path.components() {
        key.extend_from_slice(c.as_os_str().as_encoded_bytes());
        key.push(0);
    }
    key
}

/// A file found by [`read_all`]: read (or a note why not) and prepared.
pub struct Found<P> {
    pub path: PathBuf,
    pub source: Option<(SourceFile, P)>,
    pub note: Option<Note>,
    /// The length of the text read (for `--stats`: a text read again when asked is not
    /// asked for its length).
    pub bytes: usize,
}

/// Everything [`read_all`] found under the roots, in the order `collect` gives.
pub struct Read<P> {
    pub files: Vec<Found<P>>,
    /// Folders and files the walk could not read.
    pub notes: Vec<Note>,
}

/// How much one reading task takes, in shares: a model is one share, a C file (read and
/// through `prepare` parsed, a few times a model's work, and from 1 KB to 150 KB) eight.
/// A few dozen models or four C files keep both threads busy to the end of a walk
/// without a task per file: with 32 C files a task, azure-sdk-for-c's last task (its
/// unit tests) ran 13 ms on one thread after the other had finished.
const BATCH: usize = 32;
const C_SHARES: usize = 8;

/// [`collect`], and each file [`read::read_one`] and `prepare`d on the thread pool while
/// the walk goes on: reading (and, through `prepare`, parsing) overlaps the walk instead of
/// waiting for all of it. `keep` (called in walk order) drops files before they are read;
/// `map`: large C files are mapped (see [`read::read_one`]); `read_again`: a file whose
/// `prepare`d facts it holds for is handed on as a text read again from disk when asked
/// (see [`crate::reread`]), its text as read dropped.
///
/// The paths' order is found on the walking thread while the pool reads (each path's
/// [`order_key`] as it is walked, the sort once the walk ends): after the reading, each
/// file is only put in its place (sorting the 10,000 files of the generated tree after
/// the reading took 5-6 ms of one thread while the other waited).
pub fn read_all<P: Send>(
    roots: &[PathBuf],
    config: &Config,
    max_size: u64,
    map: bool,
    keep: &mut dyn FnMut(&Path) -> bool,
    prepare: &(dyn Fn(&SourceFile) -> P + Sync),
    read_again: &(dyn Fn(&P) -> bool + Sync),
) -> Read<P> {
    // Each batch read, with the walk's number of its first file.
    let batches: Mutex<Vec<(usize, Vec<Found<P>>)>> = Mutex::new(Vec::new());
    let mut notes = Vec::new();
    // Per file in walk order, where it goes in path order.
    let mut place: Vec<u32> = Vec::new();
    rayon::in_place_scope(|scope| {
        let mut pending: Vec<(PathBuf, bool)> = Vec::new();
        let mut shares = 0;
        let mut keys: Vec<Vec<u8>> = Vec::new();
        let send = |files: Vec<(PathBuf, bool)>, first: usize| {
            let batches = &batches;
            scope.spawn(move |_| {
                let found: Vec<Found<P>> = files
                    .into_iter()
                    .map(|(path, regular)| {
                        let (source, note) = read::read_one(&path, max_size, regular, map);
                        let bytes = source.as_ref().map_or(0, |s| s.text.as_str().len());
                        let source = source.map(|mut s| {
                            let p = prepare(&s);
                            // (A note says the text is not the file's bytes: decoded.)
                            if note.is_none() && read_again(&p) {
                                if let Some(text) = crate::reread::Reread::text_of(&s) {
                                    s.text = text;
                                }
                            }
                            (s, p)
                        });
                        Found { path, source, note, bytes }
                    })
                    .collect();
                batches.lock().unwrap_or_else(|e| e.into_inner()).push((first, found));
            });
        };
        visit(roots, config, &mut notes, &mut |path, regular| {
            if keep(&path) {
                shares += if file_kind(&path) == Some(FileKind::C) { C_SHARES } else { 1 };
                keys.push(order_key(&path));
                pending.push((path, regular));
                if shares >= BATCH {
                    let first = keys.len() - pending.len();
                    send(std::mem::take(&mut pending), first);
                    shares = 0;
                }
            }
        });
        if !pending.is_empty() {
            let first = keys.len() - pending.len();
            send(pending, first);
        }
        let walked = keys.len();
        // (Stable: a file under two roots keeps the first root's place first.)
        let mut order: Vec<u32> = (0..walked as u32).collect();
        order.sort_by(|&a, &b| keys[a as usize].cmp(&keys[b as usize]));
        place = vec![0; walked];
        for (at, &k) in order.iter().enumerate() {
            place[k as usize] = at as u32;
        }
    });
    let mut slots: Vec<Option<Found<P>>> = std::iter::repeat_with(|| None).take(place.len()).collect();
    for (first, found) in batches.into_inner().unwrap_or_else(|e| e.into_inner()) {
        for (k, f) in found.into_iter().enumerate() {
            slots[place[first + k] as usize] = Some(f);
        }
    }
    // In path order as `collect` gives them, each file once (several roots may hold one).
    let mut files: Vec<Found<P>> = slots.into_iter().flatten().collect();
    if roots.len() > 1 {
        files.dedup_by(|a, b| a.path == b.path);
    }
    Read { files, notes }
}

/// Each file under `roots` the analysis understands and the config admits, with whether
/// the walk saw a regular file there (not a link): in walk order, root by root.
fn visit(roots: &[PathBuf], config: &Config, notes: &mut Vec<Note>, found: &mut dyn FnMut(PathBuf, bool)) {
    for root in roots {
        if !root.is_dir() {
            if file_kind(root).is_some() {
                found(root.clone(), false);
            } else {
                notes.push(Note::new(root, "not a C source, header or JSON file; skipped"));
            }
            continue;
        }
        walk_dir(root, config, notes, found);
    }
}

fn walk_dir(root: &Path, config: &Config, notes: &mut Vec<Note>, found: &mut dyn FnMut(PathBuf, bool)) {
    let walker = WalkBuilder::new(root)
        .hidden(true)
        .git_ignore(true)
        .git_exclude(true)
        .ignore(true)
        .parents(true)
        // .gitignore applies in an unpacked tarball too, not only inside a git checkout.
        .require_git(false)
        // Symlinked folders are not entered (no loops, no vendored trees by surprise);
        // a symlink to a file is linted like the file.
        .follow_links(false)
        // (Not sorted here: the paths are put in order once, by `order_key`.)
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                notes.push(walk_error_note(root, &err));
                continue;
            }
        };
        let Some(ft) = entry.file_type() else { continue };
        if ft.is_dir() {
            continue;
        }
        let path = entry.path();
        if file_kind(path).is_none() || !config.admits(path) {
            continue;
        }
        found(entry.into_path(), ft.is_file());
    }
}

fn walk_error_note(root: &Path, err: &ignore::Error) -> Note {
    // ignore's errors carry the path inside; find it for a `path: message` note.
    fn path_of(err: &ignore::Error) -> Option<&Path> {
        match err {
            ignore::Error::WithPath { path, .. } => Some(path),
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => path_of(err),
            _ => None,
        }
    }
    fn inner(err: &ignore::Error) -> &ignore::Error {
        match err {
            ignore::Error::WithPath { err, .. }
            | ignore::Error::WithDepth { err, .. }
            | ignore::Error::WithLineNumber { err, .. } => inner(err),
            e => e,
        }
    }
    let path = path_of(err).unwrap_or(root);
    Note::new(path, format!("cannot read: {}; skipped", inner(err)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_keys_sort_as_paths_do() {
        // Names where byte order and component order part: a folder beside names it begins
        // (`a/`, `a-b`, `a.c`, `a b`), upper case, a non-ASCII name.
        let parts = ["a", "a-b", "a.c", "a b", "ab", "B", "é", "a0", "z"];
        let mut rng = fastrand::Rng::with_seed(7);
        let mut paths: Vec<PathBuf> = (0..2000)
            .map(|_| {
                let mut p = PathBuf::from("/root");
                for _ in 0..rng.usize(1..5) {
                    p.push(parts[rng.usize(..parts.len())]);
                }
                p
            })
            .collect();
        let mut by_key = paths.clone();
        by_key.sort_by_cached_key(|p| order_key(p));
        paths.sort();
        assert_eq!(by_key, paths);
    }

    #[test]
    fn a_walk_gives_its_files_in_path_order() {
        let dir = tempfile::tempdir().unwrap();
        let names = ["a/x.c", "a-b.c", "a.c", "a/b/z.h", "ab/y.c", "B.c", "é.c", "a b.c", "a/b.c", "m.json"];
        for n in names {
            let p = dir.path().join(n);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, "int x;\n").unwrap();
        }
        let mut want: Vec<PathBuf> = names.iter().map(|n| dir.path().join(n)).collect();
        want.sort();
        let roots = [dir.path().to_path_buf()];
        let config = Config::default();
        assert_eq!(collect(&roots, &config).files, want);
        let read = read_all(&roots, &config, u64::MAX, false, &mut |_| true, &|_| (), &|_| false);
        assert_eq!(read.files.iter().map(|f| f.path.clone()).collect::<Vec<_>>(), want);
        // Two roots, one inside the other: each file once, in order.
        let nested = [dir.path().join("a"), dir.path().to_path_buf()];
        let read = read_all(&nested, &config, u64::MAX, false, &mut |_| true, &|_| (), &|_| false);
        assert_eq!(read.files.iter().map(|f| f.path.clone()).collect::<Vec<_>>(), want);
    }
}
