//! `aics-lint`: the command-line face of the analysis core. Parses the command line,
//! runs the command and owns stdout (reports) and stderr (notes, failures).

mod check;
mod cli;
mod config_file;
mod failure;
mod fix;
#[cfg(all(target_os = "linux", target_env = "gnu"))]
mod mapped;
mod note;
mod paths;
mod progress;
mod read;
mod render;
mod reread;
mod rules_cmd;
mod selection;
mod server_files;
mod stats;
#[cfg(test)]
mod test_child;
mod walk;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

use cli::{CheckArgs, Cli, Command, OutputFormat};
use failure::Failure;
use render::RenderOptions;

/// Exit statuses of the CLI contract.
const FINDINGS: u8 = 1;
const FAILED: u8 = 2;

/// `check` is one batch: memory it frees is better used again than handed back to the
/// system and faulted in afresh. glibc's defaults map each allocation over 128 KB (a large
/// file's tokens) anew and give back the heap's top whenever 128 KB of it are free; on
/// netxduo (80 MB of C) that made a fifth of `check`'s CPU time page faults. Allocations
/// up to 32 MB come from the heap, and up to 256 MB free are kept. A pool thread's heap
/// grows 64 MB at a time (address space only: a page costs when first written): grown a
/// few pages at a time, the 10,000-file benchmark tree made 20,812 `mprotect` calls, about
/// 8% of its CPU time. The language server
/// keeps the defaults (its memory goes back between analyses). A `GLIBC_TUNABLES` set by
/// the user wins.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn keep_the_heap() {
    if std::env::var_os("GLIBC_TUNABLES").is_some() {
        return;
    }
    // SAFETY: mallopt only sets the allocator's parameters, before the analysis starts
    // any thread.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 256 << 20);
        libc::mallopt(libc::M_TOP_PAD, 64 << 20);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn keep_the_heap() {}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check(&args),
        Command::Server(_) => server(),
        Command::Rules(args) => {
            emit(&rules_cmd::table(args.format));
            Ok(ExitCode::SUCCESS)
        }
        Command::Explain(args) => rules_cmd::explain(&args.code).map(|text| {
            emit(&text);
            ExitCode::SUCCESS
        }),
    };
    result.unwrap_or_else(|failure| {
        eprintln!("{failure}");
        ExitCode::from(FAILED)
    })
}

fn check(args: &CheckArgs) -> Result<ExitCode, Failure> {
    let started = std::time::Instant::now();
    keep_the_heap();
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    mapped::guard();
    let cwd = std::env::current_dir().map_err(|e| Failure::new(format!("cannot read the current folder: {e}")))?;
    let cwd = std::fs::canonicalize(&cwd).unwrap_or(cwd);
    let progress = progress::Progress::new(!args.no_progress);
    let (mut report, mut notes) = check::run(args, &cwd, &progress)?;
    if args.fix {
        // Rounds of fixes, each on a fresh analysis, until none applies (a handful at most:
        // a fix that waits for another one's text comes in the next round).
        let mut fixer = fix::Fixer::default();
        let mut fix_notes = Vec::new();
        for _ in 0..5 {
            let (applied, mut n) = fixer.round(&report);
            fix_notes.append(&mut n);
            if applied == 0 {
                break;
            }
            (report, notes) = check::run(args, &cwd, &progress)?;
        }
        notes.append(&mut fix_notes);
        fixer.finish(&report);
        report.fixes = Some(fixer.outcome);
    }
    for note in &notes {
        eprintln!("{}: {}", paths::display(&note.path, &cwd), note.message);
    }
    let options = RenderOptions { cwd: &cwd, explain_unknowns: args.explain_unknowns, color: color_wanted() };
    let rendering = std::time::Instant::now();
    let out = match args.format {
        OutputFormat::Text => render::text::render(&report, &options),
        OutputFormat::Json => render::json::render(&report, &options),
        OutputFormat::Sarif => render::sarif::render(&report, &options),
        OutputFormat::Github => render::github::render(&report, &options),
    };
    emit(&out);
    if args.stats {
        let suppressed = report.items.iter().filter(|r| r.diagnostic.suppressed).count();
        let run = stats::Run {
            findings: report.items.len() - suppressed,
            suppressed,
            report: rendering.elapsed(),
            total: started.elapsed(),
            threads: rayon::current_num_threads(),
        };
        eprint!("{}", stats::render(&report.stats, &run));
    }
    Ok(if report.fails() { ExitCode::from(FINDINGS) } else { ExitCode::SUCCESS })
}

/// The language server on stdin/stdout. Logs go to the client (`window/logMessage`) and
/// stderr; stdout belongs to the protocol.
fn server() -> Result<ExitCode, Failure> {
    aics_lsp::limit_malloc_arenas();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::new(format!("cannot start the language server: {e}")))?;
    let files = std::sync::Arc::new(server_files::DiskFiles { max_file_size: cli::DEFAULT_MAX_FILE_SIZE });
    let shut_down = runtime.block_on(aics_lsp::serve_stdio(files));
    // Do not wait for blocking tasks (a scan of a huge workspace) after `exit`.
    runtime.shutdown_timeout(std::time::Duration::from_millis(100));
    // The protocol's exit status: 1 when `exit` came without a `shutdown` before it, else 0.
    Ok(if shut_down { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// Colour only for a terminal, and never when `NO_COLOR` is set (https://no-color.org).
fn color_wanted() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Write a report to stdout. A closed pipe (`aics-lint check | head`) is not an error.
fn emit(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush());
}
