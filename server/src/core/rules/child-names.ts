/**
 * The names a review gives the child it is about: the pseudonym in its title ("Learning briefing: \"Kai\"",
 * "LCSPR: Amara"), and pseudonyms declared in front matter (`pseudonyms:`) or in the text ("Kai (not his real
 * name)", "called Amara in this report", "Child S is a pseudonym"). Rules use them to tell that a sentence is
 * about a child when it names the child only by pseudonym.
 *
 * Declarations are found per block and kept with the block's parse, so an edit rescans only the blocks it
 * touched. Names of adults are left out: a name with a title (Ms, Mr), one declared next to a word for an adult
 * (mother, partner, aged 34), and every name in a review of adults (a Safeguarding Adults Review).
 */
import type { Block, ReviewDocument } from '../document.js';
import { BlockCache } from './shared.js';

/**
 * A name as reviews write pseudonyms: capitalised words, maybe ending in a number ("Kai", "Sister S",
 * "Young Person T", "Child 1").
 */
const NAME = String.raw`[A-Z][A-Za-z'’-]{0,30}(?: [A-Z][A-Za-z'’-]{0,30}){0,2}(?: \d{1,2}(?!\d))?`;

const DECLARATIONS: RegExp[] = [
  // "Kai is a pseudonym", "Child S is the pseudonym"
  new RegExp(String.raw`(?<![\w'’-])(${NAME}) (?:is|was) (?:a |the )?pseudonym\b`, 'g'),
  // "Kai (not his real name)", "Jade (a pseudonym)"
  new RegExp(String.raw`(?<![\w'’-])(${NAME}) \((?:not (?:her|his|their) real name|a pseudonym|pseudonym)\)`, 'g'),
  // "referred to as Kai", "known in this review as 'Kai'", "called Amara in this report"
  new RegExp(String.raw`\b(?:referred to|known)(?: (?:here|in this (?:review|report|briefing)))? as ['‘"“]?(${NAME})`, 'g'),
  new RegExp(String.raw`\bcalled ['‘"“]?(${NAME})['’"”]? (?:here|in this (?:review|report|briefing))\b`, 'g'),
  // "The name Amara was chosen"
  new RegExp(String.raw`\b[Tt]he (?:name|pseudonym) ['‘"“]?(${NAME})['’"”]? (?:was|has been) chosen\b`, 'g'),
];

/** Titles and relationship words that make a declared name an adult's. */
const ADULT_NAME = /^(?:Ms|Mr|Mrs|Miss|Mx|Dr|Family|Mother|Father|Adult|Man|Male|Woman|Female|Person|Grandmother|Grandfather|Aunt|Uncle|Professional|Practitioner|Worker|Officer)\b/;
const ADULT_NEAR = /\b(?:mother|father|mum|dad|parents?|partner|boyfriend|girlfriend|husband|wife|stepfather|stepmother|grandmother|grandfather|grandparents?|uncle|aunt|carer|man|woman|adults?|perpetrator|(?:aged|age) (?:1[89]|[2-9]\d)|(?:1[89]|[2-9]\d)[- ]year[- ]old|was (?:1[89]|[2-9]\d)\b)/i;
const WINDOW = 80;

/** Words after a title's colon that are not a child's name ("Thematic review: Neglect"). */
const NOT_A_NAME = new Set(
  'summary overview briefing review report learning findings recommendations introduction neglect exploitation abuse supervision practice themes theme draft appendix chronology analysis lessons safeguarding children child families family adults adult partnership update final contents'.split(' '),
);

interface Declared {
  name: string;
  adult: boolean;
}

/** Words every declaration pattern needs (case as written): most blocks have none and need no pattern run. */
const DECLARATION_WORDS = ['pseudonym', 'real name', 'referred to', 'known', 'called', 'chosen'];
const NO_DECLARATIONS: Declared[] = [];

function scanDeclarations(prose: string): Declared[] {
  if (!DECLARATION_WORDS.some((w) => prose.includes(w))) return NO_DECLARATIONS;
  const out: Declared[] = [];
  for (const re of DECLARATIONS) {
    re.lastIndex = 0;
    for (let m = re.exec(prose); m; m = re.exec(prose)) {
      const name = m[1].replace(/['’]s$/, '').replace(/^(?:The|This|That|Here|In|Our|Then|When|While|So) (?=[A-Z])/, '');
      const near = prose.slice(Math.max(0, m.index - WINDOW), Math.min(prose.length, m.index + m[0].length + WINDOW));
      // Only the words before the declaration and the clause it is in count as "near": a sentence that goes on
      // to mention the child's mother does not make the child an adult.
      const before = prose.slice(Math.max(0, m.index - WINDOW), m.index);
      const clause = near.slice(before.length).split(/[.;!?]/)[0];
      const lastSentence = before.split(/[.;!?]\s/).pop() ?? '';
      // "referred to as Children A to E": a word for a child is not a name.
      if (NOT_A_NAME.has(name.toLowerCase())) continue;
      out.push({ name, adult: ADULT_NAME.test(name) || ADULT_NEAR.test(lastSentence) || ADULT_NEAR.test(clause) });
    }
  }
  return out;
}

const declarationsByBlock = new BlockCache<Declared[]>(scanDeclarations);

function titleText(doc: ReviewDocument): string {
  const fm = doc.frontMatter.data?.title;
  if (typeof fm === 'string' && fm.trim()) return fm;
  const heading = doc.headings.find((h) => h.depth === 1) ?? doc.headings[0];
  return heading ? heading.text : '';
}

/** "Learning briefing: \"Kai\"" gives Kai; "Rapid review: Baby M" gives Baby M; "Thematic review: Neglect" nothing. */
export function titleName(title: string): string | undefined {
  const parts = title.split(/:|\s[-–—]\s/);
  if (parts.length < 2) return undefined;
  let last = parts[parts.length - 1].trim().replace(/^[*_]+/, '');
  while (last.endsWith('*') || last.endsWith('_')) last = last.slice(0, -1);
  const quoted = /^["“'‘](.*)["”'’]$/.exec(last);
  const name = (quoted ? quoted[1] : last).trim();
  if (/^(?:Child|Baby|Young Person|YP) [A-Z]\w*$/.test(name)) return name;
  if (!/^[A-Z][a-z'’-]{1,30}$/.test(name)) return undefined;
  if (!quoted && NOT_A_NAME.has(name.toLowerCase())) return undefined;
  return name;
}

function isAdultsReview(doc: ReviewDocument, title: string): boolean {
  const type = doc.frontMatter.data?.type ?? doc.frontMatter.data?.review_type;
  if (typeof type === 'string' && /\b(?:sar|adults?)\b/i.test(type)) return true;
  return /\bAdults?\b/.test(title) && !/\bChild(?:ren)?\b/.test(title);
}

/** The child's names in this document, in a stable order (empty in a review about adults). */
export function childNames(doc: ReviewDocument): string[] {
  return childNamesWith(doc, () => {
    const declared: string[] = [];
    for (const block of doc.blocks) for (const name of childNamesDeclaredIn(doc, block)) declared.push(name);
    return declared;
  });
}

/**
 * `childNames`, with the names declared in the document's blocks gathered by the caller (in any order; a rule that
 * keeps them per block or group need not visit every block): `declared` is called unless the review is about adults.
 */
export function childNamesWith(doc: ReviewDocument, declared: () => Iterable<string>): string[] {
  const title = titleText(doc);
  if (isAdultsReview(doc, title)) return [];
  const names = new Set<string>();
  const fromTitle = titleName(title);
  if (fromTitle) names.add(fromTitle);
  const fm = doc.frontMatter.data?.pseudonyms;
  const addDeclared = (v: unknown) => {
    if (typeof v === 'string' && new RegExp(`^${NAME}$`).test(v.trim()) && !ADULT_NAME.test(v.trim())) names.add(v.trim());
  };
  if (Array.isArray(fm)) fm.forEach(addDeclared);
  else if (fm && typeof fm === 'object') {
    // A map of roles to pseudonyms ({ child: Kai, mother: Ms K }): only the children's.
    for (const [role, v] of Object.entries(fm as Record<string, unknown>)) if (!ADULT_NEAR.test(role)) addDeclared(v);
  } else addDeclared(fm);
  for (const name of declared()) names.add(name);
  return [...names].sort();
}

/** The names a block declares for a child (its declarations of adults' names left out), kept with the block's parse. */
export function childNamesDeclaredIn(doc: ReviewDocument, block: Block): string[] {
  const names: string[] = [];
  for (const d of declarationsByBlock.get(doc, block)) if (!d.adult) names.push(d.name);
  return names;
}
