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

/** `<!-- review-lint-disable-next-line RULE -- reason -->` on its own line before the finding, then a blank line. */
export function allowHereAction(ctx: ActionContext, diagnostic: Diagnostic, ruleId: string): CodeAction {
  const { doc } = ctx;
  const line = diagnostic.range.start.line;
  const lineText = doc.getText({ start: { line, character: 0 }, end: { line, character: Number.MAX_SAFE_INTEGER } });
  // Keep the line inside its blockquote or list item: copy the indentation and quote markers.
  const prefix = /^[ \t>]*/.exec(lineText)![0];
  const head = `${prefix}<!-- review-lint-disable-next-line ${ruleId} -- `;
  const tail = ` -->\n${prefix.trimEnd()}\n`;
  const at = { start: { line, character: 0 }, end: { line, character: 0 } };
  const title = `Allow ${ruleId} here, with a reason`;
  if (ctx.snippetEdits) {
    const snippetEdit = { range: at, snippet: { kind: 'snippet', value: `${escapeSnippet(head)}\${1:reason}${escapeSnippet(tail)}` } };
    return {
      title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits: [snippetEdit as unknown as LspTextEdit] }] },
    };
  }
  const action: CodeAction = { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: editFor(doc, [{ range: at, newText: `${head}reason${tail}` }]) };
  if (ctx.showDocument) {
    action.command = selectCommand(doc.uri, { start: { line, character: head.length }, end: { line, character: head.length + 'reason'.length } });
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
      actions.push(allowHereAction(ctx, diagnostic, ruleId));
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
