//! A program of 256 files or more reads what it sends and what it handles beside the
//! device reading that says whether it serves a model at all, each with a resolver of its
//! own (see `check_program`); a smaller one reads them after it. Both readings find the
//! same: the example device's code, in a program of a few files and in one of hundreds
//! (headers it includes), gives the same findings and the same coverage.

use std::path::Path;

use aics_core::{analyze, AnalysisOptions, SourceFile};

/// The example device's sources, its `main.c` including `fill.h`, which includes
/// `fillers` headers of a declaration each.
fn example(fillers: usize) -> Vec<SourceFile> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/thermostat-device");
    let mut out = Vec::new();
    for name in ["src/main.c", "src/hub.c", "src/provisioning.c", "src/app.h", "src/board_config.h", "models/thermostat-1.json"] {
        let mut text = std::fs::read_to_string(root.join(name)).unwrap();
        if name == "src/main.c" {
            text.insert_str(0, "#include \"fill.h\"\n");
        }
        out.push(SourceFile::new(root.join(name), text));
    }
    let fill: String = (0..fillers).map(|k| format!("#include \"fill_{k}.h\"\n")).collect();
    out.push(SourceFile::new(root.join("src/fill.h"), fill));
    for k in 0..fillers {
        out.push(SourceFile::new(root.join(format!("src/fill/fill_{k}.h")), format!("int fill_{k}(int x);\n")));
    }
    out
}

#[test]
fn a_large_program_finds_what_a_small_one_does() {
    let shown = |a: &aics_core::Analysis| (format!("{:#?}", a.diagnostics), format!("{:#?}", a.coverage), a.programs);
    let small = analyze(&example(3), &AnalysisOptions::default());
    let large = analyze(&example(300), &AnalysisOptions::default());
    assert_eq!(shown(&large), shown(&small));
    // What it sends (`humidity` never sent: AICS002 at the model and at the Model ID) and
    // what it handles (its writable property acknowledged) are both read.
    let codes: Vec<&str> = large.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes.iter().filter(|c| **c == "AICS002").count(), 2, "{codes:?}");
    let [c] = &large.coverage[..] else { panic!("{:?}", large.coverage) };
    assert_eq!((c.telemetry.declared, c.telemetry.served), (2, 1));
    assert_eq!((c.writable_properties.declared, c.writable_properties.served), (1, 1));
}
