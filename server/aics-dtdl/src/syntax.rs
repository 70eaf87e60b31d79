//! From text to tokens with tree-sitter-json, collecting what tree-sitter
//! itself knows is wrong (MISSING tokens, comments, unexpected characters).
//!
//! The model layer does not walk tree-sitter's tree directly: on a half-typed
//! file tree-sitter often gives up on structure (a file cut off after
//! `{"a": [1, 2` is one flat ERROR node), while its *tokens* are still exact.
//! So the tree is flattened into tokens here and [`crate::json`] rebuilds a
//! tolerant tree from them. Traversal uses a cursor, never recursion, so any
//! nesting depth is fine.

use std::cell::RefCell;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use tree_sitter::{InputEdit, Parser, Point, Tree};

use crate::model::SyntaxError;

/// A JSON token, as found by tree-sitter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TokenKind {
    LBrace,
    RBrace,
    LBracket,
    RBracket,
    Colon,
    Comma,
    /// A whole string literal, quotes included.
    String,
    /// number, true, false, null.
    Scalar,
    /// A bare word that is not `true`/`false`/`null` (an unquoted key, `True`).
    Word,
    /// Text that is no JSON token (tree-sitter error leaves, stray characters).
    Junk,
}

#[derive(Clone, Debug)]
pub(crate) struct Token {
    pub kind: TokenKind,
    pub range: Range<usize>,
    /// Inserted by error recovery (zero width), already reported.
    pub missing: bool,
    /// A string that may hold a backslash escape (see [`crate::json::Value::String`]).
    pub escapes: bool,
}

/// The tokens of a text plus the syntax errors found while reading them.
pub(crate) struct Tokens {
    pub tokens: Vec<Token>,
    pub errors: Vec<SyntaxError>,
    /// The plain lexer took something RFC 8259 does not allow without reporting it: a raw
    /// control character in a string, a number JSON does not write (`01`, `1.`, `+1`).
    pub loose: bool,
}

thread_local! {
    /// One parser per thread, reused: creating one per file is measurable
    /// when a whole repository is indexed.
    static PARSER: RefCell<Option<Parser>> = const { RefCell::new(None) };
}

pub(crate) fn parse_tree(text: &str) -> Option<Tree> {
    parse_with(text, None)
}

fn parse_with(text: &str, old: Option<&Tree>) -> Option<Tree> {
    PARSER.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            let mut parser = Parser::new();
            parser.set_language(&tree_sitter_json::LANGUAGE.into()).ok()?;
            *slot = Some(parser);
        }
        slot.as_mut()?.parse(text, old)
    })
}

/// The tree of an edited file's last text that tree-sitter read (one with errors: the
/// others skip it), so its next edit is re-read incrementally: tree-sitter re-parses only
/// around the change. Typing in a broken 125 KB model otherwise costs a whole parse with
/// error recovery per keystroke (~5 ms). The texts in between that needed no parse (a
/// well-formed one, a broken one edited inside a string) are not followed: the next parse
/// gives tree-sitter the one edit from the kept text to its own, which spans them all.
struct KeptTree {
    path: PathBuf,
    /// The text the tree is the parse of.
    text: Arc<str>,
    tree: Tree,
}

/// The last few edited files' trees, most recent last.
static KEPT: Mutex<Vec<KeptTree>> = Mutex::new(Vec::new());
const KEPT_FILES: usize = 4;

/// [`parse_tree`] of a new text of `path` (an edited file): incremental from the tree of
/// its previous text when one is kept. The tree is the one a fresh parse gives:
/// tree-sitter re-reads every part the edit touched and reuses only subtrees without
/// errors that lie wholly outside it.
pub(crate) fn parse_tree_edited(path: &Path, text: &Arc<str>) -> Option<Tree> {
    let kept = {
        let mut kept = KEPT.lock().unwrap_or_else(|e| e.into_inner());
        kept.iter().position(|k| k.path == path).map(|i| kept.remove(i))
    };
    let tree = match kept {
        Some(mut k) => {
            if Arc::ptr_eq(&k.text, text) || *k.text == **text {
                k.tree
            } else {
                k.tree.edit(&edit_between(&k.text, text));
                parse_with(text, Some(&k.tree))?
            }
        }
        None => parse_tree(text)?,
    };
    let mut kept = KEPT.lock().unwrap_or_else(|e| e.into_inner());
    if kept.len() >= KEPT_FILES {
        kept.remove(0);
    }
    kept.push(KeptTree { path: path.to_path_buf(), text: text.clone(), tree: tree.clone() });
    Some(tree)
}

/// The one edit that turns `old` into `new`: what lies between their common prefix and
/// their common suffix.
fn edit_between(old: &str, new: &str) -> InputEdit {
    let (o, n) = (old.as_bytes(), new.as_bytes());
    let start = common_prefix(o, n);
    let suffix = common_suffix(&o[start..], &n[start..]);
    let (old_end, new_end) = (o.len() - suffix, n.len() - suffix);
    // The two ends from the start: the edit is short, the text before it long.
    let start_position = point(o, start);
    InputEdit {
        start_byte: start,
        old_end_byte: old_end,
        new_end_byte: new_end,
        start_position,
        old_end_position: point_from(o, start, start_position, old_end),
        new_end_position: point_from(n, start, start_position, new_end),
    }
}

/// [`point`] of `offset` given the point of an earlier `from`.
fn point_from(text: &[u8], from: usize, at: Point, offset: usize) -> Point {
    let between = &text[from..offset];
    match between.iter().rposition(|b| *b == b'\n') {
        Some(last) => Point { row: at.row + between.iter().filter(|b| **b == b'\n').count(), column: offset - (from + last + 1) },
        None => Point { row: at.row, column: at.column + (offset - from) },
    }
}

/// The length of the longest common prefix. In steps of 1 KB, then 64 bytes, then one:
/// an edit is one place in a text of up to a few hundred KB, and each comparison is a call.
pub(crate) fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let max = a.len().min(b.len());
    let mut i = 0;
    for chunk in [1024, 64] {
        while i + chunk <= max && a[i..i + chunk] == b[i..i + chunk] {
            i += chunk;
        }
    }
    while i < max && a[i] == b[i] {
        i += 1;
    }
    i
}

/// The length of the longest common suffix, as [`common_prefix`].
pub(crate) fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    let max = a.len().min(b.len());
    let (mut i, la, lb) = (0, a.len(), b.len());
    for chunk in [1024, 64] {
        while i + chunk <= max && a[la - i - chunk..la - i] == b[lb - i - chunk..lb - i] {
            i += chunk;
        }
    }
    while i < max && a[la - i - 1] == b[lb - i - 1] {
        i += 1;
    }
    i
}

/// Row and byte column of `offset` in `text`.
fn point(text: &[u8], offset: usize) -> Point {
    let before = &text[..offset];
    let row = before.iter().filter(|b| **b == b'\n').count();
    let line_start = before.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
    Point { row, column: offset - line_start }
}

/// The tokens of a tree without ERROR or MISSING nodes. (For a tree with
/// errors use [`crate::lexer::lex`]: in error recovery tree-sitter's lexer can
/// fall out of step with the text, e.g. read `"name" "t2"` as `"name"`, `"`,
/// `t`, `2`, `"}, {"`..., and every token after that is wrong.)
pub(crate) fn tokenize(tree: &Tree) -> Tokens {
    let mut out = Tokens { tokens: Vec::new(), errors: Vec::new(), loose: false };
    let mut cursor = tree.walk();
    loop {
        let node = cursor.node();
        let range = node.byte_range();
        let mut descend = node.child_count() > 0;
        match node.kind() {
            "string" if node.is_named() => {
                // (Not looked at here: its value is decoded from the text when read.)
                out.tokens.push(Token { kind: TokenKind::String, range, missing: false, escapes: true });
                descend = false;
            }
            "comment" => out.errors.push(SyntaxError {
                range,
                message: "comments are not allowed in JSON; remove this comment".to_string(),
            }),
            _ if !descend => {
                if let Some(kind) = leaf_kind(node.kind(), node.is_error()) {
                    out.tokens.push(Token { kind, range, missing: node.is_missing(), escapes: kind == TokenKind::String });
                }
            }
            _ => {}
        }
        if descend && cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return out;
            }
        }
    }
}

fn leaf_kind(kind: &str, is_error: bool) -> Option<TokenKind> {
    if is_error {
        return Some(TokenKind::Junk);
    }
    Some(match kind {
        "{" => TokenKind::LBrace,
        "}" => TokenKind::RBrace,
        "[" => TokenKind::LBracket,
        "]" => TokenKind::RBracket,
        ":" => TokenKind::Colon,
        "," => TokenKind::Comma,
        "number" | "true" | "false" | "null" => TokenKind::Scalar,
        "document" => return None,
        _ => TokenKind::Junk,
    })
}


#[cfg(test)]
mod tests {
    use super::*;

    /// Common prefixes and suffixes against a byte-at-a-time count, with the first
    /// difference on and around the chunk boundaries.
    #[test]
    fn common_ends_are_exact() {
        let base: Vec<u8> = (0..5000u32).map(|i| (i * 7 % 251) as u8).collect();
        for at in [0, 1, 63, 64, 65, 1023, 1024, 1025, 1088, 2047, 4999] {
            let mut other = base.clone();
            other[at] ^= 1;
            assert_eq!(common_prefix(&base, &other), at);
            assert_eq!(common_suffix(&base, &other), base.len() - at - 1);
            assert_eq!(common_prefix(&base[..at], &base), at);
            assert_eq!(common_suffix(&base[at..], &base), base.len() - at);
        }
    }

    /// The ends of an edit, found from its start, are where they are in the whole texts.
    #[test]
    fn edit_points_match_whole_text_points() {
        let cases = [
            ("{\n  \"a\": 1\n}\n", "{\n  \"ab\": 1\n}\n"),
            ("{\n  \"a\": 1\n}\n", "{\n  \"a\": [\n1,\n2]\n}\n"),
            ("x\ny\nz", "x\nz"),
            ("x\ny\nz", "x\ny\n\nq\nz"),
            ("", "a\nb"),
            ("abc", "abc\n"),
        ];
        for (old, new) in cases {
            for (a, b) in [(old, new), (new, old)] {
                let e = edit_between(a, b);
                assert_eq!(e.start_position, point(a.as_bytes(), e.start_byte), "{a:?} -> {b:?}");
                assert_eq!(e.old_end_position, point(a.as_bytes(), e.old_end_byte), "{a:?} -> {b:?}");
                assert_eq!(e.new_end_position, point(b.as_bytes(), e.new_end_byte), "{a:?} -> {b:?}");
            }
        }
    }

    /// The tree of an edited file, read incrementally (with edits between that were not
    /// parsed), against a fresh parse of the same text: the same error status, and
    /// the same tree when there is no error (then its tokens are what the model is read
    /// from). Keystrokes that break and mend the JSON at distant places of real fixtures.
    #[test]
    fn incremental_trees_are_fresh_trees() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let (mut parsed, mut clean) = (0, 0);
        for sub in ["half-typed", "shapes", "v3"] {
            let mut names: Vec<_> = std::fs::read_dir(dir.join(sub)).unwrap().map(|e| e.unwrap().path()).collect();
            names.sort();
            for file in names {
                let path = Path::new("incremental-test").join(file.file_name().unwrap());
                let mut text = std::fs::read_to_string(&file).unwrap();
                for step in 0..80 {
                    let mut at = next(text.len() + 1);
                    while !text.is_char_boundary(at) {
                        at -= 1;
                    }
                    match next(3) {
                        0 if at < text.len() => {
                            let end = at + text[at..].chars().next().map_or(0, char::len_utf8);
                            text.replace_range(at..end, "");
                        }
                        _ => text.insert_str(at, ["x", ",", "\"", "{", "}", "]", ": ", "1"][next(8)]),
                    }
                    let shared: Arc<str> = Arc::from(text.as_str());
                    // Every third text is taken as well-formed (not parsed: the next parse
                    // spans two edits).
                    if step % 3 == 1 {
                        continue;
                    }
                    let a = parse_tree_edited(&path, &shared).unwrap();
                    let b = parse_tree(&text).unwrap();
                    assert_eq!(a.root_node().has_error(), b.root_node().has_error(), "{}: {text}", file.display());
                    if !b.root_node().has_error() {
                        assert_eq!(a.root_node().to_sexp(), b.root_node().to_sexp(), "{}: {text}", file.display());
                        clean += 1;
                    }
                    parsed += 1;
                }
            }
        }
        assert!(parsed > 500 && clean > 20, "{parsed} texts, {clean} without errors");
    }
}
