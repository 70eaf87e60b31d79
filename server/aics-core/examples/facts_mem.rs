mod common;
use std::path::PathBuf;
fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap());
    let paths = common::files(&dir, |p| aics_core::file_kind(p) == Some(aics_core::FileKind::C));
    let (mut strs, mut strbytes, mut funcs, mut idents, mut identbytes, mut calls, mut args, mut assigns, mut inits, mut fidents, mut defines, mut text) = (0usize,0usize,0usize,0usize,0usize,0usize,0usize,0usize,0usize,0usize,0usize,0usize);
    for p in &paths {
        let t = String::from_utf8_lossy(&std::fs::read(p).unwrap_or_default()).into_owned();
        text += t.len();
        let f = aics_core::c::extract_file(p, &t);
        strs += f.strings.len(); strbytes += f.strings.iter().map(|s| s.value.len()).sum::<usize>();
        funcs += f.functions.len(); idents += f.functions.iter().map(|x| x.idents.len()).sum::<usize>();
        identbytes += f.functions.iter().flat_map(|x| x.idents.iter()).map(|s| s.len()).sum::<usize>();
        calls += f.calls.len(); args += f.calls.iter().map(|c| c.args.len()).sum::<usize>();
        assigns += f.assigns.len(); inits += f.inits.len(); fidents += f.file_idents.len(); defines += f.defines.len();
    }
    println!("text {text} strs {strs} ({strbytes} B) funcs {funcs} idents {idents} ({identbytes} B) calls {calls} args {args} assigns {assigns} inits {inits} file_idents {fidents} defines {defines}");
}
