//! `aics-lint rules` and `aics-lint explain CODE`: the rule registry, offline.

use aics_core::rules::{self, DEFAULT_BASE_URL};
use serde::Serialize;

use crate::cli::TableFormat;
use crate::failure::Failure;

#[derive(Serialize)]
struct RuleTable {
    version: u32,
    rules: Vec<RuleRow>,
}

#[derive(Serialize)]
struct RuleRow {
    code: &'static str,
    name: &'static str,
    severity: &'static str,
    summary: &'static str,
    url: String,
}

pub fn table(format: TableFormat) -> String {
    match format {
        TableFormat::Json => {
            let table = RuleTable {
                version: 1,
                rules: rules::ALL
                    .iter()
                    .map(|r| RuleRow {
                        code: r.code,
                        name: r.name,
                        severity: r.default_severity.as_str(),
                        summary: r.summary,
                        url: r.url(DEFAULT_BASE_URL),
                    })
                    .collect(),
            };
            let mut out = serde_json::to_string_pretty(&table).expect("plain data always serialises");
            out.push('\n');
            out
        }
        TableFormat::Text => {
            let name_width = rules::ALL.iter().map(|r| r.name.len()).max().unwrap_or(0);
            let mut out = String::new();
            for r in rules::ALL {
                out.push_str(&format!(
                    "{:<8} {:<name_width$} {:<7} {}\n",
                    r.code,
                    r.name,
                    r.default_severity.as_str(),
                    r.summary
                ));
            }
            out.push_str("\n`aics-lint explain CODE` explains a rule and how to fix what it reports.\n");
            out
        }
    }
}

pub fn explain(code: &str) -> Result<String, Failure> {
    match rules::find(code.trim()) {
        Some(rule) => Ok(rule.explanation(DEFAULT_BASE_URL)),
        None => Err(Failure::new(format!("unknown rule `{code}`; `aics-lint rules` lists the rules"))),
    }
}
