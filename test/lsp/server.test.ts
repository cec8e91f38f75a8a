/**
 * Protocol tests: the built language server as a subprocess over stdio, driven the way an editor drives it.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CodeAction, CompletionItem, Diagnostic, Hover, InitializeResult, MarkupContent } from 'vscode-languageserver-protocol';
import { EDITOR_CAPABILITIES, TestClient, ensureBuilt, repoRoot, uriOf } from './client.js';

const REVIEW = `# Review of Baby T

## Findings

The mother failed to engage with services. Baby T DNA'd the appointment.

Later, Baby T DNA'd the clinic again.
`;

const clients: TestClient[] = [];

function workspace(files: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-lint-lsp-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

async function start(options: Partial<ConstructorParameters<typeof TestClient>[0]> & { files?: Record<string, string> } = {}) {
  const root = options.root ?? workspace(options.files);
  const client = new TestClient({ root, ...options });
  clients.push(client);
  const init = (await client.initialize()) as InitializeResult;
  return { client, root, init };
}

const termOf = (d: Diagnostic) => (d.data as { term?: string } | undefined)?.term;
const blame = (ds: Diagnostic[]) => ds.filter((d) => d.code === 'blame-language');

async function codeActionsFor(client: TestClient, uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
  const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, only } });
}

beforeAll(() => ensureBuilt(), 120_000);

afterEach(() => {
  for (const c of clients.splice(0)) c.kill();
});

describe('initialize', () => {
  it('announces incremental sync, code actions, hover, completion and commands, and registers file watchers', async () => {
    const { client, init } = await start();
    const caps = init.capabilities;
    expect(caps.textDocumentSync).toMatchObject({ openClose: true, change: 2 });
    expect(caps.codeActionProvider).toMatchObject({ codeActionKinds: expect.arrayContaining(['quickfix', 'source.fixAll.reviewLint']) });
    expect(caps.hoverProvider).toBe(true);
    expect(init.serverInfo).toEqual({ name: 'review-lint-server', version: JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version });
    expect(caps.completionProvider?.triggerCharacters).toEqual(expect.arrayContaining(['@', '^']));
    expect(caps.executeCommandProvider?.commands).toEqual(expect.arrayContaining(['reviewLint.lintWorkspace', 'reviewLint.allowTerm']));
    await client.open(path.join(client.options.root, 'a.md'), '# A\n');
    const watchers = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
    const globs = (watchers?.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern);
    expect(globs).toEqual(expect.arrayContaining(['**/.reviewlintrc.json', '**/.reviewlintrc.yaml']));
    expect(globs.some((g) => g.includes('bib'))).toBe(true);
  });
});

describe('diagnostics', () => {
  it('publishes findings on open with the rule id, its page, the source and severity; their fixes come from a code action', async () => {
    const { client, root } = await start();
    const file = path.join(root, 'review.md');
    const diagnostics = blame(await client.open(file, REVIEW));
    expect(diagnostics.map(termOf)).toEqual(['failed to engage', "dna'd", "dna'd"]);
    const dna = diagnostics[1];
    expect(dna.source).toBe('review-lint');
    expect(dna.severity).toBe(2);
    expect(dna.codeDescription?.href).toMatch(/blame-language\.md$/);
    expect(dna.range).toEqual({ start: { line: 4, character: 50 }, end: { line: 4, character: 55 } });
    const data = dna.data as { version: number; index: number };
    expect(data).toEqual({ version: 1, index: expect.any(Number), term: "dna'd" });
    // Fixes and the explanation are served from the server's lint of the version (code actions, hover), not
    // carried in every diagnostic of every publish.
    expect(data).not.toHaveProperty('suggestions');
    expect(data).not.toHaveProperty('explanation');
    const fix = (await codeActionsFor(client, uriOf(file), [dna])).find((a) => a.isPreferred)!;
    expect(fix.edit!.changes![uriOf(file)]).toEqual([{ range: dna.range, newText: expect.stringMatching(/was not brought/) }]);
  });

  it('gives the same findings as the CLI for the same text and config', async () => {
    const config = JSON.stringify({ rules: { 'blame-language': ['error', { allow: ['hard to reach'] }] } });
    const text = `${REVIEW}\nThe family were hard to reach. He was promiscuous.\n`;
    const { client, root } = await start({ files: { '.reviewlintrc.json': config, 'review.md': text } });
    const diagnostics = await client.open(path.join(root, 'review.md'));
    const cli = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'review-lint.js'), '--format', 'json', 'review.md'], { cwd: root, encoding: 'utf8' });
    const cliFindings = (JSON.parse(cli.stdout) as { ruleId: string; line: number; column: number; endLine: number; endColumn: number; message: string; severity: string }[]).map(
      (f) => `${f.ruleId} ${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.severity} ${f.message}`,
    );
    const names = ['', 'error', 'warning', 'information', 'hint'];
    const ours = diagnostics
      .filter((d) => d.code)
      .map((d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${names[d.severity!]} ${d.message}`);
    expect(cliFindings.length).toBeGreaterThan(2);
    expect(ours).toEqual(cliFindings);
    const blameLines = ours.filter((d) => d.startsWith('blame-language '));
    expect(blameLines.length).toBeGreaterThan(2);
    expect(blameLines.every((d) => d.includes(' error '))).toBe(true);
  });

  it('re-lints unsaved text after incremental changes', async () => {
    const { client, root } = await start();
    const uri = uriOf(path.join(root, 'review.md'));
    await client.open(path.join(root, 'review.md'), '# Review\n\nThe visit went well.\n');
    const added = await client.edit(uri, [{ range: { start: { line: 2, character: 20 }, end: { line: 2, character: 20 } }, newText: ' He was promiscuous.' }]);
    expect(blame(added).map(termOf)).toEqual(['promiscuous']);
    expect(blame(added)[0].range.start).toEqual({ line: 2, character: 28 });
    const removed = await client.edit(uri, [{ range: { start: { line: 2, character: 20 }, end: { line: 2, character: 40 } }, newText: '' }]);
    expect(client.text(uri)).toBe('# Review\n\nThe visit went well.\n');
    expect(blame(removed)).toEqual([]);
  });

  it('debounces: rapid edits publish once, for the newest version', async () => {
    const { client, root } = await start({ settings: { debounceMs: 400 }, initializationOptions: { debounceMs: 400 } });
    const uri = uriOf(path.join(root, 'review.md'));
    const opened = Date.now();
    await client.open(path.join(root, 'review.md'), 'Start.\n');
    // Opening is not typing: the first lint does not wait for the debounce.
    expect(Date.now() - opened).toBeLessThan(400);
    await new Promise((r) => setTimeout(r, 200));
    const before = client.publishCount.get(uri)!;
    expect(before).toBe(1);
    for (const ch of ' He was promiscuous.') await client.edit(uri, [{ range: { start: { line: 0, character: 6 + 0 }, end: { line: 0, character: 6 } }, newText: ch }], false);
    const finalVersion = client.docs.get(uri)!.version;
    const last = await client.diagnosticsFor(uri, finalVersion);
    await new Promise((r) => setTimeout(r, 250));
    expect(client.publishCount.get(uri)! - before).toBe(1);
    expect(client.diagnostics.get(uri)!.version).toBe(finalVersion);
    // The characters went in at the same place, so the sentence is reversed; the point is that one lint ran.
    expect(last).toEqual(client.diagnostics.get(uri)!.diagnostics);
  });

  it('with no debounce, changes read together are linted together, not one version after another', async () => {
    const { client, root } = await start({ settings: { debounceMs: 0 }, initializationOptions: { debounceMs: 0 } });
    const uri = uriOf(path.join(root, 'review.md'));
    await client.open(path.join(root, 'review.md'), REVIEW);
    const before = client.publishCount.get(uri)!;
    const typing = [];
    for (let i = 0; i < 40; i++) typing.push(client.edit(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: 'x' }], false));
    await Promise.all(typing);
    const newest = client.docs.get(uri)!.version;
    await client.diagnosticsFor(uri, newest);
    // The server reads one message per turn of the event loop: a lint that ran on the next turn would lint all 40.
    expect(client.publishCount.get(uri)! - before).toBeLessThan(40);
    expect(client.diagnostics.get(uri)!.version).toBe(newest);
  });

  it('honours settings: rule severities, enable, include', async () => {
    const { client, root } = await start({ settings: { debounceMs: 0, rules: { 'blame-language': 'error' } } });
    const file = path.join(root, 'review.md');
    const diagnostics = await client.open(file, REVIEW);
    expect(blame(diagnostics).every((d) => d.severity === 1)).toBe(true);
    client.settings = { debounceMs: 0, include: ['drafts/**/*.md'] };
    const cleared = client.waitFor(uriOf(file), (p) => p.diagnostics.length === 0);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await cleared;
    client.settings = { debounceMs: 0, enable: true };
    const back = client.waitFor(uriOf(file), (p) => p.diagnostics.length > 0);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    expect(blame((await back).diagnostics).every((d) => d.severity === 2)).toBe(true);
    client.settings = { debounceMs: 0, enable: false };
    const off = client.waitFor(uriOf(file), (p) => p.diagnostics.length === 0);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await off;
  });

  it('in onSave mode lints on open and save, not while typing', async () => {
    const { client, root } = await start({ settings: { debounceMs: 0, run: 'onSave' } });
    const file = path.join(root, 'review.md');
    const uri = uriOf(file);
    await client.open(file, 'Start.\n');
    // Wait for the settings to arrive (they are fetched after initialized).
    await new Promise((r) => setTimeout(r, 200));
    const count = client.publishCount.get(uri)!;
    await client.edit(uri, [{ range: { start: { line: 0, character: 6 }, end: { line: 0, character: 6 } }, newText: ' He was promiscuous.' }], false);
    await new Promise((r) => setTimeout(r, 200));
    expect(client.publishCount.get(uri)).toBe(count);
    const saved = client.waitFor(uri, (p) => blame(p.diagnostics).length === 1);
    await client.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
    expect(blame((await saved).diagnostics).map(termOf)).toEqual(['promiscuous']);
  });
});

describe('code actions', () => {
  it('offers each suggestion as a quick fix; applying it fixes the text and the finding', async () => {
    const { client, root } = await start();
    const uri = uriOf(path.join(root, 'review.md'));
    const diagnostics = blame(await client.open(path.join(root, 'review.md'), REVIEW));
    const dna = diagnostics[1];
    const actions = await codeActionsFor(client, uri, [dna]);
    const fix = actions.find((a) => a.isPreferred)!;
    expect(fix.title).toMatch(/was not brought/);
    expect(fix.kind).toBe('quickfix');
    expect(fix.diagnostics).toEqual([dna]);
    await client.applyWorkspaceEdit(fix.edit!);
    const after = client.diagnostics.get(uri)!.diagnostics;
    expect(client.text(uri)).toContain('Baby T was not brought to the appointment.');
    expect(blame(after).map(termOf)).toEqual(['failed to engage', "dna'd"]);
  });

  it('finds the fix by place when the index a diagnostic carries points at another finding', async () => {
    const { client, root } = await start();
    const uri = uriOf(path.join(root, 'review.md'));
    const [engage, dna] = blame(await client.open(path.join(root, 'review.md'), REVIEW));
    const misplaced = { ...dna, data: { ...(dna.data as object), index: (engage.data as { index: number }).index } };
    const fix = (await codeActionsFor(client, uri, [misplaced])).find((a) => a.isPreferred)!;
    expect(fix.edit!.changes![uri]).toEqual([{ range: dna.range, newText: expect.stringMatching(/was not brought/) }]);
  });

  it('uses the newest lint when a diagnostic came from an older version', async () => {
    const { client, root } = await start();
    const uri = uriOf(path.join(root, 'review.md'));
    const [old] = blame(await client.open(path.join(root, 'review.md'), 'He was promiscuous.\n'));
    await client.edit(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: 'Later. ' }]);
    const moved = { ...old, range: { start: { line: 0, character: 14 }, end: { line: 0, character: 25 } } };
    const actions = await codeActionsFor(client, uri, [moved]);
    const fix = actions.find((a) => a.isPreferred)!;
    expect(fix.edit!.changes![uri][0].range).toEqual(moved.range);
  });

  it('"Allow here with a reason" inserts a directive line and a blank line, selects "reason", and silences the finding', async () => {
    const { client, root } = await start();
    const uri = uriOf(path.join(root, 'review.md'));
    const diagnostics = blame(await client.open(path.join(root, 'review.md'), REVIEW));
    const actions = await codeActionsFor(client, uri, [diagnostics[0]]);
    const allow = actions.find((a) => a.title.startsWith('Allow blame-language here'))!;
    expect(allow).toBeDefined();
    await client.applyWorkspaceEdit(allow.edit!);
    const lines = client.text(uri).split('\n');
    expect(lines[4]).toBe('<!-- review-lint-disable-next-line blame-language -- reason -->');
    expect(lines[5]).toBe('');
    expect(lines[6]).toMatch(/^The mother failed to engage/);
    // The directive silences the rule on the whole next line (both findings there), not the later line.
    expect(blame(client.diagnostics.get(uri)!.diagnostics).map((d) => d.range.start.line)).toEqual([8]);
    expect(allow.command?.command).toBe('reviewLint.selectRange');
    await client.connection.sendRequest('workspace/executeCommand', { command: allow.command!.command, arguments: allow.command!.arguments });
    const shown = client.shownDocuments.at(-1)!;
    const sel = shown.selection as { start: { line: number; character: number }; end: { line: number; character: number } };
    expect(shown.uri).toBe(uri);
    expect(lines[sel.start.line].slice(sel.start.character, sel.end.character)).toBe('reason');
  });

  it('does not offer "Allow here" inside front matter, where a comment is not Markdown', async () => {
    const files = { '.reviewlintrc.json': JSON.stringify({ namesFile: '.reviewlint-names' }), '.reviewlint-names': 'Jayden Price\n' };
    const { client, root } = await start({ files });
    const file = path.join(root, 'review.md');
    const uri = uriOf(file);
    const diagnostics = (await client.open(file, '---\ntitle: Review of services for Jayden Price\n---\n\n# Review\n\nText.\n')).filter((d) => d.code === 'identifying-detail' && d.range.start.line === 1);
    expect(diagnostics).toHaveLength(1);
    const actions = await codeActionsFor(client, uri, diagnostics);
    expect(actions.some((a) => a.title.startsWith('Allow identifying-detail here'))).toBe(false);
    expect(actions.some((a) => a.title.startsWith('Replace'))).toBe(true);
  });

  it('uses a snippet edit when the client supports them, inside a blockquote', async () => {
    const capabilities = { ...EDITOR_CAPABILITIES, workspace: { ...EDITOR_CAPABILITIES.workspace, workspaceEdit: { documentChanges: true, snippetEditSupport: true } } };
    const { client, root } = await start({ capabilities: capabilities as typeof EDITOR_CAPABILITIES });
    const uri = uriOf(path.join(root, 'review.md'));
    const text = '# R\n\n> He was promiscuous, said the note.\n';
    const diagnostics = blame(await client.open(path.join(root, 'review.md'), text));
    const actions = await codeActionsFor(client, uri, diagnostics.slice(0, 1));
    const allow = actions.find((a) => a.title.startsWith('Allow blame-language here'))!;
    const change = allow.edit!.documentChanges![0] as unknown as { edits: { snippet: { kind: string; value: string } }[] };
    expect(change.edits[0].snippet).toEqual({ kind: 'snippet', value: '> <!-- review-lint-disable-next-line blame-language -- ${1:reason} -->\n>\n' });
    expect(allow.command).toBeUndefined();
  });

  // Each case: the text, then the text after "Allow here" on the finding on line `line` (0-based): the finding is
  // silenced and the paragraph, list, table or quote around it is not cut in two.
  it.each([
    [
      'a line that continues a paragraph: an inline directive at the end of the line before',
      '# R\n\nThe first line of the paragraph.  \nHe was promiscuous, the note said.\n',
      3,
      '# R\n\nThe first line of the paragraph. <!-- review-lint-disable-next-line blame-language -- reason -->  \nHe was promiscuous, the note said.\n',
    ],
    [
      'a line that continues a blockquote',
      '# R\n\n> First line of the quote.\n> He was promiscuous, said the note.\n',
      3,
      '# R\n\n> First line of the quote. <!-- review-lint-disable-next-line blame-language -- reason -->\n> He was promiscuous, said the note.\n',
    ],
    [
      'a list item after another',
      '# R\n\n- First item.\n- He was promiscuous, said the note.\n',
      3,
      '# R\n\n- First item. <!-- review-lint-disable-next-line blame-language -- reason -->\n- He was promiscuous, said the note.\n',
    ],
    [
      'a table row: disable before the table, enable after it',
      '# R\n\n| When | What |\n| --- | --- |\n| May | He was promiscuous |\n\nAfter.\n',
      4,
      '# R\n\n<!-- review-lint-disable blame-language -- reason -->\n\n| When | What |\n| --- | --- |\n| May | He was promiscuous |\n\n<!-- review-lint-enable blame-language -->\n\nAfter.\n',
    ],
    [
      'the first line of a paragraph after a heading: a directive line before it',
      '# R\nHe was promiscuous, said the note.\n',
      1,
      '# R\n<!-- review-lint-disable-next-line blame-language -- reason -->\n\nHe was promiscuous, said the note.\n',
    ],
    [
      'an item of a loose list: inline at the end of the item before, so the list stays whole',
      '# R\n\n1. First.\n\n2. He was promiscuous, said the note.\n\n3. Third.\n',
      4,
      '# R\n\n1. First. <!-- review-lint-disable-next-line blame-language -- reason -->\n\n2. He was promiscuous, said the note.\n\n3. Third.\n',
    ],
    [
      'a table without outer pipes',
      '# R\n\nWhen | What\n--- | ---\nMay | He was promiscuous\n\nAfter.\n',
      4,
      '# R\n\n<!-- review-lint-disable blame-language -- reason -->\n\nWhen | What\n--- | ---\nMay | He was promiscuous\n\n<!-- review-lint-enable blame-language -->\n\nAfter.\n',
    ],
    [
      'a line right after indented code: a directive line, not inside the code',
      '# R\n\n    code line\nHe was promiscuous, said the note.\n',
      3,
      '# R\n\n    code line\n<!-- review-lint-disable-next-line blame-language -- reason -->\n\nHe was promiscuous, said the note.\n',
    ],
    [
      'a document with CRLF line endings: the inserted lines end as the others do',
      '# R\r\nHe was promiscuous, said the note.\r\n',
      1,
      '# R\r\n<!-- review-lint-disable-next-line blame-language -- reason -->\r\n\r\nHe was promiscuous, said the note.\r\n',
    ],
  ])('"Allow here" on %s', async (_name, text, line, expected) => {
    const { client, root } = await start();
    const file = path.join(root, 'review.md');
    const uri = uriOf(file);
    const diagnostics = blame(await client.open(file, text)).filter((d) => d.range.start.line === line);
    expect(diagnostics).toHaveLength(1);
    const allow = (await codeActionsFor(client, uri, diagnostics)).find((a) => a.title.startsWith('Allow blame-language here'))!;
    const silenced = client.waitFor(uri, (p) => (p.version ?? 0) > 1);
    await client.applyWorkspaceEdit(allow.edit!);
    expect(client.text(uri)).toBe(expected);
    expect(blame((await silenced).diagnostics)).toEqual([]);
    // The selection covers the placeholder reason.
    const [, { start: selStart, end: selEnd }] = allow.command!.arguments as [string, { start: { line: number; character: number }; end: { line: number; character: number } }];
    expect(client.text(uri).split('\n')[selStart.line].slice(selStart.character, selEnd.character)).toBe('reason');
  });

  it('"Allow this term in this workspace" creates .reviewlintrc.json through applyEdit; the config change re-lints', async () => {
    const { client, root } = await start();
    const file = path.join(root, 'review.md');
    const uri = uriOf(file);
    const diagnostics = blame(await client.open(file, REVIEW));
    const actions = await codeActionsFor(client, uri, [diagnostics[0]]);
    const allow = actions.find((a) => a.title === "Allow 'failed to engage' in this workspace")!;
    expect(allow.command?.command).toBe('reviewLint.allowTerm');
    expect(fs.existsSync(path.join(root, '.reviewlintrc.json'))).toBe(false);
    await client.connection.sendRequest('workspace/executeCommand', { command: allow.command!.command, arguments: allow.command!.arguments });
    expect(client.appliedEdits).toHaveLength(1);
    const config = JSON.parse(fs.readFileSync(path.join(root, '.reviewlintrc.json'), 'utf8'));
    expect(config).toEqual({ rules: { 'blame-language': ['warning', { allow: ['failed to engage'] }] } });
    const relinted = client.waitFor(uri, (p) => !p.diagnostics.some((d) => termOf(d) === 'failed to engage'));
    await client.changeWatchedFile(path.join(root, '.reviewlintrc.json'), 1);
    expect(blame((await relinted).diagnostics).map(termOf)).toEqual(["dna'd", "dna'd"]);
  });

  it('adds the term to an existing YAML config, keeping its comments', async () => {
    const yaml = '# Partnership settings\nprofile: draft # agreed in March\nrules:\n  blame-language: error # loud\n';
    const { client, root } = await start({ files: { '.reviewlintrc.yaml': yaml } });
    const file = path.join(root, 'sub', 'review.md');
    fs.mkdirSync(path.dirname(file));
    const uri = uriOf(file);
    const diagnostics = blame(await client.open(file, REVIEW));
    const dna = diagnostics.find((d) => termOf(d) === "dna'd")!;
    const allow = (await codeActionsFor(client, uri, [dna])).find((a) => a.title.startsWith('Allow '))!;
    const term = (await codeActionsFor(client, uri, [dna])).find((a) => a.command?.command === 'reviewLint.allowTerm')!;
    expect(allow).toBeDefined();
    await client.connection.sendRequest('workspace/executeCommand', { command: term.command!.command, arguments: term.command!.arguments });
    const written = fs.readFileSync(path.join(root, '.reviewlintrc.yaml'), 'utf8');
    expect(written).toContain('# Partnership settings');
    expect(written).toContain('# agreed in March');
    const relinted = client.waitFor(uri, (p) => !p.diagnostics.some((d) => termOf(d) === "dna'd"));
    await client.changeWatchedFile(path.join(root, '.reviewlintrc.yaml'));
    const after = blame((await relinted).diagnostics);
    expect(after.map(termOf)).toEqual(['failed to engage']);
    expect(after[0].severity).toBe(1);
  });

  it('offers "Fix all" for a rule and source.fixAll.reviewLint, each applying every preferred fix', async () => {
    const { client, root } = await start();
    const uri = uriOf(path.join(root, 'review.md'));
    const diagnostics = blame(await client.open(path.join(root, 'review.md'), REVIEW));
    const fixAll = (await codeActionsFor(client, uri, [diagnostics[1]])).find((a) => a.title === 'Fix all blame-language problems')!;
    expect(fixAll.edit!.changes![uri]).toHaveLength(2);
    const source = await codeActionsFor(client, uri, [], ['source.fixAll']);
    expect(source.map((a) => a.kind)).toEqual(['source.fixAll.reviewLint']);
    expect(source[0].edit).toEqual(fixAll.edit);
    await client.applyWorkspaceEdit(source[0].edit!);
    expect(client.text(uri).match(/was not brought to/g)).toHaveLength(2);
    expect(blame(client.diagnostics.get(uri)!.diagnostics).map(termOf)).toEqual(['failed to engage']);
    // Quick-fix requests do not include source actions.
    expect((await codeActionsFor(client, uri, [])).filter((a) => a.kind?.startsWith('source'))).toEqual([]);
  });
});

describe('hover and completion', () => {
  it('hover explains the finding: why, alternatives, guidance and the rule page', async () => {
    const { client, root } = await start();
    const uri = uriOf(path.join(root, 'review.md'));
    await client.open(path.join(root, 'review.md'), REVIEW);
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 52 } })) as Hover;
    const value = (hover.contents as MarkupContent).value;
    expect((hover.contents as MarkupContent).kind).toBe('markdown');
    expect(value).toMatch(/Instead:/);
    expect(value).toMatch(/Guidance:/);
    expect(value).toMatch(/\(https:\/\/[^)]*blame-language\.md\)/);
    expect(hover.range).toEqual({ start: { line: 4, character: 50 }, end: { line: 4, character: 55 } });
    const none = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 2 } });
    expect(none).toBeNull();
  });

  it('completes footnote ids after [^ and citation keys after [@ from front matter and the bibliography', async () => {
    const bib = '@report{ofsted2023,\n  title = {Annual report},\n  year = 2023\n}\n@comment{ignored,}\n';
    const text = `---\nbibliography: refs.bib\nreferences:\n  - id: wt2023\n    title: Working Together\n---\n\n# R\n\nAs found [@ and [^ and.\n\n[^note-1]: First note.\n[^why]: Second.\n`;
    const { client, root } = await start({ files: { 'refs.bib': bib } });
    const uri = uriOf(path.join(root, 'review.md'));
    await client.open(path.join(root, 'review.md'), text);
    const complete = async (character: number) =>
      ((await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 9, character } })) as CompletionItem[]).map((i) => i.label);
    expect((await complete(11)).sort()).toEqual(['ofsted2023', 'wt2023']);
    expect(await complete(18)).toEqual(['note-1', 'why']);
    expect(await complete(5)).toEqual([]);
  });
});

describe('configuration files', () => {
  it('re-lints when a config file changes on disk', async () => {
    const { client, root } = await start();
    const uri = uriOf(path.join(root, 'review.md'));
    expect(blame(await client.open(path.join(root, 'review.md'), REVIEW))).toHaveLength(3);
    fs.writeFileSync(path.join(root, '.reviewlintrc.json'), JSON.stringify({ rules: { 'blame-language': 'off' } }));
    const cleared = client.waitFor(uri, (p) => blame(p.diagnostics).length === 0);
    await client.changeWatchedFile(path.join(root, '.reviewlintrc.json'), 1);
    await cleared;
  });

  it('re-lints when the private names file or the bibliography changes on disk', async () => {
    const files = {
      '.reviewlintrc.json': JSON.stringify({ namesFile: '.reviewlint-names' }),
      '.reviewlint-names': 'Jayden Okafor\n',
      'refs.bib': '@report{panel2021, title = {It was hard to escape}, year = {2021}}\n',
    };
    const { client, root } = await start({ files });
    const file = path.join(root, 'review.md');
    const uri = uriOf(file);
    const text = '---\nbibliography: refs.bib\n---\n\n# Review\n\nJayden Okafor and Kyle Brennan met the worker. The Panel found this [@panel2021; @wt2023].\n';
    const rules = (p: { diagnostics: { code?: unknown }[] }, id: string) => p.diagnostics.filter((d) => d.code === id).length;
    const first = { diagnostics: await client.open(file, text) };
    expect(rules(first, 'unresolved-citation')).toBe(1);
    const namedBefore = first.diagnostics.filter((d) => d.code === 'identifying-detail' && d.severity === 1).length;
    expect(namedBefore).toBeGreaterThanOrEqual(1);
    // A real name added to the names file is an error at once.
    fs.writeFileSync(path.join(root, '.reviewlint-names'), 'Jayden Okafor\nKyle Brennan\n');
    const named = client.waitFor(uri, (p) => p.diagnostics.filter((d) => d.code === 'identifying-detail' && d.severity === 1).length > namedBefore);
    await client.changeWatchedFile(path.join(root, '.reviewlint-names'), 2);
    await named;
    // The missing key added to the bibliography resolves the citation.
    fs.appendFileSync(path.join(root, 'refs.bib'), '@book{wt2023, title = {Working Together}, year = {2023}}\n');
    const resolved = client.waitFor(uri, (p) => rules(p, 'unresolved-citation') === 0);
    await client.changeWatchedFile(path.join(root, 'refs.bib'), 2);
    await resolved;
    const watchers = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
    expect((watchers?.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern)).toContain('**/.reviewlint-names*');
  });

  it('reports a broken config once and keeps the last good one working', async () => {
    const good = JSON.stringify({ rules: { 'blame-language': 'error' } });
    const { client, root } = await start({ files: { '.reviewlintrc.json': good } });
    const file = path.join(root, 'review.md');
    const uri = uriOf(file);
    const configFile = path.join(root, '.reviewlintrc.json');
    expect(blame(await client.open(file, REVIEW)).every((d) => d.severity === 1)).toBe(true);
    for (const broken of ['{ "rules": ', '{ "rules": { "no-such-rule": "error" } }']) {
      fs.writeFileSync(configFile, broken);
      const relinted = client.waitFor(uri);
      await client.changeWatchedFile(configFile);
      const ds = blame((await relinted).diagnostics);
      expect(ds).toHaveLength(3);
      expect(ds.every((d) => d.severity === 1)).toBe(true);
    }
    const warnings = client.messages.filter((m) => m.message.includes('.reviewlintrc.json'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0].message).toMatch(/not valid JSON/);
    expect(client.diagnostics.get(uriOf(configFile))!.diagnostics[0].message).toMatch(/not valid JSON/);
    // Fixed, then broken again: reported again.
    fs.writeFileSync(configFile, JSON.stringify({ rules: { 'blame-language': 'information' } }));
    let relinted = client.waitFor(uri);
    await client.changeWatchedFile(configFile);
    expect(blame((await relinted).diagnostics).every((d) => d.severity === 3)).toBe(true);
    expect(client.diagnostics.get(uriOf(configFile))!.diagnostics).toEqual([]);
    fs.writeFileSync(configFile, '{');
    relinted = client.waitFor(uri);
    await client.changeWatchedFile(configFile);
    expect(blame((await relinted).diagnostics).every((d) => d.severity === 3)).toBe(true);
    expect(client.messages.filter((m) => m.message.includes('.reviewlintrc.json'))).toHaveLength(2);
  });

  it('ignores patterns from workspace config in an untrusted workspace', async () => {
    const config = JSON.stringify({ rules: { 'blame-language': ['warning', { extra: [{ match: ['zorblaxed'], why: 'is a test term' }] }] } });
    const text = '# R\n\nThe parent zorblaxed the worker.\n';
    const trustedRun = await start({ files: { '.reviewlintrc.json': config } });
    expect(blame(await trustedRun.client.open(path.join(trustedRun.root, 'r.md'), text)).map(termOf)).toEqual(['zorblaxed']);
    const untrusted = await start({ files: { '.reviewlintrc.json': config }, initializationOptions: { debounceMs: 0, trusted: false } });
    const file = path.join(untrusted.root, 'r.md');
    expect(blame(await untrusted.client.open(file, text))).toEqual([]);
    const trustedNow = untrusted.client.waitFor(uriOf(file), (p) => blame(p.diagnostics).length === 1);
    await untrusted.client.connection.sendNotification('reviewLint/didChangeTrust', { trusted: true });
    await trustedNow;
  });
});

describe('workspace and robustness', () => {
  it('lints every Markdown file in the workspace with progress', async () => {
    const { client, root } = await start({
      files: { 'a.md': REVIEW, 'drafts/b.md': 'He was promiscuous.\n', 'node_modules/x/c.md': 'He was promiscuous.\n', 'notes.txt': 'He was promiscuous.\n' },
    });
    const done = client.waitFor(uriOf(path.join(root, 'drafts', 'b.md')));
    const result = await client.connection.sendRequest('workspace/executeCommand', { command: 'reviewLint.lintWorkspace', arguments: [] });
    await done;
    const published = ['a.md', 'drafts/b.md'].map((f) => client.diagnostics.get(uriOf(path.join(root, f)))!.diagnostics);
    expect(result).toEqual({ files: 2, findings: published[0].length + published[1].length });
    expect(blame(published[0])).toHaveLength(3);
    expect(blame(published[1])).toHaveLength(1);
    expect(client.diagnostics.has(uriOf(path.join(root, 'node_modules', 'x', 'c.md')))).toBe(false);
    const kinds = client.progress.map((p) => (p as { value: { kind: string } }).value.kind);
    expect(kinds[0]).toBe('begin');
    expect(kinds.at(-1)).toBe('end');
  });

  it('stops linting the workspace when its progress is cancelled, and says how far it got', async () => {
    const reviews: Record<string, string> = {};
    for (let i = 0; i < 400; i++) reviews[`reviews/r${i}.md`] = `# Review ${i}\n\nHe was promiscuous, the note said.\n`;
    const { client } = await start({ files: reviews });
    const began = new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (client.progress.some((p) => (p as { value: { kind: string } }).value.kind === 'begin')) {
          clearInterval(poll);
          resolve();
        }
      }, 1);
    });
    const result = client.connection.sendRequest('workspace/executeCommand', { command: 'reviewLint.lintWorkspace', arguments: [] }) as Promise<{ files: number; cancelled?: boolean }>;
    await began;
    await client.connection.sendNotification('window/workDoneProgress/cancel', { token: client.progressTokens[0] });
    const { files: linted, cancelled } = await result;
    expect(cancelled).toBe(true);
    expect(linted).toBeLessThan(400);
    expect(client.progress.map((p) => (p as { value: { kind: string } }).value.kind).at(-1)).toBe('end');
  });

  it('does not check a document over 10 MB, says so once, and checks it again once it is smaller', async () => {
    const { client, root } = await start();
    const file = path.join(root, 'huge.md');
    const uri = uriOf(file);
    const huge = '# Review\n\n' + 'The mother was hostile and the child was troublesome.\n\n'.repeat(200_000);
    expect(huge.length).toBeGreaterThan(10 * 1024 * 1024);
    const diagnostics = await client.open(file, huge);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/over 10 MB, so review-lint does not check it/);
    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 40 } });
    expect(hover).toBeNull();
    const smaller = client.waitFor(uri, (p) => blame(p.diagnostics).length > 0);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: '# Review\n\nThe child was troublesome.\n' }] });
    expect(blame((await smaller).diagnostics)).toHaveLength(1);
  });

  it('survives malformed requests and keeps logs free of document text', async () => {
    const { client, root } = await start();
    const uri = uriOf(path.join(root, 'review.md'));
    await client.open(path.join(root, 'review.md'), REVIEW);
    await client.connection.sendRequest('textDocument/hover', { textDocument: { uri } }).catch(() => null);
    await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: null, context: { diagnostics: [{ source: 'review-lint', code: 'blame-language', range: null, data: 7 }] } }).catch(() => null);
    await client.connection.sendRequest('workspace/executeCommand', { command: 'reviewLint.allowTerm', arguments: [42] }).catch(() => null);
    await client.connection.sendRequest('textDocument/completion', { textDocument: { uri: 'file:///nope.md' }, position: { line: 0, character: 0 } });
    const still = await client.edit(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: 'He was promiscuous.\n' }]);
    expect(blame(still)).toHaveLength(4);
    expect(client.logs.some((l) => /failed/.test(l))).toBe(true);
    expect(client.logs.join('\n')).not.toMatch(/mother|promiscuous|Baby T/);
  });

  it('shuts down and exits cleanly', async () => {
    const { client, root } = await start();
    await client.open(path.join(root, 'review.md'), REVIEW);
    expect(await client.stop()).toBe(0);
  });
});
