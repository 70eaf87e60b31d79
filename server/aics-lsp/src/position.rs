//! Positions between the core (byte offsets; columns in Unicode scalars) and LSP (lines
//! and columns in UTF-16 code units, or UTF-8 bytes when negotiated).

use std::sync::Arc;

use aics_core::LineIndex;
use ropey::Rope;
use tower_lsp_server::ls_types::{Position, PositionEncodingKind, Range};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client offers it (cheaper for us), else the LSP default UTF-16.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }
}

/// A text with its line starts, for converting byte offsets to LSP positions.
pub struct LineMap<'t> {
    text: &'t str,
    lines: Arc<LineIndex>,
}

impl<'t> LineMap<'t> {
    /// The line starts the analysis found for this very text when it made spans in it
    /// (a model's findings: the publication right after needs the same), else found here.
    pub fn new(text: &'t str) -> LineMap<'t> {
        let lines = LineIndex::cached(text).unwrap_or_else(|| Arc::new(LineIndex::new(text)));
        LineMap { text, lines }
    }

    pub fn position(&self, offset: usize, enc: Encoding) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let starts = self.lines.starts();
        let line = starts.partition_point(|&s| s <= offset) - 1;
        let prefix = &self.text[starts[line]..offset];
        let character = match enc {
            Encoding::Utf8 => prefix.len(),
            Encoding::Utf16 => prefix.encode_utf16().count(),
        };
        Position { line: line as u32, character: character as u32 }
    }

    pub fn range(&self, bytes: &std::ops::Range<usize>, enc: Encoding) -> Range {
        Range { start: self.position(bytes.start, enc), end: self.position(bytes.end, enc) }
    }

    /// The byte offset of an LSP position; positions past a line's end or the text's end
    /// are clamped (clients send them).
    pub fn offset(&self, pos: Position, enc: Encoding) -> usize {
        let starts = self.lines.starts();
        let Some(&start) = starts.get(pos.line as usize) else { return self.text.len() };
        let end = starts.get(pos.line as usize + 1).map_or(self.text.len(), |e| e.saturating_sub(1));
        let line = &self.text[start..end.max(start)];
        start + column_to_byte(line, pos.character as usize, enc)
    }
}

fn column_to_byte(line: &str, col: usize, enc: Encoding) -> usize {
    match enc {
        Encoding::Utf8 => {
            let mut c = col.min(line.len());
            while !line.is_char_boundary(c) {
                c -= 1;
            }
            c
        }
        Encoding::Utf16 => {
            let mut units = 0;
            for (i, ch) in line.char_indices() {
                if units >= col {
                    return i;
                }
                units += ch.len_utf16();
            }
            line.len()
        }
    }
}

/// The char index of an LSP position in a rope, clamped.
pub fn rope_char(rope: &Rope, pos: Position, enc: Encoding) -> usize {
    let line_idx = (pos.line as usize).min(rope.len_lines().saturating_sub(1));
    if pos.line as usize >= rope.len_lines() {
        return rope.len_chars();
    }
    let line = rope.line(line_idx);
    let line_start = rope.line_to_char(line_idx);
    // Do not run past the line break.
    let mut len_chars = line.len_chars();
    while len_chars > 0 && matches!(line.char(len_chars - 1), '\n' | '\r') {
        len_chars -= 1;
    }
    let within = match enc {
        Encoding::Utf8 => {
            let max = line.char_to_byte(len_chars);
            line.byte_to_char((pos.character as usize).min(max))
        }
        Encoding::Utf16 => {
            let max = line.char_to_utf16_cu(len_chars);
            line.utf16_cu_to_char((pos.character as usize).min(max))
        }
    };
    line_start + within.min(len_chars)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_and_utf8_columns() {
        let text = "a😀b\nxyz";
        let map = LineMap::new(text);
        let b = text.find('b').unwrap();
        assert_eq!(map.position(b, Encoding::Utf16), Position { line: 0, character: 3 });
        assert_eq!(map.position(b, Encoding::Utf8), Position { line: 0, character: 5 });
        assert_eq!(map.offset(Position { line: 0, character: 3 }, Encoding::Utf16), b);
        assert_eq!(map.offset(Position { line: 9, character: 0 }, Encoding::Utf16), text.len());
        assert_eq!(map.offset(Position { line: 1, character: 99 }, Encoding::Utf16), text.len());
        let rope = Rope::from_str(text);
        assert_eq!(rope_char(&rope, Position { line: 0, character: 3 }, Encoding::Utf16), 2);
        assert_eq!(rope_char(&rope, Position { line: 0, character: 99 }, Encoding::Utf16), 3);
        assert_eq!(rope_char(&rope, Position { line: 5, character: 0 }, Encoding::Utf16), rope.len_chars());
    }
}
