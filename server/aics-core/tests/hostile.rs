//! Hostile input to the analysis core: each case finishes in bounded time and memory and
//! never panics or overflows the stack. Inputs are generated here at run time, never
//! committed. Bounds are generous (debug builds, a busy machine): they catch blow-ups
//! (exponential work, unbounded recursion), not slowness.

use std::time::{Duration, Instant};

use aics_core::{analyze, AnalysisOptions, SourceFile};

fn timed<T>(what: &str, limit: Duration, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = f();
    let took = t.elapsed();
    assert!(took < limit, "{what}: took {took:?}, more than {limit:?}");
    out
}

/// Runs `f` on a thread with a small stack (256 KiB), so unbounded recursion shows here
/// as a crash of the test rather than passing on the 8 MiB main stack.
fn small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new().stack_size(256 * 1024).spawn(f).unwrap().join().expect("no panic, no overflow")
}

const DPS: &str = "int main(void) {\n    Prov_Device_LL_Register_Device(h, cb, NULL, NULL, NULL);\n    Prov_Device_LL_Set_Provisioning_Payload(h, PAYLOAD);\n    return 0;\n}\n";

#[test]
fn a_large_c_file_is_analysed_in_linear_time() {
    // 8 MB of functions (the CLI stops at --max-file-size, 10 MiB by default).
    let mut text = String::with_capacity(9 << 20);
    let mut i = 0;
    while text.len() < 8 << 20 {
        text.push_str(&format!("static int f{i}(int a) {{ int b = a * {i}; if (b > 3) {{ b = g{i}(b); }} return b; }}\n"));
        i += 1;
    }
    text.push_str(&DPS.replace("PAYLOAD", "\"{\\\"modelId\\\":\\\"dtmi:com:x;1\\\"}\""));
    let a = timed("8 MB C file", Duration::from_secs(120), || analyze(&[SourceFile::new("big.c", text)], &AnalysisOptions::default()));
    assert_eq!(a.c_files, 1);
}

#[test]
fn macros_that_double_at_every_level_stay_bounded() {
    // Each macro is its predecessor written four times: a naive expansion of A30 is 4^30
    // pieces. The resolver's depth and work bounds turn it into an unknown value.
    let mut text = String::from("#define A0 \"{\\\"modelId\\\":\\\"dtmi:com:x;1\\\"}\"\n");
    for n in 1..=30 {
        let p = n - 1;
        text.push_str(&format!("#define A{n} A{p} A{p} A{p} A{p}\n"));
    }
    text.push_str(&DPS.replace("PAYLOAD", "A30"));
    let a = small_stack(move || {
        timed("macro bomb", Duration::from_secs(30), || analyze(&[SourceFile::new("main.c", text)], &AnalysisOptions::default()))
    });
    assert!(a.diagnostics.iter().all(|d| d.code != "AICS001" || d.severity == aics_core::Severity::Information), "{:#?}", a.diagnostics);
}

#[test]
fn parameters_passed_down_a_wide_call_tree_stay_bounded() {
    // send(x) is called from 50 places in each of 20 layers, each passing its own
    // parameter on: every path from the top is 50^20 call chains.
    let mut text = String::from("void l0(const char* p) { Prov_Device_LL_Set_Provisioning_Payload(h, p); }\n");
    for n in 1..=20 {
        let p = n - 1;
        text.push_str(&format!("void l{n}(const char* p) {{\n"));
        for _ in 0..50 {
            text.push_str(&format!("    l{p}(p);\n"));
        }
        text.push_str("}\n");
    }
    text.push_str("int main(void) { Prov_Device_LL_Register_Device(h, cb, NULL, NULL, NULL); l20(\"{}\"); return 0; }\n");
    small_stack(move || timed("call fan-out", Duration::from_secs(30), || analyze(&[SourceFile::new("main.c", text)], &AnalysisOptions::default())));
}

#[test]
fn self_and_mutually_referential_macros_end() {
    let text = "#define A B\n#define B A\n#define C C C\n#define PAYLOAD A C\n".to_string() + DPS;
    small_stack(move || timed("macro cycle", Duration::from_secs(10), || analyze(&[SourceFile::new("main.c", text)], &AnalysisOptions::default())));
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    // 100,000 nested parentheses and braces: parsers and walkers must not recurse on it.
    let depth = 100_000;
    let expr = format!("{}x{}", "(".repeat(depth), ")".repeat(depth));
    let blocks = format!("{}{}", "{".repeat(depth), "}".repeat(depth));
    let text = format!("int main(void) {{ int y = {expr}; {blocks}\n Prov_Device_LL_Set_Provisioning_Payload(h, {expr}); return 0; }}\n");
    small_stack(move || timed("deep nesting", Duration::from_secs(60), || analyze(&[SourceFile::new("main.c", text)], &AnalysisOptions::default())));
}

#[test]
fn a_ten_thousand_character_dtmi_is_read_in_bounded_time() {
    let id = format!("dtmi:com:{};1", "a".repeat(10_000));
    let text = DPS.replace("PAYLOAD", &format!("\"{{\\\"modelId\\\":\\\"{id}\\\"}}\""));
    // Valid or not by the DTMI grammar of the version, it is read once, without blow-up.
    small_stack(move || timed("long DTMI", Duration::from_secs(10), || analyze(&[SourceFile::new("main.c", text)], &AnalysisOptions::default())));
}

#[test]
fn replacement_characters_and_control_bytes_are_just_text() {
    // What the faces make of invalid UTF-8 (U+FFFD), NULs and lone surrogates' bytes.
    let text = format!("\u{FFFD}\u{0}\u{1}#define \u{FFFD} \"\u{FFFD}\"\n{}\u{FFFD}(\u{FFFD});\n", DPS.replace("PAYLOAD", "\"\u{FFFD}\""));
    small_stack(move || analyze(&[SourceFile::new("main.c", text)], &AnalysisOptions::default()));
}

/// Inputs the fuzzer (`fuzz/`, target `c_analyze`) found, under
/// `tests/fuzz-regressions/c_analyze/`, analysed as the target does: the input split at
/// `\n@@@\n` into `main.c`, `config.h` and a model.
#[test]
fn fuzz_regressions_finish_quickly() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fuzz-regressions/c_analyze");
    let mut n = 0;
    for e in std::fs::read_dir(&dir).unwrap().flatten() {
        let bytes = std::fs::read(e.path()).unwrap();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let names = ["src/main.c", "src/config.h", "models/device.json"];
        let sources: Vec<SourceFile> = names.iter().zip(text.splitn(3, "\n@@@\n")).map(|(n, t)| SourceFile::new(*n, t.to_string())).collect();
        let name = e.path().display().to_string();
        small_stack(move || timed(&name, Duration::from_secs(10), || analyze(&sources, &AnalysisOptions::default())));
        n += 1;
    }
    assert!(n >= 1);
}

/// C++ sources go through tree-sitter-cpp: the same bounds hold for its shapes (deeply
/// nested namespaces, lambdas and templates, an unterminated raw string, long `::` chains),
/// in every C++ file name the analysis accepts, and the fuzz regressions read as C++.
#[test]
fn cpp_sources_finish_quickly_and_never_fail() {
    let depth = 20_000;
    let namespaces = format!("{}{}", "namespace n { ".repeat(depth), "}".repeat(depth));
    let lambdas = format!("auto f = {}0{};", "[&]() { return ".repeat(depth), "; }()".repeat(depth));
    let templates = format!("A{}int{} x;", "<A".repeat(depth), ">".repeat(depth));
    let scopes = format!("{}f(1);", "a::".repeat(depth));
    let raw = "const char* t = R\"xyz(never closed\n".repeat(1000);
    let text = format!("{namespaces}\nvoid Hub::send(const std::string& s) {{ {lambdas} {templates} {scopes} }}\n{}\n{raw}", DPS);
    for name in ["main.cpp", "main.cc", "sketch.ino", "client.hpp", "client.hh", "client.cxx"] {
        let t = text.clone();
        small_stack(move || timed(name, Duration::from_secs(60), || analyze(&[SourceFile::new(name, t)], &AnalysisOptions::default())));
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fuzz-regressions/c_analyze");
    for e in std::fs::read_dir(&dir).unwrap().flatten() {
        let text = String::from_utf8_lossy(&std::fs::read(e.path()).unwrap()).into_owned();
        let names = ["src/main.cpp", "src/config.hpp", "models/device.json"];
        let sources: Vec<SourceFile> = names.iter().zip(text.splitn(3, "\n@@@\n")).map(|(n, t)| SourceFile::new(*n, t.to_string())).collect();
        let name = e.path().display().to_string();
        small_stack(move || timed(&name, Duration::from_secs(10), || analyze(&sources, &AnalysisOptions::default())));
    }
}
