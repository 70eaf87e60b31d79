//! What several test files share.

use std::path::{Path, PathBuf};

use aics_core::{file_kind, SourceFile};

/// Every C, header and model file under `root`, as a face hands them over from a
/// workspace at `/ws`, sorted by path.
pub fn under(root: &Path) -> Vec<SourceFile> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if file_kind(&p).is_some() {
                let rel: PathBuf = p.strip_prefix(root).unwrap().to_path_buf();
                out.push(SourceFile::new(PathBuf::from("/ws").join(rel), std::fs::read_to_string(&p).unwrap()));
            }
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}
