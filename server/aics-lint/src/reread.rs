//! Texts `check` hands the analysis without holding them: a C file the prefilter passed
//! over is read once for its facts, and the analysis seldom asks for its text again (see
//! `aics_core::Prepared::text_read_rarely`). Its text is dropped after that reading and the
//! file read again if the analysis asks; on the generated 10,000-file tree the texts were
//! 40% of the memory, their pages most of the run's page faults. The file is checked to be
//! the one read first (its length and a hash of its bytes): a file changed during the run
//! ends it with a clear error (exit status 2, the CLI contract's "could not run"), as a
//! mapped file that shrinks does (see `mapped::guard`), instead of facts that do not match
//! the text.

use std::hash::BuildHasher;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use aics_core::{SourceFile, Text};

/// A file's text, read again on first use.
pub struct Reread {
    path: Arc<PathBuf>,
    len: usize,
    hash: u64,
    text: OnceLock<Box<str>>,
}

/// Texts from this size are mapped on Linux (the page cache serves them, nothing to drop).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const UP_TO: usize = crate::mapped::MAP_FROM as usize;
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
const UP_TO: usize = usize::MAX;

impl Reread {
    /// `s`'s text as one read again when asked, for a source whose text is the file's
    /// bytes as read (valid UTF-8, not decoded with replacements) and held in memory; `None`
    /// for a larger one (mapped, see [`UP_TO`]).
    pub fn text_of(s: &SourceFile) -> Option<Text> {
        let len = s.text.len();
        if len >= UP_TO {
            return None;
        }
        let read = Reread { path: s.path.clone(), len, hash: hash(s.text.as_bytes()), text: OnceLock::new() };
        Some(Text::lent(Arc::new(read)))
    }

    fn read(&self) -> Box<str> {
        match std::fs::read(self.path.as_ref()) {
            Ok(bytes) if bytes.len() == self.len && hash(&bytes) == self.hash && crate::read::is_utf8(&bytes) => {
                // SAFETY: just checked to be UTF-8.
                unsafe { String::from_utf8_unchecked(bytes) }.into_boxed_str()
            }
            _ => {
                eprintln!("aics-lint: {} changed while it was being read (during the run); run check again", self.path.display());
                std::process::exit(2);
            }
        }
    }
}

impl AsRef<str> for Reread {
    fn as_ref(&self) -> &str {
        self.text.get_or_init(|| self.read())
    }
}

fn hash(bytes: &[u8]) -> u64 {
    foldhash::fast::FixedState::with_seed(0x5eed).hash_one(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text handed over to be read again reads as the file did, from the file; a file
    /// bigger than a mapping's threshold is not handed over so.
    #[test]
    fn a_text_read_again_is_the_file_as_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("util.c");
        let text = "int twice(int x) { return 2 * x; } /* é */\n";
        std::fs::write(&path, text).unwrap();
        let source = SourceFile::new(&path, text);
        let again = Reread::text_of(&source).expect("a small text is read again");
        assert_eq!(again.as_str(), text);
        if UP_TO != usize::MAX {
            let big = "x".repeat(UP_TO);
            assert!(Reread::text_of(&SourceFile::new(&path, big)).is_none());
        }
    }

    /// A file changed after its first reading ends the run with exit status 2 and says
    /// which file, instead of facts read from one text applied to another. Run in a child
    /// process (this test binary again, on this test alone).
    #[test]
    fn a_file_changed_before_it_is_read_again_ends_the_run_with_a_message() {
        const CHILD: &str = "AICS_LINT_REREAD_CHILD";
        if let Some(path) = std::env::var_os(CHILD) {
            let text = std::fs::read_to_string(&path).unwrap();
            let again = Reread::text_of(&SourceFile::new(&path, text.clone())).unwrap();
            std::fs::write(&path, text.replace("2 *", "3 *")).unwrap(); // same length
            println!("read {} bytes", again.as_str().len());
            std::process::exit(0);
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("util.c");
        std::fs::write(&path, "int twice(int x) { return 2 * x; }\n").unwrap();
        let (status, stdout, stderr) = crate::test_child::run("reread::tests::a_file_changed_before_it_is_read_again_ends_the_run_with_a_message", CHILD, &path);
        assert_eq!(status, Some(2), "{stderr}");
        assert!(stderr.contains("util.c changed while it was being read"), "{stderr}");
        assert!(!stdout.contains("read "), "{stdout}");
    }
}
