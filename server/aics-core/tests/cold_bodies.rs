//! A C or C++ file that matters is parsed, but its function bodies without directive lines
//! (in C++, also without anything the rules look for) are read from tokens (the parser
//! reads them blanked), and so are C bodies whose directive lines each stand between
//! statements with each conditional's branches at one brace depth (`#ifdef DEBUG log(x);
//! #endif`: the tokens read what the branch configurations read together). Over every C
//! and C++ file of the real-world corpus (`tests/realworld`), the facts must be those of a
//! parse of every body: the same functions, calls (names, arguments), assignments,
//! initialisers and file-level identifiers, but for the parser's misreads named below.
//!
//! On the four SDK checkouts (`cargo run --release -p aics-core --example cold_diff -- DIR
//! c` lists the files: 339 of the 4118 C files, declarations read alike on both sides),
//! the two differ where the parser misreads, and there the tokens give the sensible
//! reading; as the reading grew:
//! - with only the bodies without SDK calls read from tokens, in 127 of the 4118 C files:
//!   statement macros without a semicolon (`TX_DISABLE`) read as declarations,
//!   `REGISTER_UMOCK_ALIAS_TYPE(T, void*)` and `va_arg(ap, T*)` read with three arguments,
//!   `"%s", A B C` (macros side by side) read as four, calls lost in error recovery;
//! - with every C body without directive lines, in 11 more: the same, and a nested
//!   designator `.a.b.f = v` read as a write of `a`; in azure-sdk-for-c's provisioning unit
//!   tests the tokens read the SDK call after `_az_PUSH_IGNORE_DEPRECATIONS` (5 more
//!   AICS001 findings there, the only change of findings);
//! - with the bodies with directive lines between statements, in 195 more, 183 of them in
//!   netxduo, where ThreadX's statement macros without `;` (`TX_DISABLE`, `TX_RESTORE`)
//!   make the parser read the next statement as a declaration (`packet_ptr->nx_packet_length
//!   = n` as an initialiser of `nx_packet_length`) or end a function early;
//! - with directive lines after `else`, after an `if` head's `)` or among a condition's
//!   terms, in 22 more, all in netxduo: a tangled parse reads `client_ptr -> f(...)` as a
//!   call of `f`, a head split by `#ifdef CTEST` as a call, `#elif` lines as calls of
//!   `elif`; the tokens read `VOID (*callback)(...)` as a call of `VOID` (as in 6 files
//!   before); `TX_DISABLE` before `socket_ptr = ...` is a declaration to the tokens, as to
//!   a parse of the body alone, where a branch configuration read an assignment.
//!
//! In the C++ unit tests of azure-iot-sdk-c, 4 of 13 files differ the same way:
//! `ASSERT_ARE_EQUAL(int, 42, x)` is lost in error recovery, and in
//! `agenttypesystem_ut.cpp` a parse of every body reads bytes 2337..566638 of the 586582 as
//! the body of one function `TYPED_MOCK_CLASS`, losing its 417 `TEST_FUNCTION`s, which the
//! blanked parse keeps. On azure-iot-sdk-c the giant function's names had joined a
//! sample's program to the serializer's unit tests; without it, 4 AICS001 findings in
//! `prov_device_client_ll_ut.c` name another registration as their related location.

use std::path::Path;

use aics_core::c::facts::{self, extract, extract_parsing_every_body, FileFacts, Lang};
use rayon::prelude::*;

#[path = "common/facts_records.rs"]
#[allow(dead_code)] // differing: this test reports its own differences, with the cold bytes
mod facts_records;
use facts_records::{corpus_files, free_only, records};

/// The facts of `text` as `check` reads it, and with every body parsed.
fn both(path: &Path, text: &str) -> (FileFacts, FileFacts) {
    match Lang::of(path, text) {
        Lang::C => (extract(text), extract_parsing_every_body(text)),
        Lang::Cpp => (facts::extract_cpp_with(text, &free_only), facts::extract_cpp_parsing_every_body(text, &free_only)),
    }
}

#[test]
fn cold_bodies_read_from_tokens_give_the_parsers_facts() {
    let files = corpus_files();
    let cpp = files
        .iter()
        .filter(|p| Lang::of(p, &String::from_utf8_lossy(&std::fs::read(p).unwrap())) == Lang::Cpp)
        .count();
    assert!(cpp > 40, "the corpus has {cpp} C++ files");
    // The C++ files do take the token path for some of their bodies (about 170 KB of 820).
    let cpp_cold: usize = files
        .iter()
        .map(|p| {
            let text = String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned();
            if Lang::of(p, &text) == Lang::Cpp { facts::cold_body_bytes(&text, Lang::Cpp) } else { 0 }
        })
        .sum();
    assert!(cpp_cold > 100_000, "C++ bytes read from tokens: {cpp_cold}");
    // Where the parser misreads a body the tokens read (the known places in the corpus):
    // `_az_POP_WARNINGS` is a statement macro without `;`, and the parser reads
    // `_az_POP_WARNINGS if (az_result_failed(rc))` otherwise than as the `if` it is; a
    // nested designator `.threshold.rssi = v` is a write of `rssi` in `threshold`, which
    // the parser names `threshold`.
    let misread = |p: &Path, r: &String| {
        (p.ends_with("paho_iot_pnp_with_provisioning_sample.c") && r.starts_with("call az_result_failed 10481..10497 "))
            || (p.ends_with("azure_iot_freertos_esp32_main.c")
                && (r.starts_with("assign Field(\"rssi\") Some(\"threshold\") ") || r.starts_with("assign Field(\"authmode\") Some(\"threshold\") ")))
    };
    let misread_by_parser = |p: &Path, r: &String| p.ends_with("azure_iot_freertos_esp32_main.c") && r.starts_with("assign Field(\"threshold\") None ");
    let differ: Vec<String> = files
        .par_iter()
        .filter_map(|p| {
            let text = String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned();
            let (a, b) = both(p, &text);
            let (a, b) = (records(&a), records(&b));
            let a: Vec<String> = a.into_iter().filter(|r| !misread(p, r)).collect();
            let b: Vec<String> = b.into_iter().filter(|r| !misread_by_parser(p, r)).collect();
            (a != b).then(|| {
                let only_a: Vec<_> = a.iter().filter(|x| !b.contains(x)).take(4).collect();
                let only_b: Vec<_> = b.iter().filter(|x| !a.contains(x)).take(4).collect();
                format!("{}:\n  tokens: {only_a:?}\n  parser: {only_b:?}", p.display())
            })
        })
        .collect();
    assert!(differ.is_empty(), "{} of {} files differ:\n{}", differ.len(), files.len(), differ.join("\n"));
}

/// C++ bodies of the shapes the tokens read: member and qualified calls (the call's range
/// starts at the object or the scope), `new T(...)`, lambdas, references, a constructor's
/// initialiser list, `this->`, casts. Each is taken from the parser, and the facts are the
/// parser's.
#[test]
fn cpp_bodies_of_plain_shapes_are_read_from_tokens() {
    let text = r#"
#include <string>
using namespace std;

class Hub {
public:
    Hub(const char* id) : id_(id) { open(id); }
    void send(const char* m) const { publish(id_, m); }
    const char* id_;
};

static Hub* g_hub = nullptr;
static int g_count;

Hub::Hub(int n) : id_("x") { g_count = n; }

void connect_all(Hub& hub, const std::string& name)
{
    hub.send(name.c_str());
    g_hub->send("hello");
    std::string copy = name;
    auto& ref = copy;
    const auto* p = &ref;
    ns::util::log_line(copy.c_str(), p->size());
    ::free_all(0);
    numeric_limits<float>::quiet_NaN();
    g_hub = new Hub(make_id(3));
    Hub* other = new Hub;
    delete other;
    auto cb = [&](int v) { g_count += v; notify(v); };
    cb(2);
    this_thread_sleep((int)name.size());
    g_hub->cfg.level = 4;
    ns::g_level = 5;
    arr[2].f().g(1);
    (*g_hub).send(build("x", 1));
    STRICT_EXPECTED_CALL(mock_open(IGNORED_ARG)).SetReturn(0).IgnoreArgument(1);
    if (g_count > 3) { g_count = 0; } else { g_count++; }
    for (auto& c : copy) { consume(c); }
    try { risky(); } catch (const std::exception& e) { report(e.what()); }
    throw runtime_error(name);
}

TEST_FUNCTION(sends_a_message)
{
    Hub h("dev");
    g_count = 0;
    h.send("m");
    ASSERT_ARE_EQUAL(int, 1, g_count);
}
"#;
    let (a, b) = both(Path::new("hub.cpp"), text);
    assert_eq!(records(&a), records(&b));
    // The bodies read from tokens: the free function, the constructor defined outside its
    // class, and the test (its `Hub h("dev")` declares with constructor arguments: parsed).
    let cold = facts::cold_body_bytes(text, Lang::Cpp);
    let span = |from: &str, to: &str| text.find(to).unwrap() + to.len() - text.find(from).unwrap();
    assert_eq!(cold, span("{ g_count = n; }", "{ g_count = n; }") + span("{\n    hub.send", "throw runtime_error(name);\n}"));
    // Member calls are calls; the entry point's name called as a member is not.
    let calls: Vec<&str> = a.calls.iter().map(|c| c.name.as_str()).collect();
    for want in ["send", "c_str", "log_line", "free_all", "quiet_NaN", "make_id", "notify", "SetReturn", "IgnoreArgument", "runtime_error"] {
        assert!(calls.contains(&want), "{want} missing from {calls:?}");
    }
    assert!(!calls.contains(&"Hub"), "the type of `new Hub(...)` is no call: {calls:?}");
}

/// A C++ body with a local type of data alone (`struct`, `union`, `enum` without a
/// parenthesis inside), as azure-iot-sdk-c's `agenttypesystem_ut.cpp` declares its test
/// vectors, is read from tokens as C reads it, with the parser's facts; a local type with
/// a member function or a function pointer, a `class`, an `enum class` or a variable
/// initialised with braces after it stay parsed
/// (`cpp_bodies_of_uncertain_shapes_stay_parsed`).
#[test]
fn cpp_bodies_with_local_data_types_are_read_from_tokens() {
    let text = r#"
TEST_FUNCTION(dates_out_of_range_fail)
{
    AGENT_DATA_TYPE agentData;
    struct PointInTime {
        int year;
        int month;
        int day;
    } testVectorShallFail[] =
    {
        { TEST_YEAR_1, TEST_MONTH_1, 0 },
        { 2011, 2, 29 },
    };
    union { int i; float f; } bits = { 1 };
    enum Shape { ROUND, SQUARE } shape = SQUARE;
    struct { const char* name; int size; } named = { "x", 2 };
    for (size_t i = 0; i < sizeof(testVectorShallFail) / sizeof(testVectorShallFail[0]); i++)
    {
        EDM_DATE_TIME_OFFSET temp = { { 0 } };
        temp.dateTime.tm_year = testVectorShallFail[i].year - 1900;
        auto result = Create_AGENT_DATA_TYPE_from_EDM_DATE_TIME_OFFSET(&agentData, temp);
        ASSERT_ARE_EQUAL(AGENT_DATA_TYPES_RESULT, AGENT_DATA_TYPES_INVALID_ARG, result);
    }
    consume(bits.i, shape, named.name);
}
"#;
    let (a, b) = both(Path::new("dates_ut.cpp"), text);
    assert_eq!(records(&a), records(&b));
    let body = text.find("{
    AGENT_DATA_TYPE").unwrap()..text.rfind('}').unwrap() + 1;
    assert_eq!(facts::cold_body_bytes(text, Lang::Cpp), body.len(), "the whole body is read from tokens");
    let calls: Vec<&str> = a.calls.iter().map(|c| c.name.as_str()).collect();
    for want in ["Create_AGENT_DATA_TYPE_from_EDM_DATE_TIME_OFFSET", "ASSERT_ARE_EQUAL", "consume"] {
        assert!(calls.contains(&want), "{want} missing from {calls:?}");
    }
}

/// C++ bodies whose tokens do not tell what the parser reads are left to the parser: a
/// template argument list, a declaration with constructor arguments or braces, a lambda's
/// capture initialiser, a structured binding, an attribute, `operator`, a destructor called
/// by name; a class declared by a macro with a member function of a type
/// (`int f(int a) { ... }`), or by a name not written as a macro's.
#[test]
fn cpp_bodies_of_uncertain_shapes_stay_parsed() {
    for body in [
        "std::vector<int> v = make();",
        "auto p = std::make_shared<Hub>(1);",
        "int n = static_cast<int>(x);",
        "Hub h(1);",
        "Hub* h(make());",
        "Hub h{1};",
        "auto f = [n = 2]() { use(n); };",
        "auto [a, b] = pair_of();",
        "[[maybe_unused]] int x = 1;",
        "h.operator()(1);",
        "p->~Hub();",
        "new (buf) Hub(1);",
        "ns::hub.level = 2;",
        "Log(\"payload: %s\" DLM, buf);",
        "struct P { int y; int f() { return y; } } cases[] = {{1}};",
        "struct P { void (*cb)(int); } hooks = { notify };",
        "class P { public: int y; } cases[] = {{1}};",
        "enum class E { a, b } e = E::a;",
        "struct P { int y; } one{2};",
    ] {
        let text = format!("void f(Hub& h, Hub* p, char* buf)\n{{\n    {body}\n    done(1);\n}}\n");
        assert_eq!(facts::cold_body_bytes(&text, Lang::Cpp), 0, "taken from the parser: {body}");
        let (a, b) = both(Path::new("x.cpp"), &text);
        assert_eq!(records(&a), records(&b), "{body}");
    }
    // The same statement in C reads from tokens as before.
    let c = "void f(int* p)\n{\n    done(1);\n}\n";
    assert!(facts::cold_body_bytes(c, Lang::C) > 0);
    for class in [
        "TYPED_MOCK_CLASS(CMocks, CGlobalMock)\n{\npublic:\n    int twice(int a) { return helper(a) * 2; }\n};\n",
        "typed_mock_class(CMocks, CGlobalMock)\n{\npublic:\n    MOCK_STATIC_METHOD_1(, int, f, int, x)\n    MOCK_METHOD_END(int, 0)\n};\n",
    ] {
        assert_eq!(facts::cold_body_bytes(class, Lang::Cpp), 0, "{class}");
    }
    let mock = "TYPED_MOCK_CLASS(CMocks, CGlobalMock)\n{\npublic:\n    MOCK_STATIC_METHOD_1(, int, f, int, x)\n    MOCK_METHOD_END(int, 0)\n};\n";
    assert!(facts::cold_body_bytes(mock, Lang::Cpp) > 0);
}

/// The braces of the class `TYPED_MOCK_CLASS` declares in `text` (a test's helper: the
/// first `{` after the name to its match; the SDK's mock classes hold no brace in a
/// string or comment).
fn mock_class(text: &str) -> std::ops::Range<usize> {
    let open = text.find("TYPED_MOCK_CLASS(").and_then(|at| text[at..].find('{').map(|b| at + b)).expect("a mock class");
    let mut depth = 0usize;
    for (i, b) in text.bytes().enumerate().skip(open) {
        match b {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return open..i + 1;
                }
            }
            _ => {}
        }
    }
    panic!("the mock class does not close");
}

/// A C++ class declared by a macro at file level, micromock's `TYPED_MOCK_CLASS(CMocks,
/// CGlobalMock) { public: MOCK_STATIC_METHOD_2(, T, f, A, a, B, b) ... MOCK_METHOD_END(T, v)
/// };`, is read from tokens: tree-sitter-cpp reads its macro members only by error
/// recovery (in the SDK's `dataserializer_ut.cpp` no function, in `agentmacros_ut.cpp` a
/// function named after the macro; arguments such as `","` and `"const char*, v"`; mock
/// members lost), at a third of the parse time of azure-iot-sdk-c's C++ unit tests. On
/// two of those real files: the class is spared the parser; the tokens read a function
/// named after the macro over its braces and every mock member as a call whose arguments
/// are written one each, the mocked function's name among them; and the rest of the file
/// reads as when the class's inside is blank (the parser's reading around it unchanged).
#[test]
fn macro_classes_are_read_from_tokens() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/test-heads/azure-iot-sdk-c");
    for name in ["agentmacros_ut.cpp", "dataserializer_ut.cpp"] {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        let class = mock_class(&text);
        assert!(facts::cold_body_bytes(&text, Lang::Cpp) >= class.len(), "{name}: the class is parsed");
        let f = facts::extract_cpp_with(&text, &free_only);
        assert!(f.functions.iter().any(|x| x.name == "TYPED_MOCK_CLASS" && x.body == class), "{name}: no function over the class");
        let inside = &text[class.clone()];
        let members: Vec<usize> = inside.match_indices("MOCK_STATIC_METHOD_").map(|(at, _)| class.start + at).collect();
        assert!(members.len() >= 5, "{name}: {} mock members", members.len());
        for at in members {
            let c = f.calls.iter().find(|c| c.name_range().start == at).unwrap_or_else(|| panic!("{name}: the mock member at {at} is no call"));
            let args: Vec<&str> = c.args.iter().map(|a| text[a.clone()].trim()).collect();
            // `(, T, f, ...)`: the mocked function is the third item as written.
            let written = text[c.name_range().end..c.range().end].trim_start_matches('(').trim_end_matches(')');
            let mocked = written.split(',').nth(2).map(str::trim).unwrap_or_default();
            assert!(args.contains(&mocked), "{name}: {} {args:?} lacks {mocked}", c.name);
            assert!(args.iter().all(|a| !a.contains(',')), "{name}: {} {args:?}", c.name);
        }
        // Outside the class, the facts of the text with the class's inside blank.
        let blank: String = text.char_indices().map(|(i, ch)| if class.start < i && i + 1 < class.end && ch != '\n' { ' ' } else { ch }).collect();
        let g = facts::extract_cpp_with(&blank, &free_only);
        let outside = |f: &FileFacts| -> Vec<String> {
            let out = |at: usize| at < class.start || at >= class.end;
            let mut r: Vec<String> = f.functions.iter().filter(|x| out(x.body.start)).map(|x| format!("fn {} {:?} {:?}", x.name, x.body, x.idents)).collect();
            r.extend(f.calls.iter().filter(|c| out(c.name_range().start)).map(|c| format!("call {} {:?} {:?}", c.name, c.name_range(), c.args)));
            r.extend(f.assigns.iter().filter(|a| out(a.start())).map(|a| format!("assign {:?} {:?}", a.target, a.range())));
            r.extend(f.inits.iter().filter(|i| out(i.range.start)).map(|i| format!("init {} {:?}", i.name, i.range)));
            r.sort();
            r
        };
        assert_eq!(outside(&f), outside(&g), "{name}");
    }
}
