/**
 * The review-lint language server: diagnostics for open Markdown documents (debounced, newest version wins),
 * code actions, hovers, completion and a workspace lint, all from the same core and config files as the CLI.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  type CancellationToken,
  CodeActionKind,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  MessageType,
  NotificationType,
  ShowMessageNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type ClientCapabilities,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type Range as LspRange,
  type TextEdit as LspTextEdit,
  type WorkDoneProgressReporter,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ChunkCache, parseDocument, type ReviewDocument } from '../core/document.js';
import { lintDocument, ruleById } from '../core/lint.js';
import { resolveConfig } from '../core/config.js';
import { preferredEdits } from '../core/edits.js';
import type { Finding, LintHost, LintResult } from '../core/types.js';
import { fileSystemHost } from '../node/host.js';
import { VERSION } from '../version.js';
import { expandArguments } from '../node/files.js';
import { MAX_FILE_BYTES, readReviewFile } from '../node/read-text.js';
import { findConfigFile } from '../node/config-files.js';
import { ConfigStore } from './config-store.js';
import { DEFAULT_SETTINGS, normaliseSettings, type Settings } from './settings.js';
import { matchesAny } from './glob.js';
import { DIAGNOSTIC_SOURCE, sameRange, toDiagnostic, toDiagnostics, toHover, toLspEdits, toLspRange, type DiagnosticData } from './to-lsp.js';
import { ALLOW_TERM_COMMAND, FIX_ALL_KIND, SELECT_RANGE_COMMAND, codeActions } from './code-actions.js';
import { ALLOW_RULE, ConfigEditError, withAllowedTerm } from './allow-term.js';
import { completionsAt, frontMatterReferences } from './completion.js';
import { citationEntriesFor } from './citation-keys.js';

export const LINT_WORKSPACE_COMMAND = 'reviewLint.lintWorkspace';
/** Sent by the VS Code client when the user trusts the workspace. */
export const TRUST_NOTIFICATION = new NotificationType<{ trusted: boolean }>('reviewLint/didChangeTrust');

/** File types a bibliography or a names file may have: changes to them re-lint the documents that read them. */
// Configuration, bibliographies and private names files (any file a lint read is re-linted on when it changes).
const WATCHED_GLOBS = ['**/.reviewlintrc.json', '**/.reviewlintrc.yaml', '**/.reviewlintrc.yml', '**/*.{bib,bibtex,json,yaml,yml,txt,csv}', '**/.reviewlint-names*', '**/*.names'];

interface DocumentState {
  cache: ChunkCache;
  /** The newest lint, and the version it was made for. */
  version?: number;
  doc?: ReviewDocument;
  result?: LintResult;
  /** Files the lint read through the host (bibliographies, names files), as absolute paths. */
  reads: Set<string>;
  /** Cancels the lint that is waiting, if one is. */
  cancelPending?: () => void;
}

/**
 * Run `task` after `delay` ms. With no delay, after the messages already received: vscode-jsonrpc handles one
 * message per immediate and queues the next one after the handler has run, so a task two immediates away runs
 * after the rest of a burst that arrived together (a newer change cancels it), without the 1 ms a timer costs.
 */
function later(delay: number, task: () => void): () => void {
  if (delay > 0) {
    const timer = setTimeout(task, delay);
    return () => clearTimeout(timer);
  }
  let immediate = setImmediate(() => {
    immediate = setImmediate(task);
  });
  return () => clearImmediate(immediate);
}

function fsPathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const states = new Map<string, DocumentState>();
  let settings: Settings = DEFAULT_SETTINGS;
  /** Settings from initializationOptions: the base that each full settings object from the client replaces. */
  let initialSettings: Settings = DEFAULT_SETTINGS;
  let trusted = true;
  let folders: string[] = [];
  let capabilities: ClientCapabilities = {};
  let shuttingDown = false;
  /** Until the client's settings arrive, opened documents wait (one lint with the right settings, not two). */
  let settingsLoaded = false;

  const log = {
    error: (what: string, e?: unknown) => connection.console.error(`review-lint: ${what}${e === undefined ? '' : `: ${errorText(e)}`}`),
    info: (what: string) => connection.console.info(`review-lint: ${what}`),
  };

  /** A message for the user (a notification: nothing to answer, so no client waits on it). */
  const tell = (type: MessageType, message: string) => void connection.sendNotification(ShowMessageNotification.type, { type, message });

  const configs = new ConfigStore(
    (file, message) => {
      log.error(`config file ${file} has a problem; the last good configuration stays in use until it is fixed\n${message}`);
      tell(MessageType.Warning, `review-lint: ${path.basename(file)} has a problem, so the last good settings stay in use until it is fixed. ${message}`);
      // Also a diagnostic on the config file, which stays visible until the file is fixed.
      const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      void connection.sendDiagnostics({ uri: pathToFileURL(file).href, diagnostics: [{ range, severity: 1, source: 'review-lint', message }] });
    },
    (file) => void connection.sendDiagnostics({ uri: pathToFileURL(file).href, diagnostics: [] }),
  );

  /** Run a handler, log what it throws, and answer with `fallback` instead of failing the request. */
  function guard<A extends unknown[], R>(name: string, fallback: R, handler: (...args: A) => R): (...args: A) => R {
    return (...args: A) => {
      try {
        return handler(...args);
      } catch (e) {
        log.error(`${name} failed`, e);
        return fallback;
      }
    };
  }

  function folderOf(file: string | undefined): string | undefined {
    if (!file) return folders[0];
    return folders.filter((f) => file === f || file.startsWith(f + path.sep)).sort((a, b) => b.length - a.length)[0];
  }

  function shouldLint(doc: TextDocument): boolean {
    if (!settings.enable) return false;
    const file = fsPathOf(doc.uri);
    if (!file) return true; // unsaved (untitled) documents the client chose to send
    const folder = folderOf(file);
    const rel = folder ? path.relative(folder, file) : path.basename(file);
    return matchesAny(rel.split(path.sep).join('/'), settings.include);
  }

  function stateOf(uri: string): DocumentState {
    let state = states.get(uri);
    if (!state) {
      state = { cache: new ChunkCache(), reads: new Set() };
      states.set(uri, state);
    }
    return state;
  }

  /** A host that records what a lint read, so that a change to that file re-lints the document. */
  function recordingHost(file: string | undefined, reads: Set<string>): LintHost {
    const base = file ?? path.join(folderOf(undefined) ?? process.cwd(), 'untitled.md');
    const inner = fileSystemHost(base);
    return {
      readFile(p: string) {
        reads.add(path.resolve(path.dirname(base), p));
        return inner.readFile!(p);
      },
    };
  }

  function configFor(file: string | undefined) {
    const dir = file ? path.dirname(file) : folderOf(undefined);
    const { layer } = configs.forDirectory(dir);
    return resolveConfig(layer, { profile: settings.profile, severities: settings.rules, trusted });
  }

  function lintText(text: string, file: string | undefined, state: Pick<DocumentState, 'cache' | 'reads'>): { doc: ReviewDocument; result: LintResult } {
    state.reads.clear();
    const doc = parseDocument(text, { cache: state.cache });
    const result = lintDocument(doc, { config: configFor(file), host: recordingHost(file, state.reads) });
    for (const n of result.notices) if (/ failed and was skipped/.test(n.message)) log.error(n.message);
    return { doc, result };
  }

  /** Lint the document's current version into its state, without publishing. False when it is not linted. */
  /** Over the size the command line refuses too: checking it on every keystroke would stall the editor. */
  function tooLarge(textDocument: TextDocument): boolean {
    const text = textDocument.getText();
    // A UTF-16 code unit is 1 to 3 bytes in UTF-8: count bytes only where the length leaves it in doubt.
    return text.length > MAX_FILE_BYTES || (text.length > MAX_FILE_BYTES / 3 && Buffer.byteLength(text, 'utf8') > MAX_FILE_BYTES);
  }

  function lintIntoState(textDocument: TextDocument, state: DocumentState): boolean {
    if (!shouldLint(textDocument) || tooLarge(textDocument)) return false;
    try {
      const { doc, result } = lintText(textDocument.getText(), fsPathOf(textDocument.uri), state);
      Object.assign(state, { version: textDocument.version, doc, result });
      if (settings.trace === 'verbose') log.info(`linted ${textDocument.uri} v${textDocument.version}: ${result.findings.length} findings`);
      return true;
    } catch (e) {
      log.error(`linting ${textDocument.uri} failed`, e);
      return false;
    }
  }

  /** Lint the document's current version now and publish its diagnostics. */
  function lintNow(textDocument: TextDocument): void {
    const state = stateOf(textDocument.uri);
    state.cancelPending?.();
    state.cancelPending = undefined;
    const upToDate = state.version === textDocument.version && !!state.result;
    if (!upToDate && !lintIntoState(textDocument, state)) {
      state.version = undefined;
      state.result = undefined;
      const diagnostics: Diagnostic[] =
        shouldLint(textDocument) && tooLarge(textDocument)
          ? [
              {
                range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
                severity: DiagnosticSeverity.Warning,
                source: DIAGNOSTIC_SOURCE,
                message: `This document is over ${MAX_FILE_BYTES / (1024 * 1024)} MB, so review-lint does not check it: split it (for example the appendices) into smaller files.`,
              },
            ]
          : [];
      void connection.sendDiagnostics({ uri: textDocument.uri, version: textDocument.version, diagnostics });
      return;
    }
    void connection.sendDiagnostics({
      uri: textDocument.uri,
      version: textDocument.version,
      diagnostics: toDiagnostics(textDocument, state.result!.findings, state.result!.notices),
    });
  }

  /** Lint after the debounce; a newer change cancels the pending lint, so only the newest version is linted. */
  function schedule(textDocument: TextDocument, delay = settings.debounceMs): void {
    const state = stateOf(textDocument.uri);
    state.cancelPending?.();
    state.cancelPending = later(delay, () => {
      state.cancelPending = undefined;
      const latest = documents.get(textDocument.uri);
      if (latest && !shuttingDown && settingsLoaded) lintNow(latest);
    });
  }

  /** Lint again even if the text did not change (the config, the settings or a file it reads did). */
  function relint(d: TextDocument): void {
    const state = states.get(d.uri);
    if (state) state.version = undefined;
    schedule(d, 0);
  }

  function relintAll(): void {
    for (const d of documents.all()) relint(d);
  }

  /** The lint of the document's current version, linting now if the newest one is pending. */
  function current(textDocument: TextDocument): DocumentState | undefined {
    const state = stateOf(textDocument.uri);
    // Hovers and code actions need the text as it is; publishing stays with the debounce (or the save).
    if ((state.version !== textDocument.version || !state.result) && !lintIntoState(textDocument, state)) return undefined;
    return state.result ? state : undefined;
  }

  async function fetchSettings(): Promise<void> {
    if (!capabilities.workspace?.configuration) return;
    try {
      const [raw] = await connection.workspace.getConfiguration([{ section: 'reviewLint' }]);
      settings = normaliseSettings(raw, initialSettings);
    } catch (e) {
      log.error('reading the reviewLint settings failed', e);
    }
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    capabilities = params.capabilities ?? {};
    const init = (params.initializationOptions ?? {}) as Record<string, unknown>;
    settings = initialSettings = normaliseSettings(init.settings ?? init, DEFAULT_SETTINGS);
    if (typeof init.trusted === 'boolean') trusted = init.trusted;
    const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    folders = uris.map(fsPathOf).filter((f): f is string => !!f);
    if (!folders.length && params.rootPath) folders = [params.rootPath];
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['@', '^'], resolveProvider: false },
        executeCommandProvider: { commands: [LINT_WORKSPACE_COMMAND, ALLOW_TERM_COMMAND, SELECT_RANGE_COMMAND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'review-lint-server', version: VERSION },
    };
  });

  connection.onInitialized(async () => {
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern })) });
    }
    if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'reviewLint' });
    }
    if (capabilities.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(e.removed.map((f) => fsPathOf(f.uri)));
        folders = [...folders.filter((f) => !removed.has(f)), ...e.added.map((f) => fsPathOf(f.uri)).filter((f): f is string => !!f)];
        relintAll();
      });
    }
    // A client that never answers must not keep documents unlinted.
    await Promise.race([fetchSettings(), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    settingsLoaded = true;
    relintAll();
  });

  connection.onDidChangeConfiguration(
    guard('didChangeConfiguration', undefined, (params) => {
      if (capabilities.workspace?.configuration) void fetchSettings().then(relintAll);
      else {
        const raw = (params.settings as Record<string, unknown> | undefined)?.reviewLint;
        settings = normaliseSettings(raw, initialSettings);
        relintAll();
      }
    }),
  );

  connection.onNotification(
    TRUST_NOTIFICATION,
    guard('didChangeTrust', undefined, (params) => {
      trusted = params?.trusted !== false;
      relintAll();
    }),
  );

  connection.onDidChangeWatchedFiles(
    guard('didChangeWatchedFiles', undefined, (params) => {
      let configChanged = false;
      const changed = new Set<string>();
      for (const change of params.changes) {
        const file = fsPathOf(change.uri);
        if (!file) continue;
        changed.add(file);
        if (configs.invalidate(file)) configChanged = true;
        if (change.type === FileChangeType.Deleted) changed.add(file);
      }
      for (const d of documents.all()) {
        const reads = states.get(d.uri)?.reads;
        if (configChanged || [...changed].some((f) => reads?.has(f))) relint(d);
      }
    }),
  );

  // An open fires didOpen and then didChangeContent for the same version: lint it once, at once.
  const justOpened = new Map<string, number>();
  documents.onDidOpen(
    guard('didOpen', undefined, (e) => {
      justOpened.set(e.document.uri, e.document.version);
      schedule(e.document, 0);
    }),
  );
  documents.onDidChangeContent(
    guard('didChange', undefined, (e) => {
      const opened = justOpened.get(e.document.uri);
      justOpened.delete(e.document.uri);
      if (opened === e.document.version) return;
      // In onSave mode diagnostics keep their place until the next save; code actions re-check the version.
      if (settings.run !== 'onSave') schedule(e.document);
    }),
  );
  documents.onDidSave(guard('didSave', undefined, (e) => schedule(e.document, 0)));
  documents.onDidClose(
    guard('didClose', undefined, (e) => {
      const state = states.get(e.document.uri);
      state?.cancelPending?.();
      states.delete(e.document.uri);
      void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    }),
  );

  connection.onCodeAction(
    guard('codeAction', [], (params) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      let state: DocumentState | undefined;
      const latest = () => (state ??= current(doc));
      /** The findings' LSP ranges, computed once per request when a diagnostic is looked up by place. */
      let ranges: LspRange[] | undefined;
      return codeActions(
        {
          doc,
          snippetEdits: !!(capabilities.workspace?.workspaceEdit as { snippetEditSupport?: boolean } | undefined)?.snippetEditSupport,
          showDocument: !!capabilities.window?.showDocument?.support,
          dataFor(diagnostic: Diagnostic) {
            const data = diagnostic.data as DiagnosticData | undefined;
            if (data?.suggestions && data.version === doc.version) return data;
            const findings = latest()?.result?.findings ?? [];
            const same = (f: Finding, r: LspRange) => f.ruleId === diagnostic.code && sameRange(r, diagnostic.range);
            // Made for this version: its finding is at its index in this version's lint (unless a change of
            // configuration since made another lint of the same version).
            if (data?.version === doc.version && data.index !== undefined) {
              const f = findings[data.index];
              if (f && f.message === diagnostic.message && same(f, toLspRange(doc, f.range))) return toDiagnostic(doc, f, data.index, true).data as DiagnosticData;
            }
            // Else the same rule on the same line, overlapping (the text may have moved since).
            ranges ??= findings.map((f) => toLspRange(doc, f.range));
            const i = findings.findIndex((f, k) => {
              const r = ranges![k];
              if (f.ruleId !== diagnostic.code) return false;
              if (data?.version === doc.version) return f.message === diagnostic.message && sameRange(r, diagnostic.range);
              return r.start.line === diagnostic.range.start.line && r.start.character <= diagnostic.range.end.character && r.end.character >= diagnostic.range.start.character;
            });
            return i === -1 ? undefined : (toDiagnostic(doc, findings[i], i, true).data as DiagnosticData);
          },
          preferredEdits(ruleId?: string) {
            const findings = latest()?.result?.findings ?? [];
            const edits = preferredEdits(findings, ruleId);
            const count = findings.filter((f) => (!ruleId || f.ruleId === ruleId) && f.suggestions?.some((s) => s.isPreferred)).length;
            return { edits: toLspEdits(doc, edits), count };
          },
        },
        params.context.diagnostics,
        params.context.only,
      );
    }),
  );

  connection.onHover(
    guard('hover', null, (params) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return null;
      const state = current(doc);
      if (!state?.result) return null;
      const offset = doc.offsetAt(params.position);
      return toHover(doc, state.result.findings.filter((f) => f.range.start <= offset && offset <= f.range.end));
    }),
  );

  connection.onCompletion(
    guard('completion', [], (params) => {
      const textDocument = documents.get(params.textDocument.uri);
      if (!textDocument) return [];
      const state = stateOf(textDocument.uri);
      // Completion needs the newest text, linted or not: a parse reuses the document's chunk cache.
      const doc = state.version === textDocument.version && state.doc ? state.doc : parseDocument(textDocument.getText(), { cache: state.cache });
      const file = fsPathOf(textDocument.uri);
      return completionsAt(doc, params.position, () => [...frontMatterReferences(doc), ...citationEntriesFor(doc, recordingHost(file, new Set()))]);
    }),
  );

  /**
   * Lint every file the include globs name, publishing each one's diagnostics. Stops between files when the
   * request or its progress is cancelled, and says how far it got.
   */
  async function lintWorkspace(progress: WorkDoneProgressReporter, cancelled: () => boolean): Promise<{ files: number; findings: number; cancelled?: true }> {
    const files = [...new Set(folders.flatMap((folder) => expandArguments(settings.include, folder).files.map((f) => path.resolve(folder, f))))];
    progress.begin('review-lint: linting the workspace', 0, `${files.length} files`, true);
    let findings = 0;
    for (let i = 0; i < files.length; i++) {
      if (cancelled()) {
        progress.done();
        return { files: i, findings, cancelled: true };
      }
      const file = files[i];
      const uri = pathToFileURL(file).href;
      const open = documents.get(uri);
      progress.report(Math.round((i / Math.max(files.length, 1)) * 100), path.basename(file));
      try {
        if (open) {
          const state = current(open);
          findings += state?.result?.findings.length ?? 0;
        } else {
          const read = readReviewFile(file);
          if ('error' in read) {
            log.error(`${file}: ${read.error}`);
            continue;
          }
          const text = TextDocument.create(uri, 'markdown', 0, read.text);
          const { result } = lintText(read.text, file, { cache: new ChunkCache(), reads: new Set() });
          findings += result.findings.length;
          void connection.sendDiagnostics({ uri, diagnostics: toDiagnostics(text, result.findings, result.notices) });
        }
      } catch (e) {
        log.error(`linting ${file} failed`, e);
      }
      // Let other messages (edits, cancellation) through after each file.
      await new Promise((resolve) => setImmediate(resolve));
    }
    progress.done();
    return { files: files.length, findings };
  }

  async function allowTerm(uri: string, term: string): Promise<boolean> {
    const file = fsPathOf(uri);
    const existing = file ? findConfigFile(path.dirname(file)) : undefined;
    const folder = folderOf(file) ?? (file ? path.dirname(file) : undefined);
    const target = existing ?? (folder ? path.join(folder, '.reviewlintrc.json') : undefined);
    if (!target) {
      tell(MessageType.Warning, 'review-lint: open a folder first; the allowed term is kept in its .reviewlintrc.json.');
      return false;
    }
    const read = existing ? readReviewFile(existing) : undefined;
    if (read && 'error' in read) {
      tell(MessageType.Error, `review-lint: cannot read ${existing}: ${read.error}`);
      return false;
    }
    const rule = ruleById(ALLOW_RULE);
    const severity = rule?.meta.defaultSeverity === 'off' ? 'warning' : (rule?.meta.defaultSeverity ?? 'warning');
    let newText: string | undefined;
    try {
      newText = withAllowedTerm(read?.text, target, term, severity);
    } catch (e) {
      if (!(e instanceof ConfigEditError)) throw e;
      tell(MessageType.Error, `review-lint: cannot add '${term}' to ${path.basename(target)}: ${e.message}`);
      return false;
    }
    if (newText === undefined) {
      tell(MessageType.Info, `review-lint: '${term}' is already allowed in ${path.basename(target)}.`);
      return false;
    }
    const targetUri = pathToFileURL(target).href;
    let edit: WorkspaceEdit;
    if (read) {
      const old = TextDocument.create(targetUri, 'json', 0, read.text);
      edit = { changes: { [targetUri]: [{ range: { start: { line: 0, character: 0 }, end: old.positionAt(read.text.length) }, newText }] } };
    } else if (capabilities.workspace?.workspaceEdit?.resourceOperations?.includes('create')) {
      edit = {
        documentChanges: [
          { kind: 'create', uri: targetUri, options: { ignoreIfExists: true } },
          { textDocument: { uri: targetUri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText }] },
        ],
      };
    } else {
      edit = { changes: { [targetUri]: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText } as LspTextEdit] } };
    }
    const applied = await connection.workspace.applyEdit({ label: `Allow '${term}' in this workspace`, edit });
    if (!applied.applied) log.info(`the client did not apply the edit to ${target}${applied.failureReason ? `: ${applied.failureReason}` : ''}`);
    return applied.applied;
  }

  connection.onExecuteCommand(async (params, token, reporter) => {
    try {
      switch (params.command) {
        case LINT_WORKSPACE_COMMAND: {
          let progress: WorkDoneProgressReporter = reporter;
          let progressToken: CancellationToken | undefined;
          if (!params.workDoneToken && capabilities.window?.workDoneProgress) {
            const created = await connection.window.createWorkDoneProgress();
            progress = created;
            progressToken = created.token;
          }
          return await lintWorkspace(progress, () => token.isCancellationRequested || (progressToken?.isCancellationRequested ?? false));
        }
        case ALLOW_TERM_COMMAND: {
          const [uri, term] = params.arguments ?? [];
          if (typeof uri !== 'string' || typeof term !== 'string' || !term.trim()) throw new Error('expected [documentUri, term]');
          return await allowTerm(uri, term.trim());
        }
        case SELECT_RANGE_COMMAND: {
          const [uri, selection] = params.arguments ?? [];
          if (typeof uri !== 'string' || !selection) throw new Error('expected [documentUri, range]');
          if (!capabilities.window?.showDocument?.support) return false;
          return (await connection.window.showDocument({ uri, selection, takeFocus: true })).success;
        }
        default:
          log.error(`unknown command ${params.command}`);
          return null;
      }
    } catch (e) {
      log.error(`command ${params.command} failed`, e);
      return null;
    }
  });

  connection.onShutdown(() => {
    shuttingDown = true;
    for (const state of states.values()) state.cancelPending?.();
  });

  documents.listen(connection);
}
