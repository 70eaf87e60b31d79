//! Code no entry point reaches, on real code (`tests/data/unreached`: files of
//! azure-iot-sdk-c, MIT, PROVENANCE beside them): its folders make programs of their own,
//! so a finding never pairs code of two folders that do not call each other. (The
//! test suite among them is read as code once its framework's includes are blanked: as
//! written, a unit test is not read at all.)

mod common;

use std::path::{Path, PathBuf};

use aics_core::c::program;
use aics_core::{analyze, AnalysisOptions, SourceFile};

/// The programs of `sources`: whether each has an entry, and its C files under `/ws`.
fn described(sources: &[SourceFile]) -> Vec<(bool, Vec<String>)> {
    let rel = |p: &Path| p.strip_prefix("/ws").unwrap().to_string_lossy().into_owned();
    let paths: Vec<PathBuf> = sources.iter().map(|s| s.path.as_ref().clone()).collect();
    let facts: Vec<_> = sources.iter().map(|s| aics_core::c::extract_file(&s.path, &s.text)).collect();
    let refs: Vec<_> = facts.iter().collect();
    let programs = program::split(&paths, &refs);
    programs.iter().map(|p| (p.entry.is_some(), p.files.iter().filter(|&&f| paths[f].extension().is_some_and(|x| x == "c")).map(|&f| rel(&paths[f])).collect())).collect()
}

#[test]
fn unreached_folders_that_never_call_each_other_are_programs_of_their_own() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/unreached/azure-iot-sdk-c");
    let sample = (true, vec!["iothub_client/samples/iothub_ll_telemetry_sample/iothub_ll_telemetry_sample.c".to_string()]);
    let helper = (false, vec!["iothub_client/samples/pnp/common/pnp_device_client_ll.c".to_string()]);

    // As written, the serializer's end-to-end tests are a test suite (they include
    // `testrunnerswitcher.h`): not read, in no program, and told nothing.
    let sources = common::under(&root);
    let programs = described(&sources);
    assert!(programs.contains(&sample) && programs.contains(&helper), "{programs:#?}");
    assert_eq!(programs.len(), 2, "{programs:#?}");
    let analysis = analyze(&sources, &AnalysisOptions::default());
    assert!(analysis.diagnostics.iter().all(|d| !d.span.path.starts_with("/ws/serializer")), "{:#?}", analysis.diagnostics);

    // The same suite written without a framework's header is code like any other.
    let sources = common::without_test_frameworks(sources);
    assert!(sources.iter().all(|s| !aics_core::c::is_unit_test(&s.text)));
    let programs = described(&sources);
    assert!(programs.contains(&sample) && programs.contains(&helper), "{programs:#?}");
    // The tests' `main` runs them through a macro: their file is reached by no entry.
    assert!(programs.contains(&(true, vec!["serializer/tests/serializer_e2e/main.c".to_string()])), "{programs:#?}");
    assert!(programs.contains(&(false, vec!["serializer/tests/serializer_e2e/serializer_e2e.c".to_string()])), "{programs:#?}");
    assert_eq!(programs.len(), 4, "{programs:#?}");

    // The serializer tests' clients are told what they do themselves: no Model ID at all,
    // never that the helper's Model ID is dropped by their transport.
    let analysis = analyze(&sources, &AnalysisOptions::default());
    let in_e2e: Vec<_> = analysis.diagnostics.iter().filter(|d| d.span.path.ends_with("serializer_e2e.c")).collect();
    let lines: Vec<u32> = in_e2e.iter().map(|d| d.span.start.line + 1).collect();
    assert_eq!(lines, vec![450, 533, 675, 752, 894, 979], "{in_e2e:#?}");
    for d in &in_e2e {
        assert_eq!(d.code, "AICS003");
        assert!(d.message.contains("never announces a Model ID"), "{}", d.message);
        assert!(d.related.iter().all(|r| r.span.path.starts_with("/ws/serializer")), "{d:#?}");
    }
}

/// An unreached folder that calls into another goes with it, whatever else its functions
/// call (the SDK, a reached helper, a name defined nowhere): only the names an unreached
/// file defines are looked up to find which unreached folder calls which, and a static
/// function is its own file's.
#[test]
fn an_unreached_folder_goes_with_the_unreached_folders_it_calls() {
    let files: [(&str, &str); 6] = [
        ("/ws/app/main.c", "int run(void);\nint main(void) { return run(); }\n"),
        ("/ws/app/run.c", "int run(void) { return 0; }\nvoid log_line(const char* s) { (void)s; }\n"),
        ("/ws/lib/a/a.c", "void b_helper(void);\nvoid a_entry(void) { b_helper(); log_line(\"a\"); IoTHubDeviceClient_LL_DoWork(0); nowhere(); }\n"),
        ("/ws/lib/b/b.c", "void b_helper(void) { log_line(\"b\"); }\n"),
        ("/ws/lib/d/d.c", "static void helper(void) { }\nvoid d_entry(void) { helper(); }\n"),
        ("/ws/lib/e/e.c", "void helper(void);\nvoid e_entry(void) { helper(); }\n"),
    ];
    let paths: Vec<PathBuf> = files.iter().map(|(p, _)| PathBuf::from(p)).collect();
    let facts: Vec<_> = files.iter().map(|(p, t)| aics_core::c::extract_file(Path::new(p), t)).collect();
    let refs: Vec<_> = facts.iter().collect();
    let programs = program::split(&paths, &refs);
    let described: Vec<(bool, Vec<&str>)> = programs.iter().map(|p| (p.entry.is_some(), p.files.iter().map(|&f| files[f].0).collect())).collect();
    assert!(described.contains(&(true, vec!["/ws/app/main.c", "/ws/app/run.c"])), "{described:#?}");
    assert!(described.contains(&(false, vec!["/ws/lib/a/a.c", "/ws/lib/b/b.c"])), "{described:#?}");
    // `e` calls a `helper` that only `d` defines, as its own: no call between them.
    assert!(described.contains(&(false, vec!["/ws/lib/d/d.c"])), "{described:#?}");
    assert!(described.contains(&(false, vec!["/ws/lib/e/e.c"])), "{described:#?}");
    assert_eq!(programs.len(), 4, "{described:#?}");
}
