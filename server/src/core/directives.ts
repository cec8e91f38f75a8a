/**
 * Inline directives in HTML comments:
 *   <!-- review-lint-disable rule-a, rule-b -- reason -->   …   <!-- review-lint-enable rule-a -->
 *   <!-- review-lint-disable-next-line rule-a -- reason -->    (the next non-blank line)
 *   <!-- review-lint-disable-file rule-a -- reason -->
 * With no rule ids a directive applies to every rule.
 */
import type { ReviewDocument } from './document.js';
import type { Finding, LintNotice, Range, Suppression } from './types.js';

export interface Directive {
  kind: 'disable' | 'enable' | 'disable-next-line' | 'disable-file';
  ruleIds: string[];
  reason?: string;
  range: Range;
}

const DIRECTIVE = /^<!--\s*review-lint-(disable-next-line|disable-file|disable|enable)(?![\w-])([\s\S]*?)-->$/;

export function parseDirectives(doc: ReviewDocument): Directive[] {
  const directives: Directive[] = [];
  for (const range of doc.htmlComments) {
    const m = DIRECTIVE.exec(doc.text.slice(range.start, range.end));
    if (!m) continue;
    const body = m[2];
    const sep = body.search(/\s--(\s|$)/);
    const idsPart = sep === -1 ? body : body.slice(0, sep);
    const reason = sep === -1 ? undefined : body.slice(sep + 3).trim() || undefined;
    const ruleIds = idsPart.split(/[\s,]+/).filter(Boolean);
    // A copy: the document's spans may be moved in place by the next parse with the same cache, and the
    // result (its suppressions and notices) must keep pointing at this version's text.
    directives.push({ kind: m[1] as Directive['kind'], ruleIds, reason, range: { start: range.start, end: range.end } });
  }
  return directives;
}

/** Where a directive silences findings: its rules (none listed: every rule) except those enabled again since. */
interface Window {
  suppression: Suppression;
  from: number;
  to: number;
  ruleIds: string[];
  except: string[];
}

function applies(w: Window, ruleId: string): boolean {
  return (w.ruleIds.length === 0 || w.ruleIds.includes(ruleId)) && !w.except.includes(ruleId);
}

/** The next line after `offset`'s line with more than blockquote markers and spaces, as an offset range. */
function nextNonBlankLine(doc: ReviewDocument, offset: number): Range | undefined {
  const { line } = doc.positionAt(offset);
  for (let l = line + 1; l < doc.lineStarts.length; l++) {
    const start = doc.lineStarts[l];
    const end = l + 1 < doc.lineStarts.length ? doc.lineStarts[l + 1] - 1 : doc.text.length;
    if (!/^[\s>]*$/.test(doc.text.slice(start, end))) return { start, end };
  }
  return undefined;
}

/**
 * Split findings into those that stand and those the directives silence, and report directives that
 * name unknown rules.
 */
export function applyDirectives(
  doc: ReviewDocument,
  findings: Finding[],
  knownRuleIds: ReadonlySet<string>,
): { findings: Finding[]; suppressions: Suppression[]; notices: LintNotice[] } {
  const directives = parseDirectives(doc);
  if (directives.length === 0) return { findings, suppressions: [], notices: [] };
  const notices: LintNotice[] = [];
  const windows: Window[] = [];
  const open: Window[] = [];
  for (const d of directives) {
    for (const id of d.ruleIds) {
      if (!knownRuleIds.has(id)) notices.push({ message: `unknown rule "${id}" in a review-lint directive`, range: d.range });
    }
    const suppression = (kind: Suppression['kind']): Suppression => ({ kind, ruleIds: d.ruleIds, reason: d.reason, range: d.range, suppressed: [] });
    const makeWindow = (kind: Suppression['kind'], from: number, to: number): Window => ({ suppression: suppression(kind), from, to, ruleIds: d.ruleIds, except: [] });
    switch (d.kind) {
      case 'disable-file':
        windows.push(makeWindow('disable-file', 0, doc.text.length));
        break;
      case 'disable-next-line': {
        const target = nextNonBlankLine(doc, d.range.end);
        if (target) windows.push(makeWindow('disable-next-line', target.start, target.end));
        break;
      }
      case 'disable': {
        const w = makeWindow('disable', d.range.end, doc.text.length);
        windows.push(w);
        open.push(w);
        break;
      }
      case 'enable':
        for (const w of [...open]) {
          if (w.to !== doc.text.length) continue;
          if (d.ruleIds.length === 0) {
            w.to = d.range.start;
            continue;
          }
          // Enabling some rules ends their part of the window; the rest stays silenced from here on.
          const enabled = d.ruleIds.filter((id) => applies(w, id));
          if (enabled.length === 0) continue;
          w.to = d.range.start;
          const rest: Window =
            w.ruleIds.length === 0
              ? { ...w, from: d.range.end, to: doc.text.length, except: [...w.except, ...enabled] }
              : { ...w, from: d.range.end, to: doc.text.length, ruleIds: w.ruleIds.filter((id) => !enabled.includes(id)) };
          if (rest.ruleIds.length === 0 && w.ruleIds.length !== 0) continue;
          windows.push(rest);
          open.push(rest);
        }
        break;
    }
  }
  const kept: Finding[] = [];
  for (const f of findings) {
    const w = windows.find((w) => w.from <= f.range.start && f.range.start < w.to && applies(w, f.ruleId));
    if (w) w.suppression.suppressed.push(f);
    else kept.push(f);
  }
  // A directive split by a partial enable is still one suppression.
  return { findings: kept, suppressions: [...new Set(windows.map((w) => w.suppression))], notices };
}
