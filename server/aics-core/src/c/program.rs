//! Splitting the linted C files into programs. A program is what gets flashed onto one
//! device: an entry point, the files whose functions it reaches (calls, and functions
//! passed by pointer), and the headers those files include. One sample's payload must
//! never excuse another sample's registration; but a wrongly split program invents
//! findings, so when in doubt the split joins.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::facts::FileFacts;
use super::sdk::tables;

/// One device program: indices into the linted files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Program {
    /// The entry function's name and file, or `None` for code no entry point reaches.
    pub entry: Option<(String, usize)>,
    pub files: BTreeSet<usize>,
}

/// Which linted files an `#include` of `name` in `from` can mean: files whose path ends
/// with the included path, the nearest ones (longest shared folder prefix) first; all of
/// equal distance are kept (two boards' `board_config.h` are both configurations).
fn resolve_include(paths: &[&Path], by_file_name: &HashMap<&std::ffi::OsStr, Vec<usize>>, from: usize, name: &str) -> Vec<usize> {
    let want = Path::new(name);
    let Some(same_name) = want.file_name().and_then(|n| by_file_name.get(n)) else { return Vec::new() };
    let candidates: Vec<usize> = same_name.iter().copied().filter(|&i| i != from && paths[i].ends_with(want)).collect();
    nearest(paths, from, candidates)
}

fn shared_prefix(a: &Path, b: &Path) -> usize {
    a.components().zip(b.components()).take_while(|(x, y)| x == y).count()
}

fn nearest(paths: &[&Path], from: usize, candidates: Vec<usize>) -> Vec<usize> {
    let best = candidates.iter().map(|&c| shared_prefix(paths[from], paths[c])).max();
    candidates.into_iter().filter(|&c| Some(shared_prefix(paths[from], paths[c])) == best).collect()
}

/// A function node of the call graph: (file, index into that file's functions).
type Fn = (usize, usize);

pub fn split(paths: &[PathBuf], facts: &[&FileFacts]) -> Vec<Program> {
    let path_refs: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    let n = facts.len();

    // Function definitions by name.
    let mut defs: HashMap<&str, Vec<Fn>> = HashMap::new();
    for (fi, f) in facts.iter().enumerate() {
        for (i, d) in f.functions.iter().enumerate() {
            defs.entry(d.name.as_str()).or_default().push((fi, i));
        }
    }
    // What a name used in file `fi` refers to: a static of the same file, else the
    // non-static definitions nearest to the user.
    let resolve = |fi: usize, name: &str| -> Vec<Fn> {
        let Some(cands) = defs.get(name) else { return Vec::new() };
        let same_file: Vec<Fn> = cands.iter().copied().filter(|(f, _)| *f == fi).collect();
        if !same_file.is_empty() {
            return same_file;
        }
        let visible: Vec<usize> = cands.iter().filter(|(f, i)| !facts[*f].functions[*i].is_static).map(|(f, _)| *f).collect();
        let files = nearest(&path_refs, fi, visible);
        cands.iter().copied().filter(|(f, i)| files.contains(f) && !facts[*f].functions[*i].is_static).collect()
    };

    // Includes by file name first: comparing every include with every path is quadratic.
    let mut by_file_name: HashMap<&std::ffi::OsStr, Vec<usize>> = HashMap::new();
    for (i, p) in path_refs.iter().enumerate() {
        if let Some(name) = p.file_name() {
            by_file_name.entry(name).or_default().push(i);
        }
    }
    let includes: Vec<Vec<usize>> = (0..n)
        .map(|fi| facts[fi].includes.iter().flat_map(|inc| resolve_include(&path_refs, &by_file_name, fi, inc)).collect())
        .collect();

    let reach = |start: Fn| -> HashSet<Fn> {
        let mut seen = HashSet::from([start]);
        let mut stack = vec![start];
        let mut files_done = HashSet::new();
        while let Some((fi, i)) = stack.pop() {
            let f = &facts[fi];
            let mut names: Vec<&str> = f.functions[i].idents.iter().map(String::as_str).collect();
            // Global initialisers of a reached file (tables of handlers) are reached too.
            if files_done.insert(fi) {
                names.extend(f.file_idents.iter().map(String::as_str));
            }
            for name in names {
                for target in resolve(fi, name) {
                    if seen.insert(target) {
                        stack.push(target);
                    }
                }
            }
        }
        seen
    };

    let entry_names = &tables().entry_points.names;
    let entries: Vec<Fn> = defs
        .iter()
        .filter(|(name, _)| entry_names.iter().any(|e| e == *name))
        .flat_map(|(_, v)| v.iter().copied())
        .collect();

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

    if entries.is_empty() {
        return vec![Program { entry: None, files: (0..n).collect() }];
    }

    let reaches: Vec<(Fn, HashSet<Fn>)> = entries.iter().map(|&e| (e, reach(e))).collect();
    let mut programs: Vec<Program> = Vec::new();
    let mut covered: HashSet<usize> = HashSet::new();
    for (e, r) in &reaches {
        // An entry reached by another entry that it does not reach back belongs to that
        // one's program (main → vStartDemoTask).
        let dominated = reaches.iter().any(|(o, ro)| o != e && ro.contains(e) && !r.contains(o));
        if dominated {
            continue;
        }
        let files: BTreeSet<usize> = r.iter().map(|(f, _)| *f).collect();
        let files = with_includes(files);
        if programs.iter().any(|p| p.files == files) {
            continue;
        }
        covered.extend(files.iter().copied());
        let name = facts[e.0].functions[e.1].name.clone();
        programs.push(Program { entry: Some((name, e.0)), files });
    }
    // Code no entry point reaches (a library folder, code called in ways the analysis
    // cannot follow) is one more program of its own, never silently dropped.
    let orphans: BTreeSet<usize> = (0..n)
        .filter(|f| !covered.contains(f) && !is_header(&path_refs[*f]) && !facts[*f].functions.is_empty())
        .collect();
    if !orphans.is_empty() {
        programs.push(Program { entry: None, files: with_includes(orphans) });
    }
    programs.sort_by(|a, b| a.files.cmp(&b.files));
    programs
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

    #[test]
    fn no_entry_point_is_one_program() {
        let p = split_sources(&[("lib/a.c", "void a(void){}"), ("lib/b.c", "void b(void){}")]);
        assert_eq!(p, vec![vec!["lib/a.c".to_string(), "lib/b.c".to_string()]]);
    }
}
