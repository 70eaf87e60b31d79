//! An open document: its text in a rope, edited incrementally as the client types. The
//! unsaved buffer is the truth for open files.

use std::sync::{Arc, Mutex};

use aics_core::c::facts::KeptTrees;
use ropey::Rope;
use tower_lsp_server::ls_types::TextDocumentContentChangeEvent;

use crate::position::{rope_char, Encoding};

#[derive(Debug, Clone)]
pub struct OpenDocument {
    pub rope: Rope,
    pub version: i32,
    /// The text of this version, in the one allocation every analysis of it is handed (the
    /// analysis cache knows an unchanged text by its allocation, without hashing it).
    text: Arc<str>,
    /// The parses of the last extraction of this document's facts: the next one re-parses
    /// only what the edits changed (`aics_core::c::extract_file_reusing`).
    pub trees: Arc<Mutex<KeptTrees>>,
}

impl OpenDocument {
    pub fn new(text: &str, version: i32) -> OpenDocument {
        OpenDocument { rope: Rope::from_str(text), version, text: text.into(), trees: Arc::default() }
    }

    /// Apply the client's changes in order. A change without a range replaces the text.
    pub fn apply(&mut self, changes: Vec<TextDocumentContentChangeEvent>, version: i32, enc: Encoding) {
        // One ranged change (a keystroke) is spliced into the text directly (one copy of
        // the text, not a walk of the rope's chunks); anything else is read back from the
        // rope.
        let single = matches!(changes.as_slice(), [TextDocumentContentChangeEvent { range: Some(_), .. }]);
        let mut spliced = None;
        for change in changes {
            match change.range {
                None => self.rope = Rope::from_str(&change.text),
                Some(range) => {
                    let start = rope_char(&self.rope, range.start, enc);
                    let end = rope_char(&self.rope, range.end, enc).max(start);
                    if single {
                        let (b0, b1) = (self.rope.char_to_byte(start), self.rope.char_to_byte(end));
                        let mut text = String::with_capacity(self.text.len() - (b1 - b0) + change.text.len());
                        text.push_str(&self.text[..b0]);
                        text.push_str(&change.text);
                        text.push_str(&self.text[b1..]);
                        spliced = Some(text);
                    }
                    self.rope.remove(start..end);
                    self.rope.insert(start, &change.text);
                }
            }
        }
        self.version = version;
        self.text = match spliced {
            Some(text) => text.into(),
            None => self.rope.to_string().into(),
        };
    }

    pub fn text(&self) -> Arc<str> {
        self.text.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::{Position, Range};

    #[test]
    fn incremental_edits() {
        let mut d = OpenDocument::new("int a;\nint b;\n", 1);
        d.apply(
            vec![TextDocumentContentChangeEvent {
                range: Some(Range { start: Position { line: 1, character: 4 }, end: Position { line: 1, character: 5 } }),
                range_length: None,
                text: "counter".into(),
            }],
            2,
            Encoding::Utf16,
        );
        assert_eq!(&*d.text(), "int a;\nint counter;\n");
        assert_eq!(d.version, 2);
    }

    #[test]
    fn one_allocation_per_version_and_facts_from_the_kept_trees() {
        // The analysis cache knows an unchanged document by its text's allocation: every
        // analysis of one version must get the same one, and an edit a new one.
        let path = std::path::Path::new("main.c");
        // (The file-level Model ID in a nested call keeps the file parsed: one of plain
        // heads alone is not, and the tokens leave such a value to the parser.)
        let mut d = OpenDocument::new("int main(void)\n{\n    IoTHubDeviceClient_LL_SetOption(h, OPTION_MODEL_ID, \"dtmi:a:b;1\");\n}\nstatic const char *spare = pick(id(\"dtmi:a:c;1\"));\n", 1);
        let before = d.text();
        assert!(Arc::ptr_eq(&before, &d.text()));
        let mut kept = d.trees.lock().unwrap();
        let first = aics_core::c::extract_file_reusing(path, &before, &mut kept);
        drop(kept);
        // Typing at the end of the string (a character outside the BMP among what is typed).
        let at = |c| Position { line: 2, character: c };
        d.apply(
            vec![TextDocumentContentChangeEvent { range: Some(Range { start: at(67), end: at(67) }), range_length: None, text: "😀x".into() }],
            2,
            Encoding::Utf16,
        );
        let after = d.text();
        assert!(!Arc::ptr_eq(&before, &after));
        assert!(after.contains("dtmi:a:b;1😀x\""), "{after}");
        let mut kept = d.trees.lock().unwrap();
        let second = aics_core::c::extract_file_reusing(path, &after, &mut kept);
        assert_eq!(kept.reparsed(), 1, "the edit is re-parsed from the kept tree");
        assert_eq!(format!("{second:?}"), format!("{:?}", aics_core::c::extract_file(path, &after)));
        assert_eq!(first.calls.len(), second.calls.len());
    }
}
