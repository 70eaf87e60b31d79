//! A function defined in a folder of tests (a test double) is never linked into code
//! outside that folder, on real code (`tests/data/test-doubles`: files of azure-iot-sdk-c,
//! MIT, PROVENANCE beside them).

mod common;

use std::path::{Path, PathBuf};

use aics_core::c::program;
use aics_core::{analyze, AnalysisOptions};

#[test]
fn a_unit_tests_doubles_are_not_the_samples_functions() {
    // (The unit test read as code, its framework's includes blanked: as written, it is not
    // read at all.)
    let sources = common::without_test_frameworks(common::under(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/test-doubles/azure-iot-sdk-c")));
    assert!(sources.iter().all(|s| !aics_core::c::is_unit_test(&s.text)));
    let rel = |p: &Path| p.strip_prefix("/ws").unwrap().to_string_lossy().into_owned();
    let paths: Vec<PathBuf> = sources.iter().map(|s| s.path.as_ref().clone()).collect();
    let facts: Vec<_> = sources.iter().map(|s| aics_core::c::extract_file(&s.path, &s.text)).collect();
    let refs: Vec<_> = facts.iter().collect();
    let programs = program::split(&paths, &refs);
    let sample = programs.iter().find(|p| p.entry.as_ref().is_some_and(|(_, f)| rel(&paths[*f]).contains("prov_dev_client_ll_sample"))).expect("the sample's program");
    let files: Vec<String> = sample.files.iter().map(|&f| rel(&paths[f])).collect();
    // The SDK's sources it calls are in; the unit test that defines `STRING_construct_sprintf`
    // (which prov_auth_client.c calls) is not.
    assert!(files.iter().any(|f| f.ends_with("src/prov_device_ll_client.c")), "{files:?}");
    assert!(files.iter().any(|f| f.ends_with("src/prov_auth_client.c")), "{files:?}");
    assert!(!files.iter().any(|f| f.contains("/tests/")), "{files:?}");

    // So the sample, which never sets a registration payload, is told so at its registration
    // (the unit test's `Prov_Device_LL_Set_Provisioning_Payload` calls no longer excuse it).
    let analysis = analyze(&sources, &AnalysisOptions::default());
    let in_sample: Vec<(u32, &str, &str)> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.span.path.ends_with("prov_dev_client_ll_sample.c"))
        .map(|d| (d.span.start.line + 1, d.code, d.message.as_str()))
        .collect();
    assert!(
        in_sample.iter().any(|(line, code, message)| *line == 230 && *code == "AICS001" && message.contains("never sets a registration payload")),
        "{in_sample:#?}"
    );
}
