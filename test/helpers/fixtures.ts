/**
 * Markdown fixtures with expectation markers.
 *
 * test/fixtures/<rule-id>/<name>.md is linted with every rule, and only <rule-id>'s findings are checked:
 * - a line ending in `<!-- expect: rule-id -->` must have exactly one finding of that rule starting on it,
 *   at warning; `rule-id:error`, `rule-id:info`, `rule-id:hint` name another severity; repeat the id for
 *   several findings on one line (`<!-- expect: blame-language blame-language:info -->`);
 * - every other line must have no finding of the rule at any severity;
 * - `<!-- expect-next-line: … -->` on a line of its own puts the expectation on the next line (for places
 *   where a trailing comment would change the Markdown, such as headings or code).
 * Optional siblings: `<name>.config.json` (a .reviewlintrc object) and `<name>.fixed.md` (the text after each
 * finding's quick fix is applied: its preferred suggestion, else its only one; a choice between several
 * suggestions is left to the author).
 */
import fs from 'node:fs';
import path from 'node:path';
import { lint, resolveConfig, validateConfig, builtinRules, applyEdits, type Finding, type LintHost } from '../../server/src/core/index.js';
import { positionMapper } from '../../server/src/core/positions.js';

export interface Expectation {
  line: number; // 1-based
  ruleId: string;
  severity: string;
}

const MARKER = /<!--\s*expect(-next-line)?:\s*([^>]*?)\s*-->/g;
const SEVERITY_ALIASES: Record<string, string> = { info: 'information', information: 'information', warning: 'warning', warn: 'warning', error: 'error', hint: 'hint' };

export function readExpectations(text: string): Expectation[] {
  const out: Expectation[] = [];
  const lines = text.split('\n');
  lines.forEach((lineText, i) => {
    for (const m of lineText.matchAll(MARKER)) {
      const line = m[1] ? i + 2 : i + 1;
      for (const token of m[2].split(/\s+/).filter(Boolean)) {
        const [ruleId, sev] = token.split(':');
        out.push({ line, ruleId, severity: SEVERITY_ALIASES[sev ?? 'warning'] ?? sev });
      }
    }
  });
  return out;
}

export function fixtureHost(dir: string): LintHost {
  return {
    readFile(p: string) {
      try {
        return { text: fs.readFileSync(path.resolve(dir, p), 'utf8') };
      } catch {
        return { error: `${p} was not found` };
      }
    },
  };
}

export function lintFixture(file: string): { text: string; findings: Finding[]; config: ReturnType<typeof resolveConfig> } {
  const text = fs.readFileSync(file, 'utf8');
  const configFile = file.replace(/\.md$/, '.config.json');
  let config = resolveConfig();
  if (fs.existsSync(configFile)) {
    const { layer, problems } = validateConfig(JSON.parse(fs.readFileSync(configFile, 'utf8')), configFile, builtinRules);
    if (problems.length) throw new Error(problems.map((p) => `${p.key}: ${p.message}`).join('\n'));
    if (layer.namesFile) layer.namesFile = path.resolve(path.dirname(file), layer.namesFile);
    config = resolveConfig(layer);
  }
  const result = lint(text, { config, host: fixtureHost(path.dirname(file)) });
  return { text, findings: result.findings, config };
}

/** Compare a fixture's findings of `ruleId` with its markers; returns human-readable mismatches. */
export function checkFixture(file: string, ruleId: string): string[] {
  const { text, findings } = lintFixture(file);
  const at = positionMapper(text);
  const expected = readExpectations(text).filter((e) => e.ruleId === ruleId);
  const actual = findings.filter((f) => f.ruleId === ruleId).map((f) => ({ line: at(f.range.start).line + 1, severity: f.severity, message: f.message, found: text.slice(f.range.start, f.range.end) }));
  const problems: string[] = [];
  const remaining = [...actual];
  for (const e of expected) {
    const i = remaining.findIndex((a) => a.line === e.line && a.severity === e.severity);
    if (i === -1) {
      const other = remaining.find((a) => a.line === e.line);
      problems.push(`line ${e.line}: expected ${ruleId}:${e.severity}${other ? `, got ${other.severity} on "${other.found}"` : ', got nothing'}`);
    } else remaining.splice(i, 1);
  }
  for (const a of remaining) problems.push(`line ${a.line}: unexpected ${ruleId}:${a.severity} on "${a.found}": ${a.message}`);

  const fixedFile = file.replace(/\.md$/, '.fixed.md');
  if (fs.existsSync(fixedFile)) {
    const fixed = applyQuickFixes(text, findings.filter((f) => f.ruleId === ruleId));
    const want = fs.readFileSync(fixedFile, 'utf8');
    if (fixed !== want) problems.push(`after fixes the text differs from ${path.basename(fixedFile)}:\n${fixed}`);
  }
  return problems;
}

/** Each finding's quick fix where there is no choice to make: the preferred suggestion, else the only one. */
function applyQuickFixes(text: string, findings: readonly Finding[]): string {
  const chosen = findings
    .map((f) => f.suggestions?.find((s) => s.isPreferred) ?? (f.suggestions?.length === 1 ? f.suggestions[0] : undefined))
    .filter((s) => s !== undefined);
  return applyEdits(text, chosen.flatMap((s) => s.edits));
}

export function fixtureFiles(ruleId: string): string[] {
  const dir = path.join(__dirname, '..', 'fixtures', ruleId);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.md') && !f.endsWith('.fixed.md'))
    .sort()
    .map((f) => path.join(dir, f));
}
