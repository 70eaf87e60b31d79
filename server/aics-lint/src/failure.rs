//! Why a run failed (exit status 2). One line on stderr, written for the user to act on.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure(String);

impl Failure {
    /// A failure about the run as a whole: prefixed with the program name.
    pub fn new(message: impl fmt::Display) -> Failure {
        Failure(format!("aics-lint: {message}"))
    }

    /// A line that already says where (`file:line:col: message`), printed as is so that
    /// editors and terminals can jump to it.
    pub fn located(line: impl fmt::Display) -> Failure {
        Failure(line.to_string())
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Never more than one line, whatever the underlying error said.
        f.write_str(&self.0.replace(['\r', '\n'], " "))
    }
}
