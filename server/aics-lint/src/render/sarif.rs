//! `--format sarif`: SARIF 2.1.0 as GitHub code scanning reads it. The rule metadata
//! (descriptions, help, `helpUri`) comes from the same registry as `explain` and hover.

use std::path::Path;

use aics_core::rules::{self, Rule};
use aics_core::{Diagnostic, Severity, Span};
use serde_json::json;
use serde_sarif::sarif::{
    ArtifactLocation, Location, Message, MultiformatMessageString, PhysicalLocation, Region, ReportingConfiguration,
    ReportingDescriptor, Result as SarifResult, ResultLevel, Run, Sarif, Suppression, Tool, ToolComponent,
};

use super::{one_based, RenderOptions};
use crate::check::{Report, SuppressedBy};
use crate::paths;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// Relative artifact URIs are resolved against the checkout root by code scanning.
const SRCROOT: &str = "%SRCROOT%";

pub fn render(report: &Report, options: &RenderOptions) -> String {
    let sarif = build(report, options);
    let mut out = serde_json::to_string_pretty(&sarif).expect("plain data always serialises");
    out.push('\n');
    out
}

pub fn build(report: &Report, options: &RenderOptions) -> Sarif {
    let driver = ToolComponent::builder()
        .name("aics-lint")
        .version(env!("CARGO_PKG_VERSION"))
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .information_uri(report.base_url.clone())
        .rules(rules::ALL.iter().map(|r| descriptor(r, &report.base_url)).collect::<Vec<_>>())
        .build();
    let results: Vec<SarifResult> = report
        .items
        .iter()
        .map(|r| result(&r.diagnostic, r.suppressed_by, options.cwd))
        .collect();
    let run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .results(results)
        // Our columns count Unicode scalar values, not UTF-16 code units.
        .column_kind(json!("unicodeCodePoints"))
        .build();
    Sarif::builder().schema(SCHEMA).version(json!("2.1.0")).runs(vec![run]).build()
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Information | Severity::Hint => "note",
    }
}

fn descriptor(rule: &Rule, base_url: &str) -> ReportingDescriptor {
    let explanation = rule.explanation(base_url);
    ReportingDescriptor::builder()
        .id(rule.code)
        .name(rule.name)
        .short_description(MultiformatMessageString::builder().text(rule.summary).build())
        .full_description(MultiformatMessageString::builder().text(rule.what).build())
        .help(MultiformatMessageString::builder().text(explanation.clone()).markdown(explanation).build())
        .help_uri(rule.url(base_url))
        .default_configuration(ReportingConfiguration::builder().level(json!(level(rule.default_severity))).build())
        .build()
}

fn result(d: &Diagnostic, suppressed_by: Option<SuppressedBy>, cwd: &Path) -> SarifResult {
    let rule_index = rules::ALL.iter().position(|r| r.code == d.code);
    let result_level = match d.severity {
        Severity::Error => ResultLevel::Error,
        Severity::Warning => ResultLevel::Warning,
        Severity::Information | Severity::Hint => ResultLevel::Note,
    };
    let related: Vec<Location> = d
        .related
        .iter()
        .enumerate()
        .map(|(i, rel)| {
            Location::builder()
                .id(i as i64)
                .physical_location(physical(&rel.span, cwd))
                .message(Message::builder().text(rel.message.clone()).build())
                .build()
        })
        .collect();
    let mut r = SarifResult::builder()
        .rule_id(d.code)
        .level(result_level)
        .message(Message::builder().text(d.message.clone()).build())
        .locations(vec![Location::builder().physical_location(physical(&d.span, cwd)).build()])
        .build();
    r.rule_index = rule_index.map(|i| i as i64);
    if !related.is_empty() {
        r.related_locations = Some(related);
    }
    if let Some(by) = suppressed_by {
        let kind = match by {
            SuppressedBy::Comment => "inSource",
            SuppressedBy::Config => "external",
        };
        r.suppressions = Some(vec![Suppression::builder().kind(json!(kind)).build()]);
    }
    r
}

fn physical(span: &Span, cwd: &Path) -> PhysicalLocation {
    let artifact = match paths::relative(&span.path, cwd) {
        Some(rel) => ArtifactLocation::builder().uri(paths::uri_reference(rel)).uri_base_id(SRCROOT).build(),
        None => ArtifactLocation::builder().uri(paths::file_uri(&span.path)).build(),
    };
    let (start_line, start_column) = one_based(span.start);
    let (end_line, end_column) = one_based(span.end);
    let region = Region::builder()
        .start_line(start_line as i64)
        .start_column(start_column as i64)
        .end_line(end_line as i64)
        // SARIF's endColumn is the column after the region, like our exclusive end.
        .end_column(end_column as i64)
        .build();
    PhysicalLocation::builder().artifact_location(artifact).region(region).build()
}
