/**
 * undefined-acronym: plain English for a public report. An acronym must be spelt out at its first use
 * ("Multi-Agency Safeguarding Hub (MASH)" or "MASH (Multi-Agency Safeguarding Hub)") or defined in a glossary
 * section. One finding per acronym, at its first use; a built-in list supplies the expansion for a quick fix.
 */
import acronymData from '../data/acronyms.json';
import type { ReviewDocument } from '../document.js';
import type { Range, Rule } from '../types.js';
import { matchProse } from './shared.js';

const { expansions: EXPANSIONS, noExpansionNeeded } = acronymData as { expansions: Record<string, string>; noExpansionNeeded: string[] };
const COMMON = new Set(noExpansionNeeded);
const ACRONYM = /(?<![\w&-])[A-Z][A-Za-z]?[A-Z&][A-Z0-9&]{0,6}s?(?![\w&-])/g;
const GLOSSARY = /\b(?:glossary|abbreviations|acronyms|terms used|key terms)\b/i;
const ROMAN = /^[IVXLCDM]+$/;

function base(token: string): string {
  return /[A-Z]s$/.test(token) ? token.slice(0, -1) : token;
}

const CONNECTIVE = /^(?:and|of|for|the|&|&amp;)$/i;
const WORD = /^[A-Za-z][A-Za-z'’]*$/;

/**
 * The initials of the run of words (up to ten, joined by spaces or hyphens) that ends at `end`, connectives
 * ("and", "of", "the") left out: "Multi-Agency Safeguarding Hub" gives "MASH".
 */
function initialsBefore(prose: string, end: number): string {
  const tokens = prose.slice(Math.max(0, end - 200), end).split(/[ \n-]/);
  let initials = '';
  for (let i = tokens.length - 1, words = 0; i >= 0 && words < 10; i--) {
    const token = tokens[i];
    if (token === '' && i < tokens.length - 1) continue;
    if (CONNECTIVE.test(token)) continue;
    if (!WORD.test(token)) break;
    initials = token[0].toUpperCase() + initials;
    words++;
  }
  return initials;
}

/** Acronyms defined in the text: "Words In Full (ABC)" or "ABC (words in full)", and in a glossary section. */
function definitions(doc: ReviewDocument): Map<string, number> {
  const defined = new Map<string, number>();
  const note = (acronym: string, at: number) => {
    if (!defined.has(acronym) || defined.get(acronym)! > at) defined.set(acronym, at);
  };
  for (const m of matchProse(doc, /(?<= )\(([A-Z][A-Za-z&]{1,9}s?)\)/g)) {
    const acronym = base(m[1]);
    const initials = initialsBefore(doc.prose, m.index - 1);
    if (initials.length >= 2 && (initials.includes(acronym.replace(/[^A-Z]/g, '').slice(0, 2)) || acronym.length <= 2)) note(acronym, m.index);
  }
  for (const m of matchProse(doc, /\b([A-Z][A-Za-z&]{1,9}s?) \(([a-z][^()]{3,80}|[A-Z][a-z][^()]{3,80})\)/g)) note(base(m[1]), m.index);
  for (const section of doc.sections) {
    if (!GLOSSARY.test(section.heading?.title ?? '')) continue;
    const body = doc.prose.slice(section.bodyRange.start, section.bodyRange.end);
    for (const m of body.matchAll(ACRONYM)) note(base(m[0]), 0);
  }
  return defined;
}

const rule: Rule = {
  meta: {
    id: 'undefined-acronym',
    description: 'Acronyms used before they are spelt out or defined in a glossary (plain English for a public report).',
    defaultSeverity: 'warning',
    theme: 'plain-english',
    fixable: true,
    prePublication: true,
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: { ignore: { type: 'array', items: { type: 'string' }, description: 'Acronyms that need no expansion for your readers.' } },
    },
    defaultOptions: { ignore: [] },
  },
  check({ doc, options, report }) {
    const ignore = new Set([...COMMON, ...((options.ignore as string[] | undefined) ?? [])]);
    const defined = definitions(doc);
    const seen = new Set<string>();
    for (const m of matchProse(doc, ACRONYM)) {
      const acronym = base(m[0]);
      if (seen.has(acronym) || ignore.has(acronym) || ignore.has(m[0]) || ROMAN.test(acronym)) continue;
      const block = doc.blockAt(m.index);
      if (!block || block.kind === 'heading' || block.inBlockquote || doc.quoteAround({ start: m.index, end: m.index + m[0].length })) continue;
      seen.add(acronym);
      const definedAt = defined.get(acronym);
      if (definedAt !== undefined && definedAt <= m.index) continue;
      const range: Range = { start: m.index, end: m.index + m[0].length };
      const expansion = EXPANSIONS[acronym];
      report({
        range,
        message: definedAt !== undefined ? `'${m[0]}' is used before it is spelt out: spell it out here, at its first use.` : `'${m[0]}' is never spelt out: spell it out at its first use${expansion ? ` ("${expansion} (${acronym})")` : ''}, or add it to a glossary.`,
        explanation: { why: 'Reviews are read by families and the public and must be written in plain English; an acronym a reader does not know hides the meaning.', alternatives: expansion ? [`${expansion} (${acronym})`] : undefined, source: 'Working Together to Safeguard Children (reports written in plain English); recording guidance: use full words, not acronyms' },
        suggestions: expansion ? [{ title: `Spell out: ${expansion} (${acronym})`, edits: [{ ...range, newText: `${expansion} (${m[0]})` }], isPreferred: true }] : undefined,
        data: { acronym },
      });
    }
  },
};

export default rule;
