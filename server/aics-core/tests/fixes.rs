//! Every fix, tested as Ruff tests its fixes: on each realistic device program under
//! `tests/fixtures/programs/` and `tests/fixtures/contents/`, apply each finding's fix
//! alone, analyse again, and require that exactly that finding is gone and nothing new
//! appears. A fix whose Model ID is a placeholder is applied with the placeholder typed
//! over, as the user would in the editor.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use aics_core::config::Config;
use aics_core::{analyze, apply_edits, file_kind, Analysis, AnalysisOptions, Diagnostic, SourceFile};

fn fixtures_root(suite: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures").join(suite)
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

struct Case {
    sources: Vec<SourceFile>,
    options: AnalysisOptions,
}

fn load(dir: &Path) -> Case {
    let mut sources = Vec::new();
    let mut config = Config::default();
    for p in files_under(dir) {
        let rel = p.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
        let text = String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned();
        if rel == "aics-lint.toml" {
            config = Config::parse(&p, &text).expect("fixture config parses");
            continue;
        }
        if file_kind(&p).is_some() {
            sources.push(SourceFile::new(rel, text));
        }
    }
    Case { sources, options: AnalysisOptions { config, ..AnalysisOptions::default() } }
}

/// What a finding is, independent of where the text moved: code, file, message.
fn key(d: &Diagnostic) -> (String, String, String) {
    (d.code.to_string(), d.span.path.display().to_string(), d.message.clone())
}

fn counts(a: &Analysis) -> BTreeMap<(String, String, String), usize> {
    let mut m = BTreeMap::new();
    for d in a.diagnostics.iter().filter(|d| !d.suppressed) {
        *m.entry(key(d)).or_insert(0) += 1;
    }
    m
}

/// The sources with one diagnostic's fix applied (placeholders typed over with `typed`).
fn apply(sources: &[SourceFile], d: &Diagnostic, typed: &str) -> Vec<SourceFile> {
    let fix = d.fix.as_ref().unwrap();
    sources
        .iter()
        .map(|s| {
            let edits: Vec<(std::ops::Range<usize>, String)> = fix
                .edits
                .iter()
                .filter(|e| e.at.path == s.path)
                .map(|e| {
                    let mut text = e.new_text.clone();
                    for r in e.placeholders.iter().rev() {
                        text.replace_range(r.clone(), typed);
                    }
                    (e.at.bytes.clone(), text)
                })
                .collect();
            if edits.is_empty() {
                return s.clone();
            }
            let refs: Vec<(std::ops::Range<usize>, &str)> = edits.iter().map(|(r, t)| (r.clone(), t.as_str())).collect();
            let text = apply_edits(&s.text, &refs).expect("a fix's edits do not overlap");
            SourceFile::new(s.path.as_ref().clone(), text)
        })
        .collect()
}

/// A DTMI the user types over a placeholder: one the fixture's own models define when
/// there are any, else a well-formed one.
fn typed_dtmi(case: &Case) -> String {
    case.sources
        .iter()
        .filter(|s| s.path.extension().is_some_and(|e| e == "json"))
        .find_map(|s| {
            let i = s.text.find("\"@id\"")?;
            let rest = &s.text[i + 5..];
            let start = rest.find("\"dtmi:")? + 1;
            let end = rest[start..].find('"')? + start;
            Some(rest[start..end].to_string())
        })
        .unwrap_or_else(|| "dtmi:com:example:Device;1".to_string())
}

#[derive(Default)]
struct Tally {
    applied: BTreeMap<&'static str, usize>,
    with_placeholder: usize,
    /// Other findings a fix removed too (one announcement covers every hub client).
    also_gone: usize,
    unfixed: Vec<String>,
    failures: String,
}

fn check_suite(suite: &str, tally: &mut Tally) {
    let mut dirs: Vec<PathBuf> =
        std::fs::read_dir(fixtures_root(suite)).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    dirs.sort();
    for dir in dirs {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        check_case(&name, &load(&dir), tally);
    }
}

/// Each finding's fix, applied alone to `case`: that finding goes, nothing else changes.
fn check_case(name: &str, case: &Case, tally: &mut Tally) {
    let before = analyze(&case.sources, &case.options);
    let before_counts = counts(&before);
    for d in before.diagnostics.iter().filter(|d| !d.suppressed) {
        let Some(fix) = &d.fix else {
            if matches!(d.code, "AICS001" | "AICS003") && d.severity >= aics_core::Severity::Warning {
                tally.unfixed.push(format!("{name}: {} {}", d.code, d.message));
            }
            continue;
        };
        if fix.needs_input() {
            tally.with_placeholder += 1;
        }
        let fixed = apply(&case.sources, d, &typed_dtmi(case));
        let after = counts(&analyze(&fixed, &case.options));
        // The finding goes (its count drops), and nothing appears or grows. Others may go
        // with it: a rule judged per program (one announcement covers every hub client).
        let mut allowed = before_counts.clone();
        if let Some(n) = allowed.get_mut(&key(d)) {
            *n -= 1;
        }
        let grew: Vec<_> = after.iter().filter(|(k, n)| allowed.get(*k).is_none_or(|m| *n > m)).collect();
        if !grew.is_empty() {
            let _ = writeln!(tally.failures, "== {name}: fix `{}` of {} `{}`", fix.title, d.code, d.message);
            for (k, n) in grew {
                let _ = writeln!(tally.failures, "   after the fix: {n} x {k:?} (before: {})", before_counts.get(k).copied().unwrap_or(0));
            }
            for e in &fix.edits {
                let _ = writeln!(tally.failures, "   edit {}:{}: {:?}", e.at.path.display(), e.at.start.line + 1, e.new_text);
            }
        }
        if after.get(&key(d)).copied().unwrap_or(0) >= before_counts[&key(d)] {
            let _ = writeln!(tally.failures, "== {name}: fix `{}` of {} `{}`: the finding is still reported", fix.title, d.code, d.message);
        }
        let gone: Vec<_> =
            allowed.iter().filter(|(k, n)| **n > 0 && after.get(*k).is_none_or(|m| m < *n)).map(|(k, _)| k.clone()).collect();
        tally.also_gone += gone.len();
        if std::env::var_os("FIXES_VERBOSE").is_some() {
            for k in &gone {
                eprintln!("{name}: fixing {} also removed {k:?}", d.code);
            }
        }
        *tally.applied.entry(d.code).or_default() += 1;
    }
}

/// The real-world corpus (official samples and others, `tests/realworld/<repo>/<program>/`)
/// and its scripted mutations (an official sample with its `OPTION_MODEL_ID` call or its
/// payload key taken out).
fn check_realworld(tally: &mut Tally) -> usize {
    let root = fixtures_root("../realworld");
    let mut programs: Vec<(String, PathBuf)> = Vec::new();
    let mut repos: Vec<PathBuf> = std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    repos.sort();
    for repo in repos {
        let mut dirs: Vec<PathBuf> = std::fs::read_dir(&repo).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
        dirs.sort();
        for dir in dirs {
            let name = format!("{}/{}", repo.file_name().unwrap().to_string_lossy(), dir.file_name().unwrap().to_string_lossy());
            programs.push((name, dir));
        }
    }
    for (name, dir) in &programs {
        check_case(name, &load(dir), tally);
    }
    let text = std::fs::read_to_string(root.join("mutations.toml")).unwrap();
    let doc: toml::Table = text.parse().unwrap();
    let mut n = programs.len();
    for m in doc["mutation"].as_array().unwrap() {
        let get = |k: &str| m[k].as_str().unwrap().to_string();
        let (_, dir) = programs.iter().find(|(p, _)| *p == get("program")).unwrap();
        let mut case = load(dir);
        let file = get("file");
        let src = case.sources.iter_mut().find(|s| s.path.to_str() == Some(file.as_str())).unwrap();
        *src = SourceFile::new(src.path.as_ref().clone(), src.text.replacen(&get("find"), &get("replace"), 1));
        check_case(&format!("mutation {}", get("name")), &case, tally);
        n += 1;
    }
    n
}

#[test]
fn every_fix_removes_its_finding_and_adds_none() {
    let mut tally = Tally::default();
    check_suite("programs", &mut tally);
    check_suite("contents", &mut tally);
    check_suite("telemetry", &mut tally);
    let real = check_realworld(&mut tally);
    assert!(real >= 40, "only {real} real-world programs and mutations");
    eprintln!(
        "fixes applied and re-checked: {:?}; with a Model ID placeholder: {}; other findings removed with them: {}",
        tally.applied, tally.with_placeholder, tally.also_gone
    );
    eprintln!("AICS001/AICS003 findings without a fix ({}):", tally.unfixed.len());
    for u in &tally.unfixed {
        eprintln!("  {u}");
    }
    assert!(tally.failures.is_empty(), "fixes that did not fix:\n{}", tally.failures);
    // Every SDK shape the fixtures hold is covered: both fixable C rules, several times.
    assert!(tally.applied.get("AICS001").copied().unwrap_or(0) >= 10, "{:?}", tally.applied);
    assert!(tally.applied.get("AICS003").copied().unwrap_or(0) >= 5, "{:?}", tally.applied);
}

fn only_fix(dir: &str, code: &str) -> (Case, Diagnostic) {
    let case = load(&fixtures_root("programs").join(dir));
    let a = analyze(&case.sources, &case.options);
    let d = a.diagnostics.into_iter().find(|d| d.code == code).unwrap_or_else(|| panic!("no {code} in {dir}"));
    assert!(d.fix.is_some(), "no fix for {code} in {dir}: {}", d.message);
    (case, d)
}

fn text_after(case: &Case, d: &Diagnostic, file: &str) -> String {
    let fixed = apply(&case.sources, d, "dtmi:typed;1");
    fixed.iter().find(|s| s.path.to_str() == Some(file)).unwrap().text.to_string()
}

#[test]
fn the_hub_option_uses_the_programs_own_model_id_macro() {
    // The program sends THERMOSTAT_MODEL_ID to DPS; the fix announces the same macro, in the
    // `else` branch where the client exists, as the correct variant of the program does.
    let (case, d) = only_fix("iothubll-hub-without-modelid", "AICS003");
    let fix = d.fix.as_ref().unwrap();
    assert!(!fix.needs_input());
    let after = text_after(&case, &d, "main.c");
    let correct = std::fs::read_to_string(fixtures_root("programs").join("iothubll-correct/main.c")).unwrap();
    let line = "        (void)IoTHubDeviceClient_LL_SetOption(device_handle, OPTION_MODEL_ID, THERMOSTAT_MODEL_ID);\n";
    assert!(correct.contains(line) && after.contains(line), "{after}");
    let at = after.find(line).unwrap();
    assert!(after[..at].trim_end().ends_with("bool url_encode = true;\n        (void)IoTHubDeviceClient_LL_SetOption(device_handle, OPTION_AUTO_URL_ENCODE_DECODE, &url_encode);") || after[..at].trim_end().ends_with('{'), "{after}");
}

#[test]
fn the_legacy_key_is_renamed() {
    // The README's example device keeps the key from its IoT Central days, its value a macro.
    let case = load(&fixtures_root("../../examples/thermostat-device"));
    let before = analyze(&case.sources, &case.options);
    let d = before.diagnostics.iter().find(|d| d.message.contains("legacy key `iotcModelId`")).expect("the example's legacy key");
    let fix = d.fix.as_ref().expect("the legacy key has a fix");
    assert_eq!(fix.edits.len(), 1);
    assert_eq!(fix.edits[0].new_text, "modelId");
    let f = case.sources.iter().find(|s| s.path == fix.edits[0].at.path).unwrap();
    assert_eq!(&f.text[fix.edits[0].at.bytes.clone()], "iotcModelId");
    let fixed = apply(&case.sources, d, "x");
    let mut want = counts(&before);
    want.remove(&key(d));
    assert_eq!(counts(&analyze(&fixed, &case.options)), want);

    // The legacy-key program of the examples, written the way old IoT Central samples did.
    let text = "#include \"azure_prov_client/prov_device_ll_client.h\"\n#define MODEL_ID \"dtmi:com:example:Thermostat;1\"\nint main(void)\n{\n    PROV_DEVICE_LL_HANDLE handle = Prov_Device_LL_Create(\"global.azure-devices-provisioning.net\", \"0ne0000\", Prov_Device_MQTT_Protocol);\n    (void)Prov_Device_LL_Set_Provisioning_Payload(handle, \"{\\\"iotcModelId\\\":\\\"dtmi:com:example:Thermostat;1\\\"}\");\n    (void)Prov_Device_LL_Register_Device(handle, NULL, NULL, NULL, NULL);\n    return 0;\n}\n";
    let sources = vec![SourceFile::new("main.c", text)];
    let a = analyze(&sources, &AnalysisOptions::default());
    let d = a.diagnostics.iter().find(|d| d.code == "AICS001").expect("AICS001 on the legacy key");
    let fix = d.fix.as_ref().expect("a fix");
    assert_eq!(fix.title, "Rename the legacy key `iotcModelId` to `modelId`");
    let fixed = apply(&sources, d, "x");
    assert!(fixed[0].text.contains("{\\\"modelId\\\":\\\"dtmi:com:example:Thermostat;1\\\"}"), "{}", fixed[0].text);
    assert!(analyze(&fixed, &AnalysisOptions::default()).diagnostics.is_empty());
}

#[test]
fn without_any_model_id_the_fix_is_a_placeholder() {
    let text = "int main(void)\n{\n    IOTHUB_DEVICE_CLIENT_LL_HANDLE h = IoTHubDeviceClient_LL_CreateFromConnectionString(conn, MQTT_Protocol);\n    IoTHubDeviceClient_LL_DoWork(h);\n    return 0;\n}\n";
    let sources = vec![SourceFile::new("main.c", text)];
    let a = analyze(&sources, &AnalysisOptions::default());
    let d = a.diagnostics.iter().find(|d| d.code == "AICS003").unwrap();
    let fix = d.fix.as_ref().unwrap();
    assert!(fix.needs_input());
    assert_eq!(fix.edits[0].new_text, "    (void)IoTHubDeviceClient_LL_SetOption(h, OPTION_MODEL_ID, \"dtmi:...\");\n");
    assert_eq!(fix.edits[0].snippet(), "    (void)IoTHubDeviceClient_LL_SetOption(h, OPTION_MODEL_ID, \"${1:dtmi:...}\");\n");
    // With the Model ID in the config, that one is written.
    let config = Config { model_id: Some("dtmi:com:example:Thermostat;1".into()), ..Config::default() };
    let a = analyze(&sources, &AnalysisOptions { config, ..AnalysisOptions::default() });
    let fix = a.diagnostics.iter().find(|d| d.code == "AICS003").unwrap().fix.clone().unwrap();
    assert!(!fix.needs_input());
    assert!(fix.edits[0].new_text.contains("OPTION_MODEL_ID, \"dtmi:com:example:Thermostat;1\")"));
}

/// The code each SDK shape gets (the text the fix writes, where): the data of `[[fix]]`
/// with the program's own names filled in.
#[test]
fn fixes_write_each_sdks_code_with_the_programs_names() {
    let cases: &[(&str, &str, &str, &str, &str)] = &[
        // (fixture, code, file edited, text replaced, new text)
        ("embedded-hub-without-modelid", "AICS003", "main.c", "", "  az_iot_hub_client_options hub_options = az_iot_hub_client_options_default();\n  hub_options.model_id = AZ_SPAN_FROM_STR(MODEL_ID);\n"),
        ("embedded-hub-without-modelid", "AICS003", "main.c", "NULL", "&hub_options"),
        ("embedded-config-model-id-not-in-hub-options", "AICS003", "azure_link.c", "", "  link->hub_options.model_id = AZ_SPAN_FROM_STR(\"dtmi:contoso:garden:Sprinkler;1\");\n"),
        ("embedded-empty-payload", "AICS001", "main.c", "AZ_SPAN_EMPTY", "AZ_SPAN_FROM_STR(\"{\\\"modelId\\\":\\\"\" MODEL_ID \"\\\"}\")"),
        ("freertos-hub-without-modelid", "AICS003", "sample_azure_iot_pnp.c", "", "    xHubOptions.pucModelID = ( const uint8_t * ) sampleazureiotMODEL_ID;\n    xHubOptions.ulModelIDLength = sizeof( sampleazureiotMODEL_ID ) - 1;\n"),
        ("netx-hub-without-modelid", "AICS003", "sample_azure_iot_thermostat.c", "", "    (void)nx_azure_iot_hub_client_model_id_set(&hub_client, (const UCHAR *)SAMPLE_PNP_MODEL_ID, sizeof(SAMPLE_PNP_MODEL_ID) - 1);\n"),
        ("netx-null-payload", "AICS001", "sample_azure_iot_thermostat.c", "NX_NULL, 0", "(const UCHAR *)\"{\\\"modelId\\\":\\\"\" SAMPLE_PNP_MODEL_ID \"\\\"}\", sizeof(\"{\\\"modelId\\\":\\\"\" SAMPLE_PNP_MODEL_ID \"\\\"}\") - 1"),
        ("iothubll-null-payload", "AICS001", "sample_config.h", "NULL", "\"{\\\"modelId\\\":\\\"\" THERMOSTAT_MODEL_ID \"\\\"}\""),
        ("iothubll-handle-macro-alias-empty-payload", "AICS001", "app_context.h", "\"\"", "\"{\\\"modelId\\\":\\\"\" APP_MODEL_ID \"\\\"}\""),
        ("iothub-no-payload", "AICS001", "main.c", "", "    (void)Prov_Device_Set_Provisioning_Payload(prov_handle, \"{\\\"modelId\\\":\\\"\" TRACKER_MODEL_ID \"\\\"}\");\n"),
        ("rawmqtt-mosquitto-hub-without-modelid", "AICS003", "hub_mqtt.c", "", "&model-id=%s"),
        ("rawmqtt-mosquitto-hub-without-modelid", "AICS003", "hub_mqtt.c", "", ", \"dtmi:contoso:climate:HumiditySensor;1\""),
        ("rawmqtt-paho-body-without-payload", "AICS001", "main.c", "", ",\\\"payload\\\":{\\\"modelId\\\":\\\"dtmi:...\\\"}"),
    ];
    for (dir, code, file, old, new) in cases {
        let (case, d) = only_fix(dir, code);
        let fix = d.fix.as_ref().unwrap();
        let found = fix.edits.iter().any(|e| {
            let src = case.sources.iter().find(|s| s.path == e.at.path).unwrap();
            e.at.path.to_str() == Some(*file) && &src.text[e.at.bytes.clone()] == *old && e.new_text == *new
        });
        assert!(found, "{dir}: no edit of `{old}` in {file} to {new:?}; the fix: {fix:#?}");
    }
}

/// The issue's case: azure-iot-sdk-c's pnp_simple_thermostat sample without its
/// `OPTION_MODEL_ID` call (the corpus mutation). Both create calls get the option, where the
/// client exists (a new `else` after the failure branch), with the sample's own
/// `g_ThermostatModelId` where it is in scope and its DTMI elsewhere.
#[test]
fn the_official_thermostat_sample_gets_its_option_back() {
    let mut case = load(&fixtures_root("../realworld/azure-iot-sdk-c/pnp_simple_thermostat"));
    let main = case.sources.iter_mut().find(|s| s.path.to_str() == Some("pnp_simple_thermostat/pnp_simple_thermostat.c")).unwrap();
    let text = main.text.replacen(
        "IoTHubDeviceClient_LL_SetOption(deviceClient, OPTION_MODEL_ID, g_ThermostatModelId)",
        "IoTHubDeviceClient_LL_SetOption(deviceClient, OPTION_AUTO_URL_ENCODE_DECODE, g_ThermostatModelId)",
        1,
    );
    *main = SourceFile::new(main.path.as_ref().clone(), text);
    let a = analyze(&case.sources, &case.options);
    let found: Vec<&Diagnostic> = a.diagnostics.iter().filter(|d| d.code == "AICS003").collect();
    assert_eq!(found.len(), 2, "{:#?}", a.diagnostics);
    let mut texts: Vec<(String, String)> = found
        .iter()
        .map(|d| {
            let fix = d.fix.as_ref().expect("AICS003 has a fix");
            assert!(!fix.needs_input());
            (d.span.path.display().to_string(), fix.edits[0].new_text.clone())
        })
        .collect();
    texts.sort();
    assert_eq!(
        texts,
        vec![
            ("common/pnp_dps_ll.c".to_string(), "\n        else\n        {\n            (void)IoTHubDeviceClient_LL_SetOption(deviceClient, OPTION_MODEL_ID, \"dtmi:com:example:Thermostat;1\");\n        }".to_string()),
            ("pnp_simple_thermostat/pnp_simple_thermostat.c".to_string(), "\n        else\n        {\n            (void)IoTHubDeviceClient_LL_SetOption(deviceClient, OPTION_MODEL_ID, g_ThermostatModelId);\n        }".to_string()),
        ]
    );
}

/// DTDL findings that name one closest valid term ("did you mean `double`?") carry the
/// replacement as their fix; applied, the finding goes and nothing appears. (Which messages
/// name a term is the DTDL validator's business: where none does, nothing is fixed.)
#[test]
fn misspelt_dtdl_terms_are_replaced_by_the_suggestion() {
    let model = r#"{
  "@context": "dtmi:dtdl:context;2",
  "@id": "dtmi:com:example:Thermostat;1",
  "@type": "Interface",
  "displayName": "Thermostat",
  "contents": [
    { "@type": "Telemetry", "name": "temperature", "schema": "dobule" },
    { "@type": "Telemetri", "name": "humidity", "schema": "double" },
    { "@type": "Property", "name": "targetTemperature", "schema": "double", "writable": true }
  ]
}
"#;
    let case = Case { sources: vec![SourceFile::new("thermostat-1.json", model)], options: AnalysisOptions::default() };
    let a = analyze(&case.sources, &case.options);
    assert!(a.diagnostics.iter().any(|d| d.code.starts_with("DTDL")), "the misspellings are reported: {:#?}", a.diagnostics);
    for d in a.diagnostics.iter().filter(|d| d.message.contains("did you mean `")) {
        assert!(d.fix.is_some() || d.message.matches("did you mean").count() > 1, "a single suggestion is a fix: {}", d.message);
    }
    let mut tally = Tally::default();
    check_case("misspelt model", &case, &mut tally);
    assert!(tally.failures.is_empty(), "{}", tally.failures);
    eprintln!("DTDL fixes applied: {:?}", tally.applied);
}
