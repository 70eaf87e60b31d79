// Settings mapping, DTDL detection, Model ID, crash policy, the problem matcher's pattern.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';

import { concernsServer, CrashPolicy, firstModelId, isDtdlModel, needsRestart, quotedIncludes, serverSettings, statusText } from '../src/logic';

const getter = (o: Record<string, unknown>) => (k: string) => o[k];

test('settings: the four keys the server reads, with defaults', () => {
  assert.deepEqual(serverSettings(getter({})), { models: [], rules: {}, baseUrl: '', modelId: '' });
  assert.deepEqual(
    serverSettings(getter({ models: ['models', ' ../repo '], rules: { AICS003: 'error', 'model-not-found': 'off' }, baseUrl: 'https://mirror/x', modelId: 'dtmi:a:b;1', 'server.path': '/x', modelGlob: '**/*.json' })),
    { models: ['models', '../repo'], rules: { AICS003: 'error', 'model-not-found': 'off' }, baseUrl: 'https://mirror/x', modelId: 'dtmi:a:b;1' },
  );
});

test('settings: wrong types and unknown levels are dropped, "info" means information, case ignored', () => {
  const s = serverSettings(getter({ models: 'models', rules: { AICS001: 'fatal', AICS002: 'INFO', AICS003: 3, AICS004: 'Hint' }, baseUrl: 5, modelId: null }));
  assert.deepEqual(s, { models: [], rules: { AICS002: 'information', AICS004: 'hint' }, baseUrl: '', modelId: '' });
  assert.deepEqual(serverSettings(getter({ models: ['a', 1, '', null], rules: ['AICS001'] })).models, ['a']);
  assert.deepEqual(serverSettings(getter({ rules: ['AICS001'] })).rules, {});
});

test('a change of the server path restarts; rule, model and link changes are only sent', () => {
  const affects = (keys: string[]) => (s: string) => keys.some((k) => k === s || k.startsWith(s + '.'));
  assert.equal(needsRestart(affects(['aicsLint.server.path'])), true);
  assert.equal(needsRestart(affects(['aicsLint.rules'])), false);
  assert.equal(concernsServer(affects(['aicsLint.rules'])), true);
  assert.equal(concernsServer(affects(['aicsLint.trace.server'])), false);
  assert.equal(concernsServer(affects(['aicsLint.modelGlob'])), false);
});

test('DTDL models are recognised by their @context, other JSON is not', () => {
  assert.ok(isDtdlModel('{ "@context": "dtmi:dtdl:context;2", "@id": "dtmi:a:b;1" }'));
  assert.ok(isDtdlModel('{"@context":["dtmi:dtdl:context;3","dtmi:dtdl:extension:units;1"]}'));
  assert.ok(isDtdlModel('{"@context": [ "dtmi:iotcentral:context;2", "dtmi:dtdl:context;2" ]}'));
  assert.ok(isDtdlModel('[{"@id":"dtmi:a;1","@context":"dtmi:dtdl:context;4"}]'));
  assert.ok(isDtdlModel('{"@context": "dtmi:dtdl:context;2", "contents": [ ,, }'), 'a broken model is still a model');
  assert.ok(!isDtdlModel('{"name":"my-app","version":"1.0.0"}'));
  assert.ok(!isDtdlModel('{"@context":"https://schema.org","x":"dtmi:dtdl:context;2"}'));
  assert.ok(!isDtdlModel('{"description":"see dtmi:dtdl:context;2"}'));
  const example = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'examples', 'thermostat-device', 'models', 'thermostat-1.json'), 'utf8');
  assert.ok(isDtdlModel(example));
});

test('the Model ID of a file is its first dtmi literal, not the DTDL context', () => {
  assert.equal(firstModelId('#define MODEL_ID "dtmi:contoso:device:Thermostat;1"'), 'dtmi:contoso:device:Thermostat;1');
  assert.equal(firstModelId('{"@context":"dtmi:dtdl:context;2","@id":"dtmi:com:example:X;2"}'), 'dtmi:com:example:X;2');
  assert.equal(firstModelId('int main(void) { return 0; }'), undefined);
  assert.equal(quotedIncludes('#include <stdio.h>\n#include "app.h"\n  #  include "board_config.h"\n').join(','), 'app.h,board_config.h');
});

test('a crashing server is restarted 5 times in 3 minutes, then left stopped', () => {
  const p = new CrashPolicy(5, 180_000);
  for (let i = 0; i < 5; i++) {
    assert.equal(p.crashed(1000 + i), true);
  }
  assert.equal(p.crashed(2000), false);
  assert.equal(p.crashed(1000 + 180_001), true, 'old crashes leave the window');
  p.reset();
  assert.equal(p.crashed(0), true);
});

test('status text shows the state and the Model ID', () => {
  assert.equal(statusText('running', 'dtmi:a:b;1'), '$(check) aics-lint: dtmi:a:b;1');
  assert.equal(statusText('failed', undefined), '$(error) aics-lint');
});

test('the $aics-lint problem matcher reads the check text format', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
  const m = pkg.contributes.problemMatchers.find((p: { name: string }) => p.name === 'aics-lint');
  const re = new RegExp(m.pattern.regexp);
  const line = 'src/provisioning.c:38:9: warning[AICS001] DPS registration payload carries no Model ID: the payload uses `iotcModelId`';
  const g = re.exec(line)!;
  assert.ok(g);
  assert.deepEqual([g[m.pattern.file], g[m.pattern.line], g[m.pattern.column], g[m.pattern.severity], g[m.pattern.code]], ['src/provisioning.c', '38', '9', 'warning', 'AICS001']);
  assert.equal(re.exec('C:\\dev\\models\\t.json:15:15: error[DTDL001] not JSON')![1], 'C:\\dev\\models\\t.json');
  assert.equal(re.exec('   |'), null);
  assert.equal(re.exec('3 warnings, 0 errors in 6 files (1 model) — 0 suppressed'), null);
});

test('every setting is contributed with a description and a default', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
  const props = pkg.contributes.configuration.properties;
  for (const k of ['aicsLint.server.path', 'aicsLint.models', 'aicsLint.rules', 'aicsLint.baseUrl', 'aicsLint.modelId', 'aicsLint.trace.server', 'aicsLint.modelGlob']) {
    assert.ok(props[k], k);
    assert.ok(props[k].description || props[k].markdownDescription, `${k} has a description`);
    assert.ok('default' in props[k], `${k} has a default`);
  }
  assert.deepEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, ['aicsLint.server.path']);
});
