//! How paths are shown: relative to the current folder when the file lies under it, else
//! absolute (the CLI contract), always with `/` so that output is the same on every OS.

use std::path::{Component, Path, PathBuf};

/// `path` as the user should read it. `cwd` and `path` are both absolute.
pub fn display(path: &Path, cwd: &Path) -> String {
    match path.strip_prefix(cwd) {
        Ok(rel) if rel.as_os_str().is_empty() => ".".to_string(),
        Ok(rel) => slashed(rel),
        Err(_) => path.to_string_lossy().into_owned(),
    }
}

/// The path under `cwd`, if it lies there.
pub fn relative<'a>(path: &'a Path, cwd: &Path) -> Option<&'a Path> {
    path.strip_prefix(cwd).ok().filter(|r| !r.as_os_str().is_empty())
}

fn slashed(rel: &Path) -> String {
    let parts: Vec<String> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            Component::ParentDir => Some("..".to_string()),
            _ => None,
        })
        .collect();
    parts.join("/")
}

/// A relative path as a URI reference (SARIF `artifactLocation.uri`): `/`-separated,
/// percent-encoding everything outside RFC 3986's unreserved set and `/`.
pub fn uri_reference(rel: &Path) -> String {
    percent_encode(&slashed(rel))
}

/// An absolute path as a `file://` URI.
pub fn file_uri(abs: &Path) -> String {
    let s = abs.to_string_lossy().replace('\\', "/");
    let s = if s.starts_with('/') { s } else { format!("/{s}") };
    format!("file://{}", percent_encode(&s))
}

fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// An absolute form of `path` that names the same file: symlinks resolved when it exists,
/// so that paths under the current folder are recognised as such.
pub fn absolute(path: &Path, cwd: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| cwd.join(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn under_cwd_is_relative_else_absolute() {
        let cwd = Path::new("/w/p");
        assert_eq!(display(Path::new("/w/p/src/a.c"), cwd), "src/a.c");
        assert_eq!(display(Path::new("/w/q/a.c"), cwd), "/w/q/a.c");
        assert_eq!(display(Path::new("/w/p"), cwd), ".");
    }

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(uri_reference(Path::new("my src/a#1.c")), "my%20src/a%231.c");
        assert_eq!(file_uri(Path::new("/x/é.c")), "file:///x/%C3%A9.c");
    }
}
