//! `aics-lint check --fix` end to end, on copies of the shared CLI projects and the
//! README's example (the fixes write to the files, so never on the committed trees): what is
//! written, what is reported, the exit status, and that a second `check` agrees.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_tree(&e.path(), &target);
        } else {
            fs::copy(e.path(), &target).unwrap();
        }
    }
}

fn run(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_aics-lint")).args(args).current_dir(cwd).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A copy of a tree under `tests/` in a fresh temporary folder.
fn copy_of(rel: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&repo().join(rel), tmp.path());
    tmp
}

fn codes_in_json(o: &Output) -> Vec<(String, String)> {
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["suppressed"] == false)
        .map(|d| (d["code"].as_str().unwrap().to_string(), d["path"].as_str().unwrap().to_string()))
        .collect()
}

#[test]
fn fixes_the_fleet_and_reports_what_is_left() {
    let tmp = copy_of("tests/cli/projects/device-fleet");
    let before = codes_in_json(&run(tmp.path(), &["check", "--format", "json"]));
    assert!(before.contains(&("AICS001".into(), "greenhouse/main.c".into())), "{before:?}");
    assert!(before.contains(&("AICS003".into(), "cold-room/main.c".into())), "{before:?}");
    let gateway = fs::read_to_string(tmp.path().join("legacy-gateway/gateway.c")).unwrap();

    let o = run(tmp.path(), &["check", "--fix"]);
    let out = stdout(&o);
    assert!(out.contains("fixed greenhouse/main.c:36:9: AICS001 Set the DPS payload with the Model ID (Prov_Device_LL_Set_Provisioning_Payload)\n"), "{out}");
    assert!(out.contains("fixed cold-room/main.c:43:42: AICS003 Announce the Model ID on the hub connection (OPTION_MODEL_ID)\n"), "{out}");
    assert!(out.contains(" — 2 fixed\n"), "{out}");
    // What is left (AICS004, AICS005, AICS006: no mechanical fix) still fails the run.
    assert_eq!(o.status.code(), Some(1), "{out}");

    // The program's own Model ID macros went in, at the statement level.
    let greenhouse = fs::read_to_string(tmp.path().join("greenhouse/main.c")).unwrap();
    assert!(greenhouse.contains(
        "    (void)Prov_Device_LL_Set_Provisioning_Payload(prov, \"{\\\"modelId\\\":\\\"\" GREENHOUSE_MODEL_ID \"\\\"}\");\n    if (Prov_Device_LL_Register_Device("
    ), "{greenhouse}");
    let cold = fs::read_to_string(tmp.path().join("cold-room/main.c")).unwrap();
    assert!(cold.contains("MQTT_Protocol);\n    (void)IoTHubDeviceClient_LL_SetOption(hub, OPTION_MODEL_ID, COLD_ROOM_MODEL_ID);\n"), "{cold}");
    // A suppressed finding is not fixed.
    assert_eq!(fs::read_to_string(tmp.path().join("legacy-gateway/gateway.c")).unwrap(), gateway);

    // A second run finds exactly what the first left, and fixes nothing more.
    let after = codes_in_json(&run(tmp.path(), &["check", "--format", "json"]));
    let mut want = before.clone();
    want.retain(|c| *c != ("AICS001".to_string(), "greenhouse/main.c".to_string()) && *c != ("AICS003".to_string(), "cold-room/main.c".to_string()));
    assert_eq!(after, want);
    let again = run(tmp.path(), &["check", "--fix"]);
    assert!(stdout(&again).contains(" — 0 fixed\n"), "{}", stdout(&again));
}

#[test]
fn json_lists_the_applied_fixes_with_their_edits() {
    let tmp = copy_of("examples/thermostat-device");
    let o = run(tmp.path(), &["check", "--fix", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["summary"]["fixed"], 1, "{v}");
    let applied = v["fixes"]["applied"].as_array().unwrap();
    assert_eq!(applied.len(), 1);
    let a = &applied[0];
    assert_eq!(a["code"], "AICS001");
    assert_eq!(a["title"], "Rename the legacy key `iotcModelId` to `modelId`");
    assert_eq!(a["path"], "src/provisioning.c");
    assert_eq!(a["position"], serde_json::json!({"line": 38, "column": 9}));
    assert_eq!(
        a["edits"],
        serde_json::json!([{"path": "src/provisioning.c", "range": {"start": {"line": 14, "column": 38}, "end": {"line": 14, "column": 49}}, "new_text": "modelId"}])
    );
    // The diagnostics are those of the fixed tree: AICS001 is gone.
    assert!(v["diagnostics"].as_array().unwrap().iter().all(|d| d["code"] != "AICS001"), "{v}");
    let text = fs::read_to_string(tmp.path().join("src/provisioning.c")).unwrap();
    assert!(text.contains("#define DPS_REGISTRATION_PAYLOAD \"{\\\"modelId\\\":\\\"\" THERMOSTAT_MODEL_ID \"\\\"}\"\n"), "{text}");
    let original = fs::read_to_string(repo().join("examples/thermostat-device/src/provisioning.c")).unwrap();
    assert_eq!(text, original.replace("iotcModelId", "modelId"));
}

#[test]
fn a_fix_that_needs_a_model_id_is_listed_not_written() {
    let tmp = tempfile::tempdir().unwrap();
    let main = "#include \"iothub_device_client_ll.h\"\n\nint main(void)\n{\n    IOTHUB_DEVICE_CLIENT_LL_HANDLE h = IoTHubDeviceClient_LL_CreateFromConnectionString(getenv(\"CONN\"), MQTT_Protocol);\n    IoTHubDeviceClient_LL_DoWork(h);\n    return 0;\n}\n";
    fs::write(tmp.path().join("main.c"), main).unwrap();
    // Without --fix, a fix that needs input is not counted as fixable.
    let plain = stdout(&run(tmp.path(), &["check"]));
    assert!(!plain.contains("fixable"), "{plain}");
    let o = run(tmp.path(), &["check", "--fix"]);
    let out = stdout(&o);
    assert!(out.contains("not fixed main.c:5:40: AICS003 Announce the Model ID on the hub connection (OPTION_MODEL_ID): the fix needs the device's Model ID"), "{out}");
    assert!(out.contains(" — 0 fixed\n"), "{out}");
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(fs::read_to_string(tmp.path().join("main.c")).unwrap(), main);

    // Named in the config, the Model ID is written.
    fs::write(tmp.path().join("aics-lint.toml"), "model-id = \"dtmi:com:example:Meter;1\"\n").unwrap();
    let o = run(tmp.path(), &["check", "--fix", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["summary"]["fixed"], 1, "{v}");
    assert_eq!(v["fixes"]["left"], serde_json::json!([]));
    assert_eq!(o.status.code(), Some(0), "{v}");
    let text = fs::read_to_string(tmp.path().join("main.c")).unwrap();
    assert!(text.contains("MQTT_Protocol);\n    (void)IoTHubDeviceClient_LL_SetOption(h, OPTION_MODEL_ID, \"dtmi:com:example:Meter;1\");\n    IoTHubDeviceClient_LL_DoWork(h);"), "{text}");
}

#[test]
fn check_without_fix_writes_nothing() {
    let tmp = copy_of("tests/cli/projects/device-fleet");
    let path = tmp.path().join("greenhouse/main.c");
    let before = fs::read(&path).unwrap();
    let o = run(tmp.path(), &["check", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v.get("fixes").is_none() && v["summary"].get("fixed").is_none(), "{v}");
    assert_eq!(fs::read(&path).unwrap(), before);
    // The text summary says how many findings `--fix` would fix, and it fixes that many.
    let text = stdout(&run(tmp.path(), &["check"]));
    let fixable: usize = text.split(" — ").find_map(|p| p.strip_suffix(" fixable with --fix\n")).and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("no fixable count: {text}"));
    let fixed = stdout(&run(tmp.path(), &["check", "--fix"]));
    assert!(fixed.contains(&format!(" — {fixable} fixed\n")), "{fixable} fixable, then: {fixed}");
}

#[test]
fn only_the_selected_findings_are_fixed() {
    let tmp = copy_of("tests/cli/projects/device-fleet");
    let greenhouse = fs::read_to_string(tmp.path().join("greenhouse/main.c")).unwrap();
    let o = run(tmp.path(), &["check", "--fix", "--select", "AICS003"]);
    let out = stdout(&o);
    assert!(out.contains("fixed cold-room/main.c:43:42: AICS003"), "{out}");
    assert!(!out.contains("AICS001"), "{out}");
    assert!(out.contains(" — 1 fixed\n"), "{out}");
    // The AICS001 fix of greenhouse was not selected: its file is untouched.
    assert_eq!(fs::read_to_string(tmp.path().join("greenhouse/main.c")).unwrap(), greenhouse);
}

/// A large file (which `check` alone would map rather than copy) is fixed like a small one:
/// the fix goes in, the rest of the file stays as it was, and a second run agrees.
#[test]
fn a_large_file_is_fixed_in_place() {
    let tmp = copy_of("tests/cli/projects/device-fleet");
    let path = tmp.path().join("greenhouse/main.c");
    let padding: String = (0..600).map(|i| format!("/* calibration table row {i:03}: 0x00 0x00 0x00 0x00 0x00 0x00 */\n")).collect();
    let padded = format!("{}{padding}", fs::read_to_string(&path).unwrap());
    assert!(padded.len() > 32 * 1024);
    fs::write(&path, &padded).unwrap();
    let o = run(tmp.path(), &["check", "--fix"]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.contains("fixed greenhouse/main.c:36:9: AICS001"), "{out}");
    let fixed = fs::read_to_string(&path).unwrap();
    assert!(fixed.contains("(void)Prov_Device_LL_Set_Provisioning_Payload(prov, "), "{fixed}");
    assert!(fixed.ends_with(&padding));
    let again = codes_in_json(&run(tmp.path(), &["check", "--format", "json"]));
    assert!(!again.contains(&("AICS001".into(), "greenhouse/main.c".into())), "{again:?}");
}
