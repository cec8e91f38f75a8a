/**
 * The VS Code extension: starts the review-lint language server over IPC for Markdown and `*.review.md`
 * documents, shows the active document's counts in the status bar, and adds the rule-docs and report commands.
 */
import * as vscode from 'vscode';
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

const SOURCE = 'review-lint';
const RULE_DOCS_BASE = 'https://github.com/safeguarding-review-lint/safeguarding-review-lint/blob/main/docs/rules/';

let client: LanguageClient | undefined;

/** What the extension hands to other extensions (and its integration tests): the status bar item as shown. */
export interface ReviewLintApi {
  status(): { text: string; tooltip: string; visible: boolean };
}

export async function activate(context: vscode.ExtensionContext): Promise<ReviewLintApi> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const languages = ['markdown', 'safeguarding-review'];
  const clientOptions: LanguageClientOptions = {
    documentSelector: languages.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    initializationOptions: {
      // A plain copy: the configuration object carries methods that do not cross the process boundary.
      settings: JSON.parse(JSON.stringify(vscode.workspace.getConfiguration('reviewLint'))),
      trusted: vscode.workspace.isTrusted,
    },
    diagnosticCollectionName: SOURCE,
  };
  client = new LanguageClient('reviewLint', 'Safeguarding Review Lint', serverOptions, clientOptions);
  const status = statusBar();

  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification('reviewLint/didChangeTrust', { trusted: true })),
    vscode.commands.registerCommand('reviewLint.showRuleDocs', (ruleId?: unknown) => showRuleDocs(context, typeof ruleId === 'string' ? ruleId : undefined)),
    vscode.commands.registerCommand('reviewLint.openReport', () => openReport(context)),
    ...status.disposables,
  );
  await client.start();
  return { status: () => ({ text: status.item.text, tooltip: String(status.item.tooltip ?? ''), visible: status.visible() }) };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/** Counts of review-lint findings in the active document; click to open the Problems view. */
function statusBar(): { item: vscode.StatusBarItem; visible(): boolean; disposables: vscode.Disposable[] } {
  const item = vscode.window.createStatusBarItem('reviewLint.status', vscode.StatusBarAlignment.Left, 50);
  let shown = false;
  item.name = 'Safeguarding Review Lint';
  item.command = 'workbench.actions.view.problems';
  const update = () => {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !['markdown', 'safeguarding-review'].includes(doc.languageId)) {
      item.hide();
      shown = false;
      return;
    }
    const ours = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === SOURCE);
    const count = (s: vscode.DiagnosticSeverity) => ours.filter((d) => d.severity === s).length;
    const errors = count(vscode.DiagnosticSeverity.Error);
    const warnings = count(vscode.DiagnosticSeverity.Warning);
    const notes = ours.length - errors - warnings;
    item.text = ours.length === 0 ? '$(check) Review lint' : `$(error) ${errors} $(warning) ${warnings} $(info) ${notes} Review lint`;
    item.tooltip = `Safeguarding Review Lint: ${errors} errors, ${warnings} warnings, ${notes} notes in this document`;
    item.show();
    shown = true;
  };
  update();
  return {
    item,
    visible: () => shown,
    disposables: [
      item,
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (e.uris.some((u) => u.toString() === active)) update();
      }),
      vscode.window.onDidChangeActiveTextEditor(update),
    ],
  };
}

/** The rule under the cursor, else a pick from the rules with a page; opens the bundled page or the online one. */
async function showRuleDocs(context: vscode.ExtensionContext, ruleId?: string): Promise<void> {
  const docsDir = context.asAbsolutePath(path.join('docs', 'rules'));
  if (!ruleId) {
    const editor = vscode.window.activeTextEditor;
    const here = editor
      ? vscode.languages
          .getDiagnostics(editor.document.uri)
          .filter((d) => d.source === SOURCE && d.range.contains(editor.selection.active))
          .map((d) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? '')))
          .filter(Boolean)
      : [];
    const all = fs.existsSync(docsDir) ? fs.readdirSync(docsDir).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3)) : [];
    ruleId = here.length === 1 ? here[0] : await vscode.window.showQuickPick([...new Set([...here, ...all])], { placeHolder: 'Which rule?' });
  }
  if (!ruleId || !/^[a-z0-9-]+$/.test(ruleId)) return;
  const bundled = path.join(docsDir, `${ruleId}.md`);
  if (fs.existsSync(bundled)) await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.file(bundled));
  else await vscode.env.openExternal(vscode.Uri.parse(`${RULE_DOCS_BASE}${ruleId}.md`));
}

/** Run the bundled CLI's `report` subcommand on the workspace and open the HTML it writes. */
async function openReport(context: vscode.ExtensionContext): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    // The report runs the command line on the folder, which reads its configuration in full.
    void vscode.window.showWarningMessage('Review lint: trust this workspace to make a readiness report (it reads the workspace’s configuration).');
    return;
  }
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder || folder.uri.scheme !== 'file') {
    void vscode.window.showWarningMessage('Review lint: open a folder of reviews to make a readiness report.');
    return;
  }
  const out = path.join(os.tmpdir(), `review-lint-report-${Date.now()}.html`);
  const cli = context.asAbsolutePath(path.join('dist', 'cli.js'));
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Review lint: making the readiness report' },
    () =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = fork(cli, ['report', folder.uri.fsPath, '--out', out], { cwd: folder.uri.fsPath, silent: true });
        let stderr = '';
        child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('error', (e) => resolve({ code: null, stderr: e.message }));
        child.on('exit', (code) => resolve({ code, stderr }));
      }),
  );
  if (!fs.existsSync(out)) {
    const why = result.stderr.trim().split('\n')[0] || `the report command ended with code ${result.code}`;
    void vscode.window.showErrorMessage(`Review lint: no report was made (${why}).`);
    return;
  }
  await vscode.env.openExternal(vscode.Uri.file(out));
}
