//! The language server's file access: the same walking, reading and config discovery as
//! `aics-lint check`, so both faces see the same workspace.

use std::path::{Path, PathBuf};

use aics_core::config::{Config, ConfigError};
use aics_core::SourceFile;

use crate::{config_file, read, walk};

pub struct DiskFiles {
    pub max_file_size: u64,
}

impl aics_lsp::WorkspaceFiles for DiskFiles {
    fn scan(&self, root: &Path, config: &Config) -> Vec<SourceFile> {
        let walked = walk::collect(&[root.to_path_buf()], config);
        read::read_all(&walked.files, self.max_file_size).sources
    }

    fn list(&self, root: &Path, config: &Config) -> Vec<PathBuf> {
        walk::collect(&[root.to_path_buf()], config).files
    }

    fn read(&self, path: &Path) -> Option<SourceFile> {
        read::read_all(&[path.to_path_buf()], self.max_file_size).sources.into_iter().next()
    }

    fn config(&self, root: &Path) -> Option<Result<Config, ConfigError>> {
        let path: PathBuf = config_file::discover(root)?;
        let text = match std::fs::read(&path) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e) => return Some(Err(ConfigError { path, line: 1, column: 1, message: format!("cannot read the config: {e}") })),
        };
        Some(Config::parse(&path, &text))
    }
}
