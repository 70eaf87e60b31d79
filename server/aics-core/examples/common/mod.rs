//! What the examples share: the files of a folder, as the faces would hand them over.

use std::path::{Path, PathBuf};

use aics_core::{file_kind, SourceFile};

/// The files under `dir` (all levels) that `keep` accepts, sorted.
pub fn files(dir: &Path, keep: impl Fn(&Path) -> bool) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if keep(&p) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The files under `dir` the analysis reads (C files and models), read as sources (a
/// file that is not UTF-8 with its invalid bytes replaced).
#[allow(dead_code)] // examples of the front-end alone read their C files themselves
pub fn sources(dir: &Path) -> Vec<SourceFile> {
    files(dir, |p| file_kind(p).is_some())
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            SourceFile::new(p, String::from_utf8_lossy(&bytes).into_owned())
        })
        .collect()
}
