//! `check --stats`: the stats go to stderr after the report and leave stdout as it is; the
//! files are counted by how they were read.

use std::fs;
use std::process::Command;

fn check(dir: &std::path::Path, extra: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_aics-lint"))
        .args(["check", "--format", "json", "--no-progress"])
        .args(extra)
        .arg(".")
        .current_dir(dir)
        .output()
        .unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

/// The report without its run time (the one field two runs differ in).
fn without_duration(json: &str) -> serde_json::Value {
    let mut v: serde_json::Value = serde_json::from_str(json).unwrap();
    v["summary"].as_object_mut().unwrap().remove("duration_ms");
    v
}

#[test]
fn stats_count_the_files_by_how_they_were_read_and_leave_stdout_alone() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    // A device program (an SDK name: read from tokens), a helper with no SDK name (passed
    // over), a C++ file (always parsed), a unit test (not read) and a model.
    fs::write(
        root.join("main.c"),
        "#include \"iothub_device_client_ll.h\"\nint main(void) {\n    IOTHUB_DEVICE_CLIENT_LL_HANDLE h = IoTHubDeviceClient_LL_CreateFromConnectionString(\"cs\", MQTT_Protocol);\n    helper(h);\n    return 0;\n}\n",
    )
    .unwrap();
    fs::write(root.join("helper.c"), "int helper(void *h) {\n    return h != 0;\n}\n").unwrap();
    fs::write(
        root.join("main_ut.c"),
        "#include <setjmp.h>\n#include <cmocka.h>\n#include \"iothub_device_client_ll.h\"\nstatic void creates(void **state) {\n    (void)state;\n    assert_non_null(IoTHubDeviceClient_LL_CreateFromConnectionString(\"cs\", MQTT_Protocol));\n}\n",
    )
    .unwrap();
    fs::write(root.join("sensor.cpp"), "class Sensor {\npublic:\n    int read() { return 42; }\n};\n").unwrap();
    fs::write(
        root.join("thermostat.json"),
        r#"{"@context": "dtmi:dtdl:context;2", "@id": "dtmi:com:example:Thermostat;1", "@type": "Interface", "contents": []}"#,
    )
    .unwrap();

    let (code, plain, _) = check(root, &[]);
    let (code_stats, with_stats, stderr) = check(root, &["--stats"]);
    assert_eq!(code, code_stats);
    assert_eq!(without_duration(&plain), without_duration(&with_stats), "--stats changed stdout");

    let stats = stderr.split_once("aics-lint --stats\n").map(|(_, s)| s).unwrap_or_else(|| panic!("no stats on stderr:\n{stderr}"));
    let row = |label: &str| {
        stats.lines().find(|l| l.trim_start().starts_with(label)).unwrap_or_else(|| panic!("no `{label}` row:\n{stats}")).to_string()
    };
    let c = row("C files");
    assert!(c.contains(" 4  ") && c.contains("1 passed over (no SDK name), 1 unit test (not checked), 1 read from tokens, 1 parsed (1 parse)"), "{c}");
    assert!(row("JSON files").contains(" 1  "), "{stats}");
    let split = row("split");
    let programs: usize = split.split("into ").nth(1).and_then(|p| p.split(' ').next()).and_then(|n| n.parse().ok()).unwrap_or(0);
    assert!(programs >= 1, "{split}");
    let reported = with_stats_count(&with_stats);
    assert!(row("findings").contains(&format!("{reported} reported")), "{stats}");
    assert!(row("total").contains(" on ") && row("total").contains("thread"), "{stats}");
    // Each stage's time is within the whole run's.
    let millis = |l: &str| -> f64 { l.split(" ms").next().unwrap().rsplit(' ').next().unwrap().parse().unwrap() };
    let total = millis(&row("total"));
    for label in ["walk, read", "split", "shared index", "programs", "findings", "report"] {
        assert!(millis(&row(label)) <= total, "{label} longer than the run:\n{stats}");
    }
}

/// The findings of a JSON report that are not suppressed.
fn with_stats_count(json: &str) -> usize {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    v["diagnostics"].as_array().unwrap().iter().filter(|d| d["suppressed"] != true).count()
}

#[test]
fn without_the_flag_there_are_no_stats() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.c"), "int f(void) { return 1; }\n").unwrap();
    let (_, _, stderr) = check(dir.path(), &[]);
    assert!(!stderr.contains("--stats"), "{stderr}");
}
