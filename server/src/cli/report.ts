/**
 * The readiness report (`review-lint report`): one self-contained HTML page for a safeguarding partnership's
 * board, made from lint outcomes by a pure function (no I/O, no clock: the caller passes the date).
 *
 * Everything taken from a review (titles, file names, flagged words, reasons) is HTML-escaped. The page has
 * inline CSS and inline SVG only: no scripts, no external files. Identifying details are never copied into
 * the report (it may be circulated more widely than the draft): their findings give only the line.
 */
import { parseDocument } from '../core/document.js';
import { positionMapper } from '../core/positions.js';
import type { Finding, LintResult, RuleMeta, Severity, Suppression, Theme } from '../core/types.js';

/** One review as the report sees it. */
export interface ReportDocument {
  /** The path as the user gave it. */
  file: string;
  text?: string;
  result?: LintResult;
  /** Why the file could not be checked (unreadable, bad configuration). */
  error?: string;
  /** The rules that ran on this document under its configuration and profile. */
  enabledRules: readonly string[];
  /** Identifying words found where the rules do not look but the report does (the front matter's title). */
  hiddenWords?: readonly string[];
}

export interface ReportInput {
  documents: readonly ReportDocument[];
  rules: readonly RuleMeta[];
  profile: 'draft' | 'publication';
  /** When the report was made, as the caller wants it shown (e.g. "23 November 2026, 13:05 UTC"). */
  generatedAt: string;
  version: string;
}

/** The five groups a board reads findings in; each rule's theme maps to one. */
export type Group = 'language' | 'accountability' | 'evidence' | 'anonymisation' | 'plain-english';

export const GROUPS: readonly { id: Group; title: string; short: string; about: string }[] = [
  { id: 'language', title: 'Language about children and families', short: 'Language', about: 'Words that blame children, parents or victims for the harm done to them.' },
  { id: 'accountability', title: 'Accountability and required sections', short: 'Accountability', about: 'Whether the review analyses the role of senior and middle managers, and has the sections a review of its type must contain.' },
  { id: 'evidence', title: 'Evidence', short: 'Evidence', about: 'Statistics and research claims with no source, and citations that lead nowhere.' },
  { id: 'anonymisation', title: 'Anonymisation', short: 'Anonymisation', about: 'Details that could identify the child or family once the report is published.' },
  { id: 'plain-english', title: 'Plain English', short: 'Plain English', about: 'Acronyms that are never spelt out.' },
];

export function groupOfTheme(theme: Theme): Group {
  return theme === 'structure' ? 'accountability' : theme;
}

const BLAME_RULE = 'blame-language';
const MANAGER_RULE = 'manager-accountability';
const UNCITED_RULE = 'uncited-claim';

// ---------------------------------------------------------------------------------------------------------
// Figures: what the page shows, computed before any HTML is written (and exported for tests).

export type CheckState = 'pass' | 'fail' | 'not-checked';

export interface ChecklistItem {
  label: string;
  state: CheckState;
  /** Why, in a few words ("3 findings", "rule off in this configuration"). */
  detail: string;
}

export interface DocumentFigures {
  file: string;
  title: string;
  /** Identifying words found outside the text the rules check (see ReportDocument). */
  hiddenWords?: readonly string[];
  anchor: string;
  checked: boolean;
  error?: string;
  counts: Record<Severity, number>;
  byGroup: Record<Group, Finding[]>;
  suppressions: Suppression[];
  notices: string[];
  /** Undefined when the rule did not run. */
  analysesManagers?: boolean;
  /** Blaming terms used in the review's own words (quoted mentions excluded), by lexicon entry, with counts. */
  blamingTerms: Map<string, number>;
  /** How each entry's term was written here, with counts (to name an entry by its commonest form). */
  termForms: Map<string, Map<string, number>>;
  /** Undefined when the rule did not run. */
  uncitedClaims?: number;
  checklist: ChecklistItem[];
}

export interface ReportFigures {
  documents: DocumentFigures[];
  counts: Record<Severity, number>;
  suppressed: number;
  suppressionsWithoutReason: number;
  byGroup: Record<Group, Record<Severity, number>>;
  /** Among the reviews where the rule ran. */
  managers: { analysed: number; checked: number };
  /** Most frequent first: the term as most often written, its lexicon entry, uses and how many reviews use it. */
  blamingTerms: { term: string; entry: string; uses: number; reviews: number }[];
}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

function zeroCounts(): Record<Severity, number> {
  return { error: 0, warning: 0, information: 0, hint: 0 };
}

/** Findings that stand against sign-off: errors and warnings (information and hints are advice). */
function blocking(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
}

function documentTitle(text: string | undefined, file: string): string {
  if (text === undefined) return file;
  try {
    const doc = parseDocument(text);
    const fm = doc.frontMatter.data?.title;
    if (typeof fm === 'string' && fm.trim()) return fm.trim();
    const first = doc.headings[0];
    if (first) return first.text.trim();
  } catch {
    // fall through to the file name
  }
  return file;
}

export function computeFigures(input: ReportInput): ReportFigures {
  const themeOf = new Map(input.rules.map((r) => [r.id, groupOfTheme(r.theme)]));
  const groupOf = (ruleId: string): Group => themeOf.get(ruleId) ?? 'plain-english';
  const rulesIn = (group: Group) => input.rules.filter((r) => groupOfTheme(r.theme) === group).map((r) => r.id);

  const usedAnchors = new Set<string>();
  const documents = input.documents.map((d, index): DocumentFigures => {
    let anchor = `review-${index + 1}`;
    while (usedAnchors.has(anchor)) anchor += '-';
    usedAnchors.add(anchor);
    const byGroup = Object.fromEntries(GROUPS.map((g) => [g.id, [] as Finding[]])) as Record<Group, Finding[]>;
    const counts = zeroCounts();
    const findings = d.result?.findings ?? [];
    for (const f of findings) {
      byGroup[groupOf(f.ruleId)].push(f);
      counts[f.severity]++;
    }
    const suppressions = d.result?.suppressions ?? [];
    const checked = !!d.result && d.text !== undefined;
    const ran = (id: string) => checked && d.enabledRules.includes(id);
    const blamingTerms = new Map<string, number>();
    const termForms = new Map<string, Map<string, number>>();
    for (const f of findings) {
      if (f.ruleId !== BLAME_RULE || f.data?.mention) continue;
      const term = typeof f.data?.term === 'string' ? f.data.term : d.text!.slice(f.range.start, f.range.end).toLowerCase();
      const entry = typeof f.data?.entryId === 'string' ? f.data.entryId : term;
      blamingTerms.set(entry, (blamingTerms.get(entry) ?? 0) + 1);
      const forms = termForms.get(entry) ?? new Map<string, number>();
      forms.set(term, (forms.get(term) ?? 0) + 1);
      termForms.set(entry, forms);
    }
    const silenced = (id: string) => suppressions.some((s) => s.suppressed.some((f) => f.ruleId === id));
    const analysesManagers = ran(MANAGER_RULE) ? !findings.some((f) => f.ruleId === MANAGER_RULE) && !silenced(MANAGER_RULE) : undefined;
    const uncitedClaims = ran(UNCITED_RULE) ? findings.filter((f) => f.ruleId === UNCITED_RULE).length : undefined;

    const item = (label: string, ruleIds: readonly string[]): ChecklistItem => {
      if (!checked) return { label, state: 'not-checked', detail: 'the file could not be checked' };
      const active = ruleIds.filter(ran);
      if (!active.length) return { label, state: 'not-checked', detail: 'not checked: the rule is off in this configuration' };
      const n = blocking(findings.filter((f) => active.includes(f.ruleId))).length;
      const partly = active.length < ruleIds.length ? ` (${ruleIds.filter((id) => !active.includes(id)).join(', ')} off)` : '';
      return n ? { label, state: 'fail', detail: `${n} finding${n === 1 ? '' : 's'} to resolve${partly}` } : { label, state: 'pass', detail: `no findings${partly}` };
    };
    const unexplained = suppressions.filter((s) => !s.reason).length;
    const checklist: ChecklistItem[] = [
      item('The review’s own words do not blame children, parents or victims', [BLAME_RULE]),
      item('The role and accountability of managers are analysed', [MANAGER_RULE]),
      item('Every required section is present', rulesIn('accountability').filter((id) => id !== MANAGER_RULE)),
      item('Every claim has a source and every citation resolves', rulesIn('evidence')),
      item('Nothing could identify the child or family', rulesIn('anonymisation')),
      item('Acronyms are spelt out', rulesIn('plain-english')),
      checked
        ? unexplained
          ? { label: 'Every allowed finding has a reason', state: 'fail', detail: `${unexplained} allowance${unexplained === 1 ? '' : 's'} without a reason` }
          : { label: 'Every allowed finding has a reason', state: 'pass', detail: suppressions.length ? `${suppressions.length} allowance${suppressions.length === 1 ? '' : 's'}, each with a reason` : 'nothing allowed' }
        : { label: 'Every allowed finding has a reason', state: 'not-checked', detail: 'the file could not be checked' },
    ];
    return {
      file: d.file,
      title: d.text === undefined ? d.file : redactAll(documentTitle(d.text, d.file), hiddenWordsOf(byGroup.anonymisation, d.text, d.hiddenWords)),
      hiddenWords: d.hiddenWords,
      anchor,
      checked,
      error: d.error,
      counts,
      byGroup,
      suppressions,
      notices: (d.result?.notices ?? []).map((n) => n.message),
      analysesManagers,
      blamingTerms,
      termForms,
      uncitedClaims,
      checklist,
    };
  });

  const counts = zeroCounts();
  const byGroup = Object.fromEntries(GROUPS.map((g) => [g.id, zeroCounts()])) as Record<Group, Record<Severity, number>>;
  const terms = new Map<string, number>();
  const forms = new Map<string, Map<string, number>>();
  let suppressed = 0;
  let suppressionsWithoutReason = 0;
  for (const d of documents) {
    for (const s of SEVERITIES) counts[s] += d.counts[s];
    for (const g of GROUPS) for (const f of d.byGroup[g.id]) byGroup[g.id][f.severity]++;
    for (const [t, n] of d.blamingTerms) terms.set(t, (terms.get(t) ?? 0) + n);
    for (const [entry, fs] of d.termForms) {
      const all = forms.get(entry) ?? new Map<string, number>();
      for (const [form, n] of fs) all.set(form, (all.get(form) ?? 0) + n);
      forms.set(entry, all);
    }
    suppressed += d.suppressions.reduce((n, s) => n + s.suppressed.length, 0);
    suppressionsWithoutReason += d.suppressions.filter((s) => !s.reason).length;
  }
  const managersChecked = documents.filter((d) => d.analysesManagers !== undefined);
  return {
    documents,
    counts,
    suppressed,
    suppressionsWithoutReason,
    byGroup,
    managers: { analysed: managersChecked.filter((d) => d.analysesManagers).length, checked: managersChecked.length },
    blamingTerms: [...terms]
      .map(([entry, uses]) => ({
        entry,
        uses,
        term: [...(forms.get(entry) ?? new Map([[entry, 1]]))].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0],
        reviews: documents.filter((d) => d.blamingTerms.has(entry)).length,
      }))
      .sort((a, b) => b.uses - a.uses || b.reviews - a.reviews || (a.term < b.term ? -1 : 1)),
  };
}

// ---------------------------------------------------------------------------------------------------------
// HTML

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const h = escapeHtml;

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

const SEVERITY_LABEL: Record<Severity, string> = { error: 'Must fix', warning: 'Should fix', information: 'Note', hint: 'Hint' };
/** Colours chosen for contrast on white (WCAG AA for text) and told apart by label, never by colour alone. */
const SEVERITY_COLOUR: Record<Severity, string> = { error: '#b3261e', warning: '#8a5300', information: '#1f5f99', hint: '#5f6368' };

interface BarRow {
  label: string;
  segments: { value: number; colour: string; name: string }[];
}

/** A small horizontal bar chart as inline SVG; the same figures are always in a table or text beside it. */
function barChart(title: string, rows: readonly BarRow[], options: { max?: number; unit?: string } = {}): string {
  const labelWidth = 220;
  const barWidth = 300;
  const rowHeight = 26;
  const width = labelWidth + barWidth + 60;
  const height = rows.length * rowHeight + 8;
  const total = (r: BarRow) => r.segments.reduce((n, s) => n + s.value, 0);
  const max = Math.max(options.max ?? 0, ...rows.map(total), 1);
  const parts: string[] = [];
  rows.forEach((row, i) => {
    const y = 4 + i * rowHeight;
    const label = row.label.length > 34 ? `${row.label.slice(0, 33)}…` : row.label;
    parts.push(`<text x="${labelWidth - 8}" y="${y + 17}" text-anchor="end" class="chart-label">${h(label)}</text>`);
    let x = labelWidth;
    for (const s of row.segments) {
      if (!s.value) continue;
      const w = Math.max(2, (s.value / max) * barWidth);
      parts.push(`<rect x="${x.toFixed(1)}" y="${y + 4}" width="${w.toFixed(1)}" height="${rowHeight - 10}" fill="${s.colour}"><title>${h(`${row.label}: ${s.value} ${s.name}`)}</title></rect>`);
      x += w;
    }
    parts.push(`<text x="${(x + 6).toFixed(1)}" y="${y + 17}" class="chart-value">${total(row)}${options.unit ? h(options.unit) : ''}</text>`);
  });
  return `<svg class="chart" role="img" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg"><title>${h(title)}</title>${parts.join('')}</svg>`;
}

/** A 100% bar showing a share, e.g. reviews that analyse managers' accountability. */
function shareBar(title: string, part: number, whole: number): string {
  const width = 360;
  const filled = whole ? (part / whole) * width : 0;
  return `<svg class="chart" role="img" viewBox="0 0 ${width} 24" width="${width}" height="24" xmlns="http://www.w3.org/2000/svg"><title>${h(title)}</title><rect x="0" y="2" width="${width}" height="20" fill="#e8eaed"/><rect x="0" y="2" width="${filled.toFixed(1)}" height="20" fill="#1b6e3a"/></svg>`;
}

function severityLegend(): string {
  return `<p class="legend">${(['error', 'warning', 'information'] as const)
    .map((s) => `<span><span class="swatch" style="background:${SEVERITY_COLOUR[s]}"></span>${SEVERITY_LABEL[s]}</span>`)
    .join(' ')}</p>`;
}

/** Findings allowed by the review's comments: with a reason, and without one. */
function allowedCounts(suppressions: readonly Suppression[]): { withReason: number; withoutReason: number } {
  let withReason = 0;
  let withoutReason = 0;
  for (const s of suppressions) {
    if (s.reason) withReason += s.suppressed.length;
    else withoutReason += s.suppressed.length;
  }
  return { withReason, withoutReason };
}

/** "3 reviews checked …", or "2 reviews checked … (1 more could not be checked)". */
function checkedCount(documents: readonly { checked: boolean }[], how: string): string {
  const checked = documents.filter((d) => d.checked).length;
  const failed = documents.length - checked;
  return `${plural(checked, 'review')} ${how}${failed ? ` (${failed} more could not be checked)` : ''}`;
}

function countTiles(counts: Record<Severity, number>, allowed: { withReason: number; withoutReason: number }): string {
  const tile = (n: number, label: string, cls: string) => `<div class="tile ${cls}"><span class="n">${n}</span> <span class="what">${h(label)}</span></div>`;
  return `<div class="tiles">${tile(counts.error, 'must fix', 'error')}${tile(counts.warning, 'should fix', 'warning')}${tile(
    counts.information + counts.hint,
    counts.information + counts.hint === 1 ? 'note' : 'notes',
    'information',
  )}${tile(allowed.withReason, 'allowed with a reason', 'allowed')}${allowed.withoutReason ? tile(allowed.withoutReason, 'allowed without a reason', 'error') : ''}</div>`;
}

function verdict(counts: Record<Severity, number>, checkedAll: boolean): string {
  if (!checkedAll) return '<p class="verdict not-ready"><strong>Not ready:</strong> some files could not be checked (see below).</p>';
  if (counts.error) return `<p class="verdict not-ready"><strong>Not ready for publication:</strong> ${plural(counts.error, 'finding')} must be fixed first.</p>`;
  if (counts.warning) return `<p class="verdict review"><strong>Nearly ready:</strong> nothing must be fixed, but ${plural(counts.warning, 'finding')} should be looked at before sign-off.</p>`;
  return '<p class="verdict ready"><strong>Ready for sign-off</strong> as far as these checks go: no findings to fix.</p>';
}

const CHECK_MARK: Record<CheckState, string> = { pass: '✓', fail: '✗', 'not-checked': '–' };
const CHECK_WORD: Record<CheckState, string> = { pass: 'Met', fail: 'Not met', 'not-checked': 'Not checked' };

function checklistHtml(items: readonly ChecklistItem[]): string {
  const rows = items.map(
    (i) => `<li class="check ${i.state}"><span class="mark" aria-hidden="true">${CHECK_MARK[i.state]}</span> <span class="label">${h(i.label)}</span>: <strong>${CHECK_WORD[i.state]}</strong> <span class="detail">(${h(i.detail)})</span></li>`,
  );
  const manual = ['The family have been told what the review says before publication', 'The safeguarding partners’ written response is attached', 'The independent reviewer has approved this version'].map(
    (l) => `<li class="check manual"><span class="box" aria-hidden="true">☐</span> <span class="label">${h(l)}</span> <span class="detail">(to be confirmed by the board; not checked by the tool)</span></li>`,
  );
  return `<ul class="checklist">${rows.join('')}${manual.join('')}</ul>`;
}

function lineOf(text: string, at: (offset: number) => { line: number }, start: number): { line: number; lineText: string; lineStart: number } {
  const { line } = at(start);
  let lineStart = text.lastIndexOf('\n', start - 1) + 1;
  if (lineStart < 0) lineStart = 0;
  let lineEnd = text.indexOf('\n', start);
  if (lineEnd < 0) lineEnd = text.length;
  return { line: line + 1, lineText: text.slice(lineStart, lineEnd), lineStart };
}

/**
 * The flagged words with a little of the line around them, the words marked. `hidden`: the document's identifying
 * details (its anonymisation findings), shown as [hidden] wherever the excerpt would include them.
 */
function excerpt(text: string, f: Finding, at: (offset: number) => { line: number }, hide: boolean, hidden: readonly Finding[]): { line: number; html: string } {
  const { line, lineText, lineStart } = lineOf(text, at, f.range.start);
  if (hide) return { line, html: '<span class="hidden-detail">(hidden in this report: see the line in the draft)</span>' };
  const lineEnd = lineStart + lineText.length;
  const s = f.range.start;
  const e = Math.min(lineEnd, Math.max(s, f.range.end));
  const shown = (from: number, to: number) => withoutHidden(text, from, to, hidden);
  if (e === s) return { line, html: `<span class="context">${h(clip(shown(lineStart, lineEnd).trim(), 100, 'end'))}</span>` };
  const before = clip(shown(lineStart, s), 50, 'start');
  const after = clip(shown(e, lineEnd), 50, 'end');
  return { line, html: `<span class="context">${h(before)}<mark>${h(clip(shown(s, e), 80, 'end'))}</mark>${h(after)}</span>` };
}

/** The text over [from, to) with each part that an identifying detail covers replaced by "[hidden]". */
function withoutHidden(text: string, from: number, to: number, hidden: readonly Finding[]): string {
  let out = '';
  let at = from;
  for (const d of hidden) {
    if (d.range.end <= at || d.range.start >= to || d.range.end === d.range.start) continue;
    if (d.range.start > at) out += text.slice(at, d.range.start);
    if (!out.endsWith(HIDDEN)) out += HIDDEN;
    at = Math.min(to, d.range.end);
  }
  return out + text.slice(at, to);
}

const HIDDEN = '[hidden]';

/** Shorten to about `max` characters at a word boundary, keeping the start or the end. */
function clip(s: string, max: number, keep: 'start' | 'end'): string {
  const t = s.replace(/\s+/g, ' ');
  if (t.length <= max) return t;
  if (keep === 'end') {
    const cut = t.slice(0, max);
    const space = cut.lastIndexOf(' ');
    return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
  }
  const cut = t.slice(t.length - max);
  const space = cut.indexOf(' ');
  return `…${(space >= 0 && space < max / 2 ? cut.slice(space + 1) : cut).trimStart()}`;
}

/** A finding's message without the identifying words it quotes. */
function redact(message: string, flagged: string): string {
  const words = flagged.replace(/\s+/g, ' ').trim();
  if (!words) return message;
  const pattern = new RegExp(words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'), 'gi');
  return message.replace(pattern, '[hidden]');
}

/** The words of a document's identifying details: its anonymisation findings, and any found outside its text. */
function hiddenWordsOf(hidden: readonly Finding[], text: string, extra: readonly string[] = []): string[] {
  return [...hidden.map((d) => text.slice(d.range.start, d.range.end)), ...extra];
}

/** `message` without any of `words`. */
function redactAll(message: string, words: readonly string[]): string {
  let out = message;
  for (const w of words) out = redact(out, w);
  return out;
}

/**
 * A finding's message for the report: without the identifying words, and without its own flagged words where
 * they are part of an identifying detail (an acronym flagged inside a vehicle registration, say).
 */
function reportMessage(f: Finding, hidden: readonly Finding[], words: readonly string[], text: string): string {
  const overlaps = hidden.some((d) => d.range.start < f.range.end && f.range.start < d.range.end);
  const message = redactAll(f.message, words);
  return overlaps ? redact(message, text.slice(f.range.start, f.range.end)) : message;
}

function findingsTable(d: DocumentFigures, text: string, group: Group): string {
  const findings = d.byGroup[group];
  if (!findings.length) return '<p class="none">No findings.</p>';
  const at = positionMapper(text);
  const hidden = d.byGroup.anonymisation;
  const words = hiddenWordsOf(hidden, text, d.hiddenWords);
  const rows = findings.map((f) => {
    const hide = group === 'anonymisation';
    const x = excerpt(text, f, at, hide, hidden);
    const message = hide ? redact(f.message, text.slice(f.range.start, f.range.end)) : reportMessage(f, hidden, words, text);
    return `<tr><td class="num">${x.line}</td><td><span class="sev sev-${f.severity}">${SEVERITY_LABEL[f.severity]}</span></td><td>${x.html}</td><td>${h(message)}<br><span class="rule">${h(f.ruleId)}</span></td></tr>`;
  });
  return `<table class="findings"><thead><tr><th scope="col" class="num">Line</th><th scope="col">Level</th><th scope="col">Words in the draft</th><th scope="col">What to do</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function suppressionsTable(d: DocumentFigures, text: string): string {
  if (!d.suppressions.length) return '<p class="none">Nothing has been allowed in this review.</p>';
  const at = positionMapper(text);
  const kindWord: Record<Suppression['kind'], string> = { 'disable-next-line': 'the next line', disable: 'a passage', 'disable-file': 'the whole review' };
  const words = hiddenWordsOf(d.byGroup.anonymisation, text, d.hiddenWords);
  const rows = d.suppressions.map((s) => {
    const rules = s.ruleIds.length ? s.ruleIds.join(', ') : 'every rule';
    const reason = s.reason ? h(redactAll(s.reason, words)) : '<strong class="no-reason">No reason given</strong>';
    return `<tr><td class="num">${at(s.range.start).line + 1}</td><td>${h(rules)}</td><td>${kindWord[s.kind]}</td><td class="num">${s.suppressed.length}</td><td>${reason}</td></tr>`;
  });
  return `<table class="suppressions"><thead><tr><th scope="col" class="num">Line</th><th scope="col">Checks allowed</th><th scope="col">Applies to</th><th scope="col" class="num">Findings allowed</th><th scope="col">Reason</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function groupChart(title: string, byGroup: Record<Group, Record<Severity, number>>): string {
  return barChart(
    title,
    GROUPS.map((g) => ({
      label: g.short,
      segments: (['error', 'warning', 'information', 'hint'] as const).map((s) => ({ value: byGroup[g.id][s], colour: SEVERITY_COLOUR[s], name: SEVERITY_LABEL[s].toLowerCase() })),
    })),
  );
}

function groupCountsTable(byGroup: Record<Group, Record<Severity, number>>): string {
  const rows = GROUPS.map(
    (g) =>
      `<tr><th scope="row">${h(g.title)}</th><td class="num">${byGroup[g.id].error}</td><td class="num">${byGroup[g.id].warning}</td><td class="num">${byGroup[g.id].information + byGroup[g.id].hint}</td></tr>`,
  );
  return `<table class="groups"><thead><tr><th scope="col">Theme</th><th scope="col" class="num">Must fix</th><th scope="col" class="num">Should fix</th><th scope="col" class="num">Notes</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** One review's part of the page; `alone` when the page is about this review only (the summary has its counts). */
function documentSection(d: DocumentFigures, text: string | undefined, headingLevel: 2 | 3, alone = false): string {
  const hn = `h${headingLevel}`;
  const sub = `h${headingLevel + 1}`;
  const out: string[] = [`<section class="review" id="${d.anchor}" aria-labelledby="${d.anchor}-title">`];
  out.push(`<${hn} id="${d.anchor}-title">${h(d.title)}</${hn}>`);
  out.push(`<p class="file">File: <code>${h(d.file)}</code></p>`);
  if (!d.checked || text === undefined) {
    out.push(`<p class="verdict not-ready"><strong>Could not be checked:</strong> ${h(d.error ?? 'unknown problem')}</p></section>`);
    return out.join('');
  }
  if (!alone) {
    out.push(verdict(d.counts, true));
    out.push(countTiles(d.counts, allowedCounts(d.suppressions)));
  }
  out.push(`<${sub}>Sign-off checklist</${sub}>`, checklistHtml(d.checklist));
  out.push(`<${sub}>Findings by theme</${sub}>`);
  if (!alone) {
    const byGroup = Object.fromEntries(GROUPS.map((g) => [g.id, countBySeverity(d.byGroup[g.id])])) as Record<Group, Record<Severity, number>>;
    out.push(groupChart(`Findings by theme in ${d.title}`, byGroup), severityLegend());
  }
  for (const g of GROUPS) {
    out.push(`<div class="theme"><${headingLevel === 2 ? 'h4' : 'h5'}>${h(g.title)} <span class="count">(${plural(d.byGroup[g.id].length, 'finding')})</span></${headingLevel === 2 ? 'h4' : 'h5'}>`);
    out.push(`<p class="about">${h(g.about)}</p>`, findingsTable(d, text, g.id), '</div>');
  }
  out.push(`<${sub}>Allowed findings and their reasons</${sub}>`, suppressionsTable(d, text));
  if (d.notices.length) {
    out.push(`<${sub}>Parts that could not be checked</${sub}>`, `<ul class="notices">${d.notices.map((n) => `<li>${h(n)}</li>`).join('')}</ul>`);
  }
  out.push('</section>');
  return out.join('');
}

function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const c = zeroCounts();
  for (const f of findings) c[f.severity]++;
  return c;
}

function partnershipSection(fig: ReportFigures): string {
  const out: string[] = ['<section id="across" aria-labelledby="across-title"><h2 id="across-title">Across the reviews</h2>'];
  out.push('<p class="about">What a safeguarding partnership and the national Panel ask of a set of reviews.</p>');

  out.push('<h3>Reviews that analyse managers’ accountability</h3>');
  const { analysed, checked } = fig.managers;
  if (!checked) {
    out.push('<p><strong>Not checked:</strong> the manager-accountability rule is off in the configuration of every review.</p>');
  } else {
    const pct = Math.round((analysed / checked) * 100);
    const off = fig.documents.filter((d) => d.checked && d.analysesManagers === undefined).length;
    out.push(`<p class="share"><span class="n">${analysed} of ${checked}</span> reviews (${pct}%) analyse the role and accountability of senior and middle managers.${off ? ` ${plural(off, 'review')} not checked (the rule is off in ${off === 1 ? 'its' : 'their'} configuration).` : ''}</p>`);
    out.push(shareBar(`${analysed} of ${checked} reviews analyse managers' accountability`, analysed, checked));
    const missing = fig.documents.filter((d) => d.analysesManagers === false);
    if (missing.length) out.push(`<p>Still to do: ${missing.map((d) => `<a href="#${d.anchor}">${h(d.title)}</a>`).join('; ')}.</p>`);
  }

  out.push('<h3>Most frequent blaming terms</h3>');
  if (!fig.blamingTerms.length) {
    out.push('<p class="none">No blaming terms in the reviews’ own words.</p>');
  } else {
    const top = fig.blamingTerms.slice(0, 10);
    out.push('<p class="about">Counted where the review uses the words itself; quoting them in order to question them is not counted.</p>');
    out.push(barChart('Most frequent blaming terms', top.map((t) => ({ label: t.term, segments: [{ value: t.uses, colour: SEVERITY_COLOUR.warning, name: t.uses === 1 ? 'use' : 'uses' }] }))));
    out.push(
      `<table class="terms"><thead><tr><th scope="col">Term</th><th scope="col" class="num">Uses</th><th scope="col" class="num">Reviews using it</th></tr></thead><tbody>${top
        .map((t) => `<tr><td>${h(t.term)}</td><td class="num">${t.uses}</td><td class="num">${t.reviews}</td></tr>`)
        .join('')}</tbody></table>`,
    );
    if (fig.blamingTerms.length > top.length) out.push(`<p class="about">${plural(fig.blamingTerms.length - top.length, 'other term')} used less often.</p>`);
  }

  out.push('<h3>Uncited claims per review</h3>');
  const withUncited = fig.documents.filter((d) => d.uncitedClaims !== undefined);
  if (!withUncited.length) {
    out.push('<p><strong>Not checked:</strong> the uncited-claim rule is off in the configuration of every review.</p>');
  } else {
    const total = withUncited.reduce((n, d) => n + d.uncitedClaims!, 0);
    out.push(`<p>${plural(total, 'claim')} without a source across ${plural(withUncited.length, 'review')} (${(total / withUncited.length).toFixed(1)} per review).</p>`);
    out.push(barChart('Uncited claims per review', withUncited.map((d) => ({ label: d.title, segments: [{ value: d.uncitedClaims!, colour: SEVERITY_COLOUR.information, name: 'uncited claims' }] }))));
    out.push(
      `<table class="uncited"><thead><tr><th scope="col">Review</th><th scope="col" class="num">Uncited claims</th></tr></thead><tbody>${withUncited
        .map((d) => `<tr><td><a href="#${d.anchor}">${h(d.title)}</a></td><td class="num">${d.uncitedClaims}</td></tr>`)
        .join('')}</tbody></table>`,
    );
  }

  out.push('<h3>Sign-off across the reviews</h3>');
  const labels = fig.documents[0]?.checklist.map((c) => c.label) ?? [];
  out.push(
    `<table class="checks"><thead><tr><th scope="col">Check</th><th scope="col" class="num">Met</th><th scope="col" class="num">Not met</th><th scope="col" class="num">Not checked</th></tr></thead><tbody>${labels
      .map((label, i) => {
        const states = fig.documents.map((d) => d.checklist[i].state);
        const n = (s: CheckState) => states.filter((x) => x === s).length;
        return `<tr><th scope="row">${h(label)}</th><td class="num">${n('pass')}</td><td class="num">${n('fail')}</td><td class="num">${n('not-checked')}</td></tr>`;
      })
      .join('')}</tbody></table>`,
  );
  out.push('</section>');
  return out.join('');
}

const CSS = `
:root { color-scheme: light; --ink: #1f2328; --muted: #57606a; --rule: #d0d7de; --accent: #1d4f5c; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: var(--ink); font: 16px/1.55 "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif; }
main { max-width: 62rem; margin: 0 auto; padding: 2rem 1.5rem 4rem; }
header.top { border-bottom: 4px solid var(--accent); margin-bottom: 1.5rem; padding-bottom: 1rem; }
header.top + section > h2 { border-top: none; margin-top: 1rem; padding-top: 0; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 .25rem; color: var(--accent); }
h2 { font-size: 1.5rem; margin: 2.5rem 0 .75rem; padding-top: .5rem; border-top: 1px solid var(--rule); color: var(--accent); }
h3 { font-size: 1.2rem; margin: 1.75rem 0 .5rem; }
h4, h5 { font-size: 1.05rem; margin: 1.25rem 0 .25rem; }
.count { font-weight: normal; color: var(--muted); }
.meta, .about, .file, .legend, .detail, .rule { color: var(--muted); }
.about { margin: .25rem 0 .5rem; }
.verdict { padding: .75rem 1rem; border-left: 6px solid; margin: 1rem 0; background: #f6f8fa; }
.verdict.not-ready { border-color: #b3261e; background: #fdf0ef; }
.verdict.review { border-color: #8a5300; background: #fff8e6; }
.verdict.ready { border-color: #1b6e3a; background: #eef8f1; }
.tiles { display: flex; flex-wrap: wrap; gap: .75rem; margin: 1rem 0; }
.tile { flex: 1 1 9rem; border: 1px solid var(--rule); border-top: 6px solid; border-radius: 4px; padding: .5rem .75rem; }
.tile .n { display: block; font-size: 2rem; font-weight: 700; line-height: 1.1; }
.tile.error { border-top-color: #b3261e; } .tile.warning { border-top-color: #8a5300; }
.tile.information { border-top-color: #1f5f99; } .tile.allowed { border-top-color: #5f6368; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .95rem; }
th, td { text-align: left; vertical-align: top; padding: .4rem .5rem; border-bottom: 1px solid var(--rule); }
thead th { border-bottom: 2px solid var(--ink); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
mark { background: #ffe08a; color: inherit; padding: 0 .1em; }
.sev { font-weight: 600; white-space: nowrap; }
.sev.sev-error { color: #b3261e; } .sev.sev-warning { color: #8a5300; } .sev.sev-information { color: #1f5f99; } .sev.sev-hint { color: #5f6368; }
.rule { font-size: .85rem; font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
.hidden-detail { font-style: italic; color: var(--muted); }
.checklist { list-style: none; padding: 0; margin: .5rem 0 1rem; }
.check { padding: .2rem 0; }
.check .mark, .check .box { display: inline-block; width: 1.3em; font-weight: 700; text-align: center; }
.check.pass .mark { color: #1b6e3a; } .check.fail .mark { color: #b3261e; } .check.not-checked .mark { color: var(--muted); }
.no-reason { color: #b3261e; }
.none { color: var(--muted); font-style: italic; }
.chart { display: block; max-width: 100%; height: auto; margin: .5rem 0; }
.chart-label, .chart-value { font: 13px "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif; fill: #1f2328; }
.legend .swatch { display: inline-block; width: .9em; height: .9em; margin: 0 .3em 0 .8em; vertical-align: -0.1em; }
.share .n { font-size: 1.5rem; font-weight: 700; }
nav.toc ol { padding-left: 1.5rem; } nav.toc li { margin: .2rem 0; }
a { color: #0b5394; }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .9em; }
footer { margin-top: 3rem; color: var(--muted); font-size: .9rem; border-top: 1px solid var(--rule); padding-top: .75rem; }
@page { margin: 16mm 14mm; }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  h2 { break-before: page; border-top: none; }
  header.top + section > h2 { break-before: auto; }
  h2, h3, h4, h5 { break-after: avoid; }
  tr, .tile, .chart, .check { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  .verdict, .tile, mark, .swatch { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

/** The whole page. */
export function renderReport(input: ReportInput): string {
  const fig = computeFigures(input);
  const many = fig.documents.length > 1;
  const textOf = new Map(input.documents.map((d, i) => [fig.documents[i].anchor, d.text]));
  const checkedAll = fig.documents.every((d) => d.checked);
  const body: string[] = [];
  body.push('<header class="top">');
  body.push(`<h1>Readiness report${many ? '' : `: ${h(fig.documents[0]?.title ?? 'no reviews')}`}</h1>`);
  body.push(
    `<p class="meta">${checkedCount(fig.documents, `checked against the ${input.profile === 'publication' ? 'pre-publication' : 'drafting'} checks on ${h(input.generatedAt)}`)}. Made by Safeguarding Review Lint ${h(input.version)} on this computer: the reviews’ text was not sent anywhere.</p>`,
  );
  body.push('</header>');

  body.push('<section id="summary" aria-labelledby="summary-title"><h2 id="summary-title">Summary</h2>');
  body.push(verdict(fig.counts, checkedAll));
  body.push(countTiles(fig.counts, allowedCounts(fig.documents.flatMap((d) => d.suppressions))));
  body.push('<p class="about"><strong>Must fix</strong> findings stop publication; <strong>should fix</strong> findings need a decision; <strong>notes</strong> are advice. Findings the authors have allowed are listed with the reason they gave.</p>');
  if (fig.suppressionsWithoutReason) body.push(`<p><strong class="no-reason">${plural(fig.suppressionsWithoutReason, 'allowance')} without a reason.</strong> Ask the author for one.</p>`);
  body.push('<h3>Findings by theme</h3>', groupChart('Findings by theme across all reviews', fig.byGroup), severityLegend(), groupCountsTable(fig.byGroup));
  if (!many && fig.documents[0]) {
    body.push('</section>');
    body.push(documentSection(fig.documents[0], textOf.get(fig.documents[0].anchor), 2, true));
  } else {
    body.push(
      `<nav class="toc" aria-labelledby="toc-title"><h3 id="toc-title">Contents</h3><ol><li><a href="#across">Across the reviews</a></li>${fig.documents
        .map((d) => `<li><a href="#${d.anchor}">${h(d.title)}</a> <span class="count">(${d.checked ? `${d.counts.error} must fix, ${d.counts.warning} should fix` : 'not checked'})</span></li>`)
        .join('')}</ol></nav>`,
    );
    body.push('</section>');
    body.push(partnershipSection(fig));
    body.push('<section id="reviews" aria-labelledby="reviews-title"><h2 id="reviews-title">Each review</h2>');
    for (const d of fig.documents) body.push(documentSection(d, textOf.get(d.anchor), 3));
    body.push('</section>');
  }
  body.push('<footer>Lines are numbered from the top of each file, front matter included. Details that could identify a child or family are never copied into this report.</footer>');
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Readiness report${many ? '' : `: ${h(fig.documents[0]?.title ?? '')}`}</title>
<style>${CSS}</style>
</head>
<body>
<main>
${body.join('\n')}
</main>
</body>
</html>
`;
}
