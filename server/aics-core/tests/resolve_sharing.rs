//! Value resolution shared across programs grows with the tree, not with programs times
//! library: a tree of many samples that each link one library whose `snprintf` calls read
//! only the library's own macros, plus one `snprintf` per sample that reads the sample's
//! own configuration. The library's questions are answered once and reused by every
//! program; each sample's own question is answered in its program; and every answer is
//! the one a resolver without the shared cache gives. Work counters, never wall time.

use std::path::PathBuf;
use std::sync::Arc;

use aics_core::c::facts::{extract, FileFacts};
use aics_core::c::program::split;
use aics_core::c::sdk::{tables, Role};
use aics_core::c::values::{FileInput, ResolveCache, ResolveStats, Resolver, SymbolIndex};

fn tree(n: usize) -> (Vec<PathBuf>, Vec<FileInput>) {
    let mut files: Vec<(String, String)> = Vec::new();
    for i in 0..n {
        let dir = format!("samples/{i:03}");
        files.push((
            format!("{dir}/main.c"),
            "#include \"sample_config.h\"\n#include \"lib/topics.h\"\n\
             static char body[128];\n\
             int main(void) {\n  lib_connect();\n  snprintf(body, sizeof(body), \"{\\\"device\\\":\\\"%s\\\"}\", SAMPLE_DEVICE);\n  lib_send(body);\n  return 0;\n}\n"
                .to_string(),
        ));
        files.push((format!("{dir}/sample_config.h"), format!("#define SAMPLE_DEVICE \"device-{i}\"\n")));
    }
    // The library's device name comes through a chain of macros (a question of many
    // steps, worth sharing).
    let mut topics = String::from("#define TOPIC_FMT \"devices/%s/messages/events/\"\n#define LIB_NAME_0 \"lib\"\n");
    for k in 1..=6 {
        topics.push_str(&format!("#define LIB_NAME_{k} LIB_NAME_{} \"\"\n", k - 1));
    }
    topics.push_str("#define LIB_DEVICE LIB_NAME_6\nvoid lib_send(const char* s);\nvoid lib_connect(void);\n");
    files.push(("lib/topics.h".to_string(), topics));
    files.push((
        "lib/topics.c".to_string(),
        "#include \"topics.h\"\nstatic char topic[64];\nstatic char user[64];\n\
         void lib_connect(void) { snprintf(user, sizeof(user), \"%s/?api-version=%s\", LIB_DEVICE, \"2021-04-12\"); }\n\
         void lib_send(const char* s) { snprintf(topic, sizeof(topic), TOPIC_FMT, LIB_DEVICE); publish(topic, s); }\n"
            .to_string(),
    ));
    let paths = files.iter().map(|(p, _)| PathBuf::from(p)).collect();
    let inputs = files.iter().map(|(_, t)| FileInput { text: t.as_str().into(), facts: Arc::new(extract(t)) }).collect();
    (paths, inputs)
}

/// Every format call of every program, resolved with the shared cache and without it;
/// returns the shared cache's counters.
fn run(n: usize) -> ResolveStats {
    let (paths, inputs) = tree(n);
    let facts: Vec<&FileFacts> = inputs.iter().map(|i| i.facts.as_ref()).collect();
    let programs = split(&paths, &facts);
    assert_eq!(programs.len(), n, "one program per sample");
    let global = SymbolIndex::build(&inputs, 0..inputs.len());
    let cache = ResolveCache::default();
    let mut texts = 0;
    for p in &programs {
        let index = SymbolIndex::build(&inputs, p.files.iter().copied());
        let shared = Resolver::with_cache(&inputs, &index, &global, &cache);
        let alone = Resolver::new(&inputs, &index, &global);
        for &fi in &p.files {
            for c in &inputs[fi].facts.calls {
                for api in tables().lookup(&c.name).filter(|a| a.role == Role::Format) {
                    let got = shared.format_call(fi, c, api);
                    assert_eq!(got, alone.format_call(fi, c, api), "{} in {}", c.name, paths[fi].display());
                    texts += got.len();
                    let text = got[0].text();
                    if paths[fi].starts_with("samples") {
                        let dir = paths[fi].parent().unwrap().file_name().unwrap().to_string_lossy();
                        let i: usize = dir.parse().unwrap();
                        assert_eq!(text, format!("{{\"device\":\"device-{i}\"}}"));
                    } else {
                        assert!(text == "devices/lib/messages/events/" || text == "lib/?api-version=2021-04-12", "{text}");
                    }
                }
            }
        }
    }
    assert_eq!(texts, 3 * n);
    cache.stats()
}

#[test]
fn library_answers_are_computed_once_and_shared_by_every_program() {
    let small = run(20);
    let large = run(200);
    // Three questions per program: the sample's own and the library's two.
    assert_eq!(small.questions, 3 * 20);
    assert_eq!(large.questions, 3 * 200);
    // The library's two are computed once, each sample's own once.
    assert_eq!(small.computed, 20 + 2, "{small:?}");
    assert_eq!(large.computed, 200 + 2, "{large:?}");
    // Steps of the computed questions grow with the number of samples, not faster.
    assert!(large.steps <= 11 * small.steps, "steps {} for 20 samples, {} for 200", small.steps, large.steps);
}
