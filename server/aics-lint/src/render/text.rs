//! `--format text`: for people. Each diagnostic is `path:line:col: severity[CODE] message`
//! (clickable in terminals and editors), the source line with the span underlined, the
//! troubleshooting link and related places; then one summary line. All on stdout.

use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use aics_core::{Diagnostic, Severity};

use super::{one_based, shown_to_humans, thousands, RenderOptions};
use crate::check::Report;
use crate::paths;

pub fn render(report: &Report, options: &RenderOptions) -> String {
    let renderer = if options.color { Renderer::styled() } else { Renderer::plain() }.decor_style(DecorStyle::Ascii);
    let mut out = String::new();
    for d in report.items.iter().map(|r| &r.diagnostic).filter(|d| shown_to_humans(d, options)) {
        out.push_str(&header(d, options));
        out.push('\n');
        let text = report.texts.get(d.span.path.as_ref()).map(|t| t.as_ref());
        out.push_str(&renderer.render(&[body(d, text, options)]));
        out.push_str("\n\n");
    }
    for c in &report.coverage {
        let at = c.at.as_ref().map(|s| {
            let (line, col) = one_based(s.start);
            format!(" ({}:{line}:{col})", paths::display(&s.path, options.cwd))
        });
        out.push_str(&format!(
            "coverage of {}{}: {}{}\n",
            c.model_id,
            at.unwrap_or_default(),
            c.line(),
            if c.partial { " (at least: some names are known only at run time)" } else { "" }
        ));
    }
    if let Some(f) = &report.fixes {
        for a in &f.applied {
            let (line, col) = one_based(a.at);
            out.push_str(&format!("fixed {}:{line}:{col}: {} {}\n", paths::display(&a.path, options.cwd), a.code, a.title));
        }
        for l in &f.left {
            let (line, col) = one_based(l.at);
            out.push_str(&format!("not fixed {}:{line}:{col}: {} {}: {}\n", paths::display(&l.path, options.cwd), l.code, l.title, l.why));
        }
    }
    out.push_str(&summary(report, options));
    out.push('\n');
    out
}

fn header(d: &Diagnostic, options: &RenderOptions) -> String {
    let (line, col) = one_based(d.span.start);
    let severity = d.severity.as_str();
    let severity = if options.color {
        let style = match d.severity {
            Severity::Error => "\x1b[1;91m",
            Severity::Warning => "\x1b[1;33m",
            Severity::Information | Severity::Hint => "\x1b[1;94m",
        };
        format!("{style}{severity}[{}]\x1b[0m", d.code)
    } else {
        format!("{severity}[{}]", d.code)
    };
    format!("{}:{line}:{col}: {severity} {}", paths::display(&d.span.path, options.cwd), d.message)
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Information => Level::INFO,
        Severity::Hint => Level::NOTE,
    }
}

/// The source lines the span covers, the span underlined, then help and notes.
fn body<'a>(d: &'a Diagnostic, text: Option<&'a str>, options: &RenderOptions) -> Group<'a> {
    let mut group = Group::with_level(level(d.severity));
    if let Some(text) = text {
        let (lines, first_line, local) = excerpt(text, d.span.bytes.clone());
        group = group.element(
            Snippet::source(lines)
                .line_start(first_line)
                .annotation(AnnotationKind::Primary.span(local)),
        );
    }
    group = group.element(Level::HELP.message(d.url.as_str()));
    for rel in &d.related {
        let (line, col) = one_based(rel.span.start);
        group = group.element(Level::NOTE.message(format!(
            "{}:{line}:{col}: {}",
            paths::display(&rel.span.path, options.cwd),
            rel.message
        )));
    }
    group
}

/// The whole lines around `bytes`: the slice, its 1-based first line number, and `bytes`
/// relative to the slice. Cheap on huge files: only the neighbourhood is scanned for lines.
fn excerpt(text: &str, bytes: std::ops::Range<usize>) -> (&str, usize, std::ops::Range<usize>) {
    let clamp = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let (start, end) = (clamp(bytes.start), clamp(bytes.end.max(bytes.start)));
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let first_line = text[..line_start].matches('\n').count() + 1;
    (&text[line_start..line_end], first_line, start - line_start..end - line_start)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// `2 warnings, 0 errors in 3 files (1 model) — 1 suppressed`, plus the notes shown or
/// hidden, so that a quiet run still says what it looked at.
pub fn summary(report: &Report, options: &RenderOptions) -> String {
    let live = || report.items.iter().map(|r| &r.diagnostic).filter(|d| !d.suppressed);
    let errors = live().filter(|d| d.severity == Severity::Error).count();
    let warnings = live().filter(|d| d.severity == Severity::Warning).count();
    let notes = live().filter(|d| d.severity < Severity::Warning).count();
    let suppressed = report.items.iter().filter(|r| r.diagnostic.suppressed).count();
    let mut s = format!("{}, {}", plural(warnings, "warning", "warnings"), plural(errors, "error", "errors"));
    if notes > 0 && options.explain_unknowns {
        s.push_str(&format!(", {}", plural(notes, "note", "notes")));
    }
    s.push_str(&format!(
        " in {} ({}) — {} suppressed",
        plural(report.files, "file", "files"),
        plural(report.models, "model", "models"),
        thousands(suppressed)
    ));
    match &report.fixes {
        Some(f) => s.push_str(&format!(" — {} fixed", thousands(f.applied.len()))),
        None => {
            // Say that `--fix` would do something, as a finding's fix is not shown otherwise.
            let fixable = live().filter(|d| d.fix.as_ref().is_some_and(|f| !f.needs_input())).count();
            if fixable > 0 {
                s.push_str(&format!(" — {fixable} fixable with --fix"));
            }
        }
    }
    if notes > 0 && !options.explain_unknowns {
        s.push_str(&format!("; {} hidden (shown with --explain-unknowns)", plural(notes, "note", "notes")));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_takes_whole_lines() {
        let text = "a\nbc def\ng\n";
        let at = text.find("def").unwrap();
        let (lines, first, local) = excerpt(text, at..at + 3);
        assert_eq!((lines, first), ("bc def", 2));
        assert_eq!(&lines[local], "def");
        let (lines, first, _) = excerpt(text, 0..0);
        assert_eq!((lines, first), ("a", 1));
        let (lines, _, local) = excerpt(text, 99..120);
        assert_eq!((lines, local), ("", 0..0));
    }
}
