/** The CLI's output formats: stylish (people), json (tools; a stable contract), sarif (code scanning). */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { positionMapper } from '../core/positions.js';
import { ruleDocsUrl } from '../core/urls.js';
import type { Finding, Rule, Severity, Suppression } from '../core/types.js';
import type { FileOutcome } from '../node/lint-file.js';
import { VERSION } from '../version.js';

export { VERSION };

/** One finding in the JSON output: 1-based lines and columns, `endColumn` exclusive. */
export interface JsonFinding {
  file: string;
  ruleId: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  suggestions?: { title: string; edits: { line: number; column: number; endLine: number; endColumn: number; newText: string }[] }[];
}

export interface JsonSuppression {
  file: string;
  ruleIds: string[];
  kind: Suppression['kind'];
  reason: string | null;
  line: number;
  suppressed: number;
}

function toJsonFindings(outcome: FileOutcome): { findings: JsonFinding[]; suppressions: JsonSuppression[] } {
  if (!outcome.result || outcome.text === undefined) return { findings: [], suppressions: [] };
  const at = positionMapper(outcome.text);
  const loc = (start: number, end: number) => {
    const s = at(start);
    const e = at(end);
    return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
  };
  const findings = outcome.result.findings.map((f: Finding): JsonFinding => {
    const out: JsonFinding = { file: outcome.file, ruleId: f.ruleId, severity: f.severity, message: f.message, ...loc(f.range.start, f.range.end) };
    if (f.suggestions?.length) {
      out.suggestions = f.suggestions.map((s) => ({ title: s.title, edits: s.edits.map((e) => ({ ...loc(e.start, e.end), newText: e.newText })) }));
    }
    return out;
  });
  const suppressions = outcome.result.suppressions.map((s) => ({
    file: outcome.file,
    ruleIds: s.ruleIds,
    kind: s.kind,
    reason: s.reason ?? null,
    line: at(s.range.start).line + 1,
    suppressed: s.suppressed.length,
  }));
  return { findings, suppressions };
}

export function collect(outcomes: readonly FileOutcome[]): { findings: JsonFinding[]; suppressions: JsonSuppression[] } {
  const findings: JsonFinding[] = [];
  const suppressions: JsonSuppression[] = [];
  for (const o of outcomes) {
    const r = toJsonFindings(o);
    // Loops, not push(...): a file can have more findings than the stack has room for arguments.
    for (const f of r.findings) findings.push(f);
    for (const s of r.suppressions) suppressions.push(s);
  }
  return { findings, suppressions };
}

export function formatJson(outcomes: readonly FileOutcome[], withSummary: boolean): string {
  const { findings, suppressions } = collect(outcomes);
  if (!withSummary) return JSON.stringify(findings, null, 2);
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  return JSON.stringify(
    {
      results: findings,
      summary: {
        files: outcomes.length,
        errors: count('error'),
        warnings: count('warning'),
        information: count('information'),
        hints: count('hint'),
        suppressed: suppressions.reduce((n, s) => n + s.suppressed, 0),
        suppressions,
      },
    },
    null,
    2,
  );
}

const COLOURS = { red: 31, yellow: 33, blue: 34, grey: 90, bold: 1, underline: 4 } as const;

export function formatStylish(outcomes: readonly FileOutcome[], colour: boolean): string {
  const paint = (c: keyof typeof COLOURS, s: string) => (colour ? `\u001b[${COLOURS[c]}m${s}\u001b[0m` : s);
  const sevColour: Record<Severity, keyof typeof COLOURS> = { error: 'red', warning: 'yellow', information: 'blue', hint: 'grey' };
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  let others = 0;
  let suppressed = 0;
  for (const outcome of outcomes) {
    const { findings, suppressions } = toJsonFindings(outcome);
    suppressed += suppressions.reduce((n, s) => n + s.suppressed, 0);
    if (!findings.length) continue;
    lines.push(paint('underline', outcome.file));
    const width = findings.reduce((w, f) => Math.max(w, `${f.line}:${f.column}`.length), 0);
    for (const f of findings) {
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
      else others++;
      const pos = `${f.line}:${f.column}`.padEnd(width);
      const sev = f.severity === 'information' ? 'info' : f.severity;
      lines.push(`  ${paint('grey', pos)}  ${paint(sevColour[f.severity], sev.padEnd(7))}  ${f.message}  ${paint('grey', f.ruleId)}`);
    }
    lines.push('');
  }
  const total = errors + warnings + others;
  if (total > 0) {
    const parts = [`${errors} error${errors === 1 ? '' : 's'}`, `${warnings} warning${warnings === 1 ? '' : 's'}`];
    if (others) parts.push(`${others} info`);
    const mark = errors ? paint('red', '✖') : paint('yellow', '⚠');
    lines.push(paint('bold', `${mark} ${total} problem${total === 1 ? '' : 's'} (${parts.join(', ')})`));
  }
  if (suppressed) lines.push(paint('grey', `${suppressed} finding${suppressed === 1 ? '' : 's'} allowed by review-lint directives (list them with --format json --summary)`));
  return lines.join('\n');
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/**
 * A path as a SARIF `uri` (a URI reference): an absolute path becomes a file URL; a relative one stays relative,
 * each segment percent-encoded (a colon too, which would otherwise read as a scheme: `c:d.md`).
 */
export function artifactUri(file: string): string {
  if (path.isAbsolute(file)) return pathToFileURL(file).href;
  return file
    .split(/[\\/]/)
    .map((segment) => encodeURIComponent(segment).replace(/:/g, '%3A'))
    .join('/');
}

export function formatSarif(outcomes: readonly FileOutcome[], rules: readonly Rule[]): string {
  const { findings } = collect(outcomes);
  const ruleIndex = new Map(rules.map((r, i) => [r.meta.id, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'review-lint',
            fullName: 'Safeguarding Review Lint',
            version: VERSION,
            semanticVersion: VERSION,
            informationUri: 'https://github.com/safeguarding-review-lint/safeguarding-review-lint',
            rules: rules.map((r) => ({
              id: r.meta.id,
              name: r.meta.id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
              shortDescription: { text: r.meta.description },
              helpUri: ruleDocsUrl(r.meta.id),
              defaultConfiguration: { enabled: r.meta.defaultSeverity !== 'off', level: r.meta.defaultSeverity === 'off' ? 'none' : SARIF_LEVEL[r.meta.defaultSeverity] },
              properties: { tags: [r.meta.theme] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: findings.map((f) => ({
          ruleId: f.ruleId,
          ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId) } : {}),
          level: SARIF_LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: artifactUri(f.file) },
                region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
              },
            },
          ],
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}
