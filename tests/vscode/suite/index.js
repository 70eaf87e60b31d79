// The end-to-end suite, run by VS Code itself inside its extension host (the standard
// `extensionTestsPath` entry). It talks to the driver (tests/vscode/drive.js) through files in
// `<workspace>/../ctl`: it asks for screenshots there and writes its results there.

const fs = require('fs');
const path = require('path');
const vscode = require('vscode');

const EXT_ID = 'aics-lint.aics-lint';

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

async function waitFor(what, f, timeoutMs = 60000) {
  const end = Date.now() + timeoutMs;
  let last;
  while (Date.now() < end) {
    last = await f();
    if (last) {
      return last;
    }
    await sleep(100);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

function assert(cond, message) {
  if (!cond) {
    throw new Error(message);
  }
}

function codeOf(d) {
  return typeof d.code === 'object' && d.code ? String(d.code.value) : d.code === undefined ? undefined : String(d.code);
}

function hoverText(hovers) {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

exports.run = async function run() {
  const ws = vscode.workspace.workspaceFolders[0].uri.fsPath;
  const ctl = path.join(path.dirname(ws), 'ctl');
  const results = [];
  const log = (line) => fs.appendFileSync(path.join(ctl, 'suite.log'), `${new Date().toISOString()} ${line}\n`);

  async function screenshot(name) {
    fs.writeFileSync(path.join(ctl, `shot-${name}.request`), '');
    await waitFor(`the driver's screenshot ${name}`, () => fs.existsSync(path.join(ctl, `shot-${name}.done`)), 60000);
  }

  async function step(name, f) {
    const t0 = Date.now();
    try {
      await f();
      results.push({ name, ok: true, ms: Date.now() - t0 });
      log(`ok   ${name}`);
    } catch (e) {
      results.push({ name, ok: false, ms: Date.now() - t0, error: e && e.stack ? e.stack : String(e) });
      log(`FAIL ${name}: ${e && e.message}`);
    }
  }

  const src = (p) => vscode.Uri.file(path.join(ws, p));
  const provisioning = src('src/provisioning.c');
  const model = src('models/thermostat-1.json');
  const unrelated = src('config/app-settings.json');
  const aics = (uri, code) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'aics-lint' && codeOf(d) === code);
  const lsp = (uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'aics-lint' && typeof d.code === 'object');
  let api;

  try {
    await step('not active before a C file or a model is open', async () => {
      const ext = vscode.extensions.getExtension(EXT_ID);
      assert(ext, `extension ${EXT_ID} is not installed`);
      assert(!ext.isActive, 'the extension activated with no relevant file open');
    });

    await step('an unrelated JSON file activates the extension but starts no server and gets no diagnostic', async () => {
      const doc = await vscode.workspace.openTextDocument(unrelated);
      await vscode.window.showTextDocument(doc);
      const ext = vscode.extensions.getExtension(EXT_ID);
      await waitFor('activation on JSON', () => ext.isActive, 30000);
      api = ext.exports;
      await sleep(1000);
      assert(api.state() === 'idle', `server state is ${api.state()}, expected idle`);
      assert(vscode.languages.getDiagnostics(unrelated).length === 0, 'the unrelated JSON got diagnostics');
    });

    const via = process.env.AICS_LINT_SERVER ? 'AICS_LINT_SERVER' : 'the bundled binary';
    await step(`opening the C file starts the server found through ${via}`, async () => {
      const doc = await vscode.workspace.openTextDocument(provisioning);
      await vscode.window.showTextDocument(doc);
      await waitFor('the server running', () => api.state() === 'running', 60000);
      const expected = process.env.AICS_LINT_SERVER;
      if (expected) {
        assert(api.serverPath() === expected, `server path ${api.serverPath()} != ${expected}`);
      } else {
        const bundled = path.join('server', `${process.platform}-${process.arch}`, 'aics-lint');
        assert(api.serverPath().endsWith(bundled), `server path ${api.serverPath()} is not the bundled ${bundled}`);
      }
    });

    await step('AICS001 appears on provisioning.c line 38 with its code and troubleshooting link, once', async () => {
      const ds = await waitFor('AICS001 on provisioning.c', () => {
        const d = aics(provisioning, 'AICS001');
        return d.length ? d : undefined;
      });
      assert(ds.length === 1, `AICS001 is shown ${ds.length} times (duplicates)`);
      const d = ds[0];
      assert(d.range.start.line === 37, `AICS001 on line ${d.range.start.line + 1}, expected 38`);
      assert(d.severity === vscode.DiagnosticSeverity.Warning, `severity ${d.severity}`);
      const href = d.code.target && d.code.target.toString(true);
      assert(href && href.includes('how-to-troubleshoot-pnp#'), `link ${href}`);
      assert(/iotcModelId/.test(d.message), `message: ${d.message}`);
    });

    await step('AICS002 appears on the DTDL model with its link, and the status bar knows the Model ID', async () => {
      const d = await waitFor('AICS002 on the model', () => aics(model, 'AICS002')[0]);
      assert(d.range.start.line === 14, `AICS002 on line ${d.range.start.line + 1}, expected 15`);
      assert(d.code.target.toString(true).includes('passed-with-warnings'), `link ${d.code.target}`);
      assert(api.modelId() === 'dtmi:contoso:device:Thermostat;1', `status bar Model ID ${api.modelId()}`);
    });

    await step('code lenses show the coverage on the Model ID and on the model', async () => {
      const header = src('src/board_config.h');
      const want = 'telemetry 1/2 sent · writable properties 1/1 acknowledged';
      for (const uri of [header, model]) {
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
        const lenses = await waitFor(`a coverage lens on ${path.basename(uri.fsPath)}`, async () => {
          const ls = await vscode.commands.executeCommand('vscode.executeCodeLensProvider', uri);
          return (ls || []).some((l) => l.command && l.command.title === want) ? ls : undefined;
        });
        const lens = lenses.find((l) => l.command.title === want);
        assert(lens.command.command === 'aicsLint.openTroubleshooting', `lens command ${lens.command.command}`);
      }
    });

    await step('hovering a telemetry in the model says where the code sends it', async () => {
      const doc = await vscode.workspace.openTextDocument(model);
      const line = doc.getText().split('\n').findIndex((l) => l.includes('"name": "temperature"'));
      assert(line >= 0, 'no temperature in the model');
      const pos = new vscode.Position(line, doc.lineAt(line).text.indexOf('temperature') + 3);
      const text = await waitFor('a hover with the sending place', async () => {
        const hs = await vscode.commands.executeCommand('vscode.executeHoverProvider', model, pos);
        const t = hoverText(hs || []);
        return /sent at/.test(t) ? t : undefined;
      });
      assert(/hub\.c:\d+/.test(text), `hover: ${text.slice(0, 300)}`);
    });

    await step('the unrelated JSON still has no diagnostics', async () => {
      assert(vscode.languages.getDiagnostics(unrelated).length === 0, 'the unrelated JSON got diagnostics');
    });

    await step('hover on the finding shows the rule and how to fix it', async () => {
      const pos = new vscode.Position(37, 12);
      const text = await waitFor('a hover', async () => {
        const hs = await vscode.commands.executeCommand('vscode.executeHoverProvider', provisioning, pos);
        const t = hoverText(hs || []);
        return /AICS001/.test(t) ? t : undefined;
      });
      assert(/how to fix/i.test(text), `hover has no "How to fix it": ${text.slice(0, 300)}`);
      assert(/modelId/.test(text), 'hover does not mention modelId');
    });

    await step('code actions: suppress, and open the troubleshooting step', async () => {
      const d = aics(provisioning, 'AICS001')[0];
      const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', provisioning, d.range);
      const titles = (actions || []).map((a) => a.title);
      assert(titles.some((t) => /Suppress AICS001/.test(t)), `no suppress action in ${JSON.stringify(titles)}`);
      const open = (actions || []).find((a) => /troubleshooting step for AICS001/.test(a.title));
      assert(open && open.command && open.command.command === 'aicsLint.openTroubleshooting', `no open-troubleshooting action in ${JSON.stringify(titles)}`);
      assert(String(open.command.arguments[0]).includes('how-to-troubleshoot-pnp'), 'the action has no URL');
    });

    await step('screenshot: the squiggle, the Problems panel and the hover', async () => {
      const editor = await vscode.window.showTextDocument(provisioning, { preview: false });
      const pos = new vscode.Position(37, 12);
      editor.selection = new vscode.Selection(pos, pos);
      editor.revealRange(new vscode.Range(24, 0, 44, 0), vscode.TextEditorRevealType.AtTop);
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
      await sleep(1500);
      await screenshot('problems');
      await vscode.commands.executeCommand('editor.action.showHover');
      await sleep(1500);
      await screenshot('hover');
      await vscode.commands.executeCommand('workbench.action.closeEditorsAndGroup').then(undefined, () => undefined);
      await vscode.window.showTextDocument(provisioning, { preview: false });
    });

    await step('the iotcModelId -> modelId edit removes AICS001 (unsaved buffer)', async () => {
      const doc = await vscode.workspace.openTextDocument(provisioning);
      const line = doc.getText().split('\n').findIndex((l) => l.includes('iotcModelId'));
      assert(line >= 0, 'no iotcModelId in provisioning.c');
      const col = doc.lineAt(line).text.indexOf('iotcModelId');
      const edit = new vscode.WorkspaceEdit();
      edit.replace(provisioning, new vscode.Range(line, col, line, col + 'iotcModelId'.length), 'modelId');
      assert(await vscode.workspace.applyEdit(edit), 'applyEdit refused');
      assert(doc.isDirty, 'the edit was saved: the server should have been given the buffer');
      await waitFor('AICS001 to disappear', () => aics(provisioning, 'AICS001').length === 0, 60000);
      assert(aics(model, 'AICS002').length === 1, 'AICS002 on the model went away too');
    });

    await step('a settings change reaches the server: rules.AICS002 = off removes AICS002', async () => {
      const c = vscode.workspace.getConfiguration('aicsLint');
      await c.update('rules', { AICS002: 'off' }, vscode.ConfigurationTarget.Workspace);
      try {
        await waitFor('AICS002 to disappear', () => aics(model, 'AICS002').length === 0, 60000);
      } finally {
        await c.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
      }
      await waitFor('AICS002 to come back', () => aics(model, 'AICS002').length === 1, 60000);
    });

    await step('the server is restarted after a crash', async () => {
      const pid = api.serverPid();
      assert(pid, 'no server pid');
      process.kill(pid, 'SIGKILL');
      await waitFor('a new server process', () => api.serverPid() && api.serverPid() !== pid && api.state() === 'running', 60000);
      await waitFor('AICS002 after the restart', () => aics(model, 'AICS002').length === 1, 60000);
    });

    await step('the restart command restarts the server', async () => {
      const pid = api.serverPid();
      await vscode.commands.executeCommand('aicsLint.restartServer');
      assert(api.state() === 'running', `state ${api.state()} after restart`);
      assert(api.serverPid() !== pid, 'same pid after restart');
      await waitFor('AICS002 after the restart', () => aics(model, 'AICS002').length === 1, 60000);
    });

    await step('changing aicsLint.server.path restarts the server; a wrong path is reported with the fix', async () => {
      const c = vscode.workspace.getConfiguration('aicsLint');
      const good = api.serverPath();
      const source = api.serverSource();
      const pid = api.serverPid();
      try {
        await c.update('server.path', '/nonexistent/aics-lint', vscode.ConfigurationTarget.Global);
        await waitFor('the failed state', () => api.state() === 'failed', 60000);
        const why = api.problem() || '';
        assert(why.includes('/nonexistent/aics-lint') && why.includes('aicsLint.server.path'), `problem: ${why}`);
        await c.update('server.path', good, vscode.ConfigurationTarget.Global);
        await waitFor('the server from the setting', () => api.state() === 'running' && api.serverSource() === 'setting', 60000);
        assert(api.serverPid() && api.serverPid() !== pid, 'the same process after the path changed');
      } finally {
        await c.update('server.path', undefined, vscode.ConfigurationTarget.Global);
      }
      await waitFor(`the server from ${source} again`, () => api.state() === 'running' && api.serverSource() === source, 60000);
      await waitFor('AICS002 after the restarts', () => aics(model, 'AICS002').length === 1, 60000);
    });

    await step('lint the workspace: the aics-lint check task lands in Problems through $aics-lint', async () => {
      const done = new Promise((resolve) => {
        const sub = vscode.tasks.onDidEndTaskProcess((e) => {
          if (e.execution.task.definition.type === 'aics-lint') {
            sub.dispose();
            resolve(e.exitCode);
          }
        });
      });
      await vscode.commands.executeCommand('aicsLint.lintWorkspace');
      const exit = await Promise.race([done, sleep(120000).then(() => 'timeout')]);
      assert(exit === 1, `aics-lint check exited ${exit}, expected 1 (findings)`);
      // The matcher's diagnostics have a plain string code (the server's carry a link).
      const d = await waitFor('a problem-matcher AICS002 on the model', () =>
        vscode.languages.getDiagnostics(model).find((x) => x.code === 'AICS002'),
      );
      assert(d.range.start.line === 14 && d.range.start.character === 14, `matcher AICS002 at ${d.range.start.line + 1}:${d.range.start.character + 1}`);
      assert(d.severity === vscode.DiagnosticSeverity.Warning, `matcher severity ${d.severity}`);
      assert(/humidity/.test(d.message), `matcher message ${d.message}`);
    });
  } catch (e) {
    results.push({ name: 'suite', ok: false, error: e && e.stack ? e.stack : String(e) });
  }
  fs.writeFileSync(path.join(ctl, 'result.json'), JSON.stringify(results, null, 2));
};
