"""Edits are answered while a large workspace is being indexed: the open document's
analysis never waits behind the scan. A raw client (test_exit.RawClient) on the example
device beside two thousand library files, so the scan runs for seconds."""

from __future__ import annotations

import re

import pytest

from helpers import copy_example
from test_exit import FULL_CAPS, RawClient

LIBRARY_FILES = 2000


def library_file(i: int) -> str:
    """A driver-like C file: functions, macros, assignments and calls, no IoT code."""
    body = [f"#include \"drv_{i % 17}.h\"\n#define DRV_{i}_REG (0x{i:04x}u)\nstatic int state_{i};\n"]
    for k in range(12):
        body.append(
            f"int drv_{i}_op_{k}(int a)\n{{\n    int v = a * {k + 1};\n    state_{i} = v + DRV_{i}_REG;\n"
            f"    if (v > {k}) {{ v = drv_{i}_op_{(k + 1) % 12}(v - 1); }}\n    return v;\n}}\n"
        )
    return "".join(body)


@pytest.fixture
def big(tmp_path):
    ws = copy_example(tmp_path)
    # Under src/: the example's config lints src/** and models/** only.
    lib = ws / "src" / "lib"
    lib.mkdir()
    for i in range(LIBRARY_FILES):
        (lib / f"drv_{i}.c").write_text(library_file(i), encoding="utf-8")
    c = RawClient(ws)
    yield c
    c.kill()


def test_edits_during_indexing_are_answered_before_it_ends(big):
    c = big
    c.initialize(FULL_CAPS)
    c.send({"method": "initialized", "params": {}})
    path = c.root / "src" / "provisioning.c"
    uri = path.as_uri()
    text = path.read_text(encoding="utf-8")
    c.send({"method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "c", "version": 1, "text": text}}})
    seen = []  # every message, in arrival order

    def until(predicate, what):
        def keep(m):
            seen.append(m)
            return predicate(m)

        return c.wait_for(keep, what, timeout=120)

    def published(version):
        return lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri and m["params"].get("version") == version

    until(published(1), "the publication of the opened file")
    # Type a character at the start of the file and delete it again, three times.
    for version in range(2, 8):
        typed = version % 2 == 0
        end = {"line": 0, "character": 0 if typed else 1}
        change = {"range": {"start": {"line": 0, "character": 0}, "end": end}, "text": "x" if typed else ""}
        c.send({"method": "textDocument/didChange", "params": {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}})
        until(published(version), f"the publication of version {version}")
    ended = lambda m: m.get("method") == "$/progress" and m["params"]["value"].get("kind") == "end"  # noqa: E731
    assert not any(ended(m) for m in seen), "the indexing ended before the edits: the workspace is too small to test this"
    assert any(m.get("method") == "$/progress" and m["params"]["value"].get("kind") == "begin" for m in seen), "no indexing progress began"
    # The indexing does end, with the counts of the whole workspace.
    end = until(ended, "the end of the indexing")
    counted = re.match(r"(\d+) files \(", end["params"]["value"].get("message", ""))
    assert counted and int(counted.group(1)) > LIBRARY_FILES, end
    assert c.shutdown_and_exit() < 5
