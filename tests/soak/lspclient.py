"""A plain stdio LSP client for the soak test and the language-server benchmark: frames
JSON-RPC over a subprocess, answers the server's own requests, and keeps the latest
published diagnostics per document."""
import json
import os
import subprocess
import threading
import time


class Client:
    def __init__(self, argv, cwd=None):
        self.proc = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.next_id = 1
        self.lock = threading.Condition()
        self.responses = {}
        self.published = {}  # uri -> (time, version, diagnostics)
        self.last_message = time.monotonic()
        self.publish_count = 0
        self.versions = {}  # (uri, version) -> arrival time of its first publication
        self.progress_end = None  # arrival time of the first work-done progress end
        self.progress_message = None
        self.closed = False
        threading.Thread(target=self._read, daemon=True).start()

    def _send(self, msg):
        body = json.dumps(msg).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    with self.lock:
                        self.closed = True
                        self.lock.notify_all()
                    return
                line = line.strip()
                if not line:
                    break
                k, _, v = line.partition(b":")
                if k.lower() == b"content-length":
                    length = int(v)
            msg = json.loads(out.read(length))
            now = time.monotonic()
            if "method" in msg and "id" in msg:
                # A request from the server: configuration, capability registration, progress.
                result = [None] * len(msg.get("params", {}).get("items", [])) if msg["method"] == "workspace/configuration" else None
                self._send({"jsonrpc": "2.0", "id": msg["id"], "result": result})
                continue
            with self.lock:
                self.last_message = now
                if "id" in msg:
                    self.responses[msg["id"]] = msg
                elif msg.get("method") == "textDocument/publishDiagnostics":
                    p = msg["params"]
                    self.published[p["uri"]] = (now, p.get("version"), p["diagnostics"])
                    self.versions.setdefault((p["uri"], p.get("version")), now)
                    self.publish_count += 1
                elif msg.get("method") == "$/progress" and msg["params"]["value"].get("kind") == "end" and self.progress_end is None:
                    self.progress_end = now
                    self.progress_message = msg["params"]["value"].get("message")
                self.lock.notify_all()

    def request(self, method, params, timeout=60):
        i = self.next_id
        self.next_id += 1
        self._send({"jsonrpc": "2.0", "id": i, "method": method, "params": params})
        deadline = time.monotonic() + timeout
        with self.lock:
            while i not in self.responses:
                left = deadline - time.monotonic()
                if left <= 0 or self.closed:
                    raise TimeoutError(f"no answer to {method}")
                self.lock.wait(left)
            return self.responses.pop(i)

    def notify(self, method, params):
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def initialize(self, root, progress=False):
        uri = "file://" + os.path.abspath(root)
        capabilities = {"textDocument": {"publishDiagnostics": {"versionSupport": True}}}
        if progress:
            capabilities["window"] = {"workDoneProgress": True}
        self.request("initialize", {
            "processId": os.getpid(),
            "rootUri": uri,
            "workspaceFolders": [{"uri": uri, "name": "ws"}],
            "capabilities": capabilities,
        })
        self.notify("initialized", {})

    def wait_quiet(self, quiet=1.0, timeout=120):
        """Until nothing has arrived for `quiet` seconds."""
        deadline = time.monotonic() + timeout
        with self.lock:
            while True:
                idle = time.monotonic() - self.last_message
                if idle >= quiet:
                    return
                if time.monotonic() > deadline:
                    raise TimeoutError("the server never went quiet")
                self.lock.wait(quiet - idle)

    def wait_publish(self, uri, after, timeout=60):
        """The first diagnostics published for `uri` after time `after`; its arrival time."""
        deadline = time.monotonic() + timeout
        with self.lock:
            while True:
                got = self.published.get(uri)
                if got and got[0] > after:
                    return got[0]
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"no diagnostics for {uri}")
                self.lock.wait(left)

    def wait_version(self, uri, version, timeout=60):
        """The arrival time of the first publication of `uri` at `version`, or None."""
        deadline = time.monotonic() + timeout
        with self.lock:
            while True:
                got = self.versions.get((uri, version))
                if got is not None:
                    return got
                left = deadline - time.monotonic()
                if left <= 0 or self.closed:
                    return None
                self.lock.wait(left)

    def rss_kb(self):
        try:
            with open(f"/proc/{self.proc.pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1])
        except OSError:
            return 0
        return 0

    def shutdown(self):
        try:
            self.request("shutdown", None, timeout=10)
            self.notify("exit", None)
            self.proc.wait(timeout=10)
        except Exception:
            self.proc.kill()
