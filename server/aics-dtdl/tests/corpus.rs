//! The real-corpus test: every model of the public IoT Plug and Play
//! repository (`$AICS_LINT_DATA/pnp-models`, 19,255 DTDL v2 files) is parsed
//! and resolved through the repository layout, as the linter would with
//! `--models pnp-models`.
//!
//! Expected numbers come from an independent count (`tests/corpus_count.py`,
//! plain Python `json`, written separately from the Rust code); both agree:
//! 17,285 roots declare telemetry after closure, 1,970 declare none, 352 get
//! some through a Component, 320 get all of it that way, and the largest set
//! is 67 for `dtmi:com:socomec:socomecdevice;1`.
//!
//! Every model is also validated ([`aics_dtdl::validate`], references resolved
//! through the repository): the repository accepts only models the official
//! parser accepts, so none may have an error (DTDL001-003).
//!
//! No libtest harness: prints `data-tests: N passed, N failed, N skipped`.
//! Without the data the test is skipped, unless `CI=true`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use aics_dtdl::{parse_document_with, JsonReader, ModelIndex, ResolvedInterface, ValidationOptions};

const WITH_TELEMETRY: usize = 17_285;
const WITHOUT_TELEMETRY: usize = 1_970;
const THROUGH_COMPONENT: usize = 352;
const ONLY_THROUGH_COMPONENTS: usize = 320;
const LARGEST: (usize, &str) = (67, "dtmi:com:socomec:socomecdevice;1");

fn data_dir() -> PathBuf {
    match std::env::var_os("AICS_LINT_DATA") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"),
    }
}

#[derive(Default)]
struct Report {
    passed: usize,
    failed: usize,
}

impl Report {
    fn check(&mut self, name: &str, ok: bool, detail: impl FnOnce() -> String) {
        if ok {
            self.passed += 1;
            println!("ok    {name}");
        } else {
            self.failed += 1;
            println!("FAIL  {name}: {}", detail());
        }
    }
}

/// What one root model contributes to the totals.
#[derive(Default)]
struct Totals {
    files: usize,
    not_models: Vec<PathBuf>,
    reader_mismatches: Vec<PathBuf>,
    /// Files the plain reading and serde_json judge differently as JSON.
    verdict_mismatches: Vec<PathBuf>,
    /// Files whose validation differs between the parse's tree and the validator's own.
    tree_mismatches: Vec<PathBuf>,
    /// Files `check` validates as it parses them (they refer to nothing outside
    /// themselves), and those whose findings then differ from the validation with the index.
    alone: usize,
    alone_mismatches: Vec<PathBuf>,
    syntax_errors: Vec<String>,
    unresolved: Vec<String>,
    /// Validation errors (`path: rule: message`).
    invalid: Vec<String>,
    with_telemetry: usize,
    without_telemetry: usize,
    through_component: usize,
    only_through_components: usize,
    largest: (usize, String),
}

fn main() -> ExitCode {
    let repo = data_dir().join("pnp-models");
    if !repo.join("dtmi").is_dir() {
        let ci = std::env::var("CI").is_ok_and(|v| v == "true");
        println!("data-tests: data missing: no {} (set AICS_LINT_DATA to the shared data folder)", repo.display());
        return if ci {
            println!("data-tests: 0 passed, 1 failed, 0 skipped");
            ExitCode::FAILURE
        } else {
            println!("data-tests: 0 passed, 0 failed, 1 skipped");
            ExitCode::SUCCESS
        };
    }

    let started = Instant::now();
    let mut files = Vec::new();
    collect_json(&repo.join("dtmi"), &mut files);
    files.sort();

    let mut index = ModelIndex::new();
    index.add_repository_root(&repo);
    let totals = Mutex::new(Totals { files: files.len(), ..Totals::default() });
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = files.get(i) else { break };
                check_file(&index, path, &totals);
            });
        }
    });
    let t = totals.into_inner().unwrap();

    let mut report = Report::default();
    report.check("every file is a DTDL model", t.not_models.is_empty(), || format!("{:?}", &t.not_models[..t.not_models.len().min(5)]));
    report.check("both JSON readers give the same documents", t.reader_mismatches.is_empty(), || format!("{:?}", &t.reader_mismatches[..t.reader_mismatches.len().min(5)]));
    report.check("the plain reading calls a file well-formed JSON exactly when serde_json does", t.verdict_mismatches.is_empty(), || {
        format!("{:?}", &t.verdict_mismatches[..t.verdict_mismatches.len().min(5)])
    });
    report.check("validation finds the same with the parse's tree as with its own", t.tree_mismatches.is_empty(), || format!("{:?}", &t.tree_mismatches[..t.tree_mismatches.len().min(5)]));
    report.check("a model validated alone (as check does) has the findings of its validation with the index", t.alone_mismatches.is_empty(), || {
        format!("{} of {} differ, e.g. {:?}", t.alone_mismatches.len(), t.alone, &t.alone_mismatches[..t.alone_mismatches.len().min(5)])
    });
    println!("data-tests: {} of {} models validated alone (they refer to nothing outside themselves)", t.alone, t.files);
    report.check("no syntax errors", t.syntax_errors.is_empty(), || format!("{} e.g. {:?}", t.syntax_errors.len(), &t.syntax_errors[..t.syntax_errors.len().min(5)]));
    report.check("no unresolved references", t.unresolved.is_empty(), || format!("{} e.g. {:?}", t.unresolved.len(), &t.unresolved[..t.unresolved.len().min(5)]));
    report.check("every model is valid DTDL", t.invalid.is_empty(), || format!("{} e.g. {:?}", t.invalid.len(), &t.invalid[..t.invalid.len().min(5)]));
    report.check("roots with telemetry", t.with_telemetry == WITH_TELEMETRY, || format!("{} != {WITH_TELEMETRY}", t.with_telemetry));
    report.check("roots without telemetry", t.without_telemetry == WITHOUT_TELEMETRY, || format!("{} != {WITHOUT_TELEMETRY}", t.without_telemetry));
    report.check("roots with telemetry through a component", t.through_component == THROUGH_COMPONENT, || format!("{} != {THROUGH_COMPONENT}", t.through_component));
    report.check("roots with telemetry only through components", t.only_through_components == ONLY_THROUGH_COMPONENTS, || format!("{} != {ONLY_THROUGH_COMPONENTS}", t.only_through_components));
    report.check("largest closure", t.largest.0 == LARGEST.0 && t.largest.1 == LARGEST.1, || format!("{:?} != {LARGEST:?}", t.largest));
    spot_checks(&index, &mut report);

    println!("data-tests: corpus of {} files checked in {:.2?}", t.files, started.elapsed());
    println!("data-tests: {} passed, {} failed, 0 skipped", report.passed, report.failed);
    if report.failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn check_file(index: &ModelIndex, path: &Path, totals: &Mutex<Totals>) {
    let text = std::fs::read_to_string(path).expect("corpus file is UTF-8");
    // Parsed as an edited file is: the parse keeps its tree for the validation below.
    let Some(doc) = aics_dtdl::parse_document_shared(path, &Arc::from(text.as_str()), true) else {
        totals.lock().unwrap().not_models.push(path.to_path_buf());
        return;
    };
    // The index reads repository files with the plain lexer and well-formed files
    // skip tree-sitter (the default reader's fast path): both must see exactly what
    // the tree-sitter reader sees.
    let lexed = parse_document_with(path, &text, JsonReader::Lexer);
    let reference = parse_document_with(path, &text, JsonReader::TreeSitter);
    if lexed.as_ref() != Some(&doc) || reference.as_ref() != Some(&doc) {
        totals.lock().unwrap().reader_mismatches.push(path.to_path_buf());
    }
    if aics_dtdl::reads_as_strict_json(&text) != serde_json::from_str::<serde::de::IgnoredAny>(&text).is_ok() {
        totals.lock().unwrap().verdict_mismatches.push(path.to_path_buf());
    }
    let doc = Arc::new(doc);
    let unresolved = index.unresolved_references_in(&doc);
    let root = ResolvedInterface { document: doc.clone(), index: doc.roots[0] };
    let set = index.telemetry_of(&root);
    let via_component = set.items.iter().filter(|t| !t.component.is_empty()).count();
    let problems = aics_dtdl::validate(index, &doc, &ValidationOptions::default());
    // The validation above read the tree the parse built; the tree-sitter reader's
    // document hands none over, so its validation lexes and builds the text itself:
    // both must find exactly the same problems (warnings included).
    if let Some(reference) = &reference {
        if aics_dtdl::validate(index, reference, &ValidationOptions::default()) != problems {
            totals.lock().unwrap().tree_mismatches.push(path.to_path_buf());
        }
    }
    // `check` validates a document that refers to nothing outside itself as it parses it,
    // without the index: it must find exactly what the validation through the index finds.
    let alone = match aics_dtdl::parse_and_validate_shared(path, &Arc::from(text.as_str())) {
        Some((_, Some(alone))) => Some(alone == problems),
        _ => None,
    };
    if let Some(same) = alone {
        let mut t = totals.lock().unwrap();
        t.alone += 1;
        if !same {
            t.alone_mismatches.push(path.to_path_buf());
        }
    }
    let invalid: Vec<String> = problems
        .into_iter()
        .filter(|p| p.is_error())
        .map(|p| format!("{}: {}: {}", path.display(), p.rule, p.message))
        .collect();

    let mut t = totals.lock().unwrap();
    for e in &doc.syntax_errors {
        t.syntax_errors.push(format!("{}:{:?}: {}", path.display(), e.range, e.message));
    }
    for u in unresolved {
        t.unresolved.push(format!("{}: {}", path.display(), u.message));
    }
    t.invalid.extend(invalid);
    for dtmi in &set.unresolved {
        t.unresolved.push(format!("{}: telemetry closure could not find {dtmi}", path.display()));
    }
    if set.items.is_empty() {
        t.without_telemetry += 1;
    } else {
        t.with_telemetry += 1;
    }
    if via_component > 0 {
        t.through_component += 1;
        if via_component == set.items.len() {
            t.only_through_components += 1;
        }
    }
    let id = root.interface().id.clone().unwrap_or_default();
    if set.items.len() > t.largest.0 || (set.items.len() == t.largest.0 && id < t.largest.1) {
        t.largest = (set.items.len(), id);
    }
}

/// Exact results for the representative files named in the data README.
fn spot_checks(index: &ModelIndex, report: &mut Report) {
    let pairs = |dtmi: &str| -> Vec<(String, String)> {
        index.telemetry(dtmi).items.into_iter().map(|t| (t.component, t.name)).collect()
    };
    let own = |v: &[(&str, &str)]| -> Vec<(String, String)> {
        v.iter().map(|(c, n)| (c.to_string(), n.to_string())).collect()
    };

    let thermostat = index.telemetry("dtmi:com:example:Thermostat;1");
    report.check(
        "Thermostat;1 declares temperature (double, degreeCelsius)",
        thermostat.items.len() == 1
            && thermostat.items[0].name == "temperature"
            && thermostat.items[0].schema.as_deref() == Some("double")
            && thermostat.items[0].unit.as_deref() == Some("degreeCelsius")
            && thermostat.items[0].path.ends_with("dtmi/com/example/thermostat-1.json"),
        || format!("{:?}", thermostat.items),
    );
    let controller = pairs("dtmi:com:example:TemperatureController;2");
    report.check(
        "TemperatureController;2 keys telemetry by component",
        controller
            == own(&[("", "workingSet"), ("thermostat1", "temperature"), ("thermostat2", "temperature")]),
        || format!("{controller:?}"),
    );
    let missing = index.telemetry("dtmi:com:example:DoesNotExist;1");
    report.check(
        "an unknown root is reported unresolved",
        missing.items.is_empty() && missing.unresolved == ["dtmi:com:example:DoesNotExist;1"],
        || format!("{missing:?}"),
    );
}

fn collect_json(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("readable corpus folder") {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                out.push(path);
            }
        }
    }
}
