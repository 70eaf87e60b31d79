"""Real editors in batch mode against the built server: Neovim 0.7 (Debian, start_client +
buf_attach_client), Neovim 0.11 (PyPI wheel, vim.lsp.start) and Emacs 28 + eglot 1.9. Each
driver (nvim_drive.lua, eglot_drive.el) opens provisioning.c of a copy of the example, and
writes what the editor got as JSON lines; these tests assert on them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time

import pytest

from helpers import DOCS, SERVER, copy_example

HERE = os.path.dirname(os.path.abspath(__file__))


def _tool(env: str, fallback: str | None) -> str | None:
    """The editor run.sh found (an empty value: not installed, already reported), else PATH."""
    if env in os.environ:
        return os.path.abspath(os.environ[env]) if os.environ[env] else None
    return shutil.which(fallback) if fallback else None


EDITORS = {
    "neovim-0.7": ("nvim", _tool("LSP_E2E_NVIM07", None)),
    "neovim-0.11": ("nvim", _tool("LSP_E2E_NVIM011", None)),
    "emacs-eglot": ("emacs", _tool("LSP_E2E_EMACS", "emacs")),
}
_runs: dict[str, dict] = {}


def run_editor(name: str, tmp_path_factory) -> dict:
    """Run the driver once per editor; the events it wrote, by name."""
    if name in _runs:
        return _runs[name]
    kind, exe = EDITORS[name]
    if not exe:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{name} is not installed, and under CI=true nothing is skipped")
        pytest.skip(f"{name} is not installed (tests/lsp/run.sh says how to install it)")
    ws = copy_example(tmp_path_factory.mktemp(name))
    out = ws.parent / "events.jsonl"
    target = ws / "src" / "provisioning.c"
    home = ws.parent / "home"  # the editors' logs and state stay out of the real home
    env = dict(
        os.environ,
        AICS_SERVER=str(SERVER), AICS_ROOT=str(ws), AICS_FILE=str(target), AICS_OUT=str(out),
        HOME=str(home), XDG_STATE_HOME=str(home / "state"), XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"), XDG_CONFIG_HOME=str(home / "config"),
    )
    home.mkdir()
    if kind == "nvim":
        cmd = [exe, "--headless", "--clean", "-c", f"luafile {HERE}/nvim_drive.lua", str(target)]
    else:
        cmd = [exe, "-Q", "--batch", "-l", f"{HERE}/eglot_drive.el"]
    start = time.monotonic()
    try:
        proc = subprocess.run(cmd, cwd=ws, env=env, capture_output=True, text=True, timeout=90, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as e:
        raise AssertionError(f"{name} did not finish within 90 s: {e.stderr}") from None
    events = {}
    if out.exists():
        for line in out.read_text().splitlines():
            event = json.loads(line)
            events[event.pop("event")] = event
    result = {"events": events, "code": proc.returncode, "log": proc.stdout + proc.stderr, "seconds": time.monotonic() - start}
    _runs[name] = result
    return result


@pytest.fixture(params=list(EDITORS))
def editor(request, tmp_path_factory):
    result = run_editor(request.param, tmp_path_factory)
    result["name"] = request.param
    return result


def event(result, name: str) -> dict:
    events = result["events"]
    assert "error" not in events, f"{result['name']}: {events['error']['message']}\n{result['log']}"
    assert name in events, f"{result['name']} wrote no {name!r} (exit {result['code']}); events: {list(events)}\n{result['log']}"
    return events[name]


def test_editor_starts_the_server(editor):
    started = event(editor, "started")
    if editor["name"] == "neovim-0.7":
        assert started == {"version": "0.7", "api": "vim.lsp.start_client"}
    elif editor["name"] == "neovim-0.11":
        assert started == {"version": "0.11", "api": "vim.lsp.start"}
    else:
        assert started["eglot"] == "1.9"


def test_editor_shows_aics001_with_its_link(editor):
    items = event(editor, "diagnostics")["items"]
    (d,) = [i for i in items if i["code"] == "AICS001"]
    assert d.get("lnum", d.get("line")) == 37
    assert d["source"] == "aics-lint"
    assert d["href"].startswith(DOCS), d
    assert "iotcModelId" in d["message"]


def test_editor_hover_explains_the_finding(editor):
    value = event(editor, "hover")["value"]
    assert "AICS001" in value and "How to fix it" in value, value


def test_editor_code_actions(editor):
    titles = event(editor, "code_actions")["titles"]
    assert "Suppress AICS001 on this line" in titles, titles
    assert "Open the troubleshooting step for AICS001" in titles, titles


def test_editor_edit_clears_aics001(editor):
    items = event(editor, "after_edit")["items"]
    assert "AICS001" not in [i["code"] for i in items], items


def test_editor_stops_the_server(editor):
    stopped = event(editor, "stopped")
    assert stopped["gone"], stopped
    assert stopped["ms"] < 1000, stopped
    if "status" in stopped:  # Emacs: the server ended by itself, with status 0
        assert (stopped["how"], stopped["status"]) == ("exit", 0), stopped
    assert editor["code"] == 0, editor["log"]


@pytest.mark.parametrize("name", ["neovim-0.7", "neovim-0.11"])
def test_neovim_keeps_no_stale_pulled_diagnostics(name, tmp_path_factory, request):
    """Neovim 0.10+ also pulls textDocument/diagnostic into a namespace of its own; after the
    fix nothing may stay there either (0.7 only takes pushed diagnostics)."""
    result = run_editor(name, tmp_path_factory)
    result["name"] = name
    left = event(result, "settled")["items"]
    assert [i["code"] for i in left] == [], left
