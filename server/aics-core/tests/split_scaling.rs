//! Program splitting grows with the tree, not with the square of it: a tree of many
//! samples that each define the same helper names (the shape of an SDK's `samples/` or a
//! test suite's `regression/` folder) is split with work proportional to its size. The
//! work counters are compared, never wall time.

use std::collections::BTreeSet;
use std::path::PathBuf;

use aics_core::c::facts::{extract, FileFacts};
use aics_core::c::program::{split_with_stats, SplitStats};

/// `n` sample programs under `samples/NNN/`, each with its own `main`, helpers of the same
/// names as every other sample, a static of a common name and its own `sample_config.h`,
/// all using one shared library; plus a library file no sample calls.
fn tree(n: usize) -> (Vec<PathBuf>, Vec<FileFacts>) {
    let mut files: Vec<(String, String)> = Vec::new();
    for i in 0..n {
        let dir = format!("samples/{i:03}");
        files.push((
            format!("{dir}/main.c"),
            "#include \"sample_config.h\"\n#include \"lib/log.h\"\n\
             int main(void) {\n  helper_init();\n  helper_connect(SAMPLE_HOST);\n  for (;;) { helper_send(); }\n  return 0;\n}\n"
                .to_string(),
        ));
        files.push((
            format!("{dir}/helpers.c"),
            "#include \"sample_config.h\"\n#include \"lib/log.h\"\n\
             static int state;\n\
             static void log_state(void) { log_line(\"state\"); }\n\
             void helper_init(void) { state = 0; log_state(); }\n\
             int helper_connect(const char* host) { log_line(host); return helper_retry(3); }\n\
             int helper_retry(int n) { return n > 0 ? helper_connect(SAMPLE_HOST) : -1; }\n\
             void helper_send(void) { log_state(); log_line(\"send\"); }\n"
                .to_string(),
        ));
        files.push((format!("{dir}/sample_config.h"), format!("#define SAMPLE_HOST \"host{i}.example.net\"\n")));
    }
    files.push(("lib/log.h".to_string(), "void log_line(const char* s);\n".to_string()));
    files.push(("lib/log.c".to_string(), "#include \"log.h\"\nvoid log_line(const char* s) { (void)s; }\n".to_string()));
    files.push(("lib/unused.c".to_string(), "void helper_init(void) {}\nvoid helper_send(void) {}\n".to_string()));
    let paths = files.iter().map(|(p, _)| PathBuf::from(p)).collect();
    let facts = files.iter().map(|(_, t)| extract(t)).collect();
    (paths, facts)
}

fn run(n: usize) -> SplitStats {
    let (paths, facts) = tree(n);
    let refs: Vec<&FileFacts> = facts.iter().collect();
    let (programs, stats) = split_with_stats(&paths, &refs);
    let name = |i: usize| paths[i].to_string_lossy().into_owned();
    // The split itself is right: one program per sample with its own helpers and config
    // and the shared library, and the uncalled library file on its own.
    assert_eq!(programs.len(), n + 1, "{n} samples");
    for i in 0..n {
        let dir = format!("samples/{i:03}");
        let want: BTreeSet<String> = [
            format!("{dir}/main.c"),
            format!("{dir}/helpers.c"),
            format!("{dir}/sample_config.h"),
            "lib/log.h".to_string(),
            "lib/log.c".to_string(),
        ]
        .into_iter()
        .collect();
        let p = programs
            .iter()
            .find(|p| p.files.iter().any(|&f| name(f) == format!("{dir}/main.c")))
            .unwrap_or_else(|| panic!("no program for {dir}"));
        let got: BTreeSet<String> = p.files.iter().map(|&f| name(f)).collect();
        assert_eq!(got, want, "program of {dir}");
    }
    let orphan = programs.iter().find(|p| p.entry.is_none()).expect("the uncalled library file");
    assert_eq!(orphan.files.iter().map(|&f| name(f)).collect::<Vec<_>>(), vec!["lib/unused.c"]);
    stats
}

#[test]
fn splitting_work_grows_linearly_with_the_number_of_programs() {
    let small = run(20);
    let large = run(200);
    eprintln!("20 programs: {small:?}\n200 programs: {large:?}");
    // Every sample's folder resolves each of its names once, whatever the number of
    // samples defining the same names.
    assert!(small.resolutions > 0 && small.lookups > 0 && small.reach_steps > 0 && small.resolve_steps > 0);
    for (what, s, l) in [
        ("lookups", small.lookups, large.lookups),
        ("resolutions", small.resolutions, large.resolutions),
        ("resolve steps", small.resolve_steps, large.resolve_steps),
        ("reach steps", small.reach_steps, large.reach_steps),
    ] {
        // 10x the programs: at most 10x the work, plus a little for the constant part.
        assert!(l <= s * 10 + s / 5, "{what}: {s} for 20 programs but {l} for 200 (more than linear)");
        assert!(l >= s * 8, "{what}: {s} for 20 programs but only {l} for 200 (the tree was not walked?)");
    }
}

/// One program with an entry point, `n` folders no entry reaches (test suites run through a
/// macro), each calling a helper of a shared, also unreached, folder, and `n` more
/// unreached folders that call nothing: each makes a program of its own (with the shared
/// folder when it calls it), and the work grows with the folders, not their square.
fn unreached_tree(n: usize) -> (Vec<PathBuf>, Vec<FileFacts>) {
    let mut files: Vec<(String, String)> = vec![("app/main.c".to_string(), "int main(void) { return 0; }\n".to_string())];
    for i in 0..n {
        files.push((format!("suites/{i:03}/suite.c"), format!("void suite_{i}(void) {{ common_setup(); common_check({i}); }}\n")));
        files.push((format!("dead/{i:03}/dead.c"), format!("static int x_{i};\nvoid dead_{i}(void) {{ x_{i} = 1; }}\n")));
    }
    files.push(("suites/common/common.c".to_string(), "void common_setup(void) {}\nvoid common_check(int n) { (void)n; }\n".to_string()));
    let paths = files.iter().map(|(p, _)| PathBuf::from(p)).collect();
    let facts = files.iter().map(|(_, t)| extract(t)).collect();
    (paths, facts)
}

fn run_unreached(n: usize) -> SplitStats {
    let (paths, facts) = unreached_tree(n);
    let refs: Vec<&FileFacts> = facts.iter().collect();
    let (programs, stats) = split_with_stats(&paths, &refs);
    let name = |i: usize| paths[i].to_string_lossy().into_owned();
    assert_eq!(programs.len(), 1 + 2 * n, "{n} suites and {n} dead folders");
    for i in 0..n {
        let suite = programs.iter().find(|p| p.files.iter().any(|&f| name(f) == format!("suites/{i:03}/suite.c"))).expect("the suite's program");
        let got: Vec<String> = suite.files.iter().map(|&f| name(f)).collect();
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got.contains(&"suites/common/common.c".to_string()), "{got:?}");
    }
    stats
}

#[test]
fn unreached_folders_are_split_with_work_linear_in_them() {
    let small = run_unreached(20);
    let large = run_unreached(200);
    eprintln!("20 unreached suites: {small:?}\n200 unreached suites: {large:?}");
    for (what, s, l) in [("lookups", small.lookups, large.lookups), ("resolutions", small.resolutions, large.resolutions), ("reach steps", small.reach_steps, large.reach_steps)] {
        assert!(l <= s * 10 + s / 5, "{what}: {s} for 20 unreached suites but {l} for 200 (more than linear)");
        assert!(l >= s * 8, "{what}: {s} for 20 unreached suites but only {l} for 200 (the tree was not walked?)");
    }
}
