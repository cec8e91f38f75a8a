/**
 * Code actions from the data diagnostics carry: each suggestion as a quick fix, "Allow here with a reason",
 * "Allow this term in this workspace", fix-all for a rule, and `source.fixAll.reviewLint`.
 */
import {
  CodeActionKind,
  type CodeAction,
  type Command,
  type Diagnostic,
  type Range as LspRange,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DIAGNOSTIC_SOURCE, selectionAfterEdits, type DiagnosticData, type LspSuggestion } from './to-lsp.js';
import { ALLOW_RULE } from './allow-term.js';
import { isDelimiterRow } from '../core/rules/shared.js';

export const FIX_ALL_KIND = 'source.fixAll.reviewLint';
export const SELECT_RANGE_COMMAND = 'reviewLint.selectRange';
export const ALLOW_TERM_COMMAND = 'reviewLint.allowTerm';

export interface ActionContext {
  doc: TextDocument;
  /** The client takes LSP 3.18 snippet edits in workspace edits. */
  snippetEdits: boolean;
  /** The client can be asked to select a range (window/showDocument). */
  showDocument: boolean;
  /** The data for a diagnostic, refreshed when the diagnostic was made for an older version. */
  dataFor(diagnostic: Diagnostic): DiagnosticData | undefined;
  /** The preferred edits of every finding (of one rule, if given) in the current version. */
  preferredEdits(ruleId?: string): { edits: LspTextEdit[]; count: number };
}

/** Whether an action of `kind` was asked for (a kind matches its own name and any more general prefix). */
export function kindRequested(kind: string, only: readonly string[] | undefined): boolean {
  if (!only) return kind === CodeActionKind.QuickFix;
  return only.some((k) => k === '' || kind === k || kind.startsWith(`${k}.`));
}

function editFor(doc: TextDocument, edits: LspTextEdit[]): WorkspaceEdit {
  return { changes: { [doc.uri]: edits } };
}

function selectCommand(uri: string, range: LspRange): Command {
  return { title: 'Select the text to type over', command: SELECT_RANGE_COMMAND, arguments: [uri, range] };
}

function suggestionAction(ctx: ActionContext, diagnostic: Diagnostic, s: LspSuggestion): CodeAction {
  const action: CodeAction = {
    title: s.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: s.isPreferred || undefined,
    edit: editFor(ctx.doc, s.edits),
  };
  if (s.selectAfter && ctx.showDocument) {
    const after = TextDocument.applyEdits(ctx.doc, s.edits);
    action.command = selectCommand(ctx.doc.uri, selectionAfterEdits(after, s.selectAfter));
  }
  return action;
}

/** `$`, `}` and `\` are special in snippets. */
function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, '\\$&');
}

/** One inserted piece of an allowance: `head`, then the reason (typed by the author), then `tail`. */
interface Insertion {
  at: { line: number; character: number };
  head: string;
  tail: string;
  /** Whether the reason goes here (else the insertion is the text of `head` alone). */
  reason: boolean;
}

const LIST_ITEM = /^(?:[-+*]|\d{1,9}[.)])[ \t]/;
// Lines after which a directive cannot go inline: a heading, a setext underline or thematic break, a fence.
const NOT_INLINE = /^(?:#{1,6}(?:\s|$)|[=-]+\s*$|[*_](?:\s*[*_]){2,}\s*$|`{3,}|~{3,})/;
const INDENTED_CODE = /^(?: {4}|\t)/;

/**
 * Where "Allow here" puts its directive so that it silences the finding's line and changes nothing else:
 * - in a table (with or without outer pipes), `disable` before the table and `enable` after it (a comment line
 *   would cut the table in two);
 * - on a line that continues a paragraph or list item, or on a list item after a blank line, an inline directive
 *   at the end of the line of text before (a comment line there would split the paragraph or end the list);
 * - otherwise a directive line before the finding, inside the same blockquote or list indentation;
 * - nowhere inside front matter, where a comment is not Markdown (the action is not offered).
 * Inserted line breaks follow the document's own.
 */
function allowHereInsertions(doc: TextDocument, line: number, ruleId: string): Insertion[] {
  const all = doc.getText();
  const eol = all.includes('\r\n') ? '\r\n' : '\n';
  const textOf = (l: number) => doc.getText({ start: { line: l, character: 0 }, end: { line: l, character: Number.MAX_SAFE_INTEGER } }).replace(/\r?\n$/, '');
  if (inFrontMatter(doc, textOf, line)) return [];
  const lineText = textOf(line);
  const prefix = /^[ \t>]*/.exec(lineText)![0];
  const inner = (l: number) => textOf(l).replace(/^[ \t>]*/, '');
  const blank = (l: number) => inner(l).trim() === '';
  const table = tableAround(doc, line, inner, blank);
  if (table) {
    const quote = prefix.trimEnd();
    return [
      { at: { line: table.first, character: 0 }, head: `${prefix}<!-- review-lint-disable ${ruleId} -- `, tail: ` -->${eol}${quote}${eol}`, reason: true },
      { at: { line: table.last, character: textOf(table.last).length }, head: `${eol}${quote}${eol}${prefix}<!-- review-lint-enable ${ruleId} -->`, tail: '', reason: false },
    ];
  }
  // The line of text the directive may follow inline: the one before, or for a list item the last one before
  // the blank lines that separate it from the item before (a directive line between items would end the list).
  let host = line - 1;
  if (host >= 0 && blank(host) && LIST_ITEM.test(inner(line))) while (host >= 0 && blank(host)) host--;
  const hostText = host >= 0 ? textOf(host) : '';
  const inlineHere = host >= 0 && !blank(host) && !NOT_INLINE.test(inner(host)) && !(INDENTED_CODE.test(hostText) && !INDENTED_CODE.test(lineText));
  if (inlineHere) {
    // After the text, before what makes a hard line break (two trailing spaces, or a backslash).
    const text = hostText.trimEnd();
    const end = text.endsWith('\\') ? text.length - 1 : text.length;
    return [{ at: { line: host, character: end }, head: ` <!-- review-lint-disable-next-line ${ruleId} -- `, tail: ' -->', reason: true }];
  }
  return [{ at: { line, character: 0 }, head: `${prefix}<!-- review-lint-disable-next-line ${ruleId} -- `, tail: ` -->${eol}${prefix.trimEnd()}${eol}`, reason: true }];
}

/** Whether `line` is inside the document's front matter (from a first line of `---` to `---` or `...`). */
function inFrontMatter(doc: TextDocument, textOf: (l: number) => string, line: number): boolean {
  if (!/^---[ \t]*$/.test(textOf(0))) return false;
  for (let l = 1; l < doc.lineCount; l++) {
    if (/^(?:---|\.\.\.)[ \t]*$/.test(textOf(l))) return line <= l;
  }
  return false;
}

/** The lines of the table around `line`: its run of non-blank lines with a `|`, when one of them is a delimiter row. */
function tableAround(doc: TextDocument, line: number, inner: (l: number) => string, blank: (l: number) => boolean): { first: number; last: number } | undefined {
  const isRow = (l: number) => !blank(l) && inner(l).includes('|');
  if (!isRow(line)) return undefined;
  let first = line;
  let last = line;
  while (first > 0 && isRow(first - 1)) first--;
  while (last + 1 < doc.lineCount && isRow(last + 1)) last++;
  for (let l = first; l <= last; l++) if (isDelimiterRow(inner(l).trim())) return { first, last };
  return undefined;
}

export function allowHereAction(ctx: ActionContext, diagnostic: Diagnostic, ruleId: string): CodeAction | undefined {
  const { doc } = ctx;
  const insertions = allowHereInsertions(doc, diagnostic.range.start.line, ruleId);
  if (insertions.length === 0) return undefined;
  const title = `Allow ${ruleId} here, with a reason`;
  const rangeAt = (i: Insertion) => ({ start: i.at, end: i.at });
  if (ctx.snippetEdits) {
    const edits = insertions.map((i) =>
      i.reason ? { range: rangeAt(i), snippet: { kind: 'snippet', value: `${escapeSnippet(i.head)}\${1:reason}${escapeSnippet(i.tail)}` } } : { range: rangeAt(i), newText: i.head },
    );
    return {
      title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits: edits as unknown as LspTextEdit[] }] },
    };
  }
  const edits = insertions.map((i) => ({ range: rangeAt(i), newText: i.reason ? `${i.head}reason${i.tail}` : i.head }));
  const action: CodeAction = { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: editFor(doc, edits) };
  const withReason = insertions.find((i) => i.reason)!;
  if (ctx.showDocument) {
    // The reason is on the insertion's line, after its head (insertions are on different lines, in order).
    const character = withReason.at.character + withReason.head.length;
    action.command = selectCommand(doc.uri, { start: { line: withReason.at.line, character }, end: { line: withReason.at.line, character: character + 'reason'.length } });
  }
  return action;
}

export function codeActions(ctx: ActionContext, diagnostics: readonly Diagnostic[], only: readonly string[] | undefined): CodeAction[] {
  const actions: CodeAction[] = [];
  if (kindRequested(CodeActionKind.QuickFix, only)) {
    const fixAllOffered = new Set<string>();
    for (const diagnostic of diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof diagnostic.code !== 'string') continue;
      const data = ctx.dataFor(diagnostic);
      const ruleId = diagnostic.code;
      for (const s of data?.suggestions ?? []) actions.push(suggestionAction(ctx, diagnostic, s));
      const allow = allowHereAction(ctx, diagnostic, ruleId);
      if (allow) actions.push(allow);
      if (ruleId === ALLOW_RULE && data?.term) {
        actions.push({
          title: `Allow '${data.term}' in this workspace`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          command: { title: `Allow '${data.term}' in this workspace`, command: ALLOW_TERM_COMMAND, arguments: [ctx.doc.uri, data.term] },
        });
      }
      if (!fixAllOffered.has(ruleId) && data?.suggestions?.some((s) => s.isPreferred)) {
        fixAllOffered.add(ruleId);
        const { edits, count } = ctx.preferredEdits(ruleId);
        if (count > 1) {
          actions.push({ title: `Fix all ${ruleId} problems`, kind: CodeActionKind.QuickFix, edit: editFor(ctx.doc, edits) });
        }
      }
    }
  }
  if (only && kindRequested(FIX_ALL_KIND, only)) {
    const { edits, count } = ctx.preferredEdits();
    if (count > 0) actions.push({ title: 'Fix all review-lint problems that have one clear fix', kind: FIX_ALL_KIND, edit: editFor(ctx.doc, edits) });
  }
  return actions;
}
