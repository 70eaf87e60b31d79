//! The language server re-parses an open C file incrementally: each edit re-uses the trees
//! of the last extraction (`c::extract_file_reusing`). Its facts must be exactly those of a
//! fresh extraction (`c::extract_file`), after every edit. Over every C, C++ and header file
//! of the real-world corpus (`tests/realworld`) and of the SDK tests in `tests/data`, a
//! sequence of edits as someone types them — a word typed into a string, a call typed character by character
//! into a function body (unbalanced parentheses on the way), a line deleted and put back,
//! a closing brace deleted, a conditional wrapped around code (which tangles the file, so
//! it is parsed once per branch configuration), lines switched off with `#if 0` and on
//! again, a pasted block, a non-ASCII character, the
//! whole text replaced — is applied, and both extractions are compared at each step.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use aics_core::c::facts::{FileFacts, KeptTrees};
use aics_core::c::{extract_file, extract_file_reusing};
use rayon::prelude::*;

fn source_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            source_files(&p, out);
        } else if p.extension().is_some_and(|x| matches!(x.to_str(), Some("c" | "h" | "cpp" | "ino"))) {
            out.push(p);
        }
    }
}

/// Everything in the facts, positions included.
fn summary(f: &FileFacts) -> String {
    format!("{f:?}")
}

/// One edit: replace `range` (bytes) with `text`.
struct Edit {
    range: std::ops::Range<usize>,
    text: String,
}

fn insert(at: usize, text: &str) -> Edit {
    Edit { range: at..at, text: text.to_string() }
}

fn delete(range: std::ops::Range<usize>) -> Edit {
    Edit { range, text: String::new() }
}

/// The byte offset of the start of the line holding `at`, and of the next line.
fn line_around(text: &str, at: usize) -> (usize, usize) {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
    (start, end)
}

/// The first offset at or after `from` (wrapping around) where `pred` holds for the line.
fn find_line(text: &str, from: usize, pred: impl Fn(&str) -> bool) -> Option<(usize, usize)> {
    let mut starts: Vec<usize> = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).filter(|&s| s < text.len()).collect();
    let k = starts.partition_point(|&s| s < from);
    starts.rotate_left(k);
    starts.into_iter().map(|s| line_around(text, s)).find(|&(s, e)| pred(&text[s..e]))
}

/// The edits of one session on `text`, each as an edit of the text the previous ones left.
/// Every group ends where it began, so the next group's positions hold.
fn session(text: &str) -> Vec<Edit> {
    let mut edits = Vec::new();
    let mid = {
        let mut m = text.len() / 2;
        while !text.is_char_boundary(m) {
            m -= 1;
        }
        m
    };
    // A word typed into a string literal, then deleted character by character.
    if let Some((s, e)) = find_line(text, mid, |l| l.matches('"').count() >= 2 && !l.trim_start().starts_with('#')) {
        let q = s + text[s..e].find('"').unwrap() + 1;
        for (i, c) in "dtmi:x".char_indices() {
            edits.push(insert(q + i, &c.to_string()));
        }
        for i in (0..6).rev() {
            edits.push(delete(q + i..q + i + 1));
        }
    }
    // A call typed into a function body, statement by statement, then removed at once.
    if let Some((s, _)) = find_line(text, mid, |l| l.starts_with("    ") && l.trim_end().ends_with(';')) {
        let typed = "    IoTHubDeviceClient_LL_SetOption(h, OPTION_MODEL_ID, \"dtmi:a:b;1\");\n";
        for (i, c) in typed.char_indices() {
            // Whole words at a time, as a fast typist's edits arrive; every punctuation alone.
            if i == 0 || !c.is_alphanumeric() || !typed[..i].ends_with(|p: char| p.is_alphanumeric()) {
                let end = typed[i..].find(|p: char| !p.is_alphanumeric()).map_or(typed.len(), |k| i + k.max(1));
                edits.push(insert(s + i, &typed[i..end]));
            }
        }
        edits.push(delete(s..s + typed.len()));
    }
    // A line deleted, then put back (undo).
    let (ls, le) = line_around(text, mid);
    if le > ls {
        edits.push(delete(ls..le));
        edits.push(insert(ls, &text[ls..le]));
    }
    // A closing brace deleted, then typed again.
    if let Some((s, _)) = find_line(text, mid, |l| l.trim_end() == "}") {
        let b = s + text[s..].find('}').unwrap();
        edits.push(delete(b..b + 1));
        edits.push(insert(b, "}"));
    }
    // A conditional wrapped around a few lines of a function body, then removed.
    if let Some((s, _)) = find_line(text, mid, |l| l.starts_with("    ") && l.trim_end().ends_with(';')) {
        let (_, e) = line_around(text, s);
        edits.push(insert(e, "#endif\n"));
        edits.push(insert(s, "#ifdef USE_OTHER_PATH\n    other_path();\n#else\n"));
        let opened = "#ifdef USE_OTHER_PATH\n    other_path();\n#else\n".len();
        edits.push(delete(e + opened..e + opened + "#endif\n".len()));
        edits.push(delete(s..s + opened));
    }
    // A few lines of a function body switched off (`#if 0`: blanked before reading, so the
    // kept trees are of a text with a whole region changed), then on again.
    if let Some((s, _)) = find_line(text, mid, |l| l.starts_with("    ") && l.trim_end().ends_with(';')) {
        let (_, e) = line_around(text, s);
        edits.push(insert(e, "#endif\n"));
        edits.push(insert(s, "#if 0\n"));
        edits.push(delete(s..s + "#if 0\n".len()));
        edits.push(delete(e..e + "#endif\n".len()));
    }
    // A block pasted (the file's first lines, in the middle), then cut again.
    let head = text.char_indices().map(|(i, _)| i).take_while(|&i| i <= 400).last().unwrap_or(0);
    let (ps, _) = line_around(text, mid);
    if head > 0 {
        edits.push(insert(ps, &text[..head]));
        edits.push(delete(ps..ps + head));
    }
    // A non-ASCII character in a comment at the start, typed and deleted.
    edits.push(insert(0, "/* é😀 */"));
    edits.push(delete(0.."/* é😀 */".len()));
    edits
}

/// Applies `edits` to `text`, extracting after each both ways; the first difference, if any.
/// Also counts the re-parses of a tree with errors (a tangled file's whole text) taken.
fn differs(path: &Path, text: &str, edits: &[Edit], with_errors: &AtomicUsize) -> Option<String> {
    let mut kept = KeptTrees::default();
    let mut current = text.to_string();
    let first = extract_file_reusing(path, &current, &mut kept);
    if summary(&first) != summary(&extract_file(path, &current)) {
        return Some(format!("{}: differs before any edit", path.display()));
    }
    for (k, e) in edits.iter().enumerate() {
        current.replace_range(e.range.clone(), &e.text);
        let facts = extract_file_reusing(path, &current, &mut kept);
        if kept.reparsed() > 0 && facts.variants_parsed > 1 {
            with_errors.fetch_add(1, Ordering::Relaxed);
        }
        let incremental = summary(&facts);
        let fresh = summary(&extract_file(path, &current));
        if incremental != fresh {
            let at = incremental.bytes().zip(fresh.bytes()).position(|(a, b)| a != b).unwrap_or(0);
            let around = |s: &str| s.get(at.saturating_sub(80)..(at + 160).min(s.len())).unwrap_or_default().to_string();
            return Some(format!(
                "{}: after edit {k} ({:?} -> {:?}) the incremental facts differ:\n incremental: {}\n fresh:       {}",
                path.display(),
                e.range,
                e.text,
                around(&incremental),
                around(&fresh)
            ));
        }
    }
    // The whole text replaced (a client that sends full texts, a revert): still the same.
    let incremental = summary(&extract_file_reusing(path, "int main(void) { return f(1); }\n", &mut kept));
    if incremental != summary(&extract_file(path, "int main(void) { return f(1); }\n")) {
        return Some(format!("{}: differs after the whole text was replaced", path.display()));
    }
    None
}

/// The real-world corpus (`tests/realworld`), and the SDK tests of `tests/data` (test heads
/// read without the parser): every UTF-8 source file and its text, by path.
fn corpus() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests");
    let mut files = Vec::new();
    source_files(&root.join("realworld"), &mut files);
    assert!(files.len() > 250, "the real-world corpus is missing: {} files", files.len());
    source_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data"), &mut files);
    files.sort();
    files.into_iter().filter_map(|p| Some((p.clone(), String::from_utf8(std::fs::read(&p).ok()?).ok()?))).collect()
}

#[test]
fn incremental_facts_equal_fresh_facts_after_every_edit() {
    let texts = corpus();
    // The sessions must have gone through the parser, tangled files and C++ too, not only the
    // token-only path of files that cannot matter.
    let parsed = texts.iter().filter(|(p, t)| {
        let mut kept = KeptTrees::default();
        let f = extract_file_reusing(p, t, &mut kept);
        !kept.is_empty() && f.variants_parsed >= 1
    });
    // (89 of the 300 files once file-level Model IDs, enumerations and concatenated strings
    // were read from tokens; over 100 before.)
    let parsed = parsed.count();
    assert!(parsed > 75, "only {parsed} files of {} parsed", texts.len());
    let tangled = texts.iter().filter(|(p, t)| extract_file(p, t).variants_parsed > 1).count();
    assert!(tangled > 5, "only {tangled} tangled files");
    let tangled_reparsed = AtomicUsize::new(0);
    let failures: Vec<String> = texts.par_iter().filter_map(|(p, t)| differs(p, t, &session(t), &tangled_reparsed)).collect();
    assert!(failures.is_empty(), "{} of {} files:\n{}", failures.len(), texts.len(), failures.join("\n"));
    // Tangled files were re-parsed too (their branch configurations, and their whole text
    // where the edit was away from its errors), not only parsed afresh.
    assert!(tangled_reparsed.load(Ordering::Relaxed) > 50, "{tangled_reparsed:?}");
}

#[test]
fn the_kept_trees_follow_the_edits() {
    // A file that matters is parsed (one tree); the trees follow it into a tangle (one per
    // branch configuration and the whole text) and back; a file with nothing to look for
    // takes the token-only path and keeps none.
    let p = Path::new("main.c");
    let mut kept = KeptTrees::default();
    // (A file-level Model ID in a nested call keeps it from the parse-free reading of
    // plain heads: the tokens leave such a value to the parser.)
    let plain = "static const char *model = model_id(prefix(\"Thermostat;1\"));\nint main(void)\n{\n    IoTHubDeviceClient_LL_SetOption(h, OPTION_MODEL_ID, model);\n    return 0;\n}\n";
    let f = extract_file_reusing(p, plain, &mut kept);
    assert_eq!((kept.len(), f.variants_parsed), (1, 1));
    let tangled = "static const char *model = model_id(prefix(\"Thermostat;1\"));\nint main(void)\n{\n#ifdef A\n    if (a) {\n#else\n    if (b) {\n#endif\n        IoTHubDeviceClient_LL_SetOption(h, OPTION_MODEL_ID, model);\n    }\n    return 0;\n}\n";
    let f = extract_file_reusing(p, tangled, &mut kept);
    assert_eq!(f.variants_parsed, 2);
    assert_eq!(kept.len(), 3, "the whole text and two branch configurations");
    assert_eq!(summary(&f), summary(&extract_file(p, tangled)));
    let f = extract_file_reusing(p, plain, &mut kept);
    assert_eq!((kept.len(), f.variants_parsed), (1, 1));
    let f = extract_file_reusing(p, "static int add(int a, int b) { return a + b; }\n", &mut kept);
    assert!(kept.is_empty(), "the token-only path parses nothing");
    assert_eq!(f.functions.len(), 1);
}

#[test]
fn kept_units_are_re_read_where_the_edit_is_and_moved_elsewhere() {
    // The functions the edit leaves alone give their facts again, moved; the one it is in
    // is read again, also when the edit keeps its length (a name typed over). (Bodies
    // with a `__cplusplus` group are parsed; a C body without directive lines, or with
    // conditionals between statements, is read from tokens.)
    let p = Path::new("main.c");
    let text = "static int send(void)\n{\n#ifdef __cplusplus\n    trace(1);\n#endif\n    return IoTHubDeviceClient_LL_SendEventAsync(h, m, NULL, NULL);\n}\n\n\
                int main(void)\n{\n#ifdef __cplusplus\n    trace(2);\n#endif\n    rc = f(1);\n    IoTHubDeviceClient_LL_SetOption(h, OPTION_MODEL_ID, MODEL_ID);\n    return send();\n}\n";
    let mut kept = KeptTrees::default();
    extract_file_reusing(p, text, &mut kept);
    // Each edit is made to the text of the one before; the last one is the original text.
    let edits = [("f(1)", "g(1)"), ("rc = g(1)", "xy = g(2)"), ("return IoTHub", "return  IoTHub"), ("static int send", "int send"), ("MODEL_ID);\n", "MODEL_IX);\n")];
    let mut texts = Vec::new();
    let mut t = text.to_string();
    for (from, to) in edits {
        assert!(t.contains(from), "{from}");
        t = t.replacen(from, to, 1);
        texts.push(t.clone());
    }
    texts.push(text.to_string());
    let edits = texts;
    for (k, t) in edits.iter().enumerate() {
        let facts = extract_file_reusing(p, t, &mut kept);
        assert_eq!(kept.reparsed(), 1, "edit {k} re-parsed the kept tree");
        assert_eq!(summary(&facts), summary(&extract_file(p, t)), "edit {k}");
        // Two functions: the edited one is read again, the other kept (the last step undoes
        // edits in both).
        let (kept_units, read) = kept.units();
        assert_eq!((kept_units + read, read), (2, if k == 5 { 2 } else { 1 }), "edit {k}");
    }
}

/// Typing inside string literals (the commonest edit: a log message, a topic, a payload
/// key) is not parsed at all: the facts of the last extraction are moved
/// (`KeptTrees::in_string`). Over every file of the corpus, characters typed and deleted
/// at random places of random literals — plain ones, and now and then a quote, a
/// backslash, a comment opener or a `#` that end the literal or make it something else —
/// give exactly the facts of a fresh extraction after every edit, and most plain
/// keystrokes in literals outside directive lines (a third at least: C++ files, literals
/// by an error or holding a Model ID are parsed) take the shortcut.
#[test]
fn typing_inside_string_literals_gives_fresh_facts() {
    let texts = corpus();
    let (shortcuts, plain) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let failures: Vec<String> = texts
        .par_iter()
        .enumerate()
        .filter_map(|(n, (path, text))| {
            let mut seed = 0x9e37_79b9_7f4a_7c15u64 ^ (n as u64 + 1).wrapping_mul(0xff51_afd7_ed55_8ccd);
            let mut next = |m: usize| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                (seed % m.max(1) as u64) as usize
            };
            let mut kept = KeptTrees::default();
            let mut current = text.clone();
            extract_file_reusing(path, &current, &mut kept);
            for k in 0..40 {
                let strings = extract_file(path, &current).strings;
                let Some(lit) = (!strings.is_empty()).then(|| strings[next(strings.len())].range.clone()) else { break };
                let mut at = lit.start + 1 + next(lit.len().saturating_sub(1));
                while !current.is_char_boundary(at) {
                    at -= 1;
                }
                let odd = next(8) == 0;
                let typed = if odd { ["\"", "\\", "/*", "#", "\n", "'"][next(6)] } else { ["x", " ", "%d", "{", ":", "Q9"][next(6)] };
                let delete = !odd && next(3) == 0 && at < lit.end - 1 && current.is_char_boundary(at + 1);
                let edit = if delete { (at..at + 1, "") } else { (at..at, typed) };
                current.replace_range(edit.0.clone(), edit.1);
                let facts = extract_file_reusing(path, &current, &mut kept);
                let line_start = current[..lit.start].rfind('\n').map_or(0, |i| i + 1);
                if !odd && !current[line_start..].trim_start().starts_with('#') {
                    plain.fetch_add(1, Ordering::Relaxed);
                    shortcuts.fetch_add(kept.in_string() as usize, Ordering::Relaxed);
                }
                if summary(&facts) != summary(&extract_file(path, &current)) {
                    return Some(format!("{}: edit {k} {:?} -> {:?} (shortcut: {})", path.display(), edit.0, edit.1, kept.in_string()));
                }
            }
            None
        })
        .collect();
    assert!(failures.is_empty(), "{} of {} files:\n{}", failures.len(), texts.len(), failures.join("\n"));
    let (shortcuts, plain) = (shortcuts.into_inner(), plain.into_inner());
    assert!(shortcuts * 3 > plain, "only {shortcuts} of {plain} plain keystrokes inside literals took the shortcut");
}
