//! The resolver's answers kept between analyses (the language server's cache) and locals:
//! a library function that formats its own local `result` does not depend on the
//! same-named locals of the sample it is linked with. Typing in the sample (which assigns
//! its own `result`, as nearly every SDK sample does) keeps the library's answer; an edit
//! to the library's own local re-computes it; and every answer equals that of a resolver
//! without the cache. Work counters, never wall time.

use std::path::PathBuf;
use std::sync::Arc;

use aics_core::c::facts::{extract, FileFacts};
use aics_core::c::program::split;
use aics_core::c::sdk::{tables, Role};
use aics_core::c::values::{FileInput, ResolveCache, Resolver, SymbolIndex};

const SAMPLE: &str = r#"#include "lib/topics.h"
static char body[64];
int main(void)
{
    int result = 0;
    lib_connect();
    result = snprintf(body, sizeof(body), "{\"temperature\":%s}", "21");
    if (result > 0)
    {
        result = lib_send(body);
    }
    return result;
}
"#;

const TOPICS_H: &str = r#"#define TOPIC_FMT "devices/%s/messages/events/"
#define LIB_NAME_0 "dev"
#define LIB_NAME_1 LIB_NAME_0 ""
#define LIB_NAME_2 LIB_NAME_1 ""
#define LIB_NAME_3 LIB_NAME_2 ""
#define LIB_NAME_4 LIB_NAME_3 ""
#define LIB_NAME_5 LIB_NAME_4 ""
#define LIB_DEVICE LIB_NAME_5
int lib_send(const char* s);
void lib_connect(void);
"#;

const TOPICS_C: &str = r#"#include "topics.h"
static char topic[64];
void lib_connect(void) { }
int lib_send(const char* s)
{
    const char* result;
    result = LIB_DEVICE;
    snprintf(topic, sizeof(topic), TOPIC_FMT, result);
    return publish(topic, s);
}
"#;

/// Facts kept between analyses by text, as the analysis cache keeps them: a file whose text
/// did not change keeps its facts (the same allocation).
type Kept = std::collections::HashMap<String, Arc<FileFacts>>;

fn inputs(texts: &[(&str, String)], kept: &mut Kept) -> (Vec<PathBuf>, Vec<FileInput>) {
    let paths = texts.iter().map(|(p, _)| PathBuf::from(p)).collect();
    let inputs = texts
        .iter()
        .map(|(_, t)| FileInput { text: t.as_str().into(), facts: kept.entry(t.clone()).or_insert_with(|| Arc::new(extract(t))).clone() })
        .collect();
    (paths, inputs)
}

/// One analysis over `texts` with the kept `cache` (keyed by the texts, as the analysis
/// keys it): every format call's values, checked against a resolver without the cache,
/// and how many questions were computed (not reused).
fn analyse(texts: &[(&str, String)], cache: &mut ResolveCache, kept: &mut Kept) -> (Vec<String>, usize) {
    let (paths, inputs) = inputs(texts, kept);
    cache.for_analysis(texts.iter().map(|(_, t)| aics_core_text_key(t)).collect());
    let facts: Vec<&FileFacts> = inputs.iter().map(|i| i.facts.as_ref()).collect();
    let programs = split(&paths, &facts);
    assert_eq!(programs.len(), 1, "the sample and the library are one program");
    let global = SymbolIndex::build(&inputs, 0..inputs.len());
    let index = SymbolIndex::build(&inputs, programs[0].files.iter().copied());
    let before = cache.stats().computed;
    let shared = Resolver::with_cache(&inputs, &index, &global, cache);
    let alone = Resolver::new(&inputs, &index, &global);
    let mut out = Vec::new();
    for &fi in &programs[0].files {
        for c in &inputs[fi].facts.calls {
            for api in tables().lookup(&c.name).filter(|a| a.role == Role::Format) {
                let got = shared.format_call(fi, c, api);
                assert_eq!(got, alone.format_call(fi, c, api), "{} in {}", c.name, paths[fi].display());
                out.push(format!("{}: {}", paths[fi].display(), got[0].text()));
            }
        }
    }
    drop(shared);
    (out, cache.stats().computed - before)
}

/// The key of a text (any hash that differs between texts does: the analysis uses its own).
fn aics_core_text_key(t: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    t.hash(&mut h);
    h.finish()
}

#[test]
fn typing_in_a_sample_keeps_the_answers_about_a_library_local() {
    let files = |sample: String, lib: String| vec![("lib/topics.c", lib), ("lib/topics.h", TOPICS_H.to_string()), ("samples/main.c", sample)];
    let mut cache = ResolveCache::default();
    let mut kept = Kept::new();
    let (first, computed) = analyse(&files(SAMPLE.to_string(), TOPICS_C.to_string()), &mut cache, &mut kept);
    assert!(first.contains(&"lib/topics.c: devices/dev/messages/events/".to_string()), "{first:?}");
    assert!(first.contains(&"samples/main.c: {\"temperature\":21}".to_string()), "{first:?}");
    assert_eq!(computed, 2, "{first:?}");
    // Typing at the start of the sample (every place in it moves), then in its own
    // `result` assignments: each text new. The sample's question is computed again, the
    // library's is not.
    let mut sample = SAMPLE.to_string();
    for (k, (from, to)) in [("#include", "x#include"), ("result = lib_send(body);", "result = lib_send(body) + 1;"), ("int result = 0;", "int result = 10;")]
        .into_iter()
        .enumerate()
    {
        sample = sample.replacen(from, to, 1);
        let (got, computed) = analyse(&files(sample.clone(), TOPICS_C.to_string()), &mut cache, &mut kept);
        assert_eq!(got, first, "edit {k}");
        // The sample's own question alone (a question of a few steps is never kept).
        assert_eq!(computed, 1, "edit {k}: the library's answer is reused ({computed} computed)");
    }
    // The library's own local: its answer is computed again (and follows the edit).
    let lib = TOPICS_C.replace("result = LIB_DEVICE;", "result = \"other\";");
    let (got, computed) = analyse(&files(sample.clone(), lib), &mut cache, &mut kept);
    assert!(got.contains(&"lib/topics.c: devices/other/messages/events/".to_string()), "{got:?}");
    // The library's, and the sample's (a question of a few steps is never kept).
    assert_eq!(computed, 2, "{got:?}");
}
