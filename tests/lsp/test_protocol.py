"""The language server over stdio, as each recorded client drives it: the example device's
findings with their codes and links, hover, quick fixes applied as incremental edits,
navigation from a DTMI to its model, document symbols, pull diagnostics, shutdown."""

from __future__ import annotations

import asyncio
import time

import pytest
from lsprotocol import types
from pytest_lsp import LspSpecificationWarning

from helpers import DOCS, DTMI, Document, units, wait_until


def codes(client, uri) -> list[str]:
    return [d.code for d in client.diagnostics.get(uri, [])]


async def published(client, doc: Document, predicate, what: str):
    """Wait for diagnostics of `doc`'s current version that satisfy `predicate`."""

    def ready():
        if doc.uri not in client.diagnostics:
            return None
        version = client.diagnostic_versions.get(doc.uri)
        if version is not None and version != doc.version:
            return None
        diags = list(client.diagnostics[doc.uri])
        return diags if predicate(diags) else None

    ready_or_empty = lambda: ready() is not None  # noqa: E731  (an empty list is a valid answer)
    await wait_until(ready_or_empty, what=f"{what} in {doc.path.name} v{doc.version} (now: {codes(client, doc.uri)})")
    return list(client.diagnostics[doc.uri])


def open_doc(client, rel: str, language_id: str = "c") -> Document:
    return Document(client, client.workspace / rel, language_id, client.encoding)


async def aics001(client, doc: Document) -> types.Diagnostic:
    diags = await published(client, doc, lambda ds: any(d.code == "AICS001" for d in ds), "AICS001")
    return next(d for d in diags if d.code == "AICS001")


def hover_text(hover: types.Hover | None) -> str:
    assert hover is not None, "no hover"
    contents = hover.contents
    if isinstance(contents, types.MarkupContent):
        return contents.value
    if isinstance(contents, list):
        return "\n".join(c if isinstance(c, str) else c.value for c in contents)
    return contents if isinstance(contents, str) else contents.value


async def test_initialize_capabilities(client):
    result = client.init_result
    caps = result.capabilities
    assert result.server_info and result.server_info.name == "aics-lint"
    sync = caps.text_document_sync
    assert isinstance(sync, types.TextDocumentSyncOptions) and sync.change == types.TextDocumentSyncKind.Incremental
    assert sync.open_close
    for provider in ("hover_provider", "definition_provider", "references_provider", "document_symbol_provider"):
        assert getattr(caps, provider), provider
    assert caps.document_link_provider is not None
    assert caps.code_action_provider is not None
    # Pull is offered only to clients that pull and accept refresh requests; none of the
    # recorded profiles does both, so they get push alone (no doubled findings).
    assert caps.diagnostic_provider is None
    # The encoding is one the client offered, else the protocol's default UTF-16.
    offered = client.capabilities.general.position_encodings if client.capabilities.general else None
    assert client.encoding in (offered or ["utf-16"])


async def test_publishes_aics001_with_code_and_link(client):
    doc = open_doc(client, "src/provisioning.c")
    d = await aics001(client, doc)
    assert d.range.start.line == 37, d.range  # line 38 of the file
    assert doc.text.split("\n")[37][d.range.start.character :].startswith("Prov_Device_LL_Set_Provisioning_Payload")
    assert d.source == "aics-lint"
    assert d.severity == types.DiagnosticSeverity.Warning
    assert "iotcModelId" in d.message
    assert d.code_description is not None and d.code_description.href.startswith(DOCS)
    assert d.related_information, "AICS001 points at the registration it belongs to"
    rel = d.related_information[0]
    assert rel.location.uri == doc.uri and rel.location.range.start.line == 42
    # The workspace scan publishes the other findings of the example too.
    cfg = (client.workspace / "src/board_config.h").as_uri()
    model = (client.workspace / "models/thermostat-1.json").as_uri()
    await wait_until(lambda: "AICS002" in codes(client, cfg) and "AICS002" in codes(client, model), what="AICS002 in the header and the model")
    assert [d.range.start.line for d in client.diagnostics[cfg]] == [4]
    assert [d.range.start.line for d in client.diagnostics[model]] == [14]


async def test_hover_on_finding_explains_the_rule(client):
    doc = open_doc(client, "src/provisioning.c")
    d = await aics001(client, doc)
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=doc.uri), position=d.range.start)
    )
    text = hover_text(hover)
    assert "AICS001" in text and "How to fix it" in text, text
    assert DOCS in text


async def test_suppression_quick_fix_removes_the_finding(client):
    doc = open_doc(client, "src/provisioning.c")
    d = await aics001(client, doc)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=doc.uri),
            range=d.range,
            context=types.CodeActionContext(diagnostics=[d]),
        )
    )
    assert actions, "no code actions on AICS001"
    by_title = {a.title: a for a in actions}
    assert "Suppress AICS001 on this line" in by_title, list(by_title)
    assert any(t.startswith("Open the troubleshooting step") for t in by_title), list(by_title)
    suppress = by_title["Suppress AICS001 on this line"]
    assert isinstance(suppress, types.CodeAction) and suppress.kind == types.CodeActionKind.QuickFix
    edits = suppress.edit.changes[doc.uri]
    assert [e.new_text for e in edits] == ["    // aics-lint: ignore AICS001\n"]
    doc.apply(edits)
    assert "    // aics-lint: ignore AICS001\n    if (Prov_Device_LL_Set_Provisioning_Payload" in doc.text
    diags = await published(client, doc, lambda ds: "AICS001" not in [x.code for x in ds], "AICS001 gone")
    assert "AICS001" not in [x.code for x in diags]


async def test_troubleshooting_command_asks_the_client_to_open_the_page(client):
    doc = open_doc(client, "src/provisioning.c")
    d = await aics001(client, doc)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=doc.uri), range=d.range, context=types.CodeActionContext(diagnostics=[d])
        )
    )
    open_step = next(a for a in actions if a.title.startswith("Open the troubleshooting step"))
    command = open_step.command if isinstance(open_step, types.CodeAction) else open_step
    assert command is not None and list(command.arguments) == [d.code_description.href]
    await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command=command.command, arguments=command.arguments)
    )
    window = client.capabilities.window
    if window and window.show_document and window.show_document.support:
        shown = await wait_until(lambda: client.shown_documents, timeout=5, what="window/showDocument")
        assert shown[0].uri == d.code_description.href and shown[0].external
    else:
        # No showDocument support: the link comes as a message instead.
        msgs = await wait_until(
            lambda: [m for m in client.messages if d.code_description.href in m.message], timeout=5, what="window/showMessage"
        )
        assert msgs


async def test_fixing_the_payload_key_clears_aics001(client):
    doc = open_doc(client, "src/provisioning.c")
    await aics001(client, doc)
    doc.replace("iotcModelId", "modelId")  # one incremental change on line 14
    await published(client, doc, lambda ds: "AICS001" not in [x.code for x in ds], "AICS001 gone after the fix")
    # The rest of the workspace keeps its findings.
    cfg = (client.workspace / "src/board_config.h").as_uri()
    assert "AICS002" in codes(client, cfg)


async def test_missing_payload_quick_fix_inserts_the_call(client):
    doc = open_doc(client, "src/provisioning.c")
    await aics001(client, doc)
    # Delete the whole `if (Prov_Device_LL_Set_Provisioning_Payload(...)) { ... }` block.
    start = doc.pos("    if (Prov_Device_LL_Set_Provisioning_Payload")
    end = doc.pos("    if (Prov_Device_LL_Register_Device")
    doc.apply([types.TextEdit(range=types.Range(start=start, end=end), new_text="")])
    diags = await published(
        client, doc, lambda ds: any(x.code == "AICS001" and "never sets a registration payload" in x.message for x in ds), "AICS001 (no payload)"
    )
    d = next(x for x in diags if x.code == "AICS001")
    assert doc.text.split("\n")[d.range.start.line][d.range.start.character :].startswith("Prov_Device_LL_Register_Device")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=doc.uri), range=d.range, context=types.CodeActionContext(diagnostics=[d])
        )
    )
    fix = next(a for a in actions if "Prov_Device_LL_Set_Provisioning_Payload" in a.title)
    assert fix.is_preferred
    edits = fix.edit.changes[doc.uri]
    inserted = "".join(e.new_text for e in edits)
    # The program's own Model ID: the macro the hub connection announces (board_config.h).
    assert 'Prov_Device_LL_Set_Provisioning_Payload(handle, "{\\"modelId\\":\\"" THERMOSTAT_MODEL_ID "\\"}");' in inserted, inserted
    doc.apply(edits)
    await published(client, doc, lambda ds: "AICS001" not in [x.code for x in ds], "AICS001 gone after the quick fix")


async def test_position_encoding_with_non_ascii_text(client):
    """Columns are counted in the negotiated encoding, before and after an edit."""
    doc = open_doc(client, "src/provisioning.c")
    d = await aics001(client, doc)
    prefix = "/* 🌡 température */ "
    line = d.range.start.line
    doc.apply([types.TextEdit(range=types.Range(start=types.Position(line=line, character=0), end=types.Position(line=line, character=0)), new_text=prefix)])
    want = d.range.start.character + units(prefix, client.encoding)
    diags = await published(client, doc, lambda ds: any(x.code == "AICS001" and x.range.start.character == want for x in ds), f"AICS001 at column {want} ({client.encoding})")
    moved = next(x for x in diags if x.code == "AICS001")
    assert moved.range.end.character == d.range.end.character + units(prefix, client.encoding)
    # An edit after the astral character lands where the client meant it.
    doc.replace("iotcModelId", "modelId")
    await published(client, doc, lambda ds: "AICS001" not in [x.code for x in ds], "AICS001 gone")


async def test_hover_on_dtmi_shows_the_model(client):
    doc = open_doc(client, "src/board_config.h")
    await published(client, doc, lambda ds: any(x.code == "AICS002" for x in ds), "AICS002 summary")
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=doc.uri), position=doc.pos(DTMI, delta=12))
    )
    text = hover_text(hover)
    assert "Contoso Thermostat" in text and DTMI in text, text
    assert "temperature" in text and "humidity" in text, text


async def test_definition_of_dtmi_is_the_interface(client):
    doc = open_doc(client, "src/board_config.h")
    await published(client, doc, lambda ds: bool(ds), "diagnostics")
    result = await client.text_document_definition_async(
        types.DefinitionParams(text_document=types.TextDocumentIdentifier(uri=doc.uri), position=doc.pos(DTMI, delta=5))
    )
    locations = result if isinstance(result, list) else [result]
    assert len(locations) == 1, result
    loc = locations[0]
    uri = loc.uri if isinstance(loc, types.Location) else loc.target_uri
    rng = loc.range if isinstance(loc, types.Location) else loc.target_selection_range
    assert uri == (client.workspace / "models/thermostat-1.json").as_uri()
    assert rng.start.line == 2  # "@id": "dtmi:contoso:device:Thermostat;1"


async def test_references_of_dtmi(client):
    doc = open_doc(client, "src/board_config.h")
    await published(client, doc, lambda ds: bool(ds), "diagnostics")
    refs = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=types.TextDocumentIdentifier(uri=doc.uri),
            position=doc.pos(DTMI, delta=5),
            context=types.ReferenceContext(include_declaration=True),
        )
    )
    where = sorted((r.uri.rsplit("/", 1)[1], r.range.start.line) for r in refs)
    assert ("board_config.h", 4) in where and ("thermostat-1.json", 2) in where, where


async def test_document_link_from_dtmi_to_model(client):
    doc = open_doc(client, "src/board_config.h")
    await published(client, doc, lambda ds: bool(ds), "diagnostics")
    links = await client.text_document_document_link_async(
        types.DocumentLinkParams(text_document=types.TextDocumentIdentifier(uri=doc.uri))
    )
    assert [(link.range.start.line, link.target) for link in links] == [(4, (client.workspace / "models/thermostat-1.json").as_uri())]


async def test_document_symbols_of_the_model(client):
    doc = open_doc(client, "models/thermostat-1.json", "json")
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=doc.uri))
    )
    assert symbols and isinstance(symbols[0], types.DocumentSymbol), symbols
    (iface,) = symbols
    assert iface.name == DTMI and iface.kind == types.SymbolKind.Interface
    assert iface.detail == "Contoso Thermostat"
    children = [(c.name, c.kind, c.selection_range.start.line) for c in iface.children]
    assert children == [
        ("temperature", types.SymbolKind.Event, 8),
        ("humidity", types.SymbolKind.Event, 14),
        ("targetTemperature", types.SymbolKind.Property, 19),
    ], children


async def test_pull_diagnostics(client):
    doc = open_doc(client, "src/provisioning.c")
    await aics001(client, doc)
    report = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=doc.uri))
    )
    assert report.kind == "full"
    pulled = [(d.code, d.range.start.line, d.code_description.href.startswith(DOCS)) for d in report.items]
    assert pulled == [("AICS001", 37, True)], pulled
    ws = await client.workspace_diagnostic_async(types.WorkspaceDiagnosticParams(previous_result_ids=[]))
    by_file = {item.uri.rsplit("/", 1)[1]: sorted((d.code, d.range.start.line) for d in item.items) for item in ws.items}
    assert by_file.get("provisioning.c") == [("AICS001", 37)], by_file
    assert by_file.get("board_config.h") == [("AICS002", 4)], by_file
    assert by_file.get("thermostat-1.json") == [("AICS002", 14)], by_file
    (prov,) = [item for item in ws.items if item.uri == doc.uri]
    assert prov.version == doc.version
    # After a fix, a pull answers for the new text.
    doc.replace("iotcModelId", "modelId")
    await published(client, doc, lambda ds: "AICS001" not in [x.code for x in ds], "AICS001 gone")
    report = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=doc.uri))
    )
    assert [d.code for d in report.items] == []


async def test_shutdown_then_exit_ends_the_process(client):
    server = client._server
    assert await asyncio.wait_for(client.shutdown_async(None), timeout=5) is None
    start = time.monotonic()
    client.exit(None)
    code = await asyncio.wait_for(server.wait(), timeout=3)
    took = time.monotonic() - start
    assert code == 0, code
    assert took < 1.0, f"the server took {took:.2f}s to exit"


async def test_pull_right_after_an_edit_answers_for_the_new_text(client):
    """What VS Code does: pull as soon as it has sent a change."""
    doc = open_doc(client, "src/provisioning.c")
    await aics001(client, doc)
    doc.replace("iotcModelId", "modelId")
    report = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=doc.uri))
    )
    assert "AICS001" not in [d.code for d in report.items], "a pull after the fix still reports AICS001"


def assert_no_duplicate_publications(client):
    """No file published twice in a row with the same version and findings."""
    last = {}
    for uri, version, diags in client.publications:
        now = (version, [(d.code, d.message, d.range.start.line, d.range.start.character) for d in diags])
        assert last.get(uri) != now, f"{uri} published twice: {now}"
        last[uri] = now


async def test_clean_file_is_published_with_each_version(client):
    """A clean document gets an empty list for every version it is analysed at, so the
    editor can tell "clean" from "not checked yet"; nothing else is republished."""
    path = client.workspace / "src" / "util.c"
    path.write_text("int add(int a, int b)\n{\n    return a + b;\n}\n", encoding="utf-8")
    before = len(client.publications)
    doc = open_doc(client, "src/util.c")
    for _ in range(3):
        await wait_until(
            lambda: any(u == doc.uri and v == doc.version for u, v, _ in client.publications),
            what=f"the publication of util.c v{doc.version}",
        )
        assert list(client.diagnostics[doc.uri]) == []
        doc.replace("return a + b;", "return a + b; /* sum */" if "sum" not in doc.text else "return a + b;")
    await wait_until(lambda: any(u == doc.uri and v == doc.version for u, v, _ in client.publications), what="the last version")
    after = client.publications[before:]
    assert {u for u, _, _ in after} == {doc.uri}, f"other files were republished: {[(u, v) for u, v, _ in after]}"
    assert [v for _, v, _ in after] == [1, 2, 3, 4]
    assert_no_duplicate_publications(client)


async def test_edits_publish_each_analysed_version_once(client):
    doc = open_doc(client, "src/provisioning.c")
    await aics001(client, doc)
    doc.replace("iotcModelId", "modelId")
    await published(client, doc, lambda ds: not any(d.code == "AICS001" for d in ds), "no AICS001")
    doc.replace("modelId", "iotcModelId")
    await aics001(client, doc)
    versions = [v for u, v, _ in client.publications if u == doc.uri]
    assert len(versions) == len(set(versions)), versions
    assert_no_duplicate_publications(client)


async def test_rapid_edits_publish_each_analysed_version_once_and_the_newest_last(client):
    """Edits sent faster than they are analysed (no wait between them; the server may take
    an edit and analyse it where it reads it): the versions published are increasing, none
    twice, the newest among them with the findings of the newest text; a hover sent in the
    middle of the burst is answered."""
    doc = open_doc(client, "src/provisioning.c")
    await aics001(client, doc)
    before = len(client.publications)
    hover = None
    for i in range(30):
        if i % 2 == 0:
            doc.replace("iotcModelId", "modelId")
        else:
            doc.replace("modelId", "iotcModelId")
        if i == 15:
            hover = client.text_document_hover_async(
                types.HoverParams(text_document=types.TextDocumentIdentifier(uri=doc.uri), position=doc.pos("iotcModelId"))
            )
    # The 30 toggles end on `iotcModelId`; one more: `modelId`, no AICS001.
    doc.replace("iotcModelId", "modelId")
    await asyncio.wait_for(hover, 15)
    await published(client, doc, lambda ds: not any(d.code == "AICS001" for d in ds), "no AICS001")
    versions = [v for u, v, _ in client.publications[before:] if u == doc.uri]
    assert versions and versions[-1] == doc.version, versions
    assert all(a < b for a, b in zip(versions, versions[1:])), versions
    assert_no_duplicate_publications(client)


async def test_code_lens_shows_coverage_on_the_model_id_and_the_interface(client):
    """Coverage at a glance: on the Model ID in C and on the Interface's @id in the model,
    what the model declares against what the program serves; a fix changes the counts."""
    header = open_doc(client, "src/board_config.h")
    await published(client, header, lambda ds: any(x.code == "AICS002" for x in ds), "AICS002 summary")

    async def lenses(doc):
        result = await client.text_document_code_lens_async(
            types.CodeLensParams(text_document=types.TextDocumentIdentifier(uri=doc.uri))
        )
        return result or []

    on_c = await lenses(header)
    assert [l.command.title for l in on_c] == ["telemetry 1/2 sent · writable properties 1/1 acknowledged"], on_c
    assert on_c[0].range.start.line == 4, on_c[0].range  # #define THERMOSTAT_MODEL_ID "dtmi:..."
    assert "how-to-troubleshoot-pnp#" in on_c[0].command.arguments[0]

    model = open_doc(client, "models/thermostat-1.json", "json")
    on_model = await lenses(model)
    assert [l.command.title for l in on_model] == [on_c[0].command.title], on_model
    assert on_model[0].range.start.line == 2, on_model[0].range  # "@id": "dtmi:contoso:device:Thermostat;1"

    # humidity becomes a read-only property: the counts follow the edit.
    model.replace('"@type": "Telemetry",\n      "name": "humidity"', '"@type": "Property",\n      "name": "humidity"')
    want = "telemetry 1/1 sent · writable properties 1/1 acknowledged · properties 0/1 reported"

    async def titles():
        return [l.command.title for l in await lenses(model)]

    deadline = time.monotonic() + 20
    while (got := await titles()) != [want] and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    assert got == [want], got


async def test_hover_and_definition_on_a_content_lead_to_the_code_that_serves_it(client):
    """Hovering a declared content's name in the model says where the device code sends,
    handles, acknowledges or reports it; go to definition jumps there."""
    model = open_doc(client, "models/thermostat-1.json", "json")
    await wait_until(lambda: model.uri in client.diagnostics, what="the model's analysis")
    at = model.pos('"temperature"', delta=3)
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=model.uri), position=at)
    )
    text = hover_text(hover)
    assert "**`temperature`** in the device code" in text and "sent at" in text and ".c:" in text, text
    result = await client.text_document_definition_async(
        types.DefinitionParams(text_document=types.TextDocumentIdentifier(uri=model.uri), position=at)
    )
    locations = result if isinstance(result, list) else [result]
    assert len(locations) == 1, result
    loc = locations[0]
    uri = loc.uri if isinstance(loc, types.Location) else loc.target_uri
    assert uri.startswith((client.workspace / "src").as_uri()) and uri.endswith(".c"), uri

    # The writable property: where it is acknowledged.
    at = model.pos('"targetTemperature"', delta=3)
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=model.uri), position=at)
    )
    assert "acknowledged at" in hover_text(hover), hover_text(hover)
    # humidity is never sent: no place to show.
    at = model.pos('"humidity"', delta=3)
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=model.uri), position=at)
    )
    assert hover is None or "**`humidity`** in the device code" not in hover_text(hover)
