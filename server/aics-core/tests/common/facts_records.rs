//! What the exactness tests of the C front-end share (each compares the facts of a shortcut
//! with those of the extraction without it, over real files): the files of a folder and
//! the facts as sorted, comparable records. Included by path from tests and examples.

use std::path::{Path, PathBuf};

use aics_core::c::facts::FileFacts;

/// Every C or C++ file under `dir` (sources, headers, sketches).
pub fn c_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            c_files(&p, out);
        } else if p.extension().is_some_and(|x| ["c", "h", "cpp", "cc", "cxx", "ino", "hpp"].iter().any(|e| x == *e)) {
            out.push(p);
        }
    }
}

/// The facts a rule can read, one line each, sorted.
pub fn records(f: &FileFacts) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    out.extend(f.functions.iter().map(|x| format!("fn {} {:?} {:?} {:?} {:?}", x.name, x.name_range, x.params, x.body, x.idents)));
    out.extend(f.calls.iter().map(|c| format!("call {} {:?} {:?} {:?}", c.name, c.name_range, c.args, c.range)));
    out.extend(f.assigns.iter().map(|a| format!("assign {:?} {:?} {:?} {:?}", a.target, a.base, a.value, a.range)));
    out.extend(f.inits.iter().map(|i| format!("init {} {:?} {:?}", i.name, i.value, i.range)));
    out.extend(f.file_idents.iter().map(|i| format!("file ident {i}")));
    out.sort();
    out
}

/// The entry-point names, which a C++ file does not call as members (as `check` reads it).
pub fn free_only(name: &str) -> bool {
    aics_core::c::sdk::tables().entry_points.names.iter().any(|e| e == name)
}
