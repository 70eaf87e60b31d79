//! A tolerant JSON tree rebuilt from tree-sitter's tokens.
//!
//! Well-formed JSON gives the obvious tree. Broken JSON still gives a tree:
//! a missing ',' or ':' is assumed, containers left open at the end of the
//! file are closed there, stray tokens are skipped. Each repair records one
//! [`SyntaxError`] phrased as the fix; errors that follow directly from the
//! previous one are not repeated. The builder keeps its own stack, so nesting
//! depth costs heap, not call stack.

use std::borrow::Cow;
use std::ops::Range;

use crate::model::SyntaxError;
use crate::syntax::{Token, TokenKind};

pub(crate) type NodeId = usize;

#[derive(Clone, Debug)]
pub(crate) enum Value {
    Object(Vec<Member>),
    Array(Vec<NodeId>),
    /// `escapes`: whether the string's text may hold a backslash escape (the lexer saw
    /// one, or the tokens were not the lexer's). Without, its value is its text between
    /// the quotes, read without looking at it again (the validator reads each key and
    /// value several times: that look was 3% of `check` on the model repository).
    String { escapes: bool },
    Scalar,
}

#[derive(Clone, Debug)]
pub(crate) struct Node {
    pub value: Value,
    /// Byte range; a string's includes its quotes.
    pub range: Range<usize>,
}

impl Node {
    /// The value of a string node in `text` (the text of any other node read as a string
    /// literal, as [`decode_string`] reads it).
    pub fn string_in<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let r = self.range.clone();
        if let Value::String { escapes: false } = self.value {
            // Between double quotes (nearly every string: this runs for every key and value
            // the validator reads): the text between them, no other look at it.
            let b = text.as_bytes();
            if r.len() >= 2 && b[r.start] == b'"' && b[r.end - 1] == b'"' {
                return Cow::Borrowed(&text[r.start + 1..r.end - 1]);
            }
            return Cow::Borrowed(unquoted(&text[r]));
        }
        decode_string(&text[r])
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Member {
    /// A `Value::String` node.
    pub key: NodeId,
    pub value: Option<NodeId>,
}

pub(crate) struct Tree<'t> {
    pub text: &'t str,
    pub nodes: Vec<Node>,
    pub root: Option<NodeId>,
}

/// A document's tree without its text, with the errors the plain lexer and the builder
/// found on the way (unsorted, as found): what [`crate::parse_document_shared`] built, handed
/// to the validator so a model is lexed and built once per text, not once per reader.
#[derive(Debug)]
pub(crate) struct ParsedJson {
    pub nodes: Vec<Node>,
    pub root: Option<NodeId>,
    pub errors: Vec<SyntaxError>,
}

impl<'t> Tree<'t> {
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id]
    }

    /// The decoded value of a string node (`None` for other nodes).
    pub fn str(&self, id: NodeId) -> Option<Cow<'t, str>> {
        let node = &self.nodes[id];
        match node.value {
            Value::String { .. } => Some(node.string_in(self.text)),
            _ => None,
        }
    }

    pub fn members(&self, id: NodeId) -> &[Member] {
        match &self.nodes[id].value {
            Value::Object(members) => members,
            _ => &[],
        }
    }

    /// A property value as a list: the items of an array, else the value itself.
    /// DTDL lets any property be one value or an array of them.
    pub fn items(&self, id: NodeId) -> Items {
        items(&self.nodes, id)
    }

    pub fn is_object(&self, id: NodeId) -> bool {
        matches!(self.nodes[id].value, Value::Object(_))
    }
}

/// The items of node `id` of `nodes`: an array's, else the node itself. (Inline: most are
/// a handful, and the model walker and the validator ask this of every property.)
pub(crate) type Items = smallvec::SmallVec<[NodeId; 8]>;

pub(crate) fn items(nodes: &[Node], id: NodeId) -> Items {
    match &nodes[id].value {
        Value::Array(items) => Items::from_slice(items),
        _ => smallvec::smallvec![id],
    }
}

/// A string literal's text between its quotes, escapes as written. The closing quote is
/// absent from an unterminated string; a bare word (an unquoted key) has none; the lexer
/// also accepts single quotes.
fn unquoted(literal: &str) -> &str {
    match literal.as_bytes().first() {
        Some(&q @ (b'"' | b'\'')) => {
            let rest = &literal[1..];
            rest.strip_suffix(q as char).unwrap_or(rest)
        }
        _ => literal,
    }
}

/// The text of a JSON string literal without quotes, escapes decoded.
/// Tolerates a missing closing quote. Invalid escapes are kept as written.
pub(crate) fn decode_string(literal: &str) -> Cow<'_, str> {
    let inner = unquoted(literal);
    if !inner.contains('\\') {
        return Cow::Borrowed(inner);
    }
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('"') => out.push('"'),
            Some('\\') => out.push('\\'),
            Some('/') => out.push('/'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('u') => {
                let hex: String = chars.clone().take(4).collect();
                match u32::from_str_radix(&hex, 16) {
                    Ok(code) if hex.len() == 4 => {
                        for _ in 0..4 {
                            chars.next();
                        }
                        out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                    }
                    _ => out.push_str("\\u"),
                }
            }
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    Cow::Owned(out)
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum ObjectState {
    /// After `{` or `,`: a key or `}`.
    Key,
    /// After a key: `:`.
    Colon,
    /// After `:`: a value.
    Value,
    /// After a value: `,` or `}`.
    Next,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum ArrayState {
    Value,
    Next,
}

#[derive(Debug)]
enum Frame {
    Object { node: NodeId, state: ObjectState, comma: Option<Range<usize>> },
    Array { node: NodeId, state: ArrayState, comma: Option<Range<usize>> },
}

impl Frame {
    fn node(&self) -> NodeId {
        match self {
            Frame::Object { node, .. } | Frame::Array { node, .. } => *node,
        }
    }
}

struct Builder<'t> {
    text: &'t str,
    nodes: Vec<Node>,
    stack: Vec<Frame>,
    root: Option<NodeId>,
    root_done: bool,
    errors: Vec<SyntaxError>,
    /// Set after an error; cleared by the next token that fits. While set,
    /// further errors are consequences of the first and are not reported.
    recovering: bool,
}

/// Builds the tolerant tree; returns it with the syntax errors found on the way.
pub(crate) fn build<'t>(text: &'t str, tokens: &[Token]) -> (Tree<'t>, Vec<SyntaxError>) {
    let mut b = Builder {
        text,
        // About one value per two tokens (a member is a key, ':' and a value, then ','):
        // reserved once rather than grown by doubling through a large model.
        nodes: Vec::with_capacity(tokens.len() / 2 + 1),
        stack: Vec::new(),
        root: None,
        root_done: false,
        errors: Vec::new(),
        recovering: false,
    };
    for token in tokens {
        b.token(token);
    }
    b.finish();
    (Tree { text, nodes: b.nodes, root: b.root }, b.errors)
}

impl<'t> Builder<'t> {
    fn error(&mut self, range: Range<usize>, message: impl Into<String>) {
        if !self.recovering {
            self.errors.push(SyntaxError { range, message: message.into() });
        }
        self.recovering = true;
    }

    fn ok(&mut self) {
        self.recovering = false;
    }

    fn new_node(&mut self, value: Value, range: Range<usize>) -> NodeId {
        self.nodes.push(Node { value, range });
        self.nodes.len() - 1
    }

    fn token(&mut self, t: &Token) {
        if t.missing {
            // tree-sitter already reported it; apply it silently.
            self.recovering = true;
        }
        match t.kind {
            TokenKind::Junk => {
                let text = &self.text[t.range.clone()];
                let message = if text == "\"" {
                    "unterminated string: add the closing '\"' (JSON strings cannot span lines)".to_string()
                } else {
                    format!("unexpected '{}'", shorten(text))
                };
                self.error(t.range.clone(), message);
            }
            TokenKind::String | TokenKind::Scalar | TokenKind::LBrace | TokenKind::LBracket => self.value(t),
            TokenKind::Word => self.word(t),
            TokenKind::Colon => self.colon(t),
            TokenKind::Comma => self.comma(t),
            TokenKind::RBrace => self.close(t, true),
            TokenKind::RBracket => self.close(t, false),
        }
    }

    /// Creates the node for a value-starting token, pushing a frame for containers.
    fn make_value(&mut self, t: &Token) -> NodeId {
        match t.kind {
            TokenKind::LBrace => {
                let id = self.new_node(Value::Object(Vec::new()), t.range.clone());
                self.stack.push(Frame::Object { node: id, state: ObjectState::Key, comma: None });
                id
            }
            TokenKind::LBracket => {
                let id = self.new_node(Value::Array(Vec::new()), t.range.clone());
                self.stack.push(Frame::Array { node: id, state: ArrayState::Value, comma: None });
                id
            }
            TokenKind::String => self.new_node(Value::String { escapes: t.escapes }, t.range.clone()),
            _ => self.new_node(Value::Scalar, t.range.clone()),
        }
    }

    fn value(&mut self, t: &Token) {
        let Some(frame) = self.stack.last() else {
            if self.root_done {
                self.error(t.range.clone(), "unexpected content after the end of the JSON document");
                // Parse it anyway (as an orphan) so brackets stay balanced.
                self.make_value(t);
            } else {
                let id = self.make_value(t);
                self.root = Some(id);
                // A scalar root is complete at once; a container when it closes.
                if self.stack.last().is_none_or(|f| f.node() != id) {
                    self.root_done = true;
                }
                self.ok();
            }
            return;
        };
        match *frame {
            Frame::Object { node, state, .. } => match state {
                ObjectState::Key | ObjectState::Next if t.kind == TokenKind::String => {
                    if state == ObjectState::Next {
                        self.error(t.range.start..t.range.start, "expected ',' or '}' after property");
                    } else {
                        self.ok();
                    }
                    let key = self.make_value(t);
                    self.push_member(node, Member { key, value: None });
                    self.set_object_state(ObjectState::Colon);
                }
                ObjectState::Key => {
                    self.error(t.range.clone(), "expected a property name in double quotes");
                    self.make_value(t);
                }
                ObjectState::Next => {
                    self.error(t.range.clone(), "expected ',' or '}' after property");
                    self.make_value(t);
                }
                ObjectState::Colon | ObjectState::Value => {
                    if state == ObjectState::Colon {
                        self.error(t.range.start..t.range.start, "expected ':' after property name");
                    } else {
                        self.ok();
                    }
                    self.set_object_state(ObjectState::Next);
                    let id = self.make_value(t);
                    self.set_last_member_value(node, id);
                }
            },
            Frame::Array { node, state, .. } => {
                if state == ArrayState::Next {
                    self.error(t.range.start..t.range.start, "expected ',' or ']' after array element");
                } else {
                    self.ok();
                }
                self.set_array_state(ArrayState::Next);
                let id = self.make_value(t);
                if let Value::Array(items) = &mut self.nodes[node].value {
                    items.push(id);
                }
            }
        }
    }

    /// A bare word: an unquoted property name is kept as the key; elsewhere
    /// it stands in for a value so the structure around it survives.
    fn word(&mut self, t: &Token) {
        let word = &self.text[t.range.clone()];
        if let Some(Frame::Object { node, state: ObjectState::Key | ObjectState::Next, .. }) = self.stack.last() {
            let node = *node;
            self.recovering = false;
            self.error(t.range.clone(), format!("property names must be in double quotes: \"{word}\""));
            let key = self.new_node(Value::String { escapes: false }, t.range.clone());
            self.push_member(node, Member { key, value: None });
            self.set_object_state(ObjectState::Colon);
            return;
        }
        let lower = word.to_ascii_lowercase();
        let message = if matches!(lower.as_str(), "true" | "false" | "null") {
            format!("'{word}' is not JSON: write '{lower}'")
        } else {
            format!("unexpected '{word}': JSON strings must be in double quotes")
        };
        self.error(t.range.clone(), message);
        let recovering = self.recovering;
        self.value(&Token { kind: TokenKind::Scalar, range: t.range.clone(), missing: false, escapes: false });
        self.recovering = recovering;
    }

    fn push_member(&mut self, object: NodeId, member: Member) {
        if let Value::Object(members) = &mut self.nodes[object].value {
            members.push(member);
        }
    }

    fn set_last_member_value(&mut self, object: NodeId, value: NodeId) {
        if let Value::Object(members) = &mut self.nodes[object].value {
            if let Some(last) = members.last_mut() {
                last.value = Some(value);
            }
        }
    }

    /// Sets the state of the innermost frame, which must be an object.
    fn set_object_state(&mut self, new: ObjectState) {
        if let Some(Frame::Object { state, .. }) = self.stack.last_mut() {
            *state = new;
        }
    }

    fn set_array_state(&mut self, new: ArrayState) {
        if let Some(Frame::Array { state, .. }) = self.stack.last_mut() {
            *state = new;
        }
    }

    fn colon(&mut self, t: &Token) {
        match self.stack.last() {
            Some(Frame::Object { state: ObjectState::Colon, .. }) => {
                self.ok();
                self.set_object_state(ObjectState::Value);
            }
            _ => self.error(t.range.clone(), "unexpected ':'"),
        }
    }

    fn comma(&mut self, t: &Token) {
        let Some(frame) = self.stack.last_mut() else {
            self.error(t.range.clone(), "unexpected ','");
            return;
        };
        match frame {
            Frame::Object { state, comma, .. } => {
                let was = *state;
                *state = ObjectState::Key;
                *comma = Some(t.range.clone());
                match was {
                    ObjectState::Next => self.ok(),
                    ObjectState::Key => self.error(t.range.clone(), "unexpected ','"),
                    ObjectState::Colon => {
                        self.error(t.range.start..t.range.start, "expected ':' and a value after property name")
                    }
                    ObjectState::Value => self.error(t.range.start..t.range.start, "expected a value before ','"),
                }
            }
            Frame::Array { state, comma, .. } => {
                let was = *state;
                *state = ArrayState::Value;
                *comma = Some(t.range.clone());
                match was {
                    ArrayState::Next => self.ok(),
                    ArrayState::Value => self.error(t.range.clone(), "unexpected ','"),
                }
            }
        }
    }

    fn close(&mut self, t: &Token, brace: bool) {
        let closer = if brace { '}' } else { ']' };
        // Find the innermost frame this closer can close.
        let Some(pos) = self
            .stack
            .iter()
            .rposition(|f| matches!((f, brace), (Frame::Object { .. }, true) | (Frame::Array { .. }, false)))
        else {
            self.error(t.range.clone(), format!("unexpected '{closer}'"));
            return;
        };
        // Frames above it were left open.
        while self.stack.len() > pos + 1 {
            let frame = self.stack.pop().expect("frame above pos");
            let (what, expected) = match frame {
                Frame::Object { .. } => ("object", '}'),
                Frame::Array { .. } => ("array", ']'),
            };
            self.error(
                t.range.start..t.range.start,
                format!("expected '{expected}' to close the {what} before '{closer}'"),
            );
            self.nodes[frame.node()].range.end = t.range.start;
        }
        let frame = self.stack.pop().expect("frame at pos");
        let id = frame.node();
        match frame {
            Frame::Object { state, comma, .. } => match state {
                ObjectState::Key => match comma {
                    Some(c) => self.error(c, "trailing comma: remove the ',' before '}'"),
                    None => self.ok(),
                },
                ObjectState::Next => self.ok(),
                ObjectState::Colon => self.error(t.range.start..t.range.start, "expected ':' and a value after property name"),
                ObjectState::Value => self.error(t.range.start..t.range.start, "expected a value after ':'"),
            },
            Frame::Array { state, comma, .. } => match (state, comma) {
                (ArrayState::Value, Some(c)) => self.error(c, "trailing comma: remove the ',' before ']'"),
                _ => self.ok(),
            },
        }
        self.nodes[id].range.end = t.range.end;
        if self.stack.is_empty() && self.root == Some(id) {
            self.root_done = true;
        }
    }

    fn finish(&mut self) {
        let end = self.text.len();
        // Report only the innermost unclosed container: closing it is the fix
        // the user needs first, and the rest follow from where they stop typing.
        let mut reported = false;
        while let Some(frame) = self.stack.pop() {
            let id = frame.node();
            if !reported {
                let (what, closer) = match frame {
                    Frame::Object { .. } => ("object", '}'),
                    Frame::Array { .. } => ("array", ']'),
                };
                let start = self.nodes[id].range.start;
                let line = self.text[..start].bytes().filter(|&b| b == b'\n').count() + 1;
                self.recovering = false;
                self.error(
                    end..end,
                    format!("unexpected end of file: expected '{closer}' to close the {what} opened on line {line}"),
                );
                reported = true;
            }
            self.nodes[id].range.end = end;
        }
    }
}

fn shorten(text: &str) -> String {
    let mut s: String = text.chars().take(24).collect();
    if s.len() < text.len() {
        s.push('…');
    }
    s
}
