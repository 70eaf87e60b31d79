//! A stderr note about one input that could not be used as is (skipped, decoded lossily,
//! unreadable). Notes never stop the run and never change the exit status.

use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Note {
    pub path: PathBuf,
    pub message: String,
}

impl Note {
    pub fn new(path: impl Into<PathBuf>, message: impl Into<String>) -> Note {
        Note { path: path.into(), message: message.into() }
    }
}
