"""The `client` fixture: the server started from the built binary over stdio, initialised
with the recorded capabilities of one real client (each test runs once per profile) on a
private copy of the example device."""

from __future__ import annotations

import asyncio
import sys
from typing import Union

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

from helpers import SERVER, copy_example, wait_until

# Every client whose capabilities pytest-lsp ships a recording of.
PROFILES = [
    "visual-studio-code@v1.65.2",
    "neovim@v0.6.1",
    "neovim@v0.7.0",
    "neovim@v0.8.0",
    "neovim@v0.9.1",
    "neovim@v0.10.0",
    "neovim@v0.11.0",
    "emacs@v29.1",
]


def _make_client() -> LanguageClient:
    """pytest-lsp's client, also keeping the version each publishDiagnostics was for and
    accepting dynamic registrations (the server registers file watchers)."""
    from pygls.protocol import default_converter

    client = LanguageClient(converter_factory=default_converter)
    client.diagnostic_versions = {}
    # Every publication in order: (uri, version, diagnostics).
    client.publications = []
    client.registrations = []

    def publish_diagnostics(ls: LanguageClient, params: types.PublishDiagnosticsParams):
        ls.diagnostics[params.uri] = params.diagnostics
        ls.diagnostic_versions[params.uri] = params.version
        ls.publications.append((params.uri, params.version, list(params.diagnostics)))

    def register_capability(ls: LanguageClient, params: types.RegistrationParams):
        ls.registrations.extend(params.registrations)
        return None

    # The server asks clients that declare refreshSupport to re-request code lenses when the
    # coverage counts change; VS Code answers with null, and so does this client.
    client.lens_refreshes = 0

    def code_lens_refresh(ls: LanguageClient, params):
        ls.lens_refreshes += 1
        return None

    features = dict(DEFAULT_CLIENT_FEATURES)
    features[types.WORKSPACE_CODE_LENS_REFRESH] = code_lens_refresh
    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = publish_diagnostics
    features[types.CLIENT_REGISTER_CAPABILITY] = register_capability
    register_lsp_features(client, features)

    # lsprotocol 2025.0.0 reads any object with a `command` key as a Command, but a
    # CodeAction may carry a `command` object too (the server's "Open the troubleshooting
    # step"). Decide the way VS Code does: a Command's `command` is a string.
    converter = client.protocol._converter

    def code_action_or_command(obj, _):
        if isinstance(obj.get("command"), str):
            return converter.structure(obj, types.Command)
        return converter.structure(obj, types.CodeAction)

    converter.register_structure_hook(Union[types.Command, types.CodeAction], code_action_or_command)
    return client


if not SERVER.exists():
    sys.exit(f"tests/lsp: the server binary {SERVER} is missing: run `cargo build -p aics-lint` first")


@pytest.fixture
def workspace(tmp_path):
    return copy_example(tmp_path)


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[str(SERVER), "server", "--stdio"], client_factory=_make_client),
    params=PROFILES,
    ids=[p.replace("@v", "-") for p in PROFILES],
)
async def client(request, lsp_client: LanguageClient, workspace):
    capabilities = pytest_lsp.client_capabilities(request.param)
    lsp_client.profile = request.param
    lsp_client.workspace = workspace
    lsp_client.init_result = await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities,
            root_uri=workspace.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=workspace.as_uri(), name=workspace.name)],
        )
    )
    lsp_client.encoding = lsp_client.init_result.capabilities.position_encoding or "utf-16"
    # Ready once the background scan of the workspace has been analysed and published: every
    # file with a finding in the example (the model's AICS002, its summary on the Model ID,
    # provisioning.c's AICS001). They are separate messages: waiting for the first alone let a
    # test start between them and see the others as republications. Ending a session earlier
    # is a race of its own: test_exit.py.
    first = [
        (workspace / "models" / "thermostat-1.json").as_uri(),
        (workspace / "src" / "board_config.h").as_uri(),
        (workspace / "src" / "provisioning.c").as_uri(),
    ]
    await wait_until(lambda: all(u in lsp_client.diagnostics for u in first), what="the first workspace analysis")
    yield
    # Tests that end the session themselves leave nothing to do here.
    if lsp_client._server is not None and lsp_client._server.returncode is None:
        await asyncio.wait_for(lsp_client.shutdown_session(), timeout=5)
