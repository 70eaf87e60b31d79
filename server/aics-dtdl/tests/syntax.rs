//! Broken and foreign JSON: half-typed model files keep every element that
//! can be read and report each error once, at its exact position; other JSON
//! is not a model; no input nests deep enough to overflow the stack.

mod common;

use aics_dtdl::{parse_document, DtdlVersion, SyntaxError};
use common::{fixture, span, span_in};

fn names(text: &str) -> Vec<String> {
    let doc = parse_document("x.json", text).expect("a model");
    doc.interfaces.iter().flat_map(|i| i.contents.iter().map(|c| c.name.clone())).collect()
}

fn err(range: std::ops::Range<usize>, message: &str) -> SyntaxError {
    SyntaxError { range, message: message.to_string() }
}

#[test]
fn truncated_file_keeps_what_was_typed() {
    let text = fixture("half-typed/truncated.json");
    let doc = parse_document("truncated.json", &text).unwrap();
    assert_eq!(doc.version, DtdlVersion::V3);
    assert_eq!(doc.root().unwrap().id.as_deref(), Some("dtmi:com:example:Typing;1"));
    assert_eq!(names(&text), ["first", "second"]);
    assert_eq!(doc.interfaces[0].contents[1].name_range, span(&text, "\"second\""));
    let line_end = text.find("\"sch\n").unwrap() + 4;
    assert_eq!(
        doc.syntax_errors,
        vec![
            err(line_end..line_end, "unterminated string: add the closing '\"' (JSON strings cannot span lines)"),
            err(text.len()..text.len(), "unexpected end of file: expected '}' to close the object opened on line 7"),
        ]
    );
}

#[test]
fn missing_commas_trailing_commas_and_unquoted_keys() {
    let text = fixture("half-typed/missing-comma.json");
    let doc = parse_document("missing-comma.json", &text).unwrap();
    assert_eq!(names(&text), ["a", "b", "c", "d"]);
    let schema_after_a = span_in(&text, "\"a\" \"schema\"", "\"schema\"").start;
    let d_object = span_in(&text, "}\n    { \"@type\": \"Telemetry\", \"name\": \"d\"", "{ \"@type").start;
    assert_eq!(
        doc.syntax_errors,
        vec![
            err(schema_after_a..schema_after_a, "expected ',' or '}' after property"),
            err(span_in(&text, "\"double\", },", ","), "trailing comma: remove the ',' before '}'"),
            err(span_in(&text, " name:", "name"), "property names must be in double quotes: \"name\""),
            err(d_object..d_object, "expected ',' or ']' after array element"),
        ]
    );
}

#[test]
fn extra_closing_brace() {
    let text = fixture("half-typed/extra-brace.json");
    let doc = parse_document("extra-brace.json", &text).unwrap();
    assert_eq!(names(&text), ["a"]);
    let brace = span_in(&text, "\"double\" }}", "}}").start + 1;
    assert_eq!(doc.syntax_errors[0], err(brace..brace, "expected ']' to close the array before '}'"));
}

#[test]
fn invalid_escape_and_comment() {
    let text = "{\"@context\": \"dtmi:dtdl:context;2\", \"@id\": \"dtmi:a:b;1\", // note\n \"contents\": {\"@type\": \"Telemetry\", \"name\": \"t\\x\"}}";
    let doc = parse_document("x.json", text).unwrap();
    assert_eq!(
        doc.syntax_errors,
        vec![
            err(span(text, "// note"), "comments are not allowed in JSON; remove this comment"),
            err(span(text, "\\x"), "invalid escape '\\x' in string: use \\\\, \\\", \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX"),
        ]
    );
    assert_eq!(names(text), ["t\\x"]);
}

#[test]
fn comment_in_an_otherwise_valid_model() {
    let text = "{\"@context\": \"dtmi:dtdl:context;2\", /* why */ \"@id\": \"dtmi:a:b;1\"}";
    let doc = parse_document("x.json", text).unwrap();
    assert_eq!(doc.syntax_errors, vec![err(span(text, "/* why */"), "comments are not allowed in JSON; remove this comment")]);
}

#[test]
fn other_json_is_not_a_model() {
    for name in ["not-dtdl/package.json", "not-dtdl/tsconfig.json", "not-dtdl/jsonld.json"] {
        assert_eq!(parse_document(name, &fixture(name)), None, "{name}");
    }
    for text in ["", "   ", "[]", "{}", "42", "{\"@id\": \"dtmi:a:b;1\"}"] {
        assert_eq!(parse_document("x.json", text), None, "{text:?}");
    }
    // A `dtmi:` context that names no DTDL version is a model with a wrong
    // context (the validator reports it), not other JSON.
    for text in ["{\"@context\": \"dtmi:dtdl:context;5\"}", "{\"@context\": [\"dtmi:iotcentral:context;2\"]}"] {
        assert!(parse_document("x.json", text).is_some(), "{text:?}");
    }
}

#[test]
fn a_broken_file_with_a_dtdl_context_is_still_a_model() {
    let text = "{ \"@context\" \"dtmi:dtdl:context;2\" \"@id\": \"dtmi:a:b;1\"";
    let doc = parse_document("x.json", text).expect("recognised from its context string");
    assert_eq!(doc.version, DtdlVersion::V2);
    assert!(!doc.syntax_errors.is_empty());
}

#[test]
fn deep_json_nesting_does_not_overflow() {
    const DEPTH: usize = 100_000;
    let prefix = "{\"@context\": \"dtmi:dtdl:context;2\", \"@id\": \"dtmi:a:b;1\", \"contents\": {\"@type\": \"Telemetry\", \"name\": \"t\", \"schema\": ";
    // Well-formed: arrays and objects nested 100,000 deep in a schema.
    let mut text = String::from(prefix);
    for _ in 0..DEPTH {
        text.push_str("{\"@type\": \"Object\", \"fields\": [");
    }
    for _ in 0..DEPTH {
        text.push_str("]}");
    }
    text.push_str("}}");
    let doc = parse_document("deep.json", &text).unwrap();
    assert_eq!(doc.syntax_errors, vec![]);
    assert_eq!(names(&text), ["t"]);

    // Half-typed: the same, never closed.
    let mut open = String::from(prefix);
    for _ in 0..DEPTH {
        open.push_str("[{\"a\": ");
    }
    let doc = parse_document("deep-open.json", &open).unwrap();
    assert_eq!(doc.syntax_errors.len(), 1);
    assert_eq!(names(&open), ["t"]);

    // A bare array nest is not a model, and does not crash either.
    let bare = "[".repeat(DEPTH) + &"]".repeat(DEPTH);
    assert_eq!(parse_document("bare.json", &bare), None);
}

#[test]
fn deep_extends_nesting_is_bounded() {
    // Inline `extends` 10,000 deep: followed to the element depth limit, no further.
    let mut text = String::from("{\"@context\": \"dtmi:dtdl:context;2\", \"@id\": \"dtmi:a:b;1\", \"@type\": \"Interface\"");
    for _ in 0..10_000 {
        text.push_str(", \"extends\": {\"@type\": \"Interface\"");
    }
    text.push_str(&"}".repeat(10_001));
    let doc = parse_document("x.json", &text).unwrap();
    assert_eq!(doc.syntax_errors, vec![]);
    assert_eq!(doc.interfaces.len(), aics_dtdl::MAX_ELEMENT_DEPTH + 1);
}

#[test]
fn both_json_readers_agree_on_the_fixtures() {
    use aics_dtdl::{parse_document_with, JsonReader};
    let mut names = Vec::new();
    for dir in ["shapes", "half-typed", "not-dtdl", "v3", "v4"] {
        for entry in std::fs::read_dir(common::fixture_path(dir)).unwrap() {
            names.push(format!("{dir}/{}", entry.unwrap().file_name().to_string_lossy()));
        }
    }
    assert!(names.len() >= 18);
    for name in names {
        let text = fixture(&name);
        let reference = parse_document_with(&name, &text, JsonReader::TreeSitter);
        assert_eq!(parse_document_with(&name, &text, JsonReader::Checked), reference, "{name}");
        assert_eq!(parse_document_with(&name, &text, JsonReader::Lexer), reference, "{name}");
    }
}

/// The default reader skips tree-sitter for files a strict JSON pass accepts. On the
/// edges of "well-formed" (what one JSON reader accepts and another does not) it must
/// still give what the tree-sitter reader gives.
#[test]
fn the_fast_path_matches_tree_sitter_on_the_edges_of_well_formed_json() {
    use aics_dtdl::{parse_document_with, JsonReader};
    let head = r#"{"@context": "dtmi:dtdl:context;3", "@id": "dtmi:com:example:Edge;1", "@type": "Interface", "#;
    let tails = [
        r#""contents": []}"#,
        r#""contents": [], "n": 1e400}"#,
        r#""contents": [], "n": 01}"#,
        r#""contents": [], "n": 1.}"#,
        r#""contents": [], "n": .5}"#,
        r#""contents": [], "n": +1}"#,
        r#""contents": [], "s": "\ud800"}"#,
        r#""contents": [], "s": "\uDFFF\u0041"}"#,
        "\"contents\": [], \"s\": \"tab\there\"}",
        "\"contents\": [], \"s\": \"nul\u{0}here\"}",
        r#""contents": [], "s": "\x41"}"#,
        r#""contents": [], "s": "\/ \b \f \n \r \t \" \\"}"#,
        r#""contents": [],}"#,
        r#""contents": [1,]}"#,
        r#""contents": [] /* comment */}"#,
        r#""contents": []} // comment"#,
        r#""contents": []} trailing"#,
        r#""contents": []} {"@context": "dtmi:dtdl:context;3"}"#,
        r#""contents": [], "a": tru}"#,
        r#""contents": [], "a": True}"#,
        r#""contents": [], "a": null, "b": false, "c": true}"#,
        "\"contents\": []}\u{a0}",
        "\"contents\": []}\u{2028}",
        "\"contents\": []}\u{b}",
        r#""contents": [], "dup": 1, "dup": 2}"#,
        r#""contents": [], 'single': 1}"#,
        r#""contents": [], "é😀": "ünïcödé"}"#,
        r#""contents": ["#,
        "",
    ];
    let mut texts: Vec<String> = tails.iter().map(|t| format!("{head}{t}")).collect();
    texts.push(format!("\u{feff}{head}\"contents\": []}}"));
    texts.push(format!("{head}\"contents\": {}{}}}", "[".repeat(200), "]".repeat(200)));
    texts.push(format!("{head}\"contents\": {}{}}}", "[".repeat(100), "]".repeat(100)));
    texts.push("  \r\n\t ".to_string() + head + "\"contents\": []}\r\n");
    texts.push("[".to_string() + head + "\"contents\": []}]");
    texts.push("\"dtmi:dtdl:context;3\"".to_string());
    // Well-formed by RFC 8259, though tree-sitter-json rejected the exponent forms with
    // a capital E and a sign (the old reader reported "not valid JSON" on them): the
    // default reader takes them as they are.
    for n in ["-0.0E+2", "1E-2", "2.5E10", "1e+2"] {
        let text = format!("{head}\"contents\": [], \"n\": {n}}}");
        let checked = parse_document_with("edge.json", &text, JsonReader::Checked).unwrap();
        assert_eq!(checked.syntax_errors, vec![], "{n}");
        assert_eq!(Some(checked), parse_document_with("edge.json", &text, JsonReader::Lexer), "{n}");
    }
    let mut differ = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        let reference = parse_document_with("edge.json", text, JsonReader::TreeSitter);
        let checked = parse_document_with("edge.json", text, JsonReader::Checked);
        if checked != reference {
            differ.push(format!("case {i}: {text:?}\n  checked: {:?}\n  tree-sitter: {:?}", checked.map(|d| d.syntax_errors), reference.map(|d| d.syntax_errors)));
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

/// An edited file is re-read incrementally from the tree-sitter tree of its previous
/// text (typing in a broken model). What it finds must be what a fresh read of the same
/// text finds: typed sequences of keystrokes (breaking and mending the JSON, at distant
/// places, with well-formed texts in between that skip tree-sitter) over the broken and
/// clean fixtures, each text read both ways.
#[test]
fn an_edited_file_read_incrementally_is_read_as_a_fresh_one() {
    use std::sync::Arc;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files = Vec::new();
    for sub in ["half-typed", "shapes", "v3"] {
        let mut names: Vec<_> = std::fs::read_dir(dir.join(sub)).unwrap().map(|e| e.unwrap().path()).collect();
        names.sort();
        files.extend(names);
    }
    // Seeded: every run types the same keystrokes.
    let mut rng = fastrand::Rng::with_seed(0x2545_f491_4f6c_dd1d);
    let mut next = move |n: usize| rng.usize(..n);
    let (mut compared, mut broken) = (0, 0);
    for (k, file) in files.iter().enumerate() {
        let mut text = std::fs::read_to_string(file).unwrap();
        // One path per file, as the editor's document: its kept tree follows every text.
        let path = format!("edited-{k}.json");
        for _ in 0..60 {
            let at = {
                let mut i = next(text.len() + 1);
                while !text.is_char_boundary(i) {
                    i -= 1;
                }
                i
            };
            match next(4) {
                0 if at < text.len() => {
                    let end = at + text[at..].chars().next().map_or(0, char::len_utf8);
                    text.replace_range(at..end, "");
                }
                1 => text.insert_str(at, ["x", ",", "\"", "{", "}", "]", ": "][next(7)]),
                // Typing inside a string keeps the JSON as it was (most keystrokes).
                _ => {
                    if let Some(q) = text[at..].find("\": \"").map(|q| at + q + 4) {
                        text.insert(q, 'y');
                    }
                }
            }
            let shared: Arc<str> = Arc::from(text.as_str());
            let incremental = aics_dtdl::parse_document_shared(path.as_str(), &shared, true);
            let fresh = aics_dtdl::parse_document_shared(path.as_str(), &shared, false);
            let (Some(a), Some(b)) = (incremental, fresh) else {
                assert_eq!(
                    aics_dtdl::parse_document_shared(path.as_str(), &shared, true).is_some(),
                    aics_dtdl::parse_document_shared(path.as_str(), &shared, false).is_some(),
                    "{}: {text}",
                    file.display()
                );
                continue;
            };
            assert_eq!(a.syntax_errors, b.syntax_errors, "{}: {text}", file.display());
            assert_eq!((&a.interfaces, &a.roots, &a.references, &a.element_ids), (&b.interfaces, &b.roots, &b.references, &b.element_ids), "{}", file.display());
            compared += 1;
            broken += usize::from(!a.syntax_errors.is_empty());
        }
    }
    assert!(compared >= 300 && broken >= 100, "{compared} texts compared, {broken} broken");
}

/// The default reader takes the plain lexer's tokens and the builder's tree as they are
/// when it finds the text well-formed JSON, and gives the text to tree-sitter otherwise:
/// its verdict must be a strict parser's (serde_json's), on the edges of the grammar and
/// on every fixture. (The data tests hold it to the same on the model repository.)
#[test]
fn the_plain_reading_calls_json_well_formed_exactly_when_a_strict_parser_does() {
    let strict = |text: &str| serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok();
    let mut texts: Vec<String> = Vec::new();
    for n in [
        "0", "-0", "1", "-1", "10", "1.5", "-0.0E+2", "1e5", "1E-2", "2.5E10", "1e400", "01", "-01", "00", "1.", ".5", "+1", "-", "--1", "1e", "1e+",
        "1E+-2", "0x1", "1.2.3", "1-2", "2e3e4", "1.0e",
    ] {
        texts.push(format!("{{\"n\": {n}}}"));
        texts.push(format!("[{n}]"));
        texts.push(n.to_string());
    }
    for s in [
        r#""plain""#, r#""tab\there""#, "\"raw\ttab\"", "\"nul\u{0}\"", "\"bell\u{7}\"", "\"del\u{7f}\"", "\"esc\u{1b}\"", r#""\u0041\ud800""#, r#""\x41""#,
        r#""\u12""#, r#""\/ \b \f \n \r \t \" \\""#, "'single'", "\"unterminated", "\"line\nbreak\"", "\"é😀\u{2028}\"",
    ] {
        texts.push(format!("{{\"s\": {s}}}"));
        texts.push(s.to_string());
    }
    for t in [
        "", "  \r\n\t ", "{}", "[]", "{,}", "[,]", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{\"a\":}", "{a:1}", "[1 2]", "[1][2]", "{} x", "{}\u{a0}", "{}\u{b}",
        "{}\u{c}", "{} // c", "/* c */ {}", "[true, false, null]", "[tru]", "[True]", "[nul]", "{\"dup\": 1, \"dup\": 2}", "[\"a\" \"b\"]", "{\"a\":1}}", "[[]",
        "\u{feff}{}",
    ] {
        texts.push(t.to_string());
    }
    // Around serde_json's nesting limit.
    for depth in [1, 126, 127, 128, 129, 200] {
        texts.push(format!("{}{}", "[".repeat(depth), "]".repeat(depth)));
        texts.push(format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth)));
    }
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut stack = vec![fixtures];
    let mut files = 0;
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                if let Ok(text) = std::fs::read_to_string(&path) {
                    texts.push(text);
                    files += 1;
                }
            }
        }
    }
    assert!(files >= 18, "only {files} fixture files");
    let differ: Vec<String> = texts
        .iter()
        .filter(|t| aics_dtdl::reads_as_strict_json(t) != strict(t))
        .map(|t| format!("{:?}: plain {} strict {}", t.chars().take(80).collect::<String>(), aics_dtdl::reads_as_strict_json(t), strict(t)))
        .collect();
    assert!(differ.is_empty(), "{} of {} texts differ:\n{}", differ.len(), texts.len(), differ.join("\n"));
}
