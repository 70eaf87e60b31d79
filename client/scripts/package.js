#!/usr/bin/env node
// `npm run package`: a platform-specific .vsix with the release server inside.
// Builds `cargo build --release -p aics-lint` at the repository root, copies the binary to
// server/<platform>-<arch>/ (where the extension looks for it), then runs vsce for the
// matching target. Output: ../target/vsix/aics-lint-<target>-<version>.vsix, or $AICS_LINT_VSIX_OUT.
// AICS_LINT_PREBUILT=<binary> packages that binary instead of building the release one (the tests
// package the debug build this way, in seconds).
'use strict';

const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const client = path.resolve(__dirname, '..');
const root = path.resolve(client, '..');
const platform = process.env.AICS_LINT_PLATFORM || process.platform;
const arch = process.env.AICS_LINT_ARCH || process.arch;
const exe = platform === 'win32' ? 'aics-lint.exe' : 'aics-lint';
// vsce's target names are VS Code's: <platform>-<arch>, with armhf for 32-bit ARM.
const target = `${platform}-${arch === 'arm' ? 'armhf' : arch}`;

function run(cmd, args, cwd) {
  console.log(`> ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { cwd, stdio: 'inherit' });
}

let binary = process.env.AICS_LINT_PREBUILT;
if (!binary) {
  run('cargo', ['build', '--release', '--locked', '-p', 'aics-lint'], root);
  binary = path.join(root, 'target', 'release', exe);
}
const dest = path.join(client, 'server', `${platform}-${arch}`);
fs.rmSync(path.join(client, 'server'), { recursive: true, force: true });
fs.mkdirSync(dest, { recursive: true });
fs.copyFileSync(binary, path.join(dest, exe));
fs.chmodSync(path.join(dest, exe), 0o755);
// The release profile keeps line tables for backtraces; users of the package do not need
// them, and they are most of the binary's size.
if (platform !== 'win32' && process.env.AICS_LINT_NO_STRIP !== '1') {
  try {
    execFileSync('strip', [path.join(dest, exe)], { stdio: 'inherit' });
  } catch (e) {
    console.log(`strip failed (${e.message.split('\n')[0]}): packaging the binary as it is`);
  }
}

const version = JSON.parse(fs.readFileSync(path.join(client, 'package.json'), 'utf8')).version;
const outDir = path.join(root, 'target', 'vsix');
fs.mkdirSync(outDir, { recursive: true });
const out = process.env.AICS_LINT_VSIX_OUT ? path.resolve(process.env.AICS_LINT_VSIX_OUT) : path.join(outDir, `aics-lint-${target}-${version}.vsix`);
const vsce = path.join(client, 'node_modules', '.bin', process.platform === 'win32' ? 'vsce.cmd' : 'vsce');
// The README's screenshot is a relative link: the repository has no public URL to rewrite it to,
// and VS Code shows relative images of an installed extension from the package itself.
run(vsce, ['package', '--no-dependencies', '--target', target, '--no-rewrite-relative-links', '--allow-missing-repository', '--out', out], client);
console.log(out);
