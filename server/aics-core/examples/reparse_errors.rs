//! Measurement behind the re-parse rule of `c::facts::with_kept_trees` for trees with
//! errors: over every C file with a parse error under DIR..., 30 random edits each (a
//! character deleted, or a quote, brace, parenthesis, comment or `#if` opener, word or
//! statement inserted) at random places in error-free top-level items away from the
//! erroneous ones; each edit is re-parsed from the last tree and parsed afresh, and the
//! trees (kinds and byte ranges of every node) compared where the rule takes the re-parse
//! (its erroneous top-level items are the old ones, moved, and the edit touched none).
//! Prints the files, the re-parses taken, how many of those differed, and those rejected.
//!
//! usage: cargo run --release -p aics-core --example reparse_errors -- DIR...
use std::path::{Path, PathBuf};
use tree_sitter::{Parser, Tree};
fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() { files(&p, out); } else if p.extension().is_some_and(|x| matches!(x.to_str(), Some("c" | "h"))) { out.push(p); }
    }
}
fn dump(t: &Tree) -> String {
    let mut out = String::new();
    let mut c = t.walk();
    'w: loop {
        let n = c.node();
        out.push_str(&format!("{}:{}-{} ", n.kind(), n.start_byte(), n.end_byte()));
        if c.goto_first_child() { continue; }
        while !c.goto_next_sibling() { if !c.goto_parent() { break 'w; } }
    }
    out
}
fn items(t: &Tree) -> Vec<(usize, usize, bool)> {
    let r = t.root_node();
    let mut c = r.walk();
    r.children(&mut c).map(|n| (n.start_byte(), n.end_byte(), n.has_error())).collect()
}
fn main() {
    let mut fs = Vec::new();
    for d in std::env::args().skip(1) { files(Path::new(&d), &mut fs); }
    let mut p = Parser::new();
    p.set_language(&tree_sitter_c::LANGUAGE.into()).unwrap();
    let mut rng = fastrand::Rng::with_seed(12345);
    let mut rnd = move |n: usize| rng.usize(..n);
    let pieces = ["x", "\"", "(", ")", "{", "}", ";", " ", "\n", "foo(", "a, b", "/*", "*/", "#if A\n", "#endif\n", "1", "->", "int y = 2;\n", "é"];
    let (mut accepted, mut diffs, mut rejected, mut nfiles) = (0, 0, 0, 0);
    for f in fs {
        let Ok(mut cur) = std::fs::read_to_string(&f) else { continue };
        if cur.len() > 200_000 { continue; }
        let mut tree = p.parse(&cur, None).unwrap();
        if !tree.root_node().has_error() { continue; }
        nfiles += 1;
        for _ in 0..30 {
            let its = items(&tree);
            // pick a random position in an error-free item not adjacent to an erroneous one
            let ok: Vec<usize> = (0..its.len()).filter(|&i| !(its[i].2 || its.get(i + 1).is_some_and(|x| x.2) || i > 0 && its[i - 1].2)).collect();
            if ok.is_empty() { break; }
            let (s, e, _) = its[ok[rnd(ok.len())]];
            let mut at = s + rnd(e - s + 1);
            while !cur.is_char_boundary(at) { at -= 1; }
            let old = cur.clone();
            if rnd(3) == 0 && at < cur.len() {
                let mut end = at + 1; while !cur.is_char_boundary(end) { end += 1; }
                cur.replace_range(at..end, "");
            } else {
                cur.insert_str(at, pieces[rnd(pieces.len())]);
            }
            let edit = aics_core::c::facts::text_edit(&old, &cur);
            let mut t2 = tree.clone();
            t2.edit(&edit);
            let inc = p.parse(&cur, Some(&t2)).unwrap();
            let fresh = p.parse(&cur, None).unwrap();
            // rule: new erroneous items == old erroneous items shifted, none touching the edit
            let delta = edit.new_end_byte as isize - edit.old_end_byte as isize;
            let old_err: Vec<(usize, usize)> = its.iter().filter(|x| x.2).map(|x| if x.0 >= edit.old_end_byte { ((x.0 as isize + delta) as usize, (x.1 as isize + delta) as usize) } else { (x.0, x.1) }).collect();
            let new_err: Vec<(usize, usize)> = items(&inc).iter().filter(|x| x.2).map(|x| (x.0, x.1)).collect();
            let touch = its.iter().any(|x| x.2 && x.0 <= edit.old_end_byte && edit.start_byte <= x.1);
            let rule = old_err == new_err && !touch;
            let same = dump(&inc) == dump(&fresh);
            if rule { accepted += 1; if !same { diffs += 1; println!("DIFF {} at {at}", f.display()); } } else { rejected += 1; }
            tree = fresh;
        }
    }
    println!("files {nfiles} accepted {accepted} diffs {diffs} rejected {rejected}");
}
