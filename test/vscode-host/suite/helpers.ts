/**
 * Helpers for the host tests: they run inside the VS Code extension host (code-server's or a desktop VS Code's),
 * so they use only the VS Code API and assume nothing about the window (the web workbench has no desktop).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const SOURCE = 'review-lint';
export const EXTENSION_ID = 'safeguarding-review-lint.safeguarding-review-lint';

/** How long to wait for the language server before a test fails (it usually answers in well under a second). */
export const WAIT_MS = 20_000;

export function fixture(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the host was started without the fixtures workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function open(name: string): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  const doc = await vscode.workspace.openTextDocument(fixture(name));
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  return { doc, editor };
}

/** A diagnostic's code as a string (the server sends the rule id, with a link to the rule's page). */
export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code ?? '');
}

export function ours(uri: vscode.Uri, ruleId?: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE && (!ruleId || codeOf(d) === ruleId));
}

function describe(uri: vscode.Uri): string {
  const all = vscode.languages.getDiagnostics(uri);
  if (all.length === 0) return 'no diagnostics';
  return all.map((d) => `${d.source}/${codeOf(d)} at ${d.range.start.line + 1}:${d.range.start.character + 1}`).join(', ');
}

/**
 * Resolves with the review-lint diagnostics of `uri` once `ready` holds for them: checked now, then on every
 * change of that file's diagnostics; fails after `timeoutMs` naming what was there.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  ready: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = WAIT_MS,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const now = ours(uri);
      if (!ready(now)) return false;
      done();
      resolve(now);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      done();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} in ${uri.path} (it has ${describe(uri)})`));
    }, timeoutMs);
    function done(): void {
      subscription.dispose();
      clearTimeout(timer);
    }
    check();
  });
}

/** Polls `condition` (for state that has no event, such as an extension's activation) until it holds. */
export async function until(condition: () => boolean, what: string, timeoutMs = WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The text a diagnostic underlines. */
export function underlined(doc: vscode.TextDocument, d: vscode.Diagnostic): string {
  return doc.getText(d.range);
}

/** Closes every editor without saving, so that one test's unsaved edits do not reach the next. */
export async function closeAll(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    if (doc.isDirty && doc.uri.scheme === 'file') {
      // Put the text back as it is on disk, then close.
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
