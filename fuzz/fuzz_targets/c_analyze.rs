//! The C front-end and the rules over it: `aics_core::analyze` on fuzzed source text.
//! The input is split at the first two `\n@@@\n` markers into `main.c`, `config.h` and a
//! DTDL model, so the fuzzer can grow a program whose values cross files and a model the
//! telemetry rules compare against.
#![no_main]

use aics_core::{analyze, AnalysisOptions, SourceFile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.splitn(3, "\n@@@\n");
    let names = ["src/main.c", "src/config.h", "models/device.json"];
    let sources: Vec<SourceFile> =
        names.iter().zip(parts.by_ref()).map(|(n, t)| SourceFile::new(*n, t.to_string())).collect();
    let analysis = analyze(&sources, &AnalysisOptions::default());
    // Every span must lie inside its file's text on a char boundary.
    for d in &analysis.diagnostics {
        let Some(src) = sources.iter().find(|s| s.path.as_path() == d.span.path.as_path()) else { continue };
        assert!(d.span.bytes.end <= src.text.len() && d.span.bytes.start <= d.span.bytes.end, "{d:?}");
        assert!(src.text.is_char_boundary(d.span.bytes.start) && src.text.is_char_boundary(d.span.bytes.end), "{d:?}");
    }
});
