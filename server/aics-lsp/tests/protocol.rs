//! The language server driven in-process over an in-memory duplex with raw JSON-RPC,
//! as an editor would: every capability, asserted on the JSON it sends back.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use aics_core::config::{Config, ConfigError};
use aics_core::SourceFile;
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream, ReadHalf, WriteHalf};

/// Files straight from a folder: enough for tests (the binary uses the CLI's walker).
struct TestFiles;

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if aics_core::file_kind(&p).is_some() {
            out.push(p);
        }
    }
}

impl aics_lsp::WorkspaceFiles for TestFiles {
    fn scan(&self, root: &Path, _: &Config) -> Vec<SourceFile> {
        let mut paths = Vec::new();
        walk(root, &mut paths);
        paths.into_iter().filter_map(|p| self.read(&p)).collect()
    }
    fn read(&self, path: &Path) -> Option<SourceFile> {
        let text = std::fs::read_to_string(path).ok()?;
        Some(SourceFile::new(path, text))
    }
    fn config(&self, root: &Path) -> Option<Result<Config, ConfigError>> {
        let p = root.join("aics-lint.toml");
        let text = std::fs::read_to_string(&p).ok()?;
        Some(Config::parse(&p, &text))
    }
}

struct Client {
    reader: BufReader<ReadHalf<DuplexStream>>,
    writer: WriteHalf<DuplexStream>,
    next_id: i64,
    /// Notifications received while waiting for something else.
    inbox: Vec<Value>,
    /// The server task: ends when serving ends (after `exit`, or at the end of input).
    server: tokio::task::JoinHandle<bool>,
    /// Every publishDiagnostics and $/progress received, in order.
    log: Vec<Value>,
}

impl Client {
    async fn send(&mut self, v: Value) {
        let body = serde_json::to_vec(&v).unwrap();
        self.send_raw(&body).await;
    }

    async fn send_raw(&mut self, body: &[u8]) {
        let head = format!("Content-Length: {}\r\n\r\n", body.len());
        self.writer.write_all(head.as_bytes()).await.unwrap();
        self.writer.write_all(body).await.unwrap();
        self.writer.flush().await.unwrap();
    }

    async fn read_message(&mut self) -> Value {
        let mut len = 0usize;
        loop {
            let mut line = String::new();
            self.reader.read_line(&mut line).await.unwrap();
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length: ") {
                len = v.parse().unwrap();
            }
        }
        let mut body = vec![0; len];
        self.reader.read_exact(&mut body).await.unwrap();
        serde_json::from_slice(&body).unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", String::from_utf8_lossy(&body)))
    }

    /// Read one message; answer the server's own requests (configuration, registration,
    /// progress) as an editor would.
    async fn next(&mut self) -> Value {
        loop {
            let m = tokio::time::timeout(Duration::from_secs(20), self.read_message()).await.expect("the server went silent");
            if m["method"] == "textDocument/publishDiagnostics" || m["method"] == "$/progress" {
                self.log.push(m.clone());
            }
            if m.get("method").is_some() && m.get("id").is_some() {
                let result = match m["method"].as_str().unwrap() {
                    "workspace/configuration" => json!([{ "rules": { "AICS004": "error" } }]),
                    _ => Value::Null,
                };
                self.send(json!({ "jsonrpc": "2.0", "id": m["id"], "result": result })).await;
                continue;
            }
            return m;
        }
    }

    async fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params })).await;
        loop {
            let m = self.next().await;
            if m.get("id") == Some(&json!(id)) {
                return m;
            }
            self.inbox.push(m);
        }
    }

    /// The first message (inbox first) that satisfies `pred`; others stay in the inbox.
    async fn until(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.inbox.iter().position(&pred) {
            return self.inbox.remove(i);
        }
        loop {
            let m = tokio::time::timeout(Duration::from_secs(20), self.next()).await.unwrap_or_else(|_| panic!("no {what}"));
            if pred(&m) {
                return m;
            }
            self.inbox.push(m);
        }
    }

    async fn send_bytes(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).await.unwrap();
        self.writer.flush().await.unwrap();
    }

    /// Serving has ended (the process would exit) within a generous bound.
    async fn ended(self) -> bool {
        tokio::time::timeout(Duration::from_secs(10), self.server).await.is_ok()
    }

    async fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params })).await;
    }

    /// Wait until the diagnostics published for `uri` satisfy `pred`; returns them.
    async fn diagnostics_until(&mut self, uri: &str, pred: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        // Publications for this file waiting in the inbox are consumed (the newest decides);
        // those for other files stay there for the next wait.
        let mut latest: Option<Vec<Value>> = None;
        let inbox = std::mem::take(&mut self.inbox);
        for m in inbox {
            if m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri {
                latest = Some(m["params"]["diagnostics"].as_array().unwrap().clone());
            } else {
                self.inbox.push(m);
            }
        }
        if let Some(d) = &latest {
            if pred(d) {
                return d.clone();
            }
        }
        loop {
            let m = self.next().await;
            if m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri {
                let d = m["params"]["diagnostics"].as_array().unwrap().clone();
                if pred(&d) {
                    return d;
                }
            } else {
                self.inbox.push(m);
            }
        }
    }
}

fn codes(d: &[Value]) -> Vec<String> {
    d.iter().map(|x| x["code"].as_str().unwrap_or_default().to_string()).collect()
}

fn copy_example() -> tempfile::TempDir {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/thermostat-device");
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    walk(&src, &mut files);
    for f in files {
        let rel = f.strip_prefix(&src).unwrap();
        let to = dir.path().join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(&f, &to).unwrap();
    }
    dir
}

fn uri(p: &Path) -> String {
    format!("file://{}", p.display())
}

/// The server as the binary serves it (guard included), over an in-memory duplex.
fn connect(files: Arc<dyn aics_lsp::WorkspaceFiles>) -> Client {
    let (client_side, server_side) = tokio::io::duplex(1 << 20);
    let (server_read, server_write) = tokio::io::split(server_side);
    let server = tokio::spawn(aics_lsp::serve(server_read, server_write, files));
    let (r, w) = tokio::io::split(client_side);
    Client { reader: BufReader::new(r), writer: w, next_id: 0, inbox: Vec::new(), server, log: Vec::new() }
}

async fn start(root: &Path, capabilities: Value) -> Client {
    let mut c = connect(Arc::new(TestFiles));
    let init = c
        .request("initialize", json!({ "processId": null, "rootUri": uri(root), "capabilities": capabilities }))
        .await;
    assert!(init["result"]["capabilities"]["hoverProvider"] == json!(true), "{init}");
    c.notify("initialized", json!({})).await;
    c
}

fn vscode_like_capabilities() -> Value {
    json!({
        "general": { "positionEncodings": ["utf-16"] },
        "window": { "workDoneProgress": true },
        "workspace": { "configuration": true, "didChangeWatchedFiles": { "dynamicRegistration": true } },
        "textDocument": { "publishDiagnostics": { "relatedInformation": true, "codeDescriptionSupport": true } }
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn diagnostics_hover_fixes_and_edits() {
    let ws = copy_example();
    let root = ws.path();
    let mut c = start(root, vscode_like_capabilities()).await;
    let prov = root.join("src/provisioning.c");
    let prov_uri = uri(&prov);
    let text = std::fs::read_to_string(&prov).unwrap();
    c.notify("textDocument/didOpen", json!({ "textDocument": { "uri": prov_uri, "languageId": "c", "version": 1, "text": text } })).await;

    // Published with code, troubleshooting link, source and related information.
    let diags = c.diagnostics_until(&prov_uri, |d| codes(d).contains(&"AICS001".to_string())).await;
    let d = diags.iter().find(|d| d["code"] == "AICS001").unwrap().clone();
    assert_eq!(d["source"], "aics-lint");
    assert_eq!(
        d["codeDescription"]["href"],
        "https://learn.microsoft.com/azure/certification/how-to-troubleshoot-pnp#when-aics-tests-arent-passing"
    );
    assert_eq!(d["range"]["start"], json!({ "line": 37, "character": 8 }));
    assert!(d["relatedInformation"][0]["location"]["uri"].as_str().unwrap().ends_with("provisioning.c"));

    // Hover on the finding: the rule's explanation and its step.
    let h = c.request("textDocument/hover", json!({ "textDocument": { "uri": prov_uri }, "position": { "line": 37, "character": 12 } })).await;
    let hover = h["result"]["contents"]["value"].as_str().unwrap();
    assert!(hover.contains("AICS001") && hover.contains("How to fix it"), "{hover}");

    // Code actions: the suppression and the troubleshooting command.
    let a = c
        .request(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": prov_uri }, "range": d["range"], "context": { "diagnostics": [d] } }),
        )
        .await;
    let actions = a["result"].as_array().unwrap();
    let titles: Vec<&str> = actions.iter().map(|a| a["title"].as_str().unwrap()).collect();
    assert!(titles.contains(&"Suppress AICS001 on this line"), "{titles:?}");
    assert!(titles.iter().any(|t| t.starts_with("Open the troubleshooting step")), "{titles:?}");
    let suppress = actions.iter().find(|a| a["title"] == "Suppress AICS001 on this line").unwrap();
    let edit = &suppress["edit"]["changes"][&prov_uri][0];
    assert_eq!(edit["newText"], "    // aics-lint: ignore AICS001\n");

    // Apply the suppression as the editor would: the diagnostic goes away.
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": prov_uri, "version": 2 }, "contentChanges": [{ "range": edit["range"], "text": edit["newText"] }] }),
    )
    .await;
    c.diagnostics_until(&prov_uri, |d| !codes(d).contains(&"AICS001".to_string())).await;

    // Undo it, then fix the payload key instead with an incremental edit.
    c.notify("textDocument/didChange", json!({ "textDocument": { "uri": prov_uri, "version": 3 }, "contentChanges": [{ "text": text }] })).await;
    c.diagnostics_until(&prov_uri, |d| codes(d).contains(&"AICS001".to_string())).await;
    let (line, col) = text
        .lines()
        .enumerate()
        .find_map(|(i, l)| l.find("iotcModelId").map(|c| (i, c)))
        .unwrap();
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": prov_uri, "version": 4 }, "contentChanges": [{
            "range": { "start": { "line": line, "character": col }, "end": { "line": line, "character": col + 11 } },
            "text": "modelId" }] }),
    )
    .await;
    let after = c.diagnostics_until(&prov_uri, |d| !codes(d).contains(&"AICS001".to_string())).await;
    assert!(after.is_empty(), "{after:?}");

    // Pull diagnostics agree.
    let pulled = c.request("textDocument/diagnostic", json!({ "textDocument": { "uri": prov_uri } })).await;
    assert_eq!(pulled["result"]["kind"], "full");
    assert!(pulled["result"]["items"].as_array().unwrap().is_empty(), "{pulled}");
    let board = root.join("src/board_config.h");
    let pulled = c.request("textDocument/diagnostic", json!({ "textDocument": { "uri": uri(&board) } })).await;
    assert_eq!(codes(pulled["result"]["items"].as_array().unwrap()), vec!["AICS002"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn models_and_code_follow_each_other() {
    let ws = copy_example();
    let root = ws.path();
    let mut c = start(root, json!({})).await;
    let board = root.join("src/board_config.h");
    let board_uri = uri(&board);
    let btext = std::fs::read_to_string(&board).unwrap();
    c.notify("textDocument/didOpen", json!({ "textDocument": { "uri": board_uri, "languageId": "c", "version": 1, "text": btext } })).await;
    let d = c.diagnostics_until(&board_uri, |d| codes(d) == ["AICS002"]).await;
    assert!(d[0]["message"].as_str().unwrap().contains("`humidity`"));

    // Hover on the DTMI: the model's summary.
    let line = 4;
    let col = btext.lines().nth(line).unwrap().find("dtmi:").unwrap() as u32 + 6;
    let h = c.request("textDocument/hover", json!({ "textDocument": { "uri": board_uri }, "position": { "line": line, "character": col } })).await;
    let hover = h["result"]["contents"]["value"].as_str().unwrap().to_string();
    assert!(hover.contains("Contoso Thermostat") && hover.contains("`temperature`") && hover.contains("degreeCelsius"), "{hover}");

    // Definition and references of the DTMI.
    let def = c.request("textDocument/definition", json!({ "textDocument": { "uri": board_uri }, "position": { "line": line, "character": col } })).await;
    assert!(def["result"]["uri"].as_str().unwrap().ends_with("models/thermostat-1.json"), "{def}");
    assert_eq!(def["result"]["range"]["start"]["line"], 2);
    let refs = c
        .request("textDocument/references", json!({ "textDocument": { "uri": board_uri }, "position": { "line": line, "character": col }, "context": { "includeDeclaration": true } }))
        .await;
    let ref_files: Vec<&str> = refs["result"].as_array().unwrap().iter().map(|r| r["uri"].as_str().unwrap().rsplit('/').next().unwrap()).collect();
    assert_eq!(ref_files, vec!["thermostat-1.json", "board_config.h"]);
    let links = c.request("textDocument/documentLink", json!({ "textDocument": { "uri": board_uri } })).await;
    assert!(links["result"][0]["target"].as_str().unwrap().ends_with("thermostat-1.json"), "{links}");

    // Symbols of the model.
    let model = root.join("models/thermostat-1.json");
    let model_uri = uri(&model);
    let mtext = std::fs::read_to_string(&model).unwrap();
    c.notify("textDocument/didOpen", json!({ "textDocument": { "uri": model_uri, "languageId": "json", "version": 1, "text": mtext } })).await;
    let syms = c.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": model_uri } })).await;
    assert_eq!(syms["result"][0]["name"], "dtmi:contoso:device:Thermostat;1");
    let children: Vec<&str> = syms["result"][0]["children"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(children, vec!["temperature", "humidity", "targetTemperature"]);

    // A C edit changes the model findings: send `humidity` too, and the AICS002 on its
    // declaration in the model (and the summary in C) go away; then undo it.
    c.diagnostics_until(&model_uri, |d| codes(d) == ["AICS002"]).await;
    let hub = root.join("src/hub.c");
    let hub_uri = uri(&hub);
    let htext = std::fs::read_to_string(&hub).unwrap();
    c.notify("textDocument/didOpen", json!({ "textDocument": { "uri": hub_uri, "languageId": "c", "version": 1, "text": htext } })).await;
    let both = htext.replace(r#""{\"temperature\":%.2f}", temperature_c"#, r#""{\"temperature\":%.2f,\"humidity\":%.1f}", temperature_c, 40.0"#);
    assert_ne!(both, htext, "the example's telemetry format string moved");
    c.notify("textDocument/didChange", json!({ "textDocument": { "uri": hub_uri, "version": 2 }, "contentChanges": [{ "text": both }] })).await;
    c.diagnostics_until(&model_uri, |d| d.is_empty()).await;
    c.diagnostics_until(&board_uri, |d| d.is_empty()).await;
    c.notify("textDocument/didChange", json!({ "textDocument": { "uri": hub_uri, "version": 3 }, "contentChanges": [{ "text": htext }] })).await;
    c.diagnostics_until(&board_uri, |d| codes(d) == ["AICS002"]).await;

    // A model edit changes the C findings: drop `humidity` from the model, and the summary
    // on the Model ID in C goes away.
    let start = mtext.find("    {\n      \"@type\": \"Telemetry\",\n      \"name\": \"humidity\"").unwrap();
    let end = mtext[start..].find("},\n").unwrap() + start + 3;
    let edited = format!("{}{}", &mtext[..start], &mtext[end..]);
    c.notify("textDocument/didChange", json!({ "textDocument": { "uri": model_uri, "version": 2 }, "contentChanges": [{ "text": edited }] })).await;
    c.diagnostics_until(&board_uri, |d| d.is_empty()).await;

    // Broken JSON in the model: DTDL001 at the spot, while the C side still links.
    let broken = mtext.replacen("\"schema\": \"double\",", "\"schema\": \"double\"", 1);
    c.notify("textDocument/didChange", json!({ "textDocument": { "uri": model_uri, "version": 3 }, "contentChanges": [{ "text": broken }] })).await;
    let d = c.diagnostics_until(&model_uri, |d| codes(d).contains(&"DTDL001".to_string())).await;
    assert!(d.iter().any(|x| x["code"] == "DTDL001" && x["severity"] == 1), "{d:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_input_does_not_take_the_server_down() {
    let ws = copy_example();
    let root = ws.path();
    let mut c = start(root, json!({ "general": { "positionEncodings": ["utf-8", "utf-16"] } })).await;

    // Malformed JSON-RPC: answered with a parse error, logged, and the server stays up.
    c.send_raw(b"{ this is not json").await;
    let answer = c.until("the parse error", |m| m.get("error").is_some()).await;
    assert_eq!(answer["error"]["code"], -32700, "{answer}");
    assert_eq!(answer["id"], Value::Null, "{answer}");
    let log = c.until("the log of the bad frame", |m| m["method"] == "window/logMessage").await;
    assert!(log["params"]["message"].as_str().unwrap().contains("not JSON"), "{log}");
    // Unknown method.
    let unknown = c.request("aics/nonsense", json!({})).await;
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    // Edits and hovers on documents it never saw, and positions out of range.
    c.notify("textDocument/didChange", json!({ "textDocument": { "uri": "file:///nowhere/x.c", "version": 2 }, "contentChanges": [{ "text": "x" }] })).await;
    let h = c.request("textDocument/hover", json!({ "textDocument": { "uri": "file:///nowhere/x.c" }, "position": { "line": 0, "character": 0 } })).await;
    assert_eq!(h["result"], Value::Null);
    let prov = root.join("src/provisioning.c");
    let prov_uri = uri(&prov);
    let text = std::fs::read_to_string(&prov).unwrap();
    c.notify("textDocument/didOpen", json!({ "textDocument": { "uri": prov_uri, "languageId": "c", "version": 1, "text": text } })).await;
    let h = c.request("textDocument/hover", json!({ "textDocument": { "uri": prov_uri }, "position": { "line": 99999, "character": 99999 } })).await;
    assert!(h.get("error").is_none(), "{h}");
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": prov_uri, "version": 2 }, "contentChanges": [{
            "range": { "start": { "line": 5000, "character": 3 }, "end": { "line": 9000, "character": 0 } }, "text": "\n" }] }),
    )
    .await;

    // 1,000 edits in a burst (typing a comment, then deleting it): the last version wins
    // and the findings are those of the final text. The burst may end before the workspace
    // scan does: the last version is then published with what the open file alone shows
    // and again once the scan has read the payload's header, never with a false finding.
    let line = text.lines().position(|l| l.contains("Prov_Device_LL_Set_Provisioning_Payload")).unwrap() as u32;
    let mut version = 3;
    for i in 0..500u32 {
        c.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": prov_uri, "version": version }, "contentChanges": [{
                "range": { "start": { "line": 0, "character": i }, "end": { "line": 0, "character": i } }, "text": "x" }] }),
        )
        .await;
        version += 1;
    }
    for i in (0..500u32).rev() {
        c.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": prov_uri, "version": version }, "contentChanges": [{
                "range": { "start": { "line": 0, "character": i }, "end": { "line": 0, "character": i + 1 } }, "text": "" }] }),
        )
        .await;
        version += 1;
    }
    let last = version - 1;
    let d = loop {
        let m = c.next().await;
        if m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == prov_uri && m["params"]["version"] == last {
            let d = m["params"]["diagnostics"].as_array().unwrap().clone();
            if !d.is_empty() {
                break d;
            }
        }
    };
    assert_eq!(codes(&d), vec!["AICS001"]);
    assert_eq!(d[0]["range"]["start"]["line"], line);
    // UTF-8 was negotiated: columns are bytes (the line is ASCII, so they equal chars).
    assert_eq!(d[0]["range"]["start"]["character"], 8);

    let s = c.request("shutdown", Value::Null).await;
    assert_eq!(s["result"], Value::Null);
}

/// Disk access that takes its time, as on a network drive: it widens the window in which
/// notifications that follow a didClose run while the close still reads the disk.
struct SlowFiles;

impl aics_lsp::WorkspaceFiles for SlowFiles {
    fn scan(&self, root: &Path, config: &Config) -> Vec<SourceFile> {
        TestFiles.scan(root, config)
    }
    fn read(&self, path: &Path) -> Option<SourceFile> {
        std::thread::sleep(Duration::from_millis(300));
        TestFiles.read(path)
    }
    fn config(&self, root: &Path) -> Option<Result<Config, ConfigError>> {
        TestFiles.config(root)
    }
}

/// An editor that closes a document and opens it again at once (a revert) keeps the new
/// buffer: the close's disk read must not drop the reopened document. Found by the soak
/// test (tests/soak): the edits after the reopen were silently ignored.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn close_then_reopen_keeps_the_new_buffer() {
    let ws = copy_example();
    let root = ws.path();
    let mut c = connect(Arc::new(SlowFiles));
    c.request("initialize", json!({ "processId": null, "rootUri": uri(root), "capabilities": vscode_like_capabilities() })).await;
    c.notify("initialized", json!({})).await;
    let prov = root.join("src/provisioning.c");
    let prov_uri = uri(&prov);
    let text = std::fs::read_to_string(&prov).unwrap();
    let fixed = text.replace("iotcModelId", "modelId");
    assert_ne!(text, fixed);
    c.notify("textDocument/didOpen", json!({ "textDocument": { "uri": prov_uri, "languageId": "c", "version": 1, "text": text } })).await;
    c.notify("textDocument/didClose", json!({ "textDocument": { "uri": prov_uri } })).await;
    c.notify("textDocument/didOpen", json!({ "textDocument": { "uri": prov_uri, "languageId": "c", "version": 1, "text": text } })).await;
    c.notify("textDocument/didChange", json!({ "textDocument": { "uri": prov_uri, "version": 2 }, "contentChanges": [{ "text": fixed }] })).await;
    // After the close's slow read has finished, the buffer is still the edited one.
    tokio::time::sleep(Duration::from_millis(800)).await;
    // (The scan reads slowly too: whole-program findings are final once it has ended.)
    scan_end(&mut c).await;
    let r = c.request("textDocument/diagnostic", json!({ "textDocument": { "uri": prov_uri } })).await;
    let items = r["result"]["items"].as_array().cloned().unwrap_or_default();
    assert!(items.iter().all(|d| !d["message"].as_str().unwrap_or_default().contains("iotcModelId")), "the edit after the reopen was lost: {r}");
    // The edited version was analysed and published (a lost edit leaves version 1 and its
    // AICS001 on `iotcModelId`).
    let v2 = c.until("the publication of version 2", |m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == prov_uri && m["params"]["version"] == 2).await;
    assert!(!v2.to_string().contains("iotcModelId"), "{v2}");
}

fn body(v: Value) -> Vec<u8> {
    serde_json::to_vec(&v).unwrap()
}

/// Frames that cannot be read are answered per JSON-RPC (parse error, with the id when it
/// can be read) and the reader finds the next frame: requests after each one are answered,
/// documents still analysed, and shutdown + exit end serving.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unreadable_frames_are_answered_and_the_reader_resynchronises() {
    let ws = copy_example();
    let root = ws.path();
    let mut c = start(root, vscode_like_capabilities()).await;
    let hover = |id: i64| body(json!({ "jsonrpc": "2.0", "id": id, "method": "textDocument/hover",
        "params": { "textDocument": { "uri": "file:///nowhere/x.c" }, "position": { "line": 0, "character": 0 } } }));
    let cases: Vec<(&str, Vec<u8>, Value)> = vec![
        ("a length that is not a number", [b"Content-Length: abc\r\n\r\n".to_vec(), hover(101)].concat(), json!(101)),
        ("a length shorter than the body", { let b = hover(102); [format!("Content-Length: {}\r\n\r\n", b.len() - 9).into_bytes(), b].concat() }, json!(102)),
        ("a length longer than the body", { let b = hover(103); [format!("Content-Length: {}\r\n\r\n", b.len() + 40).into_bytes(), b].concat() }, json!(103)),
        ("a body that is not JSON", b"Content-Length: 10\r\n\r\n{\"id\":104,".to_vec(), json!(104)),
        ("no header at all", hover(105), json!(105)),
        ("JSON that is not JSON-RPC", b"Content-Length: 5\r\n\r\n[1,2]".to_vec(), Value::Null),
    ];
    for (what, bad, id) in cases {
        // The bad frame and a good request in one write, as a pipe delivers them.
        c.next_id += 1;
        let good_id = c.next_id;
        let good = body(json!({ "jsonrpc": "2.0", "id": good_id, "method": "aics/nonsense" }));
        let bytes = [bad, format!("Content-Length: {}\r\n\r\n", good.len()).into_bytes(), good].concat();
        c.send_bytes(&bytes).await;
        let answer = c.until(what, |m| m.get("error").is_some() && m["id"] != json!(good_id)).await;
        let expected = if id.is_null() && what.contains("JSON-RPC") { -32600 } else { -32700 };
        assert_eq!(answer["error"]["code"], expected, "{what}: {answer}");
        assert_eq!(answer["id"], id, "{what}: {answer}");
        let next = c.until(what, |m| m["id"] == json!(good_id)).await;
        assert_eq!(next["error"]["code"], -32601, "{what}: the request after it was not read: {next}");
    }
    // Still analysing documents.
    let prov = root.join("src/provisioning.c");
    let text = std::fs::read_to_string(&prov).unwrap();
    c.notify("textDocument/didOpen", json!({ "textDocument": { "uri": uri(&prov), "languageId": "c", "version": 1, "text": text } })).await;
    let d = c.diagnostics_until(&uri(&prov), |d| !d.is_empty()).await;
    assert!(codes(&d).contains(&"AICS001".to_string()), "{d:?}");
    let s = c.request("shutdown", Value::Null).await;
    assert_eq!(s["result"], Value::Null, "{s}");
    c.notify("exit", Value::Null).await;
    assert!(c.ended().await, "serving did not end after exit");
}

/// `exit` ends serving after a bad frame, without a shutdown before it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exit_after_a_bad_frame() {
    let ws = copy_example();
    let mut c = start(ws.path(), vscode_like_capabilities()).await;
    c.send_bytes(b"Content-Length: abc\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"exit\"").await;
    // A truncated body whose rest never comes: the exit after it is still read.
    c.send_bytes(b"Content-Length: 80\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"initialized\"}").await;
    c.notify("exit", Value::Null).await;
    assert!(c.ended().await, "serving did not end after exit");
}

/// `exit` ends serving before initialize, right after an initialize that is not answered
/// yet, and while start-up awaits an answer from the client that never comes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exit_at_any_stage_of_start_up() {
    let ws = copy_example();
    let root = ws.path();

    let mut c = connect(Arc::new(TestFiles));
    c.notify("exit", Value::Null).await;
    assert!(c.ended().await, "exit before initialize");

    let mut c = connect(Arc::new(TestFiles));
    let init = json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": { "processId": null, "rootUri": uri(root), "capabilities": vscode_like_capabilities() } });
    let exit = json!({ "jsonrpc": "2.0", "method": "exit" });
    let bytes = [init.clone(), exit.clone()].iter().flat_map(|m| { let b = body(m.clone()); [format!("Content-Length: {}\r\n\r\n", b.len()).into_bytes(), b].concat() }).collect::<Vec<u8>>();
    c.send_bytes(&bytes).await;
    assert!(c.ended().await, "exit right behind initialize");

    // Start-up asks for the configuration; this client never answers.
    let mut c = connect(Arc::new(TestFiles));
    c.send(init).await;
    loop {
        let m = c.read_message().await;
        if m["id"] == 1 {
            break;
        }
    }
    c.notify("initialized", json!({})).await;
    loop {
        let m = tokio::time::timeout(Duration::from_secs(20), c.read_message()).await.expect("no configuration request");
        if m["method"] == "workspace/configuration" || m["method"] == "client/registerCapability" {
            break;
        }
    }
    c.send(exit).await;
    assert!(c.ended().await, "exit while start-up awaits the client");
}

/// Disk access that takes its time per file, as a large checkout on a slow disk: the
/// workspace scan lasts long enough to edit during it.
struct SlowScan(u64);

impl aics_lsp::WorkspaceFiles for SlowScan {
    fn scan(&self, root: &Path, config: &Config) -> Vec<SourceFile> {
        TestFiles.scan(root, config)
    }
    fn list(&self, root: &Path, _: &Config) -> Vec<PathBuf> {
        let mut paths = Vec::new();
        walk(root, &mut paths);
        paths
    }
    fn read(&self, path: &Path) -> Option<SourceFile> {
        std::thread::sleep(Duration::from_millis(self.0));
        TestFiles.read(path)
    }
    fn config(&self, root: &Path) -> Option<Result<Config, ConfigError>> {
        TestFiles.config(root)
    }
}

fn copy_fixture(name: &str) -> tempfile::TempDir {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/programs").join(name);
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(&src).unwrap().flatten() {
        std::fs::copy(e.path(), dir.path().join(e.file_name())).unwrap();
    }
    dir
}

async fn start_with(files: Arc<dyn aics_lsp::WorkspaceFiles>, root: &Path) -> Client {
    let mut c = connect(files);
    c.request("initialize", json!({ "processId": null, "rootUri": uri(root), "capabilities": vscode_like_capabilities() })).await;
    c.notify("initialized", json!({})).await;
    c
}

/// The publications of `uri` in the log: (version, codes).
fn publications(log: &[Value], uri: &str) -> Vec<(Value, Vec<String>)> {
    log.iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
        .map(|m| (m["params"]["version"].clone(), codes(m["params"]["diagnostics"].as_array().unwrap())))
        .collect()
}

/// Read until the scan's progress has ended; its final message.
async fn scan_end(c: &mut Client) -> String {
    let end = c.until("the end of the scan's progress", |m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end").await;
    end["params"]["value"]["message"].as_str().unwrap_or_default().to_string()
}

/// No file is published twice with the same findings and version: an open document once
/// per version, another file only when its findings change.
fn assert_no_duplicates(log: &[Value]) {
    let mut last: std::collections::HashMap<String, (Value, Value)> = Default::default();
    for m in log.iter().filter(|m| m["method"] == "textDocument/publishDiagnostics") {
        let uri = m["params"]["uri"].as_str().unwrap().to_string();
        let now = (m["params"]["version"].clone(), m["params"]["diagnostics"].clone());
        assert_ne!(last.get(&uri), Some(&now), "{uri} published twice with the same findings: {now:?}");
        last.insert(uri, now);
    }
}

/// While the scan still reads the workspace, an open document is analysed and each edit
/// answered with a publication of its version; a finding that depends on a file not read
/// yet (the payload is in payload.c) is never published and withdrawn; the progress ends
/// with counts only when the analysed workspace is published.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edits_are_answered_during_the_scan_and_nothing_is_withdrawn() {
    let ws = copy_fixture("iothubll-payload-in-other-file");
    let root = ws.path();
    // Five files at 400 ms each: the scan takes two seconds.
    let mut c = start_with(Arc::new(SlowScan(400)), root).await;
    let dps = root.join("dps.c");
    let dps_uri = uri(&dps);
    let text = std::fs::read_to_string(&dps).unwrap();
    c.notify("textDocument/didOpen", json!({ "textDocument": { "uri": dps_uri, "languageId": "c", "version": 1, "text": text } })).await;
    for version in 1..=3 {
        if version > 1 {
            c.notify("textDocument/didChange", json!({ "textDocument": { "uri": dps_uri, "version": version }, "contentChanges": [{
                "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } }, "text": "// edited\n" }] })).await;
        }
        let m = c.until("the publication of the version", |m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == dps_uri && m["params"]["version"] == version).await;
        assert!(m["params"]["diagnostics"].is_array(), "{m}");
        // Answered while the scan runs: its progress has not ended yet.
        assert!(!c.log.iter().chain(c.inbox.iter()).any(|m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end"), "version {version} was answered only after the scan");
    }
    let message = scan_end(&mut c).await;
    assert!(message.contains("5 files") && message.contains("programs") && message.contains("0 findings"), "{message}");
    let s = c.request("shutdown", Value::Null).await;
    assert_eq!(s["result"], Value::Null);
    let pubs = publications(&c.log, &dps_uri);
    assert!(pubs.iter().all(|(_, codes)| codes.is_empty()), "a finding on the correct program was published: {pubs:?}");
    assert_eq!(pubs.iter().map(|(v, _)| v.as_i64().unwrap()).collect::<Vec<_>>(), vec![1, 2, 3], "{pubs:?}");
    assert_no_duplicates(&c.log);
}

/// The same program without `modelId` in the payload: the finding waits for the scan, and
/// is published once the program is read, for the open document's current version.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn whole_program_findings_are_published_after_the_scan() {
    let ws = copy_fixture("iothubll-payload-in-other-file-no-modelid");
    let root = ws.path();
    let mut c = start_with(Arc::new(SlowScan(200)), root).await;
    let payload = root.join("payload.c");
    let payload_uri = uri(&payload);
    let text = std::fs::read_to_string(&payload).unwrap();
    c.notify("textDocument/didOpen", json!({ "textDocument": { "uri": payload_uri, "languageId": "c", "version": 1, "text": text } })).await;
    let message = scan_end(&mut c).await;
    assert!(message.contains("5 files"), "{message}");
    let all: Vec<String> = c.log.iter().chain(c.inbox.iter())
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .flat_map(|m| codes(m["params"]["diagnostics"].as_array().unwrap()))
        .collect();
    assert!(all.contains(&"AICS001".to_string()), "the program's finding was never published: {:?}", c.log);
    // The first publication of the open document (during the scan) holds no whole-program
    // finding; every later one is the complete analysis of version 1.
    let s = c.request("shutdown", Value::Null).await;
    assert_eq!(s["result"], Value::Null);
    let pubs = publications(&c.log, &payload_uri);
    assert!(pubs.iter().all(|(v, _)| v == 1), "{pubs:?}");
    assert!(pubs.len() <= 2, "{pubs:?}");
    assert_no_duplicates(&c.log);
}

/// A clean document is published with an empty list for every analysed version; files
/// that are not open are published only when their findings change.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clean_documents_are_published_with_their_version() {
    let ws = copy_example();
    let root = ws.path();
    let util = root.join("src/util.c");
    std::fs::write(&util, "int add(int a, int b)\n{\n    return a + b;\n}\n").unwrap();
    let mut c = start(root, vscode_like_capabilities()).await;
    scan_end(&mut c).await;
    let util_uri = uri(&util);
    let text = std::fs::read_to_string(&util).unwrap();
    c.notify("textDocument/didOpen", json!({ "textDocument": { "uri": util_uri, "languageId": "c", "version": 1, "text": text } })).await;
    for version in 1..=4 {
        if version > 1 {
            c.notify("textDocument/didChange", json!({ "textDocument": { "uri": util_uri, "version": version }, "contentChanges": [{
                "range": { "start": { "line": 2, "character": 4 }, "end": { "line": 2, "character": 4 } }, "text": " " }] })).await;
        }
        let m = c.until("a publication of the clean file", |m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == util_uri && m["params"]["version"] == version).await;
        assert_eq!(m["params"]["diagnostics"], json!([]), "{m}");
    }
    // An edit in an open file that changes nothing for the others publishes only itself.
    let prov = root.join("src/provisioning.c");
    let before = publications(&c.log, &uri(&prov)).len();
    let model_before = publications(&c.log, &uri(&root.join("models/thermostat-1.json"))).len();
    assert!(before > 0 && model_before > 0, "the workspace's findings were published: {:?}", c.log);
    let s = c.request("shutdown", Value::Null).await;
    assert_eq!(s["result"], Value::Null);
    assert_eq!(publications(&c.log, &uri(&prov)).len(), before, "provisioning.c republished unchanged");
    assert_eq!(publications(&c.log, &uri(&root.join("models/thermostat-1.json"))).len(), model_before);
    assert_eq!(publications(&c.log, &util_uri).len(), 4);
    assert_no_duplicates(&c.log);
}

/// A document closed and opened again unchanged is published again for its version (an
/// editor may have cleared its squiggles on close).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reopened_document_is_published_again() {
    let ws = copy_example();
    let root = ws.path();
    let mut c = start(root, vscode_like_capabilities()).await;
    scan_end(&mut c).await;
    let prov = root.join("src/provisioning.c");
    let prov_uri = uri(&prov);
    let text = std::fs::read_to_string(&prov).unwrap();
    let open = json!({ "textDocument": { "uri": prov_uri, "languageId": "c", "version": 1, "text": text } });
    c.notify("textDocument/didOpen", open.clone()).await;
    let is_v1 = |m: &Value| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == prov_uri && m["params"]["version"] == 1;
    let first = c.until("the first publication", is_v1).await;
    c.notify("textDocument/didClose", json!({ "textDocument": { "uri": prov_uri } })).await;
    c.notify("textDocument/didOpen", open).await;
    let again = c.until("the publication after the reopen", is_v1).await;
    assert_eq!(first["params"]["diagnostics"], again["params"]["diagnostics"]);
    assert!(codes(again["params"]["diagnostics"].as_array().unwrap()).contains(&"AICS001".to_string()), "{again}");
}

/// The line and UTF-16 column of a byte offset of an ASCII text.
fn position_of(text: &str, offset: usize) -> Value {
    let line = text[..offset].matches('\n').count();
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    json!({ "line": line, "character": offset - start })
}

fn framed(v: &Value) -> Vec<u8> {
    let body = serde_json::to_vec(v).unwrap();
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend(body);
    out
}

/// Edits typed faster than they are analysed (one write of many `didChange`s): every
/// analysed version of the document is published once, in order, the newest one always,
/// with the findings of the newest text; a hover between edits is answered. State
/// notifications sent in the same write as edits (close, reopen with another text, edit)
/// are applied in the order sent: the edit applies to the reopened text.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_edits_publishes_each_analysed_version_once_and_the_newest_last() {
    let ws = copy_example();
    let root = ws.path();
    let mut c = start(root, vscode_like_capabilities()).await;
    scan_end(&mut c).await;
    let model = root.join("models/thermostat-1.json");
    let model_uri = uri(&model);
    let good = std::fs::read_to_string(&model).unwrap();
    // A missing comma (DTDL001), and a place inside a string to type at.
    let comma = good.find(",\n").unwrap();
    let broken = format!("{}{}", &good[..comma], &good[comma + 1..]);
    let is_syntax = |m: &Value| codes(m["params"]["diagnostics"].as_array().unwrap()).contains(&"DTDL001".to_string());
    let typing_at = broken.find("Contoso Thermostat").unwrap() + 3;
    let at = position_of(&broken, typing_at);
    let after = position_of(&broken, typing_at + 1);
    let open = |text: &str| json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": { "textDocument": { "uri": model_uri, "languageId": "json", "version": 1, "text": text } } });
    let change = |version: i64, start: &Value, end: &Value, text: &str| json!({ "jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": { "uri": model_uri, "version": version }, "contentChanges": [{ "range": { "start": start, "end": end }, "text": text }] } });
    c.send_bytes(&framed(&open(&broken))).await;
    let first = c.until("the broken model's publication", |m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == model_uri && m["params"]["version"] == 1).await;
    assert!(is_syntax(&first), "{first}");

    // 2..=41: type an `x` and delete it, twenty times; 42: put the comma back. One write.
    let mut burst = Vec::new();
    for version in 2..=41 {
        burst.extend(if version % 2 == 0 { framed(&change(version, &at, &at, "x")) } else { framed(&change(version, &at, &after, "")) });
    }
    let fix = position_of(&broken, comma);
    burst.extend(framed(&change(42, &fix, &fix, ",")));
    c.send_bytes(&burst).await;
    let last = c.until("the newest version's publication", |m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == model_uri && m["params"]["version"] == 42).await;
    assert!(!is_syntax(&last), "the mended model still has its syntax error: {last}");
    // Typing at once after the burst, with a hover between two edits: both answered.
    c.notify("textDocument/didChange", change(43, &at, &at, "x")["params"].clone()).await;
    let hover = c.request("textDocument/hover", json!({ "textDocument": { "uri": model_uri }, "position": at })).await;
    assert!(hover.get("result").is_some(), "{hover}");
    c.notify("textDocument/didChange", change(44, &at, &after, "")["params"].clone()).await;
    c.until("version 44", |m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == model_uri && m["params"]["version"] == 44).await;

    // Close, reopen with the broken text and mend it, in one write: the edit applies to
    // the reopened text (version 2 of the new document is clean).
    let mut burst = framed(&json!({ "jsonrpc": "2.0", "method": "textDocument/didClose", "params": { "textDocument": { "uri": model_uri } } }));
    burst.extend(framed(&open(&broken)));
    burst.extend(framed(&change(2, &fix, &fix, ",")));
    let seen = c.log.len();
    c.send_bytes(&burst).await;
    let mended = c.until("the reopened document's edit", |m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == model_uri && m["params"]["version"] == 2 && !is_syntax(m)).await;
    assert!(!is_syntax(&mended));
    let s = c.request("shutdown", Value::Null).await;
    assert_eq!(s["result"], Value::Null);

    // Before the reopen: versions strictly increasing (each at most once), ending at 44.
    // (The scan published the file, unopened and without a version, before.)
    let before: Vec<i64> = publications(&c.log[..seen], &model_uri).iter().skip_while(|(v, _)| v.is_null()).map(|(v, _)| v.as_i64().unwrap()).collect();
    assert!(before.windows(2).all(|w| w[0] < w[1]), "{before:?}");
    assert!(before.contains(&42) && before.last() == Some(&44), "{before:?}");
    // After it: no publication of version 2 with the syntax error (the edit was never
    // applied to the closed document's text, nor lost).
    let reopened = publications(&c.log[seen..], &model_uri);
    assert!(reopened.iter().all(|(v, codes)| !(v == 2 && codes.contains(&"DTDL001".to_string()))), "{reopened:?}");
    assert_no_duplicates(&c.log);
}
