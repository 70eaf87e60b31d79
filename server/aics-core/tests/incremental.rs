//! The analysis cache of the language server: after each edit, an analysis that reuses the
//! last one's facts, split into programs and per-program findings must report exactly what
//! a fresh analysis of the same texts reports. The workspace is every device program of
//! `tests/fixtures/programs` side by side (many programs in one tree, as in an SDK checkout).

use std::path::{Path, PathBuf};

use aics_core::{analyze, analyze_cached, file_kind, AnalysisCache, AnalysisOptions, SourceFile};

fn workspace() -> Vec<SourceFile> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/programs");
    let mut out = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if file_kind(&p).is_some() {
                let rel: PathBuf = p.strip_prefix(&root).unwrap().to_path_buf();
                out.push(SourceFile::new(PathBuf::from("/ws").join(rel), std::fs::read_to_string(&p).unwrap()));
            }
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

fn rendered(sources: &[SourceFile], analysis: &aics_core::Analysis) -> Vec<String> {
    assert!(!sources.is_empty());
    analysis.diagnostics.iter().map(|d| format!("{d:?}")).collect()
}

fn edit(sources: &mut [SourceFile], path: &str, from: &str, to: &str) {
    let s = sources.iter_mut().find(|s| s.path.ends_with(path)).unwrap_or_else(|| panic!("no {path}"));
    assert!(s.text.contains(from), "{path} has no `{from}`");
    s.text = s.text.replacen(from, to, 1).into();
}

#[test]
fn cached_analyses_equal_fresh_ones_after_each_edit() {
    let mut sources = workspace();
    assert!(sources.len() > 100, "the fixture programs are missing: {}", sources.len());
    let options = AnalysisOptions::default();
    let cache = AnalysisCache::default();
    let first = analyze_cached(&sources, &options, &cache);
    assert_eq!(rendered(&sources, &first), rendered(&sources, &analyze(&sources, &options)));
    let edits: &[(&str, &str, &str)] = &[
        // Inside a string: the split and the other programs stay cached.
        ("iothubll-correct/main.c", "OPTION_MODEL_ID, THERMOSTAT_MODEL_ID", "OPTION_MODEL_ID, \"dtmi:com:example:Other;1\""),
        // A new function and a call: the split changes.
        ("iothubll-correct/main.c", "int main(", "static void helper(void) { }\nint main("),
        // A macro's value, which other programs could read through the fallback.
        ("iothubll-correct/sample_config.h", "dtmi:", "dtmi:x"),
        // Back again.
        ("iothubll-correct/sample_config.h", "dtmi:x", "dtmi:"),
        ("iothubll-correct/main.c", "OPTION_MODEL_ID, \"dtmi:com:example:Other;1\"", "OPTION_MODEL_ID, THERMOSTAT_MODEL_ID"),
        // A payload's key, in the header.
        ("iothubll-correct/sample_config.h", "modelId", "modelid"),
        // A file added to the tree: the indices of the files after it move.
        ("iothubll-no-payload/main.c", "int main(", "int main("),
    ];
    for (i, (path, from, to)) in edits.iter().enumerate() {
        edit(&mut sources, path, from, to);
        if i == edits.len() - 1 {
            sources.push(SourceFile::new("/ws/aaa-new/extra.c", "int extra(void) { return 1; }\n"));
            sources.sort_by(|a, b| a.path.cmp(&b.path));
        }
        let cached = analyze_cached(&sources, &options, &cache);
        let fresh = analyze(&sources, &options);
        assert_eq!(rendered(&sources, &cached), rendered(&sources, &fresh), "after edit {i}: {path} `{from}` -> `{to}`");
        assert_eq!(cached.programs, fresh.programs);
        // The coverage summary comes from the same per-program results as the findings.
        assert_eq!(cached.coverage, fresh.coverage, "coverage after edit {i}");
    }
    // The edits did change the findings (the test is not comparing two empty lists).
    let a = analyze(&workspace(), &options);
    let mut broken = workspace();
    edit(&mut broken, "iothubll-correct/sample_config.h", "modelId", "modelid");
    assert_ne!(rendered(&broken, &analyze(&broken, &options)), rendered(&broken, &a));
}
