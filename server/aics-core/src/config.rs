//! `aics-lint.toml` / `.aics-lint.toml`: parsed here from text (finding the file is the
//! faces' job, since that is IO). Unknown keys and wrong types are errors with file:line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::rules;

pub const CONFIG_FILE_NAMES: [&str; 2] = ["aics-lint.toml", ".aics-lint.toml"];

/// A rule's level in the config: a severity, or `off`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleLevel {
    Off,
    Hint,
    #[serde(alias = "info")]
    Information,
    Warning,
    Error,
}

impl RuleLevel {
    pub fn severity(self) -> Option<Severity> {
        match self {
            RuleLevel::Off => None,
            RuleLevel::Hint => Some(Severity::Hint),
            RuleLevel::Information => Some(Severity::Information),
            RuleLevel::Warning => Some(Severity::Warning),
            RuleLevel::Error => Some(Severity::Error),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    base_url: Option<String>,
    #[serde(default)]
    models: Vec<String>,
    model_id: Option<String>,
    #[serde(default)]
    include: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    rules: BTreeMap<String, RuleLevel>,
    #[serde(default)]
    overrides: Vec<RawOverride>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawOverride {
    paths: Vec<String>,
    #[serde(default)]
    ignore: Vec<String>,
}

/// A loaded configuration. Paths in it are resolved against the config file's folder.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Where it came from, for messages; `None` for the built-in defaults.
    pub source: Option<PathBuf>,
    pub root: PathBuf,
    pub base_url: Option<String>,
    pub model_folders: Vec<PathBuf>,
    /// A Model ID to assume where the code only has one at run time.
    pub model_id: Option<String>,
    pub include: Option<Globs>,
    pub exclude: Option<Globs>,
    pub rule_levels: BTreeMap<&'static str, RuleLevel>,
    pub overrides: Vec<PathOverride>,
}

#[derive(Debug, Clone)]
pub struct PathOverride {
    pub paths: Globs,
    pub ignore: Vec<String>,
}

/// A compiled set of globs and the patterns it came from. Shown (`Debug`) as its patterns:
/// the analysis keys its cache on the options' `Debug` text, once per analysis, and a
/// compiled set's own is its whole matcher.
#[derive(Clone)]
pub struct Globs {
    patterns: Vec<String>,
    set: GlobSet,
}

impl Globs {
    /// The set of `patterns`; an error names the pattern it is about, when one.
    pub fn new(patterns: &[String]) -> Result<Globs, (Option<String>, globset::Error)> {
        let mut b = GlobSetBuilder::new();
        for p in patterns {
            b.add(Glob::new(p).map_err(|e| (Some(p.clone()), e))?);
        }
        let set = b.build().map_err(|e| (None, e))?;
        Ok(Globs { patterns: patterns.to_vec(), set })
    }
}

impl std::ops::Deref for Globs {
    type Target = GlobSet;
    fn deref(&self) -> &GlobSet {
        &self.set
    }
}

impl std::fmt::Debug for Globs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(&self.patterns).finish()
    }
}

/// A config that could not be used: the file, the 1-based line and column, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}: {}", self.path.display(), self.line, self.column, self.message)
    }
}

impl Config {
    /// Parse a config file's text. `path` is the file (its folder anchors relative paths).
    pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let err_at = |offset: usize, message: String| {
            let before = &text[..offset.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            ConfigError { path: path.to_path_buf(), line, column, message }
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            err_at(offset, e.message().trim().to_string())
        })?;
        let root = path.parent().map(Path::to_path_buf).unwrap_or_default();
        // Where a key (or a value) is written: at the start of a line, as TOML writes keys,
        // so a mention in a comment or a longer key does not count.
        let key_offset = |key: &str| -> usize {
            let mut offset = 0;
            for line in text.split_inclusive('\n') {
                let body = line.trim_start();
                let lead = line.len() - body.len();
                let unquoted = body.strip_prefix('"').unwrap_or(body);
                if !body.starts_with('#') && unquoted.starts_with(key) {
                    let rest = &unquoted[key.len()..];
                    if rest.starts_with(|c: char| c == '=' || c == '"' || c.is_whitespace()) {
                        return offset + lead;
                    }
                }
                offset += line.len();
            }
            // A value inside an array (`ignore = ["AICS9"]`): its first quoted occurrence.
            text.find(&format!("\"{key}\"")).map_or(0, |o| o + 1)
        };

        let mut rule_levels = BTreeMap::new();
        // The key each rule was set by: a code and a name for the same rule are one setting
        // written twice, and which one wins must not depend on their order.
        let mut set_by: BTreeMap<&str, &str> = BTreeMap::new();
        for (key, level) in &raw.rules {
            let rule = rules::find(key).ok_or_else(|| {
                let hint = rules::closest(key).map(|r| format!(" (did you mean `{}` / `{}`?)", r.code, r.name)).unwrap_or_default();
                err_at(key_offset(key), format!("unknown rule `{key}` in [rules]{hint}; `aics-lint rules` lists them"))
            })?;
            if let Some(other) = set_by.insert(rule.code, key) {
                let (first, second) =
                    if key_offset(other) <= key_offset(key) { (other, key.as_str()) } else { (key.as_str(), other) };
                let first_line = text[..key_offset(first)].matches('\n').count() + 1;
                return Err(err_at(
                    key_offset(second),
                    format!(
                        "rule {} ({}) is set twice in [rules]: `{second}` here and `{first}` on line {first_line}; keep one",
                        rule.code, rule.name
                    ),
                ));
            }
            rule_levels.insert(rule.code, *level);
        }
        let globs = |patterns: &[String]| -> Result<Option<Globs>, ConfigError> {
            if patterns.is_empty() {
                return Ok(None);
            }
            Globs::new(patterns).map(Some).map_err(|(p, e)| match p {
                Some(p) => err_at(key_offset(&p), format!("bad glob `{p}`: {e}")),
                None => err_at(0, e.to_string()),
            })
        };
        let mut overrides = Vec::new();
        for o in &raw.overrides {
            for code in &o.ignore {
                if !rules::ALL.iter().any(|r| rules::selector_matches(code, r.code)) {
                    return Err(err_at(key_offset(code), format!("unknown rule `{code}` in [[overrides]] ignore")));
                }
            }
            overrides.push(PathOverride {
                paths: globs(&o.paths)?.unwrap_or_else(|| Globs { patterns: Vec::new(), set: GlobSet::empty() }),
                ignore: o.ignore.clone(),
            });
        }
        if let Some(id) = &raw.model_id {
            if !id.starts_with("dtmi:") {
                return Err(err_at(key_offset(id), format!("model-id `{id}` is not a DTMI (it must start with `dtmi:`)")));
            }
        }
        Ok(Config {
            source: Some(path.to_path_buf()),
            base_url: raw.base_url,
            model_folders: raw.models.iter().map(|m| root.join(m)).collect(),
            model_id: raw.model_id,
            include: globs(&raw.include)?,
            exclude: globs(&raw.exclude)?,
            rule_levels,
            overrides,
            root,
        })
    }

    /// The path relative to the config's folder, which globs are matched against.
    fn relative<'a>(&self, path: &'a Path) -> &'a Path {
        path.strip_prefix(&self.root).unwrap_or(path)
    }

    /// Should this file be linted at all (include/exclude)?
    pub fn admits(&self, path: &Path) -> bool {
        let rel = self.relative(path);
        if let Some(ex) = &self.exclude {
            if ex.is_match(rel) {
                return false;
            }
        }
        self.include.as_ref().is_none_or(|inc| inc.is_match(rel))
    }

    /// Is `code` switched off for `path` by an `[[overrides]]` entry?
    pub fn ignored_for_path(&self, path: &Path, code: &str) -> bool {
        let rel = self.relative(path);
        self.overrides
            .iter()
            .any(|o| o.paths.is_match(rel) && o.ignore.iter().any(|sel| rules::selector_matches(sel, code)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_config_parses() {
        let text = r#"
base-url = "https://wiki.example/aics"
models = ["models", "../dtmi"]
model-id = "dtmi:contoso:sensor;1"
exclude = ["third_party/**"]

[rules]
AICS003 = "error"
model-not-found = "off"

[[overrides]]
paths = ["samples/legacy/**"]
ignore = ["AICS001", "DTDL"]
"#;
        let c = Config::parse(Path::new("/p/aics-lint.toml"), text).unwrap();
        assert_eq!(c.model_folders, vec![PathBuf::from("/p/models"), PathBuf::from("/p/../dtmi")]);
        assert_eq!(c.rule_levels.get("AICS003"), Some(&RuleLevel::Error));
        assert_eq!(c.rule_levels.get("AICS006"), Some(&RuleLevel::Off));
        assert!(!c.admits(Path::new("/p/third_party/x.c")));
        assert!(c.admits(Path::new("/p/src/x.c")));
        assert!(c.ignored_for_path(Path::new("/p/samples/legacy/a/main.c"), "DTDL003"));
        assert!(!c.ignored_for_path(Path::new("/p/samples/new/main.c"), "AICS001"));
    }

    #[test]
    fn unknown_key_is_reported_with_its_line() {
        let e = Config::parse(Path::new("c.toml"), "base-url = \"x\"\nmodel-idd = \"dtmi:a;1\"\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 1), "{e}");
        assert!(e.message.contains("model-idd"), "{e}");
    }

    #[test]
    fn unknown_rule_points_at_the_key_not_a_comment() {
        let e = Config::parse(Path::new("c.toml"), "# AICS999 is planned\n[rules]\nAICS999 = \"off\"\n").unwrap_err();
        assert_eq!((e.line, e.column), (3, 1), "{e}");
        let e = Config::parse(Path::new("c.toml"), "[[overrides]]\npaths = [\"x\"]\nignore = [\"AICS001\", \"NOPE\"]\n").unwrap_err();
        assert_eq!(e.line, 3, "{e}");
    }

    #[test]
    fn a_rule_set_twice_by_code_and_name_names_both_lines() {
        let text = "[rules]\nAICS003 = \"error\"\n# the same rule by name\nhub-connection-missing-model-id = \"off\"\n";
        let e = Config::parse(Path::new("c.toml"), text).unwrap_err();
        assert_eq!((e.line, e.column), (4, 1), "{e}");
        assert!(e.message.contains("AICS003") && e.message.contains("line 2"), "{e}");
        assert!(e.message.contains("hub-connection-missing-model-id"), "{e}");
        // The same error whichever of the two comes first in the file.
        let text = "[rules]\nhub-connection-missing-model-id = \"off\"\nAICS003 = \"error\"\n";
        let e = Config::parse(Path::new("c.toml"), text).unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        assert!(e.message.contains("line 2"), "{e}");
    }

    #[test]
    fn an_unknown_rule_suggests_the_closest() {
        let e = Config::parse(Path::new("c.toml"), "[rules]\ntelemetry-never-snt = \"off\"\n").unwrap_err();
        assert!(e.message.contains("did you mean `AICS002` / `telemetry-never-sent`"), "{e}");
        let e = Config::parse(Path::new("c.toml"), "[rules]\nAICS0003 = \"off\"\n").unwrap_err();
        assert!(e.message.contains("AICS003"), "{e}");
    }

    #[test]
    fn type_error_is_reported_with_its_line() {
        let e = Config::parse(Path::new("c.toml"), "\n\nmodels = \"models\"\n").unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        let e = Config::parse(Path::new("c.toml"), "[rules]\nAICS001 = \"loud\"\n").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        let e = Config::parse(Path::new("c.toml"), "[rules]\nAICS999 = \"off\"\n").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
    }
}
