#!/usr/bin/env python3
"""Language-server soak: open, edit and close documents with random edits for DURATION
seconds; after each quiet period the diagnostics the server published must equal those of
a fresh `aics-lint check --format json` on the same texts (no drift, no stale state), and
the server's resident memory must not keep growing.

usage: soak.py --binary target/release/aics-lint [--duration 300] [--seed 1]
Exit 0 when every round matched; 1 with the first difference otherwise."""
import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lspclient import Client  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SOURCES = [
    "examples/thermostat-device",
    "tests/fixtures/programs/iothubll-correct",
    "tests/fixtures/programs/iothubll-payload-in-other-file",
    "tests/fixtures/programs/embedded-model-id-mismatch",
    "tests/fixtures/programs/freertos-no-payload",
    "tests/fixtures/telemetry/embedded-thermostat-correct",
]
# Edits that move findings: Model IDs, payload keys, calls, syntax.
SNIPPETS = [
    ";", "}", "{", "(", ")", "\n", "\"", "/* x */", "// aics-lint: ignore AICS001\n", "modelId", "iotcModelId",
    "\"dtmi:com:example:Other;1\"", "dtmi:bad", "Prov_Device_LL_Register_Device(h, NULL, NULL, NULL, NULL);\n",
    "IoTHubDeviceClient_LL_SetOption(hub, OPTION_MODEL_ID, \"dtmi:x:y;1\");\n", "#ifdef X\n", "#endif\n",
    "\"humidity\"", "\"Telemetry\"", ",", "]", "[",
]


def pos_of(text, offset):
    line = text.count("\n", 0, offset)
    col = offset - (text.rfind("\n", 0, offset) + 1)
    return {"line": line, "character": col}


def key(path, d_line, d_col, code, message):
    return (path, d_line, d_col, code, message)


def check_json(binary, mirror):
    out = subprocess.run([binary, "check", "--format", "json", "."], cwd=mirror, capture_output=True, timeout=300)
    if out.returncode not in (0, 1):
        raise SystemExit(f"aics-lint check failed ({out.returncode}): {out.stderr.decode(errors='replace')}")
    got = set()
    for d in json.loads(out.stdout)["diagnostics"]:
        if d.get("suppressed"):
            continue
        s = d["range"]["start"]
        got.add(key(os.path.normpath(d["path"]), s["line"], s["column"], d["code"], d["message"]))
    return got


def published(client, ws):
    got = set()
    prefix = "file://" + ws + "/"
    for uri, (_, _, diags) in client.published.items():
        rel = uri[len(prefix):] if uri.startswith(prefix) else uri
        for d in diags:
            s = d["range"]["start"]
            code = d.get("code")
            got.add(key(os.path.normpath(rel), s["line"] + 1, s["character"] + 1, code, d["message"]))
    return got


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=os.path.join(ROOT, "target/release/aics-lint"))
    ap.add_argument("--duration", type=float, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--quiet", type=float, default=0.8)
    a = ap.parse_args()
    a.binary = os.path.abspath(a.binary)
    rng = random.Random(a.seed)
    tmp = tempfile.mkdtemp(prefix="aics-soak-")
    ws = os.path.join(tmp, "ws")
    for s in SOURCES:
        shutil.copytree(os.path.join(ROOT, s), os.path.join(ws, os.path.basename(s)))
    ws = os.path.realpath(ws)
    files = sorted(os.path.relpath(os.path.join(d, f), ws) for d, _, fs in os.walk(ws) for f in fs
                   if f.endswith((".c", ".h", ".json")))
    disk = {f: open(os.path.join(ws, f)).read() for f in files}
    client = Client([a.binary, "server"], cwd=ws)
    client.initialize(ws)
    client.wait_quiet(a.quiet)
    open_docs = {}  # rel -> (version, text)
    rounds, edits, rss, late_rounds = 0, 0, [], []
    started = time.monotonic()
    try:
        while time.monotonic() - started < a.duration:
            for _ in range(rng.randint(1, 6)):
                f = rng.choice(files)
                uri = "file://" + os.path.join(ws, f)
                if f not in open_docs:
                    open_docs[f] = (1, disk[f])
                    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "json" if f.endswith(".json") else "c", "version": 1, "text": disk[f]}})
                    continue
                if rng.random() < 0.1:
                    del open_docs[f]
                    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
                    continue
                version, text = open_docs[f]
                changes = []
                for _ in range(rng.randint(1, 4)):
                    start = rng.randint(0, len(text))
                    end = min(len(text), start + rng.choice([0, 0, 1, 3, 10, 40]))
                    new = rng.choice(SNIPPETS) if rng.random() < 0.8 else ""
                    changes.append({"range": {"start": pos_of(text, start), "end": pos_of(text, end)}, "text": new})
                    text = text[:start] + new + text[end:]
                    edits += 1
                version += 1
                open_docs[f] = (version, text)
                client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": changes})
            client.wait_quiet(a.quiet)
            # The same texts on disk, linted afresh.
            mirror = os.path.join(tmp, "mirror")
            shutil.rmtree(mirror, ignore_errors=True)
            shutil.copytree(ws, mirror)
            for f, (_, text) in open_docs.items():
                with open(os.path.join(mirror, f), "w") as out:
                    out.write(text)
            want = check_json(a.binary, mirror)
            have = published(client, ws)
            rounds += 1
            if want != have:
                # Give a slow analysis its time before calling it drift.
                time.sleep(5)
                client.wait_quiet(a.quiet)
                late = published(client, ws)
                if late == want:
                    print(f"round {rounds}: matched only after 5 s more (slow publish)", file=sys.stderr)
                    late_rounds.append(rounds)
                    have = late
            if want != have:
                print(f"round {rounds}: published diagnostics differ from a fresh check", file=sys.stderr)
                for d in sorted(want - have):
                    print(f"  only in check:  {d}", file=sys.stderr)
                for d in sorted(have - want):
                    print(f"  only published: {d}", file=sys.stderr)
                keep = os.path.join(tmp, f"failed-round-{rounds}")
                shutil.copytree(mirror, keep)
                print(f"  the texts are kept in {keep}", file=sys.stderr)
                return 1
            rss.append(client.rss_kb())
    finally:
        client.shutdown()
    base = max(rss[: max(1, len(rss) // 5)]) if rss else 0
    peak_late = max(rss[len(rss) // 2:]) if rss else 0
    print(f"soak: {rounds} rounds, {edits} edits in {time.monotonic() - started:.0f} s; published == fresh check every round; "
          f"RSS {rss[0] if rss else 0} KB first, {base} KB early peak, {peak_late} KB late peak, {rss[-1] if rss else 0} KB last")
    if rss and peak_late > base * 1.5 + 20_000:
        print("soak: resident memory keeps growing", file=sys.stderr)
        return 1
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
