/**
 * The extension in a real VS Code host: activation, diagnostics, edits, quick fixes, hovers, the review
 * language mode and the commands. Written once against the VS Code API; run by run-code-server.mjs (code-server
 * with Chromium) and by run-electron.mjs (a downloaded desktop VS Code).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, closeAll, codeOf, fixture, open, ours, underlined, until, waitForDiagnostics } from './helpers';

const BLAME = 'blame-language';

/** The blame-language findings on one word, once the server has published them. */
async function blameOn(doc: vscode.TextDocument, word: string, count = 1): Promise<vscode.Diagnostic[]> {
  const found = await waitForDiagnostics(
    doc.uri,
    (ds) => ds.filter((d) => codeOf(d) === BLAME && underlined(doc, d) === word).length === count,
    `${count} ${BLAME} finding(s) on '${word}'`,
  );
  return found.filter((d) => codeOf(d) === BLAME && underlined(doc, d) === word);
}

suite('Safeguarding Review Lint in VS Code', () => {
  teardown(closeAll);

  // Keep this test first: it checks the state before any Markdown file was opened.
  test('activates when a Markdown file is opened', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed in this host`);
    assert.equal(extension.isActive, false, 'the extension was active before any Markdown file was opened');
    const { doc } = await open('blame.md');
    assert.equal(doc.languageId, 'markdown');
    await until(() => extension.isActive, 'the extension to activate');
  });

  test('reports blaming language with source review-lint and the rule id as code', async () => {
    const { doc } = await open('blame.md');
    const [d] = await blameOn(doc, 'troublesome');
    assert.equal(d.source, 'review-lint');
    assert.equal(codeOf(d), BLAME);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(d.range.start.line, doc.getText().split('\n').findIndex((l) => l.includes('troublesome')));
    assert.match(d.message, /'troublesome'/);
    // The code links to the rule's page.
    assert.ok(typeof d.code === 'object' && d.code.target.toString().includes(`${BLAME}.md`), 'the rule id links to its documentation');
  });

  test('lints the unsaved text as it is edited', async () => {
    const { doc } = await open('edit.md');
    const [first] = await blameOn(doc, 'troublesome');

    // Add a second blaming sentence at the end, without saving.
    const edit = new vscode.WorkspaceEdit();
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    edit.insert(doc.uri, end, '\nOn the ward Child B was troublesome again.\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(doc.isDirty, 'the edit is not saved');
    const both = await blameOn(doc, 'troublesome', 2);
    const added = both.find((d) => d.range.start.line !== first.range.start.line);
    assert.ok(added && doc.lineAt(added.range.start.line).text.startsWith('On the ward'), 'the new sentence is flagged where it is');

    // Rewrite the first sentence through the editor: its finding goes, the other stays.
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor && editor.document === doc);
    const firstLine = doc.lineAt(first.range.start.line).range;
    assert.ok(await editor.edit((b) => b.replace(firstLine, 'Child B was often hungry and frightened at home.')));
    const left = await blameOn(doc, 'troublesome', 1);
    assert.ok(doc.lineAt(left[0].range.start.line).text.startsWith('On the ward'));
  });

  test('a quick fix rewrites the words and the finding goes away', async () => {
    const { doc } = await open('fix.md');
    const [d] = await blameOn(doc, 'troublesome');
    const line = d.range.start.line;
    const before = doc.lineAt(line).text;

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const replacements = actions.filter((a) => /^Replace with '.+'$/.test(a.title) && a.edit);
    assert.ok(replacements.length > 0, `no 'Replace with' quick fix among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(actions.some((a) => a.title === `Allow ${BLAME} here, with a reason`), 'the allow-here action is offered too');
    const fix = replacements[0];
    const replacement = /^Replace with '(.+)'$/.exec(fix.title)![1];

    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    const expected = before.slice(0, d.range.start.character) + replacement + before.slice(d.range.end.character);
    assert.equal(doc.lineAt(line).text, expected);
    await waitForDiagnostics(doc.uri, (ds) => !ds.some((x) => codeOf(x) === BLAME), `the ${BLAME} finding to go away`);
  });

  test('allowing a finding here inserts a comment with a reason to type over, and the finding goes away', async () => {
    const { doc, editor } = await open('allow.md');
    const [d] = await blameOn(doc, 'troublesome');
    const flaggedText = doc.lineAt(d.range.start.line).text;

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const allow = actions.find((a) => a.title === `Allow ${BLAME} here, with a reason`);
    assert.ok(allow?.edit, `no allow-here action among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(allow.edit));
    const lines = doc.getText().split(/\r?\n/);
    const at = lines.indexOf(flaggedText);
    assert.deepEqual(lines.slice(at - 2, at + 1), [`<!-- review-lint-disable-next-line ${BLAME} -- reason -->`, '', flaggedText]);
    // The placeholder reason ends up selected, ready to be typed over: by the action's command (a client without
    // snippet edits, such as vscode-languageclient 9), or by the snippet itself.
    if (allow.command) await vscode.commands.executeCommand(allow.command.command, ...(allow.command.arguments ?? []));
    await until(() => editor.document.getText(editor.selection) === 'reason', "the placeholder 'reason' to be selected");
    await waitForDiagnostics(doc.uri, (ds) => !ds.some((x) => codeOf(x) === BLAME), `the allowed ${BLAME} finding to go away`);
  });

  test('a hover explains the finding', async () => {
    const { doc } = await open('hover.md');
    const [d] = await blameOn(doc, 'troublesome');
    const inside = d.range.start.translate(0, 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, inside);
    const text = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : c.value))
      .join('\n');
    assert.match(text, /troublesome/, 'the hover names the words');
    assert.match(text, /Instead:/, 'the hover offers other words');
    assert.match(text, new RegExp(`${BLAME}: about this rule`), 'the hover links to the rule');
    // Away from any finding there is no review-lint hover.
    const elsewhere = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(2, 3));
    const elsewhereText = elsewhere.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
    assert.doesNotMatch(elsewhereText, /about this rule/);
  });

  test('*.review.md files get the safeguarding-review language and are linted', async () => {
    const { doc } = await open('practice.review.md');
    assert.equal(doc.languageId, 'safeguarding-review');
    await blameOn(doc, 'troublesome');
  });

  test('a change to the reviewLint.rules setting re-lints open reviews', async () => {
    const { doc } = await open('settings.md');
    const [d] = await blameOn(doc, 'troublesome');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    const config = () => vscode.workspace.getConfiguration('reviewLint');
    try {
      await config().update('rules', { [BLAME]: 'error' }, vscode.ConfigurationTarget.Workspace);
      await waitForDiagnostics(
        doc.uri,
        (ds) => ds.some((x) => codeOf(x) === BLAME && x.severity === vscode.DiagnosticSeverity.Error),
        `the ${BLAME} finding to become an error`,
      );
      await config().update('rules', { [BLAME]: 'off' }, vscode.ConfigurationTarget.Workspace);
      await waitForDiagnostics(doc.uri, (ds) => !ds.some((x) => codeOf(x) === BLAME), `the ${BLAME} finding to go once the rule is off`);
    } finally {
      await config().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await blameOn(doc, 'troublesome');
  });

  test('the status bar shows the active review\'s counts', async () => {
    const { doc } = await open('blame.md');
    const diagnostics = await waitForDiagnostics(doc.uri, (ds) => ds.length > 0, 'findings in blame.md');
    const api = vscode.extensions.getExtension<{ status(): { text: string; tooltip: string; visible: boolean } }>(EXTENSION_ID)!.exports;
    const count = (s: vscode.DiagnosticSeverity) => diagnostics.filter((d) => d.severity === s).length;
    const errors = count(vscode.DiagnosticSeverity.Error);
    const warnings = count(vscode.DiagnosticSeverity.Warning);
    const notes = diagnostics.length - errors - warnings;
    await until(() => api.status().tooltip.includes(`${errors} errors, ${warnings} warnings, ${notes} notes`), `the status bar to count ${errors}/${warnings}/${notes}`);
    assert.ok(api.status().visible, 'the status bar item is shown for a review');
    assert.match(api.status().text, new RegExp(`\\$\\(warning\\) ${warnings}\\b`));
  });

  test('in onSave mode, edits are linted when saved, not while typing', async () => {
    const config = () => vscode.workspace.getConfiguration('reviewLint');
    await config().update('run', 'onSave', vscode.ConfigurationTarget.Workspace);
    try {
      // The server asks for the new settings after the change notification: let that finish.
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const { doc } = await open('on-save.md');
      await blameOn(doc, 'troublesome');
      const edit = new vscode.WorkspaceEdit();
      edit.insert(doc.uri, doc.lineAt(doc.lineCount - 1).range.end, '\nLater she was troublesome again.\n');
      assert.ok(await vscode.workspace.applyEdit(edit));
      // Give a linter on type ample time to publish; nothing may change until the save.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.equal(ours(doc.uri, BLAME).length, 1, 'the unsaved edit was linted in onSave mode');
      assert.ok(await doc.save());
      await blameOn(doc, 'troublesome', 2);
    } finally {
      await config().update('run', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('registers its commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['reviewLint.lintWorkspace', 'reviewLint.showRuleDocs', 'reviewLint.openReport']) {
      assert.ok(commands.includes(id), `${id} is not registered`);
    }
  });

  test('lintWorkspace lints files that are not open', async () => {
    const uri = fixture('unopened.md');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'unopened.md is open');
    assert.equal(ours(uri).length, 0, 'unopened.md had findings before the workspace was linted');
    const result = await vscode.commands.executeCommand<{ files: number; findings: number }>('reviewLint.lintWorkspace');
    assert.ok(result && result.files >= 8, `the workspace lint saw ${result?.files} files`);
    await waitForDiagnostics(uri, (ds) => ds.some((d) => codeOf(d) === BLAME), `a ${BLAME} finding in the unopened file`);
  });
});
