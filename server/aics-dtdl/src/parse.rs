//! From a file's text to a [`ModelDocument`].
//!
//! The JSON is read tolerantly (see [`crate::json`]); this module decides
//! whether it is a DTDL model at all and pulls out Interfaces, contents and
//! references. It reads DTDL structurally, by property name, the way the
//! language allows it to be written: any property as one value or an array,
//! `contents` as a single object, member names as full IRIs
//! (`dtmi:dtdl:property:name;3`), `@type` as a string or an array.
//!
//! Element nesting is followed to [`MAX_ELEMENT_DEPTH`] levels, far beyond what
//! the language allows, so hostile input cannot exhaust the call stack.

use std::borrow::Cow;
use std::path::PathBuf;

use crate::json::{self, NodeId, Tree};
use crate::model::{
    JsonHandoff, Content, ContentKind, DtdlVersion, ElementId, Interface, InterfaceRef, ModelDocument, Reference,
    ReferenceKind, SyntaxError,
};
use crate::{lexer, syntax};

/// How deep DTDL elements (Interfaces, contents, schemas) are followed. DTDL
/// itself caps `extends` at 10-12 levels and complex schemas at a handful.
pub const MAX_ELEMENT_DEPTH: usize = 64;

/// Properties whose values are DTDL elements, so a DTMI string there names an
/// element that must exist. (`target` of a Relationship is deliberately absent:
/// it may name any Interface, known or not.)
const ELEMENT_PROPERTIES: [&str; 12] = [
    "contents",
    "extends",
    "schemas",
    "schema",
    "elementSchema",
    "enumValues",
    "fields",
    "mapKey",
    "mapValue",
    "request",
    "response",
    "properties",
];

/// How the JSON text is read. Both give the same tokens for well-formed
/// JSON (the corpus test checks this on 19,255 files) and both go through the
/// same tolerant tree builder.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum JsonReader {
    /// Well-formed files (told by a strict validating pass) are tokenized by the
    /// plain lexer; files with errors are parsed by tree-sitter-json, whose error
    /// detection decides what is broken, and tokenized by the plain lexer
    /// (tree-sitter's recovery can mis-read every token after an error). The
    /// reader for files users edit.
    #[default]
    Checked,
    /// tree-sitter-json for every file, well-formed or not: the reader before the
    /// fast path of [`JsonReader::Checked`], kept as the reference the tests hold
    /// the other two to.
    TreeSitter,
    /// The plain lexer only, with no validity pass: what it and the tree builder
    /// notice is all that is reported. Used for repository files, which are read
    /// in bulk and not edited.
    Lexer,
}

/// Parses one file. Returns `None` when it is not a DTDL model candidate:
/// a file is one when a top-level object has an `@context` naming a `dtmi:`
/// context (a DTDL one, or a misspelt, unknown-version or extension-only one
/// the validator then reports), or a `dtmi:` `@id` with an Interface `@type`
/// or an `@context` of any value (a model whose context is missing or empty).
/// package.json, tsconfig.json and other JSON-LD (`"@context":
/// "https://schema.org"`) are not ours to report on. Never fails otherwise:
/// syntax errors are in [`ModelDocument::syntax_errors`] and everything around
/// them is indexed.
pub fn parse_document(path: impl Into<PathBuf>, text: &str) -> Option<ModelDocument> {
    parse_document_with(path, text, JsonReader::Checked)
}

/// [`parse_document`] of a text already shared: the document's
/// [`ModelDocument::source`] is that same allocation (unless a byte order mark must be
/// blanked), not a copy.
///
/// With `keep_tree`, the JSON tree built on the way is kept in the document for its
/// validation ([`crate::validate()`] takes it, so the text is lexed and built once): for a
/// document validated right after (an edited file), whose tree the next edit of the same
/// file may also start from. Without, the validation builds its own: reading many files
/// first and validating them later, holding every tree in between costs more (memory, cold
/// caches) than building each again; [`parse_and_validate_shared`] validates such a run's
/// documents that need no other as they are parsed.
pub fn parse_document_shared(path: impl Into<PathBuf>, text: &std::sync::Arc<str>, keep_tree: bool) -> Option<ModelDocument> {
    parse(path.into(), text, Some(text), JsonReader::Checked, if keep_tree { Keep::ForEdits } else { Keep::No })
}

/// [`parse_document_shared`] for a run that reads many files and validates them later
/// (`check`), with the validation done here, on the tree just built, when the document
/// needs no other to be validated: every DTMI it refers to is defined in it (the index of
/// the other documents is then never asked, so the findings are those a validation with
/// the whole index makes). The tree is not kept either way: a document that refers to
/// others is validated later as without this (its tree built again then). Building each
/// tree once instead of twice is about a tenth of `check`'s CPU time on the model
/// repository, where most documents refer to none.
pub fn parse_and_validate_shared(path: impl Into<PathBuf>, text: &std::sync::Arc<str>) -> Option<(ModelDocument, Option<Vec<crate::ModelProblem>>)> {
    let mut doc = parse(path.into(), text, Some(text), JsonReader::Checked, Keep::ForValidation)?;
    let alone = doc.syntax_errors.is_empty() && doc.references.iter().all(|r| doc.defines_element(&r.dtmi));
    let problems = if alone { crate::validate::validate_alone(&doc, &crate::ValidationOptions::default()) } else { None };
    doc.json = JsonHandoff::default();
    Some((doc, problems))
}

/// What the parse keeps of the JSON tree it builds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Keep {
    No,
    /// For the document's validation right after, and for the next edit of the same file
    /// (the language server: see `reuse`).
    ForEdits,
    /// For the document's validation right after only.
    ForValidation,
}

/// [`parse_document`] with a choice of [`JsonReader`].
pub fn parse_document_with(path: impl Into<PathBuf>, text: &str, reader: JsonReader) -> Option<ModelDocument> {
    parse(path.into(), text, None, reader, Keep::No)
}

fn parse(path: PathBuf, text: &str, shared: Option<&std::sync::Arc<str>>, reader: JsonReader, keep: Keep) -> Option<ModelDocument> {
    // A UTF-8 byte order mark is legal in these files (editors on Windows write
    // it); blank it out so byte offsets stay those of the original text.
    let (text, shared): (Cow<'_, str>, _) = match text.strip_prefix('\u{feff}') {
        Some(rest) => (Cow::Owned(format!("   {rest}")), None),
        None => (Cow::Borrowed(text), shared),
    };
    let text = text.as_ref();
    // `lexed`: the tokens are the plain lexer's, the ones the validator reads; tree-sitter's
    // (a file it reads without error that the strict pass rejected) could differ, and the
    // validator then builds its own tree.
    // An edit inside one string value of a well-formed text (typing in a description):
    // the last text's tree with the ranges after the edit moved is this text's tree.
    let edited = match (shared, keep, reader) {
        (Some(shared), Keep::ForEdits, JsonReader::Checked) => Some(shared),
        _ => None,
    };
    let reused = edited.and_then(|shared| reuse::tree_after_string_edit(&path, shared));
    // The same for a broken text (typing in a description of a model with a missing comma):
    // its tokens are the last text's, moved, and tree-sitter's verdict is the last one.
    let relexed = match (edited, &reused) {
        (Some(shared), None) => reuse::tokens_after_string_edit(&path, shared),
        _ => None,
    };
    // Well-formed JSON (most files, every file of a model repository) needs no error
    // recovery: the plain lexer and the builder read it first, and when they find it
    // RFC 8259 JSON ([`strictly_json`]: what a strict parser such as serde_json accepts; a
    // test holds the two to the same verdict) their tokens and tree are taken as they are
    // (the plain lexer gives exactly the tokens tree-sitter would: the tests compare the
    // two on every JSON file they have). Anything else takes the tree-sitter path below,
    // so diagnostics on broken files are unchanged; the plain reading is used again there
    // when tree-sitter finds errors too.
    let mut first = (reused.is_none() && relexed.is_none() && reader == JsonReader::Checked).then(|| read_plainly(text));
    let well_formed = reused.is_some() || first.as_ref().is_some_and(|(tokens, (tree, errors))| strictly_json(tokens, tree.root.is_some(), errors));
    let (tree_has_error, lexed, tokens, built) = match (reader, relexed) {
        _ if reused.is_some() => (false, true, syntax::Tokens { tokens: Vec::new(), errors: Vec::new(), loose: false }, None),
        (_, Some((tokens, tree_has_error))) => (tree_has_error, true, tokens, None),
        (JsonReader::Checked, None) if well_formed => {
            let (tokens, built) = first.take().expect("read first when checked");
            (false, true, tokens, Some(built))
        }
        (JsonReader::Checked | JsonReader::TreeSitter, None) => {
            // An edited file's next text is read incrementally from the tree of its last.
            let ts_tree = match shared {
                Some(shared) if keep == Keep::ForEdits && reader == JsonReader::Checked => syntax::parse_tree_edited(&path, shared)?,
                _ => syntax::parse_tree(text)?,
            };
            let has_error = ts_tree.root_node().has_error();
            match (has_error, first.take()) {
                (true, Some((tokens, built))) => (true, true, tokens, Some(built)),
                (true, None) => (true, true, lexer::lex(text), None),
                (false, _) => (false, false, syntax::tokenize(&ts_tree), None),
            }
        }
        (JsonReader::Lexer, None) => (false, true, lexer::lex(text), None),
    };
    let (tree, build_errors) = match (reused, built) {
        (Some((nodes, root)), _) => (Tree { text, nodes, root }, Vec::new()),
        (None, Some(built)) => built,
        (None, None) => json::build(text, &tokens.tokens),
    };
    let broken = tree_has_error || !tokens.errors.is_empty() || !build_errors.is_empty();
    let lexed = lexed && keep != Keep::No;
    let validator_errors = if lexed { tokens.errors.iter().chain(&build_errors).cloned().collect() } else { Vec::new() };
    // A broken edited text read with the plain lexer: its tokens, for the next edit.
    let tokens = match (edited, lexed && !well_formed) {
        (Some(shared), true) => {
            reuse::keep_tokens(&path, shared, tokens.tokens, tokens.errors.clone(), tree_has_error);
            syntax::Tokens { tokens: Vec::new(), errors: tokens.errors, loose: false }
        }
        _ => tokens,
    };

    let version = document_version(&tree)
        .or_else(|| {
            // The structure may be too broken to find `@context` (a file cut off
            // mid-way); a DTDL context string anywhere still marks a model file.
            broken.then(|| context_in_text(text)).flatten()
        })
        .or_else(|| candidate_version(&tree))?;

    let mut walker = Walker {
        tree: &tree,
        doc: ModelDocument {
            path,
            version,
            interfaces: Vec::new(),
            roots: Vec::new(),
            references: Vec::new(),
            element_ids: Vec::new(),
            syntax_errors: merge_errors(tokens.errors, build_errors, tree_has_error, text),
            source: shared.cloned().unwrap_or_else(|| std::sync::Arc::from(text)),
            json: JsonHandoff::default(),
        },
    };
    if let Some(root) = tree.root {
        for item in tree.items(root) {
            if !tree.is_object(item) {
                continue;
            }
            let item_version = context_version(&tree, item).unwrap_or(version);
            if is_interface(&tree, item) {
                if let Some(index) = walker.interface(item, item_version, 0) {
                    walker.doc.roots.push(index);
                }
            } else {
                walker.element(item, 0, false);
            }
        }
    }
    let mut doc = walker.doc;
    if lexed {
        let clean = well_formed && validator_errors.is_empty();
        let parsed = std::sync::Arc::new(json::ParsedJson { nodes: tree.nodes, root: tree.root, errors: validator_errors });
        if let (true, Some(shared), Keep::ForEdits) = (clean, shared, keep) {
            reuse::keep(&doc.path, shared, &parsed);
        }
        doc.json = JsonHandoff::from_shared(parsed);
    }
    Some(doc)
}

/// Whether a text the plain lexer read as `tokens` (and the builder as one value, `root`,
/// with `build_errors`) is one well-formed JSON value (RFC 8259) as a strict parser reads
/// it: nothing the lexer or the builder reported or took loosely. (At any depth: the
/// builder keeps its own stack.)
pub(crate) fn strictly_json(tokens: &syntax::Tokens, root: bool, build_errors: &[crate::model::SyntaxError]) -> bool {
    !tokens.loose && tokens.errors.is_empty() && build_errors.is_empty() && root
}

/// Whether `text` is one well-formed JSON value as the plain reading judges it (see
/// [`strictly_json`]; for tests).
#[doc(hidden)]
pub fn reads_as_strict_json(text: &str) -> bool {
    let (tokens, (tree, errors)) = read_plainly(text);
    strictly_json(&tokens, tree.root.is_some(), &errors)
}

/// The plain lexer's tokens of `text` and the builder's tree of them, with its errors.
fn read_plainly(text: &str) -> (syntax::Tokens, (Tree<'_>, Vec<crate::model::SyntaxError>)) {
    let tokens = lexer::lex(text);
    let built = json::build(text, &tokens.tokens);
    (tokens, built)
}

/// The member name as a DTDL term: `dtmi:dtdl:property:name;3` → `name`,
/// `dtmi:dtdl:class:Telemetry;2` → `Telemetry`; anything else unchanged.
pub(crate) fn term(iri: &str) -> &str {
    for prefix in ["dtmi:dtdl:property:", "dtmi:dtdl:class:"] {
        if let Some(rest) = iri.strip_prefix(prefix) {
            return rest.split(';').next().unwrap_or(rest);
        }
    }
    iri
}

/// `dtmi:dtdl:context;N` (v4 also `;4#limitless`, `;4#limits`) → version.
fn dtdl_context(s: &str) -> Option<DtdlVersion> {
    let rest = s.strip_prefix("dtmi:dtdl:context;")?;
    let (number, fragment) = rest.split_at(rest.find('#').unwrap_or(rest.len()));
    let _ = fragment;
    match number {
        "2" => Some(DtdlVersion::V2),
        "3" => Some(DtdlVersion::V3),
        "4" => Some(DtdlVersion::V4),
        _ => None,
    }
}

fn context_version(tree: &Tree<'_>, object: NodeId) -> Option<DtdlVersion> {
    let member = tree.members(object).iter().find(|m| tree.str(m.key).as_deref() == Some("@context"))?;
    tree.items(member.value?).into_iter().find_map(|item| tree.str(item).and_then(|s| dtdl_context(&s)))
}

fn document_version(tree: &Tree<'_>) -> Option<DtdlVersion> {
    let root = tree.root?;
    tree.items(root).into_iter().filter(|&i| tree.is_object(i)).find_map(|i| context_version(tree, i))
}

/// A model whose DTDL context is missing, empty, misspelt or of an unknown
/// version is still a model candidate (see [`parse_document`]); its version
/// is read from a context that looks like a DTDL one (`dtmi:dtdl:Context;3`),
/// else DTDL v2, the version of almost all published models.
fn candidate_version(tree: &Tree<'_>) -> Option<DtdlVersion> {
    let root = tree.root?;
    let mut candidate = false;
    let mut guessed = None;
    for item in tree.items(root).into_iter().filter(|&i| tree.is_object(i)) {
        let member = |key: &str| tree.members(item).iter().find(|m| tree.str(m.key).as_deref() == Some(key)).and_then(|m| m.value);
        let context = member("@context");
        let contexts: Vec<String> = context.map(|c| tree.items(c).into_iter().filter_map(|i| tree.str(i).map(|s| s.into_owned())).collect()).unwrap_or_default();
        let dtmi_id = member("@id").and_then(|v| tree.str(v)).is_some_and(|s| s.starts_with("dtmi:"));
        let interface = member("@type").is_some_and(|t| tree.items(t).into_iter().any(|x| tree.str(x).as_deref().map(term) == Some("Interface")));
        if contexts.iter().any(|c| c.to_ascii_lowercase().starts_with("dtmi:")) || (dtmi_id && (interface || context.is_some())) {
            candidate = true;
            guessed = guessed.or_else(|| {
                contexts.iter().find_map(|c| {
                    let lower = c.to_ascii_lowercase();
                    let rest = lower.strip_prefix("dtmi:dtdl:context;")?;
                    match rest.chars().next()? {
                        '3' => Some(DtdlVersion::V3),
                        '4' => Some(DtdlVersion::V4),
                        _ => Some(DtdlVersion::V2),
                    }
                })
            });
        }
    }
    candidate.then(|| guessed.unwrap_or(DtdlVersion::V2))
}

fn context_in_text(text: &str) -> Option<DtdlVersion> {
    let at = text.find("\"dtmi:dtdl:context;")?;
    let rest = &text[at + 1..];
    let end = rest.find('"').unwrap_or(rest.len());
    dtdl_context(&rest[..end])
}

/// A top-level object is an Interface unless its `@type` says otherwise
/// (a half-typed file may not have an `@type` yet).
fn is_interface(tree: &Tree<'_>, object: NodeId) -> bool {
    match tree.members(object).iter().find(|m| tree.str(m.key).as_deref().map(term) == Some("@type")) {
        Some(m) => match m.value {
            Some(v) => tree.items(v).into_iter().any(|t| tree.str(t).as_deref().map(term) == Some("Interface")),
            None => true,
        },
        None => true,
    }
}

/// Lexer and builder errors in text order, one per position. If tree-sitter
/// saw an error that neither explains, the file still must not look clean.
fn merge_errors(
    mut errors: Vec<SyntaxError>,
    build: Vec<SyntaxError>,
    tree_has_error: bool,
    text: &str,
) -> Vec<SyntaxError> {
    errors.extend(build);
    if errors.is_empty() && tree_has_error {
        errors.push(SyntaxError { range: 0..text.len(), message: "the file is not valid JSON".to_string() });
    }
    errors.sort_by_key(|e| (e.range.start, e.range.end));
    errors.dedup_by(|a, b| a.range.start == b.range.start);
    errors
}

struct Walker<'a, 't> {
    tree: &'a Tree<'t>,
    doc: ModelDocument,
}

impl Walker<'_, '_> {
    fn string(&self, node: NodeId) -> Option<String> {
        self.tree.str(node).map(Cow::into_owned)
    }

    fn interface(&mut self, node: NodeId, version: DtdlVersion, depth: usize) -> Option<usize> {
        if depth > MAX_ELEMENT_DEPTH {
            return None;
        }
        let tree = self.tree;
        let index = self.doc.interfaces.len();
        self.doc.interfaces.push(Interface {
            id: None,
            id_range: None,
            range: tree.node(node).range.clone(),
            version,
            display_name: None,
            contents: Vec::new(),
            extends: Vec::new(),
        });
        let version = context_version(tree, node).unwrap_or(version);
        let (mut id, mut id_range, mut display_name) = (None, None, None);
        let (mut contents, mut extends) = (Vec::new(), Vec::new());
        for member in tree.members(node) {
            let (Some(key), Some(value)) = (tree.str(member.key), member.value) else { continue };
            match term(&key) {
                "@id" => {
                    if let Some(s) = self.string(value) {
                        let range = tree.node(value).range.clone();
                        self.doc.element_ids.push(ElementId { id: s.clone(), range: range.clone() });
                        id = Some(s);
                        id_range = Some(range);
                    }
                }
                "displayName" => display_name = self.display_string(value),
                "contents" => {
                    for item in tree.items(value) {
                        if tree.is_object(item) {
                            contents.extend(self.content(item, version, depth + 1));
                        } else {
                            self.reference(item, ReferenceKind::Element, "contents");
                        }
                    }
                }
                "extends" => {
                    for item in tree.items(value) {
                        if tree.is_object(item) {
                            extends.extend(self.interface(item, version, depth + 1).map(InterfaceRef::Inline));
                        } else if let Some(r) = self.reference(item, ReferenceKind::Extends, "extends") {
                            extends.push(r);
                        }
                    }
                }
                "schemas" => {
                    for item in tree.items(value) {
                        if tree.is_object(item) {
                            self.element(item, depth + 1, false);
                        } else {
                            self.reference(item, ReferenceKind::Element, "schemas");
                        }
                    }
                }
                _ => {}
            }
        }
        let interface = &mut self.doc.interfaces[index];
        interface.id = id;
        interface.id_range = id_range;
        interface.version = version;
        interface.display_name = display_name;
        interface.contents = contents;
        interface.extends = extends;
        Some(index)
    }

    fn content(&mut self, node: NodeId, version: DtdlVersion, depth: usize) -> Option<Content> {
        if depth > MAX_ELEMENT_DEPTH {
            return None;
        }
        let tree = self.tree;
        let (mut types, mut name, mut schema, mut unit) = (Vec::new(), None, None, None);
        for member in tree.members(node) {
            let (Some(key), Some(value)) = (tree.str(member.key), member.value) else { continue };
            match term(&key) {
                "@type" => {
                    types = tree.items(value).into_iter().filter_map(|t| tree.str(t)).map(|t| term(&t).to_string()).collect()
                }
                "name" => name = self.string(value).map(|s| (s, tree.node(value).range.clone())),
                "schema" => schema = Some(value),
                "unit" => unit = self.string(value),
                _ => {}
            }
        }
        let kind = types.iter().find_map(|t| match t.as_str() {
            "Telemetry" => Some(ContentKind::Telemetry),
            "Property" => Some(ContentKind::Property),
            "Command" => Some(ContentKind::Command),
            "Relationship" => Some(ContentKind::Relationship),
            "Component" => Some(ContentKind::Component),
            _ => None,
        });
        let mut component_schema = None;
        let mut schema_display = None;
        if kind == Some(ContentKind::Component) {
            self.element(node, depth, true);
            if let Some(first) = schema.and_then(|s| tree.items(s).into_iter().next()) {
                if tree.is_object(first) {
                    component_schema = self.interface(first, version, depth + 1).map(InterfaceRef::Inline);
                    schema_display = Some("Interface".to_string());
                } else {
                    component_schema = self.reference(first, ReferenceKind::ComponentSchema, "schema");
                    schema_display = self.string(first);
                }
            }
        } else {
            self.element(node, depth, false);
            schema_display = schema.and_then(|s| self.schema_display(s));
        }
        let (name, name_range) = name?;
        Some(Content {
            kind: kind?,
            types,
            name,
            name_range,
            range: tree.node(node).range.clone(),
            schema: schema_display,
            unit,
            component_schema,
            version,
        })
    }

    /// Any other element: records its `@id` and the references in its
    /// element-valued properties, and follows nested element objects.
    fn element(&mut self, node: NodeId, depth: usize, skip_schema: bool) {
        if depth > MAX_ELEMENT_DEPTH {
            return;
        }
        let tree = self.tree;
        for member in tree.members(node) {
            let (Some(key), Some(value)) = (tree.str(member.key), member.value) else { continue };
            let key = term(&key);
            if key == "@id" {
                if let Some(id) = self.string(value) {
                    self.doc.element_ids.push(ElementId { id, range: tree.node(value).range.clone() });
                }
                continue;
            }
            if !ELEMENT_PROPERTIES.contains(&key) || (skip_schema && key == "schema") {
                continue;
            }
            for item in tree.items(value) {
                if tree.is_object(item) {
                    self.element(item, depth + 1, false);
                } else {
                    self.reference(item, ReferenceKind::Element, key);
                }
            }
        }
    }

    /// Records a reference if `node` is a user DTMI string; returns it as an
    /// [`InterfaceRef`]. Terms (`double`) and language IRIs (`dtmi:dtdl:...`) are not references.
    fn reference(&mut self, node: NodeId, kind: ReferenceKind, property: &str) -> Option<InterfaceRef> {
        let dtmi = self.string(node)?;
        if !dtmi.starts_with("dtmi:") || dtmi.starts_with("dtmi:dtdl:") || dtmi.starts_with("dtmi:standard:") {
            return None;
        }
        let range = self.tree.node(node).range.clone();
        self.doc.references.push(Reference { dtmi: dtmi.clone(), range: range.clone(), kind, property: property.to_string() });
        Some(InterfaceRef::Dtmi { dtmi, range })
    }

    fn schema_display(&self, node: NodeId) -> Option<String> {
        let tree = self.tree;
        let first = tree.items(node).into_iter().next()?;
        if let Some(s) = tree.str(first) {
            return Some(term(&s).to_string());
        }
        if !tree.is_object(first) {
            return None;
        }
        let ty = tree
            .members(first)
            .iter()
            .find(|m| tree.str(m.key).as_deref().map(term) == Some("@type"))
            .and_then(|m| m.value)
            .and_then(|v| tree.items(v).into_iter().find_map(|t| tree.str(t)))
            .map(|t| term(&t).to_string());
        Some(ty.unwrap_or_else(|| "Object".to_string()))
    }

    /// A plain string, or the `en` (else first) entry of a language map.
    fn display_string(&self, node: NodeId) -> Option<String> {
        let tree = self.tree;
        if let Some(s) = self.string(node) {
            return Some(s);
        }
        let members = tree.members(node);
        let pick = members
            .iter()
            .find(|m| tree.str(m.key).as_deref() == Some("en"))
            .or_else(|| members.first())?;
        pick.value.and_then(|v| self.string(v))
    }
}

/// The trees of the last few edited well-formed texts, for the next edit of the same file.
mod reuse {
    use std::path::{Path, PathBuf};
    use std::sync::{Arc, Mutex};

    use crate::json::{Node, NodeId, ParsedJson, Value};
    use crate::model::SyntaxError;
    use crate::syntax::{Token, TokenKind, Tokens};

    struct Kept {
        path: PathBuf,
        /// A well-formed text, without a byte order mark, and its tree (no errors).
        text: Arc<str>,
        json: Arc<ParsedJson>,
    }

    /// Most recent last.
    static KEPT: Mutex<Vec<Kept>> = Mutex::new(Vec::new());
    const KEPT_FILES: usize = 4;

    pub(super) fn keep(path: &Path, text: &Arc<str>, json: &Arc<ParsedJson>) {
        put(&KEPT, |k| k.path == path, Kept { path: path.to_path_buf(), text: text.clone(), json: json.clone() });
    }

    /// The tree of `text`, a new text of `path`, made from the tree kept for its last
    /// text when the two differ only inside one string literal, which keeps no escape and
    /// gains no quote, backslash or control character: then the lexer's tokens and the
    /// builder's tree are those of the last text, with every offset after the edit moved
    /// by its length, and the text is as well-formed as the last. Anything else: `None`
    /// (read it from the start). The same text again gets the same tree.
    pub(super) fn tree_after_string_edit(path: &Path, text: &Arc<str>) -> Option<(Vec<Node>, Option<NodeId>)> {
        // Taken out: a tree held only here is then moved, not copied.
        let kept = take(&KEPT, |k| k.path == path)?;
        let (old, new) = (kept.text.as_bytes(), text.as_bytes());
        let (start, old_end, new_end) = changed_span(old, new);
        let nodes = &kept.json.nodes;
        // The same text again (an edit undone after texts that were not kept: broken ones).
        let same = old_end == start && new_end == start;
        // Nodes are made in text order: the last one starting before the edit.
        if !same {
            let last = nodes.partition_point(|n| n.range.start < start).checked_sub(1)?;
            let string = &nodes[last];
            let inside = matches!(string.value, Value::String { .. }) && old_end < string.range.end && old.get(string.range.end - 1) == Some(&b'"');
            if !inside || old[string.range.clone()].contains(&b'\\') || new[start..new_end].iter().any(|&b| b == b'"' || b == b'\\' || b < 0x20) {
                return None;
            }
        }
        let root = kept.json.root;
        let mut nodes = match Arc::try_unwrap(kept.json) {
            Ok(json) => json.nodes,
            Err(shared) => shared.nodes.clone(),
        };
        let moved = |at: &mut usize| {
            if *at >= old_end {
                *at = *at - old_end + new_end;
            }
        };
        for n in &mut nodes {
            moved(&mut n.range.start);
            moved(&mut n.range.end);
        }
        #[cfg(test)]
        REUSED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Some((nodes, root))
    }

    /// The plain lexer's tokens of an edited broken text, and tree-sitter's verdict on it.
    struct KeptTokens {
        path: PathBuf,
        text: Arc<str>,
        tokens: Vec<Token>,
        errors: Vec<SyntaxError>,
        tree_has_error: bool,
    }

    /// Most recent last.
    static KEPT_TOKENS: Mutex<Vec<KeptTokens>> = Mutex::new(Vec::new());

    pub(super) fn keep_tokens(path: &Path, text: &Arc<str>, tokens: Vec<Token>, errors: Vec<SyntaxError>, tree_has_error: bool) {
        put(&KEPT_TOKENS, |k| k.path == path, KeptTokens { path: path.to_path_buf(), text: text.clone(), tokens, errors, tree_has_error });
    }

    /// The plain lexer's tokens and errors of `text`, a new text of `path`, and tree-sitter's
    /// verdict on it, from those kept for its last text, when the two differ only inside one
    /// double-quoted string token that ends on its line, by bytes that are no quote,
    /// backslash or control character, and the string has no escape. Then the lexer reads
    /// every token as before (a string runs to its closing quote), with every offset after
    /// the edit moved; tree-sitter's tokens are the same too, so its verdict (whether the
    /// text has an error) stands. The errors lie outside the string and keep their messages.
    pub(super) fn tokens_after_string_edit(path: &Path, text: &Arc<str>) -> Option<(Tokens, bool)> {
        let kept = take(&KEPT_TOKENS, |k| k.path == path)?;
        let (old, new) = (kept.text.as_bytes(), text.as_bytes());
        let (start, old_end, new_end) = changed_span(old, new);
        if !(old_end == start && new_end == start) {
            let last = kept.tokens.partition_point(|t| t.range.start < start).checked_sub(1)?;
            let string = &kept.tokens[last];
            let plain = |bytes: &[u8]| !bytes.iter().any(|&b| matches!(b, b'"' | b'\\' | 0..=0x1f));
            let inside = string.kind == TokenKind::String
                && old[string.range.start] == b'"'
                && string.range.len() >= 2
                && old[string.range.end - 1] == b'"'
                && old_end < string.range.end
                && plain(&old[string.range.start + 1..string.range.end - 1])
                && plain(&new[start..new_end]);
            if !inside {
                return None;
            }
        }
        let KeptTokens { mut tokens, mut errors, tree_has_error, .. } = kept;
        let moved = |at: &mut usize| {
            if *at >= old_end {
                *at = *at - old_end + new_end;
            }
        };
        for r in tokens.iter_mut().map(|t| &mut t.range).chain(errors.iter_mut().map(|e| &mut e.range)) {
            moved(&mut r.start);
            moved(&mut r.end);
        }
        #[cfg(test)]
        RELEXED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Some((Tokens { tokens, errors, loose: false }, tree_has_error))
    }

    /// `entry` put last in `list` in place of the one `is` picks, the oldest dropped beyond
    /// [`KEPT_FILES`].
    fn put<K>(list: &Mutex<Vec<K>>, is: impl Fn(&K) -> bool, entry: K) {
        let mut list = list.lock().unwrap_or_else(|e| e.into_inner());
        list.retain(|k| !is(k));
        if list.len() >= KEPT_FILES {
            list.remove(0);
        }
        list.push(entry);
    }

    /// The entry `is` picks, taken out of `list`.
    fn take<K>(list: &Mutex<Vec<K>>, is: impl Fn(&K) -> bool) -> Option<K> {
        let mut list = list.lock().unwrap_or_else(|e| e.into_inner());
        let at = list.iter().position(is)?;
        Some(list.remove(at))
    }

    /// Where `old` and `new` differ: the start, and the end in each (their common prefix and
    /// suffix left out).
    fn changed_span(old: &[u8], new: &[u8]) -> (usize, usize, usize) {
        let start = crate::syntax::common_prefix(old, new);
        let suffix = crate::syntax::common_suffix(&old[start..], &new[start..]);
        (start, old.len() - suffix, new.len() - suffix)
    }

    /// Token lists made by [`tokens_after_string_edit`], for the tests.
    #[cfg(test)]
    pub(super) static RELEXED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

    /// Trees made by [`tree_after_string_edit`], for the tests.
    #[cfg(test)]
    pub(super) static REUSED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::Ordering;
    use std::sync::Arc;

    /// A sequence of edits to real fixtures, each read as the language server reads an
    /// edited file (reusing the last tree where it can) and read afresh: the same
    /// document, the same tree, the same validation. Most edits type or delete inside a
    /// string (the reused path); some insert what ends or escapes one, or edit outside
    /// strings (the full path), so the kept tree also follows texts it was not made from.
    #[test]
    fn string_edits_reuse_the_last_tree_exactly() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let before = reuse::REUSED.load(Ordering::Relaxed);
        let relexed_before = reuse::RELEXED.load(Ordering::Relaxed);
        let (mut steps, mut inside) = (0, 0);
        for sub in ["shapes", "v3", "v4", "half-typed"] {
            let mut names: Vec<_> = std::fs::read_dir(dir.join(sub)).unwrap().map(|e| e.unwrap().path()).collect();
            names.sort();
            for file in names {
                let path = std::path::Path::new("reuse-test").join(sub).join(file.file_name().unwrap());
                let mut text = std::fs::read_to_string(&file).unwrap();
                // Most edits are typed and then deleted again (the text stays well-formed
                // around them); one in five stays.
                let mut typed: Option<std::ops::Range<usize>> = None;
                for step in 0..60 {
                    if let Some(r) = typed.take() {
                        text.replace_range(r, "");
                    } else {
                        // Inside a string literal (between a quote and the next), or anywhere.
                        let quotes: Vec<usize> = text.match_indices('"').map(|(i, _)| i).collect();
                        let mut at = if step % 5 != 4 && quotes.len() >= 2 {
                            let k = next(quotes.len() / 2) * 2;
                            quotes[k] + 1 + next(quotes[k + 1] - quotes[k])
                        } else {
                            next(text.len() + 1)
                        };
                        while !text.is_char_boundary(at) {
                            at -= 1;
                        }
                        if next(4) == 0 && at < text.len() && !text[at..].starts_with('"') {
                            let end = at + text[at..].chars().next().map_or(0, char::len_utf8);
                            text.replace_range(at..end, "");
                        } else {
                            let s = ["x", "é", "x y", "\"", "\\", "\n", "}", "'"][if step % 7 == 6 { next(8) } else { next(3) }];
                            text.insert_str(at, s);
                            if next(5) != 0 {
                                typed = Some(at..at + s.len());
                            }
                        }
                    }
                    let shared: Arc<str> = Arc::from(text.as_str());
                    let edited = parse_document_shared(path.clone(), &shared, true);
                    let fresh = parse(path.clone(), &text, None, JsonReader::Checked, Keep::ForEdits);
                    assert_eq!(edited, fresh, "{}: {text}", file.display());
                    let (Some(edited), Some(fresh)) = (edited, fresh) else { continue };
                    let (a, b) = (edited.json.get(), fresh.json.get());
                    assert_eq!(format!("{:?}", a.as_ref().map(|j| (&j.nodes, j.root, &j.errors))), format!("{:?}", b.as_ref().map(|j| (&j.nodes, j.root, &j.errors))), "{}: {text}", file.display());
                    let mut index = crate::ModelIndex::new();
                    index.upsert_document(fresh.clone());
                    let options = crate::ValidationOptions::default();
                    assert_eq!(crate::validate(&index, &edited, &options), crate::validate(&index, &fresh, &options), "{}: {text}", file.display());
                    steps += 1;
                    inside += usize::from(fresh.syntax_errors.is_empty());
                }
            }
        }
        let reused = reuse::REUSED.load(Ordering::Relaxed) - before;
        let relexed = reuse::RELEXED.load(Ordering::Relaxed) - relexed_before;
        assert!(steps > 500 && reused > steps / 3 && reused < inside, "{steps} texts, {inside} well-formed, {reused} from the last tree");
        // Broken texts (the half-typed fixtures, and edits that broke others) are read from
        // the last text's tokens too when the edit is inside a string.
        assert!(relexed > (steps - inside) / 4 && relexed < steps - inside, "{steps} texts, {} broken, {relexed} from the last tokens", steps - inside);
    }
}
