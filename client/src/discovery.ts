// Finding the aics-lint binary. Pure logic over an injected view of the machine, so the unit
// tests can check the order without VS Code or a real file system.

import * as path from 'path';

export type ServerSource = 'setting' | 'env' | 'bundled' | 'path';

export interface Machine {
  platform: string; // process.platform
  arch: string; // process.arch
  env: Record<string, string | undefined>;
  home: string;
  /** True for an existing regular file we may execute. */
  isExecutable(file: string): boolean;
}

export interface DiscoveryInput {
  /** `aicsLint.server.path` as the user set it ('' or undefined: not set). */
  settingPath?: string;
  /** Where relative setting paths are resolved (the first workspace folder). */
  workspaceFolder?: string;
  /** The extension's install folder (for the bundled binary). */
  extensionPath: string;
}

export interface Found {
  ok: true;
  path: string;
  source: ServerSource;
}

export interface NotFound {
  ok: false;
  /** One sentence: what was looked for and how to fix it. */
  message: string;
  /** Every place that was looked at, for the log. */
  tried: string[];
}

export type Discovery = Found | NotFound;

export const ENV_VAR = 'AICS_LINT_SERVER';

export function binaryName(platform: string): string {
  return platform === 'win32' ? 'aics-lint.exe' : 'aics-lint';
}

/** `client/server/<platform>-<arch>/aics-lint`, where `npm run package` puts the release build. */
export function bundledPath(extensionPath: string, platform: string, arch: string): string {
  return path.join(extensionPath, 'server', `${platform}-${arch}`, binaryName(platform));
}

function expand(p: string, m: Machine, base?: string): string {
  let out = p.trim();
  if (out === '~' || out.startsWith('~/')) {
    out = path.join(m.home, out.slice(1));
  }
  out = out.replace(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => m.env[name] ?? '');
  if (!path.isAbsolute(out) && base) {
    out = path.join(base, out);
  }
  return out;
}

/**
 * The server, in this order: the `aicsLint.server.path` setting, the `AICS_LINT_SERVER`
 * environment variable, the binary bundled in the extension, `aics-lint` on `PATH`.
 * A setting or variable that names a missing file is an error (the user asked for that
 * binary; silently running another would hide the mistake).
 */
export function findServer(input: DiscoveryInput, m: Machine): Discovery {
  const tried: string[] = [];
  const setting = input.settingPath?.trim();
  if (setting) {
    const p = expand(setting, m, input.workspaceFolder);
    tried.push(`setting aicsLint.server.path: ${p}`);
    if (m.isExecutable(p)) {
      return { ok: true, path: p, source: 'setting' };
    }
    return {
      ok: false,
      tried,
      message: `The setting aicsLint.server.path points to ${p}, which is not an executable file. Fix the path, or clear the setting to use the bundled server or aics-lint on PATH.`,
    };
  }
  const fromEnv = m.env[ENV_VAR]?.trim();
  if (fromEnv) {
    const p = expand(fromEnv, m);
    tried.push(`${ENV_VAR}: ${p}`);
    if (m.isExecutable(p)) {
      return { ok: true, path: p, source: 'env' };
    }
    return {
      ok: false,
      tried,
      message: `The environment variable ${ENV_VAR} points to ${p}, which is not an executable file. Fix or unset it.`,
    };
  }
  const bundled = bundledPath(input.extensionPath, m.platform, m.arch);
  tried.push(`bundled: ${bundled}`);
  if (m.isExecutable(bundled)) {
    return { ok: true, path: bundled, source: 'bundled' };
  }
  const pathVar = m.env.PATH ?? m.env.Path ?? '';
  const sep = m.platform === 'win32' ? ';' : ':';
  for (const dir of pathVar.split(sep)) {
    if (!dir) {
      continue;
    }
    const p = path.join(dir, binaryName(m.platform));
    tried.push(`PATH: ${p}`);
    if (m.isExecutable(p)) {
      return { ok: true, path: p, source: 'path' };
    }
  }
  return {
    ok: false,
    tried,
    message:
      `No aics-lint server found: this extension has no bundled server for ${m.platform}-${m.arch} and aics-lint is not on PATH. ` +
      'Install it (cargo install --path server/aics-lint, or cargo build --release -p aics-lint) and set aicsLint.server.path to the binary.',
  };
}
