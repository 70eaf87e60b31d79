//! Finding and loading `aics-lint.toml` / `.aics-lint.toml` (the core only parses text).

use std::path::{Path, PathBuf};

use aics_core::config::{Config, CONFIG_FILE_NAMES};

use crate::failure::Failure;
use crate::paths;

/// The nearest config walking up from `start` (a folder), the folder itself first.
/// Within one folder `aics-lint.toml` wins over `.aics-lint.toml`.
pub fn discover(start: &Path) -> Option<PathBuf> {
    start.ancestors().find_map(|dir| {
        CONFIG_FILE_NAMES.iter().map(|name| dir.join(name)).find(|candidate| candidate.is_file())
    })
}

/// The folder a PATH's config search starts from: the PATH itself when it is a folder.
pub fn search_start(path: &Path) -> &Path {
    if path.is_dir() {
        path
    } else {
        path.parent().unwrap_or(path)
    }
}

/// Read and parse a config file. `path` should be absolute so that the globs and model
/// folders in it are anchored at its folder whatever the current folder is.
/// Errors name the file as the user would (relative to `cwd` when under it).
pub fn load(path: &Path, cwd: &Path) -> Result<Config, Failure> {
    let shown = paths::display(path, cwd);
    let text = std::fs::read(path).map_err(|e| Failure::new(format!("{shown}: cannot read the config: {e}")))?;
    let text = String::from_utf8(text).map_err(|_| Failure::located(format!("{shown}:1:1: the config is not valid UTF-8")))?;
    Config::parse(path, &text).map_err(|e| Failure::located(format!("{shown}:{}:{}: {}", e.line, e.column, e.message)))
}
