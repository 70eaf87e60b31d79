// Server discovery order: setting, AICS_LINT_SERVER, bundled binary, PATH.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'path';

import { bundledPath, findServer, Machine } from '../src/discovery';

function machine(files: string[], env: Record<string, string> = {}): Machine {
  const set = new Set(files.map((f) => path.normalize(f)));
  return { platform: 'linux', arch: 'x64', env, home: '/home/dev', isExecutable: (f) => set.has(path.normalize(f)) };
}

const ext = '/ext';
const bundled = '/ext/server/linux-x64/aics-lint';

test('the bundled binary lives in server/<platform>-<arch>/', () => {
  assert.equal(bundledPath('/ext', 'linux', 'x64'), bundled);
  assert.equal(bundledPath('/ext', 'win32', 'arm64'), path.join('/ext', 'server', 'win32-arm64', 'aics-lint.exe'));
});

test('the setting comes first', () => {
  const m = machine(['/opt/a/aics-lint', '/env/aics-lint', bundled, '/usr/bin/aics-lint'], { AICS_LINT_SERVER: '/env/aics-lint', PATH: '/usr/bin' });
  assert.deepEqual(findServer({ settingPath: '/opt/a/aics-lint', extensionPath: ext }, m), { ok: true, path: '/opt/a/aics-lint', source: 'setting' });
});

test('a relative setting is resolved against the workspace folder, ~ against home', () => {
  const m = machine(['/ws/bin/aics-lint', '/home/dev/.cargo/bin/aics-lint']);
  assert.equal(findServer({ settingPath: 'bin/aics-lint', workspaceFolder: '/ws', extensionPath: ext }, m).ok && 'found', 'found');
  const r = findServer({ settingPath: '~/.cargo/bin/aics-lint', extensionPath: ext }, m);
  assert.ok(r.ok && r.path === '/home/dev/.cargo/bin/aics-lint');
});

test('then the environment variable', () => {
  const m = machine(['/env/aics-lint', bundled, '/usr/bin/aics-lint'], { AICS_LINT_SERVER: '/env/aics-lint', PATH: '/usr/bin' });
  assert.deepEqual(findServer({ settingPath: '', extensionPath: ext }, m), { ok: true, path: '/env/aics-lint', source: 'env' });
});

test('then the bundled binary', () => {
  const m = machine([bundled, '/usr/bin/aics-lint'], { PATH: '/usr/bin' });
  assert.deepEqual(findServer({ settingPath: '  ', extensionPath: ext }, m), { ok: true, path: bundled, source: 'bundled' });
});

test('then PATH, in PATH order, skipping empty entries', () => {
  const m = machine(['/b/aics-lint', '/c/aics-lint'], { PATH: ':/a:/b:/c' });
  assert.deepEqual(findServer({ extensionPath: ext }, m), { ok: true, path: '/b/aics-lint', source: 'path' });
});

test('a setting naming a missing file is an error that names it, not a silent fallback', () => {
  const m = machine([bundled], { PATH: '/usr/bin' });
  const r = findServer({ settingPath: '/nope/aics-lint', extensionPath: ext }, m);
  assert.equal(r.ok, false);
  assert.ok(!r.ok && r.message.includes('/nope/aics-lint') && r.message.includes('aicsLint.server.path'));
});

test('a variable naming a missing file is an error that names the variable', () => {
  const r = findServer({ extensionPath: ext }, machine([bundled], { AICS_LINT_SERVER: '/gone' }));
  assert.ok(!r.ok && r.message.includes('AICS_LINT_SERVER') && r.message.includes('/gone'));
});

test('nothing found: the message says how to fix it and every place looked at is listed', () => {
  const r = findServer({ extensionPath: ext }, machine([], { PATH: '/a:/b' }));
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.match(r.message, /aicsLint\.server\.path/);
    assert.match(r.message, /cargo/);
    assert.deepEqual(r.tried, [`bundled: ${bundled}`, 'PATH: /a/aics-lint', 'PATH: /b/aics-lint']);
  }
});

test('Windows: aics-lint.exe and ; in Path', () => {
  const m: Machine = { platform: 'win32', arch: 'x64', env: { Path: 'C:\\a;C:\\b' }, home: 'C:\\u', isExecutable: (f) => f.endsWith('aics-lint.exe') && f.includes('b') };
  const r = findServer({ extensionPath: ext }, m);
  assert.ok(r.ok && r.source === 'path' && r.path.endsWith('aics-lint.exe'));
});
