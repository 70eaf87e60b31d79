//! The diagnostic every face renders. Plain data: the CLI turns it into text, JSON, SARIF
//! or GitHub annotations, the language server into an LSP `Diagnostic`.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// How serious a finding is. Ordered so that `>= Warning` means "fails the run".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Hint,
    Information,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Information => "information",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A 0-based line and a 0-based column counted in Unicode scalar values (the CLI contract's
/// unit; the language server converts to UTF-16 or UTF-8 from the text itself).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct LineCol {
    pub line: u32,
    pub column: u32,
}

/// A place in a file: the byte range into the text that was analysed, and the same range
/// as line/column so faces need not keep the text.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    pub path: Arc<PathBuf>,
    pub bytes: Range<usize>,
    pub start: LineCol,
    pub end: LineCol,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub span: Span,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule's public code, e.g. `AICS001`.
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub span: Span,
    pub related: Vec<Related>,
    /// The troubleshooting link, already joined with the configured base URL.
    pub url: String,
    /// Set when a suppression comment or a config entry switched it off; kept so that
    /// `--format json` can report it.
    pub suppressed: bool,
    /// Text edits that fix it, when the fix is mechanical (quick fix, `check --fix`).
    pub fix: Option<crate::fix::Fix<Span>>,
}

impl Diagnostic {
    /// The sort order of the CLI contract: path, then position, then code.
    pub fn sort_key(&self) -> (&PathBuf, LineCol, &'static str, LineCol) {
        (&self.span.path, self.span.start, self.code, self.span.end)
    }
}

/// Byte offset → line/column for one text. Built once per file.
#[derive(Clone, Debug)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        LineIndex { line_starts: line_starts(text) }
    }

    /// [`LineIndex::new`] of a shared text, kept for the next asker of the same text (the
    /// language server turns the spans of one analysis into LSP ranges right after: one
    /// scan of a large model per edit, not two). See [`LineIndex::cached`].
    pub fn shared(text: &Arc<str>) -> Arc<LineIndex> {
        if let Some(index) = LineIndex::cached(text) {
            return index;
        }
        let index = Arc::new(LineIndex::new(text));
        let mut kept = SHARED.lock().unwrap_or_else(|e| e.into_inner());
        if kept.len() >= SHARED_TEXTS {
            kept.remove(0);
        }
        kept.push((text.clone(), index.clone()));
        index
    }

    /// The line index [`LineIndex::shared`] made of this very text (the same allocation,
    /// which the cache keeps alive, so the same bytes), if it is still kept.
    pub fn cached(text: &str) -> Option<Arc<LineIndex>> {
        let kept = SHARED.lock().unwrap_or_else(|e| e.into_inner());
        kept.iter().rev().find(|(t, _)| std::ptr::eq(t.as_ptr(), text.as_ptr()) && t.len() == text.len()).map(|(_, i)| i.clone())
    }

    /// The byte offset where each line starts (the first is 0).
    pub fn starts(&self) -> &[usize] {
        &self.line_starts
    }

    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = clamp_to_char_boundary(text, offset);
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        LineCol { line: line as u32, column: text[start..offset].chars().count() as u32 }
    }

    /// The 0-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> u32 {
        (self.line_starts.partition_point(|&s| s <= offset) - 1) as u32
    }

    pub fn line_range(&self, text: &str, line: u32) -> Range<usize> {
        let line = line as usize;
        let start = *self.line_starts.get(line).unwrap_or(&text.len());
        let end = self.line_starts.get(line + 1).map(|e| e - 1).unwrap_or(text.len());
        start..end.max(start)
    }

    pub fn span(&self, path: &Arc<PathBuf>, text: &str, bytes: Range<usize>) -> Span {
        Span {
            path: path.clone(),
            start: self.line_col(text, bytes.start),
            end: self.line_col(text, bytes.end),
            bytes,
        }
    }
}

/// The texts [`LineIndex::shared`] indexed last, most recent last. Holding the text keeps
/// its allocation alive, so a text at the same address and of the same length is it.
static SHARED: std::sync::Mutex<Vec<(Arc<str>, Arc<LineIndex>)>> = std::sync::Mutex::new(Vec::new());
const SHARED_TEXTS: usize = 4;

/// The byte offset where each line of `text` starts: 0, then one past each `\n`.
pub fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    // Model files run at 25-40 bytes a line.
    let mut starts = Vec::with_capacity(bytes.len() / 24 + 2);
    starts.push(0);
    // 64 bytes at a time: a bit per newline, then each set bit (a search per newline costs
    // more on lines this short).
    let mut chunks = bytes.chunks_exact(64);
    let mut base = 0;
    for chunk in &mut chunks {
        let mut mask = newline_mask(chunk.try_into().expect("64 bytes"));
        while mask != 0 {
            starts.push(base + mask.trailing_zeros() as usize + 1);
            mask &= mask - 1;
        }
        base += 64;
    }
    starts.extend(chunks.remainder().iter().enumerate().filter(|(_, &b)| b == b'\n').map(|(i, _)| base + i + 1));
    starts
}

/// Bit `i` set when `chunk[i]` is a newline.
#[cfg(target_arch = "x86_64")]
fn newline_mask(chunk: &[u8; 64]) -> u64 {
    use std::arch::x86_64::{__m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_set1_epi8};
    // SAFETY: SSE2 is part of every x86_64 CPU; the four unaligned 16-byte loads lie
    // within the 64-byte array.
    unsafe {
        let nl = _mm_set1_epi8(b'\n' as i8);
        let p = chunk.as_ptr() as *const __m128i;
        let m = |k: usize| _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(p.add(k)), nl)) as u16 as u64;
        m(0) | m(1) << 16 | m(2) << 32 | m(3) << 48
    }
}

#[cfg(not(target_arch = "x86_64"))]
fn newline_mask(chunk: &[u8; 64]) -> u64 {
    chunk.iter().enumerate().fold(0, |mask, (i, &b)| mask | ((b == b'\n') as u64) << i)
}

fn clamp_to_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_unicode_scalars() {
        let text = "ab\nçé = 1;\n";
        let idx = LineIndex::new(text);
        let off = text.find('=').unwrap();
        assert_eq!(idx.line_col(text, off), LineCol { line: 1, column: 3 });
        assert_eq!(idx.line_col(text, 0), LineCol { line: 0, column: 0 });
        assert_eq!(idx.line_col(text, text.len()), LineCol { line: 2, column: 0 });
    }

    /// The chunked scan against a plain one, with newlines at every position of a chunk,
    /// across chunk boundaries and in the tail.
    #[test]
    fn line_starts_are_after_each_newline() {
        let mut seed = 7u64;
        for len in [0, 1, 63, 64, 65, 127, 128, 129, 1000, 4099] {
            for density in [1, 3, 40] {
                let text: String = (0..len)
                    .map(|_| {
                        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                        if (seed >> 33).is_multiple_of(density) { '\n' } else { 'a' }
                    })
                    .collect();
                let plain: Vec<usize> = std::iter::once(0).chain(text.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i + 1)).collect();
                assert_eq!(line_starts(&text), plain, "{len} bytes, 1 in {density}");
            }
        }
    }

    #[test]
    fn shared_indexes_are_found_by_their_text() {
        let a: Arc<str> = Arc::from("one\ntwo\n");
        let b: Arc<str> = Arc::from("one\ntwo\n");
        let ia = LineIndex::shared(&a);
        assert!(Arc::ptr_eq(&ia, &LineIndex::cached(&a).unwrap()));
        // Equal bytes elsewhere are another text; a part of it is not it either.
        assert!(LineIndex::cached(&b).is_none());
        assert!(LineIndex::cached(&a[..4]).is_none());
        assert_eq!(ia.starts(), &[0, 4, 8]);
    }
}
