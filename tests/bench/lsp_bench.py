#!/usr/bin/env python3
"""Language-server figures: keystroke-to-diagnostics latency (p50/p99 over N scripted edits)
for a 5,000-line C file and for a repository model with one error introduced; time to
first diagnostics on a large workspace and resident memory after indexing it.

usage: lsp_bench.py --binary BIN --model PATH_TO_r700-134.json --workspace FW10K [--edits 500]
       lsp_bench.py --binary BIN --index-workspace CHECKOUT --index-open REL [--index-interval 0.25]
Prints one line per figure. The second form measures edits answered while a large
workspace (e.g. an SDK checkout) is indexed: REL is opened right after `initialized` and
edited every interval; each edit's latency is the time until a publication of its version. With --dtdl-ls CMD, runs the same model edits against another
DTDL language server (e.g. npm dtdl-language-server) and prints the ratio."""
import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "soak"))
from lspclient import Client  # noqa: E402


def big_c_file(lines):
    head = '''#include "azure_prov_client/prov_device_ll_client.h"
#include "iothub_device_client_ll.h"
#define MODEL_ID "dtmi:com:example:Thermostat;1"
int main(void)
{
    PROV_DEVICE_LL_HANDLE prov = Prov_Device_LL_Create("global.azure-devices-provisioning.net", "0ne0000000A", Prov_Device_MQTT_Protocol);
    (void)Prov_Device_LL_Register_Device(prov, NULL, NULL, NULL, NULL);
    return 0;
}
'''
    out = [head]
    n = head.count("\n")
    i = 0
    while n < lines:
        out.append(f"static int helper_{i}(int a)\n{{\n    int b = a * {i};\n    if (b > 7)\n    {{\n        b = b / 3;\n    }}\n    return b;\n}}\n")
        n += 10
        i += 1
    return "".join(out)


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def latency(argv, root, rel, text, edits, rng, pick_line):
    """Open `rel` with `text`, then `edits` single-character edits, each waiting for the
    diagnostics it causes; returns the latencies in ms."""
    c = Client(argv, cwd=root)
    c.initialize(root)
    uri = "file://" + os.path.join(root, rel)
    t0 = time.monotonic()
    c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "json" if rel.endswith(".json") else "c", "version": 1, "text": text}})
    c.wait_publish(uri, t0, timeout=120)
    c.wait_quiet(0.5)
    lines = text.split("\n")
    out = []
    version = 1
    inserted = None
    for k in range(edits):
        version += 1
        if inserted is None:
            line = pick_line(lines, rng)
            col = len(lines[line]) // 2
            change = {"range": {"start": {"line": line, "character": col}, "end": {"line": line, "character": col}}, "text": "x"}
            inserted = (line, col)
        else:
            line, col = inserted
            change = {"range": {"start": {"line": line, "character": col}, "end": {"line": line, "character": col + 1}}, "text": ""}
            inserted = None
        t = time.monotonic()
        c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})
        try:
            got = c.wait_publish(uri, t, timeout=30)
        except TimeoutError:
            got = None
        if got is not None:
            out.append((got - t) * 1000)
    rss = c.rss_kb()
    c.shutdown()
    return out, rss


def during_indexing(binary, root, rel, interval, after_edits, limit, at=(0, 0)):
    """Open `rel` at once and edit it every `interval` s while the workspace is indexed,
    then `after_edits` more; returns (latencies during indexing, after it, unanswered,
    seconds until the indexing progress ended, its message, RSS kB)."""
    root = os.path.abspath(root)
    c = Client([binary, "server"], cwd=root)
    t0 = time.monotonic()
    c.initialize(root, progress=True)
    path = os.path.join(root, rel)
    uri = "file://" + path
    text = open(path, encoding="utf-8", errors="replace").read()
    c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "c", "version": 1, "text": text}})
    during, after, unanswered = [], [], 0
    version = 1
    inserted = False
    while time.monotonic() - t0 < limit:
        if c.progress_end is not None and len(after) >= after_edits:
            break
        version += 1
        # Type a character at `at` (line, column; the start of the file by default), then
        # delete it.
        line, col = at
        rng_ = {"start": {"line": line, "character": col}, "end": {"line": line, "character": col + 1 if inserted else col}}
        change = {"range": rng_, "text": "" if inserted else "x"}
        inserted = not inserted
        indexing = c.progress_end is None
        t = time.monotonic()
        c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})
        got = c.wait_version(uri, version, timeout=30)
        if got is None:
            unanswered += 1
        else:
            (during if indexing and (c.progress_end is None or got <= c.progress_end) else after).append((got - t) * 1000)
        time.sleep(max(0.0, interval - (time.monotonic() - t)))
    ended = None if c.progress_end is None else c.progress_end - t0
    message = c.progress_message
    rss = c.rss_kb()
    c.shutdown()
    return during, after, unanswered, ended, message, rss


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--model")
    ap.add_argument("--workspace")
    ap.add_argument("--index-workspace", help="a large checkout to index while editing one of its files")
    ap.add_argument("--index-open", help="the file to edit, relative to --index-workspace")
    ap.add_argument("--index-interval", type=float, default=0.25)
    ap.add_argument("--index-at", default="0:0", help="LINE:COLUMN (0-based) where the edits type")
    ap.add_argument("--index-after", type=int, default=20, help="edits to measure after indexing ended")
    ap.add_argument("--index-limit", type=float, default=600, help="give up after this many seconds")
    ap.add_argument("--edits", type=int, default=500)
    ap.add_argument("--dtdl-ls", default=None, help="command line of another DTDL language server to compare")
    a = ap.parse_args()
    a.binary = os.path.abspath(a.binary)
    if a.index_workspace:
        files = sum(len([f for f in fs if f.endswith((".c", ".h", ".json"))]) for _, _, fs in os.walk(a.index_workspace))
        during, after, unanswered, ended, message, rss = during_indexing(
            a.binary, a.index_workspace, a.index_open, a.index_interval, a.index_after, a.index_limit,
            tuple(int(x) for x in a.index_at.split(":")))
        fmt = lambda xs: f"p50 {pct(xs, 50):.1f} ms, p99 {pct(xs, 99):.1f} ms, max {max(xs):.1f} ms over {len(xs)} edits" if xs else "no edits"  # noqa: E731
        print(f"lsp  indexing {files:,} files: progress ended {'never' if ended is None else f'at {ended:.1f} s'} ({message}); RSS {rss / 1024:.0f} MB")
        print(f"lsp  edits during indexing: {fmt(during)}")
        print(f"lsp  edits after indexing: {fmt(after)}")
        print(f"lsp  edits never answered (30 s): {unanswered}")
        return
    if not (a.model and a.workspace):
        ap.error("--model and --workspace (or --index-workspace)")
    rng = random.Random(3)
    tmp = tempfile.mkdtemp(prefix="aics-lsp-bench-")
    try:
        # 1. A 5,000-line C file.
        ws = os.path.join(tmp, "c")
        os.makedirs(ws)
        text = big_c_file(5000)
        with open(os.path.join(ws, "main.c"), "w") as f:
            f.write(text)
        body_line = lambda lines, r: r.choice([i for i, l in enumerate(lines) if "int b = a" in l])  # noqa: E731
        lat, _ = latency([a.binary, "server"], ws, "main.c", text, a.edits, rng, body_line)
        print(f"lsp  C file 5,000 lines: keystroke-to-diagnostics p50 {pct(lat, 50):.1f} ms, p99 {pct(lat, 99):.1f} ms over {len(lat)} edits")

        # 2. The repository model with one error introduced (a missing comma: DTDL001).
        ws = os.path.join(tmp, "model")
        os.makedirs(os.path.join(ws, "models"))
        model = open(a.model).read()
        i = model.index(",\n", len(model) // 2)
        broken = model[:i] + model[i + 1:]
        rel = "models/" + os.path.basename(a.model)
        with open(os.path.join(ws, rel), "w") as f:
            f.write(broken)
        name_line = lambda lines, r: r.choice([i for i, l in enumerate(lines) if '"displayName"' in l or '"description"' in l] or [1])  # noqa: E731
        lat_m, _ = latency([a.binary, "server"], ws, rel, broken, a.edits, rng, name_line)
        print(f"lsp  model {os.path.basename(a.model)} ({broken.count(chr(10)) + 1} lines, one error): p50 {pct(lat_m, 50):.1f} ms, p99 {pct(lat_m, 99):.1f} ms over {len(lat_m)} edits")
        if a.dtdl_ls:
            lat_o, _ = latency(a.dtdl_ls.split(), ws, rel, broken, a.edits, random.Random(3), name_line)
            if lat_o:
                print(f"lsp  same edits, {a.dtdl_ls.split()[0]}: p50 {pct(lat_o, 50):.1f} ms, p99 {pct(lat_o, 99):.1f} ms "
                      f"(ratio p50 {pct(lat_o, 50) / pct(lat_m, 50):.1f}x)")
            else:
                print(f"lsp  {a.dtdl_ls}: published no diagnostics for the edits")

        # 3. Time to first diagnostics on a large workspace, and memory after indexing it.
        root = os.path.abspath(a.workspace)
        files = sum(len([f for f in fs if f.endswith((".c", ".h", ".json"))]) for _, _, fs in os.walk(root))
        c = Client([a.binary, "server"], cwd=root)
        t0 = time.monotonic()
        c.initialize(root)
        main_c = os.path.join(root, "src", "main.c")
        uri = "file://" + main_c
        # The open buffer drops the payload's modelId, so there is a finding to publish.
        text = open(main_c).read().replace("modelId", "model")
        c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "c", "version": 1, "text": text}})
        first = c.wait_publish(uri, t0, timeout=600)
        c.wait_quiet(2.0, timeout=600)
        settled = c.last_message
        rss = c.rss_kb()
        c.shutdown()
        print(f"lsp  workspace of {files:,} files: first diagnostics {first - t0:.2f} s, settled {settled - t0:.2f} s, RSS after indexing {rss / 1024:.0f} MB")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
