//! The C front-end finds its facts with a hand-written walk over the tree; the patterns of
//! `grammars/c/facts.scm` are the specification. Over every fixture C file (and a few
//! shapes written here), the walk must yield exactly what running the query yields, in
//! the same order.

use std::path::{Path, PathBuf};

use aics_core::c::facts::{extract, extract_with_query, FileFacts};

fn c_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            c_files(&p, out);
        } else if p.extension().is_some_and(|x| matches!(x.to_str(), Some("c" | "h"))) {
            out.push(p);
        }
    }
}

fn summary(f: &FileFacts) -> String {
    format!("{:#?}\n{:#?}\n{:#?}\n{:#?}\n{:?}\n{}", f.functions, f.calls, f.assigns, f.inits, f.file_idents, f.variants_parsed)
}

fn same(what: &str, text: &str) {
    let walk = summary(&extract(text));
    let query = summary(&extract_with_query(text));
    if walk != query {
        let first = walk.lines().zip(query.lines()).position(|(a, b)| a != b).unwrap_or(0);
        panic!(
            "{what}: the walk and the query differ from line {first}:\nwalk:  {:?}\nquery: {:?}",
            walk.lines().skip(first).take(8).collect::<Vec<_>>(),
            query.lines().skip(first).take(8).collect::<Vec<_>>()
        );
    }
}

#[test]
fn walk_equals_query_on_every_fixture() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut files = Vec::new();
    c_files(&root, &mut files);
    c_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples"), &mut files);
    assert!(files.len() > 100);
    for p in files {
        same(&p.display().to_string(), &std::fs::read_to_string(&p).unwrap());
    }
}

#[test]
fn walk_equals_query_on_odd_shapes() {
    for t in [
        "char **names(void) { return 0; }\nchar *name(int a) { x.y->z = a; return \"n\"; }\n",
        "struct s v = { .a.b = 1, [2].c = \"x\", .d = { .e = f(g(h(1))) } };\n",
        "int main(void) { a = b = c(d = 2); p->q[3].r = s; int x = 1, y = x; if (f(x)) {} }\n",
        "void f(void) { g(1\n#ifdef A\n, 2\n#else\n, 3\n#endif\n); }\n",
        "int f(int a) { if (a) { g(( ; } h(; }\n",
        "MACRO(x) { y(); }\nint main() { return w(1,,2); }\n",
    ] {
        same(t, t);
    }
}
