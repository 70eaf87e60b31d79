//! The rule registry: every rule's code, name, severity, documentation and troubleshooting
//! step, defined once. The CLI (`rules`, `explain`, SARIF rule metadata), the JSON `url`
//! and the language server's `codeDescription.href` and hover all read from here.

use crate::diagnostic::Severity;

pub mod aics001;
pub mod aics002;
pub mod aics003;
pub mod aics004;
pub mod aics005;
pub mod aics006;
pub mod aics007;
pub mod aics008;
pub mod aics009;
pub mod aics010;
pub mod aics011;
pub mod dtdl001;
pub mod dtdl002;
pub mod dtdl003;
pub mod dtdl004;

/// The published troubleshooting page the rules link to; configurable (`base-url`) so an
/// organisation can point the links at its own copy.
pub const DEFAULT_BASE_URL: &str =
    "https://learn.microsoft.com/azure/certification/how-to-troubleshoot-pnp";

/// Which part of the troubleshooting guide fixes a finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TroubleshootingStep {
    /// "When AICS tests aren't passing", step N (1: Model ID in the DPS payload, 2: telemetry
    /// logs, 3: DeviceNotConnected, 4: manual review).
    TestsNotPassing(u8),
    /// "When you see passed with warnings": declared telemetry never arrived.
    PassedWithWarnings,
    /// "When you need help with the model repository".
    ModelRepository,
}

impl TroubleshootingStep {
    pub fn anchor(self) -> &'static str {
        match self {
            TroubleshootingStep::TestsNotPassing(_) => "when-aics-tests-arent-passing",
            TroubleshootingStep::PassedWithWarnings => "when-you-see-passed-with-warnings",
            TroubleshootingStep::ModelRepository => "when-you-need-help-with-the-model-repository",
        }
    }

    /// A short human title of the step, used by `explain` and hover.
    pub fn title(self) -> String {
        match self {
            TroubleshootingStep::TestsNotPassing(1) => {
                "AICS tests aren't passing, step 1: set the Model ID payload during DPS provisioning".into()
            }
            TroubleshootingStep::TestsNotPassing(2) => {
                "AICS tests aren't passing, step 2: read the telemetry logs of earlier test runs".into()
            }
            TroubleshootingStep::TestsNotPassing(3) => {
                "AICS tests aren't passing, step 3: \"Failed to get Digital Twin Model ID ... DeviceNotConnected\"".into()
            }
            TroubleshootingStep::TestsNotPassing(n) => format!("AICS tests aren't passing, step {n}"),
            TroubleshootingStep::PassedWithWarnings => "Passed with warnings: declared telemetry was not received".into(),
            TroubleshootingStep::ModelRepository => "Help with the model repository".into(),
        }
    }
}

/// One rule's public identity and documentation.
#[derive(Debug)]
pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    pub default_severity: Severity,
    /// One line: what the rule reports.
    pub summary: &'static str,
    pub what: &'static str,
    pub why: &'static str,
    pub fix: &'static str,
    pub step: TroubleshootingStep,
    /// Other requirement pages worth reading.
    pub see_also: &'static [&'static str],
}

impl Rule {
    /// The troubleshooting link for this rule under `base` (no trailing `#`).
    pub fn url(&self, base: &str) -> String {
        format!("{}#{}", base.trim_end_matches(['/', '#']), self.step.anchor())
    }

    /// The full explanation in Markdown: what `explain` prints and hover shows.
    pub fn explanation(&self, base: &str) -> String {
        let mut s = format!(
            "# {} {}\n\n{}\n\n## What it does\n{}\n\n## Why it matters\n{}\n\n## How to fix it\n{}\n\n## Troubleshooting step\n{}\n<{}>\n",
            self.code,
            self.name,
            self.summary,
            self.what,
            self.why,
            self.fix,
            self.step.title(),
            self.url(base)
        );
        if !self.see_also.is_empty() {
            s.push_str("\n## See also\n");
            for link in self.see_also {
                s.push_str(&format!("- <{link}>\n"));
            }
        }
        s
    }
}

/// Every rule, in code order. Codes are public and never renumbered.
pub const ALL: &[&Rule] = &[
    &aics001::RULE,
    &aics002::RULE,
    &aics003::RULE,
    &aics004::RULE,
    &aics005::RULE,
    &aics006::RULE,
    &aics007::RULE,
    &aics008::RULE,
    &aics009::RULE,
    &aics010::RULE,
    &aics011::RULE,
    &dtdl001::RULE,
    &dtdl002::RULE,
    &dtdl003::RULE,
    &dtdl004::RULE,
];

/// Look a rule up by its code (case-insensitive) or its kebab-case name.
pub fn find(code_or_name: &str) -> Option<&'static Rule> {
    ALL.iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(code_or_name) || r.name == code_or_name)
}

/// The rule whose code or name is closest to a mistyped one (for "did you mean"), if any is
/// close enough to be the likely intent.
pub fn closest(code_or_name: &str) -> Option<&'static Rule> {
    let wanted = code_or_name.trim().to_ascii_lowercase();
    ALL.iter()
        .copied()
        .map(|r| {
            let by_code = strsim::levenshtein(&wanted, &r.code.to_ascii_lowercase());
            let by_name = strsim::levenshtein(&wanted, r.name);
            let (d, len) = if by_code <= by_name { (by_code, r.code.len()) } else { (by_name, r.name.len()) };
            (d, len, r)
        })
        .filter(|(d, len, _)| *d > 0 && *d <= (len / 4).max(1))
        .min_by_key(|(d, _, _)| *d)
        .map(|(_, _, r)| r)
}

/// Does `code` match a selector: a full code (`AICS001`) or a prefix (`AICS`, `DTDL`, `AICS00`)?
pub fn selector_matches(selector: &str, code: &str) -> bool {
    let sel = selector.trim();
    !sel.is_empty() && code.len() >= sel.len() && code[..sel.len()].eq_ignore_ascii_case(sel)
}

pub(crate) const DPS_PAYLOAD_PAGE: &str =
    "https://learn.microsoft.com/azure/iot/concepts-developer-guide-device#dps-payload";
pub(crate) const MODEL_ID_ANNOUNCEMENT_PAGE: &str =
    "https://learn.microsoft.com/azure/iot/concepts-developer-guide-device#model-id-announcement";
pub(crate) const TELEMETRY_CONVENTION_PAGE: &str =
    "https://learn.microsoft.com/azure/iot/concepts-convention#telemetry";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_ordered_and_names_are_slugs() {
        let mut prev = "";
        for r in ALL {
            assert!(r.code > prev, "{} out of order", r.code);
            prev = r.code;
            assert!(
                r.name.chars().all(|c| c.is_ascii_lowercase() || c == '-')
                    && !r.name.starts_with('-')
                    && !r.name.ends_with('-'),
                "{} is not kebab-case",
                r.name
            );
            for text in [r.summary, r.what, r.why, r.fix] {
                assert!(text.len() > 20, "{} has a missing doc section", r.code);
            }
        }
    }

    #[test]
    fn urls_follow_the_configured_base() {
        let r = find("aics001").unwrap();
        assert_eq!(
            r.url(DEFAULT_BASE_URL),
            "https://learn.microsoft.com/azure/certification/how-to-troubleshoot-pnp#when-aics-tests-arent-passing"
        );
        assert_eq!(r.url("https://wiki.example/aics/"), "https://wiki.example/aics#when-aics-tests-arent-passing");
        assert_eq!(find("telemetry-never-sent").unwrap().code, "AICS002");
    }

    #[test]
    fn closest_rule_for_typos_only() {
        assert_eq!(closest("telemetry-never-snt").map(|r| r.code), Some("AICS002"));
        assert_eq!(closest("AICS0001").map(|r| r.code), Some("AICS001"));
        assert_eq!(closest("dtdl01").map(|r| r.code), Some("DTDL001"));
        assert!(closest("formatting").is_none());
    }

    #[test]
    fn selectors_match_codes_and_prefixes() {
        assert!(selector_matches("AICS", "AICS001"));
        assert!(selector_matches("dtdl00", "DTDL003"));
        assert!(!selector_matches("AICS002", "AICS001"));
        assert!(!selector_matches("", "AICS001"));
    }
}
