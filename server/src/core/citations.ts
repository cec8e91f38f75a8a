/**
 * Every citation in a review: footnote references, pandoc citation keys, numbered references, author–year
 * parentheticals and links; and the bibliography the pandoc keys should be found in. Shared by the citation
 * rules and by the language server's completion.
 */
import { parse as parseYaml } from 'yaml';
import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import type { ReviewDocument } from './document.js';
import type { LintHost, Range } from './types.js';

export interface FootnoteReference {
  id: string;
  range: Range;
}

export interface CitationKey {
  key: string;
  range: Range;
}

const FOOTNOTE_REFERENCE = /\[\^([^\]\s[]+)\]/g;
const BRACKETED = /\[[^[\]\n@]*@[^[\]\n]*\]/g;
const KEY_IN_BRACKETS = /(?:^|[\s;[-])@([A-Za-z0-9_][\w:.#$%&+?<>~/-]*)/g;
const NUMBERED_REFERENCE = /\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\]/g;
const AUTHOR_YEAR = /\((?:see |cf\. |e\.g\. )?[A-Z][^()\n]{1,150}?,? (?:19|20)\d\d[a-z]?(?:[,;:][^()\n]{0,60})?\)/g;

export function normaliseFootnoteId(id: string): string {
  return id.toLowerCase();
}

/** Footnote references in the prose (defined or not); a definition's own label is not a reference. */
export function footnoteReferences(doc: ReviewDocument): FootnoteReference[] {
  const refs: FootnoteReference[] = [];
  FOOTNOTE_REFERENCE.lastIndex = 0;
  for (let m = FOOTNOTE_REFERENCE.exec(doc.prose); m; m = FOOTNOTE_REFERENCE.exec(doc.prose)) {
    refs.push({ id: normaliseFootnoteId(m[1]), range: { start: m.index, end: m.index + m[0].length } });
  }
  return refs;
}

export function footnoteIds(doc: ReviewDocument): string[] {
  return doc.footnoteDefinitions.map((d) => normaliseFootnoteId(d.id));
}

/** Pandoc citation keys: `[@key]`, `[see @key, p. 4; @other]`. */
export function citationKeys(doc: ReviewDocument): CitationKey[] {
  const keys: CitationKey[] = [];
  BRACKETED.lastIndex = 0;
  for (let m = BRACKETED.exec(doc.prose); m; m = BRACKETED.exec(doc.prose)) {
    const inner = m[0];
    KEY_IN_BRACKETS.lastIndex = 0;
    for (let k = KEY_IN_BRACKETS.exec(inner); k; k = KEY_IN_BRACKETS.exec(inner)) {
      const key = k[1].replace(/(?<![.:,;])[.:,;]+$/, '');
      const start = m.index + k.index + k[0].indexOf('@');
      keys.push({ key, range: { start, end: start + 1 + key.length } });
    }
  }
  return keys;
}

/** Whether the text (a slice of prose) carries a citation other than footnotes and links. */
export function hasInlineCitation(text: string): boolean {
  BRACKETED.lastIndex = 0;
  NUMBERED_REFERENCE.lastIndex = 0;
  AUTHOR_YEAR.lastIndex = 0;
  return BRACKETED.test(text) || NUMBERED_REFERENCE.test(text) || AUTHOR_YEAR.test(text);
}

export interface Bibliography {
  /** Keys found in the bibliography files and in front matter `references:`. */
  keys: Set<string>;
  /** Whether the document names any source of keys at all. */
  declared: boolean;
  /** Problems reading or parsing a bibliography file, each with the file. */
  problems: { file: string; message: string }[];
  /** Where `bibliography:` is in the front matter, for findings about it. */
  range?: Range;
}

function cslIds(data: unknown): string[] {
  const items = Array.isArray(data) ? data : data && typeof data === 'object' && Array.isArray((data as { references?: unknown }).references) ? (data as { references: unknown[] }).references : undefined;
  if (!items) throw new Error('expected a list of CSL items (or a "references" list)');
  return items.map((item) => (item && typeof item === 'object' ? String((item as { id?: unknown }).id ?? '') : '')).filter(Boolean);
}

/** Read the keys of a bibliography file by its extension: BibTeX, CSL-JSON or CSL-YAML. */
export function parseBibliography(file: string, text: string): string[] {
  const lower = file.toLowerCase();
  if (lower.endsWith('.bib') || lower.endsWith('.bibtex')) {
    const result = parseBibtex(text);
    if (result.errors.length && result.entries.length === 0) throw new Error(result.errors[0].error);
    return result.entries.map((e) => e.key);
  }
  if (lower.endsWith('.json')) return cslIds(JSON.parse(text));
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return cslIds(parseYaml(text));
  throw new Error('unknown bibliography format (expected .bib, .json, .yaml or .yml)');
}

const bibliographyCache = new Map<string, { text: string; keys: string[] | Error }>();

export function readBibliography(doc: ReviewDocument, host: LintHost): Bibliography {
  const data = doc.frontMatter.data ?? {};
  const keys = new Set<string>();
  const problems: Bibliography['problems'] = [];
  let declared = false;
  if (Array.isArray(data.references)) {
    declared = true;
    for (const id of cslIds(data.references)) keys.add(id);
  }
  const files = typeof data.bibliography === 'string' ? [data.bibliography] : Array.isArray(data.bibliography) ? data.bibliography.filter((f): f is string => typeof f === 'string') : [];
  let range: Range | undefined;
  if (files.length) {
    declared = true;
    const fm = doc.frontMatter.range;
    if (fm) {
      const at = doc.text.slice(fm.start, fm.end).search(/^bibliography\s*:/m);
      if (at !== -1) {
        const start = fm.start + at;
        const lineEnd = doc.text.indexOf('\n', start);
        range = { start, end: lineEnd === -1 ? fm.end : lineEnd };
      }
    }
    for (const file of files) {
      const read = host.readFile ? host.readFile(file) : { error: 'files cannot be read here' };
      if ('error' in read) {
        problems.push({ file, message: read.error });
        continue;
      }
      let cached = bibliographyCache.get(file);
      if (!cached || cached.text !== read.text) {
        let parsed: string[] | Error;
        try {
          parsed = parseBibliography(file, read.text);
        } catch (e) {
          parsed = e instanceof Error ? e : new Error(String(e));
        }
        cached = { text: read.text, keys: parsed };
        bibliographyCache.set(file, cached);
      }
      if (cached.keys instanceof Error) problems.push({ file, message: `${file} could not be read as a bibliography: ${cached.keys.message}` });
      else for (const k of cached.keys) keys.add(k);
    }
  }
  return { keys, declared, problems, range };
}
