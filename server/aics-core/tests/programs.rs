//! Data-driven test over realistic device programs: every folder under
//! `tests/fixtures/programs/` is one linted tree; comments `// expect: CODE` (warning or
//! error) and `// expect-info: CODE` (an information-level "could not decide" note) on a
//! line say which findings must start on that line. Every expected finding must appear and
//! no other. A snapshot (insta) keeps the full text of every finding.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use aics_core::config::Config;
use aics_core::{analyze, file_kind, AnalysisOptions, Severity, SourceFile};

fn fixtures_root(suite: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures").join(suite)
}

/// `expect.txt`: findings in files that cannot hold comments (JSON models), one per line:
/// `models/thermostat-1.json:14 AICS002` (add ` info` for an information note).
fn sidecar_expectations(text: &str) -> Vec<Expect> {
    let mut out = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let mut words = line.split_whitespace();
        let (Some(place), Some(code)) = (words.next(), words.next()) else { panic!("bad expect.txt line `{line}`") };
        let (path, line_no) = place.rsplit_once(':').unwrap_or_else(|| panic!("bad expect.txt place `{place}`"));
        out.push(Expect {
            path: path.to_string(),
            line: line_no.parse().unwrap_or_else(|_| panic!("bad line number in `{line}`")),
            code: code.to_string(),
            info: words.next() == Some("info"),
        });
    }
    out
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Expect {
    path: String,
    line: u32,
    code: String,
    info: bool,
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

fn expectations(rel: &str, text: &str) -> Vec<Expect> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        for (marker, info) in [("expect-info:", true), ("expect:", false)] {
            let Some(at) = line.find(marker) else { continue };
            if !info && line[..at].ends_with("expect-") {
                continue;
            }
            for code in line[at + marker.len()..].split(|c: char| c == ',' || c.is_whitespace()) {
                if code.len() == 7 && (code.starts_with("AICS") || code.starts_with("DTDL")) {
                    out.push(Expect { path: rel.to_string(), line: i as u32 + 1, code: code.to_string(), info });
                }
            }
        }
    }
    out
}

struct CaseResult {
    name: String,
    expected: BTreeSet<Expect>,
    actual: BTreeSet<Expect>,
    listing: String,
}

fn run_case(dir: &Path) -> CaseResult {
    let mut sources = Vec::new();
    let mut expected = BTreeSet::new();
    let mut config = Config::default();
    for p in files_under(dir) {
        let rel = p.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
        let text = String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned();
        if rel == "aics-lint.toml" {
            config = Config::parse(&p, &text).expect("fixture config parses");
            continue;
        }
        if file_kind(&p).is_none() {
            continue;
        }
        expected.extend(expectations(&rel, &text));
        sources.push(SourceFile::new(rel, text));
    }
    if let Ok(sidecar) = std::fs::read_to_string(dir.join("expect.txt")) {
        expected.extend(sidecar_expectations(&sidecar));
    }
    let analysis = analyze(&sources, &AnalysisOptions { config, ..AnalysisOptions::default() });
    let mut actual = BTreeSet::new();
    let mut listing = String::new();
    for d in &analysis.diagnostics {
        let path = d.span.path.to_string_lossy().to_string();
        let _ = writeln!(
            listing,
            "{path}:{}:{} {}[{}]{} {}",
            d.span.start.line + 1,
            d.span.start.column + 1,
            d.severity.as_str(),
            d.code,
            if d.suppressed { " (suppressed)" } else { "" },
            d.message
        );
        for r in &d.related {
            let _ = writeln!(listing, "    related {}:{}: {}", r.span.path.display(), r.span.start.line + 1, r.message);
        }
        if d.suppressed {
            continue;
        }
        actual.insert(Expect {
            path,
            line: d.span.start.line + 1,
            code: d.code.to_string(),
            info: d.severity <= Severity::Information,
        });
    }
    CaseResult { name: dir.file_name().unwrap().to_string_lossy().into_owned(), expected, actual, listing }
}

/// Run every case of a suite, compare with the annotations, print precision and recall,
/// and snapshot the full listing.
fn run_suite(suite: &str, min_cases: usize) {
    let root = fixtures_root(suite);
    let mut cases: Vec<PathBuf> = match std::fs::read_dir(&root) {
        Ok(rd) => rd.map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect(),
        Err(e) => panic!("fixtures missing under {}: {e}", root.display()),
    };
    cases.sort();
    assert!(cases.len() >= min_cases, "only {} cases under {}", cases.len(), root.display());

    let (mut tp, mut fp, mut fneg) = (0usize, 0usize, 0usize);
    let mut failures = String::new();
    let mut snapshot = String::new();
    for dir in &cases {
        let r = run_case(dir);
        let missed: Vec<_> = r.expected.difference(&r.actual).collect();
        let extra: Vec<_> = r.actual.difference(&r.expected).collect();
        tp += r.expected.intersection(&r.actual).count();
        fneg += missed.len();
        fp += extra.len();
        if !missed.is_empty() || !extra.is_empty() {
            let _ = writeln!(failures, "== {}", r.name);
            for m in missed {
                let _ = writeln!(failures, "  missing {}{} at {}:{}", m.code, if m.info { " (info)" } else { "" }, m.path, m.line);
            }
            for e in extra {
                let _ = writeln!(failures, "  unexpected {}{} at {}:{}", e.code, if e.info { " (info)" } else { "" }, e.path, e.line);
            }
            failures.push_str(&r.listing.lines().map(|l| format!("    | {l}\n")).collect::<String>());
        }
        let _ = writeln!(snapshot, "== {}\n{}", r.name, r.listing);
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fneg).max(1) as f64;
    println!(
        "fixture {suite}: {} cases, {tp} expected findings reported, {fp} unexpected, {fneg} missed; precision {:.3}, recall {:.3}",
        cases.len(),
        precision,
        recall
    );
    assert!(failures.is_empty(), "findings differ from the expect: annotations\n{failures}");
    insta::assert_snapshot!(suite.replace('/', "_"), snapshot);
}

#[test]
fn device_programs_report_exactly_the_expected_findings() {
    run_suite("programs", 10);
}

#[test]
fn telemetry_programs_report_exactly_the_expected_findings() {
    run_suite("telemetry", 1);
}

#[test]
fn annotations_are_read() {
    let e = expectations("a.c", "x(); // expect: AICS001 AICS004\ny(); // expect-info: AICS001\n");
    assert_eq!(e.len(), 3);
    assert!(e[2].info && e[2].line == 2);
}

/// The README's first command runs on `examples/thermostat-device`: it must show the
/// defects its README promises, and nothing else.
#[test]
fn bundled_example_shows_its_documented_defects() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/thermostat-device");
    let r = run_case(&dir);
    let found: Vec<(String, String, u32)> = r.actual.iter().map(|e| (e.code.clone(), e.path.clone(), e.line)).collect();
    assert_eq!(
        found,
        vec![
            ("AICS002".to_string(), "models/thermostat-1.json".to_string(), 15),
            ("AICS002".to_string(), "src/board_config.h".to_string(), 5),
            ("AICS001".to_string(), "src/provisioning.c".to_string(), 38),
        ],
        "{}",
        r.listing
    );
    assert!(r.listing.contains("iotcModelId"), "the message names the legacy key:\n{}", r.listing);
}

/// The DTDL specification's requirements reach the linter: a model that breaks a MUST gets
/// DTDL002 at the offending value, naming the rule.
#[test]
fn model_validation_is_reported_by_the_linter() {
    let model = r#"{
  "@context": "dtmi:dtdl:context;3",
  "@id": "dtmi:contoso:bad:Sensor;1",
  "@type": "Interface",
  "contents": [
    { "@type": "Telemetry", "name": "temp-erature", "schema": "double" }
  ]
}
"#;
    let sources = vec![SourceFile::new("models/sensor-1.json", model)];
    let a = analyze(&sources, &AnalysisOptions::default());
    let d: Vec<_> = a.diagnostics.iter().filter(|d| d.code == "DTDL002").collect();
    assert!(!d.is_empty(), "{:#?}", a.diagnostics);
    assert!(d.iter().any(|d| d.span.start.line == 5 && d.message.contains("Requirement-")), "{:#?}", d);
    assert!(a.diagnostics.iter().all(|d| d.code != "DTDL001" && d.code != "DTDL003"));
}

#[test]
fn content_programs_report_exactly_the_expected_findings() {
    run_suite("contents", 1);
}

/// The coverage counts tell the same story as the findings: the unhandled incubator serves
/// one of two commands, none of its writable property and one of two read-only properties.
#[test]
fn coverage_counts_match_the_findings() {
    let dir = fixtures_root("contents");
    let tally = |case: &str| {
        let mut sources = Vec::new();
        for p in files_under(&dir.join(case)) {
            if file_kind(&p).is_some() {
                let rel = p.strip_prefix(dir.join(case)).unwrap().to_string_lossy().replace('\\', "/");
                sources.push(SourceFile::new(rel, std::fs::read_to_string(&p).unwrap()));
            }
        }
        let a = analyze(&sources, &AnalysisOptions::default());
        assert_eq!(a.coverage.len(), 1, "{:#?}", a.coverage);
        let c = &a.coverage[0];
        assert_eq!(c.model_id, "dtmi:contoso:lab:Incubator;1");
        assert!(c.at.as_ref().is_some_and(|s| s.path.to_string_lossy().ends_with(".h")), "{c:?}");
        let t = |t: aics_core::coverage::Tally| (t.served, t.declared);
        (t(c.telemetry), t(c.commands), t(c.writable_properties), t(c.properties), c.partial)
    };
    assert_eq!(tally("embedded-incubator-unhandled"), ((1, 1), (1, 2), (0, 1), (1, 2), false));
    assert_eq!(tally("embedded-incubator-correct"), ((1, 1), (2, 2), (1, 1), (2, 2), false));
    // Acknowledged names known only at run time: the counts are a lower bound.
    assert_eq!(tally("embedded-incubator-echo-ack"), ((1, 1), (2, 2), (0, 1), (2, 2), true));
}

/// `check` hands the analysis each source's facts or model parse made on the thread that
/// read the file (`prepare`): the findings and coverage are those of a plain analysis of
/// the same sources, and a list that does not match the sources is not used.
#[test]
fn prepared_sources_give_a_plain_analysis_findings() {
    let dir = fixtures_root("contents");
    let mut sources = Vec::new();
    for case in ["iothubll-incubator-unhandled", "iothubll-incubator-correct", "rawmqtt-incubator-unhandled"] {
        for p in files_under(&dir.join(case)) {
            if file_kind(&p).is_some() {
                let rel = p.strip_prefix(&dir).unwrap().to_string_lossy().replace('\\', "/");
                sources.push(SourceFile::new(rel, std::fs::read_to_string(&p).unwrap()));
            }
        }
    }
    assert!(sources.iter().any(|s| file_kind(&s.path) == Some(aics_core::FileKind::Json)), "the cases hold models");
    let options = AnalysisOptions::default();
    let shown = |a: &aics_core::Analysis| (format!("{:?}", a.diagnostics), format!("{:?}", a.coverage), a.c_files, a.model_files, a.programs);
    let plain = analyze(&sources, &options);
    assert!(plain.diagnostics.iter().any(|d| d.code == "AICS009"), "{:?}", plain.diagnostics);
    let prepared = aics_core::analyze_prepared(&sources, sources.iter().map(aics_core::prepare).collect(), &options);
    assert_eq!(shown(&prepared), shown(&plain));
    let short = aics_core::analyze_prepared(&sources, sources[1..].iter().map(aics_core::prepare).collect(), &options);
    assert_eq!(shown(&short), shown(&plain));
    // `check`'s: the same analysis, what it built left to the OS.
    let exiting = aics_core::analyze_prepared_then_exit(&sources, sources.iter().map(aics_core::prepare).collect(), &options);
    assert_eq!(shown(&exiting), shown(&plain));
}

/// `check` (a one-shot analysis) resolves only the format calls that may write a DPS
/// registration body's words (`words::WordGate`); the language server's analysis resolves
/// them all. On every fixture program, the raw-MQTT ones among them, both give the same
/// findings, and the gate did leave calls unresolved.
#[test]
fn format_calls_left_unresolved_change_no_finding() {
    let mut sources = Vec::new();
    for suite in ["programs", "contents", "telemetry"] {
        let dir = fixtures_root(suite);
        for p in files_under(&dir) {
            if file_kind(&p).is_some() {
                let rel = format!("{suite}/{}", p.strip_prefix(&dir).unwrap().to_string_lossy().replace('\\', "/"));
                sources.push(SourceFile::new(rel, std::fs::read_to_string(&p).unwrap()));
            }
        }
    }
    let options = AnalysisOptions::default();
    let shown = |a: &aics_core::Analysis| (format!("{:?}", a.diagnostics), format!("{:?}", a.coverage), a.programs);
    let gated = analyze(&sources, &options);
    let all = aics_core::analyze_cached(&sources, &options, &aics_core::AnalysisCache::default());
    assert_eq!(all.format_calls_skipped, 0, "the language server's analysis resolves every call");
    assert!(gated.format_calls_skipped > 0, "no format call was left unresolved");
    // Raw-MQTT bodies were judged: resolved (a body missing its payload) and as written.
    assert!(gated.diagnostics.iter().any(|d| d.code == "AICS001" && d.span.path.to_string_lossy().contains("rawmqtt-paho-body-without-payload")), "{:?}", gated.diagnostics);
    assert_eq!(shown(&gated), shown(&all));
}
