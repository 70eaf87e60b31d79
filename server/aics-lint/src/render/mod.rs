//! One renderer per output format. Each turns a `Report` into the text for stdout.

pub mod github;
pub mod json;
pub mod sarif;
pub mod text;

use std::path::Path;

use aics_core::{Diagnostic, LineCol, Severity};

pub struct RenderOptions<'a> {
    pub cwd: &'a Path,
    /// Show information-level notes ("could not decide") in the human formats.
    pub explain_unknowns: bool,
    /// ANSI colours in the text format.
    pub color: bool,
}

/// Whether a human-facing format (text, github) shows this diagnostic: suppressed ones
/// never; notes below warning level only when asked with `--explain-unknowns`.
pub fn shown_to_humans(d: &Diagnostic, options: &RenderOptions) -> bool {
    !d.suppressed && (d.severity >= Severity::Warning || options.explain_unknowns)
}

/// 1-based line and column, as every output format counts.
pub fn one_based(at: LineCol) -> (u64, u64) {
    (u64::from(at.line) + 1, u64::from(at.column) + 1)
}

/// `1234567` → `1,234,567`, for progress and summaries.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_groups_digits() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1234), "1,234");
        assert_eq!(thousands(1234567), "1,234,567");
    }
}
