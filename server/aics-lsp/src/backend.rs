//! The `LanguageServer`: state, the analysis loop (latest version wins), publishing.

use std::collections::{HashMap, HashSet};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering as AtomicOrdering};
use std::sync::{Arc, Mutex, OnceLock};

use aics_core::c::facts::KeptTrees;
use aics_core::config::{Config, RuleLevel};
use aics_core::{analyze_cached, rules, Analysis, AnalysisCache, AnalysisOptions, Severity, SourceFile};
use serde_json::{json, Value};
use tokio::sync::Notify;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::notification::Notification;
use tower_lsp_server::ls_types::request::WorkDoneProgressCreate;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use crate::document::OpenDocument;
use crate::features;
use crate::files::WorkspaceFiles;
use crate::guard::Outlet;
use crate::position::{Encoding, LineMap};

pub const OPEN_TROUBLESHOOTING: &str = "aicsLint.openTroubleshooting";
const SOURCE: &str = "aics-lint";

/// One finished analysis and the texts it read, which positions are converted against.
pub struct Snapshot {
    pub analysis: Analysis,
    pub texts: Texts,
    pub base_url: String,
    /// It read the whole workspace (the scan had finished), not the open documents alone.
    pub complete: bool,
}

/// The texts an analysis read, by path: the sources it was handed, in path order (a map of
/// them all, built for every edit, copied each of the workspace's thousands of paths).
pub struct Texts(Vec<SourceFile>);

impl Texts {
    /// `sorted`: the caller knows `sources` to be in path order, each path once (comparing
    /// thousands of paths component by component to find out costs an edit a millisecond
    /// or two).
    pub fn new(mut sources: Vec<SourceFile>, sorted: bool) -> Texts {
        debug_assert!(!sorted || sources.is_sorted_by(|a, b| a.path < b.path), "sources said to be in path order are not");
        if !sorted {
            sources.sort_by(|a, b| a.path.cmp(&b.path));
            // Of two sources of one path the later counts, as in a map built of them all.
            sources.dedup_by(|later, kept| {
                let same = later.path == kept.path;
                if same {
                    std::mem::swap(later, kept);
                }
                same
            });
        }
        Texts(sources)
    }

    pub fn get(&self, path: &Path) -> Option<&aics_core::Text> {
        let i = self.0.binary_search_by(|s| s.path.as_path().cmp(path)).ok()?;
        Some(&self.0[i].text)
    }

    /// Every path and its text, in path order.
    pub fn iter(&self) -> impl Iterator<Item = (&Path, &aics_core::Text)> {
        self.0.iter().map(|s| (s.path.as_path(), &s.text))
    }
}

/// Settings the client sends (`workspace/configuration`, section `aicsLint`); they
/// override the config file.
#[derive(Default, Clone, Debug)]
struct ClientSettings {
    models: Vec<PathBuf>,
    rules: HashMap<String, RuleLevel>,
    base_url: Option<String>,
    model_id: Option<String>,
}

impl ClientSettings {
    fn from_json(v: &Value) -> ClientSettings {
        let mut s = ClientSettings::default();
        if let Some(models) = v.get("models").and_then(Value::as_array) {
            s.models = models.iter().filter_map(Value::as_str).map(PathBuf::from).collect();
        }
        if let Some(rules) = v.get("rules").and_then(Value::as_object) {
            for (code, level) in rules {
                if let Ok(l) = serde_json::from_value::<RuleLevel>(level.clone()) {
                    s.rules.insert(code.clone(), l);
                }
            }
        }
        s.base_url = v.get("baseUrl").and_then(Value::as_str).filter(|u| !u.is_empty()).map(str::to_string);
        s.model_id = v.get("modelId").and_then(Value::as_str).filter(|u| !u.is_empty()).map(str::to_string);
        s
    }
}

/// One publication, as last sent.
#[derive(Clone, PartialEq, Debug)]
struct Published {
    version: Option<i32>,
    /// Shared: every publication copies the map of them all.
    diagnostics: Arc<Vec<Diagnostic>>,
}

/// Rules whose findings stand on their file alone. All others read the whole program (the
/// files a device's entry point reaches, wherever they are) or models elsewhere: while the
/// workspace scan is still reading files they could be false, and published only to be
/// withdrawn a moment later (a missing payload that is in a file not read yet), so they
/// wait for the end of the scan.
const FILE_LOCAL_RULES: &[&str] = &["DTDL001", "DTDL002", "DTDL004"];

/// Files read (and their facts extracted) per step of the workspace scan: small enough that
/// a shutdown or a rescan is noticed at once, large enough to keep the overhead low.
const SCAN_CHUNK: usize = 64;

#[derive(Default)]
struct State {
    root: Option<PathBuf>,
    file_config: Config,
    config_error: Option<String>,
    settings: ClientSettings,
    encoding: Option<Encoding>,
    open: HashMap<PathBuf, (Uri, OpenDocument)>,
    /// The workspace's files as read from disk, in path order (the order an analysis
    /// takes them in: an edit's list is built without sorting or hashing every path).
    disk: std::collections::BTreeMap<PathBuf, SourceFile>,
    /// Bumped on every change; an analysis of an older generation is not published.
    generation: u64,
    /// What each file was last published with: a file gets a new publication only when
    /// this changes (an open document: also for each newly analysed version).
    published: HashMap<PathBuf, Published>,
    /// Each published file's findings as last converted (see [`Converted`]).
    converted: HashMap<PathBuf, Converted>,
    /// The run-level notes last logged.
    notes_logged: Vec<String>,
    /// Bumped when a workspace scan starts: an older scan stops at its next chunk.
    scan_epoch: u64,
    snapshot: Option<Arc<Snapshot>>,
    client_caps: ClientCapabilities,
    shut_down: bool,
    /// The workspace scan finished: every file is read, so whole-program findings are
    /// final (before it, only findings that stand on a file alone are published, and
    /// run-level notes would be premature).
    scanned: bool,
    /// The generation the last published analysis read.
    analyzed: u64,
    /// The client pulls diagnostics (and accepts refresh requests): do not push.
    pull: bool,
    /// `initialize` was handled.
    initialized: bool,
}

impl State {
    fn encoding(&self) -> Encoding {
        self.encoding.unwrap_or(Encoding::Utf16)
    }

    /// The effective config: the file's, with the client's settings on top.
    fn config(&self) -> Config {
        let mut c = self.file_config.clone();
        for (code, level) in &self.settings.rules {
            if let Some(rule) = rules::find(code) {
                c.rule_levels.insert(rule.code, *level);
            }
        }
        if self.settings.base_url.is_some() {
            c.base_url = self.settings.base_url.clone();
        }
        if self.settings.model_id.is_some() {
            c.model_id = self.settings.model_id.clone();
        }
        let root = self.root.clone().unwrap_or_default();
        c.model_folders.extend(self.settings.models.iter().map(|m| if m.is_absolute() { m.clone() } else { root.join(m) }));
        c
    }

    /// What the next analysis reads: disk files, with open buffers in their place.
    fn sources(&self) -> Vec<SourceFile> {
        // The disk files are in path order already; the open documents (a few) take their
        // places.
        let mut out: Vec<SourceFile> = self.disk.values().cloned().collect();
        for (p, (_, d)) in &self.open {
            let s = SourceFile::new(p.clone(), d.text());
            match out.binary_search_by(|x| x.path.as_path().cmp(p.as_path())) {
                Ok(i) => out[i] = s,
                Err(i) => out.insert(i, s),
            }
        }
        out
    }

    /// The open documents alone (what is analysed while the scan reads the workspace).
    fn open_sources(&self) -> Vec<SourceFile> {
        let mut out: Vec<SourceFile> = self.open.iter().map(|(p, (_, d))| SourceFile::new(p.clone(), d.text())).collect();
        out.sort_by(|a, b| a.path.cmp(&b.path));
        out
    }
}

/// The options of the next analysis, and the model folders that are not in the
/// repository layout (their JSON files are read with the sources).
fn analysis_options(st: &State) -> (AnalysisOptions, Vec<PathBuf>) {
    let config = st.config();
    let (repos, plain): (Vec<PathBuf>, Vec<PathBuf>) =
        config.model_folders.iter().cloned().partition(|f| aics_dtdl::repository_root(f).is_some());
    let options = AnalysisOptions {
        repository_roots: repos.iter().filter_map(|f| aics_dtdl::repository_root(f)).collect(),
        model_reader: Some(Arc::new(aics_dtdl::FsReader)),
        config,
    };
    (options, plain)
}

/// `sources` with the JSON files of the model folders that are not among them.
fn with_model_folders(files: &dyn WorkspaceFiles, mut sources: Vec<SourceFile>, folders: &[PathBuf]) -> Vec<SourceFile> {
    if folders.is_empty() {
        return sources;
    }
    let known: HashSet<PathBuf> = sources.iter().map(|s| s.path.as_ref().clone()).collect();
    for folder in folders {
        for s in files.scan(folder, &Config::default()) {
            if s.path.extension().is_some_and(|e| e == "json") && !known.contains(s.path.as_ref()) {
                sources.push(s);
            }
        }
    }
    sources
}

/// What one analysis read: the generation, whether the workspace was complete, and the
/// open documents' versions and URIs at that moment.
struct Inputs {
    generation: u64,
    complete: bool,
    versions: HashMap<PathBuf, i32>,
    uris: HashMap<PathBuf, Uri>,
}

/// One analysis to run, taken from the state under its lock.
struct Job {
    inputs: Inputs,
    work: Work,
}

/// What one analysis reads.
struct Work {
    sources: Vec<SourceFile>,
    options: AnalysisOptions,
    /// Model folders outside the repository layout, read with the sources.
    model_folders: Vec<PathBuf>,
    /// The open C documents, whose facts are extracted from their kept trees.
    reparse: Vec<(SourceFile, Arc<Mutex<KeptTrees>>)>,
    complete: bool,
}

impl Job {
    fn of(st: &State) -> Job {
        let complete = st.scanned;
        let (options, plain) = analysis_options(st);
        let inputs = Inputs {
            generation: st.generation,
            complete,
            versions: st.open.iter().map(|(p, (_, d))| (p.clone(), d.version)).collect(),
            uris: st.open.iter().map(|(p, (u, _))| (p.clone(), u.clone())).collect(),
        };
        // Until the scan has read the workspace, the open documents alone: only their
        // file-local findings are published then, and analysing them never waits behind
        // the scan.
        let sources = if complete { st.sources() } else { st.open_sources() };
        let reparse = st
            .open
            .iter()
            .filter(|(p, _)| aics_core::file_kind(p) == Some(aics_core::FileKind::C))
            .map(|(p, (_, d))| (SourceFile { path: Arc::new(p.clone()), text: d.text().into() }, d.trees.clone()))
            .collect();
        let model_folders = if complete { plain } else { Vec::new() };
        Job { inputs, work: Work { sources, options, model_folders, reparse, complete } }
    }

    fn split(self) -> (Inputs, Work) {
        (self.inputs, self.work)
    }
}

impl Work {
    /// Run the analysis on the calling thread; `None` when it panicked.
    fn run(self, files: &dyn WorkspaceFiles, cache: &AnalysisCache) -> Option<Snapshot> {
        let Work { sources, options, model_folders, reparse, complete } = self;
        std::panic::catch_unwind(AssertUnwindSafe(|| {
            let sources = with_model_folders(files, sources, &model_folders);
            let started = std::time::Instant::now();
            // Edits are expected in the open documents: their programs' indices are kept.
            cache.set_focus(reparse.iter().map(|(s, _)| s.path.as_ref().clone()).collect());
            for (s, trees) in &reparse {
                cache.prepare_c_shared(s, || {
                    let mut kept = trees.lock().unwrap_or_else(|e| e.into_inner());
                    aics_core::c::extract_file_shared(&s.path, &s.text, &mut kept)
                });
            }
            let trace = std::env::var_os("AICS_LINT_LSP_TRACE").is_some();
            let work_before = trace.then(|| cache.work());
            let analysed_at = std::time::Instant::now();
            let analysis = analyze_cached(&sources, &options, cache);
            let analysed_us = analysed_at.elapsed().as_micros();
            let texts_at = std::time::Instant::now();
            let sources_n = sources.len();
            let base_url = options.base_url().to_string();
            // `State::sources` and `State::open_sources` are in path order; model folders add
            // files at the end.
            let texts = Texts::new(sources, model_folders.is_empty());
            if let Some(before) = work_before {
                let w = cache.work() - before;
                let stages: Vec<String> = aics_core::analysis::STAGES.iter().zip(w.stage_us).map(|(n, us)| format!("{n} {:.1}", us as f64 / 1000.0)).collect();
                eprintln!(
                    "aics-lint: analysed {} files (complete: {complete}) in {} ms (analysis {:.1} ms: {}; programs checked {}, symbol files {}, facts {}, resolver answers computed {}; texts {:.1} ms)",
                    sources_n,
                    started.elapsed().as_millis(),
                    analysed_us as f64 / 1000.0,
                    stages.join(", "),
                    w.programs_checked,
                    w.symbol_files_indexed,
                    w.facts_extracted,
                    w.answers_computed,
                    texts_at.elapsed().as_micros() as f64 / 1000.0
                );
            }
            Snapshot { analysis, texts, base_url, complete }
        }))
        .ok()
    }
}

/// An edit is analysed where it was read only when the analysis before it took at most
/// this long (µs): meanwhile no message is read.
const INLINE_BUDGET_US: u64 = 10_000;

const ANALYSIS_FAILED: &str =
    "aics-lint: the analysis failed on this workspace (a bug: please report it with the file that triggers it); the server keeps running";

#[derive(Clone)]
pub struct Backend {
    client: Client,
    files: Arc<dyn WorkspaceFiles>,
    state: Arc<Mutex<State>>,
    cache: Arc<AnalysisCache>,
    /// The cache of the analyses of the open documents alone (during the first scan): kept
    /// apart, so they never replace the whole workspace's split and program findings.
    open_cache: Arc<AnalysisCache>,
    wake: Arc<Notify>,
    /// Held by whoever runs an analysis and publishes it: the analysis loop, or the input
    /// side for an edit it took (which only tries).
    analysing: Arc<tokio::sync::Mutex<()>>,
    /// Where publications are written (the guard's outlet).
    outlet: Arc<OnceLock<Outlet>>,
    /// State notifications passed to the message loop and not applied yet.
    backlog: Arc<AtomicU64>,
    /// The input side applied an edit that is not analysed yet.
    inline_pending: Arc<AtomicBool>,
    /// How long the last analysis of the open documents alone (0) and of the whole
    /// workspace (1) took, µs; `u64::MAX` until one ran (then an edit is analysed in the
    /// analysis loop, never inline on a guess).
    last_cost_us: Arc<[AtomicU64; 2]>,
}

/// Held by the handler of a state notification: when it ends (whichever way), the input
/// side may take edits itself again (see [`Backend::state_message_passed`]).
struct Applied<'a>(&'a Backend);

impl Drop for Applied<'_> {
    fn drop(&mut self) {
        let _ = self.0.backlog.fetch_update(AtomicOrdering::SeqCst, AtomicOrdering::SeqCst, |n| Some(n.saturating_sub(1)));
    }
}

fn lock(m: &Mutex<State>) -> std::sync::MutexGuard<'_, State> {
    // A panic elsewhere must not take the server down with a poisoned lock.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Backend {
    pub fn new(client: Client, files: Arc<dyn WorkspaceFiles>) -> Backend {
        let backend = Backend {
            client,
            files,
            state: Arc::new(Mutex::new(State::default())),
            cache: Arc::new(AnalysisCache::default()),
            open_cache: Arc::new(AnalysisCache::default()),
            wake: Arc::new(Notify::new()),
            analysing: Arc::new(tokio::sync::Mutex::new(())),
            outlet: Arc::new(OnceLock::new()),
            backlog: Arc::new(AtomicU64::new(0)),
            inline_pending: Arc::new(AtomicBool::new(false)),
            last_cost_us: Arc::new([AtomicU64::new(u64::MAX), AtomicU64::new(u64::MAX)]),
        };
        backend.spawn_analysis_loop();
        backend
    }

    /// Something changed: bump the generation, stop the running analysis (its input is
    /// out of date: it returns at its next program, keeping the programs it finished for
    /// the next one) and wake the analysis loop.
    fn changed(&self) {
        let scanned = {
            let mut st = lock(&self.state);
            st.generation += 1;
            st.scanned
        };
        // The scan's own first analysis of the workspace runs on `cache` before `scanned`
        // is set and is never stopped: the loop analyses the open documents alone meanwhile.
        if scanned {
            self.cache.cancel();
        } else {
            self.open_cache.cancel();
        }
        self.wake.notify_one();
    }

    /// One loop for the server's life: analyse the newest state; if it changed meanwhile,
    /// drop the result and analyse again; publish only what matches the newest state.
    fn spawn_analysis_loop(&self) {
        let this = self.clone();
        tokio::spawn(async move {
            loop {
                this.wake.notified().await;
                loop {
                    // One analysis at a time: this loop's or one of an edit taken inline.
                    let _turn = this.analysing.clone().lock_owned().await;
                    let job = {
                        let st = lock(&this.state);
                        if st.shut_down {
                            return;
                        }
                        if st.analyzed >= st.generation {
                            break; // analysed already (an edit taken inline)
                        }
                        Job::of(&st)
                    };
                    let generation = job.inputs.generation;
                    let (files, cache) = (this.files.clone(), this.cache_for(job.inputs.complete));
                    let (inputs, job) = job.split();
                    let started = std::time::Instant::now();
                    let result = tokio::task::spawn_blocking(move || job.run(files.as_ref(), &cache)).await;
                    this.note_cost(inputs.complete, started);
                    let snapshot = match result {
                        // Stopped for a newer input: analyse that one.
                        Ok(Some(s)) if s.analysis.cancelled => continue,
                        Ok(Some(s)) => Arc::new(s),
                        _ => {
                            this.client
                                .log_message(MessageType::ERROR, ANALYSIS_FAILED)
                                .await;
                            break;
                        }
                    };
                    if lock(&this.state).generation != generation {
                        continue; // superseded while it ran: analyse the newest text instead
                    }
                    let after = publish_now(this.outlet.get(), &this.state, snapshot, inputs);
                    after.send(&this.client).await;
                    break;
                }
            }
        });
    }

    fn cache_for(&self, complete: bool) -> Arc<AnalysisCache> {
        if complete {
            self.cache.clone()
        } else {
            self.open_cache.clone()
        }
    }

    fn note_cost(&self, complete: bool, started: std::time::Instant) {
        let us = started.elapsed().as_micros().min(u64::MAX as u128 - 1) as u64;
        self.last_cost_us[usize::from(complete)].store(us, AtomicOrdering::Relaxed);
    }

    /// Where publications are written (set once by `serve`).
    pub(crate) fn set_outlet(&self, outlet: Outlet) {
        let _ = self.outlet.set(outlet);
    }

    /// The input side passed a notification that changes the state to the message loop
    /// (after `initialize`: tower-lsp-server hands every one to its handler then): edits
    /// are not taken inline until that handler has applied it.
    pub(crate) fn state_message_passed(&self) {
        self.backlog.fetch_add(1, AtomicOrdering::SeqCst);
    }


    /// An edit, as the input side read it (a whole `textDocument/didChange` message): apply
    /// it here when nothing the message loop has not applied yet could come before it, for
    /// a client that takes pushed diagnostics. `false`: pass it to the message loop.
    /// Its analysis follows at [`Backend::settle_inline`].
    pub(crate) fn change_inline(&self, body: &[u8]) -> bool {
        #[derive(serde::Deserialize)]
        struct Message {
            params: DidChangeTextDocumentParams,
        }
        if self.backlog.load(AtomicOrdering::SeqCst) != 0 {
            return false;
        }
        {
            let st = lock(&self.state);
            if !st.initialized || st.shut_down || st.pull {
                return false;
            }
        }
        let Ok(Message { params }) = serde_json::from_slice::<Message>(body) else { return false };
        if !self.apply_change(params) {
            // Not an open document: the message loop says what it says about it.
            return false;
        }
        self.inline_pending.store(true, AtomicOrdering::SeqCst);
        true
    }

    /// Apply an edit to its open document and bump the generation; `false` when the
    /// document is not open (or the URI no path).
    fn apply_change(&self, params: DidChangeTextDocumentParams) -> bool {
        let Some(path) = params.text_document.uri.to_file_path().map(|p| p.into_owned()) else { return false };
        let mut st = lock(&self.state);
        let enc = st.encoding();
        match st.open.get_mut(&path) {
            Some((_, d)) => d.apply(params.content_changes, params.text_document.version, enc),
            None => return false,
        }
        st.generation += 1;
        true
    }

    /// The input side has nothing more to read at once: analyse the edits it applied, right
    /// here when the last analysis was quick and no other one is running (the document's
    /// publication is written by this thread: no hand-off), else in the analysis loop.
    pub(crate) fn settle_inline(&self, rt: &tokio::runtime::Handle) {
        if !self.inline_pending.swap(false, AtomicOrdering::SeqCst) {
            return;
        }
        let complete = lock(&self.state).scanned;
        let quick = self.last_cost_us[usize::from(complete)].load(AtomicOrdering::Relaxed) <= INLINE_BUDGET_US;
        let turn = if quick { self.analysing.clone().try_lock_owned().ok() } else { None };
        let (Some(_turn), Some(outlet)) = (turn, self.outlet.get()) else {
            self.changed();
            return;
        };
        let job = {
            let st = lock(&self.state);
            if st.shut_down || st.analyzed >= st.generation {
                return;
            }
            // The scan ended meanwhile: the whole workspace's cost is another matter.
            (st.scanned == complete).then(|| Job::of(&st))
        };
        let Some(job) = job else {
            self.changed();
            return;
        };
        let cache = self.cache_for(job.inputs.complete);
        let (inputs, job) = job.split();
        let started = std::time::Instant::now();
        let snapshot = job.run(self.files.as_ref(), &cache);
        self.note_cost(inputs.complete, started);
        match snapshot {
            // Stopped by a change the message loop applied, or superseded by one while it
            // ran: the loop (woken by that change) analyses the newest state.
            Some(s) if s.analysis.cancelled => {}
            Some(_) if lock(&self.state).generation != inputs.generation => {}
            Some(s) => {
                let after = publish_now(Some(outlet), &self.state, Arc::new(s), inputs);
                if !after.is_empty() {
                    let client = self.client.clone();
                    rt.spawn(async move { after.send(&client).await });
                }
            }
            None => {
                let client = self.client.clone();
                rt.spawn(async move { client.log_message(MessageType::ERROR, ANALYSIS_FAILED).await });
            }
        }
    }

    async fn load_config(&self) {
        let root = lock(&self.state).root.clone();
        let Some(root) = root else { return };
        let files = self.files.clone();
        let found = tokio::task::spawn_blocking(move || files.config(&root)).await.ok().flatten();
        let mut st = lock(&self.state);
        match found {
            Some(Ok(c)) => {
                st.file_config = c;
                st.config_error = None;
            }
            Some(Err(e)) => {
                st.file_config = Config::default();
                st.config_error = Some(e.to_string());
            }
            None => {
                st.file_config = Config::default();
                st.config_error = None;
            }
        }
    }

    async fn pull_settings(&self) {
        let supported = lock(&self.state).client_caps.workspace.as_ref().and_then(|w| w.configuration).unwrap_or(false);
        if !supported {
            return;
        }
        let item = ConfigurationItem { scope_uri: None, section: Some("aicsLint".into()) };
        if let Ok(values) = self.client.configuration(vec![item]).await {
            if let Some(v) = values.first() {
                lock(&self.state).settings = ClientSettings::from_json(v);
            }
        }
    }

    /// Scan the workspace in the background, with work-done progress when the client
    /// shows it: list the files, then read them and extract their facts in chunks on one
    /// blocking thread (the open documents' analysis keeps the other core), stopping at
    /// the next chunk when the server shuts down or a newer scan starts. The progress ends
    /// when the analysis of the whole workspace is published, with its counts.
    async fn scan_workspace(&self) {
        let (root, config, progress_ok, epoch) = {
            let mut st = lock(&self.state);
            let progress_ok = st.client_caps.window.as_ref().and_then(|w| w.work_done_progress).unwrap_or(false);
            st.scan_epoch += 1;
            (st.root.clone(), st.config(), progress_ok, st.scan_epoch)
        };
        let Some(root) = root else {
            lock(&self.state).scanned = true;
            self.changed();
            return;
        };
        let cancelled = || {
            let st = lock(&self.state);
            st.shut_down || st.scan_epoch != epoch
        };
        if cancelled() {
            return;
        }
        let token = ProgressToken::String(format!("aics-lint/scan/{epoch}"));
        let mut progress = None;
        if progress_ok
            && self
                .client
                .send_request::<WorkDoneProgressCreate>(WorkDoneProgressCreateParams { token: token.clone() })
                .await
                .is_ok()
        {
            progress = Some(self.client.progress(token, "aics-lint").with_message("Listing the workspace").with_percentage(0).begin().await);
        }
        let files = self.files.clone();
        let paths = tokio::task::spawn_blocking(move || files.list(&root, &config)).await.unwrap_or_default();
        let total = paths.len();
        let mut read: Vec<SourceFile> = Vec::with_capacity(total);
        let mut last_percent = 0;
        for chunk in paths.chunks(SCAN_CHUNK) {
            if cancelled() {
                if let Some(p) = progress {
                    p.finish_with_message("stopped").await;
                }
                return;
            }
            let (files, cache, chunk) = (self.files.clone(), self.cache.clone(), chunk.to_vec());
            let got = tokio::task::spawn_blocking(move || {
                std::panic::catch_unwind(AssertUnwindSafe(|| {
                    chunk
                        .iter()
                        .filter_map(|p| {
                            let s = files.read(p)?;
                            cache.prepare(&s);
                            Some(s)
                        })
                        .collect::<Vec<_>>()
                }))
                .unwrap_or_default()
            })
            .await
            .unwrap_or_default();
            read.extend(got);
            let done = (read.len() * 100 / total.max(1)) as u32;
            if let Some(p) = &progress {
                if done != last_percent {
                    last_percent = done;
                    p.report_with_message(format!("Reading {} of {total} files", read.len()), done.min(99)).await;
                }
            }
        }
        let n = read.len();
        if let Some(p) = &progress {
            p.report_with_message(format!("Analysing {n} files"), 99).await;
        }
        // The first analysis of the whole workspace fills the caches (every program
        // checked once). It runs here, on one thread of its own, while the open documents
        // are still analysed alone on the others, so an edit never waits for it; the
        // analysis loop's next run then re-checks only what changed meanwhile.
        if !lock(&self.state).scanned {
            let (options, mut sources) = {
                let st = lock(&self.state);
                let mut sources: Vec<SourceFile> = read.iter().filter(|s| !st.open.contains_key(s.path.as_ref())).cloned().collect();
                sources.extend(st.open_sources());
                // The open documents' programs keep their indices (see `AnalysisCache::set_focus`).
                self.cache.set_focus(st.open.keys().filter(|p| aics_core::file_kind(p) == Some(aics_core::FileKind::C)).cloned().collect());
                (analysis_options(&st), sources)
            };
            sources.sort_by(|a, b| a.path.cmp(&b.path));
            let (cache, files) = (self.cache.clone(), self.files.clone());
            let _ = tokio::task::spawn_blocking(move || {
                let sources = with_model_folders(files.as_ref(), sources, &options.1);
                let pool = rayon::ThreadPoolBuilder::new().num_threads(1).thread_name(|_| "aics-lint-scan".into()).build();
                let run = || std::panic::catch_unwind(AssertUnwindSafe(|| drop(analyze_cached(&sources, &options.0, &cache))));
                let _ = match pool {
                    Ok(pool) => pool.install(run),
                    Err(_) => run(),
                };
                drop(sources);
                release_free_memory();
            })
            .await;
        }
        let generation = {
            let mut st = lock(&self.state);
            if st.shut_down || st.scan_epoch != epoch {
                return;
            }
            st.disk = read.into_iter().map(|s| (s.path.as_ref().clone(), s)).collect();
            st.scanned = true;
            let keep: HashSet<PathBuf> = st.disk.keys().chain(st.open.keys()).cloned().collect();
            self.cache.retain(|p| keep.contains(p));
            st.generation += 1;
            st.generation
        };
        self.wake.notify_one();
        // The work ends when an analysis of the whole workspace (this one or a newer
        // one) is published.
        let counts = loop {
            {
                let st = lock(&self.state);
                if st.shut_down || st.scan_epoch != epoch {
                    break None;
                }
                if st.analyzed >= generation {
                    break st.snapshot.clone();
                }
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        };
        if let Some(p) = progress {
            let message = match counts {
                Some(snap) => {
                    let a = &snap.analysis;
                    let findings = a.diagnostics.iter().filter(|d| !d.suppressed).count();
                    let files_with = a.diagnostics.iter().filter(|d| !d.suppressed).map(|d| &d.span.path).collect::<HashSet<_>>().len();
                    format!("{n} files ({} C, {} models), {} programs: {findings} findings in {files_with} files", a.c_files, a.model_files, a.programs)
                }
                None => "stopped".to_string(),
            };
            p.finish_with_message(message).await;
        }
    }

    fn snapshot(&self) -> Option<Arc<Snapshot>> {
        lock(&self.state).snapshot.clone()
    }

    /// The current text of a document (open buffer, else disk) and its path.
    fn text_of(&self, uri: &Uri) -> Option<(PathBuf, String)> {
        let path = uri.to_file_path()?.into_owned();
        let st = lock(&self.state);
        if let Some((_, d)) = st.open.get(&path) {
            return Some((path, d.text().to_string()));
        }
        st.disk.get(&path).map(|s| (path.clone(), s.text.to_string()))
    }
}

/// Convert one core diagnostic for a document whose text is `map`.
pub fn to_lsp(
    d: &aics_core::Diagnostic,
    map: &LineMap,
    enc: Encoding,
    related_text: &dyn Fn(&Path) -> Option<Arc<str>>,
    uri_of: &dyn Fn(&Path) -> Option<Uri>,
) -> Diagnostic {
    let severity = match d.severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Information => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    };
    let related: Vec<DiagnosticRelatedInformation> = d
        .related
        .iter()
        .filter_map(|r| {
            let text = related_text(&r.span.path)?;
            let uri = uri_of(&r.span.path)?;
            let range = LineMap::new(&text).range(&r.span.bytes, enc);
            Some(DiagnosticRelatedInformation { location: Location { uri, range }, message: r.message.clone() })
        })
        .collect();
    Diagnostic {
        range: map.range(&d.span.bytes, enc),
        severity: Some(severity),
        code: Some(NumberOrString::String(d.code.to_string())),
        code_description: Uri::from_str(&d.url).ok().map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_string()),
        message: d.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: Some(json!({ "url": d.url })),
    }
}

/// The LSP diagnostics of every file in a snapshot, by path (suppressed ones left out; of
/// a snapshot of the open documents alone, only the file-local ones).
pub fn diagnostics_by_path(snap: &Snapshot, enc: Encoding, uri_of: &dyn Fn(&Path) -> Option<Uri>) -> HashMap<PathBuf, Vec<Diagnostic>> {
    diagnostics_by_path_with(snap, enc, uri_of, None)
}

/// What one file's findings were converted to, with everything the conversion read: an
/// analysis after an edit converts again only the files whose findings or texts changed
/// (every file with findings, each a pass over its text for its line starts, was a tenth of
/// an edit's time on the four SDK checkouts).
struct Converted {
    core: Vec<aics_core::Diagnostic>,
    /// The file's text and each related place's (in order), as the conversion read them.
    texts: Vec<Option<Arc<str>>>,
    /// Each related place's URI.
    uris: Vec<Option<Uri>>,
    enc: Encoding,
    lsp: Vec<Diagnostic>,
}

impl Converted {
    fn reads_as(&self, core: &[&aics_core::Diagnostic], texts: &[Option<Arc<str>>], uris: &[Option<Uri>], enc: Encoding) -> bool {
        let same_text = |a: &Option<Arc<str>>, b: &Option<Arc<str>>| match (a, b) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            _ => false,
        };
        self.enc == enc
            && self.core.len() == core.len()
            && self.core.iter().zip(core).all(|(a, b)| a == *b)
            && self.texts.len() == texts.len()
            && self.texts.iter().zip(texts).all(|(a, b)| same_text(a, b))
            && self.uris == uris
    }
}

/// [`diagnostics_by_path`], reusing (and keeping in `memo`) the conversion of each file
/// whose findings and texts are as they were.
fn diagnostics_by_path_with(
    snap: &Snapshot,
    enc: Encoding,
    uri_of: &dyn Fn(&Path) -> Option<Uri>,
    mut memo: Option<&mut HashMap<PathBuf, Converted>>,
) -> HashMap<PathBuf, Vec<Diagnostic>> {
    let mut by_path: HashMap<PathBuf, Vec<&aics_core::Diagnostic>> = HashMap::new();
    let shown = |d: &&aics_core::Diagnostic| !d.suppressed && (snap.complete || FILE_LOCAL_RULES.contains(&d.code));
    for d in snap.analysis.diagnostics.iter().filter(shown) {
        by_path.entry(d.span.path.as_ref().clone()).or_default().push(d);
    }
    let related_text = |p: &Path| -> Option<Arc<str>> {
        snap.texts.get(p).map(aics_core::Text::to_arc).or_else(|| std::fs::read(p).ok().map(|b| String::from_utf8_lossy(&b).into()))
    };
    let mut out = HashMap::new();
    if let Some(memo) = memo.as_deref_mut() {
        memo.retain(|p, _| by_path.contains_key(p));
    }
    for (path, diags) in by_path {
        let Some(text) = related_text(&path) else { continue };
        let Some(memo) = memo.as_deref_mut() else {
            let map = LineMap::new(&text);
            out.insert(path, diags.iter().map(|d| to_lsp(d, &map, enc, &related_text, uri_of)).collect());
            continue;
        };
        let related: Vec<&Path> = diags.iter().flat_map(|d| d.related.iter().map(|r| r.span.path.as_path())).collect();
        let mut texts = vec![Some(text.clone())];
        texts.extend(related.iter().map(|p| related_text(p)));
        let uris: Vec<Option<Uri>> = related.iter().map(|p| uri_of(p)).collect();
        if let Some(c) = memo.get(&path).filter(|c| c.reads_as(&diags, &texts, &uris, enc)) {
            out.insert(path, c.lsp.clone());
            continue;
        }
        // Related places read as the texts recorded (a file not in the snapshot read once).
        let read: HashMap<&Path, Option<Arc<str>>> = related.iter().copied().zip(texts[1..].iter().cloned()).collect();
        let related_read = |p: &Path| read.get(p).cloned().flatten();
        let map = LineMap::new(&text);
        let lsp: Vec<Diagnostic> = diags.iter().map(|d| to_lsp(d, &map, enc, &related_read, uri_of)).collect();
        let core = diags.iter().map(|d| (*d).clone()).collect();
        memo.insert(path.clone(), Converted { core, texts, uris, enc, lsp: lsp.clone() });
        out.insert(path, lsp);
    }
    out
}

/// What is left to do after the publications of an analysis were written: what only the
/// client handle can send (asynchronously).
#[derive(Default)]
struct AfterPublish {
    /// Publications with nowhere to write them directly (no outlet).
    unsent: Vec<PublishDiagnosticsParams>,
    refresh: bool,
    lens_refresh: bool,
    notes: Vec<String>,
}

impl AfterPublish {
    fn is_empty(&self) -> bool {
        self.unsent.is_empty() && !self.refresh && !self.lens_refresh && self.notes.is_empty()
    }

    async fn send(self, client: &Client) {
        for p in self.unsent {
            client.publish_diagnostics(p.uri, p.diagnostics, p.version).await;
        }
        // Clients that pull diagnostics learn that there are new ones.
        if self.refresh {
            let _ = client.workspace_diagnostic_refresh().await;
        }
        if self.lens_refresh {
            // Not awaited: a client that is slow to answer must not hold the next publication.
            let client = client.clone();
            tokio::spawn(async move {
                let _ = client.code_lens_refresh().await;
            });
        }
        for note in self.notes {
            client.log_message(MessageType::INFO, format!("aics-lint: {note}")).await;
        }
    }
}

/// One `textDocument/publishDiagnostics` notification, framed.
fn publication_frame(params: &PublishDiagnosticsParams) -> Vec<u8> {
    #[derive(serde::Serialize)]
    struct Note<'a> {
        jsonrpc: &'static str,
        method: &'static str,
        params: &'a PublishDiagnosticsParams,
    }
    let body = serde_json::to_vec(&Note { jsonrpc: "2.0", method: notification::PublishDiagnostics::METHOD, params }).unwrap_or_default();
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(&body);
    out
}

/// Make `snap` the current analysis and write the publications it calls for to `outlet`
/// (on the calling thread, in order); the analysis counts as published once they are
/// written. Returns what only the client handle can send.
fn publish_now(outlet: Option<&Outlet>, state: &Mutex<State>, snap: Arc<Snapshot>, inputs: Inputs) -> AfterPublish {
    let publish_started = std::time::Instant::now();
    let Inputs { generation, complete, versions, uris } = inputs;
    let (enc, previously, refresh, push, lens_refresh, replaced, mut converted) = {
        let mut st = lock(state);
        // Coverage lenses follow the analysis: clients that accept it are asked to re-request
        // them when the counts changed.
        let coverage_changed = st.snapshot.as_ref().is_none_or(|s| s.analysis.coverage != snap.analysis.coverage);
        let lens_refresh = coverage_changed
            && st.client_caps.workspace.as_ref().and_then(|w| w.code_lens.as_ref()).and_then(|c| c.refresh_support).unwrap_or(false);
        // The analysis it replaces is freed after the publications are out.
        let replaced = st.snapshot.replace(snap.clone());
        let refresh = st.client_caps.workspace.as_ref().and_then(|w| w.diagnostics.as_ref()).and_then(|d| d.refresh_support).unwrap_or(false);
        // Publications are written one analysis at a time: the conversions are taken out
        // and put back when done.
        let converted = std::mem::take(&mut st.converted);
        (st.encoding(), st.published.clone(), refresh && st.pull, !st.pull, lens_refresh, replaced, converted)
    };
    let uri_of = |p: &Path| uris.get(p).cloned().or_else(|| Uri::from_file_path(p));
    let mut by_path = diagnostics_by_path_with(&snap, enc, &uri_of, Some(&mut converted));
    // Open documents: one publication per analysed version, an empty list when clean.
    // Other files (only once the workspace is complete): when their findings change.
    let mut paths: Vec<PathBuf> = versions.keys().cloned().collect();
    if complete {
        paths.extend(by_path.keys().filter(|p| !versions.contains_key(*p)).cloned());
        paths.extend(previously.keys().filter(|p| !versions.contains_key(*p) && !by_path.contains_key(*p)).cloned());
    }
    paths.sort();
    paths.dedup();
    let mut after = AfterPublish { refresh, lens_refresh, ..AfterPublish::default() };
    let mut sent = Vec::new();
    for path in paths {
        let diagnostics = by_path.remove(&path).unwrap_or_default();
        let version = versions.get(&path).copied();
        let changed = match previously.get(&path) {
            Some(b) => *b.diagnostics != diagnostics || (version.is_some() && b.version != version),
            None => version.is_some() || !diagnostics.is_empty(),
        };
        if !changed {
            continue;
        }
        if push {
            if let Some(uri) = uri_of(&path) {
                let params = PublishDiagnosticsParams { uri, diagnostics: diagnostics.clone(), version };
                match outlet {
                    Some(o) => o.send(publication_frame(&params)),
                    None => after.unsent.push(params),
                }
            }
        }
        sent.push((path, Published { version, diagnostics: Arc::new(diagnostics) }));
    }
    let mut st = lock(state);
    st.published.extend(sent);
    st.converted = converted;
    // Run-level notes ("no models found") only mean something once the workspace is read.
    // Each note once, not after every edit.
    if complete {
        after.notes = snap.analysis.notes.iter().filter(|n| !st.notes_logged.contains(*n)).cloned().collect();
        st.notes_logged = snap.analysis.notes.clone();
    }
    st.analyzed = st.analyzed.max(generation);
    drop(st);
    drop(replaced);
    if std::env::var_os("AICS_LINT_LSP_TRACE").is_some() {
        eprintln!("aics-lint: published in {:.1} ms", publish_started.elapsed().as_micros() as f64 / 1000.0);
    }
    after
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let offered = params.capabilities.general.as_ref().and_then(|g| g.position_encodings.clone());
        let enc = Encoding::negotiate(offered.as_deref());
        let root = params
            .workspace_folders
            .as_ref()
            .and_then(|f| f.first())
            .and_then(|f| f.uri.to_file_path().map(|p| p.into_owned()));
        #[allow(deprecated)]
        let root = root.or_else(|| params.root_uri.as_ref().and_then(|u| u.to_file_path().map(|p| p.into_owned())));
        // Pull diagnostics only for a client that asks for them and can be told to pull
        // again when another file's edit changes this one's findings (refresh). Everyone
        // else gets push alone: both at once shows every finding twice (VS Code, Neovim).
        let pull = params.capabilities.text_document.as_ref().is_some_and(|t| t.diagnostic.is_some())
            && params
                .capabilities
                .workspace
                .as_ref()
                .and_then(|w| w.diagnostics.as_ref())
                .and_then(|d| d.refresh_support)
                .unwrap_or(false);
        {
            let mut st = lock(&self.state);
            st.pull = pull;
            st.encoding = Some(enc);
            st.root = root;
            st.client_caps = params.capabilities.clone();
            st.initialized = true;
        }
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(enc.kind()),
                text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                    ..Default::default()
                })),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                code_lens_provider: Some(CodeLensOptions { resolve_provider: Some(false) }),
                definition_provider: Some(OneOf::Left(true)),
                references_provider: Some(OneOf::Left(true)),
                document_link_provider: Some(DocumentLinkOptions { resolve_provider: Some(false), work_done_progress_options: Default::default() }),
                document_symbol_provider: Some(OneOf::Left(true)),
                code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                    code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                    ..Default::default()
                })),
                execute_command_provider: Some(ExecuteCommandOptions {
                    commands: vec![OPEN_TROUBLESHOOTING.to_string()],
                    ..Default::default()
                }),
                diagnostic_provider: pull.then_some(DiagnosticServerCapabilities::Options(DiagnosticOptions {
                    identifier: Some(SOURCE.into()),
                    inter_file_dependencies: true,
                    workspace_diagnostics: true,
                    work_done_progress_options: Default::default(),
                })),
                ..Default::default()
            },
            server_info: Some(ServerInfo { name: SOURCE.into(), version: Some(env!("CARGO_PKG_VERSION").into()) }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        // Start-up asks the client things (configuration, registration, progress). Run it
        // beside the message loop: an `exit` that arrives meanwhile must end the server at
        // once, not wait for answers that will never come.
        let this = self.clone();
        tokio::spawn(async move { this.startup().await });
    }

    async fn shutdown(&self) -> Result<()> {
        lock(&self.state).shut_down = true;
        self.wake.notify_one();
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let _applied = Applied(self);
        let doc = params.text_document;
        let Some(path) = doc.uri.to_file_path().map(|p| p.into_owned()) else { return };
        {
            let mut st = lock(&self.state);
            // A (re)opened document gets its publication even when it reads as before: the
            // editor may have dropped what it showed when the document was closed.
            st.published.remove(&path);
            st.open.insert(path, (doc.uri.clone(), OpenDocument::new(&doc.text, doc.version)));
        }
        self.changed();
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        // An edit to a document that was never opened: nothing to apply it to.
        let _applied = Applied(self);
        if self.apply_change(params) {
            self.changed();
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let _applied = Applied(self);
        let Some(path) = params.text_document.uri.to_file_path().map(|p| p.into_owned()) else { return };
        // Close before the await: notifications run concurrently, and a didOpen of the same
        // file right after this didClose (an editor reverting a file) must not be undone
        // when the disk read below finishes (the soak test in tests/soak found it).
        lock(&self.state).open.remove(&path);
        let files = self.files.clone();
        let p2 = path.clone();
        let on_disk = tokio::task::spawn_blocking(move || files.read(&p2)).await.ok().flatten();
        {
            let mut st = lock(&self.state);
            match on_disk {
                Some(s) => {
                    st.disk.insert(path, s);
                }
                None => {
                    st.disk.remove(&path);
                }
            }
        }
        self.changed();
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let _applied = Applied(self);
        let mut reload_config = false;
        for change in params.changes {
            let Some(path) = change.uri.to_file_path().map(|p| p.into_owned()) else { continue };
            if path.file_name().is_some_and(|n| n == "aics-lint.toml" || n == ".aics-lint.toml") {
                reload_config = true;
                continue;
            }
            if aics_core::file_kind(&path).is_none() {
                continue;
            }
            let read = if change.typ == FileChangeType::DELETED {
                None
            } else {
                let files = self.files.clone();
                let p2 = path.clone();
                tokio::task::spawn_blocking(move || files.read(&p2)).await.ok().flatten()
            };
            let mut st = lock(&self.state);
            match read {
                Some(s) => {
                    st.disk.insert(path, s);
                }
                None => {
                    st.disk.remove(&path);
                }
            }
        }
        if reload_config {
            // Rescan beside the message loop (the previous workspace serves meanwhile).
            let this = self.clone();
            tokio::spawn(async move {
                this.load_config().await;
                this.scan_workspace().await;
            });
        } else {
            self.changed();
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let _applied = Applied(self);
        // Clients send the settings themselves or just a nudge to pull them.
        match params.settings.get("aicsLint") {
            Some(v) => lock(&self.state).settings = ClientSettings::from_json(v),
            None => self.pull_settings().await,
        }
        self.changed();
    }

    async fn diagnostic(&self, params: DocumentDiagnosticParams) -> Result<DocumentDiagnosticReportResult> {
        self.wait_for_current_analysis().await;
        let items = self.diagnostics_for(&params.text_document.uri);
        Ok(DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: FullDocumentDiagnosticReport { result_id: None, items },
        })))
    }

    async fn workspace_diagnostic(&self, _: WorkspaceDiagnosticParams) -> Result<WorkspaceDiagnosticReportResult> {
        self.wait_for_current_analysis().await;
        let (snap, enc, uris, versions) = {
            let st = lock(&self.state);
            let uris: HashMap<PathBuf, Uri> = st.open.iter().map(|(p, (u, _))| (p.clone(), u.clone())).collect();
            let versions: HashMap<PathBuf, i32> = st.open.iter().map(|(p, (_, d))| (p.clone(), d.version)).collect();
            (st.snapshot.clone(), st.encoding(), uris, versions)
        };
        let mut items = Vec::new();
        if let Some(snap) = snap {
            let uri_of = |p: &Path| uris.get(p).cloned().or_else(|| Uri::from_file_path(p));
            for (path, diags) in diagnostics_by_path(&snap, enc, &uri_of) {
                let Some(uri) = uri_of(&path) else { continue };
                items.push(WorkspaceDocumentDiagnosticReport::Full(WorkspaceFullDocumentDiagnosticReport {
                    uri,
                    version: versions.get(&path).map(|v| *v as i64),
                    full_document_diagnostic_report: FullDocumentDiagnosticReport { result_id: None, items: diags },
                }));
            }
        }
        Ok(WorkspaceDiagnosticReportResult::Report(WorkspaceDiagnosticReport { items }))
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let uri = params.text_document_position_params.text_document.uri;
        let pos = params.text_document_position_params.position;
        let (Some(snap), Some((path, text))) = (self.snapshot(), self.text_of(&uri)) else { return Ok(None) };
        let enc = lock(&self.state).encoding();
        Ok(features::hover(&snap, &path, &text, pos, enc))
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        let (Some(snap), Some((path, _))) = (self.snapshot(), self.text_of(&params.text_document.uri)) else { return Ok(None) };
        let enc = lock(&self.state).encoding();
        let lenses = features::code_lenses(&snap, &path, enc, &snap.base_url);
        Ok((!lenses.is_empty()).then_some(lenses))
    }

    async fn goto_definition(&self, params: GotoDefinitionParams) -> Result<Option<GotoDefinitionResponse>> {
        let uri = params.text_document_position_params.text_document.uri;
        let pos = params.text_document_position_params.position;
        let (Some(snap), Some((_, text))) = (self.snapshot(), self.text_of(&uri)) else { return Ok(None) };
        let enc = lock(&self.state).encoding();
        Ok(features::definition(&snap, &text, pos, enc).map(GotoDefinitionResponse::Scalar))
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let uri = params.text_document_position.text_document.uri;
        let pos = params.text_document_position.position;
        let (Some(snap), Some((_, text))) = (self.snapshot(), self.text_of(&uri)) else { return Ok(None) };
        let enc = lock(&self.state).encoding();
        Ok(features::references(&snap, &text, pos, enc))
    }

    async fn document_link(&self, params: DocumentLinkParams) -> Result<Option<Vec<DocumentLink>>> {
        let (Some(snap), Some((path, text))) = (self.snapshot(), self.text_of(&params.text_document.uri)) else { return Ok(None) };
        let enc = lock(&self.state).encoding();
        let tooltips = lock(&self.state)
            .client_caps
            .text_document
            .as_ref()
            .and_then(|t| t.document_link.as_ref())
            .and_then(|d| d.tooltip_support)
            .unwrap_or(false);
        Ok(Some(features::document_links(&snap, &path, &text, enc, tooltips)))
    }

    async fn document_symbol(&self, params: DocumentSymbolParams) -> Result<Option<DocumentSymbolResponse>> {
        let Some((path, text)) = self.text_of(&params.text_document.uri) else { return Ok(None) };
        let enc = lock(&self.state).encoding();
        Ok(features::document_symbols(&path, &text, enc).map(DocumentSymbolResponse::Nested))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri.clone();
        let (Some(snap), Some((path, text))) = (self.snapshot(), self.text_of(&uri)) else { return Ok(None) };
        let enc = lock(&self.state).encoding();
        let actions = features::code_actions(&snap, &uri, &path, &text, &params.range, &params.context.diagnostics, enc);
        Ok((!actions.is_empty()).then_some(actions))
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<Value>> {
        let show_document =
            lock(&self.state).client_caps.window.as_ref().and_then(|w| w.show_document.as_ref()).is_some_and(|s| s.support);
        if params.command == OPEN_TROUBLESHOOTING && !show_document {
            if let Some(url) = params.arguments.first().and_then(Value::as_str) {
                self.client.show_message(MessageType::INFO, format!("Troubleshooting step: {url}")).await;
            }
        } else if params.command == OPEN_TROUBLESHOOTING {
            if let Some(uri) = params.arguments.first().and_then(Value::as_str).and_then(|u| Uri::from_str(u).ok()) {
                // The client opens the page; the server itself never touches the network.
                let _ = self
                    .client
                    .show_document(ShowDocumentParams { uri, external: Some(true), take_focus: Some(true), selection: None })
                    .await;
            }
        }
        Ok(None)
    }
}

impl Backend {
    async fn startup(&self) {
        let dynamic_watch = lock(&self.state)
            .client_caps
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false);
        if dynamic_watch {
            let options = json!({ "watchers": [
                { "globPattern": "**/*.{c,h,cc,cpp,hpp,ino,json}" },
                { "globPattern": "**/{aics-lint,.aics-lint}.toml" }
            ]});
            let reg = Registration {
                id: "aics-lint-watch".into(),
                method: notification::DidChangeWatchedFiles::METHOD.into(),
                register_options: Some(options),
            };
            if let Err(e) = self.client.register_capability(vec![reg]).await {
                self.client.log_message(MessageType::WARNING, format!("aics-lint: could not watch files: {e}")).await;
            }
        }
        if self.shutting_down() {
            return;
        }
        self.load_config().await;
        self.pull_settings().await;
        if self.shutting_down() {
            return;
        }
        let config_error = lock(&self.state).config_error.clone();
        if let Some(e) = config_error {
            self.client.show_message(MessageType::ERROR, format!("aics-lint: {e} (using the defaults)")).await;
        }
        self.scan_workspace().await;
    }

    /// A pull answers for the text the client has now: wait (bounded) until the analysis
    /// of the newest edit has finished, so no stale finding is pulled back.
    async fn wait_for_current_analysis(&self) {
        let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(5);
        loop {
            {
                let st = lock(&self.state);
                if st.analyzed >= st.generation || st.shut_down {
                    return;
                }
            }
            if tokio::time::Instant::now() >= deadline {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(2)).await;
        }
    }

    fn shutting_down(&self) -> bool {
        lock(&self.state).shut_down
    }

    /// A message the input guard could not read: say so and carry on.
    pub async fn malformed_message(&self, params: Value) {
        let why = params.get("error").and_then(Value::as_str).unwrap_or("an unreadable message");
        self.client.log_message(MessageType::WARNING, format!("aics-lint: ignored {why}")).await;
    }

    fn diagnostics_for(&self, uri: &Uri) -> Vec<Diagnostic> {
        let Some(path) = uri.to_file_path().map(|p| p.into_owned()) else { return Vec::new() };
        let (snap, enc) = {
            let st = lock(&self.state);
            (st.snapshot.clone(), st.encoding())
        };
        let Some(snap) = snap else { return Vec::new() };
        let u = uri.clone();
        let uri_of = |p: &Path| if p == path { Some(u.clone()) } else { Uri::from_file_path(p) };
        diagnostics_by_path(&snap, enc, &uri_of).remove(&path).unwrap_or_default()
    }
}

/// Hand the heap's free pages back to the system. The first analysis of a workspace checks
/// every program, and what it frees (each program's symbol index and resolver memo) stays
/// in the allocator's free lists, counted in the server's resident memory for as long as
/// the workspace is open: on the four SDK checkouts 301 -> 284 MB after indexing. Elsewhere
/// it does nothing.
fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        extern "C" {
            fn malloc_trim(pad: usize) -> std::ffi::c_int;
        }
        // SAFETY: malloc_trim only returns free memory of the allocator's own heaps to the
        // system; it is safe to call from any thread at any time.
        unsafe {
            malloc_trim(0);
        }
    }
}

/// Cap glibc's malloc arenas at two for the language server's process. By default glibc
/// gives threads that contend for the heap arenas of their own (up to eight per core): the
/// workspace scan's blocking threads, tokio's workers and rayon's each free what another
/// allocated, and every arena keeps its freed pages. On the four SDK checkouts the server
/// held ~415 MB after indexing with the default and ~317 MB with two arenas, answering edits
/// as fast. Call it before the runtime's threads start; elsewhere it does nothing.
pub fn limit_malloc_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        extern "C" {
            fn mallopt(param: std::ffi::c_int, value: std::ffi::c_int) -> std::ffi::c_int;
        }
        /// glibc's `M_ARENA_MAX` (malloc.h).
        const M_ARENA_MAX: std::ffi::c_int = -8;
        // SAFETY: mallopt only sets a tunable of the allocator; it is called before the
        // server starts its threads.
        unsafe {
            mallopt(M_ARENA_MAX, 2);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aics_core::analyze;

    /// Every file of the fixture programs (many device programs side by side), by path.
    fn programs() -> Vec<SourceFile> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/programs");
        let mut out = Vec::new();
        let mut stack = vec![root];
        while let Some(dir) = stack.pop() {
            for e in std::fs::read_dir(&dir).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if aics_core::file_kind(&p).is_some() {
                    out.push(SourceFile::new(p.clone(), std::fs::read_to_string(&p).unwrap()));
                }
            }
        }
        out.sort_by(|a, b| a.path.cmp(&b.path));
        out
    }

    fn edit(sources: &mut [SourceFile], path: &str, from: &str, to: &str) {
        let s = sources.iter_mut().find(|s| s.path.ends_with(path)).unwrap_or_else(|| panic!("no {path}"));
        assert!(s.text.contains(from), "{path} has no `{from}`");
        s.text = s.text.replacen(from, to, 1).into();
    }

    /// The conversions kept between publications (`Converted`) give exactly what converting
    /// every file again gives, through edits that add findings, move them (a line typed
    /// above them), change a file they relate to, and undo it all.
    #[test]
    fn kept_conversions_equal_fresh_ones_after_edits() {
        let mut sources = programs();
        assert!(sources.len() > 100, "the fixture programs are missing: {}", sources.len());
        let options = AnalysisOptions::default();
        let cache = AnalysisCache::default();
        // One memo per encoding (a server negotiates one).
        let mut memos: [HashMap<PathBuf, Converted>; 2] = Default::default();
        let uri_of = |p: &Path| Uri::from_file_path(p);
        let edits: &[(&str, &str, &str)] = &[
            ("iothubll-correct/sample_config.h", "modelId", "modelid"),
            ("iothubll-correct/main.c", "#include", "\n\n#include"),
            ("iothubll-correct/sample_config.h", "#define", "/* \u{e9}t\u{e9} */\n#define"),
            ("iothubll-correct/main.c", "\n\n#include", "#include"),
            ("iothubll-correct/sample_config.h", "modelid", "modelId"),
        ];
        for step in 0..=edits.len() {
            if step > 0 {
                let (path, from, to) = edits[step - 1];
                edit(&mut sources, path, from, to);
            }
            let analysis = analyze_cached(&sources, &options, &cache);
            let snap = Snapshot { analysis, texts: Texts::new(sources.clone(), true), base_url: String::new(), complete: true };
            for (enc, memo) in [Encoding::Utf16, Encoding::Utf8].into_iter().zip(memos.iter_mut()) {
                let kept = diagnostics_by_path_with(&snap, enc, &uri_of, Some(memo));
                let fresh = diagnostics_by_path(&snap, enc, &uri_of);
                assert!(!fresh.is_empty());
                assert_eq!(kept, fresh, "step {step}, {enc:?}");
            }
        }
        // The edits did move a finding (the test is not comparing lists that never change).
        let first = diagnostics_by_path(
            &Snapshot { analysis: analyze(&programs(), &options), texts: Texts::new(programs(), true), base_url: String::new(), complete: true },
            Encoding::Utf16,
            &uri_of,
        );
        edit(&mut sources, "iothubll-correct/sample_config.h", "modelId", "modelid");
        let broken = diagnostics_by_path(
            &Snapshot { analysis: analyze(&sources, &options), texts: Texts::new(sources.clone(), true), base_url: String::new(), complete: true },
            Encoding::Utf16,
            &uri_of,
        );
        assert_ne!(first, broken);
    }
}
