//! `check --stats`: where a run's time went, on stderr after the report (stdout stays the
//! report alone, whatever the format): the files by how they were read, the wall time of
//! each stage, the threads and the peak memory. For a CI job that takes longer than
//! expected, and for the benchmarks of `tests/bench` (which stage a tree spends its time in).

use std::fmt::Write;
use std::time::Duration;

use aics_core::analysis::STAGES;

use crate::check::Stats;
use crate::render::thousands;

/// What the stats print besides [`Stats`]: the findings reported and those suppressed,
/// the time to render the report, the whole run's time and the threads of the pool.
pub struct Run {
    pub findings: usize,
    pub suppressed: usize,
    pub report: Duration,
    pub total: Duration,
    pub threads: usize,
}

/// The stats as lines for stderr.
pub fn render(s: &Stats, run: &Run) -> String {
    let mut out = String::from("aics-lint --stats\n");
    let mut row = |label: &str, value: String, more: String| {
        let more = if more.is_empty() { String::new() } else { format!("  {more}") };
        let _ = writeln!(out, "  {label:<13}{value:>10}{more}");
    };
    row(
        "C files",
        thousands(s.c_files),
        format!(
            "{}: {} passed over (no SDK name), {} {} (not checked), {} read from tokens, {} parsed ({} {})",
            bytes(s.c_bytes),
            thousands(s.passed_over),
            thousands(s.unit_tests),
            if s.unit_tests == 1 { "unit test" } else { "unit tests" },
            thousands(s.from_tokens),
            thousands(s.parsed),
            thousands(s.parses),
            if s.parses == 1 { "parse" } else { "parses" }
        ),
    );
    row("JSON files", thousands(s.json_files), bytes(s.json_bytes));
    row("walk, read", ms(s.walk_and_reading), "each file read, and its facts taken, while the walk goes on".to_string());
    for (name, time) in STAGES.iter().zip(s.stages) {
        // (The analysis' names of its stages, in words a user of `check` reads.)
        let (label, more) = match *name {
            "facts" => ("hand-over", "the files' facts to the analysis".to_string()),
            "validate" => ("validation", "of the models".to_string()),
            "split" => ("split", format!("into {} {}", thousands(s.programs), if s.programs == 1 { "program" } else { "programs" })),
            "global index" => ("shared index", "of every file, built beside the split".to_string()),
            "diagnostics" if run.suppressed > 0 => ("findings", format!("{} reported, {} suppressed", thousands(run.findings), thousands(run.suppressed))),
            "diagnostics" => ("findings", format!("{} reported", thousands(run.findings))),
            other => (other, String::new()),
        };
        row(label, ms(time), more);
    }
    row("report", ms(run.report), String::new());
    let memory = peak_memory().map(|b| format!("; peak memory {}", bytes(b))).unwrap_or_default();
    let groups = if s.groups > 1 { format!(", {} config groups", s.groups) } else { String::new() };
    row("total", ms(run.total), format!("on {} {}{groups}{memory}", run.threads, if run.threads == 1 { "thread" } else { "threads" }));
    out
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

fn bytes(n: usize) -> String {
    match n {
        n if n >= 1 << 20 => format!("{:.1} MB", n as f64 / (1 << 20) as f64),
        n if n >= 1 << 10 => format!("{:.1} KB", n as f64 / (1 << 10) as f64),
        n => format!("{n} B"),
    }
}

/// The process's peak resident memory so far, where the system tells it (Linux:
/// `VmHWM` of `/proc/self/status`).
fn peak_memory() -> Option<usize> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: usize = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb << 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stage_has_a_row_and_the_counts_read_as_words() {
        let mut s = Stats { c_files: 1234, c_bytes: 3 << 20, passed_over: 1000, unit_tests: 7, from_tokens: 200, parsed: 34, parses: 35, programs: 1, groups: 1, ..Stats::default() };
        s.stages[STAGES.iter().position(|n| *n == "split").unwrap()] = Duration::from_micros(9_400);
        let out = render(&s, &Run { findings: 2, suppressed: 0, report: Duration::from_micros(500), total: Duration::from_millis(98), threads: 2 });
        // A row for each stage, between the reading's and the report's.
        let rows: Vec<&str> = out.lines().map(str::trim_start).collect();
        let (read, report) = (rows.iter().position(|l| l.starts_with("walk, read")).unwrap(), rows.iter().position(|l| l.starts_with("report")).unwrap());
        assert_eq!(report - read - 1, STAGES.len(), "{out}");
        for label in ["hand-over", "models", "validation", "split", "shared index", "programs", "findings"] {
            assert!(rows.iter().any(|l| l.starts_with(label)), "no `{label}` row:\n{out}");
        }
        assert!(out.contains("1,234  3.0 MB: 1,000 passed over (no SDK name), 7 unit tests (not checked), 200 read from tokens, 34 parsed (35 parses)"), "{out}");
        assert!(out.contains("9.4 ms  into 1 program\n"), "{out}");
        assert!(out.contains("2 reported"), "{out}");
        assert!(out.contains("98.0 ms  on 2 threads"), "{out}");
        let out = render(&s, &Run { findings: 2, suppressed: 3, report: Duration::ZERO, total: Duration::ZERO, threads: 1 });
        assert!(out.contains("2 reported, 3 suppressed") && out.contains("on 1 thread;"), "{out}");
        assert_eq!(bytes(0), "0 B");
        assert_eq!(bytes(1536), "1.5 KB");
    }
}
