//! File access of the language server, supplied by the binary: the same walking, reading
//! and config discovery as `aics-lint check`, so both faces see the same workspace.

use std::path::{Path, PathBuf};

use aics_core::config::{Config, ConfigError};
use aics_core::SourceFile;

pub trait WorkspaceFiles: Send + Sync + 'static {
    /// Every file worth analysing under `root` (C sources, headers, JSON), read, with the
    /// config's include/exclude and ignore files applied. Unreadable or binary files are
    /// left out.
    fn scan(&self, root: &Path, config: &Config) -> Vec<SourceFile>;
    /// The paths `scan` would read, without reading them, so the server can read (and
    /// analyse) a large workspace in chunks it can interrupt.
    fn list(&self, root: &Path, config: &Config) -> Vec<PathBuf> {
        self.scan(root, config).into_iter().map(|s| s.path.as_ref().clone()).collect()
    }
    /// One file read from disk (after a watched-file event); `None` if it cannot be used.
    fn read(&self, path: &Path) -> Option<SourceFile>;
    /// The config that governs `root`: the nearest `aics-lint.toml` / `.aics-lint.toml`.
    fn config(&self, root: &Path) -> Option<Result<Config, ConfigError>>;
}
