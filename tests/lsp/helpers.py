"""Shared pieces of the language-server end-to-end tests: where the server and the example
live, a fresh copy of the example per test, position arithmetic in the negotiated encoding,
and an open document that applies edits the way an editor does (incremental didChange)."""

from __future__ import annotations

import asyncio
import os
import pathlib
import shutil
import time

from lsprotocol import types

REPO = pathlib.Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "thermostat-device"
SERVER = pathlib.Path(os.environ.get("AICS_LINT_BIN", REPO / "target" / "debug" / "aics-lint"))
DOCS = "https://learn.microsoft.com/azure/certification/how-to-troubleshoot-pnp#"
DTMI = "dtmi:contoso:device:Thermostat;1"
TIMEOUT = float(os.environ.get("LSP_E2E_TIMEOUT", "15"))


def copy_example(dest: pathlib.Path) -> pathlib.Path:
    """A private copy of the example device: tests edit buffers, never the repository."""
    ws = dest / "thermostat-device"
    shutil.copytree(EXAMPLE, ws)
    return ws


def units(text: str, encoding: str) -> int:
    """The length of `text` in the code units of a negotiated position encoding."""
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    if encoding == "utf-32":
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def position_of(text: str, needle: str, encoding: str, occurrence: int = 0, delta: int = 0) -> types.Position:
    """The LSP position of the `occurrence`-th `needle` in `text` (plus `delta` characters)."""
    at = -1
    for _ in range(occurrence + 1):
        at = text.index(needle, at + 1)
    at += delta
    line = text.count("\n", 0, at)
    line_start = text.rfind("\n", 0, at) + 1
    return types.Position(line=line, character=units(text[line_start:at], encoding))


def offset_of(text: str, pos: types.Position, encoding: str) -> int:
    """The string index of an LSP position in `text`."""
    lines = text.split("\n")
    start = sum(len(line) + 1 for line in lines[: pos.line])
    line = lines[pos.line] if pos.line < len(lines) else ""
    count = 0
    for i, ch in enumerate(line):
        if count >= pos.character:
            return start + i
        count += units(ch, encoding)
    return start + len(line)


async def wait_until(predicate, timeout: float = TIMEOUT, what: str = "condition"):
    """Poll `predicate` until it returns something truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")
        await asyncio.sleep(0.02)


class Document:
    """An open buffer: the text the client believes in, its version, and edits sent as
    incremental `textDocument/didChange` ranges computed in the negotiated encoding."""

    def __init__(self, client, path: pathlib.Path, language_id: str, encoding: str):
        self.client = client
        self.path = path
        self.uri = path.as_uri()
        self.text = path.read_text(encoding="utf-8")
        self.version = 1
        self.encoding = encoding
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(uri=self.uri, language_id=language_id, version=1, text=self.text)
            )
        )

    def pos(self, needle: str, occurrence: int = 0, delta: int = 0) -> types.Position:
        return position_of(self.text, needle, self.encoding, occurrence, delta)

    def apply(self, edits: list[types.TextEdit]):
        """Send `edits` (non-overlapping, in the coordinates of the current text) as one
        didChange, last edit first so every range stays valid in order."""
        ordered = sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True)
        changes = []
        for e in ordered:
            start = offset_of(self.text, e.range.start, self.encoding)
            end = offset_of(self.text, e.range.end, self.encoding)
            self.text = self.text[:start] + e.new_text + self.text[end:]
            changes.append(types.TextDocumentContentChangePartial(range=e.range, text=e.new_text))
        self.version += 1
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=self.uri, version=self.version),
                content_changes=changes,
            )
        )

    def replace(self, old: str, new: str, occurrence: int = 0):
        start = self.pos(old, occurrence)
        end = self.pos(old, occurrence, delta=len(old))
        self.apply([types.TextEdit(range=types.Range(start=start, end=end), new_text=new)])

    def close(self):
        self.client.text_document_did_close(
            types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=self.uri))
        )
