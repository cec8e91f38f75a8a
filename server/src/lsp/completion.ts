/** Completing citation keys after `[@` and footnote ids after `[^`, from the document and its bibliography. */
import { CompletionItemKind, type CompletionItem, type Position } from 'vscode-languageserver';
import type { ReviewDocument } from '../core/document.js';

/** A citation key with what helps the author pick it. */
export interface CitationEntry {
  key: string;
  detail?: string;
}

const KEY_SO_FAR = /^[\p{L}\p{N}_:.#$%&+?<>~/-]*$/u;
const FOOTNOTE_ID_SO_FAR = /^[^\]\s]*$/;

/** The key typed so far in `[@ke`, `[see @ke` or `[@a; @ke` at the end of `before`, if the cursor is in one. */
function citationKeySoFar(before: string): string | undefined {
  const open = before.lastIndexOf('[');
  if (open === -1 || before.includes(']', open)) return undefined;
  const at = before.lastIndexOf('@');
  if (at <= open) return undefined;
  const typed = before.slice(at + 1);
  return KEY_SO_FAR.test(typed) ? typed : undefined;
}

/** The id typed so far in `[^fo` at the end of `before`. */
function footnoteIdSoFar(before: string): string | undefined {
  const open = before.lastIndexOf('[^');
  if (open === -1) return undefined;
  const typed = before.slice(open + 2);
  return FOOTNOTE_ID_SO_FAR.test(typed) ? typed : undefined;
}

/** Citation keys from front matter `references:` (CSL items with an `id`). */
export function frontMatterReferences(doc: ReviewDocument): CitationEntry[] {
  const refs = doc.frontMatter.data?.references;
  if (!Array.isArray(refs)) return [];
  const out: CitationEntry[] = [];
  for (const r of refs) {
    if (!r || typeof r !== 'object') continue;
    const item = r as Record<string, unknown>;
    const key = item.id ?? item.key;
    if (typeof key !== 'string' && typeof key !== 'number') continue;
    const title = typeof item.title === 'string' ? item.title : undefined;
    out.push({ key: String(key), detail: title });
  }
  return out;
}

export function completionsAt(
  doc: ReviewDocument,
  position: Position,
  citationEntries: () => CitationEntry[],
): CompletionItem[] {
  const lineStart = doc.lineStarts[position.line] ?? 0;
  const before = doc.text.slice(lineStart, lineStart + position.character);
  const footnote = footnoteIdSoFar(before);
  if (footnote !== undefined) {
    const typedFrom = { line: position.line, character: position.character - footnote.length };
    const seen = new Set<string>();
    return doc.footnoteDefinitions
      .filter((d) => !seen.has(d.id) && (seen.add(d.id), true))
      .map((d) => ({
        label: d.id,
        kind: CompletionItemKind.Reference,
        detail: doc.text.slice(d.range.start, Math.min(d.range.end, d.range.start + 80)).replace(/\s+/g, ' ').trim(),
        textEdit: { range: { start: typedFrom, end: position }, newText: d.id },
      }));
  }
  const citation = citationKeySoFar(before);
  if (citation !== undefined) {
    const typedFrom = { line: position.line, character: position.character - citation.length };
    const seen = new Set<string>();
    return citationEntries()
      .filter((e) => !seen.has(e.key) && (seen.add(e.key), true))
      .map((e) => ({
        label: e.key,
        kind: CompletionItemKind.Reference,
        detail: e.detail,
        textEdit: { range: { start: typedFrom, end: position }, newText: e.key },
      }));
  }
  return [];
}
