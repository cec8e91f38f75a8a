/** Applying text edits: used by fix-all, `--fix`, tests and the property checks. */
import type { Finding, Suggestion, TextEdit } from './types.js';

/** Apply non-overlapping edits (overlapping ones after the first are skipped). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.start < at || e.start > text.length || e.end > text.length || e.end < e.start) continue;
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return out + text.slice(at);
}

/** The edits of each finding's preferred suggestion, without overlaps: what fix-all applies. */
export function preferredEdits(findings: readonly Finding[], ruleId?: string): TextEdit[] {
  return preferredFixes(findings, ruleId).flatMap((s) => s.edits);
}

/** Each finding's preferred suggestion, leaving out those that overlap an earlier one. */
export function preferredFixes(findings: readonly Finding[], ruleId?: string): Suggestion[] {
  const fixes: Suggestion[] = [];
  let lastEnd = -1;
  const chosen = findings
    .filter((f) => !ruleId || f.ruleId === ruleId)
    .map((f) => f.suggestions?.find((s) => s.isPreferred))
    .filter((s): s is NonNullable<typeof s> => !!s)
    .sort((a, b) => Math.min(...a.edits.map((e) => e.start)) - Math.min(...b.edits.map((e) => e.start)));
  for (const s of chosen) {
    const start = Math.min(...s.edits.map((e) => e.start));
    if (start < lastEnd) continue;
    fixes.push(s);
    lastEnd = Math.max(...s.edits.map((e) => e.end));
  }
  return fixes;
}

export function applyPreferredFixes(text: string, findings: readonly Finding[], ruleId?: string): string {
  return applyEdits(text, preferredEdits(findings, ruleId));
}
