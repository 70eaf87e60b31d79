//! Hover, navigation and quick fixes over the latest analysis. Every edit is returned to
//! the client as a `WorkspaceEdit`; the server never writes a file itself.

use std::collections::HashMap;
use std::path::Path;

use aics_core::rules;
use aics_dtdl::ContentKind;
use serde_json::json;
use tower_lsp_server::ls_types::*;

use crate::backend::{Snapshot, OPEN_TROUBLESHOOTING};
use crate::position::{Encoding, LineMap};

/// The DTMI written around `offset` in `text`, with its byte range.
pub fn dtmi_at(text: &str, offset: usize) -> Option<(String, std::ops::Range<usize>)> {
    dtmis_in(text).into_iter().find(|(_, r)| r.start <= offset && offset <= r.end)
}

/// Every `dtmi:...` written in a text (in string literals, JSON values, comments).
pub fn dtmis_in(text: &str) -> Vec<(String, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("dtmi:") {
        let start = from + i;
        let before_ok = start == 0 || !text.as_bytes()[start - 1].is_ascii_alphanumeric();
        let len = text[start..].bytes().take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b':' | b';' | b'_' | b'.')).count();
        let end = start + len;
        let trimmed = text[start..end].trim_end_matches(['.', ':']);
        if before_ok && trimmed.len() > 5 {
            out.push((trimmed.to_string(), start..start + trimmed.len()));
        }
        from = end.max(start + 5);
    }
    out
}

fn markdown(value: String) -> HoverContents {
    HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value })
}

pub fn hover(snap: &Snapshot, path: &Path, text: &str, pos: Position, enc: Encoding) -> Option<Hover> {
    let map = LineMap::new(text);
    let offset = map.offset(pos, enc);
    // On a finding: the rule's explanation and its troubleshooting step.
    let mut parts = Vec::new();
    for d in snap.analysis.diagnostics.iter().filter(|d| !d.suppressed && d.span.path.as_path() == path) {
        if d.span.bytes.start <= offset && offset <= d.span.bytes.end {
            if let Some(rule) = rules::find(d.code) {
                parts.push(format!("**{}**: {}\n\n{}", d.code, d.message, rule.explanation(&snap.base_url)));
            }
        }
    }
    // On a DTMI: the model's summary.
    if let Some((dtmi, _)) = dtmi_at(text, offset) {
        parts.push(model_summary(snap, &dtmi));
    }
    // On a content's name in a model: where the device code serves it.
    if let Some(name) = content_name_at(text, offset) {
        let places = served_at(snap, &name);
        if !places.is_empty() {
            let lines: Vec<String> = places
                .iter()
                .map(|e| {
                    let component = if e.component.is_empty() { String::new() } else { format!(" (component `{}`)", e.component) };
                    format!("- {} at `{}:{}`{component}", e.verb, e.at.path.display(), e.at.start.line + 1)
                })
                .collect();
            parts.push(format!("**`{name}`** in the device code:\n\n{}", lines.join("\n")));
        }
    }
    (!parts.is_empty()).then(|| Hover { contents: markdown(parts.join("\n\n---\n\n")), range: None })
}

fn model_summary(snap: &Snapshot, dtmi: &str) -> String {
    let models = &snap.analysis.models;
    let Some(found) = models.interface(dtmi) else {
        return format!(
            "`{dtmi}`: no DTDL Interface with this `@id` in the workspace or the model folders (repository path `{}`)",
            aics_dtdl::repository_path(dtmi)
        );
    };
    let iface = found.interface();
    let mut s = format!("**{}** `{dtmi}`\n\ndefined in `{}`\n", iface.display_name.as_deref().unwrap_or("Interface"), found.document.path.display());
    let set = models.telemetry(dtmi);
    let mut by_component: Vec<(&str, Vec<String>)> = Vec::new();
    for t in &set.items {
        let line = format!(
            "`{}`{}{}",
            t.name,
            t.schema.as_deref().map(|s| format!(" ({s}")).unwrap_or_default() + if t.schema.is_some() { ")" } else { "" },
            t.unit.as_deref().map(|u| format!(", {u}")).unwrap_or_default()
        );
        match by_component.iter_mut().find(|(c, _)| *c == t.component) {
            Some((_, v)) => v.push(line),
            None => by_component.push((&t.component, vec![line])),
        }
    }
    if by_component.is_empty() {
        s.push_str("\nno telemetry\n");
    }
    for (c, lines) in by_component {
        s.push_str(&format!("\n{}:\n", if c.is_empty() { "telemetry".to_string() } else { format!("component `{c}` telemetry") }));
        for l in lines {
            s.push_str(&format!("- {l}\n"));
        }
    }
    if !set.unresolved.is_empty() {
        s.push_str(&format!("\nincomplete: `{}` not found\n", set.unresolved.join("`, `")));
    }
    s
}

/// Where the Interface with this DTMI is defined.
fn interface_location(snap: &Snapshot, dtmi: &str, enc: Encoding) -> Option<Location> {
    let found = snap.analysis.models.interface(dtmi)?;
    let iface = found.interface();
    let path = &found.document.path;
    let text = snap.texts.get(path).map(|t| t.to_string()).or_else(|| std::fs::read(path).ok().map(|b| String::from_utf8_lossy(&b).into_owned()))?;
    let range = LineMap::new(&text).range(iface.id_range.as_ref().unwrap_or(&iface.range), enc);
    Some(Location { uri: Uri::from_file_path(path)?, range })
}

pub fn definition(snap: &Snapshot, text: &str, pos: Position, enc: Encoding) -> Option<Location> {
    let offset = LineMap::new(text).offset(pos, enc);
    if let Some((dtmi, _)) = dtmi_at(text, offset) {
        return interface_location(snap, &dtmi, enc);
    }
    // A content's name in a model: the place in C that sends, handles or reports it.
    let name = content_name_at(text, offset)?;
    let e = served_at(snap, &name).into_iter().next()?;
    let analysed = snap.texts.get(e.at.path.as_path())?;
    let range = LineMap::new(analysed).range(&e.at.bytes, enc);
    Some(Location { uri: Uri::from_file_path(e.at.path.as_path())?, range })
}

/// The value of a `"name": "..."` member around `offset` in a model file's text.
fn content_name_at(text: &str, offset: usize) -> Option<String> {
    let offset = offset.min(text.len());
    let open = text[..offset].rfind('"')?;
    // `offset` inside the string: the opening quote is the last one before it, and the
    // closing one comes before the end of the line.
    let close = open + 1 + text[open + 1..].find('"')?;
    if close < offset || text[open + 1..close].contains('\n') {
        return None;
    }
    if !is_value_of(text, open + 1, "name") {
        return None;
    }
    let name = &text[open + 1..close];
    (!name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')).then(|| name.to_string())
}

/// Where the analysed programs serve a content of this name, each place once.
fn served_at<'s>(snap: &'s Snapshot, name: &str) -> Vec<&'s aics_core::coverage::Evidence> {
    let mut out: Vec<&aics_core::coverage::Evidence> = Vec::new();
    for e in snap.analysis.coverage.iter().flat_map(|c| &c.evidence).filter(|e| e.name == name) {
        if !out.iter().any(|o| o.at == e.at && o.verb == e.verb) {
            out.push(e);
        }
    }
    out
}

/// Every place in the analysed C and model files that writes this DTMI.
pub fn references(snap: &Snapshot, text: &str, pos: Position, enc: Encoding) -> Option<Vec<Location>> {
    let offset = LineMap::new(text).offset(pos, enc);
    let (dtmi, _) = dtmi_at(text, offset)?;
    let mut out = Vec::new();
    // In path order.
    for (path, t) in snap.texts.iter() {
        if !t.contains(dtmi.as_str()) {
            continue;
        }
        let map = LineMap::new(t);
        for (d, r) in dtmis_in(t) {
            if d == dtmi {
                if let Some(uri) = Uri::from_file_path(path) {
                    out.push(Location { uri, range: map.range(&r, enc) });
                }
            }
        }
    }
    Some(out)
}

pub fn document_links(snap: &Snapshot, path: &Path, text: &str, enc: Encoding, tooltips: bool) -> Vec<DocumentLink> {
    let map = LineMap::new(text);
    dtmis_in(text)
        .into_iter()
        .filter_map(|(dtmi, r)| {
            let found = snap.analysis.models.interface(&dtmi)?;
            if found.document.path == path {
                return None; // the definition itself
            }
            Some(DocumentLink {
                range: map.range(&r, enc),
                target: Uri::from_file_path(&found.document.path),
                tooltip: tooltips.then(|| format!("Open the model of {dtmi}")),
                data: None,
            })
        })
        .collect()
}

#[allow(deprecated)] // DocumentSymbol::deprecated must be set
pub fn document_symbols(path: &Path, text: &str, enc: Encoding) -> Option<Vec<DocumentSymbol>> {
    let doc = aics_dtdl::parse_document(path.to_path_buf(), text)?;
    let map = LineMap::new(text);
    let symbol_of = |i: usize| -> DocumentSymbol {
        let iface = &doc.interfaces[i];
        let children = iface
            .contents
            .iter()
            .map(|c| DocumentSymbol {
                name: c.name.clone(),
                detail: Some(format!("{:?}{}", c.kind, c.schema.as_deref().map(|s| format!(": {s}")).unwrap_or_default())),
                kind: match c.kind {
                    ContentKind::Telemetry => SymbolKind::EVENT,
                    ContentKind::Property => SymbolKind::PROPERTY,
                    ContentKind::Command => SymbolKind::METHOD,
                    ContentKind::Component => SymbolKind::MODULE,
                    ContentKind::Relationship => SymbolKind::FIELD,
                },
                tags: None,
                deprecated: None,
                range: map.range(&c.range, enc),
                selection_range: map.range(&c.name_range, enc),
                children: None,
            })
            .collect();
        DocumentSymbol {
            name: iface.id.clone().or_else(|| iface.display_name.clone()).unwrap_or_else(|| "Interface".into()),
            detail: iface.display_name.clone(),
            kind: SymbolKind::INTERFACE,
            tags: None,
            deprecated: None,
            range: map.range(&iface.range, enc),
            selection_range: map.range(iface.id_range.as_ref().unwrap_or(&iface.range), enc),
            children: Some(children),
        }
    };
    Some(doc.roots.iter().map(|&i| symbol_of(i)).collect())
}

fn line_start(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].rfind('\n').map_or(0, |i| i + 1)
}

fn indentation(text: &str, offset: usize) -> String {
    let start = line_start(text, offset);
    text[start..].chars().take_while(|c| *c == ' ' || *c == '\t').collect()
}

fn insert_before_line(uri: &Uri, text: &str, offset: usize, new_text: String, enc: Encoding) -> WorkspaceEdit {
    let pos = LineMap::new(text).position(line_start(text, offset), enc);
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), vec![TextEdit { range: Range { start: pos, end: pos }, new_text }])])),
        ..Default::default()
    }
}

fn quickfix(title: String, diag: &Diagnostic, edit: WorkspaceEdit, preferred: bool) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diag.clone()]),
        edit: Some(edit),
        is_preferred: Some(preferred),
        ..Default::default()
    })
}

/// The core's fix of the finding a client diagnostic shows, as a quick fix. Only a complete
/// fix becomes an action: one whose Model ID is a placeholder would need a snippet edit,
/// which the protocol types this server speaks cannot carry, and a made-up Model ID is
/// worse than none. Edits may reach other files (a header holding the payload); each file's
/// text must be the one the analysis read.
fn fix_action(snap: &Snapshot, uri: &Uri, path: &Path, text: &str, diag: &Diagnostic, enc: Encoding) -> Option<CodeActionOrCommand> {
    let Some(NumberOrString::String(code)) = &diag.code else { return None };
    let start = LineMap::new(text).offset(diag.range.start, enc);
    let found = snap.analysis.diagnostics.iter().find(|d| {
        d.code == code && d.span.path.as_path() == path && d.span.bytes.start == start && d.message == diag.message
    })?;
    let fix = found.fix.as_ref().filter(|f| !f.needs_input())?;
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for e in &fix.edits {
        let analysed = snap.texts.get(e.at.path.as_path())?;
        let current: &str = if e.at.path.as_path() == path { text } else { analysed };
        if current != analysed.as_ref() {
            return None; // the buffer moved on since the analysis
        }
        let target = if e.at.path.as_path() == path { uri.clone() } else { Uri::from_file_path(e.at.path.as_path())? };
        let range = LineMap::new(current).range(&e.at.bytes, enc);
        changes.entry(target).or_default().push(TextEdit { range, new_text: e.new_text.clone() });
    }
    Some(quickfix(fix.title.clone(), diag, WorkspaceEdit { changes: Some(changes), ..Default::default() }, true))
}

pub fn code_actions(
    snap: &Snapshot,
    uri: &Uri,
    path: &Path,
    text: &str,
    _range: &Range,
    diagnostics: &[Diagnostic],
    enc: Encoding,
) -> Vec<CodeActionOrCommand> {
    let map = LineMap::new(text);
    let is_c = aics_core::file_kind(path) == Some(aics_core::FileKind::C);
    let mut out = Vec::new();
    for diag in diagnostics.iter().filter(|d| d.source.as_deref() == Some("aics-lint")) {
        let Some(NumberOrString::String(code)) = &diag.code else { continue };
        let start = map.offset(diag.range.start, enc);
        let indent = indentation(text, start);
        // The fix the analysis made for this finding (rename a key, add the call that
        // announces the Model ID, ...), when it is complete and the analysis read this text.
        if let Some(action) = fix_action(snap, uri, path, text, diag, enc) {
            out.push(action);
        }
        if is_c {
            let comment = format!("{indent}// aics-lint: ignore {code}\n");
            out.push(quickfix(format!("Suppress {code} on this line"), diag, insert_before_line(uri, text, start, comment, enc), false));
        }
        if let Some(href) = &diag.code_description {
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("Open the troubleshooting step for {code}"),
                kind: Some(CodeActionKind::EMPTY),
                diagnostics: Some(vec![diag.clone()]),
                command: Some(Command {
                    title: "Open troubleshooting step".into(),
                    command: OPEN_TROUBLESHOOTING.into(),
                    arguments: Some(vec![json!(href.href.as_str())]),
                }),
                ..Default::default()
            }));
        }
    }
    out
}

/// Coverage at a glance: on each device program's Model ID in C, and on the `@id` of the
/// Interface it names in a model file, a lens "telemetry 3/4 sent · commands 1/2 handled ·
/// ..." (what the model declares against what the program serves). Clicking it opens the
/// troubleshooting step for required events. Positions come from the analysed text.
pub fn code_lenses(snap: &Snapshot, path: &Path, enc: Encoding, base_url: &str) -> Vec<CodeLens> {
    let Some(text) = snap.texts.get(path) else { return Vec::new() };
    let map = LineMap::new(text);
    let url = rules::find("AICS009").map(|r| r.url(base_url)).unwrap_or_default();
    let lens = |range: &std::ops::Range<usize>, title: String| CodeLens {
        range: map.range(range, enc),
        command: Some(Command { title, command: OPEN_TROUBLESHOOTING.into(), arguments: Some(vec![json!(url)]) }),
        data: None,
    };
    let title = |c: &aics_core::coverage::Coverage| {
        let mut t = c.line();
        if c.partial {
            t.push_str(" (at least: some names are known only at run time)");
        }
        t
    };
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for c in &snap.analysis.coverage {
        if let Some(at) = c.at.as_ref().filter(|at| at.path.as_path() == path) {
            let t = title(c);
            if seen.insert((at.bytes.clone(), t.clone())) {
                out.push(lens(&at.bytes, t));
            }
        }
    }
    // In a model file: on the `@id` of each Interface a program's Model ID names, one lens per
    // program (named by its Model ID's file when several programs use the Interface).
    let ids: Vec<(String, std::ops::Range<usize>)> = dtmis_in(text).into_iter().filter(|(_, r)| is_value_of(text, r.start, "@id")).collect();
    for (dtmi, range) in ids {
        let users: Vec<&aics_core::coverage::Coverage> = snap.analysis.coverage.iter().filter(|c| c.model_id == dtmi).collect();
        for c in &users {
            let mut t = title(c);
            if users.len() > 1 {
                if let Some(at) = &c.at {
                    t.push_str(&format!(" — {}", at.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()));
                }
            }
            if seen.insert((range.clone(), t.clone())) {
                out.push(lens(&range, t));
            }
        }
    }
    out
}

/// Is the JSON string at `value_start` (its opening quote or first character) the value of
/// a `"key"` member?
fn is_value_of(text: &str, value_start: usize, key: &str) -> bool {
    let before = text[..value_start].trim_end_matches('"').trim_end();
    let Some(before) = before.strip_suffix(':') else { return false };
    before.trim_end().ends_with(&format!("\"{key}\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_dtmis_in_c_and_json() {
        let t = r#"#define P "{\"modelId\":\"dtmi:contoso:x;1\"}" /* dtmi:a:b;2. */"#;
        let found: Vec<String> = dtmis_in(t).into_iter().map(|(d, _)| d).collect();
        assert_eq!(found, vec!["dtmi:contoso:x;1", "dtmi:a:b;2"]);
        let at = t.find("contoso").unwrap();
        assert_eq!(dtmi_at(t, at).unwrap().0, "dtmi:contoso:x;1");
    }
}
