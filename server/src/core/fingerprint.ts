/**
 * Fingerprints of findings, for baselines: a finding is known by its rule, the words it flags (lower-cased,
 * white space collapsed) and the title of the section it sits in, so it keeps its fingerprint when lines
 * move or other sections are edited. The n-th identical finding in a section gets its own fingerprint
 * (an occurrence index), so a second copy of an accepted phrase is still new.
 */
import { parseDocument, type ReviewDocument } from './document.js';
import type { Finding } from './types.js';

/** What a fingerprint is made of, before hashing. */
export interface FingerprintKey {
  ruleId: string;
  /** The flagged text, lower-cased with runs of white space made one space. */
  text: string;
  /** The title of the innermost enclosing section heading ('' before the first heading). */
  section: string;
  /** 0 for the first finding with the same rule, text and section, 1 for the second, … */
  occurrence: number;
}

export function normaliseFlaggedText(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The keys of `findings` (found in `text` or its parsed `doc`), in the findings' order. */
export function fingerprintKeys(source: string | ReviewDocument, findings: readonly Finding[]): FingerprintKey[] {
  const doc = typeof source === 'string' ? parseDocument(source) : source;
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const text = normaliseFlaggedText(doc.text.slice(f.range.start, f.range.end));
    const section = normaliseFlaggedText(doc.sectionAt(f.range.start).heading?.title ?? '');
    const base = JSON.stringify([f.ruleId, text, section]);
    const occurrence = seen.get(base) ?? 0;
    seen.set(base, occurrence + 1);
    return { ruleId: f.ruleId, text, section, occurrence };
  });
}

/** One fingerprint per finding, in the findings' order: 16 hex digits. */
export function fingerprintFindings(source: string | ReviewDocument, findings: readonly Finding[]): string[] {
  return fingerprintKeys(source, findings).map(hashKey);
}

export function hashKey(key: FingerprintKey): string {
  return fnv1a64(JSON.stringify([key.ruleId, key.text, key.section, key.occurrence]));
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK = (1n << 64n) - 1n;

/** FNV-1a, 64 bits, over the UTF-8 bytes of `s`: pure, stable across platforms and versions of Node. */
function fnv1a64(s: string): string {
  let h = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(s)) {
    h ^= BigInt(byte);
    h = (h * FNV_PRIME) & MASK;
  }
  return h.toString(16).padStart(16, '0');
}
