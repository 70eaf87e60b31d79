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
            let rows: Vec<[String; 5]> = std::iter::once(["code", "name", "level", "summary", "link"].map(String::from))
                .chain(rules::ALL.iter().map(|r| {
                    [
                        r.code.to_string(),
                        r.name.to_string(),
                        r.default_severity.as_str().to_string(),
                        r.summary.to_string(),
                        r.url(DEFAULT_BASE_URL),
                    ]
                }))
                .collect();
            let width = |i: usize| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0);
            let (w0, w1, w2, w3) = (width(0), width(1), width(2), width(3));
            let mut out = String::new();
            for r in &rows {
                out.push_str(&format!("{:<w0$}  {:<w1$}  {:<w2$}  {:<w3$}  {}\n", r[0], r[1], r[2], r[3], r[4]));
            }
            out.push_str("\n`aics-lint explain CODE` explains a rule and how to fix what it reports.\n");
            out
        }
        TableFormat::Markdown => {
            // The README's table, generated: a test keeps the README equal to this.
            let mut out = String::from("| code | name | level | what |\n| --- | --- | --- | --- |\n");
            for r in rules::ALL {
                out.push_str(&format!(
                    "| [{}]({}) | {} | {} | {} |\n",
                    r.code,
                    r.url(DEFAULT_BASE_URL),
                    r.name,
                    r.default_severity.as_str(),
                    r.summary
                ));
            }
            out
        }
    }
}

pub fn explain(code: &str) -> Result<String, Failure> {
    match rules::find(code.trim()) {
        Some(rule) if rule.code == rules::dtdl002::RULE.code => Ok(rule.explanation(DEFAULT_BASE_URL) + &rules::dtdl002::official_ids_section()),
        Some(rule) => Ok(rule.explanation(DEFAULT_BASE_URL)),
        None => Err(Failure::new(format!("unknown rule `{code}`; `aics-lint rules` lists the rules"))),
    }
}
