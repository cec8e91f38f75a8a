/**
 * Accuracy on the held-out corpus (test/corpus: eight reviews annotated blind, see test/corpus/README.md):
 * the built CLI is run over every annotated document and scored with the same matching rules as the shared
 * corpus scorer. Each scored rule must reach its precision and recall target.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './helpers/cli.js';
import { describeMisses, loadGold, maxMatching, scoreCorpus, type CorpusScore, type GoldDocument, type ReportedFinding, type ScoredRule } from './helpers/score.js';

const corpusDir = path.join(repoRoot, 'test', 'corpus');

describe('corpus scorer (test/helpers/score.ts)', () => {
  const gold = (findings: GoldDocument['findings']): Map<string, GoldDocument> => new Map([['a.md', { findings, notFindings: [] }]]);
  const rep = (line: number | null, endLine: number | null = line, extra: Partial<ReportedFinding> = {}): ReportedFinding => ({
    file: '/some/where/a.md',
    ruleId: 'blame-language',
    severity: 'warning',
    line,
    endLine,
    ...extra,
  });

  it('matches a finding whose line range contains the gold line, by file basename and rule', () => {
    const s = scoreCorpus(gold([{ ruleId: 'blame-language', line: 5 }]), [rep(4, 6), rep(5, 5, { ruleId: 'uncited-claim' })]);
    expect(s.rules['blame-language']).toMatchObject({ tp: 1, fp: 0, fn: 0 });
    expect(s.rules['uncited-claim']).toMatchObject({ tp: 0, fp: 1, fn: 0 });
  });

  it('does not match a finding spanning more than five lines, or on another line', () => {
    const s = scoreCorpus(gold([{ ruleId: 'blame-language', line: 5 }]), [rep(1, 6), rep(6)]);
    expect(s.rules['blame-language']).toMatchObject({ tp: 0, fp: 2, fn: 1, precision: 0, recall: 0 });
  });

  it('counts only error and warning findings, of the scored rules, for files in the corpus', () => {
    const s = scoreCorpus(gold([{ ruleId: 'blame-language', line: 5 }]), [
      rep(5, 5, { severity: 'information' }),
      rep(5, 5, { severity: 'hint' }),
      rep(5, 5, { ruleId: 'undefined-acronym' }),
      rep(5, 5, { file: 'other.md' }),
    ]);
    expect(s.rules['blame-language']).toMatchObject({ reported: 0, tp: 0, fp: 0, fn: 1 });
  });

  it('matches a document-level gold finding with any finding of its rule in the file', () => {
    const s = scoreCorpus(gold([{ ruleId: 'manager-accountability', line: null }]), [rep(1, 1, { ruleId: 'manager-accountability' }), rep(9, 9, { ruleId: 'manager-accountability' })]);
    expect(s.rules['manager-accountability']).toMatchObject({ tp: 1, fp: 1, fn: 0, precision: 0.5, recall: 1 });
  });

  it('matches one to one: two findings on one line are two true positives only against two gold findings', () => {
    const one = scoreCorpus(gold([{ ruleId: 'blame-language', line: 3 }]), [rep(3), rep(3)]);
    expect(one.rules['blame-language']).toMatchObject({ tp: 1, fp: 1, fn: 0 });
    const two = scoreCorpus(gold([{ ruleId: 'blame-language', line: 3 }, { ruleId: 'blame-language', line: 3 }]), [rep(3)]);
    expect(two.rules['blame-language']).toMatchObject({ tp: 1, fp: 0, fn: 1 });
  });

  it('finds the maximum matching where first-fit would not (augmenting path)', () => {
    // Gold on lines 3 and 4; report A covers 3-4, report B covers only 3. First-fit gives gold 3 report A and
    // leaves gold 4 unmatched; the maximum matching pairs 3 with B and 4 with A.
    const s = scoreCorpus(gold([{ ruleId: 'blame-language', line: 3 }, { ruleId: 'blame-language', line: 4 }]), [rep(3, 4), rep(3)]);
    expect(s.rules['blame-language']).toMatchObject({ tp: 2, fp: 0, fn: 0 });
    expect(maxMatching(2, 2, [[0, 1], [0]]).goldMatch).toEqual([1, 0]);
  });
});

describe('held-out corpus annotations', () => {
  const gold = loadGold(corpusDir);

  it('has an annotation file for each of the eight documents', () => {
    const docs = fs.readdirSync(corpusDir).filter((f) => f.endsWith('.md') && f !== 'README.md').sort();
    expect(docs).toHaveLength(8);
    expect([...gold.keys()].sort()).toEqual(docs);
  });

  it('names text that is on the annotated line', () => {
    const wrong: string[] = [];
    for (const [file, doc] of gold) {
      const lines = fs.readFileSync(path.join(corpusDir, file), 'utf8').split('\n');
      for (const a of [...doc.findings, ...doc.notFindings]) {
        if (a.line === null) continue;
        if (!a.text || !lines[a.line - 1]?.includes(a.text)) wrong.push(`${file}:${a.line} ${a.ruleId} ${JSON.stringify(a.text)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

/** Each scored rule must reach its target on a set of annotated reviews (every document the set annotates). */
function accuracyOn(name: string, dir: string): void {
  describe(`accuracy on ${name}`, () => {
    let score: CorpusScore;

    beforeAll(() => {
      const gold = loadGold(dir);
      const files = [...gold.keys()].map((f) => path.relative(repoRoot, path.join(dir, f)));
      const run = runCli(['--format', 'json', ...files]);
      // 0: no errors, 1: errors found (unresolved citations are errors); 2 would be a usage or read failure.
      expect([0, 1], run.stderr).toContain(run.code);
      score = scoreCorpus(gold, JSON.parse(run.stdout) as ReportedFinding[]);
    });

    function expectAtLeast(rule: ScoredRule, metric: 'precision' | 'recall', target: number): void {
      const s = score.rules[rule];
      const misses = metric === 'precision' ? score.falsePositives : score.falseNegatives;
      const listing = describeMisses(misses.filter((m) => m.ruleId === rule));
      expect(s[metric], `${rule} ${metric} ${s[metric].toFixed(2)} (TP ${s.tp}, FP ${s.fp}, FN ${s.fn}) is below ${target}:\n${listing}`).toBeGreaterThanOrEqual(target);
    }

    it('finds every scored rule in the gold annotations', () => {
      for (const rule of ['blame-language', 'manager-accountability', 'uncited-claim', 'identifying-detail', 'unresolved-citation'] as const) {
        expect(score.rules[rule].gold, rule).toBeGreaterThan(0);
      }
    });

    it('blame-language precision >= 0.90', () => expectAtLeast('blame-language', 'precision', 0.9));
    it('blame-language recall >= 0.90', () => expectAtLeast('blame-language', 'recall', 0.9));

    it('manager-accountability precision >= 0.95', () => expectAtLeast('manager-accountability', 'precision', 0.95));
    it('manager-accountability recall >= 0.95', () => expectAtLeast('manager-accountability', 'recall', 0.95));

    it('uncited-claim precision >= 0.85', () => expectAtLeast('uncited-claim', 'precision', 0.85));
    it('uncited-claim recall >= 0.85', () => expectAtLeast('uncited-claim', 'recall', 0.85));

    it('unresolved-citation precision = 1.0', () => expectAtLeast('unresolved-citation', 'precision', 1));
    it('unresolved-citation recall = 1.0', () => expectAtLeast('unresolved-citation', 'recall', 1));

    it('identifying-detail precision >= 0.90', () => expectAtLeast('identifying-detail', 'precision', 0.9));
    it('identifying-detail recall >= 0.90', () => expectAtLeast('identifying-detail', 'recall', 0.9));
  });
}

accuracyOn('the held-out corpus (test/corpus)', corpusDir);
// Written later without reading the rules (test/corpus-blind/README.md); its misses were fixed by category.
accuracyOn('the blind corpus (test/corpus-blind)', path.join(repoRoot, 'test', 'corpus-blind'));

describe('blind corpus annotations', () => {
  it('names text that is on the annotated line', () => {
    const dir = path.join(repoRoot, 'test', 'corpus-blind');
    const wrong: string[] = [];
    for (const [file, doc] of loadGold(dir)) {
      const lines = fs.readFileSync(path.join(dir, file), 'utf8').split('\n');
      for (const a of [...doc.findings, ...doc.notFindings]) {
        if (a.line !== null && (!a.text || !lines[a.line - 1]?.includes(a.text))) wrong.push(`${file}:${a.line} ${a.ruleId} ${JSON.stringify(a.text)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
