//! The real-world corpus: device programs written by others (official SDK samples, board
//! getting-started projects, Arduino sketches, community samples), copied with their
//! licence and provenance under `tests/realworld/<repository>/<program>/`, plus scripted
//! single-edit mutations of them (`tests/realworld/mutations.toml`).
//!
//! Every program carries `labels.txt`, written by reading the code: for each rule
//! AICS001..AICS011 `report` (a warning or error of that rule must appear somewhere in the
//! program; evidence ending in `[names: a b]` also requires findings naming `a` and `b`),
//! `none` (none may appear) or `open`, with one line of evidence. Information
//! notes ("cannot tell ...") never satisfy `report` and never break `none`; they are counted.
//!
//! The test prints precision and recall per rule and per repository. It fails on any label
//! the analysis violates unless `known-exceptions.txt` lists that (case, rule) with its
//! reason, and it also fails when a listed exception passes, so the list stays exact.
//! `cargo test -p aics-core --test realworld -- --nocapture` prints the tables.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use aics_core::{analyze, file_kind, AnalysisOptions, Severity, SourceFile};

const RULES: [&str; 11] = [
    "AICS001", "AICS002", "AICS003", "AICS004", "AICS005", "AICS006", "AICS007", "AICS008", "AICS009", "AICS010", "AICS011",
];

fn corpus_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/realworld")
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Label {
    Report,
    None,
    Open,
}

#[derive(Clone, Debug)]
struct Program {
    /// `<repository folder>/<program folder>`
    name: String,
    repo: String,
    files: Vec<(String, String)>,
    labels: BTreeMap<&'static str, (Label, String)>,
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

fn parse_labels(where_: &str, text: &str) -> BTreeMap<&'static str, (Label, String)> {
    let mut out = BTreeMap::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let mut words = line.splitn(3, char::is_whitespace);
        let code = words.next().unwrap();
        let label = words.next().unwrap_or_else(|| panic!("{where_}: no label in `{line}`"));
        let evidence = words.next().unwrap_or("").trim().to_string();
        let rule = *RULES.iter().find(|r| **r == code).unwrap_or_else(|| panic!("{where_}: unknown rule `{code}`"));
        let label = match label {
            "report" => Label::Report,
            "none" => Label::None,
            "open" => Label::Open,
            other => panic!("{where_}: label must be report, none or open, not `{other}`"),
        };
        assert!(!evidence.is_empty(), "{where_}: {code} has no evidence");
        assert!(out.insert(rule, (label, evidence)).is_none(), "{where_}: {code} labelled twice");
    }
    out
}

fn load_programs() -> Vec<Program> {
    let root = corpus_root();
    let mut out = Vec::new();
    let mut repos: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("corpus missing under {}: {e}", root.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    repos.sort();
    for repo_dir in repos {
        let repo = repo_dir.file_name().unwrap().to_string_lossy().into_owned();
        let mut programs: Vec<PathBuf> = std::fs::read_dir(&repo_dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
        programs.sort();
        for dir in programs {
            let name = format!("{repo}/{}", dir.file_name().unwrap().to_string_lossy());
            let labels_text = std::fs::read_to_string(dir.join("labels.txt")).unwrap_or_else(|_| panic!("{name}: no labels.txt"));
            let labels = parse_labels(&name, &labels_text);
            for rule in RULES {
                assert!(labels.contains_key(rule), "{name}: labels.txt does not label {rule}");
            }
            let mut files = Vec::new();
            for p in files_under(&dir) {
                if file_kind(&p).is_none() {
                    continue;
                }
                let rel = p.strip_prefix(&dir).unwrap().to_string_lossy().replace('\\', "/");
                files.push((rel, String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned()));
            }
            assert!(!files.is_empty(), "{name}: no source files");
            out.push(Program { name, repo: repo.clone(), files, labels });
        }
    }
    out
}

/// `mutations.toml`: `[[mutation]]` tables with `name`, `program`, `file`, `find`,
/// `replace` (the edit must match exactly once) and `labels`, a table of rule → "report:
/// evidence" / "none: evidence" overriding the base program's labels.
fn load_mutations(programs: &[Program]) -> Vec<Program> {
    let path = corpus_root().join("mutations.toml");
    let text = std::fs::read_to_string(&path).expect("tests/realworld/mutations.toml");
    let doc: toml::Table = text.parse().expect("mutations.toml parses");
    let mut out = Vec::new();
    for m in doc.get("mutation").and_then(|v| v.as_array()).expect("[[mutation]] tables") {
        let get = |k: &str| m.get(k).and_then(|v| v.as_str()).unwrap_or_else(|| panic!("mutation without `{k}`: {m:?}")).to_string();
        let (name, base, file, find, replace) = (get("name"), get("program"), get("file"), get("find"), get("replace"));
        let mut p = programs.iter().find(|p| p.name == base).unwrap_or_else(|| panic!("mutation {name}: no program {base}")).clone();
        let text = &mut p.files.iter_mut().find(|(rel, _)| *rel == file).unwrap_or_else(|| panic!("mutation {name}: no file {file}")).1;
        assert_eq!(text.matches(find.as_str()).count(), 1, "mutation {name}: `find` must match exactly once in {file}");
        *text = text.replacen(find.as_str(), &replace, 1);
        let labels = m.get("labels").and_then(|v| v.as_table()).unwrap_or_else(|| panic!("mutation {name}: no labels"));
        assert!(!labels.is_empty(), "mutation {name}: a mutation says what it changes");
        for (code, v) in labels {
            let line = format!("{code} {}", v.as_str().unwrap().replacen(':', "", 1));
            let parsed = parse_labels(&name, &line);
            p.labels.extend(parsed);
        }
        p.name = format!("mutation:{name}");
        out.push(p);
    }
    out
}

/// `known-exceptions.txt`: `<case> <RULE> <reason>` per line.
fn load_exceptions() -> BTreeMap<(String, String), String> {
    let text = std::fs::read_to_string(corpus_root().join("known-exceptions.txt")).unwrap_or_default();
    let mut out = BTreeMap::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let mut w = line.splitn(3, char::is_whitespace);
        let (case, rule, reason) = (w.next().unwrap(), w.next().expect("rule"), w.next().unwrap_or("").trim());
        assert!(!reason.is_empty(), "known exception `{line}` gives no reason");
        out.insert((case.to_string(), rule.to_string()), reason.to_string());
    }
    out
}

#[derive(Default, Clone, Copy)]
struct Score {
    tp: usize,
    fp: usize,
    fneg: usize,
    tn: usize,
}

impl Score {
    fn add(&mut self, label: Label, reported: bool) {
        match (label, reported) {
            (Label::Report, true) => self.tp += 1,
            (Label::Report, false) => self.fneg += 1,
            (Label::None, true) => self.fp += 1,
            (Label::None, false) => self.tn += 1,
            (Label::Open, _) => {}
        }
    }
    fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 { 1.0 } else { self.tp as f64 / (self.tp + self.fp) as f64 }
    }
    fn recall(&self) -> f64 {
        if self.tp + self.fneg == 0 { 1.0 } else { self.tp as f64 / (self.tp + self.fneg) as f64 }
    }
    fn row(&self, name: &str) -> String {
        format!(
            "{name:<34} {:>4} {:>4} {:>4} {:>4}   {:.3}     {:.3}",
            self.tp,
            self.fneg,
            self.fp,
            self.tn,
            self.precision(),
            self.recall()
        )
    }
}

struct Outcome {
    /// rule → warning-or-error findings (rendered).
    reported: BTreeMap<&'static str, Vec<String>>,
    /// rule → information notes.
    notes: BTreeMap<&'static str, Vec<String>>,
}

fn run(p: &Program) -> Outcome {
    let sources: Vec<SourceFile> = p.files.iter().map(|(rel, text)| SourceFile::new(rel.clone(), text.clone())).collect();
    let analysis = analyze(&sources, &AnalysisOptions::default());
    let mut reported: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    let mut notes: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    for d in analysis.diagnostics.iter().filter(|d| !d.suppressed) {
        let Some(rule) = RULES.iter().find(|r| **r == d.code) else { continue };
        let text = format!("{}:{} {}", d.span.path.display(), d.span.start.line + 1, d.message);
        if d.severity >= Severity::Warning {
            reported.entry(rule).or_default().push(text);
        } else if d.severity == Severity::Information {
            notes.entry(rule).or_default().push(text);
        }
    }
    Outcome { reported, notes }
}

#[test]
fn realworld_corpus_meets_its_labels() {
    let programs = load_programs();
    let mutations = load_mutations(&programs);
    let exceptions = load_exceptions();
    let repos: BTreeSet<&str> = programs.iter().map(|p| p.repo.as_str()).collect();
    assert!(programs.len() >= 40, "the corpus should hold at least 40 programs, has {}", programs.len());
    assert!(repos.len() >= 8, "the corpus should come from at least 8 repositories, has {}", repos.len());

    let mut by_rule: BTreeMap<&str, Score> = BTreeMap::new();
    let mut by_repo: BTreeMap<String, Score> = BTreeMap::new();
    let mut notes_by_rule: BTreeMap<&str, usize> = BTreeMap::new();
    let mut note_lines = String::new();
    let mut failures = String::new();
    let mut excused = String::new();
    let mut seen_exceptions = BTreeSet::new();

    for p in programs.iter().chain(&mutations) {
        let out = run(p);
        let repo = if p.name.starts_with("mutation:") { "(mutations)".to_string() } else { p.repo.clone() };
        for rule in RULES {
            let (label, evidence) = &p.labels[rule];
            let reported = out.reported.contains_key(rule);
            by_rule.entry(rule).or_default().add(*label, reported);
            by_repo.entry(repo.clone()).or_default().add(*label, reported);
            // `report` labels may pin what the findings name: `[names: a b c]` at the end of
            // the evidence, each of which must appear in one of the rule's messages.
            let missing_names: Vec<&str> = match (label, evidence.rsplit_once("[names:")) {
                (Label::Report, Some((_, rest))) => rest
                    .trim_end_matches(']')
                    .split_whitespace()
                    .filter(|n| !out.reported.get(rule).into_iter().flatten().any(|m| m.contains(&format!("`{n}`"))))
                    .collect(),
                _ => Vec::new(),
            };
            let violated = match label {
                Label::Report => !reported || !missing_names.is_empty(),
                Label::None => reported,
                Label::Open => false,
            };
            let key = (p.name.clone(), rule.to_string());
            if let Some(reason) = exceptions.get(&key) {
                seen_exceptions.insert(key.clone());
                if violated {
                    let _ = writeln!(excused, "  {} {rule}: {reason}", p.name);
                } else {
                    let _ = writeln!(failures, "{} {rule}: listed in known-exceptions.txt but now meets its label: remove the entry", p.name);
                }
                continue;
            }
            if violated {
                let what = match label {
                    Label::Report if reported => format!("reported, but no finding names {missing_names:?}"),
                    Label::Report => "missed (label: report)".to_string(),
                    _ => "false finding (label: none)".to_string(),
                };
                let _ = writeln!(failures, "{} {rule}: {what}; evidence: {evidence}", p.name);
                for f in out.reported.get(rule).into_iter().flatten() {
                    let _ = writeln!(failures, "    reported: {f}");
                }
            }
        }
        if !p.name.starts_with("mutation:") {
            for (rule, list) in &out.notes {
                *notes_by_rule.entry(rule).or_default() += list.len();
                for n in list {
                    let _ = writeln!(note_lines, "  {} {rule} {n}", p.name);
                }
            }
        }
    }
    for key in exceptions.keys() {
        if !seen_exceptions.contains(key) {
            let _ = writeln!(failures, "{} {}: known exception names no labelled case", key.0, key.1);
        }
    }

    let header = format!("{:<34} {:>4} {:>4} {:>4} {:>4}   precision recall", "", "TP", "FN", "FP", "TN");
    println!("real-world corpus: {} programs from {} repositories, {} mutations", programs.len(), repos.len(), mutations.len());
    println!("{header}");
    let mut total = Score::default();
    for (rule, s) in &by_rule {
        println!("{}", s.row(rule));
        total.tp += s.tp;
        total.fp += s.fp;
        total.fneg += s.fneg;
        total.tn += s.tn;
    }
    println!("{}", total.row("all rules"));
    println!("{header}");
    for (repo, s) in &by_repo {
        println!("{}", s.row(repo));
    }
    let total_notes: usize = notes_by_rule.values().sum();
    println!("information notes on the corpus (programs, not mutations): {total_notes} {notes_by_rule:?}");
    print!("{note_lines}");
    if !excused.is_empty() {
        println!("known exceptions (still failing, with reasons):\n{excused}");
    }
    assert!(failures.is_empty(), "real-world labels violated:\n{failures}");
}

/// Every program folder says where it comes from and carries a permissive licence.
#[test]
fn realworld_corpus_has_provenance_and_licences() {
    let root = corpus_root();
    let mut bytes = 0u64;
    for p in files_under(&root) {
        bytes += std::fs::metadata(&p).unwrap().len();
    }
    assert!(bytes < 5_000_000, "the corpus should stay small, it has {bytes} bytes");
    // A repository's MIT licence does not cover a file that says otherwise in its header
    // (older Azure RTOS files carry the proprietary Azure RTOS licence terms).
    for p in files_under(&root) {
        if p.file_name().is_some_and(|n| n == "LICENSE") {
            continue;
        }
        let text = String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned();
        for marker in ["AzureRTOS_EULA", "Microsoft Software License Terms", "GNU General Public License", "SPDX-License-Identifier: GPL"] {
            assert!(!text.contains(marker), "{}: the file's own header names a non-permissive licence ({marker})", p.display());
        }
    }
    for repo in std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()) {
        for dir in std::fs::read_dir(&repo).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()) {
            let prov = std::fs::read_to_string(dir.join("PROVENANCE")).unwrap_or_else(|_| panic!("{}: no PROVENANCE", dir.display()));
            assert!(prov.contains("repository: https://github.com/"), "{}: PROVENANCE names no repository", dir.display());
            let commit = prov.lines().find_map(|l| l.strip_prefix("commit: ")).unwrap_or_else(|| panic!("{}: no commit", dir.display()));
            assert!(commit.len() == 40 && commit.chars().all(|c| c.is_ascii_hexdigit()), "{}: commit not pinned", dir.display());
            let licence = std::fs::read_to_string(dir.join("LICENSE")).unwrap_or_else(|_| panic!("{}: no LICENSE", dir.display()));
            let permissive = licence.contains("MIT License") || licence.contains("Apache License") || licence.contains("BSD");
            assert!(permissive && !licence.contains("GNU GENERAL PUBLIC"), "{}: licence is not MIT/BSD/Apache-2.0", dir.display());
            if dir.join("models").is_dir() {
                assert!(dir.join("models/LICENSE").is_file(), "{}: models without their licence", dir.display());
            }
        }
    }
}
