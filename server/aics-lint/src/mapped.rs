//! Large C files read by `check` as read-only mappings of the files (as compilers read
//! sources): the page cache's pages serve as they are. A copy of each file in fresh memory
//! was a tenth of `check`'s CPU time on netxduo (80 MB of C), in page faults and copying.
//! The language server reads files as before: a file an editor truncates while mapped
//! would make reading its mapping fault. `check` reads once, but a file can still shrink
//! under it: the signal that would kill the process is caught and turned into a clear
//! error (see [`guard`]).

use std::fs::File;
use std::os::fd::AsRawFd;
use std::sync::Arc;

/// Files smaller than this are read into memory (a mapping costs two system calls and a
/// page of its own; below a few pages that is more than the copy).
pub const MAP_FROM: u64 = 16 * 1024;

/// `len` bytes of `file` mapped read-only, `None` when the system declines (the caller
/// reads the file instead).
pub struct Mapping {
    ptr: *const u8,
    len: usize,
}

// SAFETY: the mapping is read-only and private; its bytes are never written.
unsafe impl Send for Mapping {}
unsafe impl Sync for Mapping {}

impl Mapping {
    pub fn of(file: &File, len: u64) -> Option<Mapping> {
        let len = usize::try_from(len).ok().filter(|&l| l > 0)?;
        // SAFETY: a fresh mapping of an open file's first `len` bytes, read-only.
        let ptr = unsafe { libc::mmap(std::ptr::null_mut(), len, libc::PROT_READ, libc::MAP_PRIVATE, file.as_raw_fd(), 0) };
        if ptr == libc::MAP_FAILED {
            return None;
        }
        Some(Mapping { ptr: ptr as *const u8, len })
    }

    pub fn bytes(&self) -> &[u8] {
        // SAFETY: `ptr` maps `len` readable bytes until the mapping is dropped.
        unsafe { std::slice::from_raw_parts(self.ptr, self.len) }
    }

    /// The mapping as a text for the analysis, when it is UTF-8 (else it is given back).
    pub fn into_text(self) -> Result<aics_core::Text, Mapping> {
        if !crate::read::is_utf8(self.bytes()) {
            return Err(self);
        }
        Ok(aics_core::Text::lent(Arc::new(MappedText(self))))
    }
}

impl Drop for Mapping {
    fn drop(&mut self) {
        // SAFETY: unmaps what `of` mapped, once.
        unsafe {
            libc::munmap(self.ptr as *mut libc::c_void, self.len);
        }
    }
}

/// A mapping checked to be UTF-8.
struct MappedText(Mapping);

impl AsRef<str> for MappedText {
    fn as_ref(&self) -> &str {
        // SAFETY: checked by `Mapping::into_text`; the bytes do not change (read-only,
        // private) unless the file shrinks, which `guard` turns into an exit.
        unsafe { std::str::from_utf8_unchecked(self.0.bytes()) }
    }
}

/// Turns the bus error a mapped file raises when it shrank while `check` read it into an
/// error message and exit status 2 (the CLI contract's "could not run"), instead of a
/// crash: nothing can be read of the rest of that file.
pub fn guard() {
    extern "C" fn on_bus_error(_: libc::c_int) {
        const MESSAGE: &[u8] = b"aics-lint: a file shrank while it was being read (changed during the run); run check again\n";
        // SAFETY: write and _exit are async-signal-safe.
        unsafe {
            libc::write(2, MESSAGE.as_ptr() as *const libc::c_void, MESSAGE.len());
            libc::_exit(2);
        }
    }
    // SAFETY: installs a handler that only calls async-signal-safe functions.
    unsafe {
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = on_bus_error as *const () as usize;
        libc::sigemptyset(&mut action.sa_mask);
        libc::sigaction(libc::SIGBUS, &action, std::ptr::null_mut());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A mapped file cut short while `check` reads it: the process ends with status 2 and
    /// says why, instead of dying of the bus error. Run in a child process (this test
    /// binary again, on this test alone), where the file is mapped, truncated, then read.
    #[test]
    fn a_file_that_shrinks_while_mapped_ends_the_run_with_a_message() {
        const CHILD: &str = "AICS_LINT_MAPPED_CHILD";
        if let Some(path) = std::env::var_os(CHILD) {
            guard();
            let file = File::open(&path).unwrap();
            let m = Mapping::of(&file, 64 * 1024).unwrap();
            File::create(&path).unwrap(); // truncated to nothing
            let sum: u64 = m.bytes().iter().map(|&b| u64::from(b)).sum();
            println!("read {sum} after the file shrank");
            std::process::exit(0);
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.c");
        std::fs::write(&path, "int x;\n".repeat(64 * 1024 / 7 + 1)).unwrap();
        let (status, stdout, stderr) = crate::test_child::run("mapped::tests::a_file_that_shrinks_while_mapped_ends_the_run_with_a_message", CHILD, &path);
        assert_eq!(status, Some(2), "{stderr}");
        assert!(stderr.contains("shrank while it was being read"), "{stderr}");
        assert!(!stdout.contains("after the file shrank"), "{stdout}");
    }
}
