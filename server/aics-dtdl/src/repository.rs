//! The model-repository layout, and file access behind a small trait.
//!
//! A repository (the public IoT Plug and Play one, or a team's own `--models`
//! folder) keeps `dtmi:com:example:Thermostat;1` at
//! `dtmi/com/example/thermostat-1.json`. Models are looked up by path when a
//! reference needs them, so a folder of 19,255 files costs only the files used.
//!
//! Reading goes through [`ModelReader`] so the index runs in tests, or over an
//! editor's unsaved buffers, without a disk.

use std::fmt;
use std::io;
use std::path::{Component, Path, PathBuf};

use crate::dtmi::{self, DtmiError};

/// Reads a file's bytes. The only IO the model layer does.
pub trait ModelReader: Send + Sync {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>>;

    /// Whether `path` (under `root` by name) really lies inside `root`. A reader whose
    /// paths are only names (a virtual one) needs nothing more than the name check that
    /// [`checked_repository_path`] does; the file system must also follow links.
    fn within(&self, _root: &Path, _path: &Path) -> bool {
        true
    }
}

/// [`ModelReader`] over the real file system.
#[derive(Clone, Copy, Debug, Default)]
pub struct FsReader;

impl ModelReader for FsReader {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        std::fs::read(path)
    }

    /// A symlink inside the repository that points out of it (`dtmi/com/x-1.json ->
    /// /etc/passwd`) is not followed: the resolved file must lie under the resolved root.
    fn within(&self, root: &Path, path: &Path) -> bool {
        match (root.canonicalize(), path.canonicalize()) {
            (Ok(root), Ok(path)) => path.starts_with(root),
            // A file that is not there is read as missing anyway.
            (_, Err(_)) => true,
            (Err(_), Ok(_)) => false,
        }
    }
}

/// The path of a DTMI inside a repository, `/`-separated:
/// `dtmi:com:example:Thermostat;1` → `dtmi/com/example/thermostat-1.json`
/// (lower-case, `:` → `/`, `;` → `-`, `.json` appended). Purely textual; use
/// [`checked_repository_path`] before touching a file system.
pub fn repository_path(dtmi: &str) -> String {
    let mut path: String =
        dtmi.chars().map(|c| match c { ':' => '/', ';' => '-', c => c.to_ascii_lowercase() }).collect();
    path.push_str(".json");
    path
}

/// Why a DTMI cannot be turned into a safe repository path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RepositoryPathError {
    /// Not a valid DTMI.
    InvalidDtmi(DtmiError),
    /// The path would leave the repository folder (`..`, an absolute path...).
    /// A valid DTMI cannot produce one; this is a second line of defence.
    Escapes(String),
}

impl fmt::Display for RepositoryPathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RepositoryPathError::InvalidDtmi(e) => write!(f, "not a valid DTMI: {e}"),
            RepositoryPathError::Escapes(p) => write!(f, "path '{p}' would leave the model repository"),
        }
    }
}

impl std::error::Error for RepositoryPathError {}

/// [`repository_path`] as a relative [`PathBuf`], only for valid DTMIs and only
/// if every component is a plain name, so joining it to a folder stays inside it.
pub fn checked_repository_path(dtmi: &str) -> Result<PathBuf, RepositoryPathError> {
    dtmi::validate(dtmi).map_err(RepositoryPathError::InvalidDtmi)?;
    let text = repository_path(dtmi);
    let mut path = PathBuf::new();
    for part in text.split('/') {
        let plain = !part.is_empty()
            && part != "."
            && part != ".."
            && !part.contains(['\\', '\0'])
            && Path::new(part).components().all(|c| matches!(c, Component::Normal(_)));
        if !plain {
            return Err(RepositoryPathError::Escapes(text));
        }
        path.push(part);
    }
    if path.is_absolute() || !path.components().all(|c| matches!(c, Component::Normal(_))) {
        return Err(RepositoryPathError::Escapes(text));
    }
    Ok(path)
}

/// The root of a model repository given a configured folder: the folder that holds
/// `dtmi/` (or the parent of a `dtmi` folder named directly); `None` for any other layout,
/// whose JSON files are read whole instead.
pub fn repository_root(folder: &Path) -> Option<PathBuf> {
    if folder.join("dtmi").is_dir() {
        Some(folder.to_path_buf())
    } else if folder.file_name().is_some_and(|n| n == "dtmi") && folder.is_dir() {
        folder.parent().map(Path::to_path_buf)
    } else {
        None
    }
}
