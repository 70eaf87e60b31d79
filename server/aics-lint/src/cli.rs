//! The command line as the CLI contract (`/work/shared/cli-contract.md`) defines it.
//! Only additions are allowed here: scripts and CI pipelines depend on every name.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Lint Azure IoT device C code and DTDL models for the failures that stop AICS certification.
#[derive(Debug, Parser)]
#[command(name = "aics-lint", version, arg_required_else_help = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint files and folders (default: the current folder).
    Check(CheckArgs),
    /// Run the language server on stdin/stdout.
    Server(ServerArgs),
    /// Print the rule table.
    Rules(RulesArgs),
    /// Explain a rule and its troubleshooting step (offline).
    Explain(ExplainArgs),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Human: file:line:col, code, message, the source line with a caret, the link.
    Text,
    /// One JSON document (version 1), for scripts.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands (annotations on the pull request).
    Github,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    /// Aligned columns: code, name, level, summary, link.
    Text,
    /// `{"version": 1, "rules": [...]}`.
    Json,
    /// The Markdown table of the README.
    Markdown,
}

/// Files larger than this are skipped with a note: generated tables, firmware images.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files and folders to lint; folders are walked with .gitignore rules.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,

    /// An extra folder of DTDL models (repeatable); any layout, the model-repository layout included.
    #[arg(long = "models", value_name = "DIR")]
    pub models: Vec<PathBuf>,

    /// The config file (default: the nearest aics-lint.toml or .aics-lint.toml walking up from each PATH).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Only report these comma-separated codes or prefixes (AICS, DTDL, AICS00).
    #[arg(long, value_name = "CODES", value_delimiter = ',')]
    pub select: Vec<String>,

    /// Never report these comma-separated codes or prefixes.
    #[arg(long, value_name = "CODES", value_delimiter = ',')]
    pub ignore: Vec<String>,

    /// Never show progress (it goes to stderr, and only when stderr is a terminal).
    #[arg(long)]
    pub no_progress: bool,

    /// Also show the information-level notes on what the analysis could not decide
    /// (text and github formats; json and sarif always include them).
    #[arg(long)]
    pub explain_unknowns: bool,

    /// Exit 0 when the PATHs hold no C, header or model file at all (by default that is
    /// exit 2: a CI job pointed at the wrong folder must not pass).
    #[arg(long)]
    pub allow_no_files: bool,

    /// Apply the fixes of the findings whose fix is mechanical to the files (the only
    /// option that writes), then report what was fixed and what is left. A fix that needs
    /// a Model ID no source names is not applied; it is listed.
    #[arg(long)]
    pub fix: bool,

    /// After the report, print to stderr where the run's time went: the files by how they
    /// were read, the time of each stage, the threads and the peak memory.
    #[arg(long)]
    pub stats: bool,

    /// Skip files larger than this many bytes, with a note.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: u64,
}

#[derive(Debug, Args)]
pub struct ServerArgs {
    /// Use stdin/stdout (the only transport; accepted because VS Code's client appends it).
    #[arg(long)]
    pub stdio: bool,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[arg(long, value_enum, default_value_t = TableFormat::Text)]
    pub format: TableFormat,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule code (AICS001) or name (dps-payload-missing-model-id).
    #[arg(value_name = "CODE")]
    pub code: String,
}
