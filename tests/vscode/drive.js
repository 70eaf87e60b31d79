#!/usr/bin/env node
// Drives a real VS Code (code-server) in headless Chromium over the DevTools protocol:
// opens a temp copy of the example device with the extension under development and the
// suite in tests/vscode/suite as the standard extension test entry, takes the screenshots
// the suite asks for, and prints one line per test plus `vscode-e2e: N passed, N failed`.
//
// usage: node drive.js --tools DIR --ext DIR --server BIN --example DIR --out DIR [--vsix FILE]
//   --vsix: install that package and test it (its bundled server) instead of the --ext folder

const { spawn, execFileSync } = require('child_process');
const fs = require('fs');
const http = require('http');
const net = require('net');
const os = require('os');
const path = require('path');

const args = {};
for (let i = 2; i < process.argv.length; i += 2) {
  args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
}
for (const k of ['tools', 'ext', 'server', 'example', 'out']) {
  if (!args[k]) {
    console.error(`drive.js: --${k} is required`);
    process.exit(2);
  }
}
const WebSocket = require(path.join(args.tools, 'node_modules', 'ws'));
const codeServer = path.join(args.tools, 'node_modules', '.bin', 'code-server');
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
const suiteDir = path.join(__dirname, 'suite');
const TIMEOUT_MS = Number(process.env.VSCODE_E2E_TIMEOUT_MS || 600000);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function get(url) {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode, body }));
      })
      .on('error', reject);
  });
}

async function waitHttp(url, what, ms) {
  const end = Date.now() + ms;
  let last = '';
  while (Date.now() < end) {
    const failedToStart = Object.values(spawnErrors)[0];
    if (failedToStart) {
      throw new Error(`${what} did not start: ${failedToStart}`);
    }
    try {
      const r = await get(url);
      if (r.status < 500) {
        return r;
      }
      last = `HTTP ${r.status}`;
    } catch (e) {
      last = e.message;
    }
    await sleep(200);
  }
  throw new Error(`${what} did not answer at ${url} within ${ms} ms (${last})`);
}

const children = [];
const spawnErrors = {};
function start(cmd, argv, opts, logFile) {
  const out = fs.openSync(logFile, 'w');
  const child = spawn(cmd, argv, { ...opts, stdio: ['ignore', out, out], detached: true });
  // A missing binary is an 'error' event, not a throw: keep it for the failure message.
  child.on('error', (e) => (spawnErrors[path.basename(cmd)] = e.message));
  children.push(child);
  return child;
}

function alive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

// Stops code-server and Chromium (each a process group: detached: true) and waits until
// every process of those groups is gone: the folders they write into are removed only then
// (removing them first raced with their last writes: ENOTEMPTY).
async function stopAll() {
  for (const signal of ['SIGTERM', 'SIGKILL']) {
    for (const c of children) {
      try {
        process.kill(-c.pid, signal);
      } catch {
        // already gone
      }
    }
    const end = Date.now() + 5000;
    while (children.some((c) => alive(c.pid)) && Date.now() < end) {
      await sleep(50);
    }
    if (!children.some((c) => alive(c.pid))) {
      return;
    }
  }
}

// The temporary folder goes last, after its writers: a failure to remove it is reported
// (with the path, to remove by hand) but is not a failed test.
function removeTemp() {
  if (!tmpDir) {
    return;
  }
  try {
    fs.rmSync(tmpDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  } catch (e) {
    console.log(`note: could not remove ${tmpDir}: ${e.message}`);
  }
}
let tmpDir;

class Cdp {
  constructor(wsUrl) {
    this.ws = new WebSocket(wsUrl, { perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
    this.id = 0;
    this.pending = new Map();
    this.ws.on('message', (m) => {
      const msg = JSON.parse(m.toString());
      if (msg.id && this.pending.has(msg.id)) {
        const { resolve, reject } = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        msg.error ? reject(new Error(JSON.stringify(msg.error))) : resolve(msg.result);
      }
    });
  }
  open() {
    return new Promise((resolve, reject) => {
      this.ws.once('open', resolve);
      this.ws.once('error', reject);
    });
  }
  send(method, params = {}) {
    const id = ++this.id;
    this.ws.send(JSON.stringify({ id, method, params }));
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }
  close() {
    this.ws.close();
  }
}

async function main() {
  const t0 = Date.now();
  fs.mkdirSync(args.out, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aics-vscode-e2e-'));
  tmpDir = tmp;
  const ws = path.join(tmp, 'thermostat-device');
  const ctl = path.join(tmp, 'ctl');
  fs.mkdirSync(ctl);
  fs.cpSync(args.example, ws, { recursive: true });
  // A workspace without a config: the suite checks that only a C file or a model starts the
  // server (a config file alone starts it at activation, by design).
  fs.rmSync(path.join(ws, 'aics-lint.toml'), { force: true });
  // An unrelated JSON file: the extension must leave it alone.
  fs.mkdirSync(path.join(ws, 'config'));
  fs.writeFileSync(path.join(ws, 'config', 'app-settings.json'), '{\n  "name": "thermostat",\n  "interval": 5,\n  "id": "dtmi:not:a:model;1"\n}\n');
  const userData = path.join(tmp, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        'security.workspace.trust.enabled': false,
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'extensions.ignoreRecommendations': true,
        'git.enabled': false,
        'workbench.colorTheme': 'Default Dark Modern',
        'editor.minimap.enabled': false,
        'chat.commandCenter.enabled': false,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
      },
      null,
      2,
    ),
  );
  const port = await freePort();
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'),
    XDG_DATA_HOME: path.join(tmp, 'xdg-data'),
    AICS_LINT_SERVER: args.server,
  };
  delete env.VSCODE_IPC_HOOK_CLI;
  const extensions = path.join(tmp, 'extensions');
  let devPath = args.ext;
  if (args.vsix) {
    // The packaged extension must find its own bundled server.
    delete env.AICS_LINT_SERVER;
    execFileSync(codeServer, ['--user-data-dir', userData, '--extensions-dir', extensions, '--install-extension', args.vsix], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60000,
    });
    devPath = path.join(__dirname, 'host');
  }
  start(
    codeServer,
    [
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--user-data-dir', userData,
      '--extensions-dir', extensions,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      ws,
    ],
    { env, cwd: tmp },
    path.join(args.out, 'code-server.log'),
  );
  await waitHttp(`http://127.0.0.1:${port}/healthz`, 'code-server', 60000);

  const dport = await freePort();
  const profile = path.join(tmp, 'chromium-profile');
  start(
    chromium,
    [
      '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--no-first-run', '--no-default-browser-check', '--hide-scrollbars', '--mute-audio',
      `--user-data-dir=${profile}`, `--remote-debugging-port=${dport}`,
      '--window-size=1400,900', 'about:blank',
    ],
    { env: process.env },
    path.join(args.out, 'chromium.log'),
  );
  await waitHttp(`http://127.0.0.1:${dport}/json/version`, 'chromium', 30000);
  const targets = JSON.parse((await get(`http://127.0.0.1:${dport}/json/list`)).body);
  const page = targets.find((t) => t.type === 'page');
  if (!page) {
    throw new Error('chromium has no page target');
  }
  const cdp = new Cdp(page.webSocketDebuggerUrl);
  await cdp.open();
  await cdp.send('Page.enable');
  await cdp.send('Runtime.enable');
  await cdp.send('Emulation.setDeviceMetricsOverride', { width: 1400, height: 900, deviceScaleFactor: 1, mobile: false });

  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(devPath)],
    ['extensionTestsPath', remote(path.join(suiteDir, 'index.js'))],
  ];
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  await cdp.send('Page.navigate', { url });
  const started = Date.now();

  const result = path.join(ctl, 'result.json');
  const shots = [];
  while (!fs.existsSync(result)) {
    if (Date.now() - started > TIMEOUT_MS) {
      throw new Error(`the suite wrote no result within ${TIMEOUT_MS / 1000} s (see ${args.out}/code-server.log and suite.log)`);
    }
    for (const f of fs.readdirSync(ctl)) {
      const m = /^shot-(.+)\.request$/.exec(f);
      if (m && !fs.existsSync(path.join(ctl, `shot-${m[1]}.done`))) {
        const shot = await cdp.send('Page.captureScreenshot', { format: 'png' });
        const file = path.join(args.out, `${m[1]}.png`);
        fs.writeFileSync(file, Buffer.from(shot.data, 'base64'));
        shots.push(file);
        fs.writeFileSync(path.join(ctl, `shot-${m[1]}.done`), '');
      }
    }
    await sleep(100);
  }
  // A last look at the window, whatever the suite left on it.
  const last = await cdp.send('Page.captureScreenshot', { format: 'png' });
  fs.writeFileSync(path.join(args.out, 'final.png'), Buffer.from(last.data, 'base64'));
  cdp.close();

  const results = JSON.parse(fs.readFileSync(result, 'utf8'));
  if (fs.existsSync(path.join(ctl, 'suite.log'))) {
    fs.copyFileSync(path.join(ctl, 'suite.log'), path.join(args.out, 'suite.log'));
  }
  let passed = 0;
  let failed = 0;
  for (const r of results) {
    if (r.ok) {
      passed++;
      console.log(`ok     ${r.name} (${r.ms} ms)`);
    } else {
      failed++;
      console.log(`FAILED ${r.name}\n${String(r.error).replace(/^/gm, '       ')}`);
    }
  }
  for (const s of shots) {
    console.log(`screenshot: ${s}`);
  }
  console.log(`vscode-e2e took ${((Date.now() - t0) / 1000).toFixed(1)} s (VS Code to results: ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return { passed, failed };
}

main()
  .then(async ({ passed, failed }) => {
    await stopAll();
    removeTemp();
    console.log(`e2e: ${passed} passed, ${failed} failed`);
    process.exit(failed ? 1 : 0);
  })
  .catch(async (e) => {
    await stopAll();
    // What the suite got to before it stopped answering, in the terminal and not only in a log.
    const suiteLog = tmpDir && path.join(tmpDir, 'ctl', 'suite.log');
    if (suiteLog && fs.existsSync(suiteLog)) {
      fs.copyFileSync(suiteLog, path.join(args.out, 'suite.log'));
      const lines = fs.readFileSync(suiteLog, 'utf8').trim().split('\n');
      console.log(`the suite's last steps (of ${lines.length}):`);
      for (const l of lines.slice(-5)) {
        console.log(`  ${l}`);
      }
    }
    removeTemp();
    console.log(`FAILED could not run VS Code: ${String(e.message || e).split('\n')[0]}`);
    console.log('e2e: 0 passed, 1 failed');
    process.exit(1);
  });
