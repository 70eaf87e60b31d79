//! The analysis cache of the language server: after each edit, an analysis that reuses the
//! last one's facts, split into programs and per-program findings must report exactly what
//! a fresh analysis of the same texts reports. The workspace is every device program of
//! `tests/fixtures/programs` side by side (many programs in one tree, as in an SDK checkout).

mod common;
use common::under;

use std::path::{Path, PathBuf};

use aics_core::{analyze, analyze_cached, AnalysisCache, AnalysisOptions, SourceFile};

fn workspace() -> Vec<SourceFile> {
    folder("programs")
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
        // A test framework included: the file becomes a unit test, not read; then code again.
        ("iothubll-correct/main.c", "static void helper(void)", "#include <cmocka.h>\nstatic void helper(void)"),
        ("iothubll-correct/main.c", "#include <cmocka.h>\n", ""),
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

/// Every file of a fixture folder, under `/ws`.
fn folder(name: &str) -> Vec<SourceFile> {
    under(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures").join(name))
}

/// What an edit costs, in work rather than time: an edit to one file of a workspace of
/// many programs extracts that file's facts alone and re-checks only the programs that
/// contain it; an analysis with nothing changed re-checks nothing and builds no symbol
/// index; and the result is what a fresh analysis reports.
#[test]
fn an_edit_recomputes_a_bounded_amount() {
    let mut sources = workspace();
    let n_files = sources.len();
    let options = AnalysisOptions::default();
    let cache = AnalysisCache::default();
    let first = analyze_cached(&sources, &options, &cache);
    assert!(first.programs > 50, "{} programs", first.programs);
    let w0 = cache.work();
    assert_eq!(w0.facts_extracted, n_files, "the first analysis reads every C file");
    assert_eq!(w0.programs_checked, first.programs);

    // Nothing changed: no facts, no program, no symbol index.
    let again = analyze_cached(&sources, &options, &cache);
    let w = cache.work() - w0.clone();
    assert_eq!((w.facts_extracted, w.programs_checked, w.symbol_files_indexed), (0, 0, 0), "{w:?}");
    assert_eq!(rendered(&sources, &again), rendered(&sources, &first));

    // Typing in one program's string: that file's facts, that program (a file can belong
    // to more than one program when they share it, not to dozens).
    edit(&mut sources, "iothubll-correct/main.c", "OPTION_MODEL_ID, THERMOSTAT_MODEL_ID", "OPTION_MODEL_ID, \"dtmi:com:example:Other;1\"");
    let w1 = cache.work();
    let cached = analyze_cached(&sources, &options, &cache);
    let w = cache.work() - w1;
    assert_eq!(w.facts_extracted, 1, "{w:?}");
    assert!((1..=2).contains(&w.programs_checked), "an edit to one program re-checked {} of {}", w.programs_checked, first.programs);
    // The whole set's index is kept: the edited file is indexed again, and the re-checked
    // programs' own files (their indices are kept from now on).
    assert!(w.symbol_files_indexed <= 1 + 2 * 10, "{} files indexed for one edit of {n_files}", w.symbol_files_indexed);
    assert_eq!(rendered(&sources, &cached), rendered(&sources, &analyze(&sources, &options)));
    assert_ne!(rendered(&sources, &cached), rendered(&sources, &first), "the edit changes the findings");

    // The next edit of that program: the edited file alone, in the whole set's index and in
    // the programs' kept ones.
    edit(&mut sources, "iothubll-correct/main.c", "\"dtmi:com:example:Other;1\"", "THERMOSTAT_MODEL_ID");
    let w2 = cache.work();
    let cached = analyze_cached(&sources, &options, &cache);
    let w = cache.work() - w2;
    assert!((1..=2).contains(&w.programs_checked), "{w:?}");
    assert!(w.symbol_files_indexed <= 1 + 2, "{} files indexed for the second edit", w.symbol_files_indexed);
    assert_eq!(rendered(&sources, &cached), rendered(&sources, &analyze(&sources, &options)));
}

/// The kept symbol indices follow edits to what they derive across files: a helper that
/// fills its caller's buffer (`ulCreateTelemetry(ucScratchBuffer, ...)` with `snprintf` on
/// its parameter inside), its format, its parameter, the caller's argument, and text
/// inserted above it (every place after moves). After each edit the cached analysis
/// reports what a fresh one does.
#[test]
fn kept_symbol_indices_follow_edits_to_buffer_filling_helpers() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/realworld/iot-middleware-freertos-samples");
    let mut sources = under(&root);
    assert!(sources.len() > 10, "the real-world samples are missing: {}", sources.len());
    let options = AnalysisOptions::default();
    let cache = AnalysisCache::default();
    let first = analyze_cached(&sources, &options, &cache);
    assert_eq!(rendered(&sources, &first), rendered(&sources, &analyze(&sources, &options)));
    let data = "sample_azure_iot_adu/sample_azure_iot_pnp_simulated_data.c";
    let main = "sample_azure_iot_adu/sample_azure_iot_adu.c";
    let edits: &[(&str, &str, &str)] = &[
        (data, "sampleazureiotMESSAGE, xDeviceCurrentTemperature", "\"{\\\"temp\\\":%d}\", xDeviceCurrentTemperature"),
        (data, "uint32_t ulCreateTelemetry(", "static int lPad;\nuint32_t ulCreateTelemetry("),
        (data, "( char * ) pucTelemetryData, ulTelemetryDataSize", "( char * ) pucOther, ulTelemetryDataSize"),
        (data, "( char * ) pucOther, ulTelemetryDataSize", "( char * ) pucTelemetryData, ulTelemetryDataSize"),
        (main, "ulCreateTelemetry( ucScratchBuffer,", "ulCreateTelemetry( ucOtherBuffer,"),
        (main, "ulCreateTelemetry( ucOtherBuffer,", "ulCreateTelemetry( ucScratchBuffer,"),
        (data, "\"{\\\"temp\\\":%d}\", xDeviceCurrentTemperature", "sampleazureiotMESSAGE, xDeviceCurrentTemperature"),
    ];
    let mut seen = std::collections::HashSet::new();
    seen.insert(rendered(&sources, &first));
    for (i, (path, from, to)) in edits.iter().enumerate() {
        edit(&mut sources, path, from, to);
        let cached = analyze_cached(&sources, &options, &cache);
        let fresh = analyze(&sources, &options);
        assert_eq!(rendered(&sources, &cached), rendered(&sources, &fresh), "after edit {i}: {path} `{from}` -> `{to}`");
        seen.insert(rendered(&sources, &fresh));
    }
    // The edits did change the findings (not two empty lists compared).
    assert!(seen.len() > 1, "no edit changed the findings");
}

/// An edit to a macro's value re-checks the programs that mention the macro (they may
/// read it through the whole-set fallback), not every program of the workspace; the
/// findings equal a fresh analysis's.
#[test]
fn a_macro_edit_rechecks_only_the_programs_that_mention_it() {
    let mut sources = workspace();
    let options = AnalysisOptions::default();
    let cache = AnalysisCache::default();
    let first = analyze_cached(&sources, &options, &cache);
    let mentioning = sources
        .iter()
        .filter(|s| s.text.contains("PROV_DOWORK_SLEEP_MS"))
        .map(|s| s.path.parent().unwrap().to_path_buf())
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    assert!(mentioning >= 2 && mentioning * 4 < first.programs, "{mentioning} of {} programs mention it", first.programs);
    edit(&mut sources, "iothubll-correct/sample_config.h", "PROV_DOWORK_SLEEP_MS  100", "PROV_DOWORK_SLEEP_MS  150");
    let w0 = cache.work();
    let cached = analyze_cached(&sources, &options, &cache);
    let w = cache.work() - w0;
    assert!(w.programs_checked >= 1, "{w:?}");
    assert!(w.programs_checked <= 2 * mentioning, "a macro edit re-checked {} programs; {mentioning} folders mention the macro", w.programs_checked);
    assert_eq!(rendered(&sources, &cached), rendered(&sources, &analyze(&sources, &options)));
    // A macro that another one's value names reaches the programs of both: the Model ID
    // is read through DPS_REGISTRATION_PAYLOAD's value.
    edit(&mut sources, "iothubll-correct/sample_config.h", "\"dtmi:com:example:Thermostat;1\"", "\"dtmi:com:example:Thermostat;2\"");
    let cached = analyze_cached(&sources, &options, &cache);
    assert_eq!(rendered(&sources, &cached), rendered(&sources, &analyze(&sources, &options)));
}

/// A model edit re-parses and re-validates that model alone and re-checks only the
/// programs that link it (the others read nothing of it); the findings equal a fresh
/// analysis's.
#[test]
fn a_model_edit_revalidates_that_model_and_relinks_only_its_programs() {
    let mut sources = folder("telemetry");
    let models = sources.iter().filter(|s| s.path.extension().is_some_and(|e| e == "json")).count();
    assert!(models > 20, "the telemetry fixtures' models are missing: {models}");
    let options = AnalysisOptions::default();
    let cache = AnalysisCache::default();
    let first = analyze_cached(&sources, &options, &cache);
    assert!(first.programs > 20, "{} programs", first.programs);
    let w0 = cache.work();
    assert_eq!(w0.models_validated, models);

    // A new telemetry in the Beehive model, which one program links.
    edit(
        &mut sources,
        "freertos-dps-writer-not-telemetry-correct/models/beehive-1.json",
        "\"contents\": [",
        "\"contents\": [\n    { \"@type\": \"Telemetry\", \"name\": \"doorOpen\", \"schema\": \"boolean\" },",
    );
    let cached = analyze_cached(&sources, &options, &cache);
    let w = cache.work() - w0;
    assert_eq!((w.facts_extracted, w.models_parsed, w.models_validated), (0, 1, 1), "{w:?}");
    assert!((1..=2).contains(&w.programs_checked), "a model edit re-checked {} of {} programs", w.programs_checked, first.programs);
    let fresh = analyze(&sources, &options);
    assert_eq!(rendered(&sources, &cached), rendered(&sources, &fresh));
    assert!(
        cached.diagnostics.iter().any(|d| d.message.contains("doorOpen")),
        "the new telemetry is reported as never sent: {:?}",
        cached.diagnostics.iter().map(|d| &d.message).collect::<Vec<_>>()
    );
}

/// A cancelled analysis stops and says so; the next one finishes the work and reports
/// what a fresh analysis does.
#[test]
fn a_cancelled_analysis_is_marked_and_the_next_one_completes() {
    let sources = workspace();
    let options = AnalysisOptions::default();
    let cache = AnalysisCache::default();
    // The request made before the analysis starts is cleared by it (it would be for an
    // older analysis): only a request during the run stops it.
    cache.cancel();
    let a = analyze_cached(&sources, &options, &cache);
    assert!(!a.cancelled);
    assert_eq!(rendered(&sources, &a), rendered(&sources, &analyze(&sources, &options)));
}

/// A finding outside the program's own files (the Model ID macro of a header the program
/// reads through the workspace) moves when that header is edited in front of it, though no
/// value changes: the cached findings must not keep the old place. (Found by the soak test:
/// an AICS006 published 8 columns right of its macro after a comment was removed.)
#[test]
fn a_finding_in_an_edited_file_moves_with_the_text() {
    let mut sources = Vec::new();
    for dir in ["programs/iothubll-correct", "programs/iothubll-payload-in-other-file", "telemetry/embedded-thermostat-correct"] {
        let name = dir.rsplit('/').next().unwrap();
        sources.extend(folder(dir).into_iter().map(|s| SourceFile::new(PathBuf::from("/ws").join(name).join(s.path.strip_prefix("/ws").unwrap()), s.text.clone())));
    }
    sources.sort_by(|a, b| a.path.cmp(&b.path));
    // The only model of Thermostat;1 is broken: every program using it gets AICS006 at its
    // Model ID. main.c no longer includes the header: its program finds the macro through
    // the workspace, and the header is not one of its files.
    edit(&mut sources, "embedded-thermostat-correct/models/thermostat-1.json", "\"@context\"", "@context");
    edit(&mut sources, "iothubll-correct/main.c", "#include \"sample_config.h\"", "");
    let options = AnalysisOptions::default();
    let cache = AnalysisCache::default();
    let before = analyze_cached(&sources, &options, &cache);
    assert!(before.diagnostics.iter().any(|d| d.code == "AICS006" && d.span.path.ends_with("iothubll-correct/sample_config.h")), "{:#?}", before.diagnostics);
    for (from, to) in [
        ("#define THERMOSTAT_MODEL_ID   ", "#define THERMOSTAT_MODEL_ID /* moved */   "),
        ("#define THERMOSTAT_MODEL_ID /* moved */   ", "#define THERMOSTAT_MODEL_ID   "),
        ("// The Digital Twin", "\n\n// The Digital Twin"),
    ] {
        edit(&mut sources, "iothubll-correct/sample_config.h", from, to);
        let cached = analyze_cached(&sources, &options, &cache);
        assert_eq!(rendered(&sources, &cached), rendered(&sources, &analyze(&sources, &options)), "after `{from}` -> `{to}`");
    }
}

/// Typing in a local variable's assignment (`result = -1;` in a function body) re-checks
/// the program that contains the file, not every program whose files mention `result`:
/// a program outside the file is checked again only when it read one of the names whose
/// entries changed through the whole set's index. The findings equal a fresh analysis's.
#[test]
fn a_local_assignment_edit_rechecks_only_its_program() {
    let mut sources = workspace();
    let options = AnalysisOptions::default();
    let cache = AnalysisCache::default();
    analyze_cached(&sources, &options, &cache);
    let mentioning = sources
        .iter()
        .filter(|s| s.text.split(|c: char| !c.is_ascii_alphanumeric() && c != '_').any(|w| w == "result"))
        .map(|s| s.path.parent().unwrap().to_path_buf())
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    assert!(mentioning >= 10, "{mentioning} folders mention `result`");
    // Its value, then its name (typing into the target: a new name, and one assignment
    // fewer to `result`).
    for (from, to) in [("result = -1;", "result = -2;"), ("result = -2;", "result = x-1;"), ("result = x-1;", "resxult = -1;"), ("resxult = -1;", "result = -1;")] {
        edit(&mut sources, "iothubll-correct/main.c", from, to);
        let w0 = cache.work();
        let cached = analyze_cached(&sources, &options, &cache);
        let w = cache.work() - w0;
        assert!((1..=2).contains(&w.programs_checked), "`{from}` -> `{to}` re-checked {} programs; {mentioning} folders mention `result`", w.programs_checked);
        assert_eq!(rendered(&sources, &cached), rendered(&sources, &analyze(&sources, &options)), "`{from}` -> `{to}`");
    }
}

/// A cached analysis after an edit: how many programs it checked again, and a fresh
/// analysis of the same texts, whose findings it must equal.
fn recheck(sources: &[SourceFile], options: &AnalysisOptions, cache: &AnalysisCache) -> (usize, aics_core::Analysis) {
    let w0 = cache.work();
    let cached = analyze_cached(sources, options, cache);
    let checked = (cache.work() - w0).programs_checked;
    let fresh = analyze(sources, options);
    assert_eq!(rendered(sources, &cached), rendered(sources, &fresh));
    (checked, fresh)
}

/// A program whose one function assigns the string `value` to a local `name` (besides a
/// local of its own, `rc`): what another program's `extern` of that name reads through the
/// fallback.
fn assigning_program(name: &str, value: &str) -> String {
    format!(
        "static int configure(void)\n{{\n    const char *{name};\n    int rc = 0;\n    {name} = \"{value}\";\n    rc = 1;\n    return rc + ({name} != 0);\n}}\nint main(void)\n{{\n    return configure();\n}}\n"
    )
}

/// The resolver's fallback may read an assignment in another program's function (a name
/// the reading program neither defines nor assigns): an edit to that assignment must
/// re-check the reader, so a local assignment is not exempt by itself. Here the Model ID
/// the first program announces is the value another program assigns in a function body;
/// making it invalid shows as the first program's AICS005.
#[test]
fn an_assignment_read_through_the_fallback_rechecks_its_reader() {
    let reader = r#"#include "iothub_device_client_ll.h"
#include "iothubtransportmqtt.h"
extern const char *model_id;
int main(void)
{
    IOTHUB_DEVICE_CLIENT_LL_HANDLE h = IoTHubDeviceClient_LL_CreateFromConnectionString("HostName=x;DeviceId=d;SharedAccessKey=k", MQTT_Protocol);
    (void)IoTHubDeviceClient_LL_SetOption(h, OPTION_MODEL_ID, model_id);
    return 0;
}
"#;
    let writer = assigning_program("model_id", "dtmi:com:example:Thermostat;1");
    let mut sources = vec![SourceFile::new("/ws/reader/main.c", reader), SourceFile::new("/ws/writer/main.c", writer)];
    let options = AnalysisOptions::default();
    let cache = AnalysisCache::default();
    let first = analyze_cached(&sources, &options, &cache);
    assert_eq!(first.programs, 2);
    assert_eq!(rendered(&sources, &first), rendered(&sources, &analyze(&sources, &options)));
    // The writer uses no Model ID itself: an AICS005 is the reader's (placed at the value).
    let invalid = |a: &aics_core::Analysis| a.diagnostics.iter().filter(|d| d.code == "AICS005").count();
    assert_eq!(invalid(&first), 0, "{:?}", first.diagnostics);
    // The writer's own local (`rc`): the reader never reads it, and is not checked again.
    edit(&mut sources, "writer/main.c", "rc = 1;", "rc = 2;");
    assert_eq!(recheck(&sources, &options, &cache).0, 1);
    // The assignment the reader reads: both programs are checked again.
    edit(&mut sources, "writer/main.c", "Thermostat;1", "Thermo-stat;1");
    let (checked, fresh) = recheck(&sources, &options, &cache);
    assert_eq!(checked, 2);
    assert_eq!(invalid(&fresh), 1, "the reader announces the writer's value: {:?}", fresh.diagnostics);
}

/// The findings of a program that point into a file it does not contain (a header it reads
/// through the workspace) stand, moved, when an edit of that file is away from their lines
/// and changes no entry they read: the program is not checked again. Random edits all over
/// the header (and back) keep the cached analysis equal to a fresh one, findings and
/// coverage alike, and most of them re-check no program (the header is in none: the one
/// program whose findings point into it is checked again only for edits on their lines or
/// in what it reads).
#[test]
fn findings_outside_the_program_move_with_random_edits_of_their_file() {
    for broken_model in [true, false] {
        let mut sources = Vec::new();
        for dir in ["programs/iothubll-correct", "programs/iothubll-payload-in-other-file", "telemetry/embedded-thermostat-correct"] {
            let name = dir.rsplit('/').next().unwrap();
            sources.extend(folder(dir).into_iter().map(|s| SourceFile::new(PathBuf::from("/ws").join(name).join(s.path.strip_prefix("/ws").unwrap()), s.text.clone())));
        }
        sources.sort_by(|a, b| a.path.cmp(&b.path));
        if broken_model {
            edit(&mut sources, "embedded-thermostat-correct/models/thermostat-1.json", "\"@context\"", "@context");
        }
        edit(&mut sources, "iothubll-correct/main.c", "#include \"sample_config.h\"", "");
        let header = sources.iter().position(|s| s.path.ends_with("iothubll-correct/sample_config.h")).unwrap();
        let original = sources[header].text.clone();
        let options = AnalysisOptions::default();
        let cache = AnalysisCache::default();
        let first = analyze_cached(&sources, &options, &cache);
        let outside = first.diagnostics.iter().any(|d| d.span.path.ends_with("iothubll-correct/sample_config.h"));
        assert!(!broken_model || outside, "{:#?}", first.diagnostics);
        let full = |a: &aics_core::Analysis| (a.diagnostics.iter().map(|d| format!("{d:?}")).collect::<Vec<_>>(), format!("{:?}", a.coverage));
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let (mut none, mut edits) = (0, 0);
        for _ in 0..150 {
            let text = sources[header].text.to_string();
            let mut at = next(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let typed = ["x", " ", "\n", "\"", "/", "*", "#", "(", ")", ";", "{", "}", "1"][next(13)];
            let new = if next(3) == 0 && at < text.len() {
                let end = (at + 1..=text.len()).find(|&e| text.is_char_boundary(e)).unwrap();
                format!("{}{}", &text[..at], &text[end..])
            } else {
                format!("{}{typed}{}", &text[..at], &text[at..])
            };
            sources[header].text = new.into();
            let w0 = cache.work();
            let cached = analyze_cached(&sources, &options, &cache);
            let w = cache.work() - w0;
            edits += 1;
            none += (w.programs_checked == 0) as usize;
            assert_eq!(full(&cached), full(&analyze(&sources, &options)), "edit at {at} of\n{}", sources[header].text);
            if next(2) == 0 {
                sources[header].text = original.clone();
                let cached = analyze_cached(&sources, &options, &cache);
                assert_eq!(full(&cached), full(&analyze(&sources, &options)), "back to the original");
            }
        }
        assert!(none * 2 > edits, "only {none} of {edits} edits re-checked no program");
    }
}

/// What a program handles is read beside what it sends, by a resolver of its own: it follows
/// the fallback into another program as the first one does, and the cache re-checks the
/// program when what it read there changes. Here the incubator's command dispatch compares
/// with a name another program assigns in a function body; renaming that command there
/// re-checks the incubator, whose `reboot` is then never handled (AICS009), as a fresh
/// analysis says.
#[test]
fn a_command_name_read_through_the_fallback_rechecks_its_handler() {
    // The fixture's files as `/ws/incubator/...`, beside the writer's folder.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/contents/iothubll-incubator-correct");
    let mut sources: Vec<SourceFile> = under(&dir)
        .into_iter()
        .map(|s| SourceFile::new(Path::new("/ws/incubator").join(s.path.strip_prefix("/ws").unwrap()), s.text))
        .collect();
    sources.push(SourceFile::new("/ws/writer/main.c", assigning_program("reboot_command", "reboot")));
    edit(&mut sources, "incubator/incubator.c", "strcmp(method_name, REBOOT_COMMAND)", "strcmp(method_name, reboot_command)");
    edit(&mut sources, "incubator/incubator.c", "static int on_method(", "extern const char *reboot_command;\nstatic int on_method(");
    let options = AnalysisOptions::default();
    let cache = AnalysisCache::default();
    let unhandled = |a: &aics_core::Analysis| a.diagnostics.iter().filter(|d| d.code == "AICS009").count();
    let first = analyze_cached(&sources, &options, &cache);
    assert_eq!(first.programs, 2);
    assert_eq!(rendered(&sources, &first), rendered(&sources, &analyze(&sources, &options)));
    assert_eq!(unhandled(&first), 0, "{:?}", first.diagnostics);
    edit(&mut sources, "writer/main.c", "\"reboot\"", "\"restart\"");
    let (checked, fresh) = recheck(&sources, &options, &cache);
    assert_eq!(checked, 2);
    assert!(unhandled(&fresh) > 0, "the incubator compares with the writer's name: {:?}", fresh.diagnostics);
}
