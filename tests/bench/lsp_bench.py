#!/usr/bin/env python3
"""Language-server figures: keystroke-to-diagnostics latency (p50/p99 over N scripted edits)
for a 5,000-line C file and for a repository model with one error introduced; time to
first diagnostics on a large workspace and resident memory after indexing it.

usage: lsp_bench.py --binary BIN --model PATH_TO_r700-134.json --workspace FW10K [--edits 500]
       lsp_bench.py --binary BIN --index-workspace CHECKOUT --index-open REL [--index-interval 0.25]
       lsp_bench.py --binary BIN --side-by-side --dtdl-ls CMD [--models DIR] [--trees DIR] [--runs 3] [--edits 200] [--floor]
Prints one line per figure. The second form measures edits answered while a large
workspace (e.g. an SDK checkout) is indexed: REL is opened right after `initialized` and
edited every interval; each edit's latency is the time until a publication of its version. With --dtdl-ls CMD, runs the same model edits against another
DTDL language server (e.g. npm dtdl-language-server) and prints the ratio.
The third form prints the table of issue 13 in one run: the same scripted edits on
Thermostat;1 (one error) and the three largest models of --models (clean) against both
servers, alternating, medians of --runs runs; edits in real C programs of the SDK checkouts
in --trees; first diagnostics, peak RSS; and the workspace rows (one checkout, all four).
With --floor, also the harness's own floor: a trivial stdio server (this script with
--serve-trivial) that publishes at once, on the Thermostat;1 edits."""
import argparse
import json
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


def peak_rss_kb(proc):
    """The peak resident set (VmHWM) of a live process, kB."""
    try:
        with open(f"/proc/{proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def session(argv, root, rel, text, edits, pick_line, seed=3, timeout=30):
    """Open `rel` (its text `text`) in a fresh server on `root`, then `edits` single-character
    edits (type an `x` at the middle of a line `pick_line` chooses, then delete it), each
    waiting for the publication it causes. Returns (time to first diagnostics after didOpen
    in ms, edit latencies in ms, edits never answered, peak RSS kB)."""
    rng = random.Random(seed)
    c = Client(argv, cwd=root)
    c.initialize(root)
    uri = "file://" + os.path.join(root, rel)
    lang = "json" if rel.endswith(".json") else "c"
    t0 = time.monotonic()
    c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": lang, "version": 1, "text": text}})
    first = (c.wait_publish(uri, t0, timeout=120) - t0) * 1000
    c.wait_quiet(0.5)
    lines = text.split("\n")
    out, missed, version, inserted = [], 0, 1, None
    for _ in range(edits):
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
            out.append((c.wait_publish(uri, t, timeout=timeout) - t) * 1000)
        except TimeoutError:
            missed += 1
    hwm = peak_rss_kb(c.proc)
    c.shutdown()
    return first, out, missed, hwm


def serve_trivial():
    """A trivial stdio language server: answers initialize and shutdown, and publishes empty
    diagnostics for every didOpen/didChange at once, with its version. What the harness
    measures for it is the floor of every row: the client's own round trip."""
    buf = b""

    def send(msg):
        body = json.dumps(msg).encode()
        os.write(1, b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def more():
        data = os.read(0, 1 << 16)
        if not data:
            sys.exit(0)
        return data

    while True:
        while b"\r\n\r\n" not in buf:
            buf += more()
        head, _, rest = buf.partition(b"\r\n\r\n")
        n = next(int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length"))
        while len(rest) < n:
            rest += more()
        msg, buf = json.loads(rest[:n]), rest[n:]
        method = msg.get("method")
        if method == "initialize":
            send({"jsonrpc": "2.0", "id": msg["id"], "result": {"capabilities": {"textDocumentSync": 2}}})
        elif method == "shutdown":
            send({"jsonrpc": "2.0", "id": msg["id"], "result": None})
        elif method == "exit":
            sys.exit(0)
        elif method in ("textDocument/didOpen", "textDocument/didChange"):
            doc = msg["params"]["textDocument"]
            send({"jsonrpc": "2.0", "method": "textDocument/publishDiagnostics", "params": {"uri": doc["uri"], "version": doc["version"], "diagnostics": []}})


def side_by_side(a):
    """The table of issue 13: ours and the peer on the same files and edits, alternating."""
    ours = [a.binary, "server"]
    peer = a.dtdl_ls.split() if a.dtdl_ls else None
    models = a.models or os.path.join(os.environ.get("AICS_LINT_DATA", os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "data")), "pnp-models")
    if not os.path.isdir(models):
        sys.exit(f"no model repository at {models} (set --models or AICS_LINT_DATA)")
    biggest = sorted((os.path.getsize(os.path.join(d, f)), os.path.join(d, f)) for d, _, fs in os.walk(models) for f in fs if f.endswith(".json"))[-3:][::-1]
    thermostat = os.path.join(models, "dtmi", "com", "example", "thermostat-1.json")
    tmp = tempfile.mkdtemp(prefix="aics-lsp-side-")
    rows = []  # (label, ours, peer)
    med = statistics.median
    f1 = lambda x: f"{x:.1f}"  # noqa: E731
    text_line = lambda lines, r: r.choice([i for i, l in enumerate(lines) if '"displayName"' in l or '"description"' in l] or [1])  # noqa: E731

    def both(label, root, rel, text, pick):
        """Runs alternate ours / peer; medians of first diagnostics, p50, p99, peak RSS."""
        res = {"ours": [], "peer": []}
        for _ in range(a.runs):
            for who, argv in (("ours", ours), ("peer", peer)):
                if argv is None:
                    continue
                first, lat, missed, hwm = session(argv, root, rel, text, a.edits, pick)
                res[who].append((first, pct(lat, 50) if lat else float("nan"), pct(lat, 99) if lat else float("nan"), hwm, missed))
        out = {}
        for who, rs in res.items():
            if rs:
                out[who] = tuple(med(r[i] for r in rs) for i in range(4)) + (sum(r[4] for r in rs),)
        print(f"  {label}: " + "; ".join(f"{w} first {v[0]:.0f} ms, p50 {v[1]:.2f} ms, p99 {v[2]:.1f} ms, peak RSS {v[3] / 1024:.0f} MB, unanswered {v[4]}" for w, v in out.items()), flush=True)
        return out

    try:
        results = {}
        # Thermostat;1 with one error (a missing comma: DTDL001), and the three largest models, clean.
        ws = os.path.join(tmp, "models")
        os.makedirs(ws)
        subjects = []
        t = open(thermostat, encoding="utf-8").read()
        i = t.index(",\n", len(t) // 2)
        subjects.append(("Thermostat;1 (one error)", "thermostat-1.json", t[:i] + t[i + 1:]))
        for _, path in biggest:
            subjects.append((f"{os.path.relpath(path, models)} ({os.path.getsize(path) // 1024} KB, clean)", os.path.basename(path), open(path, encoding="utf-8").read()))
        for label, name, text in subjects:
            d = os.path.join(ws, name[:-5])
            os.makedirs(d)
            with open(os.path.join(d, name), "w", encoding="utf-8") as f:
                f.write(text)
            results[label] = both(label, d, name, text, text_line)
            if a.floor and name == "thermostat-1.json":
                # The harness's own floor, on the same edits: a server that answers at once.
                lat = []
                for _ in range(a.runs):
                    lat.append(session([sys.executable, os.path.abspath(__file__), "--serve-trivial"], d, name, text, a.edits, text_line)[1])
                print(f"  floor (a trivial stdio server answering each edit at once) on {label}: p50 {med(pct(x, 50) for x in lat):.3f} ms, "
                      f"p99 {med(pct(x, 99) for x in lat):.3f} ms", flush=True)

        # Real C programs from the SDK checkouts, with the models they name.
        c_results = {}
        if a.trees and os.path.isdir(a.trees):
            progs = [
                ("azure-iot-sdk-c pnp_simple_thermostat", "azure-iot-sdk-c/iothub_client/samples/pnp/pnp_simple_thermostat/pnp_simple_thermostat.c",
                 ["azure-iot-sdk-c/iothub_client/samples/pnp/pnp_simple_thermostat", "azure-iot-sdk-c/iothub_client/samples/pnp/common"], ["thermostat-1.json"]),
                ("azure-iot-sdk-c pnp_temperature_controller", "azure-iot-sdk-c/iothub_client/samples/pnp/pnp_temperature_controller/pnp_temperature_controller.c",
                 ["azure-iot-sdk-c/iothub_client/samples/pnp/pnp_temperature_controller", "azure-iot-sdk-c/iothub_client/samples/pnp/common"],
                 ["thermostat-1.json", "temperaturecontroller-2.json", "deviceinformation-1.json"]),
                ("azure-sdk-for-c paho_iot_pnp_sample", "azure-sdk-for-c/sdk/samples/iot/paho_iot_pnp_sample.c",
                 ["azure-sdk-for-c/sdk/samples/iot/paho_iot_pnp_sample.c", "azure-sdk-for-c/sdk/samples/iot/iot_sample_common.c", "azure-sdk-for-c/sdk/samples/iot/iot_sample_common.h",
                  "azure-sdk-for-c/sdk/samples/iot/paho_iot_pnp_sample_common.c", "azure-sdk-for-c/sdk/samples/iot/paho_iot_pnp_sample_common.h"], ["thermostat-1.json"]),
            ]
            string_line = lambda lines, r: r.choice([i for i, l in enumerate(lines) if '"' in l and not l.lstrip().startswith("#")] or [0])  # noqa: E731
            for label, main_c, parts, model_names in progs:
                d = os.path.join(tmp, "c", label.replace(" ", "_"))
                os.makedirs(os.path.join(d, "models"))
                n = 0
                for part in parts:
                    src = os.path.join(a.trees, part)
                    files = [src] if os.path.isfile(src) else [os.path.join(src, f) for f in os.listdir(src) if f.endswith((".c", ".h"))]
                    for f in files:
                        dst = os.path.join(d, os.path.relpath(f, a.trees))
                        os.makedirs(os.path.dirname(dst), exist_ok=True)
                        shutil.copy(f, dst)
                        n += 1
                for m in model_names:
                    found = next(os.path.join(dd, m) for dd, _, fs in os.walk(os.path.join(models, "dtmi")) if m in fs)
                    shutil.copy(found, os.path.join(d, "models", m))
                text = open(os.path.join(a.trees, main_c), encoding="utf-8", errors="replace").read()
                lab = f"{label} ({n} C files)"
                r = {}
                for _ in range(a.runs):
                    first, lat, missed, hwm = session(ours, d, main_c, text, a.edits, string_line)
                    r.setdefault("runs", []).append((first, pct(lat, 50), pct(lat, 99), hwm, missed))
                rs = r["runs"]
                c_results[lab] = tuple(med(x[i] for x in rs) for i in range(4)) + (sum(x[4] for x in rs),)
                v = c_results[lab]
                print(f"  {lab}: ours first {v[0]:.0f} ms, p50 {v[1]:.1f} ms, p99 {v[2]:.1f} ms, peak RSS {v[3] / 1024:.0f} MB, unanswered {v[4]}", flush=True)

        # Workspaces: one SDK checkout (netxduo), then all four.
        ws_rows = []
        if a.trees and os.path.isdir(a.trees) and not a.skip_workspaces:
            for label, root, rel in (
                ("one SDK checkout (netxduo)", os.path.join(a.trees, "netxduo"), "addons/azure_iot/samples/sample_azure_iot_embedded_sdk_pnp.c"),
                ("four SDK checkouts", a.trees, "azure-iot-sdk-c/iothub_client/samples/pnp/pnp_simple_thermostat/pnp_simple_thermostat.c"),
            ):
                if not os.path.isfile(os.path.join(root, rel)):
                    continue
                files = sum(len([f for f in fs if f.endswith((".c", ".h", ".json"))]) for _, _, fs in os.walk(root))
                during, after, unanswered, ended, message, rss = during_indexing(a.binary, root, rel, a.index_interval, a.index_after, a.index_limit)
                ws_rows.append((label, files, during, after, unanswered, ended, rss))
                print(f"  {label} ({files:,} files): indexed {'never' if ended is None else f'{ended:.1f} s'} ({message}); RSS {rss / 1024:.0f} MB; "
                      f"during: {len(during)} edits p50 {f1(pct(during, 50)) if during else '-'} ms p99 {f1(pct(during, 99)) if during else '-'} ms; "
                      f"after: {len(after)} edits p50 {f1(pct(after, 50)) if after else '-'} ms p99 {f1(pct(after, 99)) if after else '-'} ms; unanswered {unanswered}", flush=True)

        # The table.
        peer_name = peer[0] if peer else "peer"
        print()
        print(f"| medians of {a.runs} alternating runs of {a.edits} edits | aics-lint | {os.path.basename(peer_name)} | ratio |")
        print("| --- | --- | --- | --- |")
        firsts_o = [v["ours"][0] for v in results.values()] + [v[0] for v in c_results.values()]
        firsts_p = [v["peer"][0] for v in results.values() if "peer" in v]
        rng_ = lambda xs: f"{min(xs):.0f}–{max(xs):.0f} ms" if xs else "–"  # noqa: E731
        print(f"| first diagnostics on open (models, C programs) | {rng_(firsts_o)} | {rng_(firsts_p)} | |")
        for label, v in results.items():
            o, p = v["ours"], v.get("peer")
            ratio = f"{p[1] / o[1]:.1f}x" if p and o[1] > 0 else "–"
            # Sub-millisecond medians with two decimals, or the ratio cannot be read off them.
            ms = lambda x: f"{x:.2f}" if x < 1 else f"{x:.1f}"  # noqa: E731
            print(f"| per edit p50 / p99, {label} | {ms(o[1])} / {ms(o[2])} ms | {f'{ms(p[1])} / {ms(p[2])} ms' if p else '–'} | {ratio} |")
        for label, v in c_results.items():
            print(f"| per edit p50 / p99, {label} | {v[1]:.1f} / {v[2]:.1f} ms | – | |")
        hw_o = [v["ours"][3] / 1024 for v in results.values()]
        hw_p = [v["peer"][3] / 1024 for v in results.values() if "peer" in v]
        print(f"| peak RSS on one model | {min(hw_o):.0f}–{max(hw_o):.0f} MB | {f'{min(hw_p):.0f}–{max(hw_p):.0f} MB' if hw_p else '–'} | |")
        for label, files, during, after, unanswered, ended, rss in ws_rows:
            d = f"during indexing p50 {pct(during, 50):.0f} / p99 {pct(during, 99):.0f} ms" if during else "no edit during indexing"
            af = f"after p50 {pct(after, 50):.0f} / p99 {pct(after, 99):.0f} ms" if after else "no edit after"
            print(f"| workspace = {label} ({files:,} files) | indexed {'never' if ended is None else f'in {ended:.1f} s'}, RSS {rss / 1024:.0f} MB; edits {d}, {af}; {unanswered} unanswered | – | |")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


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
    ap.add_argument("--side-by-side", action="store_true", help="the table of issue 13, ours and --dtdl-ls alternating")
    ap.add_argument("--models", help="the model repository (default $AICS_LINT_DATA/pnp-models)")
    ap.add_argument("--trees", help="the folder of the four SDK checkouts (real C programs, workspace rows)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--skip-workspaces", action="store_true")
    ap.add_argument("--floor", action="store_true", help="also measure a trivial stdio server (the harness's floor) on Thermostat;1")
    if sys.argv[1:] == ["--serve-trivial"]:
        serve_trivial()
        return
    a = ap.parse_args()
    a.binary = os.path.abspath(a.binary)
    if a.side_by_side:
        side_by_side(a)
        return
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
