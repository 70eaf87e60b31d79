//! A plain JSON lexer for files tree-sitter found errors in.
//!
//! tree-sitter-json decides whether a file is well-formed and tokenizes the
//! well-formed ones. Once it is in error recovery its lexer can lose track of
//! which quotes open strings, and everything after is mis-read. This lexer
//! cannot drift: a string ends at its closing quote or at the end of its line,
//! so one mistake stays one mistake, and the tolerant builder in
//! [`crate::json`] sees the structure the user meant.

use crate::model::SyntaxError;
use crate::syntax::{Token, TokenKind, Tokens};

pub(crate) fn lex(text: &str) -> Tokens {
    let bytes = text.as_bytes();
    // Models run at about one token per 6-10 bytes: reserve for the denser end.
    let mut out = Tokens { tokens: Vec::with_capacity(text.len() / 6 + 1), errors: Vec::new(), loose: false };
    let mut i = 0;
    let push = |out: &mut Tokens, kind, start, end| out.tokens.push(Token { kind, range: start..end, missing: false, escapes: false });
    while i < bytes.len() {
        let start = i;
        match bytes[i] {
            b' ' | b'\t' | b'\n' | b'\r' => {
                // Indentation comes in runs: skip the whole run here.
                i = run_end(bytes, i + 1, Run::Space);
            }
            b'{' | b'}' | b'[' | b']' | b':' | b',' => {
                let kind = match bytes[i] {
                    b'{' => TokenKind::LBrace,
                    b'}' => TokenKind::RBrace,
                    b'[' => TokenKind::LBracket,
                    b']' => TokenKind::RBracket,
                    b':' => TokenKind::Colon,
                    _ => TokenKind::Comma,
                };
                i += 1;
                push(&mut out, kind, start, i);
            }
            quote @ (b'"' | b'\'') => {
                let (escapes, controls);
                (i, escapes, controls) = string(text, start, quote, &mut out.errors);
                out.loose |= controls;
                out.tokens.push(Token { kind: TokenKind::String, range: start..i, missing: false, escapes });
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = memchr_newline(bytes, i);
                out.errors.push(comment_error(start, i));
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = match text[i + 2..].find("*/") {
                    Some(end) => i + 2 + end + 2,
                    None => bytes.len(),
                };
                out.errors.push(comment_error(start, i));
            }
            b'-' | b'0'..=b'9' => {
                while i < bytes.len() && matches!(bytes[i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9') {
                    i += 1;
                }
                out.loose |= !json_number(&bytes[start..i]);
                push(&mut out, TokenKind::Scalar, start, i);
            }
            c if c.is_ascii_alphabetic() || c == b'_' || c == b'$' => {
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_' || bytes[i] == b'$') {
                    i += 1;
                }
                let kind = match &text[start..i] {
                    "true" | "false" | "null" => TokenKind::Scalar,
                    _ => TokenKind::Word,
                };
                push(&mut out, kind, start, i);
            }
            _ => {
                // Anything else up to the next separator is one piece of junk.
                i += utf8_len(bytes[i]);
                while i < bytes.len() && !is_separator(bytes[i]) {
                    i += utf8_len(bytes[i]);
                }
                push(&mut out, TokenKind::Junk, start, i.min(bytes.len()));
            }
        }
    }
    out
}

/// Whether `b` is a number as RFC 8259 writes one: `-? (0 | [1-9][0-9]*) (. [0-9]+)?
/// ([eE] [+-]? [0-9]+)?`.
fn json_number(b: &[u8]) -> bool {
    let digits = |i: usize| b[i.min(b.len())..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut i = usize::from(b.first() == Some(&b'-'));
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => i += digits(i),
        _ => return false,
    }
    if b.get(i) == Some(&b'.') {
        let n = digits(i + 1);
        if n == 0 {
            return false;
        }
        i += 1 + n;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let n = digits(i);
        if n == 0 {
            return false;
        }
        i += n;
    }
    i == b.len()
}

/// Scans a string starting at `start` (its opening quote); returns its end, whether it
/// holds a backslash, and whether it holds a raw control character other than the line
/// break that ends it (a tab: JSON wants `\t`).
fn string(text: &str, start: usize, quote: u8, errors: &mut Vec<SyntaxError>) -> (usize, bool, bool) {
    let bytes = text.as_bytes();
    if quote == b'\'' {
        errors.push(SyntaxError {
            range: start..start + 1,
            message: "JSON strings use double quotes: replace ' with \"".to_string(),
        });
    }
    let mut i = start + 1;
    let (mut escapes, mut controls) = (false, false);
    while i < bytes.len() {
        // The plain run up to the next byte that matters: bytes of a multi-byte character
        // are never one of these ASCII bytes.
        i = run_end(bytes, i, Run::Plain);
        if i == bytes.len() {
            break;
        }
        match bytes[i] {
            b'\\' => {
                escapes = true;
                let escape = bytes.get(i + 1).copied();
                let valid = match escape {
                    Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => true,
                    Some(b'u') => bytes.get(i + 2..i + 6).is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)),
                    _ => false,
                };
                if !valid && escape.is_some_and(|e| e != b'\n') {
                    let end = (i + 1 + utf8_len(bytes[i + 1])).min(bytes.len());
                    errors.push(SyntaxError {
                        range: i..end,
                        message: format!(
                            "invalid escape '{}' in string: use \\\\, \\\", \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX",
                            &text[i..end]
                        ),
                    });
                }
                i += if escape.is_some_and(|e| e != b'\n') { 1 + utf8_len(bytes[i + 1]) } else { 1 };
            }
            b'\n' | b'\r' => break,
            c if c == quote => return (i + 1, escapes, controls),
            0..=0x1f => {
                controls = true;
                i += 1;
            }
            c => i += utf8_len(c),
        }
    }
    let i = i.min(bytes.len());
    errors.push(SyntaxError {
        range: i..i,
        message: "unterminated string: add the closing '\"' (JSON strings cannot span lines)".to_string(),
    });
    (i, escapes, controls)
}

fn comment_error(start: usize, end: usize) -> SyntaxError {
    SyntaxError { range: start..end, message: "comments are not allowed in JSON; remove this comment".to_string() }
}

fn memchr_newline(bytes: &[u8], from: usize) -> usize {
    bytes[from..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |p| from + p)
}

fn is_separator(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'{' | b'}' | b'[' | b']' | b':' | b',' | b'"')
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

/// The runs [`run_end`] skips.
#[derive(Clone, Copy, Debug)]
enum Run {
    /// JSON white space: space, tab, line feed, carriage return.
    Space,
    /// A string's plain bytes: anything but a backslash, a quote (either) and a control
    /// character.
    Plain,
}

impl Run {
    fn has(self, c: u8) -> bool {
        match self {
            Run::Space => matches!(c, b' ' | b'\t' | b'\n' | b'\r'),
            Run::Plain => !matches!(c, b'\\' | b'"' | b'\'' | 0..=0x1f),
        }
    }
}

/// The end of the run of `run`'s bytes starting at `i`, sixteen bytes a step where SSE2 is
/// (every x86-64): indentation and string bodies are most of a model's bytes, and the byte
/// loop's exit, at a different place each token, was most of the lexer's time.
#[inline]
fn run_end(b: &[u8], mut i: usize, run: Run) -> usize {
    #[cfg(target_arch = "x86_64")]
    while i + 16 <= b.len() {
        // SAFETY: `i + 16 <= b.len()`: the sixteen bytes read are inside `b`.
        let m = unsafe { sse2::members(b.as_ptr().add(i), run) };
        if m != 0xFFFF {
            return i + (!m).trailing_zeros() as usize;
        }
        i += 16;
    }
    while i < b.len() && run.has(b[i]) {
        i += 1;
    }
    i
}

#[cfg(target_arch = "x86_64")]
mod sse2 {
    use super::Run;
    use std::arch::x86_64::*;

    /// Of the sixteen bytes at `p`, a bit (low bit first) for each of `run`'s bytes (those
    /// [`Run::has`] takes: a test holds the two to the same answer for every byte).
    ///
    /// # Safety
    /// Sixteen bytes from `p` are readable.
    #[inline]
    pub(super) unsafe fn members(p: *const u8, run: Run) -> u32 {
        // SSE2 is part of x86-64: no feature to detect.
        let v = _mm_loadu_si128(p as *const __m128i);
        let is = |c: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(c as i8));
        match run {
            Run::Space => {
                let hits = _mm_or_si128(_mm_or_si128(is(b' '), is(b'\n')), _mm_or_si128(is(b'\r'), is(b'\t')));
                _mm_movemask_epi8(hits) as u32
            }
            Run::Plain => {
                // Control characters, 0x00 to 0x1F: shifted by 0x80 they are the signed
                // bytes below -96, and no other byte is.
                let controls = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(-128)), _mm_set1_epi8(-96));
                let stops = _mm_or_si128(_mm_or_si128(is(b'\\'), is(b'"')), _mm_or_si128(is(b'\''), controls));
                !(_mm_movemask_epi8(stops) as u32) & 0xFFFF
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_end_where_the_byte_loop_ends_them() {
        // Every byte value at every place of a 40-byte window of otherwise run bytes (the
        // sixteen-byte steps and the byte loop's tail both), for both runs.
        for run in [Run::Space, Run::Plain] {
            let filler = match run {
                Run::Space => b' ',
                Run::Plain => b'a',
            };
            for c in 0..=255u8 {
                for at in 0..40 {
                    let mut b = vec![filler; 40];
                    b[at] = c;
                    for from in [0, 1, 7, 16, 17] {
                        let bytewise = (from..b.len()).find(|&k| !run.has(b[k])).unwrap_or(b.len());
                        assert_eq!(run_end(&b, from, run), bytewise, "{run:?} byte {c:#x} at {at} from {from}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_string_with_a_control_character_is_loose_and_its_end_is_kept() {
        let text = "{\"a\": \"tab\there and more than sixteen bytes after\", \"b\": \"\u{e9}\u{1F600} \\\" x\"}";
        let t = lex(text);
        assert!(t.loose && t.errors.is_empty(), "{:?}", t.errors);
        let strings: Vec<&str> = t.tokens.iter().filter(|t| t.kind == crate::syntax::TokenKind::String).map(|t| &text[t.range.clone()]).collect();
        assert_eq!(strings, ["\"a\"", "\"tab\there and more than sixteen bytes after\"", "\"b\"", "\"\u{e9}\u{1F600} \\\" x\""]);
        assert!(t.tokens.iter().filter(|t| t.kind == crate::syntax::TokenKind::String).map(|t| t.escapes).eq([false, false, false, true]));
    }
}
