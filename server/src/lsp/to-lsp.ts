/**
 * The one place where core findings (offsets, plain data) become LSP types (positions, diagnostics, hovers).
 * A published diagnostic carries only what identifies its finding (the version and the matched term); its fixes
 * and explanation are served from the server's lint of that version when a code action or hover asks, so that
 * the diagnostics sent on every keystroke stay small (a long review has a thousand of them).
 */
import {
  DiagnosticSeverity,
  MarkupKind,
  type Diagnostic,
  type Hover,
  type Range as LspRange,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, LintNotice, Range, Severity, Suggestion, TextEdit } from '../core/types.js';
import { ruleDocsUrl } from '../core/urls.js';

export const DIAGNOSTIC_SOURCE = 'review-lint';

/** What a diagnostic carries; `suggestions` only once a code action has looked its finding up. Ranges are LSP ranges in `version`. */
export interface DiagnosticData {
  version: number;
  /** The finding's place in the findings of that version's lint. */
  index?: number;
  suggestions?: LspSuggestion[];
  /** The matched term, for "Allow this term in this workspace". */
  term?: string;
}

export interface LspSuggestion {
  title: string;
  edits: LspTextEdit[];
  isPreferred?: boolean;
  /** Offsets into the text after the edits; turned into a selection only when the fix is chosen. */
  selectAfter?: Range;
}

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toLspRange(doc: TextDocument, range: Range): LspRange {
  return { start: doc.positionAt(range.start), end: doc.positionAt(range.end) };
}

export function sameRange(a: LspRange, b: LspRange): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

export function toLspEdit(doc: TextDocument, edit: TextEdit): LspTextEdit {
  return { range: toLspRange(doc, edit), newText: edit.newText };
}

export function toLspEdits(doc: TextDocument, edits: readonly TextEdit[]): LspTextEdit[] {
  return edits.map((e) => toLspEdit(doc, e));
}

function toLspSuggestion(doc: TextDocument, s: Suggestion): LspSuggestion {
  return { title: s.title, edits: toLspEdits(doc, s.edits), isPreferred: s.isPreferred, selectAfter: s.selectAfter };
}

/** `index`: the finding's place in its lint's findings; `withFixes`: its suggestions in `data`, for a code action (never published). */
export function toDiagnostic(doc: TextDocument, finding: Finding, index?: number, withFixes = false): Diagnostic {
  const term = typeof finding.data?.term === 'string' ? finding.data.term : undefined;
  const data: DiagnosticData = { version: doc.version, index, term };
  if (withFixes) data.suggestions = finding.suggestions?.map((s) => toLspSuggestion(doc, s));
  return {
    range: toLspRange(doc, finding.range),
    severity: SEVERITIES[finding.severity] ?? DiagnosticSeverity.Warning,
    code: finding.ruleId,
    codeDescription: { href: ruleDocsUrl(finding.ruleId) },
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    data,
  };
}

/** A notice about the input (an unreadable bibliography, a bad directive) shown where it applies. */
export function noticeToDiagnostic(doc: TextDocument, notice: LintNotice): Diagnostic {
  return {
    range: toLspRange(doc, notice.range ?? { start: 0, end: 0 }),
    severity: DiagnosticSeverity.Information,
    source: DIAGNOSTIC_SOURCE,
    message: notice.message,
  };
}

export function toDiagnostics(doc: TextDocument, findings: readonly Finding[], notices: readonly LintNotice[]): Diagnostic[] {
  return [...findings.map((f, i) => toDiagnostic(doc, f, i)), ...notices.map((n) => noticeToDiagnostic(doc, n))];
}

/** Where `selectAfter` (offsets into the text after `edits`) lands, as an LSP range in that new text. */
export function selectionAfterEdits(newText: string, selectAfter: Range): LspRange {
  const at = (offset: number) => {
    const before = newText.slice(0, Math.max(0, Math.min(offset, newText.length)));
    const line = before.split('\n').length - 1;
    return { line, character: before.length - (before.lastIndexOf('\n') + 1) };
  };
  return { start: at(selectAfter.start), end: at(selectAfter.end) };
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_{}[\]<>#|])/g, '\\$1');
}

/** Hover text for the findings under the cursor: the message, why, alternatives, the guidance, the rule page. */
export function toHover(doc: TextDocument, findings: readonly Finding[]): Hover | null {
  if (findings.length === 0) return null;
  const parts = findings.map((f) => {
    const lines = [`**${escapeMarkdown(f.message)}**`];
    const ex = f.explanation;
    if (ex?.why) lines.push('', escapeMarkdown(ex.why));
    if (ex?.alternatives?.length) {
      lines.push('', 'Instead:', '', ...ex.alternatives.map((a) => `- ${escapeMarkdown(a)}`));
    }
    if (ex?.source) lines.push('', `*Guidance:* ${escapeMarkdown(ex.source)}`);
    lines.push('', `[${f.ruleId}: about this rule](${ruleDocsUrl(f.ruleId)})`);
    return lines.join('\n');
  });
  const start = Math.min(...findings.map((f) => f.range.start));
  const end = Math.max(...findings.map((f) => f.range.end));
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, range: toLspRange(doc, { start, end }) };
}
