//! The C front-end: tree-sitter-c facts per file, the preprocessor as far as values need
//! it, value resolution, and the SDK tables that give calls their meaning.

pub mod facts;
pub mod lexer;
pub mod light;
pub mod preprocess;
pub mod program;
pub mod sdk;
pub mod values;
pub mod words;

use std::path::Path;

pub use facts::Lang;

/// The facts of one source file, parsed with the grammar its name (and, for a `.h`, its
/// text) calls for. C files take the prefilter's cheap path when they cannot matter by
/// themselves; C++ files are read as C files that matter are, from tokens where they read
/// as C and by the parser elsewhere (the token reader knows C declarations only).
/// A method called on an object with an entry point's name (PubSubClient's
/// `mqtt_client.loop()`) is not a call of the sketch's `loop`. Code in a dead branch
/// (`#if 0`) is no code: it is blanked before reading
/// ([`preprocess::without_dead_branches`]), every offset kept.
pub fn extract_file(path: &Path, text: &str) -> facts::FileFacts {
    extract_live(path, &preprocess::without_dead_branches(text))
}

/// Builds what the reading of a first file builds once for the process (the SDK tables
/// from `grammars/c/sdk.toml`, the prefilter's searchers, the grammar's queries), by
/// reading a small file that holds an SDK call: a face calls it on a thread that would
/// otherwise wait while another one starts walking the folders (`check` on
/// azure-iot-sdk-c: the first batch of files took 1.5 ms, the next 0.1).
pub fn warm_up() {
    let text = "#include \"iothub.h\"\nint main(void) { IoTHubDeviceClient_LL_SendEventAsync(h, m, NULL, NULL); return 0; }\n";
    std::hint::black_box(extract_file_compact(Path::new("warm_up.c"), text));
}

/// [`extract_file`] for a one-shot analysis: a C file read from tokens alone keeps its
/// assignments to plain variables compactly ([`light::extract_auto_compact`]), and the
/// facts say whether the text holds the raw-MQTT telemetry topic
/// ([`facts::FileFacts::raw_topic`]): the telemetry reading's first search for it went
/// through every text of a program again after the reading (fw10k: 46.8 MB, 8.7 ms).
pub fn extract_file_compact(path: &Path, text: &str) -> facts::FileFacts {
    let mut f = extract_live_with(path, &preprocess::without_dead_branches(text), true);
    f.raw_topic = Some(holds_raw_topic(text));
    f.hub_topics = Some(holds_hub_topic(text));
    f.braced_inits = Some(f.inits.iter().any(|i| text.get(i.value.clone()).is_some_and(facts::may_open_brace)));
    f.sdk_calls = Some(sdk_calls_of(&f));
    f
}

/// The SDK calls of `facts` as [`facts::FileFacts::sdk_calls`] lists them: none for a
/// file the prefilter passed over (every SDK function's name is one of its needles).
pub fn sdk_calls_of(facts: &facts::FileFacts) -> Box<[(u32, &'static sdk::Api)]> {
    if facts.passed_over {
        return Box::new([]);
    }
    let t = sdk::tables();
    facts.calls.iter().enumerate().flat_map(|(i, c)| t.lookup(&c.name).map(move |a| (i as u32, a))).collect()
}

/// Whether `text` holds the raw-MQTT telemetry topic (none when the tables name none).
fn holds_raw_topic(text: &str) -> bool {
    static TOPIC: Needle = Needle::new();
    holds(&TOPIC, || sdk::tables().telemetry.raw_topic.clone(), text).unwrap_or(false)
}

/// Whether `text` holds the start the raw-MQTT command and property topics share (all of
/// the text, when they share none).
fn holds_hub_topic(text: &str) -> bool {
    static START: Needle = Needle::new();
    let shared = || {
        let c = &sdk::tables().contents;
        let topics = [c.command_topic.as_str(), c.desired_topic.as_str(), c.reported_topic.as_str()];
        let shared = topics.iter().map(|t| t.len()).min().unwrap_or(0);
        let shared = (0..shared).take_while(|&i| topics.iter().all(|t| t.as_bytes()[i] == topics[0].as_bytes()[i])).count();
        topics[0][..shared].to_string()
    };
    holds(&START, shared, text).unwrap_or(true)
}

/// A text the readings look for, found by `memchr` (made once, by [`holds`]).
type Needle = std::sync::OnceLock<Option<memchr::memmem::Finder<'static>>>;

/// Whether `text` holds `needle`'s text (`make`s, asked once); `None` when that is empty.
fn holds(needle: &Needle, make: impl FnOnce() -> String, text: &str) -> Option<bool> {
    let finder = needle.get_or_init(|| {
        let t = make();
        (!t.is_empty()).then(|| memchr::memmem::Finder::new(t.as_bytes()).into_owned())
    });
    finder.as_ref().map(|f| f.find(text.as_bytes()).is_some())
}

/// Whether `text` is a unit test: it includes a test framework's header (`[unit_tests]`
/// of `grammars/c/sdk.toml`) in every configuration (device code may include one
/// under `#ifdef UNIT_TEST`). Its SDK calls exercise the SDK under test or stand-ins for
/// it (wrong values on purpose), not a device: it is not read, and holds no finding.
///
/// A C file is asked once the prefilter finds something in it that matters (one without
/// is read from tokens alone as before, its functions linked only into code of its folder
/// of tests, see [`program`]). The include lines are found as the directive scan finds
/// them, at a few GB/s: a search for the headers' names over the whole text was ten times
/// slower.
pub fn is_unit_test(text: &str) -> bool {
    let tests = &sdk::tables().unit_tests;
    preprocess::unconditional_includes(text).any(|name| tests.is_test_header(name))
}

/// [`extract_file`] of a text whose dead branches are blanked already.
fn extract_live(path: &Path, text: &str) -> facts::FileFacts {
    extract_live_with(path, text, false)
}

fn extract_live_with(path: &Path, text: &str, compact: bool) -> facts::FileFacts {
    match Lang::of(path, text) {
        Lang::C if compact => light::extract_auto_compact(text),
        Lang::C => light::extract_auto(text),
        Lang::Cpp if is_unit_test(text) => facts::FileFacts::of_unit_test(),
        Lang::Cpp => {
            let entries = &sdk::tables().entry_points.names;
            let mut f = facts::extract_cpp_with(text, &|name| entries.iter().any(|e| e == name));
            f.shrink_to_fit();
            f
        }
    }
}

/// [`extract_file`] for a document that is edited again and again (the language server's
/// open files): each parse re-uses the tree of the same parse of the last call with the
/// same `kept`, so an edit re-parses only what it changed. The facts equal
/// `extract_file(path, text)`'s.
///
/// An edit inside one string literal of a C file is not parsed at all: the facts of the
/// last call, moved (see `facts::string_edit` for when that holds).
pub fn extract_file_reusing(path: &Path, text: &str, kept: &mut facts::KeptTrees) -> facts::FileFacts {
    std::sync::Arc::unwrap_or_clone(extract_file_shared(path, text, kept))
}

/// [`extract_file_reusing`], the facts shared with `kept` (which keeps them for the next
/// edit): no copy of them is made.
pub fn extract_file_shared(path: &Path, text: &str, kept: &mut facts::KeptTrees) -> std::sync::Arc<facts::FileFacts> {
    // (The kept trees and facts are of the text without its dead branches: an edit is
    // measured between two such texts, as the parser reads them.)
    let live = preprocess::without_dead_branches(text);
    let text: &str = &live;
    if Lang::of(path, text) == Lang::C {
        if let Some(f) = facts::string_edit(kept, text) {
            return f;
        }
    }
    let f = std::sync::Arc::new(facts::with_kept_trees(kept, || extract_live(path, text)));
    kept.remember(text, &f);
    f
}
