//! Progress on stderr, updated in place, only when stderr is a terminal (never on stdout:
//! stdout carries the report, which scripts parse).

use std::io::{IsTerminal, Write};

pub struct Progress {
    enabled: bool,
}

impl Progress {
    pub fn new(requested: bool) -> Progress {
        Progress { enabled: requested && std::io::stderr().is_terminal() }
    }

    pub fn status(&self, message: &str) {
        if self.enabled {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K{message}");
            let _ = err.flush();
        }
    }

    pub fn clear(&self) {
        self.status("");
    }
}
