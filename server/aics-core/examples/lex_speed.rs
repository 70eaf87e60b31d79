//! Lexing speed over a tree: every C file lexed as the token path lexes it, best of RUNS.
//! usage: cargo run --release -p aics-core --example lex_speed -- DIR [RUNS]
//! With HASH=1, a fingerprint of all the tokens (to compare two builds of the lexer).
mod common;
use std::path::PathBuf;
use std::time::Instant;
fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().expect("usage: lex_speed DIR [RUNS]"));
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let paths = common::files(&dir, |p| aics_core::file_kind(p) == Some(aics_core::FileKind::C));
    let texts: Vec<String> = paths.iter().map(|p| String::from_utf8_lossy(&std::fs::read(p).unwrap_or_default()).into_owned()).collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut out = Vec::new();
    let (mut skim, mut plain, mut n) = (f64::MAX, f64::MAX, 0);
    for _ in 0..runs {
        let t = Instant::now();
        n = 0;
        for s in &texts {
            aics_core::c::lexer::lex_skimming_numbers_into(s, 0, &mut out);
            n += out.len();
        }
        skim = skim.min(t.elapsed().as_secs_f64());
        let t = Instant::now();
        for s in &texts {
            std::hint::black_box(aics_core::c::lexer::lex(s, 0));
        }
        plain = plain.min(t.elapsed().as_secs_f64());
    }
    println!("{} files, {:.1} MB, {} tokens skimming: skimming {:.1} ms ({:.0} MB/s), plain {:.1} ms", texts.len(), bytes as f64 / 1e6, n, skim * 1e3, bytes as f64 / 1e6 / skim, plain * 1e3);
    if std::env::var_os("HASH").is_some() {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        for s in &texts {
            format!("{:?}", aics_core::c::lexer::lex_skimming_numbers(s, 0)).hash(&mut h);
            format!("{:?}", aics_core::c::lexer::lex_with_comments(s, 0)).hash(&mut h);
        }
        println!("HASH {:016x}", h.finish());
    }
}
