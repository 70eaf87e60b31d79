//! `check` (a one-shot analysis) reads a C file that takes the token path keeping its
//! assignments to plain variables compactly (`c::extract_file_compact`,
//! `FileFacts::var_assigns`), not among its `assigns`. These tests hold that reading to the
//! whole one, on real code: the facts file by file, the shared index's answers name by
//! name, and the findings of whole analyses.

#[path = "common/facts_records.rs"]
#[allow(dead_code)]
mod facts_records;

#[path = "../examples/common/mod.rs"]
mod sources;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use aics_core::c::facts::{Assign, AssignTarget};
use aics_core::c::values::{FileInput, SymbolIndex};
use aics_core::{analyze, analyze_prepared, file_kind, prepare, prepare_c_facts, AnalysisOptions, FileKind, SourceFile};

fn texts(files: &[PathBuf]) -> Vec<(PathBuf, String)> {
    files.iter().filter_map(|p| Some((p.clone(), String::from_utf8_lossy(&std::fs::read(p).ok()?).into_owned()))).collect()
}

/// The facts both ways, checked file by file: the compact reading is the whole reading
/// with its assignments to plain variables moved, in order, from `assigns` to
/// `var_assigns`. Returns the inputs of the two indexes, and how many files keep them so.
fn read_both(files: &[(PathBuf, String)]) -> (Vec<FileInput>, Vec<FileInput>, usize) {
    let (mut whole, mut compact, mut kept) = (Vec::new(), Vec::new(), 0);
    let is_var = |a: &Assign| matches!(a.target, AssignTarget::Var(_));
    for (p, text) in files {
        let w = aics_core::c::extract_file(p, text);
        let mut c = aics_core::c::extract_file_compact(p, text);
        assert!(w.var_assigns.is_none() && w.raw_topic.is_none() && w.hub_topics.is_none() && w.braced_inits.is_none() && !w.passed_over && w.sdk_calls.is_none());
        assert_eq!(c.raw_topic, Some(text.contains("/messages/events/")), "{}", p.display());
        c.raw_topic = None;
        assert_eq!(c.hub_topics.take(), Some(text.contains("$iothub/")), "{}", p.display());
        // What the one-shot reading notes besides: whether an initialiser is a table, and
        // whether the prefilter passed the file over (a C file without any of its needles).
        let braced = w.inits.iter().any(|i| aics_core::c::facts::may_open_brace(&text[i.value.clone()]));
        assert_eq!(c.braced_inits.take(), Some(braced), "{}", p.display());
        let c_file = aics_core::c::facts::Lang::of(p, text) == aics_core::c::facts::Lang::C;
        // And the calls of SDK functions, looked up while the calls are fresh: those of the
        // whole reading's calls that the tables know, in order, with the API each plays.
        let t = aics_core::c::sdk::tables();
        let looked_up: Vec<(String, String)> = w.calls.iter().flat_map(|call| t.lookup(&call.name).map(move |a| (call.name.to_string(), format!("{a:?}")))).collect();
        let listed: Vec<(String, String)> = c.sdk_calls.take().expect("looked up").iter().map(|&(i, a)| (c.calls[i as usize].name.to_string(), format!("{a:?}"))).collect();
        assert_eq!(listed, looked_up, "{}", p.display());
        let passed_over = std::mem::take(&mut c.passed_over);
        assert_eq!(passed_over, c_file && !aics_core::c::light::may_matter(text), "{}", p.display());
        match &c.var_assigns {
            None => assert_eq!(format!("{w:?}"), format!("{c:?}"), "{}", p.display()),
            Some(vars) => {
                kept += 1;
                assert!(!vars.is_empty() && !c.assigns.iter().any(is_var), "{}", p.display());
                let var: Vec<_> = w.assigns.iter().filter(|a| is_var(a)).collect();
                // (A file the prefilter passed over keeps the names alone; its entries are
                // read again from the text, as the index reads them.)
                assert_eq!(vars.is_names_only(), passed_over, "{}", p.display());
                let read = vars.read(text);
                assert!(!read.is_names_only());
                assert_eq!(format!("{var:?}"), format!("{:?}", read.to_assigns().iter().collect::<Vec<_>>()), "{}", p.display());
                assert_eq!(read.names().collect::<Vec<_>>(), vars.names().collect::<Vec<_>>(), "{}", p.display());
                let names: Vec<&str> = vars.names().collect();
                assert_eq!(names.len(), names.iter().collect::<BTreeSet<_>>().len(), "{}: a name twice", p.display());
                // Everything else as the whole reading has it.
                let mut rest = w.clone();
                rest.assigns.retain(|a| !is_var(a));
                rest.var_assigns = c.var_assigns.clone();
                assert_eq!(format!("{rest:?}"), format!("{c:?}"), "{}", p.display());
            }
        }
        whole.push(FileInput { text: text.as_str().into(), facts: Arc::new(w) });
        compact.push(FileInput { text: text.as_str().into(), facts: Arc::new(c) });
    }
    (whole, compact, kept)
}

/// The shared index of each reading, and an index built file by file of the compact one,
/// answer every name assigned anywhere alike. Returns the names asked.
fn same_answers(whole: &[FileInput], compact: &[FileInput]) -> usize {
    let (a, b) = (SymbolIndex::build_shared(whole), SymbolIndex::build_shared(compact));
    let c = SymbolIndex::build(compact, 0..compact.len());
    let names: BTreeSet<&str> = whole.iter().flat_map(|f| f.facts.assigns.iter()).filter_map(|a| if let AssignTarget::Var(n) = &a.target { Some(n.as_str()) } else { None }).collect();
    for n in &names {
        assert_eq!(a.var_assigns_of(n), b.var_assigns_of(n), "{n}");
        assert_eq!(a.var_assigns_of(n), c.var_assigns_of(n), "{n}");
    }
    // And a name nothing assigns.
    assert!(b.var_assigns_of("no_such_variable_anywhere").is_empty());
    names.len()
}

/// A whole analysis of the C files and models under `root` with the compact reading and
/// with the whole one: the same findings and coverage.
fn same_findings(root: &Path) -> usize {
    let sources: Vec<SourceFile> = sources::sources(root);
    let options = AnalysisOptions::default();
    let compact = analyze(&sources, &options);
    let whole: Vec<_> = sources
        .iter()
        .map(|s| match file_kind(&s.path) {
            Some(FileKind::C) => prepare_c_facts(s, aics_core::c::extract_file(&s.path, &s.text)),
            _ => prepare(s),
        })
        .collect();
    let whole = analyze_prepared(&sources, whole, &options);
    let shown = |a: &aics_core::Analysis| (format!("{:#?}", a.diagnostics), format!("{:?}", a.coverage), a.programs);
    assert_eq!(shown(&compact), shown(&whole));
    compact.diagnostics.len()
}

#[test]
fn a_compact_reading_keeps_each_assignment_to_a_variable() {
    // Assignments to a local and to a global, a compound one, one to an element, a field,
    // initialisers, and an `=` with no value the reading takes.
    let text = "static const char *topic;\nint counter = 0;\nstruct s { int f; };\n\
                void set(struct s *p, const char *t)\n{\n    char buf[8];\n    int n = 1;\n    topic = t;\n    counter += n;\n    buf[0] = 'x';\n    p->f = n;\n}\n\
                void again(void)\n{\n    topic = \"devices/x/messages/events/\";\n    counter = ;\n}\n";
    let path = Path::new("lib/set.c");
    let c = aics_core::c::extract_file_compact(path, text);
    let kept = c.var_assigns.as_ref().expect("read from tokens, compactly");
    // Nothing here the prefilter looks for: the names alone are kept, the entries read
    // from the text when asked for.
    assert!(c.passed_over && kept.is_names_only());
    assert_eq!(kept.names().collect::<Vec<_>>(), ["topic", "counter", "buf"]);
    let vars = kept.read(text);
    assert_eq!(vars.names().collect::<Vec<_>>(), ["topic", "counter", "buf"]);
    let shown: Vec<(&str, &str)> = vars.iter().map(|(n, v, _)| (n, &text[v])).collect();
    assert_eq!(shown, [("topic", "t"), ("counter", "n"), ("buf", "'x'"), ("topic", "\"devices/x/messages/events/\"")]);
    assert_eq!(vars.values_of("topic").map(|v| &text[v]).collect::<Vec<_>>(), ["t", "\"devices/x/messages/events/\""]);
    assert_eq!(vars.values_of("nothing").count(), 0);
    // The field's assignment stays in `assigns`; the initialisers in `inits`.
    assert_eq!(c.assigns.len(), 1);
    assert!(matches!(&c.assigns[0].target, AssignTarget::Field(f) if f == "f"));
    assert_eq!(c.inits.iter().map(|i| i.name.as_str()).collect::<Vec<_>>(), ["counter", "n"]);
    let files = [(path.to_path_buf(), text.to_string())];
    let (whole, compact, kept) = read_both(&files);
    assert_eq!(kept, 1);
    assert_eq!(same_answers(&whole, &compact), 3);
    let ix = SymbolIndex::build_shared(&compact);
    assert_eq!(ix.var_assigns_of("topic").len(), 2);
    assert_eq!(ix.var_assigns_of("counter").len(), 1, "`counter = ;` is no assignment");
    // Assignments inside assignments (each starts before the one read before it) and far
    // into a large file: the same entries, in the same order.
    let nested = format!("{}void nest(int *a)\n{{\n    int i, x, y;\n    x = y = 3;\n    a[i = 1] = 2;\n    y += x = i;\n}}\n", "/* padding */\n".repeat(20_000));
    let (_, compact, kept) = read_both(&[(PathBuf::from("lib/nest.c"), nested.clone())]);
    assert_eq!(kept, 1);
    let vars = compact[0].facts.var_assigns.as_ref().expect("read compactly").read(&nested);
    let shown: Vec<(&str, &str)> = vars.iter().map(|(n, v, _)| (n, &nested[v])).collect();
    assert_eq!(shown, [("x", "y = 3"), ("y", "3"), ("i", "1"), ("a", "2"), ("y", "x = i"), ("x", "i")]);
    // The one-shot reading also says whether the text holds the raw-MQTT telemetry topic
    // (the telemetry reading's first search for it), the whole reading does not look.
    assert_eq!(c.raw_topic, Some(true));
    assert_eq!(aics_core::c::extract_file(path, text).raw_topic, None);
    assert_eq!(aics_core::c::extract_file_compact(path, &text.replace("/messages/events/", "/events/")).raw_topic, Some(false));
    // A file that may matter is parsed, as a whole reading parses it.
    let sdk = "void f(IOTHUB_DEVICE_CLIENT_LL_HANDLE h) { int x; x = 1; IoTHubDeviceClient_LL_SendEventAsync(h, m, NULL, NULL); }\n";
    assert!(aics_core::c::extract_file_compact(path, sdk).var_assigns.is_none());
}

#[test]
fn a_compact_reading_gives_the_whole_readings_facts_answers_and_findings_on_the_real_world_corpus() {
    let files = texts(&facts_records::corpus_files());
    let (whole, compact, kept) = read_both(&files);
    let names = same_answers(&whole, &compact);
    eprintln!("{kept} of {} files keep their assignments to variables compactly; {names} names asked", files.len());
    assert!(kept > 0, "{kept}");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/realworld");
    let found = same_findings(&root);
    assert!(found > 50, "{found}");
}

/// The SDK checkouts of the real-tree benchmark (`AICS_REAL_TREES`), tree by tree.
#[test]
#[ignore = "needs the real trees: AICS_REAL_TREES=DIR cargo test --release -- --ignored"]
fn a_compact_reading_gives_the_whole_readings_facts_answers_and_findings_on_the_real_trees() {
    for tree in facts_records::real_trees() {
        let mut c = Vec::new();
        facts_records::c_files(&tree, &mut c);
        c.sort();
        let files = texts(&c);
        let (whole, compact, kept) = read_both(&files);
        let names = same_answers(&whole, &compact);
        let found = same_findings(&tree);
        eprintln!("{}: {kept} of {} files compact; {names} names asked; {found} findings", tree.display(), files.len());
    }
}
