//! Reading the files to lint, in parallel. Bad input never stops the run: each file is
//! either a `SourceFile` or a note saying why it was skipped or how it was decoded.

use std::io::Read;
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
    let results: Vec<(Option<SourceFile>, Option<Note>)> = paths.par_iter().map(|p| read_one(p, max_size, false)).collect();
    let mut loaded = Loaded::default();
    for (source, note) in results {
        loaded.sources.extend(source);
        loaded.notes.extend(note);
    }
    loaded
}

/// One file as a `SourceFile`, or a note why not. `regular`: the walk saw a regular file
/// at `path` (not a link, a FIFO or a device), which is then opened without asking the file
/// system about it first (its size comes from the open file): one path look-up per file
/// instead of two, on a 19,255-file model repository a noticeable share of reading.
pub fn read_one(path: &Path, max_size: u64, regular: bool) -> (Option<SourceFile>, Option<Note>) {
    let skip = |message: String| (None, Some(Note::new(path, message)));
    let cannot = |e: std::io::Error| (None, Some(Note::new(path, format!("cannot read: {}; skipped", describe(&e)))));
    if !regular {
        // Anything else is looked at before it is opened: opening a FIFO waits for a writer.
        match std::fs::metadata(path) {
            Ok(meta) if !meta.is_file() => return skip("not a regular file; skipped".into()),
            Ok(_) => {}
            Err(e) => return cannot(e),
        }
    }
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return cannot(e),
    };
    let meta = match file.metadata() {
        Ok(m) => m,
        Err(e) => return cannot(e),
    };
    // Replaced by something else since the walk saw it.
    if !meta.is_file() {
        return skip("not a regular file; skipped".into());
    }
    if meta.len() > max_size {
        return skip(too_large(meta.len(), max_size));
    }
    // The size the file had when opened, in one read (`File::read_to_end` would ask for
    // the size and position again, and probe for more at the end); a file that claims no
    // size (some virtual file systems) is read to its end.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    let read = if meta.len() == 0 { file.read_to_end(&mut bytes) } else { (&mut file).take(meta.len()).read_to_end(&mut bytes) };
    if let Err(e) = read {
        return cannot(e);
    }
    drop(file);
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
