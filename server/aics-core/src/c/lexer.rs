//! A small C tokenizer. Tree-sitter gives the structure; this reads what tree-sitter
//! cannot: macro bodies (raw text to tree-sitter-c), expressions to resolve, and call
//! shapes inside ERROR nodes. It never fails: unknown bytes become `Punct` tokens.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokKind {
    Ident,
    /// A string literal, quotes and any prefix (L, u8, ...) included.
    Str,
    Char,
    Number,
    Punct,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokKind,
    /// Byte range into the lexed text (plus the base offset given to `lex`).
    pub start: usize,
    pub end: usize,
}

impl Token {
    pub fn text<'a>(&self, src: &'a str, base: usize) -> &'a str {
        &src[self.start - base..self.end - base]
    }
}

/// Tokenize `src`, skipping white space, comments and line continuations. Offsets in the
/// tokens are `base + index into src`, so tokens of a slice point into the whole file.
pub fn lex(src: &str, base: usize) -> Vec<Token> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() || (c == b'\\' && matches!(b.get(i + 1), Some(b'\n' | b'\r'))) {
            i += 1;
            continue;
        }
        if c == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        if c == b'/' && b.get(i + 1) == Some(&b'*') {
            i += 2;
            while i < b.len() && !(b[i] == b'*' && b.get(i + 1) == Some(&b'/')) {
                i += 1;
            }
            i = (i + 2).min(b.len());
            continue;
        }
        let start = i;
        let kind;
        if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 {
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] >= 0x80) {
                i += 1;
            }
            // String prefixes: L"..", u8"..", u"..", U"..".
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') && matches!(&src[start..i], "L" | "u8" | "u" | "U") {
                let q = b[i];
                i = skip_quoted(b, i, q);
                kind = if q == b'"' { TokKind::Str } else { TokKind::Char };
            } else {
                kind = TokKind::Ident;
            }
        } else if c.is_ascii_digit() || (c == b'.' && b.get(i + 1).is_some_and(u8::is_ascii_digit)) {
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'.' || b[i] == b'_') {
                i += 1;
            }
            kind = TokKind::Number;
        } else if c == b'"' || c == b'\'' {
            i = skip_quoted(b, i, c);
            kind = if c == b'"' { TokKind::Str } else { TokKind::Char };
        } else {
            i += 1;
            if c == b'-' && b.get(i) == Some(&b'>') {
                i += 1;
            } else if c == b'#' && b.get(i) == Some(&b'#') {
                i += 1;
            }
            while i < b.len() && !src.is_char_boundary(i) {
                i += 1;
            }
            kind = TokKind::Punct;
        }
        out.push(Token { kind, start: base + start, end: base + i });
    }
    out
}

fn skip_quoted(b: &[u8], mut i: usize, q: u8) -> usize {
    i += 1;
    while i < b.len() && b[i] != q && b[i] != b'\n' {
        if b[i] == b'\\' {
            i += 1;
        }
        i += 1;
    }
    (i + 1).min(b.len())
}

/// The value of a C string literal token (prefix and quotes removed, escapes decoded).
pub fn unescape_string(lit: &str) -> String {
    let body = lit.trim_start_matches(|c: char| c != '"');
    let body = body.strip_prefix('"').unwrap_or(body);
    let body = body.strip_suffix('"').unwrap_or(body);
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('0') => out.push('\0'),
            Some('x') => {
                let mut v = 0u32;
                while let Some(d) = chars.peek().and_then(|c| c.to_digit(16)) {
                    v = v * 16 + d;
                    chars.next();
                }
                out.push(char::from_u32(v).unwrap_or('\u{FFFD}'));
            }
            Some('\n') => {}
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<(TokKind, &str)> {
        lex(src, 0).iter().map(|t| (t.kind, t.text(src, 0))).collect()
    }

    #[test]
    fn lexes_strings_comments_and_punctuation() {
        let src = r#"x->y = L"a\"b" /* c */ "d" // e
  ## 1.5f"#;
        assert_eq!(
            kinds(src),
            vec![
                (TokKind::Ident, "x"),
                (TokKind::Punct, "->"),
                (TokKind::Ident, "y"),
                (TokKind::Punct, "="),
                (TokKind::Str, r#"L"a\"b""#),
                (TokKind::Str, r#""d""#),
                (TokKind::Punct, "##"),
                (TokKind::Number, "1.5f"),
            ]
        );
    }

    #[test]
    fn offsets_are_based() {
        let t = lex("ab cd", 100);
        assert_eq!((t[1].start, t[1].end), (103, 105));
    }

    #[test]
    fn unescapes() {
        assert_eq!(unescape_string(r#""{\"modelId\":\"%s\"}""#), r#"{"modelId":"%s"}"#);
        assert_eq!(unescape_string(r#"u8"a\x41\n""#), "aA\n");
    }

    #[test]
    fn survives_garbage() {
        let src = "\"unterminated\n é @ \\";
        let toks = lex(src, 0);
        assert!(!toks.is_empty());
    }
}
