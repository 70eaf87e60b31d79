//! `check` hands the analysis the texts of the C files the prefilter passed over as texts
//! it reads again from disk when asked (`Prepared::text_read_rarely`; aics-lint's
//! `reread`), which is worth it while the analysis seldom asks for them. These tests count
//! which of those texts a whole analysis asks for, on real code, and hold its findings to
//! those of an analysis of the plain texts.

#[path = "common/facts_records.rs"]
#[allow(dead_code)]
mod facts_records;

#[path = "../examples/common/mod.rs"]
mod sources;

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use aics_core::{analyze_prepared, prepare, AnalysisOptions, SourceFile, Text};

/// A text that notes whether it was asked for.
struct Noted {
    text: String,
    asked: AtomicBool,
}

impl AsRef<str> for Noted {
    fn as_ref(&self) -> &str {
        self.asked.store(true, Ordering::Relaxed);
        &self.text
    }
}

/// The analysis of the files under `root` with the passed-over files' texts noting whether
/// they are asked for, against the analysis of the plain texts: the same findings. Returns
/// (files passed over, of them asked for).
fn asked(root: &Path) -> (usize, usize) {
    let sources: Vec<SourceFile> = sources::sources(root);
    let options = AnalysisOptions::default();
    let plain = analyze_prepared(&sources, sources.iter().map(prepare).collect(), &options);
    let mut noted: Vec<Arc<Noted>> = Vec::new();
    let mut handed = Vec::new();
    let mut prepared = Vec::new();
    for s in &sources {
        let p = prepare(s);
        let mut s = s.clone();
        if p.text_read_rarely() {
            let n = Arc::new(Noted { text: s.text.to_string(), asked: AtomicBool::new(false) });
            s.text = Text::lent(n.clone());
            noted.push(n);
        }
        handed.push(s);
        prepared.push(p);
    }
    let analysis = analyze_prepared(&handed, prepared, &options);
    let shown = |a: &aics_core::Analysis| (format!("{:#?}", a.diagnostics), format!("{:?}", a.coverage), a.programs);
    assert_eq!(shown(&analysis), shown(&plain), "{}", root.display());
    let asked = noted.iter().filter(|n| n.asked.load(Ordering::Relaxed)).count();
    println!("{}: {} files, {} passed over, {asked} of them asked for", root.display(), sources.len(), noted.len());
    (noted.len(), asked)
}

/// A device program of many modules, as a firmware links them: a fixture's device (SDK
/// calls, a model, telemetry through helpers) whose `main` also starts `modules` modules
/// that name nothing of the SDK, each with its state, initialisers, assignments, a helper
/// with parameters and a call to the next one. Every module is part of the program the
/// rules read; none is the device's business.
fn firmware(dir: &Path, modules: usize) {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/telemetry/embedded-envsensor-helpers-correct");
    copy(&fixture, dir);
    let main = dir.join("main.c");
    let text = std::fs::read_to_string(&main).unwrap();
    let head = "int main(int argc, char* argv[])\n{\n";
    assert!(text.contains(head), "the fixture's main changed: {}", main.display());
    let text = format!("void modules_start(void);\n{}", text.replacen(head, &format!("{head}  modules_start();\n"), 1));
    std::fs::write(&main, text).unwrap();
    let mut header = String::from("#ifndef MODULES_H\n#define MODULES_H\nvoid modules_start(void);\n");
    let mut start = String::from("#include \"modules.h\"\n\nvoid modules_start(void)\n{\n");
    for k in 0..modules {
        header.push_str(&format!("void module_{k}_step(void);\n"));
        start.push_str(&format!("    module_{k}_step();\n"));
        let next = if k + 1 < modules { format!("    module_{}_step();\n", k + 1) } else { String::new() };
        let module = format!(
            "#include <stdint.h>\n#include \"modules.h\"\n\nstatic int counter_{k} = 0;\nint limit_{k} = {limit};\nconst char *name_{k} = \"module {k}\";\n\n\
             static int scale_{k}(int value, int factor)\n{{\n    int product = value * factor;\n    counter_{k} += product;\n    return product;\n}}\n\n\
             void module_{k}_step(void)\n{{\n    int local = scale_{k}(limit_{k}, 2);\n    counter_{k} = local + 1;\n    if (counter_{k} > limit_{k})\n    {{\n        counter_{k} = 0;\n    }}\n{next}}}\n",
            limit = 3 * k + 1
        );
        std::fs::write(dir.join(format!("module_{k}.c")), module).unwrap();
    }
    header.push_str("#endif\n");
    start.push_str("}\n");
    std::fs::write(dir.join("modules.h"), header).unwrap();
    std::fs::write(dir.join("modules_start.c"), start).unwrap();
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

#[test]
fn the_analysis_asks_for_none_of_the_texts_of_the_modules_of_a_firmware_that_name_nothing_of_the_sdk() {
    let dir = tempfile::tempdir().unwrap();
    firmware(dir.path(), 200);
    let (passed_over, asked) = asked(dir.path());
    assert!(passed_over > 200, "{passed_over}");
    assert_eq!(asked, 0, "{asked} of {passed_over}");
}

#[test]
fn the_analysis_asks_for_few_of_the_texts_of_the_files_the_prefilter_passed_over_on_the_real_world_corpus() {
    // (Most of the corpus's files passed over are the helpers of small samples, which the
    // rules read through: about half were asked for when this was written, 98 of 108
    // before the readings that asked for every text were changed; the real trees hold it
    // to a twentieth.)
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/realworld");
    let (passed_over, asked) = asked(&root);
    assert!(passed_over >= 100, "{passed_over}");
    assert!(asked * 3 <= passed_over * 2, "{asked} of {passed_over}");
}

#[test]
#[ignore = "needs the real trees: AICS_REAL_TREES=DIR cargo test --release -- --ignored"]
fn the_analysis_asks_for_few_of_the_texts_of_the_files_the_prefilter_passed_over_on_the_real_trees() {
    let trees = facts_records::real_trees();
    let (mut passed_over, mut asked_for) = (0, 0);
    for tree in &trees {
        let (p, a) = asked(tree);
        passed_over += p;
        asked_for += a;
    }
    assert!(asked_for * 20 <= passed_over, "{asked_for} of {passed_over}");
}
