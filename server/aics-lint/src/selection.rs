//! `--select` / `--ignore`: which rule codes the run reports at all. Unlike suppressions,
//! a code filtered out here is dropped entirely, from every format.

use aics_core::rules;

use crate::failure::Failure;

#[derive(Debug, Default)]
pub struct Selection {
    select: Vec<String>,
    ignore: Vec<String>,
}

impl Selection {
    /// Check that every selector names at least one rule: a typo must not silently turn
    /// a CI gate off.
    pub fn new(select: &[String], ignore: &[String]) -> Result<Selection, Failure> {
        let clean = |list: &[String], flag: &str| -> Result<Vec<String>, Failure> {
            let mut out = Vec::new();
            for sel in list.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
                if !rules::ALL.iter().any(|r| rules::selector_matches(sel, r.code)) {
                    return Err(Failure::new(format!(
                        "{flag} {sel}: no rule code starts with `{sel}`; `aics-lint rules` lists them"
                    )));
                }
                out.push(sel.to_string());
            }
            Ok(out)
        };
        Ok(Selection { select: clean(select, "--select")?, ignore: clean(ignore, "--ignore")? })
    }

    pub fn admits(&self, code: &str) -> bool {
        let selected = self.select.is_empty() || self.select.iter().any(|s| rules::selector_matches(s, code));
        selected && !self.ignore.iter().any(|s| rules::selector_matches(s, code))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn select_then_ignore() {
        let s = Selection::new(&["AICS".into()], &["AICS003".into()]).unwrap();
        assert!(s.admits("AICS001"));
        assert!(!s.admits("AICS003"));
        assert!(!s.admits("DTDL001"));
        assert!(Selection::new(&[], &["XYZ".into()]).is_err());
        assert!(Selection::new(&[], &[]).unwrap().admits("DTDL002"));
    }
}
