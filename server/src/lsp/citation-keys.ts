/**
 * Citation keys for completion from the bibliography files the front matter names (`bibliography:`):
 * CSL JSON, CSL YAML and BibTeX. Only keys and titles are needed, so this reads no more than that.
 */
import { parse as parseYaml } from 'yaml';
import type { ReviewDocument } from '../core/document.js';
import type { LintHost } from '../core/types.js';
import type { CitationEntry } from './completion.js';

/** `@article{key,` — the entry type and the key up to the first comma. */
const BIBTEX_ENTRY = /@([A-Za-z]+)[ \t]*[{(][ \t]*([^,\s{}()]+)[ \t]*,/g;
const BIBTEX_TITLE = /\btitle[ \t]*=[ \t]*[{"]([^}"\n]{1,200})/i;

function cslEntries(items: unknown): CitationEntry[] {
  const list = Array.isArray(items) ? items : Array.isArray((items as { references?: unknown })?.references) ? (items as { references: unknown[] }).references : [];
  return list.flatMap((item) => {
    const r = item as Record<string, unknown> | null;
    if (!r || (typeof r.id !== 'string' && typeof r.id !== 'number')) return [];
    return [{ key: String(r.id), detail: typeof r.title === 'string' ? r.title : undefined }];
  });
}

function bibtexEntries(text: string): CitationEntry[] {
  const out: CitationEntry[] = [];
  BIBTEX_ENTRY.lastIndex = 0;
  for (let m = BIBTEX_ENTRY.exec(text); m; m = BIBTEX_ENTRY.exec(text)) {
    const type = m[1].toLowerCase();
    if (type === 'comment' || type === 'string' || type === 'preamble') continue;
    const title = BIBTEX_TITLE.exec(text.slice(m.index, m.index + 2000))?.[1];
    out.push({ key: m[2], detail: title });
  }
  return out;
}

export function bibliographyPaths(doc: ReviewDocument): string[] {
  const b = doc.frontMatter.data?.bibliography;
  const list = typeof b === 'string' ? [b] : Array.isArray(b) ? b : [];
  return list.filter((p): p is string => typeof p === 'string' && p.trim() !== '');
}

export function citationEntriesFor(doc: ReviewDocument, host: LintHost): CitationEntry[] {
  const out: CitationEntry[] = [];
  for (const p of bibliographyPaths(doc)) {
    const read = host.readFile?.(p);
    if (!read || 'error' in read) continue;
    try {
      const entries = /\.json$/i.test(p) ? cslEntries(JSON.parse(read.text)) : /\.ya?ml$/i.test(p) ? cslEntries(parseYaml(read.text)) : bibtexEntries(read.text);
      for (const entry of entries) out.push(entry);
    } catch {
      // An unreadable bibliography is the citation rule's to report; completion just offers less.
    }
  }
  return out;
}
