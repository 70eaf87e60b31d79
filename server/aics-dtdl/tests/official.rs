//! The official DTDL parser's own test cases
//! (`$AICS_LINT_DATA/dtdlparser/test-cases/{generated,solecisms,doc-examples,dtmis}`,
//! from digitaltwinconsortium/DTDLParser) run through [`aics_dtdl::validate_model`]
//! and [`aics_dtdl::dtmi::validate`], judged against the official verdicts.
//!
//! A model case (one file: `{"valid", "options", "input", "resolution"?, "expect"}`)
//! is validated as one model: its `input` documents plus every document its
//! `resolution` hands out. It *agrees* when the validator finds an error
//! (DTDL001-003) exactly when the official parser does (`valid: false`). For an
//! invalid case the official `expect.parsingErrors` name validation ids
//! (`dtmi:dtdl:parsingError:missingContext`), each with the element and
//! property it concerns (`PrimaryID`/`SecondaryID`/a DTMI `Value`, `Property`).
//! The official parser often reports one mistake under several ids at once (a
//! top-level `"@type": "CapabilityModel"` gives `typeNotRootable`, `badType`
//! and `typeUndefinedTerm`, all about the same element and no property), and
//! several mistakes in one case concern different elements or properties
//! (`invalidId` on an Interface's `@id` and `mismatchedLayers` on its
//! `contents`). So an invalid case *has the same ids* when, for each official
//! *problem* (its errors grouped by element, fragment ignored, and property),
//! at least one of the problem's ids is among the ids of our findings
//! ([`ModelProblem::validation_ids`]). Two stricter counts are printed beside
//! it: *all ids* (every official id among ours) and *exact* (our set of ids
//! equals theirs).
//!
//! Cases the validator cannot run as the official parser did are *left out*,
//! counted apart and never as agreeing: options other than the undefined-extension
//! switch, `quirks` (`TolerateSolecismsInParse`, ...), `maxDtdlVersion`, `partialResolution`,
//! and `acceptableLimits` that exclude a limits context the model uses (the
//! validator accepts every limits context it knows).
//! `AllowUndefinedExtensions` / `DisallowUndefinedExtensions` are supported
//! ([`ValidationOptions::allow_undefined_extensions`]).
//!
//! A DTMI case (`{"valid", "idText", "expect"?}`) tests the general DTMI
//! syntax: it agrees when [`aics_dtdl::dtmi::parse`] accepts `idText` exactly
//! when it is valid, and for a valid one reads the same major and minor
//! version, fragment and reservedness (a segment or fragment starting with `_`).
//!
//! The version of a case is the `V2`/`V3`/`V4` its file name ends in (DTMI
//! cases: `any`). Counts per version and kind (agreed, same ids, all ids) must not fall
//! below `tests/official-floor.json` (raise it with `AICS_OFFICIAL_WRITE_FLOOR=1`;
//! never lowered). `AICS_OFFICIAL_FAILURES=FILE` writes every disagreeing case
//! there; `AICS_OFFICIAL_ONLY=TEXT` runs only the files whose path contains TEXT.
//!
//! No libtest harness: prints `data-tests: N passed, N failed, N skipped`.
//! Without the data the test is skipped (counted as skipped, not passed),
//! unless `CI=true`, where it fails.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use aics_dtdl::validate::{ModelProblem, ValidationOptions};
use aics_dtdl::validate_model;
use rayon::prelude::*;
use serde_json::Value;

const KINDS: [&str; 4] = ["generated", "solecisms", "doc-examples", "dtmis"];

fn data_dir() -> PathBuf {
    match std::env::var_os("AICS_LINT_DATA") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"),
    }
}

fn floor_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/official-floor.json")
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Verdict {
    /// Same valid/invalid verdict as the official parser.
    Agreed,
    Disagreed,
    /// Needs an option or a resolution mode the validator does not have.
    LeftOut,
}

struct Outcome {
    version: String,
    kind: &'static str,
    name: String,
    valid: bool,
    verdict: Verdict,
    /// Invalid and agreed: each official problem has one of its ids among ours.
    same_ids: bool,
    /// Invalid and agreed: every official validation id among ours.
    all_ids: bool,
    /// Invalid and agreed: our set of ids is theirs.
    exact_ids: bool,
    /// Invalid with official validation ids to compare (DTMI cases have none).
    has_ids: bool,
    panicked: bool,
    /// The validation ids our findings carry.
    ids: Vec<&'static str>,
    detail: String,
    /// Documents that `check` validates as it parses them (they refer to nothing outside
    /// themselves), and those of them whose findings differ from the linter's validation
    /// with an index of the case's documents (which must be none).
    alone: usize,
    alone_differs: Vec<String>,
}

/// The DTDL version a case tests: the `V2`/`V3`/`V4` its file name ends in;
/// else (`mqttDocExample-en-US-1-V1.json` names the extension's version) the
/// language context of its first document; else `any`.
fn version_of(file: &str, case: &Value) -> String {
    let stem = file.trim_end_matches(".json");
    if let Some(c @ '2'..='4') = stem.chars().last() {
        if stem[..stem.len() - 1].ends_with('V') {
            return format!("v{c}");
        }
    }
    let first = match &case["input"][0] {
        Value::String(s) => serde_json::from_str(s).unwrap_or(Value::Null),
        other => other.clone(),
    };
    let contexts = match &first["@context"] {
        Value::Array(a) => a.clone(),
        other => vec![other.clone()],
    };
    for c in contexts.iter().filter_map(Value::as_str) {
        if let Some(v) = c.strip_prefix("dtmi:dtdl:context;").and_then(|r| r.chars().next()) {
            return format!("v{v}");
        }
    }
    "any".into()
}

fn doc_text(doc: &Value) -> String {
    match doc {
        // A string input is the document's own text, possibly not JSON at all.
        Value::String(s) => s.clone(),
        other => serde_json::to_string_pretty(other).unwrap_or_default(),
    }
}

/// Why the validator cannot run a case as the official parser did, if it cannot.
fn left_out_reason(case: &Value) -> Option<String> {
    let unsupported: Vec<&str> = case["options"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .filter(|o| !matches!(*o, "AllowUndefinedExtensions" | "DisallowUndefinedExtensions"))
        .collect();
    if !unsupported.is_empty() {
        return Some(format!("options {unsupported:?}"));
    }
    let quirks: Vec<&str> = case["quirks"].as_array().map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
    if !quirks.is_empty() {
        return Some(format!("quirks {quirks:?}"));
    }
    // The validator accepts every limits context it knows; a case that
    // accepts fewer (`acceptableLimits`) than its model uses tests an option.
    if let Some(acceptable) = case["acceptableLimits"].as_array() {
        let acceptable: Vec<&str> = acceptable.iter().filter_map(Value::as_str).collect();
        let text = serde_json::to_string(&case["input"]).unwrap_or_default();
        let mut rest = text.as_str();
        while let Some(at) = rest.find("dtmi:dtdl:limits:") {
            let used: String = rest[at..].chars().take_while(|c| *c != '"' && *c != '\\').collect();
            let versionless = used.split(';').next().unwrap_or(&used);
            if !acceptable.iter().any(|a| *a == used || *a == versionless) {
                return Some(format!("acceptableLimits {acceptable:?} excludes {used}"));
            }
            rest = &rest[at + used.len().max(1)..];
        }
    }
    if case.get("maxDtdlVersion").is_some() {
        return Some("maxDtdlVersion".into());
    }
    if case.get("partialResolution").is_some() {
        return Some("partialResolution".into());
    }
    None
}

/// The official errors grouped into problems: per element (fragment ignored)
/// and property, the validation ids reported for it.
fn expected_problems(case: &Value) -> Vec<BTreeSet<String>> {
    let mut groups: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for e in case["expect"]["parsingErrors"].as_array().into_iter().flatten() {
        let Some(id) = e["ValidationID"].as_str() else { continue };
        let id = id.strip_prefix("dtmi:dtdl:parsingError:").unwrap_or(id).to_string();
        let element = [&e["PrimaryID"], &e["SecondaryID"]]
            .into_iter()
            .filter_map(Value::as_str)
            .next()
            .or_else(|| e["Value"].as_str().filter(|v| v.starts_with("dtmi:")))
            .map(|d| d.split('#').next().unwrap_or(d).to_string())
            .unwrap_or_default();
        let property = e["Property"].as_str().unwrap_or("").to_string();
        groups.entry((element, property)).or_default().insert(id);
    }
    groups.into_values().collect()
}

fn expected_ids(case: &Value) -> BTreeSet<String> {
    case["expect"]["parsingErrors"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|e| e["ValidationID"].as_str())
                .map(|id| id.strip_prefix("dtmi:dtdl:parsingError:").unwrap_or(id).to_string())
                .collect()
        })
        .unwrap_or_default()
}

fn run_model_case(version: String, kind: &'static str, name: String, case: &Value) -> Outcome {
    let valid = case["valid"].as_bool().unwrap_or(true);
    let has_ids = !valid && !expected_ids(case).is_empty();
    let mut outcome =
        Outcome { version, kind, name, valid, verdict: Verdict::LeftOut, same_ids: false, all_ids: false, exact_ids: false, has_ids, panicked: false, ids: Vec::new(), detail: String::new(), alone: 0, alone_differs: Vec::new() };
    if let Some(reason) = left_out_reason(case) {
        outcome.detail = reason;
        return outcome;
    }
    let mut texts: Vec<String> = case["input"].as_array().map(|a| a.iter().map(doc_text).collect()).unwrap_or_default();
    for step in case["resolution"].as_array().into_iter().flatten() {
        texts.extend(step["response"].as_array().into_iter().flatten().map(doc_text));
    }
    let options_list: Vec<&str> = case["options"].as_array().map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
    let allow = if options_list.contains(&"AllowUndefinedExtensions") {
        Some(true)
    } else if options_list.contains(&"DisallowUndefinedExtensions") {
        Some(false)
    } else {
        None
    };
    let options = ValidationOptions { allow_undefined_extensions: allow };
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    if options_list.is_empty() {
        compare_alone(&texts, &mut outcome);
    }
    let problems: Vec<Vec<ModelProblem>> = match std::panic::catch_unwind(|| validate_model(&refs, &options)) {
        Ok(p) => p,
        Err(_) => {
            outcome.verdict = Verdict::Disagreed;
            outcome.panicked = true;
            outcome.detail = "panicked".into();
            return outcome;
        }
    };
    let errors: Vec<(usize, &ModelProblem)> =
        problems.iter().enumerate().flat_map(|(i, ps)| ps.iter().map(move |p| (i, p))).filter(|(_, p)| p.is_error()).collect();
    let agreed = errors.is_empty() == valid;
    outcome.verdict = if agreed { Verdict::Agreed } else { Verdict::Disagreed };
    let expected = expected_ids(case);
    let ours: BTreeSet<&'static str> = errors.iter().flat_map(|(_, p)| p.validation_ids().iter().copied()).collect();
    outcome.ids = ours.iter().copied().collect();
    let compared = !valid && agreed && !expected.is_empty();
    outcome.same_ids = compared && expected_problems(case).iter().all(|p| p.iter().any(|id| ours.contains(id.as_str())));
    outcome.all_ids = compared && expected.iter().all(|id| ours.contains(id.as_str()));
    outcome.exact_ids = compared && expected.iter().map(String::as_str).collect::<BTreeSet<_>>() == ours;
    if !agreed || (!valid && !outcome.same_ids) {
        let found: String = errors
            .iter()
            .map(|(i, p)| format!("  [{i}] {} {} {:?} ids={:?}: {}\n", p.code, p.rule, p.range, p.validation_ids(), p.message))
            .collect();
        outcome.detail = format!(
            "valid={valid} options={options_list:?} expected ids={expected:?}\n{found}  input: {}",
            serde_json::to_string(&case["input"]).unwrap_or_default()
        );
    }
    outcome
}

/// `check` validates a model that refers to nothing outside itself as it parses it
/// ([`aics_dtdl::parse_and_validate_shared`]), without the index: each such document of
/// the case must have the findings of [`aics_dtdl::validate`] with an index of all of
/// the case's documents (as the linter validates a workspace's models).
fn compare_alone(texts: &[String], outcome: &mut Outcome) {
    let mut index = aics_dtdl::ModelIndex::new();
    for (i, t) in texts.iter().enumerate() {
        index.upsert_text(format!("doc{i}.json"), t);
    }
    for (i, t) in texts.iter().enumerate() {
        let path = format!("doc{i}.json");
        let shared: std::sync::Arc<str> = std::sync::Arc::from(t.as_str());
        let Ok(Some((doc, Some(alone)))) = std::panic::catch_unwind(|| aics_dtdl::parse_and_validate_shared(&path, &shared)) else { continue };
        outcome.alone += 1;
        let Some(indexed) = index.documents().find(|d| d.path.to_string_lossy() == path) else {
            outcome.alone_differs.push(format!("{} [{i}]: not in the index", outcome.name));
            continue;
        };
        if doc != **indexed {
            outcome.alone_differs.push(format!("{} [{i}]: another parse", outcome.name));
            continue;
        }
        let with_index = aics_dtdl::validate(&index, indexed, &ValidationOptions::default());
        if with_index != alone {
            outcome.alone_differs.push(format!("{} [{i}]: {} findings alone, {} with the index", outcome.name, alone.len(), with_index.len()));
        }
    }
}

fn run_dtmi_case(name: String, case: &Value) -> Outcome {
    let valid = case["valid"].as_bool().unwrap_or(true);
    let id = case["idText"].as_str().unwrap_or("");
    let result = aics_dtdl::dtmi::parse(id);
    let mut agreed = result.is_ok() == valid;
    if let (Ok(info), true) = (&result, valid) {
        let major = case["expect"]["MajorVersion"].as_u64().unwrap_or(0);
        let minor = case["expect"]["MinorVersion"].as_u64().unwrap_or(0);
        agreed &= u64::from(info.major.unwrap_or(0)) == major && u64::from(info.minor.unwrap_or(0)) == minor;
        let fragment = info.fragment.as_ref().map(|f| format!("#{f}")).unwrap_or_default();
        agreed &= case["expect"]["Fragment"].as_str().unwrap_or("") == fragment;
        agreed &= case["expect"]["IsReserved"].as_bool().unwrap_or(false) == (info.reserved_label || info.reserved_prefix.is_some());
    }
    Outcome {
        version: "any".into(),
        kind: "dtmis",
        name,
        valid,
        verdict: if agreed { Verdict::Agreed } else { Verdict::Disagreed },
        same_ids: false,
        all_ids: false,
        exact_ids: false,
        has_ids: false,
        panicked: false,
        ids: Vec::new(),
        detail: if agreed { String::new() } else { format!("idText={id:?} valid={valid} ours={result:?}") },
        alone: 0,
        alone_differs: Vec::new(),
    }
}

fn run_file(kind: &'static str, path: &Path) -> Outcome {
    let file = path.file_name().unwrap().to_string_lossy().into_owned();
    let name = format!("{kind}/{file}");
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let case: Value = match serde_json::from_str(text.trim_start_matches('\u{feff}')) {
        Ok(v @ Value::Object(_)) => v,
        _ => {
            return Outcome {
                version: "any".into(),
                kind,
                name,
                valid: true,
                verdict: Verdict::Disagreed,
                same_ids: false,
                all_ids: false,
                exact_ids: false,
                has_ids: false,
                panicked: false,
                ids: Vec::new(),
                detail: "unreadable case file".into(),
                alone: 0,
                alone_differs: Vec::new(),
            }
        }
    };
    if kind == "dtmis" {
        run_dtmi_case(name, &case)
    } else {
        run_model_case(version_of(&file, &case), kind, name, &case)
    }
}

/// Per (version, kind): [total, left out, valid, valid agreed, invalid, invalid agreed, invalid same ids,
/// invalid with ids, invalid all ids, invalid exact ids].
type Counts = BTreeMap<(String, String), [usize; 10]>;
const TOTAL: usize = 0;
const LEFT_OUT: usize = 1;
const VALID: usize = 2;
const VALID_AGREED: usize = 3;
const INVALID: usize = 4;
const INVALID_AGREED: usize = 5;
const SAME_IDS: usize = 6;
const WITH_IDS: usize = 7;
const ALL_IDS: usize = 8;
const EXACT_IDS: usize = 9;

fn count(outcomes: &[Outcome]) -> Counts {
    let mut counts = Counts::new();
    for o in outcomes {
        let c = counts.entry((o.version.clone(), o.kind.to_string())).or_default();
        c[TOTAL] += 1;
        if o.verdict == Verdict::LeftOut {
            c[LEFT_OUT] += 1;
            continue;
        }
        let agreed = o.verdict == Verdict::Agreed;
        if o.valid {
            c[VALID] += 1;
            c[VALID_AGREED] += usize::from(agreed);
        } else {
            c[INVALID] += 1;
            c[INVALID_AGREED] += usize::from(agreed);
            c[SAME_IDS] += usize::from(o.same_ids);
            c[WITH_IDS] += usize::from(o.has_ids);
            c[ALL_IDS] += usize::from(o.all_ids);
            c[EXACT_IDS] += usize::from(o.exact_ids);
        }
    }
    counts
}

fn pct(n: usize, d: usize) -> String {
    if d == 0 {
        "-".into()
    } else {
        format!("{:.1}%", 100.0 * n as f64 / d as f64)
    }
}

/// The floor: per "version/kind", the least number of agreeing cases and of
/// invalid cases with the same ids.
fn read_floor() -> BTreeMap<String, (usize, usize, usize)> {
    let mut out = BTreeMap::new();
    let Ok(text) = std::fs::read_to_string(floor_path()) else { return out };
    let Ok(Value::Object(rows)) = serde_json::from_str::<Value>(&text) else { return out };
    for (key, entry) in rows {
        let n = |k: &str| entry[k].as_u64().unwrap_or(0) as usize;
        out.insert(key, (n("agreed"), n("same_ids"), n("all_ids")));
    }
    out
}

fn write_floor(counts: &Counts, old: &BTreeMap<String, (usize, usize, usize)>) {
    let mut root = serde_json::Map::new();
    for ((v, k), c) in counts {
        let key = format!("{v}/{k}");
        let (old_agreed, old_ids, old_all) = old.get(&key).copied().unwrap_or((0, 0, 0));
        let mut e = serde_json::Map::new();
        e.insert("agreed".into(), Value::from((c[VALID_AGREED] + c[INVALID_AGREED]).max(old_agreed)));
        e.insert("same_ids".into(), Value::from(c[SAME_IDS].max(old_ids)));
        e.insert("all_ids".into(), Value::from(c[ALL_IDS].max(old_all)));
        e.insert("run".into(), Value::from(c[TOTAL] - c[LEFT_OUT]));
        e.insert("left_out".into(), Value::from(c[LEFT_OUT]));
        root.insert(key, Value::Object(e));
    }
    let text = serde_json::to_string_pretty(&Value::Object(root)).unwrap() + "\n";
    std::fs::write(floor_path(), text).expect("write floor");
}

fn main() -> ExitCode {
    let cases = data_dir().join("dtdlparser/test-cases");
    if !cases.join("generated").is_dir() {
        let ci = std::env::var("CI").is_ok_and(|v| v == "true");
        println!("data-tests: data missing: no {} (set AICS_LINT_DATA to the shared data folder)", cases.display());
        return if ci {
            println!("data-tests: 0 passed, 1 failed, 0 skipped");
            ExitCode::FAILURE
        } else {
            println!("data-tests: 0 passed, 0 failed, 1 skipped");
            ExitCode::SUCCESS
        };
    }
    let mut files: Vec<(&'static str, PathBuf)> = Vec::new();
    for kind in KINDS {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(cases.join(kind))
            .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "json")).collect())
            .unwrap_or_default();
        paths.sort();
        if let Ok(only) = std::env::var("AICS_OFFICIAL_ONLY") {
            paths.retain(|p| p.to_string_lossy().contains(&only));
        }
        files.extend(paths.into_iter().map(|p| (kind, p)));
    }
    let outcomes: Vec<Outcome> = files.par_iter().map(|(k, p)| run_file(k, p)).collect();
    let counts = count(&outcomes);

    println!("Official DTDL parser test cases: {} files", outcomes.len());
    println!("same ids: each official problem (errors on one element and property) has one of its ids among ours;");
    println!("all ids: every official id among ours; exact: our ids are theirs (invalid cases with ids)");
    println!(
        "{:<4} {:<13} {:>6} {:>6} {:>13} {:>13} {:>9} {:>16} {:>16} {:>16}",
        "ver", "kind", "cases", "l.out", "valid agreed", "inval agreed", "agreement", "same ids", "all ids", "exact"
    );
    let row = |v: &str, k: &str, c: &[usize; 10]| {
        println!(
            "{v:<4} {k:<13} {:>6} {:>6} {:>13} {:>13} {:>9} {:>16} {:>16} {:>16}",
            c[TOTAL],
            c[LEFT_OUT],
            format!("{}/{}", c[VALID_AGREED], c[VALID]),
            format!("{}/{}", c[INVALID_AGREED], c[INVALID]),
            pct(c[VALID_AGREED] + c[INVALID_AGREED], c[VALID] + c[INVALID]),
            format!("{}/{} {}", c[SAME_IDS], c[WITH_IDS], pct(c[SAME_IDS], c[WITH_IDS])),
            format!("{}/{} {}", c[ALL_IDS], c[WITH_IDS], pct(c[ALL_IDS], c[WITH_IDS])),
            format!("{}/{} {}", c[EXACT_IDS], c[WITH_IDS], pct(c[EXACT_IDS], c[WITH_IDS])),
        );
    };
    let mut totals = [0usize; 10];
    for ((v, k), c) in &counts {
        for (t, x) in totals.iter_mut().zip(c) {
            *t += x;
        }
        row(v, k, c);
    }
    row("all", "all", &totals);

    if let Some(path) = std::env::var_os("AICS_OFFICIAL_FAILURES") {
        let mut text = String::new();
        for o in &outcomes {
            let what = match o.verdict {
                Verdict::Disagreed if o.valid => "REJECTED-VALID",
                Verdict::Disagreed => "ACCEPTED-INVALID",
                Verdict::LeftOut => "LEFT-OUT",
                Verdict::Agreed if !o.valid && o.has_ids && !o.same_ids => "OTHER-IDS",
                Verdict::Agreed => continue,
            };
            text.push_str(&format!("{what} {} ({})\n{}\n\n", o.name, o.version, o.detail));
        }
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
    let alone: usize = outcomes.iter().map(|o| o.alone).sum();
    let differs: Vec<&String> = outcomes.iter().flat_map(|o| &o.alone_differs).collect();
    println!("{alone} documents validated alone (check's early validation), {} differ from the validation with an index", differs.len());
    check(alone > 0 && differs.is_empty(), format!("validated alone: {alone} documents, {} differ: {:?}", differs.len(), differs.iter().take(5).collect::<Vec<_>>()));
    let panics: Vec<&str> = outcomes.iter().filter(|o| o.panicked).map(|o| o.name.as_str()).collect();
    check(panics.is_empty(), format!("{} cases panicked: {:?}", panics.len(), panics.iter().take(5).collect::<Vec<_>>()));
    // Every id a finding carries is an official one, and among those
    // `explain DTDL002` lists.
    let reported: BTreeSet<&str> = outcomes.iter().flat_map(|o| o.ids.iter().copied()).collect();
    let unknown: Vec<&str> = reported.iter().copied().filter(|id| !aics_dtdl::validate::is_validation_id(id)).collect();
    check(unknown.is_empty(), format!("findings carry ids the official parser does not have: {unknown:?}"));
    let carried = aics_dtdl::validate::carried_validation_ids();
    let unlisted: Vec<&str> = reported.iter().copied().filter(|id| !carried.contains(id)).collect();
    check(unlisted.is_empty(), format!("ids reported but not listed by carried_validation_ids: {unlisted:?}"));
    println!("{} official ids reported over the cases; {} carried by the validator's source", reported.len(), carried.len());
    let floor = read_floor();
    for ((v, k), c) in &counts {
        let key = format!("{v}/{k}");
        let (min_agreed, min_ids, min_all) = floor.get(&key).copied().unwrap_or((0, 0, 0));
        let agreed = c[VALID_AGREED] + c[INVALID_AGREED];
        check(agreed >= min_agreed, format!("{key}: {agreed} cases agree, below the floor of {min_agreed}"));
        check(c[SAME_IDS] >= min_ids, format!("{key}: {} invalid cases with the same ids, below the floor of {min_ids}", c[SAME_IDS]));
        check(c[ALL_IDS] >= min_all, format!("{key}: {} invalid cases with all ids, below the floor of {min_all}", c[ALL_IDS]));
    }
    if std::env::var("AICS_OFFICIAL_WRITE_FLOOR").is_ok_and(|v| v == "1") {
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
