/** The engine: directives, severities, profiles, and a rule that throws. */
import { describe, expect, it } from 'vitest';
import { lint, resolveConfig, type Rule } from '../../server/src/core/index.js';

function wordRule(id: string, word: string): Rule {
  return {
    meta: { id, description: 'test rule', defaultSeverity: 'warning', theme: 'language', fixable: false, optionsSchema: { type: 'object' }, defaultOptions: {} },
    check({ doc, report }) {
      for (let i = doc.prose.indexOf(word); i !== -1; i = doc.prose.indexOf(word, i + 1)) report({ range: { start: i, end: i + word.length }, message: `found ${word}` });
    },
  };
}

const alpha = wordRule('alpha', 'alpha');
const beta = wordRule('beta', 'beta');
const lines = (text: string, ids: string[], rules: Rule[] = [alpha, beta]) =>
  lint(text, { rules })
    .findings.filter((f) => ids.includes(f.ruleId))
    .map((f) => `${f.ruleId}@${text.slice(0, f.range.start).split('\n').length}`);

describe('directives', () => {
  it('disable … enable covers the lines between, for the named rule only', () => {
    const text = 'alpha beta\n\n<!-- review-lint-disable alpha -- legacy text -->\n\nalpha beta\n\n<!-- review-lint-enable alpha -->\n\nalpha\n';
    expect(lines(text, ['alpha', 'beta'])).toEqual(['alpha@1', 'beta@1', 'beta@5', 'alpha@9']);
  });

  it('disable-next-line skips blank lines and covers one line', () => {
    const text = '<!-- review-lint-disable-next-line -- every rule -->\n\nalpha beta\nalpha\n';
    expect(lines(text, ['alpha', 'beta'])).toEqual(['alpha@4']);
  });

  it('disable-file covers the whole document and keeps its reason', () => {
    const text = 'alpha\n\n<!-- review-lint-disable-file beta -- glossary quotes the terms -->\n\nbeta\n';
    const result = lint(text, { rules: [alpha, beta] });
    expect(result.findings.map((f) => f.ruleId)).toEqual(['alpha']);
    expect(result.suppressions).toEqual([expect.objectContaining({ kind: 'disable-file', ruleIds: ['beta'], reason: 'glossary quotes the terms' })]);
    expect(result.suppressions[0].suppressed).toHaveLength(1);
  });

  it('an unknown rule id in a directive is a notice', () => {
    const result = lint('<!-- review-lint-disable gamma -->\n\nalpha\n', { rules: [alpha] });
    expect(result.notices.map((n) => n.message)).toEqual(['unknown rule "gamma" in a review-lint directive']);
  });

  it('enabling one of several disabled rules keeps the others silenced, as one suppression', () => {
    const text = '<!-- review-lint-disable alpha, beta -- legacy -->\n\nalpha beta\n\n<!-- review-lint-enable alpha -->\n\nalpha beta\n';
    expect(lines(text, ['alpha', 'beta'])).toEqual(['alpha@7']);
    const result = lint(text, { rules: [alpha, beta] });
    expect(result.suppressions).toHaveLength(1);
    expect(result.suppressions[0].suppressed.map((f) => f.ruleId).sort()).toEqual(['alpha', 'beta', 'beta']);
  });

  it('enabling one rule after disabling every rule re-enables that rule only; a bare enable ends the rest', () => {
    const text = '<!-- review-lint-disable -->\n\nalpha beta\n\n<!-- review-lint-enable beta -->\n\nalpha beta\n\n<!-- review-lint-enable -->\n\nalpha\n';
    expect(lines(text, ['alpha', 'beta'])).toEqual(['beta@7', 'alpha@11']);
  });

  it('disable-next-line in a blockquote skips the quote\'s blank ">" lines', () => {
    const text = '> <!-- review-lint-disable-next-line alpha -- quoted from the record -->\n>\n> alpha beta\n> alpha\n';
    expect(lines(text, ['alpha', 'beta'])).toEqual(['beta@3', 'alpha@4']);
  });

  it('directives inside code blocks are not directives', () => {
    const text = '```\n<!-- review-lint-disable-file -->\n```\n\nalpha\n';
    expect(lines(text, ['alpha'])).toEqual(['alpha@5']);
  });
});

describe('engine', () => {
  it('a rule that throws costs only its own findings', () => {
    const broken: Rule = { ...alpha, meta: { ...alpha.meta, id: 'broken' }, check() { throw new Error('boom'); } };
    const result = lint('alpha beta', { rules: [broken, beta] });
    expect(result.findings.map((f) => f.ruleId)).toEqual(['beta']);
    expect(result.notices[0].message).toMatch(/rule broken failed and was skipped: boom/);
  });

  it('severities and off come from configuration; options-only settings keep the default severity', () => {
    const config = resolveConfig({ rules: { alpha: { severity: 'error' }, beta: { severity: 'off' } } });
    expect(lint('alpha beta', { rules: [alpha, beta], config }).findings.map((f) => `${f.ruleId}:${f.severity}`)).toEqual(['alpha:error']);
    const optionsOnly = resolveConfig({ rules: { alpha: { options: {} } } });
    expect(lint('alpha', { rules: [alpha], config: optionsOnly }).findings[0].severity).toBe('warning');
  });

  it('pre-publication rules run only in the publication profile, and anonymisation becomes an error there', () => {
    const pre: Rule = { ...alpha, meta: { ...alpha.meta, id: 'pre', prePublication: true } };
    const anon: Rule = { ...beta, meta: { ...beta.meta, id: 'anon', theme: 'anonymisation' } };
    const draft = lint('alpha beta', { rules: [pre, anon] }).findings.map((f) => `${f.ruleId}:${f.severity}`);
    const publication = lint('alpha beta', { rules: [pre, anon], config: resolveConfig({}, { profile: 'publication' }) }).findings.map((f) => `${f.ruleId}:${f.severity}`);
    expect(draft).toEqual(['anon:warning']);
    expect(publication).toEqual(['pre:warning', 'anon:error']);
  });

  it('the publication profile makes anonymisation an error over a configuration file, not over --rule or off', () => {
    const anon: Rule = { ...beta, meta: { ...beta.meta, id: 'anon', theme: 'anonymisation' } };
    const severityWith = (layer: Parameters<typeof resolveConfig>[0], extras: Parameters<typeof resolveConfig>[1]) =>
      lint('beta', { rules: [anon], config: resolveConfig(layer, extras) }).findings.map((f) => f.severity);
    expect(severityWith({ rules: { anon: { severity: 'warning' } } }, { profile: 'publication' })).toEqual(['error']);
    expect(severityWith({ rules: { anon: { severity: 'information' } }, profile: 'publication' }, {})).toEqual(['error']);
    expect(severityWith({ rules: { anon: { severity: 'off' } } }, { profile: 'publication' })).toEqual([]);
    expect(severityWith({}, { profile: 'publication', severities: { anon: 'warning' } })).toEqual(['warning']);
    expect(severityWith({ rules: { anon: { severity: 'information' } } }, { profile: 'draft' })).toEqual(['information']);
  });

  it('never throws on odd input', () => {
    for (const input of ['', '\u0000\u0001', '#'.repeat(10000), '>'.repeat(5000), '[^'.repeat(2000), '\uD800', undefined as unknown as string]) {
      expect(() => lint(input)).not.toThrow();
    }
  });
});
