//! For tests of what ends the process (`std::process::exit`): the test run again as a
//! child process of the test binary, told by an environment variable to do the part that
//! ends it.

use std::path::Path;
use std::process::Command;

/// What a child run of `test` (its whole path, `module::tests::name`) with `var` set to
/// `path` did: its exit status, stdout and stderr.
pub fn run(test: &str, var: &str, path: &Path) -> (Option<i32>, String, String) {
    let out = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", test, "--nocapture", "--test-threads=1"])
        .env(var, path)
        .output()
        .unwrap();
    (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}
