"""The server process ends within a second of `shutdown` + `exit` while its stdin stays
open (editors wait for the process; tower-lsp 0.20 never ended here). A raw JSON-RPC client
over pipes, so nothing but the server decides when the process ends."""

from __future__ import annotations

import json
import queue
import subprocess
import threading
import time

import pytest

from helpers import SERVER, TIMEOUT, copy_example

EXIT_WITHIN = 1.0


class RawClient:
    """Content-Length framing over the server's pipes; answers server requests itself
    unless told to hold a method's reply."""

    def __init__(self, root, hold: str | None = None):
        self.proc = subprocess.Popen([str(SERVER), "server", "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.root = root
        self.hold = hold
        self.held = queue.Queue()
        self.inbox = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def send(self, message: dict):
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def send_bytes(self, data: bytes):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode().partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            message = json.loads(out.read(length))
            if "method" in message and "id" in message:
                if message["method"] == self.hold:
                    self.held.put(message)
                else:
                    self.reply(message)
            self.inbox.put(message)

    def reply(self, request: dict):
        result = [None for _ in request["params"]["items"]] if request["method"] == "workspace/configuration" else None
        self.send({"id": request["id"], "result": result})

    def wait_for(self, predicate, what: str, timeout: float = TIMEOUT) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            try:
                message = self.inbox.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"timed out waiting for {what}") from None
            if predicate(message):
                return message

    def initialize(self, capabilities: dict):
        uri = self.root.as_uri()
        self.send(
            {
                "id": "init",
                "method": "initialize",
                "params": {"processId": None, "rootUri": uri, "workspaceFolders": [{"uri": uri, "name": "ws"}], "capabilities": capabilities},
            }
        )
        self.wait_for(lambda m: m.get("id") == "init", "the initialize response")

    def shutdown_and_exit(self, after_exit=lambda: None) -> float:
        """Send shutdown, wait for its answer, send exit: seconds until the process ended
        (stdin left open), or infinity when it did not end within a few seconds."""
        self.send({"id": "bye", "method": "shutdown"})
        answer = self.wait_for(lambda m: m.get("id") == "bye", "the shutdown response", timeout=5)
        assert "error" not in answer, answer
        self.send({"method": "exit"})
        start = time.monotonic()
        after_exit()
        try:
            code = self.proc.wait(timeout=3)
        except subprocess.TimeoutExpired:
            return float("inf")
        assert code == 0, f"exit status {code} after shutdown + exit"
        return time.monotonic() - start

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        for pipe in (self.proc.stdin, self.proc.stdout):
            try:
                pipe.close()
            except OSError:
                pass


FULL_CAPS = {
    "window": {"workDoneProgress": True},
    "workspace": {"configuration": True, "didChangeWatchedFiles": {"dynamicRegistration": True}},
    "textDocument": {"publishDiagnostics": {"relatedInformation": True}},
}


@pytest.fixture
def raw(tmp_path):
    clients = []

    def make(hold=None):
        c = RawClient(copy_example(tmp_path), hold)
        clients.append(c)
        return c

    yield make
    for c in clients:
        c.kill()


def test_exit_after_a_session_with_stdin_open(raw):
    c = raw()
    c.initialize(FULL_CAPS)
    c.send({"method": "initialized", "params": {}})
    path = c.root / "src" / "provisioning.c"
    c.send(
        {
            "method": "textDocument/didOpen",
            "params": {"textDocument": {"uri": path.as_uri(), "languageId": "c", "version": 1, "text": path.read_text()}},
        }
    )
    c.wait_for(
        lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == path.as_uri() and m["params"]["diagnostics"],
        "the diagnostics of provisioning.c",
    )
    took = c.shutdown_and_exit()
    assert took < EXIT_WITHIN, f"the server ended {took:.2f}s after exit (stdin open)"


def test_exit_right_after_initialize_with_stdin_open(raw):
    c = raw()
    c.initialize({})
    took = c.shutdown_and_exit()
    assert took < EXIT_WITHIN, f"the server ended {took:.2f}s after exit (stdin open)"


def test_exit_while_the_server_awaits_the_client(raw):
    """A client quitting right after start (an editor opened and closed at once): the server
    answers shutdown while its `initialized` handler still awaits the client's answer to
    workspace/configuration; the answer arrives just after exit (as pygls, the client of
    pytest-lsp, does with the server's window/workDoneProgress/create sent after shutdown)."""
    c = raw(hold="workspace/configuration")
    c.initialize(FULL_CAPS)
    c.send({"method": "initialized", "params": {}})
    pending = c.held.get(timeout=TIMEOUT)
    took = c.shutdown_and_exit(after_exit=lambda: c.reply(pending))
    assert took < EXIT_WITHIN, "the server did not end within 3 s of shutdown + exit (stdin open)"


def frame(message: dict) -> bytes:
    body = json.dumps({"jsonrpc": "2.0", **message}).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def test_bad_frames_are_answered_and_the_reader_resynchronises(raw):
    """Frames that cannot be read get a JSON-RPC parse error (with their id when it can be
    read) and the requests after them are answered; then shutdown + exit end the process."""
    c = raw()
    c.initialize(FULL_CAPS)
    c.send({"method": "initialized", "params": {}})
    hover = {"jsonrpc": "2.0", "id": 41, "method": "textDocument/hover",
             "params": {"textDocument": {"uri": (c.root / "src" / "main.c").as_uri()}, "position": {"line": 0, "character": 0}}}
    body = json.dumps(hover).encode()
    cases = [
        ("Content-Length abc", b"Content-Length: abc\r\n\r\n" + body, 41),
        ("shorter", b"Content-Length: %d\r\n\r\n" % (len(body) - 7) + body, 41),
        ("longer", b"Content-Length: %d\r\n\r\n" % (len(body) + 25) + body, 41),
        ("not JSON", b"Content-Length: 6\r\n\r\n{ oops", None),
    ]
    for n, (what, bad, id_) in enumerate(cases):
        good_id = f"good-{n}"
        c.send_bytes(bad + frame({"id": good_id, "method": "aics/nonsense"}))
        err = c.wait_for(lambda m: "error" in m and m.get("id") != good_id, f"the parse error for {what}")
        assert err["error"]["code"] == -32700, (what, err)
        assert err["id"] == id_, (what, err)
        # The error for the bad frame goes out before the answers to the frames after it.
        answer = c.wait_for(lambda m: m.get("id") == good_id, f"the answer after {what}")
        assert answer["error"]["code"] == -32601, (what, answer)
    took = c.shutdown_and_exit()
    assert took < EXIT_WITHIN, f"the server ended {took:.2f}s after exit (stdin open)"


def test_exit_without_shutdown_ends_with_status_1(raw):
    """The protocol's exit status: 1 when `exit` comes without a `shutdown` first (0 after
    both: every test using shutdown_and_exit checks that)."""
    c = raw()
    c.initialize(FULL_CAPS)
    c.send({"method": "exit"})
    try:
        code = c.proc.wait(timeout=3)
    except subprocess.TimeoutExpired:
        raise AssertionError("the server did not end within 3 s of exit") from None
    assert code == 1, f"exit status {code} after exit without shutdown"


def test_exit_after_a_bad_frame(raw):
    """`exit` ends the process after an unreadable frame whose rest never comes."""
    c = raw()
    c.initialize(FULL_CAPS)
    c.send_bytes(b"Content-Length: 200\r\n\r\n" + json.dumps({"jsonrpc": "2.0", "id": 5, "method": "shutdown"}).encode())
    c.send({"method": "exit"})
    try:
        c.proc.wait(timeout=3)
    except subprocess.TimeoutExpired:
        raise AssertionError("the server did not end within 3 s of exit after a bad frame") from None


def test_exit_while_initialize_is_in_flight(raw):
    c = raw()
    uri = c.root.as_uri()
    c.send_bytes(
        frame({"id": "init", "method": "initialize", "params": {"processId": None, "rootUri": uri, "capabilities": FULL_CAPS}})
        + frame({"method": "exit"})
    )
    try:
        c.proc.wait(timeout=3)
    except subprocess.TimeoutExpired:
        raise AssertionError("the server did not end within 3 s of exit during initialize") from None
