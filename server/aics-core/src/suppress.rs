//! Suppression comments: `// aics-lint: ignore AICS001` (or `/* ... */`) on the line of a
//! finding or on the line above it. Several codes may follow, separated by commas or spaces;
//! prefixes (`AICS`) work as in `--ignore`. A bare `ignore` silences every rule.

use crate::rules;

/// The suppressions of one file: 0-based line → the selectors on that line.
#[derive(Debug, Default, Clone)]
pub struct Suppressions {
    entries: Vec<(u32, Vec<String>)>,
}

const MARKER: &str = "aics-lint:";

impl Suppressions {
    /// Scan a text for suppression comments. Cheap: a substring search, then a look at
    /// the line. Only text after `//` or `/*` on the line counts.
    pub fn scan(text: &str) -> Suppressions {
        let mut entries = Vec::new();
        // Every file is asked, and most hold no marker: one SIMD search built once (the
        // standard library's `contains` builds its searcher per call and reads a byte at
        // a time, ~1% of a `check` of netxduo's 80 MB).
        static FINDER: std::sync::OnceLock<memchr::memmem::Finder<'static>> = std::sync::OnceLock::new();
        if FINDER.get_or_init(|| memchr::memmem::Finder::new(MARKER)).find(text.as_bytes()).is_none() {
            return Suppressions { entries };
        }
        for (line_no, line) in text.lines().enumerate() {
            let Some(at) = line.find(MARKER) else { continue };
            let before = &line[..at];
            if !(before.contains("//") || before.contains("/*")) {
                continue;
            }
            let rest = line[at + MARKER.len()..].trim_start();
            let Some(rest) = rest.strip_prefix("ignore") else { continue };
            let rest = rest.split("*/").next().unwrap_or("");
            let codes: Vec<String> = rest
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|s| !s.is_empty())
                .take_while(|s| s.chars().all(|c| c.is_ascii_alphanumeric()))
                .map(str::to_string)
                .collect();
            entries.push((line_no as u32, codes));
        }
        Suppressions { entries }
    }

    /// Is `code` suppressed for a finding that starts on `line` (0-based)?
    pub fn covers(&self, line: u32, code: &str) -> bool {
        self.entries.iter().any(|(l, codes)| {
            (*l == line || *l + 1 == line)
                && (codes.is_empty() || codes.iter().any(|sel| rules::selector_matches(sel, code)))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_line_and_line_above() {
        let s = Suppressions::scan(
            "int a;\n// aics-lint: ignore AICS001, AICS004\nregister();\nx(); /* aics-lint: ignore AICS003 */\n",
        );
        assert!(s.covers(2, "AICS001"));
        assert!(s.covers(1, "AICS004"));
        assert!(!s.covers(2, "AICS003"));
        assert!(s.covers(3, "AICS003"));
        assert!(!s.covers(0, "AICS001"));
    }

    #[test]
    fn prefixes_and_bare_ignore() {
        let s = Suppressions::scan("// aics-lint: ignore AICS\n\n// aics-lint: ignore\n");
        assert!(s.covers(1, "AICS005"));
        assert!(!s.covers(1, "DTDL001"));
        assert!(s.covers(3, "DTDL001"));
    }

    #[test]
    fn marker_outside_a_comment_does_not_count() {
        let s = Suppressions::scan("const char *s = \"aics-lint: ignore AICS001\";\n");
        assert!(!s.covers(0, "AICS001"));
    }
}
