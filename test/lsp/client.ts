/**
 * A small LSP client for protocol tests: starts the built server (`dist/server.js --stdio`) as a subprocess,
 * answers its requests like an editor would (settings, applyEdit on disk, showDocument) and records the rest.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const serverPath = path.join(repoRoot, 'dist', 'server.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestSource(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Build when dist/server.js is missing or older than the sources (`npm test` builds first, so usually a no-op). */
export function ensureBuilt(): void {
  const built = fs.existsSync(serverPath) ? fs.statSync(serverPath).mtimeMs : 0;
  if (built > newestSource(path.join(repoRoot, 'server', 'src'))) return;
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs')], { cwd: repoRoot, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
}

export const uriOf = (file: string) => pathToFileURL(file).href;

export interface StartOptions {
  root: string;
  settings?: Record<string, unknown>;
  capabilities?: ClientCapabilities;
  initializationOptions?: Record<string, unknown>;
}

export const EDITOR_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    applyEdit: true,
    workspaceEdit: { documentChanges: true, resourceOperations: ['create'] },
    didChangeWatchedFiles: { dynamicRegistration: true },
    didChangeConfiguration: { dynamicRegistration: true },
    executeCommand: {},
  },
  window: { showDocument: { support: true }, workDoneProgress: true },
  textDocument: {
    publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    codeAction: { dataSupport: true, isPreferredSupport: true },
    hover: { contentFormat: ['markdown'] },
    completion: {},
    synchronization: { didSave: true },
  },
};

export class TestClient {
  readonly proc: ChildProcess;
  readonly connection: ProtocolConnection;
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly publishCount = new Map<string, number>();
  readonly messages: { type: number; message: string }[] = [];
  readonly logs: string[] = [];
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  readonly appliedEdits: WorkspaceEdit[] = [];
  readonly shownDocuments: { uri: string; selection?: unknown }[] = [];
  readonly progress: unknown[] = [];
  /** Tokens of the progress the server asked to create (window/workDoneProgress/create). */
  readonly progressTokens: (string | number)[] = [];
  readonly docs = new Map<string, TextDocument>();
  settings: Record<string, unknown>;
  private waiters: { uri: string; test: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  exitCode: Promise<number | null>;

  constructor(readonly options: StartOptions) {
    this.settings = options.settings ?? { debounceMs: 0 };
    this.proc = spawn(process.execPath, [serverPath, '--stdio'], { cwd: options.root, stdio: ['pipe', 'pipe', 'pipe'] });
    this.exitCode = new Promise((resolve) => this.proc.on('exit', (code) => resolve(code)));
    this.connection = createProtocolConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    const c = this.connection;
    c.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p);
      this.publishCount.set(p.uri, (this.publishCount.get(p.uri) ?? 0) + 1);
      this.waiters = this.waiters.filter((w) => !(w.uri === p.uri && w.test(p) && (w.resolve(p), true)));
    });
    c.onNotification('window/showMessage', (p: { type: number; message: string }) => this.messages.push(p));
    c.onNotification('window/logMessage', (p: { message: string }) => this.logs.push(p.message));
    c.onNotification('$/progress', (p: unknown) => this.progress.push(p));
    c.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => this.settings));
    c.onRequest('client/registerCapability', (p: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      this.registrations.push(...p.registrations);
      return null;
    });
    c.onRequest('window/workDoneProgress/create', (p: { token: string | number }) => {
      this.progressTokens.push(p.token);
      return null;
    });
    c.onRequest('window/showMessageRequest', () => null);
    c.onRequest('window/showDocument', (p: { uri: string; selection?: unknown }) => {
      this.shownDocuments.push(p);
      return { success: true };
    });
    c.onRequest('workspace/applyEdit', (p: { edit: WorkspaceEdit }) => {
      this.appliedEdits.push(p.edit);
      this.applyToDisk(p.edit);
      return { applied: true };
    });
    c.listen();
  }

  async initialize(): Promise<unknown> {
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uriOf(this.options.root),
      workspaceFolders: [{ uri: uriOf(this.options.root), name: 'workspace' }],
      capabilities: this.options.capabilities ?? EDITOR_CAPABILITIES,
      initializationOptions: this.options.initializationOptions ?? { debounceMs: 0 },
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** Resolves with the next publication for `uri` that passes `test` (or the current one, if it already does). */
  waitFor(uri: string, test: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 10_000): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} matching the test within ${timeoutMs} ms; last: ${JSON.stringify(this.diagnostics.get(uri))?.slice(0, 500)}`)), timeoutMs);
      this.waiters.push({ uri, test, resolve: (p) => (clearTimeout(timer), resolve(p)) });
    });
  }

  /** The diagnostics published for `version` of the document. */
  diagnosticsFor(uri: string, version: number): Promise<Diagnostic[]> {
    return this.waitFor(uri, (p) => p.version === version).then((p) => p.diagnostics);
  }

  async open(file: string, text?: string, languageId = 'markdown'): Promise<Diagnostic[]> {
    const uri = uriOf(file);
    const content = text ?? fs.readFileSync(file, 'utf8');
    const doc = TextDocument.create(uri, languageId, 1, content);
    this.docs.set(uri, doc);
    const published = this.diagnosticsFor(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text: content } });
    return published;
  }

  /** Apply edits as an editor would (incremental didChange) and wait for the new version's diagnostics. */
  async edit(uri: string, edits: TextEdit[], wait = true): Promise<Diagnostic[]> {
    const doc = this.docs.get(uri)!;
    const version = doc.version + 1;
    // didChange carries changes in order; each range is in the text after the earlier ones, so send back to front.
    const sorted = [...edits].sort((a, b) => doc.offsetAt(b.range.start) - doc.offsetAt(a.range.start));
    const next = TextDocument.update(doc, sorted.map((e) => ({ range: e.range, text: e.newText })), version);
    this.docs.set(uri, next);
    const published = wait ? this.diagnosticsFor(uri, version) : Promise.resolve([]);
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: sorted.map((e) => ({ range: e.range, text: e.newText })),
    });
    return published;
  }

  /** Apply a workspace edit to the open documents (returns their diagnostics) or, for other files, to disk. */
  async applyWorkspaceEdit(edit: WorkspaceEdit): Promise<void> {
    const byUri = new Map<string, TextEdit[]>();
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) byUri.set(uri, edits);
    for (const change of edit.documentChanges ?? []) {
      if ('textDocument' in change) {
        byUri.set(
          change.textDocument.uri,
          change.edits.map((e) => ('snippet' in (e as object) ? { range: e.range, newText: (e as unknown as { snippet: { value: string } }).snippet.value } : (e as TextEdit))),
        );
      }
    }
    for (const [uri, edits] of byUri) {
      if (this.docs.has(uri)) await this.edit(uri, edits);
    }
  }

  text(uri: string): string {
    return this.docs.get(uri)!.getText();
  }

  private applyToDisk(edit: WorkspaceEdit): void {
    const write = (uri: string, edits: TextEdit[]) => {
      const file = fileURLToPath(uri);
      const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
      fs.writeFileSync(file, TextDocument.applyEdits(TextDocument.create(uri, 'text', 0, old), edits));
    };
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) write(uri, edits);
    for (const change of edit.documentChanges ?? []) {
      if ('kind' in change && change.kind === 'create') {
        const file = fileURLToPath(change.uri);
        if (!fs.existsSync(file)) fs.writeFileSync(file, '');
      } else if ('textDocument' in change) write(change.textDocument.uri, change.edits as TextEdit[]);
    }
  }

  async changeWatchedFile(file: string, type: 1 | 2 | 3 = 2): Promise<void> {
    await this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(file), type }] });
  }

  async stop(): Promise<number | null> {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const code = await this.exitCode;
    this.connection.dispose();
    return code;
  }

  kill(): void {
    if (this.proc.exitCode === null) this.proc.kill();
  }
}
