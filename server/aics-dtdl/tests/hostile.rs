//! Hostile models: each finishes in bounded time, without panicking or overflowing the
//! stack. Inputs are generated at run time, never committed.

use std::time::{Duration, Instant};

use aics_dtdl::{checked_repository_path, parse_document, ModelIndex};

fn small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new().stack_size(256 * 1024).spawn(f).unwrap().join().expect("no panic, no overflow")
}

fn timed<T>(what: &str, limit: Duration, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = f();
    assert!(t.elapsed() < limit, "{what}: took {:?}", t.elapsed());
    out
}

#[test]
fn json_nested_one_hundred_thousand_deep() {
    for (open, close) in [("[", "]"), ("{\"a\":", "}")] {
        let n = 100_000;
        let text = format!("{{\"@context\":\"dtmi:dtdl:context;2\",\"@id\":\"dtmi:x:d;1\",\"@type\":\"Interface\",\"contents\":{}1{}}}", open.repeat(n), close.repeat(n));
        small_stack(move || {
            timed("deep JSON", Duration::from_secs(30), || {
                let doc = parse_document("deep.json", &text);
                let mut index = ModelIndex::new();
                if let Some(d) = doc {
                    index.upsert_document(d);
                }
                let _ = index.unresolved_references();
                let _ = index.telemetry("dtmi:x:d;1");
            })
        });
        // Unclosed, too.
        let text = "[".repeat(100_000);
        small_stack(move || parse_document("open.json", &text));
    }
}

fn chain(n: usize, cyclic: bool) -> String {
    let mut items = Vec::new();
    for i in 0..n {
        let next = if i + 1 < n { format!("\"dtmi:x:i{};1\"", i + 1) } else if cyclic { "\"dtmi:x:i0;1\"".to_string() } else { "[]".to_string() };
        items.push(format!(
            "{{\"@context\":\"dtmi:dtdl:context;3\",\"@id\":\"dtmi:x:i{i};1\",\"@type\":\"Interface\",\"extends\":{next},\"contents\":[{{\"@type\":\"Telemetry\",\"name\":\"t{i}\",\"schema\":\"double\"}}]}}"
        ));
    }
    format!("[{}]", items.join(","))
}

#[test]
fn extends_chains_ten_thousand_long_and_cyclic() {
    for cyclic in [false, true] {
        let text = chain(10_000, cyclic);
        small_stack(move || {
            timed("extends chain", Duration::from_secs(60), || {
                let mut index = ModelIndex::new();
                index.upsert_text("chain.json", &text);
                let _ = index.unresolved_references();
                let tel = index.telemetry("dtmi:x:i0;1");
                let _ = format!("{tel:?}").len();
            })
        });
    }
}

#[test]
fn a_ten_thousand_character_dtmi() {
    let id = format!("dtmi:com:{};1", "a".repeat(10_000));
    assert!(checked_repository_path(&id).is_err() || checked_repository_path(&id).is_ok_and(|p| p.is_relative()));
    let text = format!("{{\"@context\":\"dtmi:dtdl:context;3\",\"@id\":\"{id}\",\"@type\":\"Interface\",\"extends\":\"{id}x\",\"contents\":[]}}");
    small_stack(move || {
        let mut index = ModelIndex::new();
        index.upsert_text("long.json", &text);
        let _ = index.unresolved_references();
    });
}

#[test]
fn repository_paths_never_leave_the_repository() {
    for id in [
        "dtmi:..:..:etc:passwd;1",
        "dtmi:com:../../etc;1",
        "dtmi:/etc/passwd;1",
        "/etc/passwd",
        "dtmi:com:x\\..\\y;1",
        "dtmi:com:x\0y;1",
        "dtmi:.:x;1",
        "dtmi:com:x/../../y;1",
    ] {
        if let Ok(p) = checked_repository_path(id) {
            assert!(p.is_relative(), "{id} -> {p:?}");
            assert!(p.components().all(|c| matches!(c, std::path::Component::Normal(_))), "{id} -> {p:?}");
        }
    }
}
