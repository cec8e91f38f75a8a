/**
 * Scores linter findings against the gold annotations of an annotated corpus (NAME.md + NAME.expected.json),
 * with the same matching rules as the shared corpus scorer (shared/corpus/score.mjs):
 *
 * - only findings of the five scored rules with severity "error" or "warning" count;
 * - a gold finding with a line is matched by a finding of the same rule in the same file whose
 *   [line, endLine] contains that line and spans at most 5 lines;
 * - a document-level gold finding (line null) is matched by any finding of the same rule in that file;
 * - each finding matches at most one gold finding and vice versa, as a maximum bipartite matching
 *   (augmenting paths, Kuhn's algorithm: a greedy first-fit can leave a gold finding unmatched when an
 *   earlier gold finding took the only report that could cover it, so it is not used);
 * - unmatched findings are false positives, unmatched gold findings false negatives.
 */
import fs from 'node:fs';
import path from 'node:path';

export const SCORED_RULES = ['blame-language', 'manager-accountability', 'uncited-claim', 'identifying-detail', 'unresolved-citation'] as const;
export type ScoredRule = (typeof SCORED_RULES)[number];

export interface GoldFinding {
  ruleId: string;
  line: number | null;
  text?: string;
  note?: string;
}

export interface NotFinding {
  ruleId: string;
  line: number;
  text?: string;
  why: string;
}

export interface GoldDocument {
  findings: GoldFinding[];
  notFindings: NotFinding[];
}

/** One finding as the CLI's JSON output gives it (only the fields the scorer reads). */
export interface ReportedFinding {
  file: string;
  ruleId: string;
  severity: string;
  line: number | null;
  endLine?: number | null;
  message?: string;
}

export interface RuleScore {
  gold: number;
  reported: number;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Miss {
  file: string;
  ruleId: string;
  line: number | null;
  endLine?: number | null;
  text: string;
}

export interface CorpusScore {
  rules: Record<ScoredRule, RuleScore>;
  falsePositives: Miss[];
  falseNegatives: Miss[];
}

const COUNTED = new Set(['error', 'warning']);

/** The gold annotations of every NAME.expected.json in `dir`, keyed by NAME.md. */
export function loadGold(dir: string): Map<string, GoldDocument> {
  const gold = new Map<string, GoldDocument>();
  for (const f of fs.readdirSync(dir).sort()) {
    if (!f.endsWith('.expected.json')) continue;
    const data = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Partial<GoldDocument>;
    gold.set(f.slice(0, -'.expected.json'.length) + '.md', {
      findings: Array.isArray(data.findings) ? data.findings : [],
      notFindings: Array.isArray(data.notFindings) ? data.notFindings : [],
    });
  }
  return gold;
}

/** Maximum bipartite matching by augmenting paths. `adj[g]` lists the reports gold finding `g` may take. */
export function maxMatching(nGold: number, nReported: number, adj: number[][]): { goldMatch: number[]; reportMatch: number[] } {
  const reportMatch = new Array<number>(nReported).fill(-1);
  const goldMatch = new Array<number>(nGold).fill(-1);
  const tryAssign = (g: number, seen: boolean[]): boolean => {
    for (const r of adj[g]) {
      if (seen[r]) continue;
      seen[r] = true;
      if (reportMatch[r] === -1 || tryAssign(reportMatch[r], seen)) {
        reportMatch[r] = g;
        goldMatch[g] = r;
        return true;
      }
    }
    return false;
  };
  for (let g = 0; g < nGold; g++) tryAssign(g, new Array<boolean>(nReported).fill(false));
  return { goldMatch, reportMatch };
}

function covers(report: { line: number | null; endLine: number | null }, gold: GoldFinding): boolean {
  if (gold.line === null || gold.line === undefined) return true;
  if (report.line === null || report.endLine === null) return false;
  return report.line <= gold.line && gold.line <= report.endLine && report.endLine - report.line <= 4;
}

function ratios(tp: number, fp: number, fn: number): { precision: number; recall: number; f1: number } {
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

/** Score `results` against `gold`. Findings for files that are not in the corpus are ignored. */
export function scoreCorpus(gold: Map<string, GoldDocument>, results: ReportedFinding[]): CorpusScore {
  const reported = new Map<string, { line: number | null; endLine: number | null; message: string }[]>();
  for (const r of results) {
    if (!(SCORED_RULES as readonly string[]).includes(r.ruleId)) continue;
    if (!COUNTED.has(String(r.severity).toLowerCase())) continue;
    const file = path.basename(String(r.file));
    if (!gold.has(file)) continue;
    const line = typeof r.line === 'number' ? r.line : null;
    let endLine = typeof r.endLine === 'number' ? r.endLine : null;
    if (line !== null && (endLine === null || endLine < line)) endLine = line;
    const key = `${file}\u0000${r.ruleId}`;
    if (!reported.has(key)) reported.set(key, []);
    reported.get(key)!.push({ line, endLine, message: r.message ?? '' });
  }

  const counts = Object.fromEntries(SCORED_RULES.map((r) => [r, { gold: 0, reported: 0, tp: 0, fp: 0, fn: 0 }])) as Record<
    ScoredRule,
    { gold: number; reported: number; tp: number; fp: number; fn: number }
  >;
  const falsePositives: Miss[] = [];
  const falseNegatives: Miss[] = [];

  for (const [file, doc] of gold) {
    for (const ruleId of SCORED_RULES) {
      const golds = doc.findings.filter((g) => g.ruleId === ruleId);
      const reps = reported.get(`${file}\u0000${ruleId}`) ?? [];
      const c = counts[ruleId];
      c.gold += golds.length;
      c.reported += reps.length;
      const adj = golds.map((g) => reps.flatMap((r, i) => (covers(r, g) ? [i] : [])));
      const { goldMatch, reportMatch } = maxMatching(golds.length, reps.length, adj);
      reps.forEach((r, i) => {
        if (reportMatch[i] !== -1) c.tp++;
        else {
          c.fp++;
          falsePositives.push({ file, ruleId, line: r.line, endLine: r.endLine, text: r.message });
        }
      });
      golds.forEach((g, j) => {
        if (goldMatch[j] === -1) {
          c.fn++;
          falseNegatives.push({ file, ruleId, line: g.line ?? null, text: g.text || g.note || '' });
        }
      });
    }
  }

  const rules = Object.fromEntries(SCORED_RULES.map((r) => [r, { ...counts[r], ...ratios(counts[r].tp, counts[r].fp, counts[r].fn) }])) as Record<ScoredRule, RuleScore>;
  return { rules, falsePositives, falseNegatives };
}

/** A one-line-per-miss listing, for assertion messages. */
export function describeMisses(misses: Miss[]): string {
  return misses.map((m) => `  ${m.ruleId} ${m.file}:${m.line ?? '(document)'}  ${m.text}`).join('\n');
}
