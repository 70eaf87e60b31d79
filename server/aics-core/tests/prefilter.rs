//! The prefilter's cheap path (`aics_core::c::light`) against the parser: every fixture C
//! file that the prefilter sends down the cheap path must yield the facts the tree-sitter
//! front-end finds — the same functions (names, bodies, `static`, parameters), and every
//! call, initialiser and assignment the parser sees. The fixture suites in `programs.rs`
//! then check that the findings stay exact with the prefilter on.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use aics_core::c::facts::{extract, AssignTarget, FileFacts};
use aics_core::c::light::{extract_light, may_matter};

fn c_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            c_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "c" || x == "h") {
            out.push(p);
        }
    }
}

/// Every C file of `tests/fixtures`, in path order.
fn fixture_c_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut files = Vec::new();
    c_files(&root, &mut files);
    files.sort();
    files
}

/// A function's name, whether static, parameters, body range and identifiers.
type FunctionSummary = (String, bool, Vec<String>, std::ops::Range<usize>, Vec<String>);

fn functions(f: &FileFacts) -> Vec<FunctionSummary> {
    f.functions.iter().map(|d| (d.name.to_string(), d.is_static, d.params.iter().map(|p| p.to_string()).collect(), d.body.clone(), d.idents.iter().map(str::to_string).collect())).collect()
}

fn calls(f: &FileFacts, text: &str) -> BTreeSet<(String, usize, Vec<String>)> {
    f.calls.iter().map(|c| (c.name.to_string(), c.name_range().start, c.args.iter().map(|a| text[a.clone()].to_string()).collect())).collect()
}

fn values(f: &FileFacts, text: &str) -> BTreeSet<(String, String)> {
    let inits = f.inits.iter().map(|i| (format!("init {}", i.name), text[i.value.clone()].to_string()));
    let assigns = f.assigns.iter().map(|a| {
        let t = match &a.target {
            AssignTarget::Field(n) => format!("field {n} of {:?}", a.base()),
            AssignTarget::Var(n) => format!("var {n}"),
        };
        (t, text[a.value()].to_string())
    });
    inits.chain(assigns).collect()
}

#[test]
fn cheap_path_reads_what_the_parser_reads() {
    let files = fixture_c_files();
    let mut light = 0;
    for p in &files {
        let text = std::fs::read_to_string(p).unwrap();
        // C++ files (a `.h` whose text is C++ too) are always parsed, with tree-sitter-cpp.
        if may_matter(&text) || aics_core::c::Lang::of(p, &text) == aics_core::c::Lang::Cpp {
            continue;
        }
        let Some(l) = extract_light(&text) else { continue };
        light += 1;
        let full = extract(&text);
        assert_eq!(functions(&l), functions(&full), "functions of {}", p.display());
        assert_eq!(l.file_idents, full.file_idents, "file identifiers of {}", p.display());
        let (lc, fc) = (calls(&l, &text), calls(&full, &text));
        assert!(fc.is_subset(&lc), "calls of {}: the parser sees {:?} that the cheap path misses", p.display(), fc.difference(&lc).collect::<Vec<_>>());
        let (lv, fv) = (values(&l, &text), values(&full, &text));
        assert!(fv.is_subset(&lv), "values of {}: the parser sees {:?} that the cheap path misses", p.display(), fv.difference(&lv).collect::<Vec<_>>());
    }
    assert!(light >= 5, "only {light} fixture files took the cheap path");
}

#[test]
fn generated_library_code_takes_the_cheap_path() {
    let text = "/* drv */\n#include <stdint.h>\nuint32_t drv_1_op0(const uint8_t* buf, size_t len)\n{\n    uint32_t acc = 7u;\n    if (len == 0u)\n    {\n        return 0u;\n    }\n#ifdef DRV_FAST_PATH\n    acc ^= 0x5a5a5a5au;\n#else\n    acc += 17u;\n#endif\n    acc = (acc * 31u) ^ (uint32_t)(buf[0 % len] + 3u);\n    return acc;\n}\n";
    assert!(!may_matter(text));
    let l = extract_light(text).expect("plain C");
    let full = extract(text);
    assert_eq!(functions(&l), functions(&full));
    assert!(values(&full, text).is_subset(&values(&l, text)));
}

/// netxduo's tests choose their entry's head by `#ifdef CTEST` inside a group around the
/// whole test, in both of its branches. Configuration k of `variant` (branch k of every
/// group) never takes the first `CTEST` head under the outer `#else`, so such a file went to
/// the parser (twice) though nothing in it matters. It is read from tokens in the
/// configurations that follow the nesting, each as the parser reads that configuration, and
/// together they hold every head.
#[test]
fn heads_chosen_by_nested_groups_take_the_cheap_path() {
    use aics_core::c::light::{extract_auto, extract_light_variants};
    use aics_core::c::preprocess;
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/islands/netxduo/netx_icmp_send_error_message_test.c");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!may_matter(&text));
    assert!(extract_light(&text).is_none(), "two heads before one body: not plain tokens");
    let mut d = preprocess::scan(&text);
    d.decide_cplusplus(false);
    assert!(!d.variants_cover_all(4), "branch k of every group leaves a CTEST head out");
    let configs = d.nested_variants(std::slice::from_ref(&(0..text.len())), 4).expect("configurations that follow the nesting");
    assert_eq!(configs.len(), 4, "two for the CTEST group in each branch of the outer group");
    let mut heads = BTreeSet::new();
    for c in &configs {
        let v = d.nested_variant(&text, c);
        let (l, full) = (extract_light(&v).expect("each configuration is plain tokens"), extract(&v));
        let shape = |f: &FileFacts| f.functions.iter().map(|d| (d.name.to_string(), d.is_static, d.params.iter().map(|p| p.to_string()).collect::<Vec<_>>(), d.body.clone())).collect::<Vec<_>>();
        assert_eq!(shape(&l), shape(&full), "functions of configuration {c:?}");
        let (lc, fc) = (calls(&l, &v), calls(&full, &v));
        assert!(fc.is_subset(&lc), "calls of {c:?}: the parser sees {:?} that the tokens miss", fc.difference(&lc).collect::<Vec<_>>());
        let (lv, fv) = (values(&l, &v), values(&full, &v));
        assert!(fv.is_subset(&lv), "values of {c:?}: the parser sees {:?} that the tokens miss", fv.difference(&lv).collect::<Vec<_>>());
        heads.extend(full.functions.iter().map(|f| (f.name.to_string(), f.name_range.start)));
    }
    let read = extract_light_variants(&text).expect("read from tokens");
    let got: BTreeSet<_> = read.functions.iter().map(|f| (f.name.to_string(), f.name_range.start)).collect();
    assert_eq!(got, heads, "every configuration's heads");
    let names = |n: &str| got.iter().filter(|(f, _)| f == n).count();
    assert_eq!((names("test_application_define"), names("netx_icmp_send_error_message_test_application_define")), (2, 2));
    let auto = extract_auto(&text);
    assert_eq!((auto.variants_parsed, functions(&auto)), (0, functions(&read)), "never parsed");
}

/// What `Resolver::sdk_calls` leans on: a file the prefilter passes over calls no SDK
/// function (every SDK function's name is one of its needles, matched as a whole name), so
/// its calls are never looked up in the tables. Over every fixture file, and texts that
/// name an SDK function in ways a careless prefilter might miss.
#[test]
fn a_file_passed_over_calls_no_sdk_function() {
    let files = fixture_c_files();
    let t = aics_core::c::sdk::tables();
    let name = t.function_names().find(|n| n.starts_with("IoTHubDeviceClient_LL_")).expect("an SDK function").to_string();
    let mut texts: Vec<(String, String)> = files.iter().map(|p| (p.display().to_string(), std::fs::read_to_string(p).unwrap())).collect();
    for (k, text) in [
        format!("void f(void) {{ {name}(h, 1); }}\n"),
        format!("void f(void) {{ {name} (h, 1); }}\n"),
        format!("void f(void) {{ x = ({name})(h); }}\n"),
        format!("#define SEND {name}\nvoid f(void) {{ SEND(h); }}\n"),
        format!("void f(void) {{ p->{name}(h); }}\n"),
        format!("void f(void) {{ my_{name}(h); {name}_wrapper(h); }}\n"),
    ]
    .into_iter()
    .enumerate()
    {
        texts.push((format!("spelling {k}"), text));
    }
    let mut passed_over = 0;
    for (label, text) in &texts {
        let f = aics_core::c::extract_file_compact(Path::new("x.c"), text);
        if !f.passed_over {
            continue;
        }
        passed_over += 1;
        let known: Vec<&str> = f.calls.iter().map(|c| c.name.as_str()).filter(|n| t.lookup(n).next().is_some()).collect();
        assert!(known.is_empty(), "{label} was passed over but calls {known:?}");
        // (So the reading lists none for the analysis, having looked up none.)
        assert_eq!(f.sdk_calls.as_deref().map(<[_]>::len), Some(0), "{label}");
    }
    // (The last spelling names no SDK function: passed over.)
    assert!(passed_over >= 5, "only {passed_over} texts were passed over");
}
