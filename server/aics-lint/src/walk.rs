//! Which files a run lints: each PATH walked like ripgrep walks (`.gitignore`, `.ignore`,
//! hidden files skipped), keeping the files the analysis understands and the config admits.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, OnceLock};

use aics_core::config::Config;
use aics_core::{file_kind, FileKind, SourceFile};

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
    visit(roots, config, &mut walked.notes, &mut |path, _| files.push(path), &OnceLock::new());
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
/// [`order_key`] as it is walked, the sort once the walk ends), and each file read is put
/// in its place there as the pool hands it over (sorting the 10,000 files of the
/// generated tree after the reading took 5-6 ms of one thread while the other waited,
/// and placing them then 2-3 ms more).
pub fn read_all<P: Send>(
    roots: &[PathBuf],
    config: &Config,
    max_size: u64,
    map: bool,
    keep: &mut dyn FnMut(&Path) -> bool,
    prepare: &(dyn Fn(&SourceFile) -> P + Sync),
    read_again: &(dyn Fn(&P) -> bool + Sync),
) -> Read<P> {
    // Each batch read, with the walk's number of its first file: handed to this thread,
    // which puts its files in their places once its walk is done and the places are known,
    // while the pool reads the rest (placing ten thousand files after the reading, on this
    // thread with the pool idle, took 2-3 ms of a `check` of the generated 10,000-file
    // tree). Handed over in bulk: woken for each batch, this thread took the cores from
    // the readers thousands of times (fw10k: 1.08x by turns).
    let handed: Handed<P> = Handed { state: Mutex::new((Vec::new(), 0)), ready: Condvar::new() };
    let mut notes = Vec::new();
    let global = OnceLock::new();
    let mut slots: Vec<Option<Found<P>>> = Vec::new();
    rayon::in_place_scope(|scope| {
        // The tables a first file's reading builds, built by the pool while this thread
        // starts the walk (before its first batch, a pool thread has nothing to do).
        scope.spawn(|_| aics_core::c::warm_up());
        // And the global git excludes (git's config files read, their matcher built:
        // 0.4-0.6 ms on azure-iot-sdk-c) while this thread reads the root's own rules (1.3
        // ms for its `.gitignore`); the walk builds them itself if no pool thread has begun.
        scope.spawn(|_| {
            global_excludes(&global);
        });
        let mut pending: Vec<(PathBuf, bool)> = Vec::new();
        let mut shares = 0;
        let mut keys: Vec<Vec<u8>> = Vec::new();
        let send = |files: Vec<(PathBuf, bool)>, first: usize| {
            let handed = &handed;
            handed.lock().1 += 1;
            scope.spawn(move |_| {
                let mut done = Finished { handed, batch: None };
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
                done.batch = Some((first, found));
            });
        };
        visit(roots, config, &mut notes, &mut |path, regular| {
            if keep(&path) {
                shares += if file_kind(&path) == Some(FileKind::C) { C_SHARES } else { 1 };
                keys.push(order_key(&path));
                pending.push((path, regular));
                // (The first batch is one C file: the pool starts reading at once.)
                if shares >= BATCH || (keys.len() == pending.len() && shares >= C_SHARES) {
                    let first = keys.len() - pending.len();
                    send(std::mem::take(&mut pending), first);
                    shares = 0;
                }
            }
        }, &global);
        if !pending.is_empty() {
            let first = keys.len() - pending.len();
            send(pending, first);
        }
        let walked = keys.len();
        // (Stable: a file under two roots keeps the first root's place first.)
        let mut order: Vec<u32> = (0..walked as u32).collect();
        order.sort_by(|&a, &b| keys[a as usize].cmp(&keys[b as usize]));
        drop(keys);
        // Per file in walk order, where it goes in path order.
        let mut place: Vec<u32> = vec![0; walked];
        for (at, &k) in order.iter().enumerate() {
            place[k as usize] = at as u32;
        }
        slots = std::iter::repeat_with(|| None).take(walked).collect();
        loop {
            let (batches, all_done) = {
                let state = handed.lock();
                let mut state = handed.ready.wait_while(state, |(batches, left)| batches.len() < HANDED && *left > 0).unwrap_or_else(|e| e.into_inner());
                (std::mem::take(&mut state.0), state.1 == 0)
            };
            for (first, found) in batches {
                for (k, f) in found.into_iter().enumerate() {
                    slots[place[first + k] as usize] = Some(f);
                }
            }
            if all_done {
                break;
            }
        }
    });
    // In path order as `collect` gives them, each file once (several roots may hold one).
    // (`filter_map` collects in the slots' own memory, `flatten` into a fresh list: on the
    // generated 10,000-file tree 1.9 MB more written on the main thread while the pool
    // waits, this placing 3.3-4.8 ms against 2.5-3.0.)
    #[allow(clippy::filter_map_identity)]
    let mut files: Vec<Found<P>> = slots.into_iter().filter_map(|f| f).collect();
    if roots.len() > 1 {
        files.dedup_by(|a, b| a.path == b.path);
    }
    Read { files, notes }
}

/// How many batches the walking thread is handed at once (see [`read_all`]).
const HANDED: usize = 64;

/// The batches read and not yet placed (each with the walk's number of its first file),
/// and how many reading tasks have not finished.
type HandedState<P> = (Vec<(usize, Vec<Found<P>>)>, usize);

/// [`HandedState`] behind a lock, and the walking thread's wake-up.
struct Handed<P> {
    state: Mutex<HandedState<P>>,
    ready: Condvar,
}

impl<P> Handed<P> {
    fn lock(&self) -> std::sync::MutexGuard<'_, HandedState<P>> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A reading task's end: its batch handed over (none if it unwound: the scope raises its
/// panic again), its count taken off, and the walking thread woken when there are enough
/// batches or no task left.
struct Finished<'h, P> {
    handed: &'h Handed<P>,
    batch: Option<(usize, Vec<Found<P>>)>,
}

impl<P> Drop for Finished<'_, P> {
    fn drop(&mut self) {
        let mut state = self.handed.lock();
        state.0.extend(self.batch.take());
        state.1 -= 1;
        if state.0.len() >= HANDED || state.1 == 0 {
            self.handed.ready.notify_one();
        }
    }
}

/// Each file under `roots` the analysis understands and the config admits, with whether
/// the walk saw a regular file there (not a link): in walk order, root by root.
/// `global`: the global git excludes, built when first needed if not yet.
fn visit(roots: &[PathBuf], config: &Config, notes: &mut Vec<Note>, found: &mut dyn FnMut(PathBuf, bool), global: &GlobalExcludes) {
    for root in roots {
        if !root.is_dir() {
            if file_kind(root).is_some() {
                found(root.clone(), false);
            } else {
                notes.push(Note::new(root, "not a C source, header or JSON file; skipped"));
            }
            continue;
        }
        walk_dir(root, config, notes, found, global);
    }
}

fn walk_dir(root: &Path, config: &Config, notes: &mut Vec<Note>, found: &mut dyn FnMut(PathBuf, bool), global: &GlobalExcludes) {
    let wanted = |path: &Path| file_kind(path).is_some() && config.admits(path);
    tree(root, &wanted, notes, found, global);
}

/// The files under folder `root` that `wanted` accepts and no ignore rule excludes, with
/// whether each is a regular file (not a link), as `ignore`'s walk gives them with hidden
/// entries skipped, `.ignore`, `.gitignore`, `.git/info/exclude`, the global git excludes
/// and those of `root`'s parent folders read (whether or not a folder is in a git
/// repository), and linked folders not entered.
///
/// The ignore files are found in each folder's listing, and matchers built only where
/// they are: `ignore`'s walk asked each folder for each ignore file and for `.git` (on
/// azure-iot-sdk-c 1,230 failed look-ups in 308 folders; its walk 9 ms of the main
/// thread's CPU, 3.5 ms for the listings alone). A file `wanted` turns down is never
/// matched against the rules. `tests::the_walk_skips_what_ignore_s_walk_skips` compares
/// the two on generated trees.
fn tree(root: &Path, wanted: &dyn Fn(&Path) -> bool, notes: &mut Vec<Note>, found: &mut dyn FnMut(PathBuf, bool), global: &GlobalExcludes) {
    // The root's parent folders' rules match a path of the root's canonical form.
    let canonical = root.canonicalize().ok();
    let mut parents: Option<Arc<Rules>> = None;
    if let Some(c) = &canonical {
        let mut chain: Vec<&Path> = c.ancestors().skip(1).collect();
        chain.reverse();
        for dir in chain {
            let names = std::fs::read_dir(dir).map(|d| d.flatten().map(|e| e.file_name()).filter(|n| is_rules_file(n)).collect::<Vec<_>>()).unwrap_or_default();
            parents = Rules::of(dir, &names, parents.clone(), true).or(parents);
        }
    }
    let mut stack: Vec<(PathBuf, Option<Arc<Rules>>)> = vec![(root.to_path_buf(), parents)];
    while let Some((dir, inherited)) = stack.pop() {
        let entries: Vec<std::fs::DirEntry> = match std::fs::read_dir(&dir) {
            Ok(list) => {
                let mut entries = Vec::new();
                for e in list {
                    match e {
                        Ok(e) => entries.push(e),
                        Err(e) => notes.push(Note::new(&dir, format!("cannot read: {e}; skipped"))),
                    }
                }
                entries
            }
            Err(e) => {
                notes.push(Note::new(&dir, format!("cannot read: {e}; skipped")));
                continue;
            }
        };
        let names: Vec<std::ffi::OsString> = entries.iter().map(|e| e.file_name()).filter(|n| is_rules_file(n)).collect();
        let rules = if names.is_empty() { inherited } else { Rules::of(&dir, &names, inherited.clone(), false).or(inherited) };
        for e in entries {
            let path = e.path();
            let ft = match e.file_type() {
                Ok(ft) => ft,
                Err(err) => {
                    notes.push(Note::new(&path, format!("cannot read: {err}; skipped")));
                    continue;
                }
            };
            let is_dir = ft.is_dir();
            if !is_dir && !wanted(&path) {
                continue;
            }
            // (Asked for first once the root's own rules are built: see `read_all`.)
            let excludes = global_excludes(global);
            let m = match &rules {
                Some(r) => r.matched(&path, is_dir, root, canonical.as_deref(), excludes),
                None => excludes.matched(&path, is_dir),
            };
            if m.is_ignore() || (m.is_none() && e.file_name().as_encoded_bytes().first() == Some(&b'.')) {
                continue;
            }
            if is_dir {
                stack.push((path, rules.clone()));
            } else {
                found(path, ft.is_file());
            }
        }
    }
}

/// The global git excludes (`core.excludesFile`, else git's default), built once per walk.
type GlobalExcludes = OnceLock<ignore::gitignore::Gitignore>;

fn global_excludes(global: &GlobalExcludes) -> &ignore::gitignore::Gitignore {
    global.get_or_init(|| ignore::gitignore::Gitignore::global().0)
}

/// Whether a folder entry's name is one the walk reads rules from (or finds a repository
/// by).
fn is_rules_file(name: &std::ffi::OsStr) -> bool {
    name == ".ignore" || name == ".gitignore" || name == ".git"
}

/// The ignore rules of one folder, with those of the folders above it.
struct Rules {
    /// `.ignore`, `.gitignore` and the repository's `info/exclude` (each may be empty).
    ignore: ignore::gitignore::Gitignore,
    git: ignore::gitignore::Gitignore,
    exclude: ignore::gitignore::Gitignore,
    /// A folder above the walked root: its rules match the canonical path.
    above_root: bool,
    parent: Option<Arc<Rules>>,
}

impl Rules {
    /// The rules of folder `dir`, whose listing holds `names` (of [`is_rules_file`]);
    /// `None` when none of them gives a rule.
    fn of(dir: &Path, names: &[std::ffi::OsString], parent: Option<Arc<Rules>>, above_root: bool) -> Option<Arc<Rules>> {
        let build = |root: &Path, file: &Path| {
            let mut b = ignore::gitignore::GitignoreBuilder::new(root);
            // (A line that is no glob is left out, as `ignore` leaves it.)
            let _ = b.add(file);
            b.build().unwrap_or_else(|_| ignore::gitignore::Gitignore::empty())
        };
        let has = |n: &str| names.iter().any(|x| x == n);
        let ignore = if has(".ignore") { build(dir, &dir.join(".ignore")) } else { ignore::gitignore::Gitignore::empty() };
        let git = if has(".gitignore") { build(dir, &dir.join(".gitignore")) } else { ignore::gitignore::Gitignore::empty() };
        let exclude = match has(".git").then(|| git_dir(dir)).flatten() {
            Some(g) => build(dir, &g.join("info/exclude")),
            None => ignore::gitignore::Gitignore::empty(),
        };
        if ignore.is_empty() && git.is_empty() && exclude.is_empty() {
            return None;
        }
        Some(Arc::new(Rules { ignore, git, exclude, above_root, parent }))
    }

    /// The first rule that decides `path`, as `ignore` ranks them: `.ignore` files before
    /// `.gitignore` files before the repositories' excludes before the global excludes,
    /// each kind from the nearest folder up.
    fn matched<'a>(&'a self, path: &Path, is_dir: bool, root: &Path, canonical: Option<&Path>, global: &'a ignore::gitignore::Gitignore) -> ignore::Match<&'a ignore::gitignore::Glob> {
        // (The canonical path made only when a folder above the root has rules: most
        // trees' have none, and every entry of the walk is matched.)
        let above = std::cell::OnceCell::new();
        let (mut ig, mut gi, mut ex) = (ignore::Match::None, ignore::Match::None, ignore::Match::None);
        let mut level = Some(self);
        while let Some(r) = level {
            let p = if r.above_root {
                match above.get_or_init(|| canonical.and_then(|c| Some(c.join(path.strip_prefix(root).ok()?)))) {
                    Some(p) => p.as_path(),
                    None => break,
                }
            } else {
                path
            };
            if ig.is_none() {
                ig = r.ignore.matched(p, is_dir);
            }
            if gi.is_none() {
                gi = r.git.matched(p, is_dir);
            }
            if ex.is_none() {
                ex = r.exclude.matched(p, is_dir);
            }
            level = r.parent.as_deref();
        }
        ig.or(gi).or(ex).or(global.matched(path, is_dir))
    }
}

/// The git directory whose `info/exclude` applies to the repository at `dir`, as `ignore`
/// finds it: its `.git` folder; for a `.git` file (a worktree's), the folder named by
/// the `commondir` file of the folder its first line points to (`gitdir: PATH`), and
/// none when that file is missing.
fn git_dir(dir: &Path) -> Option<PathBuf> {
    let dot_git = dir.join(".git");
    if !std::fs::metadata(&dot_git).ok()?.is_file() {
        return Some(dot_git);
    }
    let first = |p: &Path| std::fs::read_to_string(p).ok().and_then(|t| t.lines().next().map(str::to_string));
    let real = PathBuf::from(first(&dot_git)?.strip_prefix("gitdir: ")?);
    let common = first(&real.join("commondir"))?;
    Some(if common.starts_with('.') { real.join(common) } else { PathBuf::from(common) })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The files `ignore`'s walk gives under `root` (as this module walked before it had a
    /// walk of its own), that `wanted` accepts, with whether each is a regular file.
    fn ignore_s_walk(root: &Path, wanted: &dyn Fn(&Path) -> bool) -> Vec<(PathBuf, bool)> {
        let mut out: Vec<(PathBuf, bool)> = ignore::WalkBuilder::new(root)
            .hidden(true)
            .git_ignore(true)
            .git_exclude(true)
            .ignore(true)
            .parents(true)
            .require_git(false)
            .follow_links(false)
            .build()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_some_and(|t| !t.is_dir()) && wanted(e.path()))
            .map(|e| (e.path().to_path_buf(), e.file_type().is_some_and(|t| t.is_file())))
            .collect();
        out.sort();
        out
    }

    fn our_walk(root: &Path, wanted: &dyn Fn(&Path) -> bool) -> (Vec<(PathBuf, bool)>, Vec<Note>) {
        let (mut out, mut notes) = (Vec::new(), Vec::new());
        tree(root, wanted, &mut notes, &mut |p, regular| out.push((p, regular)), &OnceLock::new());
        out.sort();
        (out, notes)
    }

    /// Every entry under `p` (ignore files with their rules), for a failure's message.
    fn everything_under(p: &Path) -> String {
        let mut out = Vec::new();
        let mut stack = vec![p.to_path_buf()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
                let path = e.path();
                match e.file_type() {
                    Ok(t) if t.is_dir() => {
                        out.push(format!("{}/", path.display()));
                        stack.push(path);
                    }
                    Ok(t) if t.is_symlink() => out.push(format!("{} -> {:?}", path.display(), std::fs::read_link(&path))),
                    _ => match std::fs::read_to_string(&path) {
                        Ok(t) if !t.starts_with("int ") => out.push(format!("{} {t:?}", path.display())),
                        _ => out.push(path.display().to_string()),
                    },
                }
            }
        }
        out.sort();
        out.join("\n")
    }

    #[test]
    fn the_walk_skips_what_ignore_s_walk_skips() {
        // Generated trees: folders and files named as real trees name them (hidden ones,
        // build output), `.gitignore` and `.ignore` files at any depth and in the folder
        // above the root, repositories with `info/exclude` (a `.git` folder, and a `.git`
        // file pointing to one), negations, folder-only and anchored patterns, links.
        let dirs = ["src", "build", "Debug", "sub", ".hid", "tests", "a b"];
        let files = ["a.c", "b.h", "x.json", ".h.c", "notes.txt", "m.o", "debug.c", "main.cpp", "x.JSON"];
        let lines = [
            "*.o", "build/", "/a.c", "!b.h", "debug*", "**/x.json", "*.c", "!*.c", "src/", ".hid", "!.h.c", "[Dd]ebug/", "# comment", "",
            "sub/**/a.c", "!/build", "*.h", "tests", "!tests/", "b.*", "/sub/", "\\#x", "a b/", "!.hid/",
        ];
        let wanted = |p: &Path| file_kind(p).is_some();
        let mut rng = fastrand::Rng::with_seed(47);
        for case in 0..250 {
            let top = tempfile::tempdir().unwrap();
            let root = top.path().join("root");
            std::fs::create_dir(&root).unwrap();
            let mut folders = vec![root.clone()];
            for _ in 0..rng.usize(2..12) {
                let parent = folders[rng.usize(..folders.len())].clone();
                let d = parent.join(dirs[rng.usize(..dirs.len())]);
                if std::fs::create_dir(&d).is_ok() {
                    folders.push(d);
                }
            }
            for f in &folders {
                for _ in 0..rng.usize(0..5) {
                    std::fs::write(f.join(files[rng.usize(..files.len())]), "int x;\n").unwrap();
                }
            }
            let rules = |rng: &mut fastrand::Rng| (0..rng.usize(1..5)).map(|_| lines[rng.usize(..lines.len())]).collect::<Vec<_>>().join("\n");
            for f in folders.iter().chain(std::iter::once(&top.path().to_path_buf())) {
                for name in [".gitignore", ".ignore"] {
                    if rng.usize(..4) == 0 {
                        std::fs::write(f.join(name), rules(&mut rng)).unwrap();
                    }
                }
            }
            let repo = folders[rng.usize(..folders.len())].clone();
            match rng.usize(..3) {
                0 => {
                    std::fs::create_dir_all(repo.join(".git/info")).unwrap();
                    std::fs::write(repo.join(".git/info/exclude"), rules(&mut rng)).unwrap();
                }
                1 => {
                    // A worktree: its `.git` file names its own git folder, whose
                    // `commondir` (relative, absolute, or missing) names the repository's.
                    let (real, common) = (top.path().join("gitdir/worktrees/w"), top.path().join("gitdir"));
                    std::fs::create_dir_all(real.join("info")).unwrap();
                    std::fs::create_dir_all(common.join("info")).unwrap();
                    std::fs::write(real.join("info/exclude"), rules(&mut rng)).unwrap();
                    std::fs::write(common.join("info/exclude"), rules(&mut rng)).unwrap();
                    match rng.usize(..3) {
                        0 => std::fs::write(real.join("commondir"), "../..\n").unwrap(),
                        1 => std::fs::write(real.join("commondir"), format!("{}\n", common.display())).unwrap(),
                        _ => {}
                    }
                    std::fs::write(repo.join(".git"), format!("gitdir: {}\n", real.display())).unwrap();
                }
                _ => {}
            }
            #[cfg(unix)]
            if rng.bool() {
                let target = folders[rng.usize(..folders.len())].clone();
                let _ = std::os::unix::fs::symlink(&target, root.join("linked"));
                let _ = std::os::unix::fs::symlink(root.join("a.c"), root.join("l.c"));
            }
            let (ours, notes) = our_walk(&root, &wanted);
            assert_eq!(ours, ignore_s_walk(&root, &wanted), "case {case}:\n{}", everything_under(top.path()));
            assert!(notes.is_empty(), "{notes:?}");
        }
    }

    #[test]
    #[ignore = "needs the SDK checkouts of the real-tree benchmark in AICS_REAL_TREES"]
    fn the_walk_skips_what_ignore_s_walk_skips_on_real_trees() {
        let trees = std::env::var_os("AICS_REAL_TREES").expect("AICS_REAL_TREES names the folder of the SDK checkouts");
        let wanted = |p: &Path| file_kind(p).is_some();
        let mut compared = 0;
        for name in ["azure-iot-sdk-c", "azure-sdk-for-c", "netxduo", "azure-iot-middleware-freertos"] {
            let root = Path::new(&trees).join(name);
            if root.is_dir() {
                let (ours, notes) = our_walk(&root, &wanted);
                assert_eq!(ours, ignore_s_walk(&root, &wanted), "{name}");
                assert!(notes.is_empty(), "{notes:?}");
                compared += 1;
            }
        }
        assert!(compared > 0, "no checkout under {}", Path::new(&trees).display());
    }

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

    /// Enough files for the walking thread to be handed their batches several times over
    /// (four C files a batch, `HANDED` batches at a time): each file once, in path order,
    /// with what was read of it.
    #[test]
    fn a_walk_of_many_batches_gives_each_file_once_in_path_order() {
        let dir = tempfile::tempdir().unwrap();
        let mut want = Vec::new();
        for k in 0..(HANDED * 4 * 3 + 7) {
            // Folders and names whose walk order is not their path order.
            let p = dir.path().join(format!("d{}", (k * 7) % 13)).join(format!("{}-{k}.c", 997 - k % 997));
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, format!("int x{k};\n")).unwrap();
            want.push(p);
        }
        want.sort();
        let read = read_all(&[dir.path().to_path_buf()], &Config::default(), u64::MAX, false, &mut |_| true, &|s| s.text.as_str().to_string(), &|_| false);
        let got: Vec<(PathBuf, String)> = read.files.into_iter().map(|f| (f.path, f.source.map(|s| s.1).unwrap_or_default())).collect();
        assert_eq!(got.iter().map(|g| g.0.clone()).collect::<Vec<_>>(), want);
        for (path, read) in &got {
            let k = path.file_stem().unwrap().to_str().unwrap().split('-').nth(1).unwrap();
            assert_eq!(read, &format!("int x{k};\n"));
        }
    }

    /// A reading task that panics is the walk's panic: raised, never waited for.
    #[test]
    fn a_reading_that_panics_is_raised() {
        let dir = tempfile::tempdir().unwrap();
        for k in 0..40 {
            std::fs::write(dir.path().join(format!("f{k}.c")), "int x;\n").unwrap();
        }
        let roots = [dir.path().to_path_buf()];
        let outcome = std::panic::catch_unwind(|| {
            read_all(&roots, &Config::default(), u64::MAX, false, &mut |_| true, &|s| assert!(!s.path.ends_with("f17.c"), "a reading failed"), &|_| false)
        });
        assert!(outcome.is_err());
    }
}
