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

use tree_sitter::{Parser, Tree};

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
}

/// The tokens of a text plus the syntax errors found while reading them.
pub(crate) struct Tokens {
    pub tokens: Vec<Token>,
    pub errors: Vec<SyntaxError>,
}

thread_local! {
    /// One parser per thread, reused: creating one per file is measurable
    /// when a whole repository is indexed.
    static PARSER: RefCell<Option<Parser>> = const { RefCell::new(None) };
}

pub(crate) fn parse_tree(text: &str) -> Option<Tree> {
    PARSER.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            let mut parser = Parser::new();
            parser.set_language(&tree_sitter_json::LANGUAGE.into()).ok()?;
            *slot = Some(parser);
        }
        slot.as_mut()?.parse(text, None)
    })
}

/// The tokens of a tree without ERROR or MISSING nodes. (For a tree with
/// errors use [`crate::lexer::lex`]: in error recovery tree-sitter's lexer can
/// fall out of step with the text, e.g. read `"name" "t2"` as `"name"`, `"`,
/// `t`, `2`, `"}, {"`..., and every token after that is wrong.)
pub(crate) fn tokenize(tree: &Tree) -> Tokens {
    let mut out = Tokens { tokens: Vec::new(), errors: Vec::new() };
    let mut cursor = tree.walk();
    loop {
        let node = cursor.node();
        let range = node.byte_range();
        let mut descend = node.child_count() > 0;
        match node.kind() {
            "string" if node.is_named() => {
                out.tokens.push(Token { kind: TokenKind::String, range, missing: false });
                descend = false;
            }
            "comment" => out.errors.push(SyntaxError {
                range,
                message: "comments are not allowed in JSON; remove this comment".to_string(),
            }),
            _ if !descend => {
                if let Some(kind) = leaf_kind(node.kind(), node.is_error()) {
                    out.tokens.push(Token { kind, range, missing: node.is_missing() });
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

