//! Splitting the linted C files into programs. A program is what gets flashed onto one
//! device: an entry point, the files whose functions it reaches (calls, and functions
//! passed by pointer), and the headers those files include. One sample's payload must
//! never excuse another sample's registration; but a wrongly split program invents
//! findings, so when in doubt the split joins.
//!
//! Linear in the tree: a name is resolved once per (folder, name) and shared by every
//! file of the folder and every entry point; "nearest" is a walk up the folder tree with
//! the candidates ordered by their folder's place in it, never a comparison of paths.

use std::collections::BTreeSet;

use crate::fast::{HashMap, HashSet};
use std::ffi::OsStr;
use std::path::{Component, Path, PathBuf};

use super::facts::FileFacts;
use super::sdk::tables;

/// One device program: indices into the linted files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Program {
    /// The entry function's name and file, or `None` for code no entry point reaches.
    pub entry: Option<(String, usize)>,
    pub files: BTreeSet<usize>,
}

/// How much work a split did, for tests that check it grows with the tree, not faster.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SplitStats {
    /// Identifier look-ups (every identifier of every reached function, once).
    pub lookups: usize,
    /// Name resolutions computed: one per (folder, name), shared by files and entries.
    pub resolutions: usize,
    /// Folder levels walked and candidates taken while resolving names and includes.
    pub resolve_steps: usize,
    /// Call-graph nodes and edges visited while computing what entry points reach.
    pub reach_steps: usize,
}

/// The folders of the linted paths as a tree, numbered in depth-first order so that a
/// folder's subtree is the interval `first[f]..end[f]`. The nearest files to a file are
/// those under its deepest ancestor folder that holds any: exactly the files sharing the
/// longest path prefix with it.
struct Folders {
    parent: Vec<u32>,
    first: Vec<u32>,
    end: Vec<u32>,
    /// Each file's folder.
    of_file: Vec<u32>,
    /// Per folder, the nearest folder holding it (itself included) named as tests are
    /// (`test`, `tests`, ...), or `NO_TESTS`. The nearest: a whole tree under a folder
    /// named `tests` (as this repository's fixtures are) still has its own tests inside.
    tests_root: Vec<u32>,
}

const ROOT: u32 = 0;
const NO_TESTS: u32 = u32::MAX;

/// A folder of tests: what is defined there is linked into its tests only.
fn is_tests_folder(name: &OsStr) -> bool {
    let name = name.as_encoded_bytes();
    [&b"test"[..], b"tests", b"unittest", b"unittests", b"unit_tests", b"unit-tests"].iter().any(|t| name.eq_ignore_ascii_case(t))
}

impl Folders {
    fn new(paths: &[&Path]) -> Folders {
        let mut parent = vec![ROOT];
        let mut tests_root = vec![NO_TESTS];
        let mut children: Vec<Vec<u32>> = vec![Vec::new()];
        let mut ids: HashMap<(u32, Component), u32> = HashMap::default();
        let mut of_file = Vec::with_capacity(paths.len());
        // The folder of the path before, by its bytes: files come in path order, most of
        // them in the folder of the one before, found again without walking and hashing
        // their components (fw10k's 10,000 paths: 2.7-4.6 ms on the split's thread).
        let mut last: Option<(&[u8], u32)> = None;
        for p in paths {
            let folder = p.parent().map_or(&b""[..], |d| d.as_os_str().as_encoded_bytes());
            if let Some((_, f)) = last.filter(|(bytes, _)| *bytes == folder) {
                of_file.push(f);
                continue;
            }
            let mut comps: Vec<Component> = p.components().collect();
            comps.pop(); // the file name
            let mut f = ROOT;
            for c in comps {
                f = *ids.entry((f, c)).or_insert_with(|| {
                    let id = parent.len() as u32;
                    let inherited = tests_root[f as usize];
                    tests_root.push(if is_tests_folder(c.as_os_str()) { id } else { inherited });
                    parent.push(f);
                    children.push(Vec::new());
                    children[f as usize].push(id);
                    id
                });
            }
            of_file.push(f);
            last = Some((folder, f));
        }
        let n = parent.len();
        let (mut first, mut end) = (vec![0u32; n], vec![0u32; n]);
        let mut clock = 0u32;
        let mut stack: Vec<(u32, bool)> = vec![(ROOT, false)];
        while let Some((f, done)) = stack.pop() {
            if done {
                end[f as usize] = clock;
                continue;
            }
            first[f as usize] = clock;
            clock += 1;
            stack.push((f, true));
            stack.extend(children[f as usize].iter().rev().map(|&c| (c, false)));
        }
        Folders { parent, first, end, of_file, tests_root }
    }

    /// Whether what is defined in folder `def` is linked into code of folder `user`: not
    /// when `def` is inside a folder of tests that does not hold `user` (a test double of
    /// `STRING_construct_sprintf` in a unit test is not the samples' function).
    fn links(&self, def: u32, user: u32) -> bool {
        let t = self.tests_root[def as usize];
        t == NO_TESTS || (self.first[t as usize] <= self.first[user as usize] && self.first[user as usize] < self.end[t as usize])
    }

    /// Candidates (sorted by their folder's `first`) nearest to `folder`, skipping
    /// `except`: those under its deepest ancestor that holds any.
    fn nearest(&self, folder: u32, cands: &[(u32, u32)], except: Option<u32>, steps: &mut usize) -> Vec<u32> {
        let mut f = folder;
        loop {
            *steps += 1;
            let (lo, hi) = (self.first[f as usize], self.end[f as usize]);
            let a = cands.partition_point(|c| c.0 < lo);
            let b = cands.partition_point(|c| c.0 < hi);
            let found: Vec<u32> = cands[a..b].iter().map(|c| c.1).filter(|&c| Some(c) != except).collect();
            *steps += found.len();
            if !found.is_empty() || f == ROOT {
                return found;
            }
            f = self.parent[f as usize];
        }
    }
}

/// Where each linted file is in the folder tree, for look-ups that want the definitions
/// nearest to a file as the split's name resolution does (the value resolver's fallback
/// to the whole set: see `SymbolIndex::nearest`).
pub struct Nearness {
    folders: Folders,
}

impl Nearness {
    pub fn new<P: AsRef<Path>>(paths: &[P]) -> Nearness {
        let refs: Vec<&Path> = paths.iter().map(P::as_ref).collect();
        Nearness { folders: Folders::new(&refs) }
    }

    /// Whether what file `def` defines is linked into file `user` (not a test's double of
    /// it, see `Folders::links`).
    pub fn links(&self, def: usize, user: usize) -> bool {
        self.folders.links(self.folders.of_file[def], self.folders.of_file[user])
    }

    /// Per file, the key of its folder: ancestors of file `f`'s folder are the intervals
    /// of [`Nearness::around`] that hold `key(f)`.
    pub fn key(&self, file: usize) -> u32 {
        self.folders.first[self.folders.of_file[file] as usize]
    }

    /// The folders from file `file`'s own up to the root, as intervals of folder keys
    /// (each within the next), and how many of them are within the first that holds
    /// every file of `within` (that one included).
    pub fn around(&self, file: usize, within: impl Iterator<Item = usize>) -> (Box<[(u32, u32)]>, usize) {
        let (mut lo, mut hi) = (u32::MAX, 0);
        for k in within.map(|f| self.key(f)) {
            lo = lo.min(k);
            hi = hi.max(k);
        }
        let mut out = Vec::new();
        let mut inner = None;
        let mut f = self.folders.of_file[file];
        loop {
            let (a, b) = (self.folders.first[f as usize], self.folders.end[f as usize]);
            out.push((a, b));
            if inner.is_none() && a <= lo && hi < b {
                inner = Some(out.len());
            }
            if f == ROOT {
                return (out.into_boxed_slice(), inner.unwrap_or(usize::MAX));
            }
            f = self.folders.parent[f as usize];
        }
    }
}

/// A function node of the call graph: (file, index into that file's functions), numbered
/// `fn_base[file] + index`; after the functions, one node per file stands for its global
/// initialisers (tables of handlers), reached with any function of the file.
struct Graph<'a> {
    facts: &'a [&'a FileFacts],
    folders: &'a Folders,
    fn_base: Vec<u32>,
    fn_file: Vec<u32>,
    /// Function names, interned.
    names: HashMap<&'a str, u32>,
    /// Per name, its non-static definitions as (folder's `first`, node), sorted: name
    /// `id`'s are `visible[visible_at[id]..visible_at[id + 1]]` (one list, not a vector
    /// per name: fw10k's 76,000 names each allocated one and freed it).
    visible: Vec<(u32, u32)>,
    visible_at: Vec<u32>,
    /// Per name, whether one of them is in a folder of tests (see `Folders::links`).
    in_tests: Vec<bool>,
    /// Per file, the names it defines itself (statics included) as (name, node), sorted.
    own: Vec<Vec<(u32, u32)>>,
    /// (folder, name) → the nearest non-static definitions, a range of `resolved`.
    memo: HashMap<(u32, u32), (u32, u32)>,
    resolved: Vec<u32>,
    /// Lazily built edges of each node: a range of `edge_list` ([`NOT_BUILT`] before).
    edges: Vec<(u32, u32)>,
    edge_list: Vec<u32>,
    scratch: Vec<u32>,
    stats: SplitStats,
}

/// The range of [`Graph::edges`] of a node whose edges are not built yet.
const NOT_BUILT: (u32, u32) = (u32::MAX, 0);

/// Part `id` of lists kept as one `list` with the offsets `at` of each part (`at[id]` to
/// `at[id + 1]`).
fn part<'l, T>(list: &'l [T], at: &[u32], id: usize) -> &'l [T] {
    &list[at[id] as usize..at[id + 1] as usize]
}

impl<'a> Graph<'a> {
    fn new(facts: &'a [&'a FileFacts], folders: &'a Folders) -> Graph<'a> {
        // Sized for every definition (a bound on the names): growing the table rehashed
        // fw10k's 76,000 names again and again.
        let functions: usize = facts.iter().map(|f| f.functions.len()).sum();
        let mut fn_base = Vec::with_capacity(facts.len());
        let mut fn_file = Vec::with_capacity(functions);
        let mut names: HashMap<&str, u32> = HashMap::with_capacity_and_hasher(functions, Default::default());
        // (name, folder's `first`, node) of each non-static definition.
        let mut visible: Vec<(u32, u32, u32)> = Vec::with_capacity(functions);
        let mut own: Vec<Vec<(u32, u32)>> = Vec::with_capacity(facts.len());
        for (fi, f) in facts.iter().enumerate() {
            fn_base.push(fn_file.len() as u32);
            let mut mine = Vec::with_capacity(f.functions.len());
            for d in &f.functions {
                let node = fn_file.len() as u32;
                fn_file.push(fi as u32);
                let next = names.len() as u32;
                let name = *names.entry(d.name.as_str()).or_insert(next);
                mine.push((name, node));
                if !d.is_static {
                    visible.push((name, folders.first[folders.of_file[fi] as usize], node));
                }
            }
            mine.sort_unstable();
            own.push(mine);
        }
        visible.sort_unstable();
        let mut visible_at = vec![0u32; names.len() + 1];
        for &(name, _, _) in &visible {
            visible_at[name as usize + 1] += 1;
        }
        for k in 1..visible_at.len() {
            visible_at[k] += visible_at[k - 1];
        }
        let visible: Vec<(u32, u32)> = visible.into_iter().map(|(_, first, node)| (first, node)).collect();
        let in_tests = (0..names.len())
            .map(|id| part(&visible, &visible_at, id).iter().any(|&(_, node)| folders.tests_root[folders.of_file[fn_file[node as usize] as usize] as usize] != NO_TESTS))
            .collect();
        let nodes = fn_file.len() + facts.len();
        Graph {
            facts,
            folders,
            fn_base,
            fn_file,
            names,
            visible,
            visible_at,
            in_tests,
            own,
            memo: HashMap::default(),
            resolved: Vec::new(),
            edges: vec![NOT_BUILT; nodes],
            edge_list: Vec::new(),
            scratch: Vec::new(),
            stats: SplitStats::default(),
        }
    }

    /// The edges of `node`, built or not (empty before [`Graph::edges_of`] builds them).
    fn edges(&self, node: u32) -> &[u32] {
        let (start, len) = self.edges[node as usize];
        if start == NOT_BUILT.0 {
            return &[];
        }
        &self.edge_list[start as usize..(start + len) as usize]
    }

    fn functions(&self) -> usize {
        self.fn_file.len()
    }

    /// The file of a node: a function's file, or the file a file node stands for.
    fn file_of(&self, node: u32) -> usize {
        match self.fn_file.get(node as usize) {
            Some(&fi) => fi as usize,
            None => node as usize - self.functions(),
        }
    }

    /// What `name` used in file `fi` refers to: a definition of the same file (static or
    /// not), else the non-static definitions nearest to the user.
    fn resolve(&mut self, fi: usize, name: &str, out: &mut Vec<u32>) {
        self.stats.lookups += 1;
        let Some(&id) = self.names.get(name) else { return };
        let own = &self.own[fi];
        let a = own.partition_point(|o| o.0 < id);
        let b = a + own[a..].iter().take_while(|o| o.0 == id).count();
        if a < b {
            out.extend(own[a..b].iter().map(|o| o.1));
            return;
        }
        let folder = self.folders.of_file[fi];
        if let Some(&(start, len)) = self.memo.get(&(folder, id)) {
            out.extend_from_slice(&self.resolved[start as usize..(start + len) as usize]);
            return;
        }
        self.stats.resolutions += 1;
        let r = if self.in_tests[id as usize] {
            let (folders, fn_file) = (self.folders, &self.fn_file);
            let linked: Vec<(u32, u32)> =
                part(&self.visible, &self.visible_at, id as usize).iter().copied().filter(|&(_, node)| folders.links(folders.of_file[fn_file[node as usize] as usize], folder)).collect();
            self.folders.nearest(folder, &linked, None, &mut self.stats.resolve_steps)
        } else {
            self.folders.nearest(folder, part(&self.visible, &self.visible_at, id as usize), None, &mut self.stats.resolve_steps)
        };
        out.extend_from_slice(&r);
        self.memo.insert((folder, id), (self.resolved.len() as u32, r.len() as u32));
        self.resolved.extend_from_slice(&r);
    }

    /// Each name node `function` of file `f` (a function's index, or `None` for the file
    /// node) resolves into its edges, given to `each`. A file whose heads name each of its
    /// functions is reached whole by whatever reaches one of them (function -> file node
    /// -> each head's name): its file node stands for all its names, each resolved once,
    /// and its functions lead to the file node alone. The same reach as one node per function with
    /// its own names: fw10k's eight functions a file named `acc`, `buf` and `len` eight
    /// times: 705,000 look-ups, 133,000 this way. The whole file's node reads the names
    /// outside the bodies and those only in them: its own functions (what its heads' names
    /// resolve to, each a hit whose key's text was compared: the split 1.3x as long on
    /// fw10k) are its edges without a look-up.
    fn names_of(f: &'a FileFacts, function: Option<usize>, mut each: impl FnMut(&'a str)) {
        match (function, f.heads_named) {
            (Some(_), true) => {}
            (Some(i), false) => f.functions[i].idents.iter().for_each(each),
            (None, true) => {
                f.file_idents.iter().take(f.file_idents_other as usize).for_each(&mut each);
                f.body_only_idents.iter().for_each(each);
            }
            (None, false) => f.file_idents.iter().for_each(each),
        }
    }

    /// What the names of file `fi`'s nodes ([`Graph::names_of`]) resolve to, of the names
    /// `wanted` (by id) holds: into `out`, unsorted, with repeats. Every target of the
    /// file's nodes' edges in a file that defines a wanted name is here (the file's own
    /// nodes but through its names).
    fn targets_among(&mut self, fi: usize, wanted: &[bool], out: &mut Vec<u32>) {
        let f = self.facts[fi];
        for function in (0..f.functions.len()).map(Some).chain(std::iter::once(None)) {
            Self::names_of(f, function, |name| {
                if self.names.get(name).is_some_and(|&id| wanted[id as usize]) {
                    self.resolve(fi, name, out);
                }
            });
        }
    }

    fn edges_of(&mut self, node: u32) -> &[u32] {
        if self.edges[node as usize] == NOT_BUILT {
            // (One buffer for every node's edges before they are kept in `edge_list`.)
            let mut out = std::mem::take(&mut self.scratch);
            out.clear();
            let fi = self.file_of(node);
            let f = self.facts[fi];
            let function = ((node as usize) < self.functions()).then(|| node as usize - self.fn_base[fi] as usize);
            match function {
                // A function leads to its file node (a whole file's to it alone: `names_of`).
                Some(_) => out.push((self.functions() + fi) as u32),
                None if f.heads_named => {
                    let base = self.fn_base[fi];
                    out.extend(base..base + f.functions.len() as u32);
                }
                None => {}
            }
            Self::names_of(f, function, |name| self.resolve(fi, name, &mut out));
            out.sort_unstable();
            out.dedup();
            self.edges[node as usize] = (self.edge_list.len() as u32, out.len() as u32);
            self.edge_list.extend_from_slice(&out);
            self.scratch = out;
        }
        self.edges(node)
    }
}

pub fn split(paths: &[PathBuf], facts: &[&FileFacts]) -> Vec<Program> {
    split_with_stats(paths, facts).0
}

/// `split`, and how much work it took.
pub fn split_with_stats(paths: &[PathBuf], facts: &[&FileFacts]) -> (Vec<Program>, SplitStats) {
    split_near(&Nearness::new(paths), paths, facts)
}

/// [`split_with_stats`] with the folder tree of `paths` already built (the analysis keeps
/// it for the resolver's look-ups, see [`Nearness`]).
pub fn split_near<P: AsRef<Path>>(near: &Nearness, paths: &[P], facts: &[&FileFacts]) -> (Vec<Program>, SplitStats) {
    let path_refs: Vec<&Path> = paths.iter().map(P::as_ref).collect();
    let n = facts.len();
    let folders = &near.folders;
    // The call graph and what its entry points reach on this thread; the includes, which
    // need neither, on the other when it is free (a one-shot analysis builds the shared
    // index beside the split: on fw10k the split alone took 45 ms to the index's 28, the
    // includes 6.5 of them).
    let graph_and_reach = || {
        let mut g = Graph::new(facts, folders);
        let entry_names = &tables().entry_points.names;
        let mut entries: Vec<u32> = entry_names
            .iter()
            .filter_map(|e| g.names.get(e.as_str()).copied())
            .flat_map(|id| g.own.iter().flatten().filter(move |o| o.0 == id).map(|o| o.1).collect::<Vec<_>>())
            .collect();
        entries.sort_unstable();
        entries.dedup();
        if entries.is_empty() {
            return (g, entries, None);
        }
        // What each entry reaches: its files and the other entries on the way.
        let is_entry: HashMap<u32, usize> = entries.iter().enumerate().map(|(k, &e)| (e, k)).collect();
        let reached = reach(&mut g, &entries, &is_entry);
        (g, entries, Some(reached))
    };
    let ((mut g, entries, reached), (includes, include_steps)) = rayon::join(graph_and_reach, || includes_of(&path_refs, facts, folders));
    g.stats.resolve_steps += include_steps;
    let Some((mut reach_files, reach_entries)) = reached else {
        return (vec![Program { entry: None, files: (0..n).collect() }], g.stats);
    };

    let with_includes = |seed: BTreeSet<usize>| -> BTreeSet<usize> {
        let mut out = seed.clone();
        let mut stack: Vec<usize> = seed.into_iter().collect();
        while let Some(f) = stack.pop() {
            for &h in &includes[f] {
                if out.insert(h) {
                    stack.push(h);
                }
            }
        }
        out
    };

    let mut programs: Vec<Program> = Vec::new();
    let mut seen_files: HashSet<BTreeSet<usize>> = HashSet::default();
    let mut covered: HashSet<usize> = HashSet::default();
    // reached_by[e]: the other entries that reach e.
    let mut reached_by: Vec<Vec<usize>> = vec![Vec::new(); entries.len()];
    for (o, r) in reach_entries.iter().enumerate() {
        for &e in r {
            if e != o {
                reached_by[e].push(o);
            }
        }
    }
    for (k, &e) in entries.iter().enumerate() {
        // An entry reached by another entry that it does not reach back belongs to that
        // one's program (main → vStartDemoTask).
        if reached_by[k].iter().any(|o| !reach_entries[k].contains(o)) {
            continue;
        }
        let files = with_includes(std::mem::take(&mut reach_files[k]));
        if !seen_files.insert(files.clone()) {
            continue;
        }
        covered.extend(files.iter().copied());
        let fi = g.fn_file[e as usize] as usize;
        let name = facts[fi].functions[e as usize - g.fn_base[fi] as usize].name.to_string();
        programs.push(Program { entry: Some((name, fi)), files });
    }
    // Code no entry point reaches (a library folder, a sample's helpers no sample calls,
    // code called in ways the analysis cannot follow) is never silently dropped: it makes
    // programs of its own, by folder: a folder's with the folders it calls (see
    // `unreached_groups`).
    let orphans: Vec<usize> = (0..n).filter(|f| !covered.contains(f) && !is_header(path_refs[*f]) && !facts[*f].functions.is_empty()).collect();
    for group in unreached_groups(&mut g, &orphans) {
        programs.push(Program { entry: None, files: with_includes(group) });
    }
    programs.sort_by(|a, b| a.files.cmp(&b.files));
    (programs, g.stats)
}

/// Each file's includes: the files whose path ends with the included path, nearest first;
/// all of equal distance are kept (two boards' `board_config.h` are both configurations).
/// And the folder steps the look-ups took.
fn includes_of(path_refs: &[&Path], facts: &[&FileFacts], folders: &Folders) -> (Vec<Vec<usize>>, usize) {
    let mut by_file_name: HashMap<&OsStr, Vec<usize>> = HashMap::default();
    for (i, p) in path_refs.iter().enumerate() {
        if let Some(name) = p.file_name() {
            by_file_name.entry(name).or_default().push(i);
        }
    }
    // The files' includes in two halves, each with its candidates' memo: on a large tree
    // the includes ended the split on one thread while the other waited (fw10k: 3-5 ms,
    // begun when the other thread's part of the split ended). The second half is taken
    // by whichever thread is free first.
    let n = facts.len();
    if n < INCLUDES_IN_HALVES {
        return includes_in(0..n, path_refs, facts, folders, &by_file_name);
    }
    let ((mut includes, steps), (rest, more)) = rayon::join(
        || includes_in(0..n / 2, path_refs, facts, folders, &by_file_name),
        || includes_in(n / 2..n, path_refs, facts, folders, &by_file_name),
    );
    includes.extend(rest);
    (includes, steps + more)
}

/// A tree of this many files or more has its includes read in two halves (see [`includes_of`]).
const INCLUDES_IN_HALVES: usize = 1024;

/// [`includes_of`] for the files of `which`, in order.
fn includes_in(which: std::ops::Range<usize>, path_refs: &[&Path], facts: &[&FileFacts], folders: &Folders, by_file_name: &HashMap<&OsStr, Vec<usize>>) -> (Vec<Vec<usize>>, usize) {
    let mut steps = 0;
    let mut include_cands: HashMap<&str, Vec<(u32, u32)>> = HashMap::default();
    let mut includes: Vec<Vec<usize>> = Vec::with_capacity(which.len());
    for fi in which {
        let f = facts[fi];
        let mut out = Vec::new();
        for inc in &f.includes {
            let cands = include_cands.entry(inc.as_str()).or_insert_with(|| {
                // A relative include (`../common/config.h`) names the file by the
                // components after its leading `.` and `..`: the nearest file that ends
                // with them (resolving `..` against each includer's folder would tie the
                // candidates to the includer, and nearest already prefers its folder's).
                let want: PathBuf = Path::new(inc.as_str()).components().skip_while(|c| matches!(c, Component::CurDir | Component::ParentDir)).collect();
                let want = want.as_path();
                let Some(same_name) = want.file_name().and_then(|n| by_file_name.get(n)) else { return Vec::new() };
                let mut c: Vec<(u32, u32)> = same_name
                    .iter()
                    .filter(|&&i| path_refs[i].ends_with(want))
                    .map(|&i| (folders.first[folders.of_file[i] as usize], i as u32))
                    .collect();
                c.sort_unstable();
                c
            });
            if cands.is_empty() {
                continue;
            }
            let found = folders.nearest(folders.of_file[fi], cands, Some(fi as u32), &mut steps);
            out.extend(found.into_iter().map(|i| i as usize));
        }
        includes.push(out);
    }

    (includes, steps)
}

/// The files no entry point reaches, as programs: their folders stand for entry points.
/// Such files of one folder go together (a sample's helpers, a test suite, a library), a
/// folder's program holds the folders its functions (and global tables) call into, and a
/// folder called by another that it does not call back is that one's, as an entry reached
/// by another entry is. One program of all of them joined unrelated code: in
/// azure-iot-sdk-c a serializer test's AMQP client was told that the Model ID set by a PnP
/// helper no sample uses (another folder, no call between them) is dropped by its
/// transport.
fn unreached_groups(g: &mut Graph, orphans: &[usize]) -> Vec<BTreeSet<usize>> {
    // The folders, in order of their first file.
    let mut group_of: HashMap<usize, usize> = HashMap::default();
    let mut folder_group: HashMap<u32, usize> = HashMap::default();
    let mut members: Vec<Vec<usize>> = Vec::new();
    for &f in orphans {
        let k = *folder_group.entry(g.folders.of_file[f]).or_insert_with(|| {
            members.push(Vec::new());
            members.len() - 1
        });
        members[k].push(f);
        group_of.insert(f, k);
    }
    // The folders each folder's functions call (itself left out). Only a name that an
    // unreached file defines can resolve into one: the others are not looked up (a unit
    // test's hundreds of mock and SDK calls, resolved for every node of the unreached
    // files, were 2.2 ms of azure-iot-sdk-c's split, for 158 files).
    let mut defined = vec![false; g.in_tests.len()];
    for &f in orphans {
        for &(id, _) in &g.own[f] {
            defined[id as usize] = true;
        }
    }
    let mut calls: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); members.len()];
    let mut callees = Vec::new();
    for (k, files) in members.iter().enumerate() {
        for &f in files {
            callees.clear();
            g.targets_among(f, &defined, &mut callees);
            for &c in &callees {
                if let Some(&j) = group_of.get(&g.file_of(c)) {
                    if j != k {
                        calls[k].insert(j);
                    }
                }
            }
        }
    }
    // The folders' strongly connected components (Tarjan's, iterative): a folder reached by
    // another that it does not reach back is one whose component another component calls.
    // Linear in the folders and their calls, however many unreached folders a tree holds.
    let calls: Vec<Vec<usize>> = calls.into_iter().map(|c| c.into_iter().collect()).collect();
    let k = members.len();
    const UNSEEN: usize = usize::MAX;
    let (mut index, mut low, mut comp) = (vec![UNSEEN; k], vec![0usize; k], vec![UNSEEN; k]);
    let (mut stack, mut on_stack, mut counter, mut comps) = (Vec::new(), vec![false; k], 0usize, 0usize);
    for root in 0..k {
        if index[root] != UNSEEN {
            continue;
        }
        let mut work: Vec<(usize, usize)> = vec![(root, 0)];
        index[root] = counter;
        low[root] = counter;
        counter += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut next)) = work.last_mut() {
            g.stats.reach_steps += 1;
            if let Some(&w) = calls[v].get(*next) {
                *next += 1;
                if index[w] == UNSEEN {
                    index[w] = counter;
                    low[w] = counter;
                    counter += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    comp[w] = comps;
                    if w == v {
                        break;
                    }
                }
                comps += 1;
            }
        }
    }
    let mut called = vec![false; comps];
    for (v, cs) in calls.iter().enumerate() {
        for &w in cs {
            if comp[v] != comp[w] {
                called[comp[w]] = true;
            }
        }
    }
    // One program per component no other calls: its folders and all they reach.
    let mut by_comp: Vec<Vec<usize>> = vec![Vec::new(); comps];
    for v in 0..k {
        by_comp[comp[v]].push(v);
    }
    let mut out: Vec<BTreeSet<usize>> = Vec::new();
    let mut seen_sets: HashSet<BTreeSet<usize>> = HashSet::default();
    // Which source component last reached each folder (one list for all of them).
    let mut reached_by = vec![UNSEEN; k];
    for (c, folders) in by_comp.iter().enumerate() {
        if called[c] {
            continue;
        }
        let mut todo: Vec<usize> = folders.clone();
        for &v in folders {
            reached_by[v] = c;
        }
        let mut files = BTreeSet::new();
        while let Some(v) = todo.pop() {
            g.stats.reach_steps += 1;
            files.extend(members[v].iter().copied());
            for &w in &calls[v] {
                if reached_by[w] != c {
                    reached_by[w] = c;
                    todo.push(w);
                }
            }
        }
        if seen_sets.insert(files.clone()) {
            out.push(files);
        }
    }
    out.sort();
    out
}

/// What each entry reaches: the files of the functions it reaches and the other entries on
/// the way (itself among them). Entries are taken 64 at a time, one bit each: the part of
/// the call graph the 64 reach is walked once (Tarjan's strongly connected components,
/// which completes a component after every component it reaches), each component's bits
/// (the entries that reach it) pushed to the components it calls, sources first. A shared
/// library is walked once per 64 entries instead of once per entry (netxduo's 175 test
/// programs all reach its stack: 6.1 million steps walking from each, 0.5 million so).
/// A group walks the union of what its entries reach, twice (the components, then the
/// bits along the calls): one entry alone costs about two walks of its own.
fn reach(g: &mut Graph, entries: &[u32], is_entry: &HashMap<u32, usize>) -> (Vec<BTreeSet<usize>>, Vec<HashSet<usize>>) {
    const NONE: u32 = u32::MAX;
    let nodes = g.edges.len();
    let mut reach_files: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); entries.len()];
    let mut reach_entries: Vec<HashSet<usize>> = vec![HashSet::default(); entries.len()];
    // Per node: the group that found it, its discovery index and low link, its component.
    let mut seen = vec![NONE; nodes];
    let mut index = vec![0u32; nodes];
    let mut low = vec![0u32; nodes];
    let mut comp = vec![NONE; nodes];
    // Per file: the group's entries that reach one of its functions.
    let mut file_bits = vec![0u64; g.facts.len()];
    let mut steps = 0usize;
    for (group, chunk) in entries.chunks(64).enumerate() {
        let (group, base) = (group as u32, group * 64);
        // Components as ranges of `members`, in the order Tarjan completes them.
        let mut members: Vec<u32> = Vec::new();
        let mut comps: Vec<(usize, usize)> = Vec::new();
        let mut stack: Vec<u32> = Vec::new();
        let mut call: Vec<(u32, u32)> = Vec::new();
        let mut counter = 0u32;
        for &root in chunk {
            if seen[root as usize] == group {
                continue;
            }
            macro_rules! discover {
                ($v:expr) => {{
                    let v: u32 = $v;
                    let i = v as usize;
                    seen[i] = group;
                    index[i] = counter;
                    low[i] = counter;
                    comp[i] = NONE;
                    counter += 1;
                    stack.push(v);
                    call.push((v, 0));
                    g.edges_of(v);
                }};
            }
            discover!(root);
            while let Some(&(v, at)) = call.last() {
                let vi = v as usize;
                let w = g.edges(v).get(at as usize).copied();
                steps += 1;
                match w {
                    Some(w) => {
                        if let Some(top) = call.last_mut() {
                            top.1 += 1;
                        }
                        let wi = w as usize;
                        if seen[wi] != group {
                            discover!(w);
                        } else if comp[wi] == NONE {
                            // On the stack: part of a component still open.
                            low[vi] = low[vi].min(index[wi]);
                        }
                    }
                    None => {
                        call.pop();
                        if let Some(&(u, _)) = call.last() {
                            low[u as usize] = low[u as usize].min(low[vi]);
                        }
                        if low[vi] == index[vi] {
                            let id = comps.len() as u32;
                            let start = members.len();
                            while let Some(m) = stack.pop() {
                                comp[m as usize] = id;
                                members.push(m);
                                if m == v {
                                    break;
                                }
                            }
                            comps.push((start, members.len()));
                        }
                    }
                }
            }
        }
        // Each component's entries, pushed along the calls: a component's callers complete
        // after it, so in reverse completion order every caller comes first.
        let mut bits = vec![0u64; comps.len()];
        for (k, &e) in chunk.iter().enumerate() {
            bits[comp[e as usize] as usize] |= 1 << k;
        }
        let mut touched: Vec<usize> = Vec::new();
        for c in (0..comps.len()).rev() {
            let b = bits[c];
            let (start, end) = comps[c];
            for &v in &members[start..end] {
                for &w in g.edges(v) {
                    steps += 1;
                    let cw = comp[w as usize] as usize;
                    if cw != c {
                        bits[cw] |= b;
                    }
                }
                if (v as usize) < g.functions() {
                    let f = g.fn_file[v as usize] as usize;
                    if file_bits[f] == 0 {
                        touched.push(f);
                    }
                    file_bits[f] |= b;
                    if let Some(&j) = is_entry.get(&v) {
                        for k in ones(b) {
                            reach_entries[base + k].insert(j);
                        }
                    }
                }
            }
        }
        for f in touched {
            for k in ones(std::mem::take(&mut file_bits[f])) {
                reach_files[base + k].insert(f);
            }
        }
    }
    g.stats.reach_steps += steps;
    (reach_files, reach_entries)
}

/// The positions of the bits set in `b`.
fn ones(mut b: u64) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        (b != 0).then(|| {
            let k = b.trailing_zeros() as usize;
            b &= b - 1;
            k
        })
    })
}

fn is_header(p: &Path) -> bool {
    p.extension().is_some_and(|e| e == "h" || e == "hpp")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::c::facts::extract;

    fn split_sources(files: &[(&str, &str)]) -> Vec<Vec<String>> {
        let paths: Vec<PathBuf> = files.iter().map(|(p, _)| PathBuf::from(p)).collect();
        let facts: Vec<FileFacts> = files.iter().map(|(_, t)| extract(t)).collect();
        let refs: Vec<&FileFacts> = facts.iter().collect();
        split(&paths, &refs)
            .into_iter()
            .map(|p| p.files.iter().map(|&i| files[i].0.to_string()).collect())
            .collect()
    }

    #[test]
    fn samples_are_separate_programs_sharing_a_library() {
        let p = split_sources(&[
            ("samples/a/main.c", "#include \"cfg.h\"\nint main(void){ start(); provision(); return 0; }"),
            ("samples/a/cfg.h", "#define MODEL_ID \"dtmi:a:b;1\""),
            ("samples/b/main.c", "int main(void){ start(); return 0; }"),
            ("common/start.c", "void start(void){}"),
            ("samples/a/dps.c", "void provision(void){}"),
        ]);
        assert_eq!(
            p,
            vec![
                vec!["samples/a/main.c", "samples/a/cfg.h", "common/start.c", "samples/a/dps.c"],
                vec!["samples/b/main.c", "common/start.c"],
            ]
        );
    }

    #[test]
    fn function_pointers_and_nested_entries_join() {
        let p = split_sources(&[
            ("main.c", "int main(void){ vStartDemoTask(); for(;;); }"),
            ("demo.c", "static void task(void* p){ provision(); }\nvoid vStartDemoTask(void){ xTaskCreate(task, \"t\", 1, NULL, 1, NULL); }"),
            ("dps.c", "static const handler_t handlers[] = { do_register };\nvoid provision(void){ handlers[0](); }\nstatic void do_register(void){ Prov_Device_LL_Register_Device(h, a, b, c, d); }"),
        ]);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].len(), 3);
    }

    /// Entries are walked 64 at a time: an entry reached from an entry of another group (the
    /// demo task's, after 70 samples' `main`s) still joins that entry's program.
    #[test]
    fn nested_entries_join_across_groups_of_entries() {
        let mut files: Vec<(String, String)> = vec![("a/main.c".into(), "int main(void){ vStartDemoTask(); for(;;); }".into())];
        for i in 0..70 {
            files.push((format!("s/{i:02}/main.c"), format!("void helper{i}(void){{ }}\nint main(void){{ helper{i}(); return 0; }}")));
        }
        files.push(("z/demo.c".into(), "static void work(void){ }\nvoid vStartDemoTask(void){ work(); }".into()));
        let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
        let p = split_sources(&refs);
        assert_eq!(p.len(), 71, "{p:?}");
        assert!(p.contains(&vec!["a/main.c".to_string(), "z/demo.c".to_string()]), "{p:?}");
        assert!(p.contains(&vec!["s/69/main.c".to_string()]), "{p:?}");
    }

    #[test]
    fn a_member_of_the_same_name_does_not_join_another_samples_function() {
        let p = split_sources(&[
            ("a/main.c", "int main(void){ ctx->connection_status_cb(ctx, 1); cfg.on_status(2); return 0; }"),
            ("b/main.c", "static const client_t c = { .connection_status_cb = on_status };\nint main(void){ run(&c); return 0; }"),
            ("b/cb.c", "void connection_status_cb(int s){}\nvoid on_status(int s){}"),
        ]);
        assert_eq!(p, vec![vec!["a/main.c"], vec!["b/main.c", "b/cb.c"]]);
    }

    #[test]
    fn a_relative_include_links_the_header_it_names() {
        let p = split_sources(&[
            ("samples/a/main.c", "#include \"../common/model.h\"\nint main(void){ return 0; }"),
            ("samples/b/main.c", "#include \"./model.h\"\nint main(void){ return 0; }"),
            ("samples/b/model.h", "#define MODEL_ID \"dtmi:b:b;1\""),
            ("samples/common/model.h", "#define MODEL_ID \"dtmi:a:b;1\""),
        ]);
        assert_eq!(p, vec![vec!["samples/a/main.c", "samples/common/model.h"], vec!["samples/b/main.c", "samples/b/model.h"]]);
    }

    #[test]
    fn nearness_climbs_from_a_file_to_the_root_and_knows_the_programs_folder() {
        let paths: Vec<PathBuf> = ["ws/a/app/main.c", "ws/a/lib/x.c", "ws/b/main.c"].iter().map(PathBuf::from).collect();
        let n = Nearness::new(&paths);
        let (around, program) = n.around(0, [0, 1].into_iter());
        let holds = |level: usize, f: usize| around[level].0 <= n.key(f) && n.key(f) < around[level].1;
        // ws/a/app, ws/a, ws, the root.
        assert_eq!(around.len(), 4);
        assert!(holds(0, 0) && !holds(0, 1) && holds(1, 1) && !holds(1, 2) && holds(2, 2));
        // The program's files are all under ws/a: two levels.
        assert_eq!(program, 2);
        assert_eq!(n.around(0, [0].into_iter()).1, 1);
    }

    #[test]
    fn the_includes_of_a_large_tree_read_in_halves_are_those_read_whole() {
        // 1,200 files in 40 folders, each including its folder's `config.h` (the nearest
        // of 40), a header only the first folder has (nearest: up and over), and one no
        // file holds; the halves' memos each find the candidates again.
        let mut list: Vec<(String, String)> = Vec::new();
        for d in 0..40 {
            list.push((format!("boards/b{d:02}/config.h"), String::new()));
            for k in 0..29 {
                list.push((format!("boards/b{d:02}/f{k:02}.c"), "#include \"config.h\"\n#include \"../b00/shared.h\"\n#include <missing.h>\nint x;\n".to_string()));
            }
        }
        list.push(("boards/b00/shared.h".to_string(), String::new()));
        list.sort();
        let paths: Vec<&Path> = list.iter().map(|(p, _)| Path::new(p.as_str())).collect();
        let facts: Vec<FileFacts> = list.iter().map(|(_, t)| extract(t)).collect();
        let refs: Vec<&FileFacts> = facts.iter().collect();
        let folders = Folders::new(&paths);
        let n = paths.len();
        assert!(n >= INCLUDES_IN_HALVES);
        let (halves, steps) = includes_of(&paths, &refs, &folders);
        let mut by_name: HashMap<&OsStr, Vec<usize>> = HashMap::default();
        for (i, p) in paths.iter().enumerate() {
            by_name.entry(p.file_name().unwrap()).or_default().push(i);
        }
        let (whole, whole_steps) = includes_in(0..n, &paths, &refs, &folders, &by_name);
        assert_eq!(halves, whole);
        assert_eq!(steps, whole_steps);
        // Each source file includes its own folder's config.h and b00's shared.h.
        let name = |i: usize| list[i].0.as_str();
        let last = (0..n).rev().find(|&i| name(i).ends_with(".c")).unwrap();
        assert_eq!(halves[last].iter().map(|&i| name(i)).collect::<Vec<_>>(), vec!["boards/b39/config.h", "boards/b00/shared.h"]);
    }

    #[test]
    fn a_file_after_one_of_its_folder_gets_the_folder_a_file_alone_gets() {
        // Files of one folder in a row take the folder of the one before by the bytes of
        // its path; the same folder spelt otherwise (`ws//a`, `ws/./a`) is found by its
        // components, as a file alone finds it.
        let list = ["ws/a/x.c", "ws/a/y.c", "ws//a/z.c", "ws/./a/w.c", "ws/b/v.c", "ws/a/u.c", "top.c", "other.c", "/abs/t.c", "/abs/s.c"];
        let paths: Vec<&Path> = list.iter().map(Path::new).collect();
        let all = Folders::new(&paths);
        for (k, p) in paths.iter().enumerate() {
            let alone = Folders::new(&[*p]);
            let depth = |f: &Folders, mut at: u32| {
                let mut d = 0;
                while at != ROOT {
                    at = f.parent[at as usize];
                    d += 1;
                }
                d
            };
            assert_eq!(depth(&all, all.of_file[k]), depth(&alone, alone.of_file[0]), "{p:?}");
        }
        let same = |a: usize, b: usize| all.of_file[a] == all.of_file[b];
        assert!(same(0, 1) && same(1, 2) && same(2, 3) && same(0, 5) && same(6, 7) && same(8, 9));
        assert!(!same(0, 4) && !same(0, 6) && !same(6, 8));
    }

    #[test]
    fn unreached_folders_are_programs_by_what_they_call() {
        let p = split_sources(&[
            ("app/main.c", "int main(void){ run(); return 0; }"),
            ("app/run.c", "void run(void){}"),
            // Tests run through a macro: no entry reaches them. They call the helpers.
            ("tests/e2e/a.c", "void test_a(void){ helper(); }"),
            ("tests/e2e/b.c", "void test_b(void){ helper(); }"),
            ("tests/common/helper.c", "void helper(void){}"),
            // A sample's helper nobody uses, in a folder of its own.
            ("samples/pnp/pnp.c", "void pnp_setup(void){}"),
        ]);
        assert_eq!(
            p,
            vec![
                vec!["app/main.c".to_string(), "app/run.c".to_string()],
                // The helper's folder is the tests' (reached by them, calling none back).
                vec!["tests/e2e/a.c".to_string(), "tests/e2e/b.c".to_string(), "tests/common/helper.c".to_string()],
                vec!["samples/pnp/pnp.c".to_string()],
            ]
        );
    }

    #[test]
    fn unreached_folders_calling_each_other_are_one_program() {
        let p = split_sources(&[
            ("app/main.c", "int main(void){ return 0; }"),
            ("x/x.c", "void x(void){ y(); }"),
            ("y/y.c", "void y(void){ x(); }"),
        ]);
        assert_eq!(p, vec![vec!["app/main.c".to_string()], vec!["x/x.c".to_string(), "y/y.c".to_string()]]);
    }

    #[test]
    fn a_test_double_is_linked_into_its_tests_only() {
        let p = split_sources(&[
            ("sdk/samples/app/main.c", "int main(void){ lib_send(); return 0; }"),
            ("sdk/src/lib.c", "void lib_send(void){ STRING_construct(); }"),
            ("sdk/utility/strings.c", "void STRING_construct(void){}"),
            // Nearer to sdk/src than the utility, but a test's double.
            ("sdk/tests/lib_ut/lib_ut.c", "void STRING_construct(void){}\nint main(void){ lib_send(); return 0; }"),
            ("sdk/tests/lib_ut/helper.c", "void helper(void){}"),
        ]);
        assert_eq!(
            p,
            vec![
                vec!["sdk/samples/app/main.c".to_string(), "sdk/src/lib.c".to_string(), "sdk/utility/strings.c".to_string()],
                // A name resolves by the folder of the file that uses it: the library's call
                // is the utility's function in the test's program too.
                vec!["sdk/src/lib.c".to_string(), "sdk/utility/strings.c".to_string(), "sdk/tests/lib_ut/lib_ut.c".to_string()],
                vec!["sdk/tests/lib_ut/helper.c".to_string()],
            ]
        );
    }

    #[test]
    fn no_entry_point_is_one_program() {
        let p = split_sources(&[("lib/a.c", "void a(void){}"), ("lib/b.c", "void b(void){}")]);
        assert_eq!(p, vec![vec!["lib/a.c".to_string(), "lib/b.c".to_string()]]);
    }
}
