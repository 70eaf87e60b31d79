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
    let results: Vec<(Option<SourceFile>, Option<Note>)> = paths.par_iter().map(|p| read_one(p, max_size, false, false)).collect();
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
/// `map`: a C file of [`crate::mapped::MAP_FROM`] bytes or more is mapped, not copied
/// (`check` only, which guards against a file shrinking under it: see `mapped::guard`).
pub fn read_one(path: &Path, max_size: u64, regular: bool, map: bool) -> (Option<SourceFile>, Option<Note>) {
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
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    if map && meta.len() >= crate::mapped::MAP_FROM && aics_core::file_kind(path) == Some(aics_core::FileKind::C) {
        if let Some(m) = crate::mapped::Mapping::of(&file, meta.len()) {
            if binary(m.bytes()) {
                return skip(BINARY.into());
            }
            return match m.into_text() {
                Ok(text) => (Some(SourceFile::new(path, text)), None),
                Err(m) => lossy(path, m.bytes()),
            };
        }
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    let _ = map;
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
    if binary(&bytes) {
        return skip(BINARY.into());
    }
    match utf8(bytes) {
        Ok(text) => (Some(SourceFile::new(path, as_text(path, text))), None),
        Err(bytes) => lossy(path, &bytes),
    }
}

/// The text of a file read. A C file's is shared as the string it was read into: made an
/// `Arc<str>` it was copied whole (0.5% of a `check` of netxduo). A model's is made one
/// once here, as the DTDL reader shares it.
fn as_text(path: &Path, text: String) -> aics_core::Text {
    if aics_core::file_kind(path) == Some(aics_core::FileKind::C) {
        aics_core::Text::lent(std::sync::Arc::new(text))
    } else {
        text.into()
    }
}

/// `bytes` as a `String` when they are UTF-8 (checked with vector instructions), else
/// given back.
fn utf8(bytes: Vec<u8>) -> Result<String, Vec<u8>> {
    if is_utf8(&bytes) {
        // SAFETY: just checked to be UTF-8.
        Ok(unsafe { String::from_utf8_unchecked(bytes) })
    } else {
        Err(bytes)
    }
}

/// Whether `bytes` are UTF-8 (the same answer as `std::str::from_utf8(bytes).is_ok()`).
pub fn is_utf8(bytes: &[u8]) -> bool {
    simdutf8::basic::from_utf8(bytes).is_ok()
}

const BINARY: &str = "binary file (a NUL byte in the first 8 KiB); skipped";

/// Whether a NUL byte in the first [`BINARY_PROBE`] bytes marks the file as binary.
fn binary(bytes: &[u8]) -> bool {
    // (The memchr crate's search: the standard library's `contains` was about an
    // instruction a byte, on every file read.)
    memchr::memchr(0, &bytes[..bytes.len().min(BINARY_PROBE)]).is_some()
}

/// A file that is not valid UTF-8, its invalid bytes read as U+FFFD, and the note that says so.
fn lossy(path: &Path, bytes: &[u8]) -> (Option<SourceFile>, Option<Note>) {
    let text = String::from_utf8_lossy(bytes).into_owned();
    (Some(SourceFile::new(path, as_text(path, text))), Some(Note::new(path, "not valid UTF-8; invalid bytes read as U+FFFD")))
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

#[cfg(all(test, target_os = "linux", target_env = "gnu"))]
mod tests {
    use super::*;

    /// A large C file read as `check` reads it (mapped) gives what a plain read gives: its
    /// text, its note when it is not UTF-8, a binary file's skip.
    #[test]
    fn large_c_files_read_alike_mapped_or_not() {
        let dir = tempfile::tempdir().unwrap();
        let line = "    IoTHubDeviceClient_LL_SendEventAsync(handle, message, NULL, NULL); /* é */\n";
        let text = format!("#include \"iothub.h\"\nvoid send_all(void)\n{{\n{}}}\n", line.repeat(600));
        assert!(text.len() as u64 > 2 * crate::mapped::MAP_FROM);
        let utf8 = dir.path().join("big.c");
        std::fs::write(&utf8, &text).unwrap();
        let mut latin1 = text.clone().into_bytes();
        latin1.extend_from_slice(b"/* \xe9t\xe9 */\n");
        let invalid = dir.path().join("latin1.c");
        std::fs::write(&invalid, &latin1).unwrap();
        let mut nul = text.clone().into_bytes();
        nul[100] = 0;
        let binary = dir.path().join("firmware.c");
        std::fs::write(&binary, &nul).unwrap();
        for path in [&utf8, &invalid, &binary] {
            let (mapped, mapped_note) = read_one(path, 1 << 30, true, true);
            let (read, read_note) = read_one(path, 1 << 30, true, false);
            assert_eq!(mapped.as_ref().map(|s| s.text.as_str()), read.as_ref().map(|s| s.text.as_str()), "{}", path.display());
            assert_eq!(mapped_note.map(|n| n.message), read_note.map(|n| n.message), "{}", path.display());
        }
        assert_eq!(read_one(&utf8, 1 << 30, true, true).0.unwrap().text.as_str(), text);
        assert!(read_one(&binary, 1 << 30, true, true).0.is_none());
    }
}

#[cfg(test)]
mod utf8_tests {
    use super::*;

    /// The vector check answers as the standard library's does: valid texts of every
    /// character width, and the invalid sequences (stray continuation bytes, overlong
    /// forms, surrogates, code points past U+10FFFF, a character cut at the end) at every
    /// place of a text longer than one vector step, where the check runs in its loop.
    #[test]
    fn the_vector_check_agrees_with_the_standard_library() {
        let valid = ["", "int main(void) { return 0; }\n", "/* é ü ß */", "// 日本語のコメント\n", "\"\u{1F600}\"", "\u{10FFFF}"];
        let invalid: [&[u8]; 8] = [b"\x80", b"\xc0\xaf", b"\xe0\x80\xaf", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xff", b"\xe6\x97", b"\xc3"];
        let filler = "x = f(y); /* é */\n".repeat(8);
        for v in valid {
            for at in [0, 1, 15, 16, 31, 63, 64, filler.len()] {
                let mut t = filler.as_bytes()[..at].to_vec();
                t.extend_from_slice(v.as_bytes());
                t.extend_from_slice(filler.as_bytes());
                assert!(is_utf8(&t) && std::str::from_utf8(&t).is_ok());
                assert_eq!(utf8(t.clone()).ok().as_deref(), std::str::from_utf8(&t).ok());
            }
        }
        for bad in invalid {
            for at in [0, 1, 15, 16, 31, 63, 64, filler.len()] {
                let mut t = filler.as_bytes()[..at].to_vec();
                t.extend_from_slice(bad);
                if at != filler.len() {
                    t.extend_from_slice(filler.as_bytes());
                }
                assert!(std::str::from_utf8(&t).is_err(), "{bad:?} at {at}");
                assert!(!is_utf8(&t), "{bad:?} at {at}");
                assert_eq!(utf8(t.clone()), Err(t));
            }
        }
    }
}
