/** Unit tests for the server's small pure helpers: config edits for allowed terms, include globs, settings. */
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ConfigEditError, withAllowedTerm } from '../../server/src/lsp/allow-term.js';
import { matchesAny } from '../../server/src/lsp/glob.js';
import { normaliseSettings, DEFAULT_SETTINGS } from '../../server/src/lsp/settings.js';

describe('withAllowedTerm', () => {
  it('appends to an existing YAML allow list, keeping comments and other options', () => {
    const yaml = [
      'rules:',
      '  # the partnership agreed these',
      '  blame-language:',
      '    - warning',
      '    - allow:',
      '        - term: hard to reach # used in the title of a policy',
      '          reason: quoted policy title',
      '      disabledCategories: [disability]',
      '',
    ].join('\n');
    const out = withAllowedTerm(yaml, '.reviewlintrc.yml', 'failed to engage', 'warning')!;
    expect(out).toContain('# the partnership agreed these');
    expect(out).toContain('# used in the title of a policy');
    expect(parseYaml(out).rules['blame-language']).toEqual([
      'warning',
      { allow: [{ term: 'hard to reach', reason: 'quoted policy title' }, 'failed to engage'], disabledCategories: ['disability'] },
    ]);
    expect(withAllowedTerm(out, '.reviewlintrc.yml', 'Failed to engage', 'warning')).toBeUndefined();
  });

  it('adds options to a YAML severity-only array, and creates rules in an empty file', () => {
    const scalar = withAllowedTerm('rules:\n  blame-language: error # loud on purpose\n', 'x.yaml', 'a', 'warning')!;
    expect(scalar).toContain('- error # loud on purpose');
    expect(parseYaml(scalar).rules['blame-language']).toEqual(['error', { allow: ['a'] }]);
    const out = withAllowedTerm('rules:\n  blame-language: [error]\n', 'x.yaml', 'dna\'d', 'warning')!;
    expect(parseYaml(out).rules['blame-language']).toEqual(['error', { allow: ["dna'd"] }]);
    expect(parseYaml(withAllowedTerm('', 'x.yaml', 'a', 'warning')!)).toEqual({ rules: { 'blame-language': ['warning', { allow: ['a'] }] } });
  });

  it('edits JSON keeping other keys and the indentation, and refuses a file it cannot parse', () => {
    const json = '{\n    "profile": "draft",\n    "rules": { "blame-language": ["error", { "allow": ["a"] }], "uncited-claim": "off" }\n}\n';
    const out = withAllowedTerm(json, '.reviewlintrc.json', 'b', 'warning')!;
    expect(JSON.parse(out)).toEqual({ profile: 'draft', rules: { 'blame-language': ['error', { allow: ['a', 'b'] }], 'uncited-claim': 'off' } });
    expect(out).toMatch(/^ {4}"profile"/m);
    expect(withAllowedTerm(out, '.reviewlintrc.json', 'B', 'warning')).toBeUndefined();
    expect(() => withAllowedTerm('{ "rules": ', '.reviewlintrc.json', 'b', 'warning')).toThrow(ConfigEditError);
    expect(() => withAllowedTerm('rules: [', '.reviewlintrc.yaml', 'b', 'warning')).toThrow(ConfigEditError);
  });
});

describe('include globs', () => {
  it('match workspace-relative paths', () => {
    const md = DEFAULT_SETTINGS.include;
    expect(matchesAny('review.md', md)).toBe(true);
    expect(matchesAny('drafts/2024/Review.MD', md)).toBe(true);
    expect(matchesAny('notes.txt', md)).toBe(false);
    expect(matchesAny('drafts/a.md', ['drafts/**/*.md'])).toBe(true);
    expect(matchesAny('other/a.md', ['drafts/**/*.md'])).toBe(false);
    expect(matchesAny('deep/x/a.review.md', ['*.review.md'])).toBe(true);
    expect(matchesAny('a.markdown', ['**/*.{md,markdown}'])).toBe(true);
  });
});

describe('settings', () => {
  it('take valid values and ignore malformed ones', () => {
    const s = normaliseSettings({ enable: 'yes', run: 'onSave', debounceMs: -5, rules: { 'blame-language': 'warn', x: 'loud' }, include: [], profile: 'publication', trace: { server: 'verbose' } });
    expect(s).toEqual({ ...DEFAULT_SETTINGS, run: 'onSave', debounceMs: 0, rules: { 'blame-language': 'warning' }, include: DEFAULT_SETTINGS.include, profile: 'publication', trace: 'verbose' });
    expect(normaliseSettings(null)).toBe(DEFAULT_SETTINGS);
  });
});
