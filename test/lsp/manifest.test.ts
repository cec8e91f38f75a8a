/**
 * The extension manifest, grammar and package contents: every contributed file exists, the settings match the
 * server's defaults, the grammar's patterns find what they should, and the .vsix holds bundles, not sources.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings.js';
import { LINT_WORKSPACE_COMMAND } from '../../server/src/lsp/server.js';
import { repoRoot } from './client.js';

const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const injection = JSON.parse(fs.readFileSync(path.join(repoRoot, 'syntaxes', 'review-lint.injection.tmLanguage.json'), 'utf8'));
const rx = (source: string) => new RegExp(source, 'g');

describe('manifest', () => {
  it('points at files that exist', () => {
    const files = [
      pkg.icon,
      ...pkg.contributes.languages.map((l: { configuration: string }) => l.configuration),
      ...pkg.contributes.grammars.map((g: { path: string }) => g.path),
      ...pkg.contributes.jsonValidation.map((j: { url: string }) => j.url),
      'client/src/extension.ts',
      'server/src/lsp/main.ts',
    ];
    for (const f of files) expect(fs.existsSync(path.join(repoRoot, f)), f).toBe(true);
    expect(pkg.main).toBe('./dist/client.js');
    expect(pkg.capabilities.untrustedWorkspaces.supported).toBe('limited');
    expect(pkg.activationEvents).toEqual(expect.arrayContaining(['onLanguage:markdown', 'onLanguage:safeguarding-review']));
  });

  it('contributes the safeguarding-review language for *.review.md and a grammar injected into Markdown', () => {
    const lang = pkg.contributes.languages.find((l: { id: string }) => l.id === 'safeguarding-review');
    expect(lang.aliases[0]).toBe('Safeguarding review');
    expect(lang.filenamePatterns).toContain('*.review.md');
    const inj = pkg.contributes.grammars.find((g: { injectTo?: string[] }) => g.injectTo);
    expect(inj.injectTo).toContain('text.html.markdown');
    expect(inj.scopeName).toBe(injection.scopeName);
    const own = JSON.parse(fs.readFileSync(path.join(repoRoot, pkg.contributes.grammars[0].path), 'utf8'));
    expect(own.patterns).toEqual([{ include: 'text.html.markdown' }]);
  });

  it('settings have descriptions and the same defaults as the server', () => {
    const props = pkg.contributes.configuration.properties;
    for (const [key, value] of Object.entries<Record<string, unknown>>(props)) {
      expect(value.description ?? value.markdownDescription, key).toBeTruthy();
    }
    expect(props['reviewLint.enable'].default).toBe(DEFAULT_SETTINGS.enable);
    expect(props['reviewLint.run'].default).toBe(DEFAULT_SETTINGS.run);
    expect(props['reviewLint.debounceMs'].default).toBe(DEFAULT_SETTINGS.debounceMs);
    expect(props['reviewLint.include'].default).toEqual(DEFAULT_SETTINGS.include);
    expect(Object.keys(props)).toEqual(expect.arrayContaining(['reviewLint.rules', 'reviewLint.profile', 'reviewLint.trace.server']));
    const commands = pkg.contributes.commands.map((c: { command: string }) => c.command);
    expect(commands).toEqual(expect.arrayContaining([LINT_WORKSPACE_COMMAND, 'reviewLint.showRuleDocs', 'reviewLint.openReport']));
    // The report runs the command line with the workspace's configuration: not in Restricted Mode.
    const report = pkg.contributes.commands.find((c: { command: string }) => c.command === 'reviewLint.openReport');
    expect(report.enablement).toBe('isWorkspaceTrusted');
    const client = fs.readFileSync(path.join(repoRoot, 'client', 'src', 'extension.ts'), 'utf8');
    for (const c of ['reviewLint.showRuleDocs', 'reviewLint.openReport']) expect(client).toContain(`registerCommand('${c}'`);
  });
});

describe('grammar injection', () => {
  const repo = injection.repository;

  it('recognises directives, their rule ids and reasons', () => {
    const line = '<!-- review-lint-disable-next-line blame-language, uncited-claim -- quoted from the police log -->';
    const begin = rx(repo.directive.begin).exec(line)!;
    expect(begin[2]).toBe('review-lint-disable-next-line');
    const body = line.slice(begin[0].length, line.lastIndexOf('-->'));
    const reason = rx(repo.directive.patterns[0].match).exec(body)!;
    expect(reason[2].trim()).toBe('quoted from the police log');
    const ids = body.slice(0, reason.index).match(rx(repo.directive.patterns[1].match));
    expect(ids).toEqual(['blame-language', 'uncited-claim']);
    expect(rx(repo.directive.begin).test('<!-- review-lint-disabled -->')).toBe(false);
    expect(rx(repo.directive.begin).test('<!-- a comment -->')).toBe(false);
  });

  it('highlights citations but not links or e-mail addresses', () => {
    const begin = (s: string) => rx(repo.citation.begin).exec(s)?.index;
    expect(begin('As found [@smith2020; see @jones, p. 4].')).toBe(9);
    expect(begin('[-@ofsted2023]')).toBe(0);
    expect(begin('[a link @x](https://example.org)')).toBeUndefined();
    expect(begin('[write to me@example.org]')).toBeUndefined();
    expect(begin('![image @x]')).toBeUndefined();
    const keys = [...'[@smith2020; see @jones.k, p. 4]'.matchAll(rx(repo.citation.patterns[0].match))].map((m) => m[2]);
    expect(keys).toEqual(['smith2020', 'jones.k']);
  });

  it('highlights footnote references and definitions', () => {
    const [definition, reference] = repo.footnote.patterns;
    expect(rx(definition.match).exec('[^note-1]: The note.')![2]).toBe('note-1');
    expect([...'Text[^1] and [^why].'.matchAll(rx(reference.match))].map((m) => m[2])).toEqual(['1', 'why']);
  });
});

describe('package', () => {
  it('ships the bundles, grammars, schema and rule docs, and no sources, tests or node_modules', () => {
    const r = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-dependencies'], { cwd: repoRoot, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const files = r.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
    expect(files).toEqual(
      expect.arrayContaining(['package.json', 'LICENSE', 'dist/client.js', 'dist/server.js', 'dist/cli.js', 'dist/cli-worker.js', 'schemas/reviewlintrc.schema.json', 'language-configuration.json', 'images/icon.png']),
    );
    expect(files.some((f) => f.startsWith('syntaxes/'))).toBe(true);
    expect(files.some((f) => f.startsWith('docs/rules/'))).toBe(true);
    expect(files.filter((f) => /^(server|client\/src|test|node_modules|scripts)\/|\.ts$|\.map$/.test(f))).toEqual([]);
  });
});
