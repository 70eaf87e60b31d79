"""Quick fixes that fix, as each recorded client drives them: ask for the code actions of a
finding, apply the preferred fix the way the editor does (incremental edits), and check that
the finding is gone and nothing new appeared. The Model ID a fix writes is the program's own
(the example's `THERMOSTAT_MODEL_ID`), never a made-up one."""

from __future__ import annotations

from lsprotocol import types

from helpers import Document
from test_protocol import codes, open_doc, published


async def code_actions(client, doc: Document, d: types.Diagnostic):
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=doc.uri), range=d.range, context=types.CodeActionContext(diagnostics=[d])
        )
    )
    return actions or []


def preferred_fix(actions, d: types.Diagnostic) -> types.CodeAction:
    fixes = [a for a in actions if isinstance(a, types.CodeAction) and a.is_preferred]
    assert len(fixes) == 1, [a.title for a in actions]
    fix = fixes[0]
    assert fix.kind == types.CodeActionKind.QuickFix
    assert fix.diagnostics and fix.diagnostics[0].code == d.code and fix.diagnostics[0].range == d.range
    return fix


async def test_legacy_key_quick_fix_renames_it(client):
    doc = open_doc(client, "src/provisioning.c")
    before = await published(client, doc, lambda ds: any(x.code == "AICS001" for x in ds), "AICS001")
    d = next(x for x in before if x.code == "AICS001")
    assert "iotcModelId" in d.message
    fix = preferred_fix(await code_actions(client, doc, d), d)
    assert fix.title == "Rename the legacy key `iotcModelId` to `modelId`"
    edits = fix.edit.changes[doc.uri]
    assert [e.new_text for e in edits] == ["modelId"]
    line = doc.text.split("\n")[edits[0].range.start.line]
    assert line.startswith("#define DPS_REGISTRATION_PAYLOAD") and "iotcModelId" in line
    doc.apply(edits)
    assert '#define DPS_REGISTRATION_PAYLOAD "{\\"modelId\\":\\"" THERMOSTAT_MODEL_ID "\\"}"' in doc.text
    after = await published(client, doc, lambda ds: "AICS001" not in [x.code for x in ds], "AICS001 gone after the fix")
    # Nothing new in the fixed file.
    assert sorted(x.code for x in after) == sorted(x.code for x in before if x.code != "AICS001")


async def test_hub_model_id_quick_fix_announces_the_programs_model_id(client):
    doc = open_doc(client, "src/hub.c")
    await published(client, doc, lambda ds: "AICS003" not in [x.code for x in ds], "hub.c analysed")
    # Take the announcement out: AICS003 on the create call.
    start = doc.pos("    if (IoTHubDeviceClient_LL_SetOption(ctx->device_client, OPTION_MODEL_ID")
    end = doc.pos("    (void)IoTHubDeviceClient_LL_SetDeviceTwinCallback")
    doc.apply([types.TextEdit(range=types.Range(start=start, end=end), new_text="")])
    diags = await published(client, doc, lambda ds: "AICS003" in [x.code for x in ds], "AICS003 without the option")
    d = next(x for x in diags if x.code == "AICS003")
    fix = preferred_fix(await code_actions(client, doc, d), d)
    assert fix.title == "Announce the Model ID on the hub connection (OPTION_MODEL_ID)"
    edits = fix.edit.changes[doc.uri]
    inserted = "".join(e.new_text for e in edits)
    assert inserted == "    (void)IoTHubDeviceClient_LL_SetOption(ctx->device_client, OPTION_MODEL_ID, THERMOSTAT_MODEL_ID);\n", inserted
    doc.apply(edits)
    # After the NULL check that returns, where the client exists.
    assert "        return -1;\n    }\n    (void)IoTHubDeviceClient_LL_SetOption(ctx->device_client, OPTION_MODEL_ID, THERMOSTAT_MODEL_ID);\n" in doc.text
    after = await published(client, doc, lambda ds: "AICS003" not in [x.code for x in ds], "AICS003 gone after the fix")
    assert sorted(x.code for x in after) == sorted(x.code for x in diags if x.code != "AICS003")
    assert "AICS004" not in codes(client, doc.uri)
