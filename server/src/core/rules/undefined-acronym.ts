/**
 * undefined-acronym: plain English for a public report. An acronym must be spelt out at its first use
 * ("Multi-Agency Safeguarding Hub (MASH)" or "MASH (Multi-Agency Safeguarding Hub)") or defined in a glossary
 * section. One finding per acronym, at its first use in the author's own prose; a built-in list (and the
 * `expansions` option) supplies the words for a quick fix that spells it out there.
 *
 * Not findings: acronyms everyone knows (UK, NHS, GP: `noExpansionNeeded` in data/acronyms.json, plus the
 * `ignore` option), Roman numerals, capitals used for emphasis ("did NOT attend") or a shouted phrase, the
 * letters of a pseudonym ("Child AB"), postcodes, and anything in a heading, a quotation, a block quote, a
 * link's text, a footnote or a reference list (there an acronym names a publisher or a cited work).
 */
import acronymData from '../data/acronyms.json';
import type { ReviewDocument, Section } from '../document.js';
import type { Range, Rule, Suggestion } from '../types.js';
import { matchProse } from './shared.js';

interface AcronymData {
  expansions: Record<string, string>;
  plurals: Record<string, string>;
  noExpansionNeeded: string[];
  capitalisedWords: string[];
}

const DATA = acronymData as AcronymData;
const COMMON = new Set(DATA.noExpansionNeeded);
const CAPITALISED_WORDS = new Set(DATA.capitalisedWords);

/** Two to ten capitals (a lower-case letter allowed second or third: DfE, DoLS), digits after, a plural s. */
const ACRONYM = /(?<![\w&-])[A-Z][A-Za-z]?[A-Z&][A-Z0-9&]{0,6}s?(?![\w&-])/g;
const GLOSSARY = /\b(?:glossary|abbreviations|acronyms|terms used|key terms)\b/i;
const REFERENCES = /\b(?:references|bibliography|sources|further reading|works cited|notes|endnotes)\b/i;
/** I to XXXIX: section and appendix numbers. */
const ROMAN = /^X{0,3}(?:IX|IV|V?I{0,3})$/;
/** The name a review gives a person ("Child AB", "Mr JT"): the letters are a pseudonym, not an acronym. */
const PERSON_BEFORE = /\b(?:Child|Baby|Infant|Young Person|Sibling|Family|Adult|Mother|Father|Mr|Mrs|Ms|Miss|Mx|Dr)\.? $/;
const POSTCODE_OUTWARD = /^[A-Z]{1,2}\d[A-Z\d]?$/;
const POSTCODE_INWARD_AFTER = /^ ?\d[A-Z]{2}\b/;
const ALL_CAPS_WORD = /^[A-Z][A-Z'’]+$/;

/** Small words that may be left out of the initials ("Department for Education", DfE) or give one (CIN). */
const CONNECTIVES = new Set(['AND', 'OF', 'FOR', 'THE', 'IN', 'ON', 'TO', 'A', 'AN', 'WITH', 'AT', 'BY', '&', '&AMP;']);

function base(token: string): string {
  return /[A-Z]s$/.test(token) ? token.slice(0, -1) : token;
}

function letters(acronym: string): string {
  return acronym.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/**
 * Whether `words` spell `target` (the acronym's letters, upper case): each word in turn gives its initial and
 * perhaps more of its letters in order (DoLS: Deprivation of Liberty Safeguards; SENCO: … Coordinator), and a
 * connective may give its initial or nothing. With `wholeRun`, every word must be used (the words just before
 * "(ABC)"); otherwise the first words are enough (the words inside "ABC (…)").
 */
export function spells(words: readonly string[], target: string, wholeRun: boolean): boolean {
  const upper = words.map((w) => w.toUpperCase());
  const go = (i: number, a: number): boolean => {
    if (a === target.length) return !wholeRun || i === upper.length;
    if (i === upper.length) return false;
    const word = upper[i];
    if (CONNECTIVES.has(word) && go(i + 1, a)) return true;
    if (word[0] !== target[a]) return false;
    let at = 1;
    for (let k = a + 1; ; k++) {
      if (go(i + 1, k)) return true;
      if (k === target.length) return false;
      const next = word.indexOf(target[k], at);
      if (next === -1) return false;
      at = next + 1;
    }
  };
  return go(0, 0);
}

/** The words of `text`, split at spaces, hyphens and slashes, with trailing commas and the like taken off. */
function wordsOf(text: string): string[] {
  return text
    .split(/[\s/–-]+/)
    .map((w) => w.replace(/(?<![,;:])[,;:]+$/, ''))
    .filter(Boolean);
}

const WORD = /^(?:[A-Za-z0-9][A-Za-z0-9'’.]*|&|&amp;)$/;

/** Whether the run of words that ends at `end` (the last ten at most) spells `target`, starting at some word. */
function spelledBefore(prose: string, end: number, target: string): boolean {
  const all = wordsOf(prose.slice(Math.max(0, end - 200), end));
  const run: string[] = [];
  for (let i = all.length - 1; i >= 0 && run.length < 12 && WORD.test(all[i]); i--) run.unshift(all[i]);
  for (let start = run.length - 1; start >= 0; start--) {
    if (CONNECTIVES.has(run[start].toUpperCase())) continue;
    if (spells(run.slice(start), target, true)) return true;
  }
  return false;
}

/** Acronyms defined in the text: "Words In Full (ABC)" or "ABC (words in full)", and in a glossary section. */
function definitions(doc: ReviewDocument): Map<string, number> {
  const defined = new Map<string, number>();
  const note = (acronym: string, at: number) => {
    const before = defined.get(acronym);
    if (before === undefined || before > at) defined.set(acronym, at);
  };
  // "Young Person T (YP T)": a pseudonym's letter may follow the acronym inside the brackets.
  for (const m of matchProse(doc, /(?<= )\(([A-Z][A-Za-z&]{1,9}s?)( [A-Z])?\)/g)) {
    const acronym = base(m[1]);
    if (spelledBefore(doc.prose, m.index - 1, letters(acronym + (m[2] ?? '')))) note(acronym, m.index);
  }
  for (const m of matchProse(doc, /(?<![\w&-])([A-Z][A-Za-z&]{1,9}s?) \(([^()\n]{3,100})\)/g)) {
    const acronym = base(m[1]);
    if (spells(wordsOf(m[2]), letters(acronym), false)) note(acronym, m.index);
  }
  for (const section of doc.sections) {
    if (!GLOSSARY.test(section.heading?.title ?? '')) continue;
    const body = doc.prose.slice(section.bodyRange.start, section.bodyRange.end);
    // A copy: the caller may be part-way through a scan with ACRONYM itself.
    for (const m of body.matchAll(new RegExp(ACRONYM))) note(base(m[0]), 0);
  }
  return defined;
}

/** Capitals for emphasis ("did NOT attend") or a shouted phrase ("DO NOT SHARE"), not an acronym. */
function emphasis(doc: ReviewDocument, token: string, range: Range): boolean {
  if (CAPITALISED_WORDS.has(token)) return true;
  // The words in capitals on either side, up to three each way, within the line.
  const clean = (w: string) => w.replace(/^[^\w'’]+|(?<![^\w'’])[^\w'’]+$/g, '');
  const before = doc.prose.slice(Math.max(0, range.start - 60), range.start).split('\n').pop()!.split(' ').slice(0, -1).map(clean);
  const after = doc.prose.slice(range.end, range.end + 60).split('\n')[0].split(' ').slice(1).map(clean);
  const run: string[] = [];
  for (let i = before.length - 1; i >= 0 && run.length < 3 && ALL_CAPS_WORD.test(before[i]); i--) run.push(before[i]);
  for (let i = 0; i < after.length && run.length < 6 && ALL_CAPS_WORD.test(after[i]); i++) run.push(after[i]);
  // Next to an English word in capitals ("did NOT attend"), or one of three or more in a row ("DO NOT CONTACT").
  return run.length >= 2 || run.some((w) => CAPITALISED_WORDS.has(w));
}

function inReferences(doc: ReviewDocument, offset: number): boolean {
  for (let section: Section | undefined = doc.sectionAt(offset); section; section = section.parent) {
    if (REFERENCES.test(section.heading?.title ?? '')) return true;
  }
  return false;
}

function pluralOf(acronym: string, expansion: string): string {
  const known = DATA.plurals[acronym];
  if (known) return known;
  if (/(?:s|x|z|ch|sh)$/.test(expansion)) return `${expansion}es`;
  if (/[^aeiou]y$/.test(expansion)) return `${expansion.slice(0, -1)}ies`;
  return `${expansion}s`;
}

/**
 * The quick fix: the words in full with the acronym after them, at the first use. Keeps a sentence-initial
 * capital, puts a possessive on the words ("the Safeguarding Adults Board's (SAB) audit"), plural words for a
 * plural acronym, and "a"/"an" to suit the words.
 */
function spellOut(doc: ReviewDocument, token: string, acronym: string, expansion: string, range: Range, blockStart: number): Suggestion {
  let words = token === acronym ? expansion : pluralOf(acronym, expansion);
  let start = range.start;
  let end = range.end;
  const before = doc.text.slice(blockStart, range.start);
  const article = /(?:^|\s)([Aa]n?) $/.exec(before);
  const sentenceStart = /(?:^|[.!?]["'”’)]*\s+)$/.test(before.replace(/(?<![*_])[*_]+$/, ''));
  if (article) {
    const wanted = /^[aeiou]/i.test(words) ? 'an' : 'a';
    if (article[1].toLowerCase() !== wanted) {
      start = range.start - article[1].length - 1;
      words = `${article[1][0] === 'A' ? wanted[0].toUpperCase() + wanted.slice(1) : wanted} ${words}`;
    }
  } else if (sentenceStart) words = words[0].toUpperCase() + words.slice(1);
  const possessive = /^['’]s\b/.exec(doc.text.slice(range.end, range.end + 3));
  if (possessive) {
    end = range.end + 2;
    words = `${words}${possessive[0]}`;
  }
  return { title: `Spell out: ${words} (${token})`, edits: [{ start, end, newText: `${words} (${token})` }], isPreferred: true };
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
      properties: {
        ignore: { type: 'array', items: { type: 'string' }, description: 'Acronyms that need no expansion for your readers.' },
        expansions: {
          type: 'object',
          additionalProperties: { type: 'string' },
          description: 'Your own acronyms and their words in full, for the quick fix (e.g. { "KSCP": "Kingsgate Safeguarding Children Partnership" }); they add to and override the built-in list.',
        },
      },
    },
    defaultOptions: { ignore: [], expansions: {} },
  },
  check({ doc, options, report }) {
    const ignore = new Set([...COMMON, ...((options.ignore as string[] | undefined) ?? [])]);
    const expansions: Record<string, string> = { ...DATA.expansions, ...((options.expansions as Record<string, string> | undefined) ?? {}) };
    let defined: Map<string, number> | undefined;
    const seen = new Set<string>();
    for (const m of matchProse(doc, ACRONYM)) {
      const token = m[0];
      const acronym = base(token);
      if (seen.has(acronym) || ignore.has(acronym) || ignore.has(token) || ROMAN.test(token)) continue;
      const range: Range = { start: m.index, end: m.index + token.length };
      const block = doc.blockAt(m.index);
      if (!block || block.kind === 'heading' || block.inBlockquote || block.inFootnote) continue;
      if (doc.quoteAround(range) || doc.links.some((l) => l.range.start <= range.start && range.end <= l.range.end)) continue;
      if (PERSON_BEFORE.test(doc.prose.slice(Math.max(0, m.index - 14), m.index))) continue;
      if (POSTCODE_OUTWARD.test(token) && POSTCODE_INWARD_AFTER.test(doc.prose.slice(range.end, range.end + 5))) continue;
      if (emphasis(doc, token, range) || inReferences(doc, m.index)) continue;
      seen.add(acronym);
      defined ??= definitions(doc);
      const definedAt = defined.get(acronym);
      if (definedAt !== undefined && definedAt <= m.index) continue;
      const expansion = expansions[acronym];
      const fix = expansion ? spellOut(doc, token, acronym, expansion, range, block.range.start) : undefined;
      const spelt = fix ? fix.edits[0].newText : undefined;
      report({
        range,
        message:
          definedAt !== undefined
            ? `'${token}' is used before it is spelt out: spell it out here, at its first use.`
            : `'${token}' is not spelt out: spell it out at its first use${expansion ? ` ("${expansion} (${acronym})")` : ''}, or add it to a glossary.`,
        explanation: {
          why: 'Reviews are read by families and the public and must be written in plain English; an acronym a reader does not know hides the meaning.',
          alternatives: spelt ? [spelt] : undefined,
          source: 'Working Together to Safeguard Children (reports written in plain English); recording guidance: use full words, not acronyms',
        },
        suggestions: fix ? [fix] : undefined,
        data: { acronym },
      });
    }
  },
};

export default rule;
