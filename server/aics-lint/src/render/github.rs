//! `--format github`: GitHub Actions workflow commands, which the runner turns into
//! annotations on the pull request's diff. Suppressed diagnostics are not printed.

use aics_core::{rules, Severity};

use super::{one_based, shown_to_humans, RenderOptions};
use crate::check::Report;
use crate::paths;

pub fn render(report: &Report, options: &RenderOptions) -> String {
    let mut out = String::new();
    for d in report.items.iter().map(|r| &r.diagnostic).filter(|d| shown_to_humans(d, options)) {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information | Severity::Hint => "notice",
        };
        let (line, col) = one_based(d.span.start);
        let (end_line, end_col) = one_based(d.span.end);
        let title = match rules::find(d.code) {
            Some(rule) => format!("{} {}", rule.code, rule.name),
            None => d.code.to_string(),
        };
        out.push_str(&format!(
            "::{command} file={},line={line},col={col},endLine={end_line},endColumn={end_col},title={}::{}\n",
            escape_property(&paths::display(&d.span.path, options.cwd)),
            escape_property(&title),
            escape_data(&format!("{} ({})", d.message, d.url)),
        ));
    }
    out
}

/// The message part: `%`, CR and LF are encoded (GitHub's `escapeData`).
fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A property value: additionally `:` and `,`, which delimit properties (`escapeProperty`).
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_actions_toolkit() {
        assert_eq!(escape_data("50% done\r\nnext: a,b"), "50%25 done%0D%0Anext: a,b");
        assert_eq!(escape_property("C:\\a,b%"), "C%3A\\a%2Cb%25");
    }
}
