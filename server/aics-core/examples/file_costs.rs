//! Per-file cost of the C front-end on a tree: which files take the time, and on which
//! path (token path, a file that matters read from tokens but for the plain heads of its
//! bodies, one tree-sitter parse, or several branch configurations).
//!
//! usage: cargo run --release -p aics-core --example file_costs -- DIR [TOP]
//! Prints the TOP (default 20) most expensive files with bytes, milliseconds, whether the
//! prefilter sent them to the parser, and the number of parses, then totals per path.
//! With HASH=1 in the environment, also one line per file with a fingerprint of its facts
//! (to compare two builds of the front-end file by file).
//!
//! Last, a floor for the parser's share: tree-sitter alone over the text the front-end
//! parses of each file it sends to the parser (cold bodies and declarations blanked, every
//! run of white space collapsed to one byte, one parse per file: no branch
//! configurations, no walk), beside the front-end's time for the same files.

mod common;

use std::path::PathBuf;
use std::time::Instant;

use aics_core::c::facts::{self, Lang};
use aics_core::c::light;

/// (milliseconds, bytes, sent to the parser, parses, path)
type Row = (f64, usize, bool, usize, String);

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().expect("usage: file_costs DIR [TOP]"));
    let top: usize = args.next().and_then(|t| t.parse().ok()).unwrap_or(20);
    let paths = common::files(&dir, |p| aics_core::file_kind(p) == Some(aics_core::FileKind::C));
    let mut rows: Vec<Row> = Vec::new();
    // (parser alone, front-end) in milliseconds over the files sent to the parser.
    let mut floor = (0.0, 0.0);
    let mut parsers = (tree_sitter::Parser::new(), tree_sitter::Parser::new());
    parsers.0.set_language(&tree_sitter_c::LANGUAGE.into()).expect("tree-sitter-c");
    parsers.1.set_language(&tree_sitter_cpp::LANGUAGE.into()).expect("tree-sitter-cpp");
    for p in &paths {
        let text = String::from_utf8_lossy(&std::fs::read(p).unwrap_or_default()).into_owned();
        let matters = light::may_matter(&text);
        let t = Instant::now();
        let f = aics_core::c::extract_file(p, &text);
        let ms = t.elapsed().as_secs_f64() * 1e3;
        let rel = p.strip_prefix(&dir).unwrap_or(p).display().to_string();
        if std::env::var_os("HASH").is_some() {
            // The facts' fingerprint, to compare two builds of the front-end file by file.
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            format!("{f:?}").hash(&mut h);
            println!("HASH {:016x} {rel}", h.finish());
        }
        if f.variants_parsed > 0 {
            let lang = Lang::of(p, &text);
            let parsed = collapsed(&facts::parsed_text(&text, lang));
            let parser = if lang == Lang::Cpp { &mut parsers.1 } else { &mut parsers.0 };
            let t = Instant::now();
            std::hint::black_box(parser.parse(&parsed, None));
            floor.0 += t.elapsed().as_secs_f64() * 1e3;
            floor.1 += ms;
        }
        rows.push((ms, text.len(), matters, f.variants_parsed, rel));
    }
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (ms, bytes, matters, parses, path) in rows.iter().take(top) {
        println!("{ms:8.2} ms {bytes:8} B matters={matters:<5} parses={parses} {path}");
    }
    let sum = |f: &dyn Fn(&Row) -> bool| {
        let r: Vec<_> = rows.iter().filter(|r| f(r)).collect();
        (r.len(), r.iter().map(|r| r.1).sum::<usize>() as f64 / 1e6, r.iter().map(|r| r.0).sum::<f64>())
    };
    for (label, f) in [
        ("token path", &(|r: &Row| r.3 == 0 && !r.2) as &dyn Fn(&Row) -> bool),
        ("heads only", &|r: &Row| r.3 == 0 && r.2),
        ("one parse", &|r: &Row| r.3 == 1),
        ("several parses", &|r: &Row| r.3 > 1),
        ("all", &|_: &Row| true),
    ] {
        let (n, mb, ms) = sum(f);
        println!("{label:>15}: {n:5} files {mb:7.2} MB {ms:9.1} ms");
    }
    println!("parser alone over what is parsed (collapsed, one parse a file): {:.1} ms of the front-end's {:.1} ms for those files", floor.0, floor.1);
}

/// `text` with every run of white space collapsed to its first byte (a newline where the
/// run holds one: a directive ends at its line's end), but after a backslash (a line
/// continuation stays one).
fn collapsed(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run: Option<char> = None;
    for c in text.chars() {
        if c.is_ascii_whitespace() && !out.ends_with('\\') {
            run = Some(if c == '\n' || run == Some('\n') { '\n' } else { ' ' });
            continue;
        }
        if let Some(r) = run.take() {
            out.push(r);
        }
        out.push(c);
    }
    out.extend(run);
    out
}
