//! The official DTDL conformance suite (`$AICS_LINT_DATA/dtdl-spec/{v2,v3,v4}/spec/*.json`,
//! about 20,000 cases) run through [`aics_dtdl::validate_model`].
//!
//! Each case's `input` documents are validated together as one model with the
//! case's options. A case passes when:
//! - `Requirement`: a valid model has no error (DTDL001-003), an invalid one at least one;
//! - `Allowance`: no error;
//! - `Recommendation`: no error, and a DTDL004 exactly when `desirable` is false;
//! - `Completion`: a valid model has no error; with `expect.unresolvedIdentifiers`,
//!   the DTDL003 findings name exactly those DTMIs and there is no other error;
//!   otherwise (invalid) at least one error.
//!
//! Pass counts per version and kind must not fall below
//! `tests/conformance-floor.json` (raise it with `AICS_CONFORMANCE_WRITE_FLOOR=1`;
//! it is never lowered). No case may panic, and the validator's work on each
//! ([`aics_dtdl::validate::validate_model_counted`]: elements read, values
//! examined, nodes the model-wide walks visit) must stay linear in the input:
//! at most [`WORK_PER_BYTE`] steps per byte of input plus [`WORK_BASE`]. The
//! count is deterministic, so the bound holds on a loaded machine as on an
//! idle one (a wall-clock limit flaked).
//! `AICS_CONFORMANCE_FAILURES=FILE` writes every failing case there;
//! `AICS_CONFORMANCE_ONLY=TEXT` runs only the case files whose path contains TEXT.
//!
//! No libtest harness: prints `data-tests: N passed, N failed, N skipped`.
//! Without the data the test is skipped, unless `CI=true`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use aics_dtdl::validate::{validate_model_counted, ModelProblem, ValidationOptions, UNRESOLVED_REFERENCE};
use rayon::prelude::*;
use serde_json::Value;

const VERSIONS: [&str; 3] = ["v2", "v3", "v4"];
const KINDS: [&str; 4] = ["Requirement", "Allowance", "Recommendation", "Completion"];
/// Steps of validation work allowed per byte of a case's input documents.
const WORK_PER_BYTE: u64 = 2;
/// Steps allowed whatever the input's size (the metamodel's own fixed costs).
const WORK_BASE: u64 = 200;

fn data_dir() -> PathBuf {
    match std::env::var_os("AICS_LINT_DATA") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"),
    }
}

fn floor_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance-floor.json")
}

struct Outcome {
    version: &'static str,
    kind: &'static str,
    name: String,
    passed: bool,
    panicked: bool,
    /// Steps of validation work, and the input's size in bytes.
    work: u64,
    bytes: usize,
    detail: String,
}

impl Outcome {
    fn work_allowed(&self) -> u64 {
        WORK_BASE + WORK_PER_BYTE * self.bytes as u64
    }
}

fn judge(kind: &str, case: &Value, texts: &[String], problems: &[Vec<ModelProblem>]) -> (bool, String) {
    let valid = case["valid"].as_bool().unwrap_or(true);
    let all: Vec<(usize, &ModelProblem)> =
        problems.iter().enumerate().flat_map(|(i, ps)| ps.iter().map(move |p| (i, p))).collect();
    let errors = all.iter().filter(|(_, p)| p.is_error()).count();
    let warnings = all.len() - errors;
    let describe = || {
        all.iter()
            .map(|(i, p)| format!("  [{i}] {} {} {:?}: {}", p.code, p.rule, p.range, p.message))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let ok = match kind {
        "Requirement" => (errors == 0) == valid,
        "Allowance" => errors == 0,
        "Recommendation" => {
            let desirable = case["desirable"].as_bool().unwrap_or(true);
            errors == 0 && (warnings > 0) != desirable
        }
        _ => {
            if let Some(expected) = case["expect"]["unresolvedIdentifiers"].as_array() {
                let expected: BTreeSet<String> = expected.iter().filter_map(|v| v.as_str().map(String::from)).collect();
                let found: BTreeSet<String> = all
                    .iter()
                    .filter(|(_, p)| p.code == UNRESOLVED_REFERENCE)
                    .map(|(i, p)| {
                        let raw = texts[*i].get(p.range.clone()).unwrap_or("");
                        serde_json::from_str::<String>(raw).unwrap_or_else(|_| raw.to_string())
                    })
                    .collect();
                let others = all.iter().filter(|(_, p)| p.is_error() && p.code != UNRESOLVED_REFERENCE).count();
                found == expected && others == 0
            } else {
                (errors == 0) == valid
            }
        }
    };
    (ok, if ok { String::new() } else { describe() })
}

fn run_file(version: &'static str, path: &Path) -> Vec<Outcome> {
    let file = path.file_name().unwrap().to_string_lossy().into_owned();
    let kind = KINDS.iter().copied().find(|k| file.starts_with(&format!("{k}-"))).unwrap_or("Requirement");
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let cases: Vec<Value> = match serde_json::from_str(text.trim_start_matches('\u{feff}')) {
        Ok(Value::Array(cases)) => cases,
        _ => {
            return vec![Outcome {
                version,
                kind,
                name: file,
                passed: false,
                panicked: false,
                work: 0,
                bytes: 0,
                detail: "unreadable case file".into(),
            }]
        }
    };
    cases
        .iter()
        .enumerate()
        .map(|(n, case)| {
            let texts: Vec<String> = case["input"]
                .as_array()
                .map(|a| a.iter().map(|d| serde_json::to_string_pretty(d).unwrap_or_default()).collect())
                .unwrap_or_default();
            let options_list: Vec<&str> =
                case["options"].as_array().map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
            let allow = if options_list.contains(&"AllowUndefinedExtensions") {
                Some(true)
            } else if options_list.contains(&"DisallowUndefinedExtensions") {
                Some(false)
            } else {
                None
            };
            let options = ValidationOptions { allow_undefined_extensions: allow };
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            let bytes: usize = refs.iter().map(|t| t.len()).sum();
            let result = std::panic::catch_unwind(|| {
                if baseline() {
                    (model_layer_only(&refs), 0)
                } else {
                    validate_model_counted(&refs, &options)
                }
            });
            let name = format!("{version}/{file}#{n}");
            match result {
                Ok((problems, work)) => {
                    let (passed, detail) = judge(kind, case, &texts, &problems);
                    let detail = if passed {
                        detail
                    } else {
                        format!(
                            "valid={} desirable={:?} options={:?}\n{}\n  input: {}",
                            case["valid"], case.get("desirable"), options_list, detail,
                            serde_json::to_string(&case["input"]).unwrap_or_default()
                        )
                    };
                    Outcome { version, kind, name, passed, panicked: false, work, bytes, detail }
                }
                Err(_) => Outcome { version, kind, name, passed: false, panicked: true, work: 0, bytes, detail: "panicked".into() },
            }
        })
        .collect()
}

/// `AICS_CONFORMANCE_BASELINE=1`: judge what the model layer alone reports
/// (syntax errors and unresolved references), the state before validation.
fn baseline() -> bool {
    std::env::var("AICS_CONFORMANCE_BASELINE").is_ok_and(|v| v == "1")
}

fn model_layer_only(texts: &[&str]) -> Vec<Vec<ModelProblem>> {
    let mut index = aics_dtdl::ModelIndex::new();
    let docs: Vec<_> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| aics_dtdl::parse_document(format!("input-{i}.json"), t))
        .collect();
    for d in docs.iter().flatten() {
        index.upsert_document(d.clone());
    }
    docs.iter()
        .map(|d| match d {
            None => Vec::new(),
            Some(d) => {
                let mut out: Vec<ModelProblem> = d
                    .syntax_errors
                    .iter()
                    .map(|e| ModelProblem { code: "DTDL001", rule: String::new(), range: e.range.clone(), message: e.message.clone(), official_ids: Vec::new(), related: Vec::new(), suggestion: None })
                    .collect();
                out.extend(index.unresolved_references_in(d).into_iter().map(|u| ModelProblem {
                    code: UNRESOLVED_REFERENCE,
                    rule: String::new(),
                    range: u.range,
                    message: u.message,
                    official_ids: Vec::new(),
                    related: Vec::new(),
                    suggestion: None,
                }));
                out
            }
        })
        .collect()
}

type Counts = BTreeMap<String, BTreeMap<String, (usize, usize)>>;

fn read_floor() -> Counts {
    let mut out = Counts::new();
    let Ok(text) = std::fs::read_to_string(floor_path()) else { return out };
    let Ok(Value::Object(versions)) = serde_json::from_str::<Value>(&text) else { return out };
    for (v, kinds) in versions {
        if let Value::Object(kinds) = kinds {
            for (k, entry) in kinds {
                let passed = entry["passed"].as_u64().unwrap_or(0) as usize;
                let total = entry["total"].as_u64().unwrap_or(0) as usize;
                out.entry(v.clone()).or_default().insert(k, (passed, total));
            }
        }
    }
    out
}

fn write_floor(counts: &Counts, old: &Counts) {
    let mut root = serde_json::Map::new();
    for (v, kinds) in counts {
        let mut m = serde_json::Map::new();
        for (k, (passed, total)) in kinds {
            let old_passed = old.get(v).and_then(|x| x.get(k)).map(|x| x.0).unwrap_or(0);
            let mut e = serde_json::Map::new();
            e.insert("passed".into(), Value::from((*passed).max(old_passed)));
            e.insert("total".into(), Value::from(*total));
            m.insert(k.clone(), Value::Object(e));
        }
        root.insert(v.clone(), Value::Object(m));
    }
    let text = serde_json::to_string_pretty(&Value::Object(root)).unwrap() + "\n";
    std::fs::write(floor_path(), text).expect("write floor");
}

fn main() -> ExitCode {
    let spec = data_dir().join("dtdl-spec");
    if !spec.join("v2/spec").is_dir() {
        let ci = std::env::var("CI").is_ok_and(|v| v == "true");
        println!("data-tests: data missing: no {} (set AICS_LINT_DATA to the shared data folder)", spec.display());
        return if ci {
            println!("data-tests: 0 passed, 1 failed, 0 skipped");
            ExitCode::FAILURE
        } else {
            println!("data-tests: 0 passed, 0 failed, 1 skipped");
            ExitCode::SUCCESS
        };
    }
    let start = Instant::now();
    let mut files: Vec<(&'static str, PathBuf)> = Vec::new();
    for v in VERSIONS {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(spec.join(v).join("spec"))
            .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "json")).collect())
            .unwrap_or_default();
        paths.sort();
        if let Ok(only) = std::env::var("AICS_CONFORMANCE_ONLY") {
            paths.retain(|p| p.to_string_lossy().contains(&only));
        }
        files.extend(paths.into_iter().map(|p| (v, p)));
    }
    let outcomes: Vec<Outcome> = files.par_iter().flat_map_iter(|(v, p)| run_file(v, p)).collect();
    let wall = start.elapsed();

    let mut counts = Counts::new();
    for o in &outcomes {
        let e = counts.entry(o.version.to_string()).or_default().entry(o.kind.to_string()).or_default();
        e.1 += 1;
        if o.passed {
            e.0 += 1;
        }
    }
    println!("DTDL conformance suite: {} cases in {:.1} s", outcomes.len(), wall.as_secs_f64());
    println!("{:<4} {:<15} {:>7} {:>7} {:>8}", "ver", "kind", "passed", "total", "rate");
    for (v, kinds) in &counts {
        let (mut p, mut t) = (0, 0);
        for k in KINDS {
            if let Some((passed, total)) = kinds.get(k) {
                println!("{v:<4} {k:<15} {passed:>7} {total:>7} {:>7.2}%", 100.0 * *passed as f64 / (*total).max(1) as f64);
                p += passed;
                t += total;
            }
        }
        println!("{v:<4} {:<15} {p:>7} {t:>7} {:>7.2}%", "all", 100.0 * p as f64 / t.max(1) as f64);
    }

    if let Some(path) = std::env::var_os("AICS_CONFORMANCE_FAILURES") {
        let text: String = outcomes.iter().filter(|o| !o.passed).map(|o| format!("FAIL {}\n{}\n\n", o.name, o.detail)).collect();
        std::fs::write(&path, text).expect("write failures");
        println!("failures written to {}", PathBuf::from(path).display());
    }

    let (mut passed, mut failed) = (0, 0);
    let mut check = |ok: bool, what: String| {
        if ok {
            passed += 1;
        } else {
            failed += 1;
            println!("FAIL  {what}");
        }
    };
    let panics: Vec<&Outcome> = outcomes.iter().filter(|o| o.panicked).collect();
    check(panics.is_empty(), format!("{} cases panicked: {:?}", panics.len(), panics.iter().take(5).map(|o| &o.name).collect::<Vec<_>>()));
    // The most work per byte of input, for setting the bound.
    let heaviest = outcomes.iter().filter(|o| o.bytes > 0).max_by(|a, b| (a.work * b.bytes as u64).cmp(&(b.work * a.bytes as u64)));
    if let Some(h) = heaviest {
        println!("most work per input byte: {} ({} steps for {} bytes, {:.2}/byte)", h.name, h.work, h.bytes, h.work as f64 / h.bytes as f64);
    }
    let heavy: Vec<&Outcome> = outcomes.iter().filter(|o| o.work > o.work_allowed()).collect();
    check(
        heavy.is_empty(),
        format!(
            "{} cases took more than {WORK_PER_BYTE} steps per input byte + {WORK_BASE}: {:?}",
            heavy.len(),
            heavy.iter().take(5).map(|o| format!("{} ({} steps, {} bytes)", o.name, o.work, o.bytes)).collect::<Vec<_>>()
        ),
    );

    let floor = read_floor();
    for (v, kinds) in &counts {
        for (k, (p, t)) in kinds {
            let (min, _) = floor.get(v).and_then(|x| x.get(k)).copied().unwrap_or((0, 0));
            check(*p >= min, format!("{v} {k}: {p}/{t} passed, below the floor of {min}"));
        }
    }
    if std::env::var("AICS_CONFORMANCE_WRITE_FLOOR").is_ok_and(|v| v == "1") {
        write_floor(&counts, &floor);
        println!("floor written to {}", floor_path().display());
    }
    println!("data-tests: {passed} passed, {failed} failed, 0 skipped");
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
