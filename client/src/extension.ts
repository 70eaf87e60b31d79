// The aics-lint VS Code extension: finds the server, starts it when a C/C++ file or a DTDL
// model is open, restarts it when it crashes or its path changes, and adds the commands,
// the status-bar item, the task and the problem matcher around it.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFile } from 'child_process';
import * as vscode from 'vscode';
import {
  CloseAction,
  DidOpenTextDocumentNotification,
  ErrorAction,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
  TransportKind,
} from 'vscode-languageclient/node';

import { Discovery, findServer, Machine } from './discovery';
import {
  concernsServer,
  CrashPolicy,
  firstModelId,
  isDtdlModel,
  needsRestart,
  quotedIncludes,
  serverSettings,
  ServerState,
  statusText,
} from './logic';

const SECTION = 'aicsLint';
const TASK_TYPE = 'aics-lint';

let ext: AicsLint | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<AicsLintApi> {
  ext = new AicsLint(context);
  await ext.startIfRelevant();
  return ext.api();
}

export async function deactivate(): Promise<void> {
  await ext?.stop();
}

/** What the extension exports (used by the end-to-end tests, and by anyone scripting it). */
export interface AicsLintApi {
  state(): ServerState;
  serverPath(): string | undefined;
  client(): LanguageClient | undefined;
  ready(): Promise<void>;
  /** The Model ID the status bar shows. */
  modelId(): string | undefined;
  /** The running server's process id. */
  serverPid(): number | undefined;
  /** Where the server was found, or undefined when it was not. */
  serverSource(): string | undefined;
  /** Why no server could be found or started, if so. */
  problem(): string | undefined;
}

function machine(): Machine {
  return {
    platform: process.platform,
    arch: process.arch,
    env: process.env,
    home: os.homedir(),
    isExecutable(file: string): boolean {
      try {
        if (!fs.statSync(file).isFile()) {
          return false;
        }
        fs.accessSync(file, process.platform === 'win32' ? fs.constants.F_OK : fs.constants.X_OK);
        return true;
      } catch {
        return false;
      }
    },
  };
}

class AicsLint {
  private client: LanguageClient | undefined;
  private readonly log: vscode.OutputChannel;
  private readonly status: vscode.StatusBarItem;
  private state: ServerState = 'idle';
  private found: Discovery | undefined;
  private readonly crashes = new CrashPolicy(5, 3 * 60 * 1000);
  /** JSON documents the server was told about (DTDL models); other JSON is never sent. */
  private readonly openedJson = new Set<string>();
  /** The tail of the queue of start/stop/restart operations (see `serially`). */
  private lifecycle: Promise<void> = Promise.resolve();
  private modelId: string | undefined;
  private problem: string | undefined;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.log = vscode.window.createOutputChannel('aics-lint');
    this.status = vscode.window.createStatusBarItem('aicsLint.status', vscode.StatusBarAlignment.Left, 10);
    this.status.name = 'aics-lint';
    this.status.command = 'aicsLint.showLog';
    context.subscriptions.push(this.log, this.status);

    const cmd = (id: string, f: (...args: unknown[]) => unknown) =>
      context.subscriptions.push(vscode.commands.registerCommand(id, f));
    cmd('aicsLint.restartServer', () => this.restart());
    cmd('aicsLint.showLog', () => this.log.show(true));
    cmd('aicsLint.lintWorkspace', () => this.lintWorkspace());
    cmd('aicsLint.openRuleTroubleshooting', (code?: unknown) => this.openRule(typeof code === 'string' ? code : undefined));

    context.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => this.configurationChanged(e)),
      vscode.workspace.onDidOpenTextDocument((d) => {
        if (!this.client && this.isRelevant(d)) {
          void this.start();
        }
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateModelId()),
      vscode.workspace.onDidSaveTextDocument(() => this.updateModelId()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.restart()),
      vscode.tasks.registerTaskProvider(TASK_TYPE, {
        provideTasks: () => (this.checkTask() ? [this.checkTask()!] : []),
        resolveTask: (t) => (t.definition.type === TASK_TYPE ? this.checkTask(t.definition as vscode.TaskDefinition) : undefined),
      }),
    );
    this.render();
    this.updateModelId();
  }

  api(): AicsLintApi {
    return {
      state: () => this.state,
      serverPath: () => (this.found?.ok ? this.found.path : undefined),
      client: () => this.client,
      modelId: () => this.modelId,
      serverSource: () => (this.found?.ok ? this.found.source : undefined),
      problem: () => this.problem,
      serverPid: () => (this.client as unknown as { _serverProcess?: { pid?: number } } | undefined)?._serverProcess?.pid,
      ready: async () => {
        if (!this.client) {
          await this.start();
        }
        await this.lifecycle;
      },
    };
  }

  // --- which documents matter ------------------------------------------------------------

  private modelGlob(): string {
    const g = vscode.workspace.getConfiguration(SECTION).get<string>('modelGlob');
    return g && g.trim() ? g.trim() : '**/*.json';
  }

  private isDtdlDocument(d: vscode.TextDocument): boolean {
    return (
      d.uri.scheme === 'file' &&
      (d.languageId === 'json' || d.languageId === 'jsonc') &&
      vscode.languages.match({ language: d.languageId, scheme: 'file', pattern: this.modelGlob() }, d) > 0 &&
      isDtdlModel(d.getText())
    );
  }

  private isRelevant(d: vscode.TextDocument): boolean {
    return (d.uri.scheme === 'file' && (d.languageId === 'c' || d.languageId === 'cpp')) || this.isDtdlDocument(d);
  }

  async startIfRelevant(): Promise<void> {
    const configs = await vscode.workspace.findFiles('{aics-lint.toml,.aics-lint.toml}', undefined, 1);
    if (configs.length > 0 || vscode.workspace.textDocuments.some((d) => this.isRelevant(d))) {
      await this.start();
    }
  }

  // --- the server's life ------------------------------------------------------------------

  private discover(): Discovery {
    const config = vscode.workspace.getConfiguration(SECTION);
    // In an untrusted workspace a workspace setting must not pick the binary we run.
    let settingPath = config.get<string>('server.path');
    if (!vscode.workspace.isTrusted) {
      const inspected = config.inspect<string>('server.path');
      settingPath = inspected?.globalValue;
    }
    return findServer(
      {
        settingPath,
        workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
        extensionPath: this.context.extensionPath,
      },
      machine(),
    );
  }

  /**
   * Start, stop and restart run one after the other, never interleaved: a settings change
   * that arrives while a restart is still stopping the old server waits for it, instead of
   * starting a second client beside the first.
   */
  private serially(f: () => Promise<void>): Promise<void> {
    const next = this.lifecycle.then(f, f);
    this.lifecycle = next.catch(() => undefined);
    return next;
  }

  async start(): Promise<void> {
    return this.serially(() => this.doStart());
  }

  private async doStart(): Promise<void> {
    if (this.client) {
      return;
    }
    this.found = this.discover();
    this.problem = this.found.ok ? undefined : this.found.message;
    if (!this.found.ok) {
      this.setState('failed');
      this.log.appendLine(`[aics-lint] ${this.found.message}`);
      for (const t of this.found.tried) {
        this.log.appendLine(`  looked at ${t}`);
      }
      // Not awaited: activation must not wait for the user's answer.
      void vscode.window.showErrorMessage(`aics-lint: ${this.found.message}`, 'Open Settings', 'Show Log').then((choice) => {
        if (choice === 'Open Settings') {
          void vscode.commands.executeCommand('workbench.action.openSettings', 'aicsLint.server.path');
        } else if (choice === 'Show Log') {
          this.log.show(true);
        }
      });
      return;
    }
    const serverPath = this.found.path;
    this.log.appendLine(`[aics-lint] starting ${serverPath} (found via ${this.found.source})`);
    const serverOptions: ServerOptions = {
      command: serverPath,
      args: ['server'],
      transport: TransportKind.stdio,
      options: { cwd: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: 'c' },
        { scheme: 'file', language: 'cpp' },
        { scheme: 'file', language: 'json', pattern: this.modelGlob() },
        { scheme: 'file', language: 'jsonc', pattern: this.modelGlob() },
      ],
      outputChannel: this.log,
      traceOutputChannel: this.log,
      diagnosticCollectionName: 'aics-lint',
      errorHandler: {
        error: () => ({ action: ErrorAction.Continue }),
        closed: () => {
          if (this.crashes.crashed(Date.now())) {
            this.log.appendLine('[aics-lint] the server stopped unexpectedly; restarting it');
            return { action: CloseAction.Restart };
          }
          this.setState('failed');
          return {
            action: CloseAction.DoNotRestart,
            message: `The aics-lint server crashed ${this.crashes.max} times in 3 minutes and was not restarted. See the log (aics-lint: Show the Server Log), then run "aics-lint: Restart the Server".`,
          };
        },
      },
      middleware: {
        workspace: {
          // Answer `workspace/configuration` for our section with only what the server reads.
          configuration: async (params, token, next) => {
            const answers = await next(params, token);
            if (!Array.isArray(answers)) {
              return answers;
            }
            return params.items.map((item, i) => {
              if (item.section !== SECTION) {
                return answers[i];
              }
              const scope = item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined;
              const c = vscode.workspace.getConfiguration(SECTION, scope);
              return serverSettings((k) => c.get(k));
            });
          },
        },
        // Only DTDL models among the JSON files reach the server.
        didOpen: async (d, next) => {
          if (d.languageId === 'json' || d.languageId === 'jsonc') {
            if (!isDtdlModel(d.getText())) {
              return;
            }
            this.openedJson.add(d.uri.toString());
          }
          return next(d);
        },
        didChange: async (e, next) => {
          const d = e.document;
          if (d.languageId === 'json' || d.languageId === 'jsonc') {
            const key = d.uri.toString();
            if (!this.openedJson.has(key)) {
              if (isDtdlModel(d.getText()) && this.client) {
                // It became a model while being edited: open it now, with its whole text.
                this.openedJson.add(key);
                await this.client.sendNotification(DidOpenTextDocumentNotification.type, {
                  textDocument: { uri: key, languageId: d.languageId, version: d.version, text: d.getText() },
                });
              }
              return;
            }
          }
          return next(e);
        },
        didSave: async (d, next) => {
          if ((d.languageId === 'json' || d.languageId === 'jsonc') && !this.openedJson.has(d.uri.toString())) {
            return;
          }
          return next(d);
        },
        didClose: async (d, next) => {
          if (d.languageId === 'json' || d.languageId === 'jsonc') {
            if (!this.openedJson.delete(d.uri.toString())) {
              return;
            }
          }
          return next(d);
        },
        provideHover: (d, pos, token, next) =>
          (d.languageId === 'json' || d.languageId === 'jsonc') && !this.openedJson.has(d.uri.toString())
            ? undefined
            : next(d, pos, token),
        provideCodeActions: (d, range, ctx, token, next) =>
          (d.languageId === 'json' || d.languageId === 'jsonc') && !this.openedJson.has(d.uri.toString())
            ? undefined
            : next(d, range, ctx, token),
      },
    };
    const client = new LanguageClient(SECTION, 'aics-lint', serverOptions, clientOptions);
    this.disablePullDiagnostics(client);
    client.onDidChangeState((e) => {
      // A client that was stopped or replaced still reports its last transitions, after
      // the new one is running: those must not turn the status back to "stopped".
      if (this.client !== client) {
        return;
      }
      if (e.newState === State.Running) {
        this.setState('running');
      } else if (e.newState === State.Starting) {
        this.setState('starting');
      } else if (this.state !== 'failed') {
        this.setState('stopped');
      }
    });
    this.client = client;
    this.setState('starting');
    try {
      await client.start();
      this.setState('running');
    } catch (e) {
      this.setState('failed');
      this.client = undefined;
      const why = e instanceof Error ? e.message : String(e);
      this.problem = `could not start ${serverPath}: ${why}`;
      this.log.appendLine(`[aics-lint] could not start ${serverPath}: ${why}`);
      void vscode.window.showErrorMessage(
        `aics-lint: could not start the server ${serverPath}: ${why}. Check aicsLint.server.path, or run "aics-lint: Show the Server Log".`,
      );
    }
  }

  /**
   * The server pushes diagnostics to clients that do not declare pull support, and only
   * pulls with clients that do (and accept refresh requests). Push alone is complete (the
   * server publishes every file after each analysis, models included), so the extension
   * neither declares nor uses the pull feature: the server then pushes.
   */
  private disablePullDiagnostics(client: LanguageClient): void {
    const getFeature = (client as unknown as { getFeature(m: string): unknown }).getFeature.bind(client);
    const pull = getFeature('textDocument/diagnostic') as
      | { initialize?: unknown; fillClientCapabilities?: unknown }
      | undefined;
    if (pull && typeof pull.initialize === 'function') {
      pull.initialize = () => undefined;
    }
    if (pull && typeof pull.fillClientCapabilities === 'function') {
      pull.fillClientCapabilities = () => undefined;
    }
  }

  async stop(): Promise<void> {
    return this.serially(() => this.doStop());
  }

  private async doStop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.openedJson.clear();
    if (client) {
      try {
        await client.stop(2000);
      } catch (e) {
        this.log.appendLine(`[aics-lint] stopping the server: ${e instanceof Error ? e.message : String(e)}`);
      }
      client.dispose(); // eslint-disable-line @typescript-eslint/no-floating-promises
    }
    this.setState('stopped');
  }

  async restart(): Promise<void> {
    return this.serially(async () => {
      this.crashes.reset();
      await this.doStop();
      await this.doStart();
    });
  }

  private async configurationChanged(e: vscode.ConfigurationChangeEvent): Promise<void> {
    if (!e.affectsConfiguration(SECTION)) {
      return;
    }
    if (needsRestart((s) => e.affectsConfiguration(s))) {
      this.log.appendLine('[aics-lint] aicsLint.server.path changed: restarting the server');
      await this.restart();
      return;
    }
    if (this.client && concernsServer((s) => e.affectsConfiguration(s))) {
      const c = vscode.workspace.getConfiguration(SECTION);
      await this.client.sendNotification('workspace/didChangeConfiguration', {
        settings: { [SECTION]: serverSettings((k) => c.get(k)) },
      });
    }
  }

  // --- status bar -------------------------------------------------------------------------

  private setState(s: ServerState): void {
    this.state = s;
    this.render();
  }

  private render(): void {
    this.status.text = statusText(this.state, this.modelId);
    const where = this.found?.ok ? `\n\nServer: ${this.found.path} (${this.found.source})` : '';
    const model = this.modelId ? `\n\nModel ID of this file: ${this.modelId}` : '';
    this.status.tooltip = new vscode.MarkdownString(`aics-lint server: ${this.state}${model}${where}\n\nClick to show the server log.`);
    this.status.backgroundColor =
      this.state === 'failed' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.status.show();
  }

  /** The Model ID of the active file: its first `dtmi:` literal, else one of its quoted includes'. */
  private updateModelId(): void {
    const d = vscode.window.activeTextEditor?.document;
    let id: string | undefined;
    if (d && d.uri.scheme === 'file') {
      const text = d.getText();
      id = firstModelId(text);
      if (!id && (d.languageId === 'c' || d.languageId === 'cpp')) {
        for (const inc of quotedIncludes(text)) {
          try {
            const t = fs.readFileSync(path.join(path.dirname(d.uri.fsPath), inc), 'utf8');
            id = firstModelId(t);
          } catch {
            // not next to the file: the status bar simply shows none
          }
          if (id) {
            break;
          }
        }
      }
    }
    this.modelId = id;
    this.render();
  }

  // --- commands ---------------------------------------------------------------------------

  private checkTask(def?: vscode.TaskDefinition): vscode.Task | undefined {
    const folder = vscode.workspace.workspaceFolders?.[0];
    const found = this.found?.ok ? this.found : this.discover();
    if (!folder || !found.ok) {
      return undefined;
    }
    const definition = def ?? { type: TASK_TYPE };
    const extra = Array.isArray(definition.args) ? (definition.args as string[]) : [];
    const exec = new vscode.ProcessExecution(found.path, ['check', '--no-progress', ...extra, '.'], {
      cwd: folder.uri.fsPath,
      env: { NO_COLOR: '1' },
    });
    const task = new vscode.Task(definition, folder, 'check', 'aics-lint', exec, '$aics-lint');
    task.presentationOptions = { reveal: vscode.TaskRevealKind.Silent };
    return task;
  }

  private async lintWorkspace(): Promise<void> {
    const task = this.checkTask();
    if (!task) {
      const found = this.discover();
      void vscode.window.showErrorMessage(
        found.ok ? 'aics-lint: open a folder to lint it.' : `aics-lint: ${found.message}`,
      );
      return;
    }
    await vscode.tasks.executeTask(task);
  }

  private async openRule(code?: string): Promise<void> {
    // A finding under the cursor carries its own link.
    const editor = vscode.window.activeTextEditor;
    if (!code && editor) {
      const here = vscode.languages
        .getDiagnostics(editor.document.uri)
        .filter((d) => d.source === 'aics-lint' && d.range.contains(editor.selection.active));
      const target = here.map((d) => (typeof d.code === 'object' ? d.code.target : undefined)).find((t) => t);
      if (target) {
        await vscode.env.openExternal(target);
        return;
      }
    }
    const rules = await this.ruleTable();
    if (!rules.length) {
      void vscode.window.showErrorMessage('aics-lint: could not read the rule table from the server (see the log).');
      return;
    }
    let pick = code ? rules.find((r) => r.code === code || r.name === code) : undefined;
    if (!pick) {
      const item = await vscode.window.showQuickPick(
        rules.map((r) => ({ label: r.code, description: r.name, detail: r.summary, rule: r })),
        { placeHolder: 'Which rule?', matchOnDescription: true, matchOnDetail: true },
      );
      pick = item?.rule;
    }
    if (pick) {
      await vscode.env.openExternal(vscode.Uri.parse(pick.url));
    }
  }

  private ruleTable(): Promise<{ code: string; name: string; summary: string; url: string }[]> {
    const found = this.found?.ok ? this.found : this.discover();
    if (!found.ok) {
      return Promise.resolve([]);
    }
    return new Promise((resolve) => {
      execFile(found.path, ['rules', '--format', 'json'], { timeout: 10_000 }, (err, stdout) => {
        if (err) {
          this.log.appendLine(`[aics-lint] aics-lint rules: ${err.message}`);
          resolve([]);
          return;
        }
        try {
          resolve(JSON.parse(stdout).rules ?? []);
        } catch (e) {
          this.log.appendLine(`[aics-lint] aics-lint rules printed no JSON: ${String(e)}`);
          resolve([]);
        }
      });
    });
  }
}
