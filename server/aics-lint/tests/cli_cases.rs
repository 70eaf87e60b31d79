//! End-to-end CLI cases as data (`tests/cli/cases/<name>/`, see `tests/cli/README.md`):
//! run the real binary with the case's arguments in its input folder, compare stdout and
//! the exit status, and check that each line of `stderr` appears in stderr.
//!
//! `UPDATE_CLI_CASES=1 cargo test -p aics-lint --test cli_cases` rewrites `stdout` and
//! `code` from the actual run; review the diff before committing.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn cli_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/cli")
}

struct Case {
    name: String,
    dir: PathBuf,
    args: Vec<String>,
    cwd: PathBuf,
}

fn load_case(dir: &Path) -> Case {
    let name = dir.file_name().unwrap().to_string_lossy().into_owned();
    let cmd = fs::read_to_string(dir.join("cmd")).unwrap_or_else(|e| panic!("{name}: cmd: {e}"));
    let mut args = split_args(cmd.trim());
    if args.first().map(String::as_str) == Some("aics-lint") {
        args.remove(0);
    }
    // The input tree: the case's own `in/`, or a shared project named in `cwd`.
    let cwd = if dir.join("in").is_dir() {
        dir.join("in")
    } else if let Ok(shared) = fs::read_to_string(dir.join("cwd")) {
        cli_dir().join(shared.trim())
    } else {
        cli_dir().join("projects/empty")
    };
    let cwd = fs::canonicalize(&cwd).unwrap_or_else(|e| panic!("{name}: input folder {}: {e}", cwd.display()));
    Case { name, dir: dir.to_path_buf(), args, cwd }
}

/// Whitespace-separated arguments; double quotes group words.
fn split_args(line: &str) -> Vec<String> {
    let mut args = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            c if c.is_whitespace() && !quoted => {
                if any {
                    args.push(std::mem::take(&mut cur));
                    any = false;
                }
            }
            c => {
                cur.push(c);
                any = true;
            }
        }
    }
    if any {
        args.push(cur);
    }
    args
}

/// What varies between runs or releases: the timing and the version.
fn mask(stdout: &str) -> String {
    let mut out = String::with_capacity(stdout.len());
    for line in stdout.split_inclusive('\n') {
        match line.find("\"duration_ms\": ") {
            Some(at) => {
                let rest = &line[at + "\"duration_ms\": ".len()..];
                let digits = rest.chars().take_while(char::is_ascii_digit).count();
                out.push_str(&line[..at]);
                out.push_str("\"duration_ms\": \"[..]\"");
                out.push_str(&rest[digits..]);
            }
            None => out.push_str(line),
        }
    }
    out.replace(env!("CARGO_PKG_VERSION"), "[VERSION]")
}

struct Outcome {
    stdout: String,
    stderr: String,
    code: i32,
}

fn run(case: &Case) -> Outcome {
    let out = Command::new(env!("CARGO_BIN_EXE_aics-lint"))
        .args(&case.args)
        .current_dir(&case.cwd)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .output()
        .unwrap_or_else(|e| panic!("{}: cannot run aics-lint: {e}", case.name));
    Outcome {
        stdout: mask(&String::from_utf8_lossy(&out.stdout)),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code().unwrap_or(-1),
    }
}

fn first_difference(expected: &str, actual: &str) -> String {
    let (e, a): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    let n = e.len().max(a.len());
    for i in 0..n {
        let (el, al) = (e.get(i).copied(), a.get(i).copied());
        if el != al {
            return format!("first difference at line {}:\n  expected: {:?}\n    actual: {:?}", i + 1, el, al);
        }
    }
    "only trailing newlines differ".to_string()
}

#[test]
fn cli_cases() {
    let update = std::env::var_os("UPDATE_CLI_CASES").is_some_and(|v| v != "0");
    let mut dirs: Vec<PathBuf> = fs::read_dir(cli_dir().join("cases"))
        .expect("tests/cli/cases")
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(!dirs.is_empty(), "no CLI cases found");

    let mut failures = Vec::new();
    for dir in &dirs {
        let case = load_case(dir);
        let got = run(&case);
        if update {
            fs::write(case.dir.join("stdout"), &got.stdout).unwrap();
            fs::write(case.dir.join("code"), format!("{}\n", got.code)).unwrap();
        }
        let mut problems = Vec::new();
        let expected_code: i32 = fs::read_to_string(case.dir.join("code"))
            .map(|s| s.trim().parse().expect("code is a number"))
            .unwrap_or_else(|_| panic!("{}: no `code` file (run with UPDATE_CLI_CASES=1)", case.name));
        if got.code != expected_code {
            problems.push(format!("exit status {} (expected {expected_code})", got.code));
        }
        let expected_stdout = fs::read_to_string(case.dir.join("stdout")).unwrap_or_default();
        if got.stdout != expected_stdout {
            problems.push(format!(
                "stdout differs; {}\n--- actual stdout ---\n{}",
                first_difference(&expected_stdout, &got.stdout),
                got.stdout
            ));
        }
        if let Ok(wanted) = fs::read_to_string(case.dir.join("stderr")) {
            for line in wanted.lines().filter(|l| !l.trim().is_empty()) {
                if !got.stderr.contains(line) {
                    problems.push(format!("stderr lacks {line:?}; stderr was:\n{}", got.stderr));
                }
            }
        }
        if !problems.is_empty() {
            failures.push(format!("case {} (aics-lint {}):\n{}", case.name, case.args.join(" "), problems.join("\n")));
        }
    }
    assert!(failures.is_empty(), "{} of {} CLI cases failed:\n\n{}", failures.len(), dirs.len(), failures.join("\n\n"));
}

#[test]
fn argument_splitting() {
    assert_eq!(split_args(r#"check "my dir" --format json"#), vec!["check", "my dir", "--format", "json"]);
    assert_eq!(split_args("  "), Vec::<String>::new());
}

#[test]
fn masking() {
    assert_eq!(mask("    \"duration_ms\": 123\n"), "    \"duration_ms\": \"[..]\"\n");
}
