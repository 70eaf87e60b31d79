//! The wire, guarded on both sides of tower-lsp-server.
//!
//! tower-lsp-server's reader ends the whole input stream after the first frame it cannot
//! decode (tokio-util's framed reader stops after an error), and a header without a usable
//! length leaves it out of step with the frames that follow. So this module reads the
//! frames itself and hands the server only messages it can decode:
//!
//! * a frame that cannot be read (a `Content-Length` that is not a number, a length shorter
//!   or longer than the body, a body that is not JSON, JSON that is not a JSON-RPC message)
//!   is answered here per JSON-RPC — `-32700` parse error, or `-32600` invalid request for
//!   JSON of the wrong shape — with the message's `id` when it can be read, else `null`;
//!   the server is told too (it logs the reason);
//! * the reader then resynchronises at the next `Content-Length` header. A literal CR LF
//!   cannot occur inside a JSON string, and `Content-Length:` cannot occur outside one, so
//!   `Content-Length: <digits>` followed by CR LF is never part of a valid body: searching
//!   for it inside a frame whose length is wrong finds the next real frame;
//! * the server's own output passes through a writer that keeps its frames whole, so an
//!   error answered here never splits one of them;
//! * `exit` ends serving: [`Guarded::exited`] resolves once it was passed on, and
//!   [`serve`](crate::serve) stops shortly after even when the server is still busy
//!   (start-up awaiting the client, a request in flight, a scan on a blocking thread).

use std::io::Write;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use serde::Deserialize;
use serde_json::{json, Value};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, DuplexStream};
use tokio::sync::{mpsc, watch};
use tower_lsp_server::jsonrpc::{Request, Response};

use crate::backend::Backend;

pub const MALFORMED_METHOD: &str = "$/aicsLint/malformedMessage";

/// The largest message body the guard waits for (a whole workspace's text in one
/// didOpen stays far below it).
const MAX_MESSAGE: usize = 1 << 30;
/// A header longer than this without its blank line is not a header.
const MAX_HEADER: usize = 8 << 10;
/// How long an unfinished body may sit without more input before the guard decides its
/// length was wrong (only when what did arrive is a complete JSON value already).
const STALL: Duration = Duration::from_millis(500);

const PARSE_ERROR: i64 = -32700;
const INVALID_REQUEST: i64 = -32600;

/// The streams the server reads and writes instead of the real ones.
pub struct Guarded {
    /// What the server reads: only frames it can decode.
    pub input: DuplexStream,
    /// What the server writes; passed on to the real output frame by frame.
    pub output: DuplexStream,
    /// Becomes `true` once an `exit` notification was passed to the server.
    pub exited: watch::Receiver<bool>,
    /// Ends when everything written to `output` has reached the real output.
    pub writer: tokio::task::JoinHandle<()>,
    /// Set once a `shutdown` request was passed to the server: the process then ends with
    /// status 0 at `exit`, and with 1 otherwise, as the protocol asks.
    pub shutdown_requested: Arc<AtomicBool>,
}

/// Where whole frames go that do not come out of tower-lsp-server: the guard's answers to
/// unreadable frames and the server's diagnostics publications.
#[derive(Clone)]
pub enum Outlet {
    /// Queued for the writer task, which writes them between the server's frames.
    Queue(mpsc::UnboundedSender<Vec<u8>>),
    /// Written at once by the sender, under the lock every frame of the output is written
    /// under (so frames stay whole and in the order they were sent).
    Direct(SharedOut),
}

/// A blocking output shared by everyone who writes frames to it.
pub type SharedOut = Arc<Mutex<Box<dyn Write + Send>>>;

impl Outlet {
    pub fn send(&self, frame: Vec<u8>) {
        match self {
            Outlet::Queue(tx) => {
                let _ = tx.send(frame);
            }
            Outlet::Direct(out) => {
                let mut out = out.lock().unwrap_or_else(|e| e.into_inner());
                let _ = out.write_all(&frame).and_then(|()| out.flush());
            }
        }
    }
}

/// `out` as an `AsyncWrite` for the writer task: each write is one whole frame, written
/// (blocking, under the shared lock) before it returns. A pipe to the editor takes a
/// frame at once; the editor reads its end all the time.
struct DirectWriter(SharedOut);

impl AsyncWrite for DirectWriter {
    fn poll_write(self: Pin<&mut Self>, _: &mut Context<'_>, buf: &[u8]) -> Poll<std::io::Result<usize>> {
        let mut out = self.0.lock().unwrap_or_else(|e| e.into_inner());
        Poll::Ready(out.write_all(buf).map(|()| buf.len()))
    }
    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(self.0.lock().unwrap_or_else(|e| e.into_inner()).flush())
    }
    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        self.poll_flush(cx)
    }
}

/// Notifications that change what is analysed: an edit taken on the input side may not
/// overtake one of them that the message loop has not applied yet.
const STATE_METHODS: &[&str] = &[
    "textDocument/didOpen",
    "textDocument/didChange",
    "textDocument/didClose",
    "workspace/didChangeWatchedFiles",
    "workspace/didChangeConfiguration",
];

/// The input side's handling of the frames it read, shared by the reader task (any
/// `AsyncRead`) and the reader thread (stdin).
struct Inlet {
    answers: Outlet,
    exit_tx: watch::Sender<bool>,
    shutdown_seen: Arc<AtomicBool>,
    /// The server, for edits applied (and analysed) where they are read.
    backend: Option<Backend>,
    /// An `initialize` request was passed: from then on the server hands every
    /// notification to its handler (before, it drops them).
    initialize_seen: std::cell::Cell<bool>,
}

impl Inlet {
    /// What to pass to the server for `frame` (framed), and whether it is `exit`. An edit
    /// the backend takes itself, blank lines and unreadable frames (answered here) pass
    /// nothing or only a note.
    fn triage(&self, frame: Frame) -> Option<(Vec<u8>, bool)> {
        match frame {
            Frame::Pass { body, exit, shutdown, method } => {
                if body.is_empty() {
                    return None;
                }
                if shutdown {
                    self.shutdown_seen.store(true, Ordering::SeqCst);
                }
                if let (Some(b), Some(m)) = (&self.backend, method.as_deref()) {
                    if m == "textDocument/didChange" && b.change_inline(&body) {
                        return None;
                    }
                    if m == "initialize" {
                        self.initialize_seen.set(true);
                    } else if STATE_METHODS.contains(&m) && self.initialize_seen.get() {
                        b.state_message_passed();
                    }
                }
                Some((framed(&body), exit))
            }
            Frame::Bad { code, why, id } => {
                let answer = json!({ "jsonrpc": "2.0", "id": id, "error": { "code": code, "message": why } });
                self.answers.send(framed(&serde_json::to_vec(&answer).unwrap_or_default()));
                let note = json!({ "jsonrpc": "2.0", "method": MALFORMED_METHOD, "params": { "error": why } });
                Some((framed(&serde_json::to_vec(&note).unwrap_or_default()), false))
            }
        }
    }

    /// The next frame of `buf` to pass to the server (framed) and whether it is `exit`,
    /// after the edits taken here are settled; `None` when `buf` holds no whole frame more.
    /// Shared by the reader task and the reader thread, which differ only in how they read
    /// and write.
    fn next_to_pass(&self, buf: &mut Vec<u8>, stalled: &mut bool, rt: &tokio::runtime::Handle) -> Option<(Vec<u8>, bool)> {
        while let Some((frame, used)) = next_frame(buf, *stalled) {
            buf.drain(..used);
            *stalled = false;
            let Some(pass) = self.triage(frame) else { continue };
            self.settle(rt);
            return Some(pass);
        }
        None
    }

    /// Nothing more to read at once (or a message to pass on): analyse the edits taken here.
    fn settle(&self, rt: &tokio::runtime::Handle) {
        if let Some(b) = &self.backend {
            b.settle_inline(rt);
        }
    }
}

/// Guard `input` and `output` (see the module notes).
pub fn guard<R, W>(input: R, output: W) -> Guarded
where
    R: AsyncRead + Unpin + Send + 'static,
    W: AsyncWrite + Unpin + Send + 'static,
{
    guard_with(input, output, None).0
}

/// [`guard`], with `backend` taking document edits itself as they are read, and the outlet
/// the server publishes through.
pub(crate) fn guard_with<R, W>(input: R, output: W, backend: Option<Backend>) -> (Guarded, Outlet)
where
    R: AsyncRead + Unpin + Send + 'static,
    W: AsyncWrite + Unpin + Send + 'static,
{
    let (mut to_server, server_input) = tokio::io::duplex(1 << 16);
    let (server_output, from_server) = tokio::io::duplex(1 << 16);
    let (answers_tx, answers_rx) = mpsc::unbounded_channel::<Vec<u8>>();
    let (exit_tx, exited) = watch::channel(false);
    let shutdown_requested = Arc::new(AtomicBool::new(false));
    let outlet = Outlet::Queue(answers_tx);
    let inlet = Inlet { answers: outlet.clone(), exit_tx, shutdown_seen: shutdown_requested.clone(), backend, initialize_seen: Default::default() };
    let writer = tokio::spawn(write_frames(from_server, answers_rx, output));
    tokio::spawn(async move {
        let rt = tokio::runtime::Handle::current();
        let mut input = input;
        let mut buf: Vec<u8> = Vec::new();
        let mut chunk = vec![0u8; 1 << 16];
        let mut stalled = false;
        loop {
            while let Some((bytes, exit)) = inlet.next_to_pass(&mut buf, &mut stalled, &rt) {
                if exit {
                    // Noted before the server can read it (as `guard_stdio` notes it: why there).
                    let _ = inlet.exit_tx.send(true);
                }
                if to_server.write_all(&bytes).await.is_err() {
                    return;
                }
                if exit {
                    let _ = to_server.flush().await;
                    // Nothing after `exit` is read: the server is going away.
                    return;
                }
            }
            inlet.settle(&rt);
            let read = if buf.is_empty() {
                Ok(input.read(&mut chunk).await)
            } else {
                tokio::time::timeout(STALL, input.read(&mut chunk)).await
            };
            match read {
                Ok(Ok(0)) | Ok(Err(_)) => return, // end of input: the server sees EOF too
                Ok(Ok(n)) => buf.extend_from_slice(&chunk[..n]),
                Err(_) => stalled = true,
            }
        }
    });
    (Guarded { input: server_input, output: server_output, exited, writer, shutdown_requested }, outlet)
}

/// The guard on this process's stdin and stdout, without hand-offs on the way of an edit:
/// a thread of its own reads stdin (blocking), takes document edits to `backend` (which
/// analyses a small one right there and writes its publication itself), and passes every
/// other message to the server; every frame is written to stdout under one lock, by
/// whoever sends it. Must be called inside the runtime.
#[cfg(unix)]
pub(crate) fn guard_stdio(backend: Backend) -> std::io::Result<(Guarded, Outlet)> {
    let (mut to_server, server_input) = tokio::io::duplex(1 << 16);
    let (server_output, from_server) = tokio::io::duplex(1 << 16);
    let (exit_tx, exited) = watch::channel(false);
    let shutdown_requested = Arc::new(AtomicBool::new(false));
    let out: SharedOut = Arc::new(Mutex::new(Box::new(RawStdout)));
    let outlet = Outlet::Direct(out.clone());
    let inlet = Inlet { answers: outlet.clone(), exit_tx, shutdown_seen: shutdown_requested.clone(), backend: Some(backend), initialize_seen: Default::default() };
    let rt = tokio::runtime::Handle::current();
    std::thread::Builder::new().name("aics-lint-stdin".into()).spawn(move || {
        use std::io::Read;
        // The analysis of an edit taken here runs its parallel parts on this thread too
        // (a pool of one: this thread), not handed to rayon's pool and waited for.
        let _pool = rayon::ThreadPoolBuilder::new().num_threads(1).use_current_thread().build();
        let stdin = std::io::stdin();
        let mut input = stdin.lock();
        let mut buf: Vec<u8> = Vec::new();
        let mut chunk = vec![0u8; 1 << 16];
        let mut stalled = false;
        loop {
            while let Some((bytes, exit)) = inlet.next_to_pass(&mut buf, &mut stalled, &rt) {
                if exit {
                    // Noted before the server can read it: the server ends on `exit`, and
                    // the exit status asks whether `exit` came (`serve_guarded`). Noted
                    // after the write, this thread preempted between the two let the
                    // server end first, and an `exit` without `shutdown` ended with status
                    // 0 (a run of the protocol tests on a busy machine).
                    let _ = inlet.exit_tx.send(true);
                }
                if rt.block_on(to_server.write_all(&bytes)).is_err() {
                    return;
                }
                if exit {
                    let _ = rt.block_on(to_server.flush());
                    // Nothing after `exit` is read: the server is going away.
                    return;
                }
            }
            inlet.settle(&rt);
            // Part of a frame waits for the rest: a stall decides its length was wrong.
            if !buf.is_empty() && !stdin_readable_within(STALL) {
                stalled = true;
                continue;
            }
            match input.read(&mut chunk) {
                Ok(0) => return, // end of input: the server sees EOF too
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => return,
            }
        }
    })?;
    let (_no_answers, answers_rx) = mpsc::unbounded_channel::<Vec<u8>>();
    let writer = tokio::spawn(write_frames(from_server, answers_rx, DirectWriter(out)));
    Ok((Guarded { input: server_input, output: server_output, exited, writer, shutdown_requested }, outlet))
}

/// File descriptor 1 without a buffer: each frame goes out in one `write` (std's stdout
/// is line-buffered and would split a frame at its header's line ends).
#[cfg(unix)]
struct RawStdout;

#[cfg(unix)]
impl Write for RawStdout {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        use std::os::fd::FromRawFd;
        // SAFETY: fd 1 is open for the process's life; ManuallyDrop never closes it.
        let mut out = std::mem::ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(1) });
        out.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Whether stdin has input (or its end) within `wait`.
#[cfg(unix)]
fn stdin_readable_within(wait: Duration) -> bool {
    #[repr(C)]
    struct PollFd {
        fd: std::ffi::c_int,
        events: std::ffi::c_short,
        revents: std::ffi::c_short,
    }
    extern "C" {
        fn poll(fds: *mut PollFd, nfds: std::ffi::c_ulong, timeout: std::ffi::c_int) -> std::ffi::c_int;
    }
    /// `POLLIN` (the same value on Linux, the BSDs and macOS).
    const POLLIN: std::ffi::c_short = 1;
    let mut fd = PollFd { fd: 0, events: POLLIN, revents: 0 };
    // SAFETY: one valid pollfd for the duration of the call.
    let n = unsafe { poll(&mut fd, 1, wait.as_millis().min(i32::MAX as u128) as std::ffi::c_int) };
    // An error (EINTR) reads as input: the read that follows decides.
    n != 0
}

/// Pass the server's frames on whole, and the guard's own answers between them.
async fn write_frames<W: AsyncWrite + Unpin>(mut from_server: DuplexStream, mut answers: mpsc::UnboundedReceiver<Vec<u8>>, mut out: W) {
    let mut buf: Vec<u8> = Vec::new();
    let mut chunk = vec![0u8; 1 << 16];
    let mut answers_open = true;
    loop {
        tokio::select! {
            // An answer queued by the reader goes out before what the server wrote after
            // it: the error for a bad frame precedes the answers to the frames after it.
            biased;
            answer = answers.recv(), if answers_open => match answer {
                Some(a) => {
                    if out.write_all(&a).await.is_err() || out.flush().await.is_err() {
                        return;
                    }
                }
                None => answers_open = false,
            },
            read = from_server.read(&mut chunk) => match read {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    buf.extend_from_slice(&chunk[..n]);
                    // The server writes well-formed frames: pass each one whole.
                    while let Some(end) = whole_frame(&buf) {
                        if out.write_all(&buf[..end]).await.is_err() {
                            return;
                        }
                        buf.drain(..end);
                    }
                    if out.flush().await.is_err() {
                        return;
                    }
                }
            },
        }
    }
    // The server is gone: whatever it left, and answers still queued, go out.
    let _ = out.write_all(&buf).await;
    while let Ok(a) = answers.try_recv() {
        let _ = out.write_all(&a).await;
    }
    let _ = out.flush().await;
}

/// The end of the first complete frame in the server's output.
fn whole_frame(buf: &[u8]) -> Option<usize> {
    let head_end = find(buf, b"\r\n\r\n")?;
    let length = content_length(&buf[..head_end]).and_then(Result::ok)?;
    let end = head_end + 4 + length;
    (buf.len() >= end).then_some(end)
}

fn framed(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

#[derive(Debug)]
enum Frame {
    /// A message the server can decode (its method when it has one).
    Pass { body: Vec<u8>, exit: bool, shutdown: bool, method: Option<String> },
    /// An unreadable frame: answered with `code`, carrying the message's id when known.
    Bad { code: i64, why: String, id: Value },
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The `Content-Length` of a header block: `None` without one, `Err` when its value is not
/// a length.
fn content_length(head: &[u8]) -> Option<Result<usize, String>> {
    let head = String::from_utf8_lossy(head);
    head.split("\r\n").find_map(|line| {
        let (k, v) = line.split_once(':')?;
        k.trim().eq_ignore_ascii_case("content-length").then(|| v.trim().parse::<usize>().map_err(|_| v.trim().to_string()))
    })
}

/// Where the next frame header starts at or after `from`: `Content-Length:`, optional
/// blanks, digits, CR LF (see the module notes on why no valid body contains that).
fn next_header(buf: &[u8], from: usize) -> Option<usize> {
    const NAME: &[u8] = b"content-length:";
    let mut i = from;
    while i + NAME.len() <= buf.len() {
        if buf[i..i + NAME.len()].eq_ignore_ascii_case(NAME) {
            let mut j = i + NAME.len();
            while j < buf.len() && (buf[j] == b' ' || buf[j] == b'\t') {
                j += 1;
            }
            let digits = j;
            while j < buf.len() && buf[j].is_ascii_digit() {
                j += 1;
            }
            if j > digits && buf[j..].starts_with(b"\r\n") {
                return Some(i);
            }
        }
        i += 1;
    }
    None
}

/// The next frame in `buf` and how many bytes it used; `None` until one can be decided.
/// `stalled`: no input arrived for a while, so an unfinished body will not be finished.
fn next_frame(buf: &[u8], stalled: bool) -> Option<(Frame, usize)> {
    // Blank lines between frames are harmless; anything else before a header is not.
    let start = buf.iter().position(|b| !b.is_ascii_whitespace())?;
    if start > 0 {
        return Some(skip(start));
    }
    if !looks_like_header(buf) {
        let to = next_header(buf, 1);
        return match to {
            Some(to) => Some((bad(PARSE_ERROR, "bytes outside any frame (no Content-Length header)", &buf[..to]), to)),
            None if stalled || buf.len() > MAX_HEADER => Some((bad(PARSE_ERROR, "bytes outside any frame (no Content-Length header)", buf), buf.len())),
            None => None,
        };
    }
    let Some(head_end) = find(buf, b"\r\n\r\n") else {
        if buf.len() > MAX_HEADER {
            let to = next_header(buf, 1).unwrap_or(buf.len());
            return Some((bad(PARSE_ERROR, "a header that never ends", &[]), to));
        }
        return None;
    };
    let body_start = head_end + 4;
    let length = match content_length(&buf[..head_end]) {
        Some(Ok(n)) => n,
        bad_length => {
            let why = match bad_length {
                Some(Err(v)) => format!("a message whose Content-Length `{v}` is not a length"),
                _ => "a message without a Content-Length header".to_string(),
            };
            // Its body follows: skip to the next frame (or whatever has arrived).
            return match next_header(buf, body_start) {
                Some(to) => Some((bad(PARSE_ERROR, &why, &buf[body_start..to]), to)),
                None if stalled || body_looks_complete(&buf[body_start..]) => Some((bad(PARSE_ERROR, &why, &buf[body_start..]), buf.len())),
                None => None,
            };
        }
    };
    // A length no message has (or one that overflows, `Content-Length: 18446744073709551615`)
    // is not waited for: the guard would buffer input forever.
    let Some(body_end) = body_start.checked_add(length).filter(|_| length <= MAX_MESSAGE) else {
        let to = next_header(buf, body_start).unwrap_or(buf.len());
        return Some((bad(PARSE_ERROR, "a message whose Content-Length is larger than any message", &buf[body_start..to]), to));
    };
    if buf.len() < body_end {
        // Too long a length swallows the next frame's header: resynchronise there.
        if let Some(to) = next_header(buf, body_start) {
            return Some((bad(PARSE_ERROR, "a message shorter than its Content-Length", &buf[body_start..to]), to));
        }
        if stalled && body_looks_complete(&buf[body_start..]) {
            return Some((bad(PARSE_ERROR, "a message shorter than its Content-Length", &buf[body_start..]), buf.len()));
        }
        return None;
    }
    let body = &buf[body_start..body_end];
    if let Some(method) = plain_notification(body) {
        let exit = method == "exit";
        return Some((Frame::Pass { body: body.to_vec(), exit, shutdown: false, method: Some(method.to_string()) }, body_end));
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(v) => {
            if Response::deserialize(&v).is_ok() {
                return Some((Frame::Pass { body: body.to_vec(), exit: false, shutdown: false, method: None }, body_end));
            }
            if Request::deserialize(&v).is_ok() && v.get("method").is_some_and(Value::is_string) {
                let exit = v["method"] == "exit" && v.get("id").is_none_or(Value::is_null);
                let shutdown = v["method"] == "shutdown" && v.get("id").is_some_and(|i| !i.is_null());
                let method = v["method"].as_str().map(str::to_string);
                return Some((Frame::Pass { body: body.to_vec(), exit, shutdown, method }, body_end));
            }
            let id = v.get("id").filter(|i| i.is_i64() || i.is_string()).cloned().unwrap_or(Value::Null);
            let why = if v.is_object() { "a JSON object that is not a JSON-RPC 2.0 message" } else { "a JSON value that is not a JSON-RPC 2.0 message" };
            Some((Frame::Bad { code: INVALID_REQUEST, why: why.to_string(), id }, body_end))
        }
        Err(e) => {
            let (to, why) = match next_header(buf, body_start) {
                // Too long a length swallowed the next frame's header.
                Some(h) if h < body_end => (h, "a message shorter than its Content-Length".to_string()),
                // Too short a length leaves the rest of the body before the next header:
                // it belongs to this frame.
                Some(h) if e.is_eof() => (h, "a message body cut short (a Content-Length shorter than the message?)".to_string()),
                None if e.is_eof() => (trailing_junk_end(buf, body_end), "a message body cut short (a Content-Length shorter than the message?)".to_string()),
                _ => (body_end, format!("a message body that is not JSON ({e})")),
            };
            Some((bad(PARSE_ERROR, &why, &buf[body_start..to]), to))
        }
    }
}

/// The method of `body` when it is a plain notification (an object of `jsonrpc` "2.0", a
/// `method` without escapes and perhaps `params`, nothing else), read without building its
/// tree: most messages are (every keystroke is one). Anything else (`None`) is judged by
/// the general path, which builds the whole value.
fn plain_notification(body: &[u8]) -> Option<&str> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Notification<'a> {
        jsonrpc: &'a str,
        method: &'a str,
        #[serde(default)]
        #[allow(dead_code)]
        params: Option<serde::de::IgnoredAny>,
    }
    if body.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return None;
    }
    let n = serde_json::from_slice::<Notification>(body).ok()?;
    (n.jsonrpc == "2.0").then_some(n.method)
}

/// Leading blanks between frames: passed over without a word.
fn skip(n: usize) -> (Frame, usize) {
    (Frame::Pass { body: Vec::new(), exit: false, shutdown: false, method: None }, n)
}

/// After a body that was cut short, the rest of it (up to the next header, or all that
/// arrived when no header follows yet) is part of the same bad frame.
fn trailing_junk_end(buf: &[u8], body_end: usize) -> usize {
    let rest = &buf[body_end..];
    if rest.iter().all(u8::is_ascii_whitespace) || looks_like_header(&rest[rest.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(0)..]) {
        return body_end;
    }
    next_header(buf, body_end).unwrap_or(buf.len())
}

/// Does `buf` start like a header line (`Name:`)?
fn looks_like_header(buf: &[u8]) -> bool {
    let name_end = buf.iter().take(64).position(|b| *b == b':' || *b == b'\r' || *b == b'\n' || *b == b'{' || *b == b'"');
    match name_end {
        Some(i) => i > 0 && buf[i] == b':' && buf[..i].iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-'),
        // Still arriving: a name of letters so far.
        None => buf.len() < 64 && buf.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-'),
    }
}

/// What arrived is a whole JSON value (with blanks around it) already.
fn body_looks_complete(bytes: &[u8]) -> bool {
    let trimmed = bytes.trim_ascii();
    !trimmed.is_empty() && serde_json::from_slice::<Value>(trimmed).is_ok()
}

fn bad(code: i64, why: &str, bytes: &[u8]) -> Frame {
    Frame::Bad { code, why: why.to_string(), id: id_of(bytes) }
}

/// The top-level `"id"` of what may be a JSON-RPC message, read leniently (the text may be
/// cut short or have trailing junk): a number or a string at nesting depth 1; `null` when
/// there is none.
fn id_of(bytes: &[u8]) -> Value {
    if let Ok(v) = serde_json::from_slice::<Value>(bytes.trim_ascii()) {
        return v.get("id").filter(|i| i.is_i64() || i.is_string()).cloned().unwrap_or(Value::Null);
    }
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.saturating_sub(1),
            b'"' => {
                let Some(end) = string_end(bytes, i) else { return Value::Null };
                if depth == 1 && &bytes[i..=end] == b"\"id\"" {
                    let mut j = end + 1;
                    while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                        j += 1;
                    }
                    if bytes.get(j) != Some(&b':') {
                        i = end + 1;
                        continue;
                    }
                    j += 1;
                    while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                        j += 1;
                    }
                    let value_end = match bytes.get(j) {
                        Some(b'"') => string_end(bytes, j).map(|e| e + 1),
                        Some(b) if b.is_ascii_digit() || *b == b'-' => {
                            Some(j + 1 + bytes[j + 1..].iter().take_while(|b| b.is_ascii_digit()).count()).filter(|e| *e < bytes.len())
                        }
                        _ => None,
                    };
                    return value_end
                        .and_then(|e| serde_json::from_slice::<Value>(&bytes[j..e]).ok())
                        .filter(|v| v.is_i64() || v.is_string())
                        .unwrap_or(Value::Null);
                }
                i = end;
            }
            _ => {}
        }
        i += 1;
    }
    Value::Null
}

/// The closing quote of the string opening at `start`.
fn string_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &[u8]) -> Vec<Frame> {
        let mut out = Vec::new();
        let mut at = 0;
        while let Some((f, used)) = next_frame(&input[at..], true) {
            assert!(used > 0, "no progress at {at}");
            at += used;
            if !matches!(&f, Frame::Pass { body, .. } if body.is_empty()) {
                out.push(f);
            }
        }
        out
    }

    fn passed(f: &Frame) -> Option<Value> {
        match f {
            Frame::Pass { body, .. } => serde_json::from_slice(body).ok(),
            Frame::Bad { .. } => None,
        }
    }

    fn answered(f: &Frame) -> Option<(i64, Value)> {
        match f {
            Frame::Bad { code, id, .. } => Some((*code, id.clone())),
            Frame::Pass { .. } => None,
        }
    }

    const AFTER: &str = r#"{"jsonrpc":"2.0","id":9,"method":"after"}"#;

    fn after() -> Vec<u8> {
        framed(AFTER.as_bytes())
    }

    #[test]
    fn a_length_that_is_not_a_number_is_answered_and_the_next_frame_read() {
        let body = r#"{"jsonrpc":"2.0","id":4,"method":"textDocument/hover"}"#;
        let mut input = format!("Content-Length: abc\r\n\r\n{body}").into_bytes();
        input.extend(after());
        let f = frames(&input);
        assert_eq!(f.len(), 2, "{f:?}");
        assert_eq!(answered(&f[0]), Some((PARSE_ERROR, json!(4))));
        assert_eq!(passed(&f[1]).unwrap()["method"], "after");
    }

    #[test]
    fn a_length_shorter_than_the_body() {
        let body = r#"{"jsonrpc":"2.0","id":"x","method":"shutdown"}"#;
        let mut input = format!("Content-Length: {}\r\n\r\n{body}", body.len() - 10).into_bytes();
        input.extend(after());
        let f = frames(&input);
        assert_eq!(f.len(), 2, "{f:?}");
        assert_eq!(answered(&f[0]), Some((PARSE_ERROR, json!("x"))));
        assert_eq!(passed(&f[1]).unwrap()["id"], 9);
    }

    #[test]
    fn a_length_longer_than_the_body() {
        let body = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let mut input = format!("Content-Length: {}\r\n\r\n{body}", body.len() + 30).into_bytes();
        input.extend(after());
        // Not stalled: the next header inside the declared body is proof enough.
        let (first, used) = next_frame(&input, false).unwrap();
        assert_eq!(answered(&first), Some((PARSE_ERROR, Value::Null)));
        let (second, _) = next_frame(&input[used..], false).unwrap();
        assert_eq!(passed(&second).unwrap()["method"], "after");
        // With nothing after it, the guard waits, then gives up once input stalls.
        let alone = format!("Content-Length: {}\r\n\r\n{{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"x\"}}", body.len() + 30).into_bytes();
        assert!(next_frame(&alone, false).is_none());
        assert_eq!(answered(&next_frame(&alone, true).unwrap().0), Some((PARSE_ERROR, json!(3))));
    }

    #[test]
    fn bodies_that_are_not_messages() {
        let mut input = framed(b"{ oops");
        input.extend(framed(b"[1,2]"));
        input.extend(framed(br#"{"jsonrpc":"2.0","id":1.5,"method":"x"}"#));
        input.extend(framed(br#"{"id":7,"method":"x"}"#));
        input.extend(after());
        let f = frames(&input);
        assert_eq!(f.len(), 5, "{f:?}");
        assert_eq!(answered(&f[0]), Some((PARSE_ERROR, Value::Null)));
        assert_eq!(answered(&f[1]), Some((INVALID_REQUEST, Value::Null)));
        assert_eq!(answered(&f[2]), Some((INVALID_REQUEST, Value::Null)));
        assert_eq!(answered(&f[3]), Some((INVALID_REQUEST, json!(7))));
        assert!(passed(&f[4]).is_some());
    }

    #[test]
    fn a_body_mentioning_content_length_passes() {
        // A document whose text holds a header line: escaped inside the JSON string, so
        // it is never taken for a frame boundary.
        let text = "Content-Length: 12\r\n\r\nhello";
        let body = serde_json::to_vec(&json!({ "jsonrpc": "2.0", "method": "didOpen", "params": { "text": text } })).unwrap();
        let input = framed(&body);
        for cut in [input.len() / 2, input.len() - 1] {
            assert!(next_frame(&input[..cut], false).is_none(), "waits for the rest at {cut}");
        }
        let f = frames(&input);
        assert_eq!(passed(&f[0]).unwrap()["params"]["text"], text);
    }

    /// The notifications read without building a tree are those the general path passes as
    /// notifications, with the same method; the rest goes to the general path.
    #[test]
    fn plain_notifications_are_read_as_the_general_path_reads_them() {
        let bodies: [&[u8]; 14] = [
            br#"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///a","version":2},"contentChanges":[{"text":"x"}]}}"#,
            br#" {"method":"exit","jsonrpc":"2.0"}"#,
            br#"{"jsonrpc":"2.0","method":"initialized","params":null}"#,
            br#"{"jsonrpc":"2.0","method":"x","params":[1,2]}"#,
            br#"{"jsonrpc":"2.0","method":"a\/b","params":{}}"#,
            br#"{"jsonrpc":"2.0","method":"x","method":"y"}"#,
            br#"{"jsonrpc":"2.0","method":"x","id":null}"#,
            br#"{"jsonrpc":"2.0","method":"x","id":3}"#,
            br#"{"jsonrpc":"1.0","method":"x"}"#,
            br#"{"jsonrpc":"2.0","method":5}"#,
            br#"["2.0","x"]"#,
            br#"{"jsonrpc":"2.0","method":"x","extra":true}"#,
            br#"{"jsonrpc":"2.0","method":"x","params":{"a":"#,
            br#"{"jsonrpc":"2.0","id":1,"result":null}"#,
        ];
        let mut plain = 0;
        for body in bodies {
            let Some(method) = plain_notification(body) else { continue };
            plain += 1;
            let v: Value = serde_json::from_slice(body).unwrap();
            assert!(Response::deserialize(&v).is_err() && Request::deserialize(&v).is_ok(), "{}", String::from_utf8_lossy(body));
            assert!(v.get("id").is_none() && v["method"] == method, "{}", String::from_utf8_lossy(body));
        }
        assert_eq!(plain, 4, "the first four are plain notifications");
        // And the frame says so: `exit` flagged, the method kept.
        let f = frames(&framed(bodies[1]));
        assert!(matches!(&f[0], Frame::Pass { exit: true, method: Some(m), .. } if m == "exit"));
    }

    #[test]
    fn exit_is_flagged_and_responses_pass() {
        let mut input = framed(br#"{"jsonrpc":"2.0","id":1,"result":null}"#);
        input.extend(framed(br#"{"jsonrpc":"2.0","method":"exit"}"#));
        let f = frames(&input);
        assert!(matches!(f[0], Frame::Pass { exit: false, .. }));
        assert!(matches!(f[1], Frame::Pass { exit: true, .. }));
    }

    #[test]
    fn ids_from_broken_text() {
        assert_eq!(id_of(br#"{"jsonrpc":"2.0","params":{"id":5},"id":12,"meth"#), json!(12));
        assert_eq!(id_of(br#"{"jsonrpc":"2.0","params":{"id":5}"#), Value::Null);
        assert_eq!(id_of(br#"{"id":"a\"b","x""#), json!("a\"b"));
        assert_eq!(id_of(b"garbage"), Value::Null);
    }
}
