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
    walked.files.sort();
    walked.files.dedup();
    walked
}

/// A file found by [`read_all`]: read (or a note why not) and prepared.
pub struct Found<P> {
    pub path: PathBuf,
    pub source: Option<(SourceFile, P)>,
    pub note: Option<Note>,
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
/// `map`: large C files are mapped (see [`read::read_one`]).
pub fn read_all<P: Send>(
    roots: &[PathBuf],
    config: &Config,
    max_size: u64,
    map: bool,
    keep: &mut dyn FnMut(&Path) -> bool,
    prepare: &(dyn Fn(&SourceFile) -> P + Sync),
) -> Read<P> {
    let batches: Mutex<Vec<(usize, Vec<Found<P>>)>> = Mutex::new(Vec::new());
    let mut notes = Vec::new();
    rayon::in_place_scope(|scope| {
        let mut pending: Vec<(PathBuf, bool)> = Vec::new();
        let mut shares = 0;
        let mut sent = 0usize;
        let mut send = |files: Vec<(PathBuf, bool)>| {
            let at = sent;
            sent += 1;
            let batches = &batches;
            scope.spawn(move |_| {
                let found: Vec<Found<P>> = files
                    .into_iter()
                    .map(|(path, regular)| {
                        let (source, note) = read::read_one(&path, max_size, regular, map);
                        let source = source.map(|s| {
                            let p = prepare(&s);
                            (s, p)
                        });
                        Found { path, source, note }
                    })
                    .collect();
                batches.lock().unwrap_or_else(|e| e.into_inner()).push((at, found));
            });
        };
        visit(roots, config, &mut notes, &mut |path, regular| {
            if keep(&path) {
                shares += if file_kind(&path) == Some(FileKind::C) { C_SHARES } else { 1 };
                pending.push((path, regular));
                if shares >= BATCH {
                    send(std::mem::take(&mut pending));
                    shares = 0;
                }
            }
        });
        if !pending.is_empty() {
            send(pending);
        }
    });
    let mut batches = batches.into_inner().unwrap_or_else(|e| e.into_inner());
    batches.sort_unstable_by_key(|(at, _)| *at);
    let mut files: Vec<Found<P>> = batches.into_iter().flat_map(|(_, found)| found).collect();
    // One folder's walk is in path order already (see `walk_dir`); several roots are put
    // in order as `collect` does, each file once.
    if roots.len() > 1 {
        files.sort_by(|a, b| a.path.cmp(&b.path));
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
        // Each folder's entries by name: the walk then yields the paths already in the
        // order `collect` sorts them into (component-wise), so that sort is one linear
        // pass instead of ~30 ms of path comparisons on the 19,255-file model repository.
        .sort_by_file_name(|a, b| a.cmp(b))
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
