// The client's decisions that need no VS Code: what settings the server gets, which JSON is a
// DTDL model, which Model ID the status bar shows, when a crashed server is restarted.

export const LEVELS = ['error', 'warning', 'information', 'hint', 'off'] as const;
export type Level = (typeof LEVELS)[number];

/** What the server reads from `workspace/configuration`, section `aicsLint`. */
export interface ServerSettings {
  models: string[];
  rules: Record<string, Level>;
  baseUrl: string;
  modelId: string;
}

/** Reads one key of the `aicsLint` section (as `WorkspaceConfiguration.get` does). */
export type Getter = (key: string) => unknown;

/**
 * The settings the server gets: only its four keys, with wrong types dropped rather than
 * sent (a hand-edited settings.json can hold anything). Client-only keys (`server.path`,
 * `modelGlob`, `trace.server`) never reach the server.
 */
export function serverSettings(get: Getter): ServerSettings {
  const models = get('models');
  const rules = get('rules');
  const out: ServerSettings = { models: [], rules: {}, baseUrl: '', modelId: '' };
  if (Array.isArray(models)) {
    out.models = models.filter((m): m is string => typeof m === 'string' && m.trim() !== '').map((m) => m.trim());
  }
  if (rules && typeof rules === 'object' && !Array.isArray(rules)) {
    for (const [code, level] of Object.entries(rules as Record<string, unknown>)) {
      const l = typeof level === 'string' ? level.trim().toLowerCase() : '';
      const normal = l === 'info' ? 'information' : l;
      if ((LEVELS as readonly string[]).includes(normal)) {
        out.rules[code.trim()] = normal as Level;
      }
    }
  }
  const baseUrl = get('baseUrl');
  if (typeof baseUrl === 'string') {
    out.baseUrl = baseUrl.trim();
  }
  const modelId = get('modelId');
  if (typeof modelId === 'string') {
    out.modelId = modelId.trim();
  }
  return out;
}

/** Settings whose change needs a new server process (the others are sent to the running one). */
export const RESTART_KEYS = ['aicsLint.server.path'];

export function needsRestart(affects: (section: string) => boolean): boolean {
  return RESTART_KEYS.some((k) => affects(k));
}

/** Does a settings change concern the running server at all? */
export function concernsServer(affects: (section: string) => boolean): boolean {
  return ['aicsLint.models', 'aicsLint.rules', 'aicsLint.baseUrl', 'aicsLint.modelId'].some((k) => affects(k));
}

/**
 * A JSON text is a DTDL model when an `@context` names the DTDL context
 * (`dtmi:dtdl:context;2`, `;3`, `;4`, alone or first in an array, also for arrays of
 * interfaces). A regular expression, not a parse: a model with a syntax error is still a
 * model (and the server reports the error, DTDL001).
 */
const DTDL_CONTEXT = /"@context"\s*:\s*(?:\[\s*(?:"[^"]*"\s*,\s*)*)?"dtmi:dtdl:context;\d/;

export function isDtdlModel(text: string): boolean {
  return DTDL_CONTEXT.test(text.length > 1_000_000 ? text.slice(0, 1_000_000) : text);
}

/** A DTMI as in the DTDL spec: `dtmi:<segment>(:<segment>)*;<version>`. */
const DTMI = /dtmi:[A-Za-z](?:[A-Za-z0-9_]*[A-Za-z0-9])?(?::[A-Za-z_](?:[A-Za-z0-9_]*[A-Za-z0-9])?)*;[1-9][0-9]{0,8}(?:\.[1-9][0-9]{0,5})?/g;

/** The first Model ID in a text, skipping the DTDL context itself (`dtmi:dtdl:context;N`). */
export function firstModelId(text: string): string | undefined {
  for (const m of text.matchAll(DTMI)) {
    if (!m[0].startsWith('dtmi:dtdl:')) {
      return m[0];
    }
  }
  return undefined;
}

/** `#include "x.h"` names of a C file, in order (system includes `<...>` left out). */
export function quotedIncludes(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^[ \t]*#[ \t]*include[ \t]*"([^"\n]+)"/gm)) {
    out.push(m[1]);
  }
  return out;
}

/**
 * Restart a crashed server at most `max` times within `windowMs`; after that leave it
 * stopped and say so (a server that dies on every start would otherwise loop forever).
 */
export class CrashPolicy {
  private crashes: number[] = [];
  constructor(
    readonly max = 5,
    readonly windowMs = 3 * 60 * 1000,
  ) {}

  /** Record a crash at `now`; true when the server should be started again. */
  crashed(now: number): boolean {
    this.crashes = this.crashes.filter((t) => now - t < this.windowMs);
    this.crashes.push(now);
    return this.crashes.length <= this.max;
  }

  reset(): void {
    this.crashes = [];
  }
}

/** The status-bar text for a server state and the active file's Model ID. */
export type ServerState = 'starting' | 'running' | 'stopped' | 'failed' | 'idle';

export function statusText(state: ServerState, modelId: string | undefined): string {
  const icon = { starting: '$(sync~spin)', running: '$(check)', stopped: '$(debug-stop)', failed: '$(error)', idle: '$(circle-outline)' }[state];
  return modelId ? `${icon} aics-lint: ${modelId}` : `${icon} aics-lint`;
}
