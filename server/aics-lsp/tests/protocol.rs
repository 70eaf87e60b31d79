//! The language server driven in-process over an in-memory duplex with raw JSON-RPC,
//! as an editor would: every capability, asserted on the JSON it sends back.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use aics_core::config::{Config, ConfigError};
use aics_core::SourceFile;
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream, ReadHalf, WriteHalf};
use tower_lsp_server::Server;

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

async fn start(root: &Path, capabilities: Value) -> Client {
    let (client_side, server_side) = tokio::io::duplex(1 << 20);
    let (server_read, server_write) = tokio::io::split(server_side);
    let (service, socket) = aics_lsp::service(Arc::new(TestFiles));
    tokio::spawn(Server::new(aics_lsp::guard(server_read), server_write, socket).serve(service));
    let (r, w) = tokio::io::split(client_side);
    let mut c = Client { reader: BufReader::new(r), writer: w, next_id: 0, inbox: Vec::new() };
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

    // Malformed JSON-RPC: logged, and the server stays up.
    c.send_raw(b"{ this is not json").await;
    let log = c.next().await;
    assert_eq!(log["method"], "window/logMessage", "{log}");
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
    // and the findings are those of the final text.
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
            break m["params"]["diagnostics"].as_array().unwrap().clone();
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
    let (client_side, server_side) = tokio::io::duplex(1 << 20);
    let (server_read, server_write) = tokio::io::split(server_side);
    let (service, socket) = aics_lsp::service(Arc::new(SlowFiles));
    tokio::spawn(Server::new(aics_lsp::guard(server_read), server_write, socket).serve(service));
    let (r, w) = tokio::io::split(client_side);
    let mut c = Client { reader: BufReader::new(r), writer: w, next_id: 0, inbox: Vec::new() };
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
    let r = c.request("textDocument/diagnostic", json!({ "textDocument": { "uri": prov_uri } })).await;
    let items = r["result"]["items"].as_array().cloned().unwrap_or_default();
    assert!(!items.is_empty(), "{r}");
    assert!(items.iter().all(|d| !d["message"].as_str().unwrap_or_default().contains("iotcModelId")), "the edit after the reopen was lost: {r}");
}
