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
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { line_starts }
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
}
