//! Reading the files to lint, in parallel. Bad input never stops the run: each file is
//! either a `SourceFile` or a note saying why it was skipped or how it was decoded.

use std::path::{Path, PathBuf};

use aics_core::SourceFile;
use rayon::prelude::*;

use crate::note::Note;

/// How far into a file a NUL byte marks it as binary (as git and ripgrep decide).
const BINARY_PROBE: usize = 8 * 1024;

#[derive(Debug, Default)]
pub struct Loaded {
    pub sources: Vec<SourceFile>,
    pub notes: Vec<Note>,
}

pub fn read_all(paths: &[PathBuf], max_size: u64) -> Loaded {
    let results: Vec<(Option<SourceFile>, Option<Note>)> = paths.par_iter().map(|p| read_one(p, max_size)).collect();
    let mut loaded = Loaded::default();
    for (source, note) in results {
        loaded.sources.extend(source);
        loaded.notes.extend(note);
    }
    loaded
}

fn read_one(path: &Path, max_size: u64) -> (Option<SourceFile>, Option<Note>) {
    let skip = |message: String| (None, Some(Note::new(path, message)));
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return skip(format!("cannot read: {}; skipped", describe(&e))),
    };
    if !meta.is_file() {
        return skip("not a regular file; skipped".into());
    }
    if meta.len() > max_size {
        return skip(too_large(meta.len(), max_size));
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return skip(format!("cannot read: {}; skipped", describe(&e))),
    };
    // The file may have grown since `metadata`.
    if bytes.len() as u64 > max_size {
        return skip(too_large(bytes.len() as u64, max_size));
    }
    if bytes[..bytes.len().min(BINARY_PROBE)].contains(&0) {
        return skip("binary file (a NUL byte in the first 8 KiB); skipped".into());
    }
    match String::from_utf8(bytes) {
        Ok(text) => (Some(SourceFile::new(path, text)), None),
        Err(e) => {
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            (Some(SourceFile::new(path, text)), Some(Note::new(path, "not valid UTF-8; invalid bytes read as U+FFFD")))
        }
    }
}

fn too_large(len: u64, max: u64) -> String {
    format!("{len} bytes, larger than the {max}-byte limit (--max-file-size); skipped")
}

/// An IO error without the `(os error N)` noise.
fn describe(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_lowercase(),
        None => s,
    }
}
