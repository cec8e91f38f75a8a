/** blame-language beyond the fixtures: the lexicon's shape, its generated files, options and trust. */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { lint, resolveConfig, validateConfig, builtinRules } from '../../server/src/core/index.js';
import lexicon from '../../server/src/core/data/blame-lexicon.generated.json';
import { compilePhrase } from '../../server/src/core/lexicon.js';
import { ChunkCache, parseDocument } from '../../server/src/core/document.js';
import { lintDocument } from '../../server/src/core/lint.js';
import { childNames, titleName } from '../../server/src/core/rules/child-names.js';

const root = path.join(__dirname, '..', '..');

function configWith(options: Record<string, unknown>, trusted = true) {
  const { layer, problems } = validateConfig({ rules: { 'blame-language': ['warning', options] } }, 'test', builtinRules);
  expect(problems).toEqual([]);
  return resolveConfig(layer, { trusted });
}

/** Only this rule's findings: document-level rules (missing sections) also fire on a one-line text. */
function blame(text: string, options?: Parameters<typeof lint>[1]) {
  const result = lint(text, options);
  return { ...result, findings: result.findings.filter((f) => f.ruleId === 'blame-language') };
}

describe('blame-language lexicon', () => {
  it('has at least 100 entries, each explained, with at most three alternatives and a known source', () => {
    expect(lexicon.entries.length).toBeGreaterThanOrEqual(100);
    const categories = new Set(lexicon.entries.map((e) => e.category));
    expect([...categories].sort()).toEqual(['child', 'disability', 'domestic-abuse', 'ethnicity', 'exploitation', 'mental-health', 'minimising', 'parent']);
    for (const e of lexicon.entries) {
      expect(e.why.length, e.id).toBeGreaterThan(10);
      expect(e.instead.length, e.id).toBeGreaterThan(5);
      expect(e.alternatives.length, e.id).toBeLessThanOrEqual(3);
      expect(e.sourceText, e.id).toBeTruthy();
      for (const phrase of e.match) expect(() => new RegExp(compilePhrase(phrase, lexicon.macros), 'iu'), `${e.id}: ${phrase}`).not.toThrow();
    }
  });

  it('generated JSON and the docs table are current with the YAML', async () => {
    const { generateLexicon } = await import('../../scripts/generate-lexicon.mjs');
    const { json, docText } = generateLexicon({ write: false });
    expect(fs.readFileSync(path.join(root, 'server/src/core/data/blame-lexicon.generated.json'), 'utf8')).toBe(json);
    expect(fs.readFileSync(path.join(root, 'docs/rules/blame-language.md'), 'utf8')).toBe(docText);
  });

  it('lists every entry with its alternatives and source in the docs', () => {
    const doc = fs.readFileSync(path.join(root, 'docs/rules/blame-language.md'), 'utf8');
    for (const e of lexicon.entries) expect(doc).toContain(`| \`${e.id}\` |`);
  });
});

describe('blame-language messages and fixes', () => {
  it('says what the words do and what to write instead, with the source', () => {
    const [f] = blame('Staff found Jade troublesome.').findings;
    expect(f.message).toBe("'troublesome' labels the child as the problem and hides what may be happening to them: describe the behaviour and what may lie behind it.");
    expect(f.explanation?.source).toMatch(/Review Panel/);
    expect(f.suggestions?.map((s) => s.edits[0].newText)).toEqual(['distressed', 'struggling to cope']);
    expect(f.data).toMatchObject({ term: 'troublesome', entryId: 'troublesome', category: 'child' });
  });

  it('keeps a sentence-initial capital in the replacement', () => {
    const [f] = blame('Historic abuse was disclosed to the GP.').findings;
    expect(f.suggestions?.[0].edits[0].newText).toBe('Non-recent abuse');
  });
});

describe('blame-language options', () => {
  it('allow skips a term, by words or entry id', () => {
    expect(blame('Staff found Jade troublesome.', { config: configWith({ allow: ['troublesome'] }) }).findings).toEqual([]);
    expect(blame('Staff found Jade troublesome.', { config: configWith({ allow: [{ term: 'troublesome', reason: 'house style' }] }) }).findings).toEqual([]);
    expect(blame('The toxic trio featured.', { config: configWith({ allow: ['toxic-trio'] }) }).findings).toEqual([]);
  });

  it('disabledCategories leaves a category out', () => {
    const text = 'He is wheelchair-bound. Staff found Jade troublesome.';
    const ids = blame(text, { config: configWith({ disabledCategories: ['disability'] }) }).findings.map((f) => f.data?.entryId);
    expect(ids).toEqual(['troublesome']);
  });

  it('extra entries are used in a trusted workspace and not in an untrusted one', () => {
    const extra = [{ id: 'kept-away', match: ['kept (himself|herself) away'], why: 'suggests the child chose to be out of reach' }];
    const trusted = blame('She kept herself away.', { config: configWith({ extra }) });
    expect(trusted.findings.map((f) => f.data?.entryId)).toEqual(['kept-away']);
    const untrusted = blame('She kept herself away.', { config: configWith({ extra }, false) });
    expect(untrusted.findings).toEqual([]);
    expect(untrusted.notices[0].message).toMatch(/not trusted/);
  });

  it('refuses an extra entry whose pattern could backtrack catastrophically, with a message', () => {
    const extra = [{ id: 'bad', match: ['(a+)+b'], why: 'test' }];
    const result = blame('aaaa', { config: configWith({ extra }) });
    expect(result.notices.map((n) => n.message)).toEqual([expect.stringMatching(/extra entry not used: bad: .*very long time/)]);
  });
});

describe("blame-language: the child's pseudonym", () => {
  it('reads the child named in the title, quoted or not, and nothing from a generic title', () => {
    expect(titleName('Learning briefing: "Kai"')).toBe('Kai');
    expect(titleName('LCSPR: Amara')).toBe('Amara');
    expect(titleName('Rapid Review: Baby M')).toBe('Baby M');
    expect(titleName('Thematic review: Neglect')).toBeUndefined();
    expect(titleName('Family W: Executive Summary')).toBeUndefined();
    expect(titleName('Safeguarding Adults Review: Ms H')).toBeUndefined();
    expect(titleName('A review without a colon')).toBeUndefined();
  });

  it("collects declared children's pseudonyms and leaves out adults' and a review of adults", () => {
    const doc = parseDocument(
      [
        '# Review: "Sol"',
        '',
        'Nia (not her real name) was 13. Her mother is referred to as Ms N. The man who groomed her, referred to here as Dean, was 31.',
        '',
        'The name Remy was chosen by the family for her younger brother.',
      ].join('\n'),
    );
    expect(childNames(doc)).toEqual(['Nia', 'Remy', 'Sol']);
    expect(childNames(parseDocument('# Safeguarding Adults Review: Dawn\n\nDawn (not her real name) was 52.\n'))).toEqual([]);
  });

  it('recomputes a block whose text did not change when the pseudonym does (the per-block cache knows the names)', () => {
    const cache = new ChunkCache();
    const body = '\n\nBy the summer Tayo was involved in county lines.\n';
    const ids = (title: string) =>
      lintDocument(parseDocument(title + body, { cache })).findings.filter((f) => f.ruleId === 'blame-language').map((f) => f.data?.entryId);
    expect(ids('# Learning review: Tayo')).toEqual(['involved-in-exploitation']);
    expect(ids('# Learning review: Zain')).toEqual([]);
    expect(ids('# Learning review: Tayo')).toEqual(['involved-in-exploitation']);
  });

  it('matches a pseudonym with its capital only: "Hope" the child is not "hope" the word', () => {
    const text = (s: string) => `# Learning review: Hope\n\n${s}\n`;
    expect(blame(text('Hope was sexually active at 14, the nurse wrote.')).findings).toHaveLength(1);
    expect(blame(text('There was little hope that the sexually active adults would change.')).findings).toEqual([]);
  });
});
