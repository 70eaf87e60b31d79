//! `check --fix`: write the fixes of the findings to the files, the only place the program
//! writes. A fix is applied when its finding is reported (selected, not suppressed) and its
//! edits are complete; a fix that needs a Model ID nobody wrote down (a placeholder the
//! editor would select) is left for the user and listed. Fixes are applied in rounds, each
//! on a fresh analysis, until none is left to apply (a fix that did not remove its finding
//! is never applied twice).

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

use aics_core::{apply_edits, LineCol};

use crate::check::Report;
use crate::note::Note;

/// One fix written to disk.
#[derive(Clone, Debug)]
pub struct Applied {
    pub code: &'static str,
    pub title: String,
    /// The finding's file and position (in the text before the fix).
    pub path: PathBuf,
    pub at: LineCol,
    /// The edits: file, range (in the text before the fix) and new text.
    pub edits: Vec<(PathBuf, LineCol, LineCol, String)>,
}

/// A finding whose fix was not applied, and why.
#[derive(Clone, Debug)]
pub struct Left {
    pub code: &'static str,
    pub title: String,
    pub path: PathBuf,
    pub at: LineCol,
    pub why: &'static str,
}

#[derive(Debug, Default)]
pub struct Outcome {
    pub applied: Vec<Applied>,
    pub left: Vec<Left>,
}

/// What identifies a finding across rounds (its position moves when text is inserted).
type Key = (&'static str, PathBuf, String);

#[derive(Default)]
pub struct Fixer {
    pub outcome: Outcome,
    tried: HashSet<Key>,
}

pub const NEEDS_MODEL_ID: &str =
    "the fix needs the device's Model ID, which no source names (apply it in the editor, or set `model-id` in aics-lint.toml)";

impl Fixer {
    /// Apply every applicable fix of `report` that does not overlap another one; returns
    /// how many were written, and notes on files that could not be written.
    pub fn round(&mut self, report: &Report) -> (usize, Vec<Note>) {
        let mut notes = Vec::new();
        // Per file: the accepted edits; a fix is taken whole or not at all.
        let mut per_file: BTreeMap<PathBuf, Vec<(std::ops::Range<usize>, String)>> = BTreeMap::new();
        let mut taken: Vec<Applied> = Vec::new();
        for r in &report.items {
            let d = &r.diagnostic;
            let Some(fix) = d.fix.as_ref().filter(|_| !d.suppressed) else { continue };
            if fix.needs_input() {
                continue;
            }
            let key: Key = (d.code, d.span.path.as_ref().clone(), d.message.clone());
            if self.tried.contains(&key) {
                continue;
            }
            let mut fresh = Vec::new();
            let mut clash = false;
            for e in &fix.edits {
                let accepted = per_file.get(e.at.path.as_ref()).map(Vec::as_slice).unwrap_or_default();
                // The same edit for two findings (a header shared by two programs) is one edit.
                if accepted.iter().any(|(r, t)| *r == e.at.bytes && *t == e.new_text) {
                    continue;
                }
                let overlaps = |r: &std::ops::Range<usize>| {
                    r.start < e.at.bytes.end && e.at.bytes.start < r.end || (r.start == e.at.bytes.start && (r.is_empty() || e.at.bytes.is_empty()))
                };
                if accepted.iter().any(|(r, _)| overlaps(r)) {
                    clash = true;
                    break;
                }
                fresh.push(e);
            }
            if clash {
                continue; // next round, on the text with the other fix in it
            }
            self.tried.insert(key);
            for e in fresh {
                per_file.entry(e.at.path.as_ref().clone()).or_default().push((e.at.bytes.clone(), e.new_text.clone()));
            }
            taken.push(Applied {
                code: d.code,
                title: fix.title.clone(),
                path: d.span.path.as_ref().clone(),
                at: d.span.start,
                edits: fix.edits.iter().map(|e| (e.at.path.as_ref().clone(), e.at.start, e.at.end, e.new_text.clone())).collect(),
            });
        }
        let mut failed: HashSet<PathBuf> = HashSet::new();
        for (path, edits) in &per_file {
            let Some(text) = report.texts.get(path) else {
                failed.insert(path.clone());
                continue;
            };
            // Write only over the text that was analysed (not a file changed meanwhile, not
            // one whose bytes were decoded lossily).
            let on_disk = std::fs::read(path).ok();
            if on_disk.as_deref() != Some(text.as_bytes()) {
                notes.push(Note::new(path, "changed on disk or not valid UTF-8; not fixed"));
                failed.insert(path.clone());
                continue;
            }
            let refs: Vec<(std::ops::Range<usize>, &str)> = edits.iter().map(|(r, t)| (r.clone(), t.as_str())).collect();
            let Some(new_text) = apply_edits(text, &refs) else {
                failed.insert(path.clone());
                continue;
            };
            if let Err(e) = std::fs::write(path, new_text) {
                notes.push(Note::new(path, format!("cannot write the fix: {e}")));
                failed.insert(path.clone());
            }
        }
        taken.retain(|a| !a.edits.iter().any(|(p, ..)| failed.contains(p)));
        let n = taken.len();
        self.outcome.applied.extend(taken);
        (n, notes)
    }

    /// After the last round: the findings whose fix was not applied.
    pub fn finish(&mut self, report: &Report) {
        for r in report.items.iter().filter(|r| !r.diagnostic.suppressed) {
            let d = &r.diagnostic;
            let Some(fix) = &d.fix else { continue };
            let key: Key = (d.code, d.span.path.as_ref().clone(), d.message.clone());
            let why = if fix.needs_input() {
                NEEDS_MODEL_ID
            } else if self.tried.contains(&key) {
                "the fix was applied, but the finding is still reported"
            } else {
                "the fix overlaps another one; run again"
            };
            self.outcome.left.push(Left { code: d.code, title: fix.title.clone(), path: d.span.path.as_ref().clone(), at: d.span.start, why });
        }
    }
}
