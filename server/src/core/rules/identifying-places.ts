/**
 * Named places for identifying-detail: schools and nurseries, GP surgeries and hospitals, day centres and care
 * homes, places of worship, and the streets, estates and buildings a family lived in. The vocabulary is in
 * data/identifying-places.json; this module compiles it and finds candidates. Whether a candidate is tied to
 * the child or family is the rule's decision (it knows the sentence around it).
 *
 * A candidate is one to five capitalised words followed by a place noun of one kind ("Fernside Surgery",
 * "St Anselm's Catholic Primary School", "the Hollins estate"). At least one of the words must be
 * distinctive, not a descriptor ("the Local Primary School", "Royal Infirmary", "Family Court" are generic),
 * and a place noun that is part of an agency's name ("Kestrel Hospital NHS Trust") is not a place.
 */
import placesData from '../data/identifying-places.json';
import { escapeRegExp } from './shared.js';

export type PlaceKind = 'education' | 'health' | 'care' | 'community' | 'worship' | 'residence';

interface KindData {
  what: string;
  instead: string;
  suffixes: string[];
  shortNouns: string[];
}

const KINDS = placesData.kinds as Record<PlaceKind, KindData>;
const DESCRIPTORS = new Set([...placesData.descriptors, ...placesData.nationalProviders.words]);
/** Words before a place name that are never part of it ("The", "Her", "In", "September"): trimmed off. */
const LEADING_WORDS = new Set(placesData.leadingWords.words);
const COURT_WORDS = new Set(placesData.courtWords);
const NATIONAL_HOSPITALS = placesData.nationalSpecialistHospitals.names;

export function kindWhat(kind: PlaceKind): string {
  return KINDS[kind].what;
}

export function kindInstead(kind: PlaceKind): string {
  return KINDS[kind].instead;
}


interface Suffix {
  words: string[];
  text: string;
  kind: PlaceKind;
}

/** The place nouns by their last word, longest first, so that "Day Centre" wins over a shorter ending. */
const SUFFIXES_BY_LAST_WORD = new Map<string, Suffix[]>();
for (const [kind, data] of Object.entries(KINDS) as [PlaceKind, KindData][]) {
  for (const text of data.suffixes) {
    const words = text.split(' ');
    const last = words[words.length - 1];
    SUFFIXES_BY_LAST_WORD.set(last, [...(SUFFIXES_BY_LAST_WORD.get(last) ?? []), { words, text, kind }].sort((a, b) => b.words.length - a.words.length));
  }
}

/** One capitalised word of a name: "Fernside", "Anselm's", "Girls'", "C" (of "C of E"). */
const NAME_WORD = String.raw`[A-Z][\w'’&-]{0,24}`;

/** The end of a place name: not inside a longer word, but a possessive may follow ("Millbrook Junior School's"). */
const NAME_END = String.raw`(?![\w-]|['’](?!s\b))`;

/**
 * A run of capitalised words ("of" and "of the" may join them), perhaps ending in "estate": where a place name
 * can be. Which words are the place noun is decided in code (placeInRun), so the pattern has no long list of
 * alternatives to backtrack through.
 */
export const NAME_RUN = new RegExp(String.raw`(?<![\w'’.-])(?:St\. )?${NAME_WORD}(?: (?:of (?:the )?)?${NAME_WORD}){0,6}(?: estate)?${NAME_END}`, 'g');

/** Words of a name before its place noun: at most this many. */
const MAX_NAME_WORDS = 5;

/**
 * A place written noun first: "University Hospital Lewisham", "the Hospital of St Cross", "the Church of St
 * Anselm". Group 1 the noun, group 2 the name.
 */
export const PLACE_NOUN_FIRST = new RegExp(
  String.raw`(?<![\w'’.-])(University Hospital|Royal Infirmary of|Hospital of|Infirmary of|Church of|Chapel of|Cathedral of) (?:the )?((?:(?:St\.?|Saint) )?${NAME_WORD}(?: ${NAME_WORD}){0,2})${NAME_END}`,
  'g',
);

/**
 * After the place noun: the place noun is part of a longer name that is not a place, an agency's, a service's
 * or a dataset's ("Kestrel Hospital NHS Trust", "the School Nursing Team", "Ward Round", "Estate Management").
 */
export const PART_OF_LONGER_NAME = /^ (?:NHS\b|(?:Foundation |Academy |Multi-Academy |Hospitals? |University )?Trusts?\b|Partnership\b|Board\b|Federation\b|Episode\b|Statistics\b|Services?\b|Group\b|Network\b|Nurs(?:e|es|ing)\b|Teams?\b|Rounds?\b|Management\b|Agents?\b)/;

function isAcronym(word: string): boolean {
  return word.length > 1 && /^[A-Z0-9&]+$/.test(word);
}

function isDescriptor(word: string): boolean {
  return LEADING_WORDS.has(word) || DESCRIPTORS.has(word) || DESCRIPTORS.has(word.replace(/['’]s$/, '')) || isAcronym(word);
}

export interface PlaceCandidate {
  /** The name as it will be reported: leading words that are not part of it ("The", "In September") trimmed off. */
  start: number;
  end: number;
  text: string;
  kind: PlaceKind;
  /** The distinctive part of the name ("Brookfield", "St Anselm's") that a later short reference repeats. */
  key: string;
}

/** Reads `length` characters of the prose from an offset (a rule may track what its decisions read). */
export type ReadAfter = (at: number, length: number) => string;

/**
 * The place in a run of capitalised words: the longest one ending in a place noun, or undefined when every
 * possible name is generic, a court, a national specialist hospital, or part of an agency's name.
 */
export function placeInRun(prose: string, run: RegExpExecArray, readAfter: ReadAfter = (at, length) => prose.slice(at, at + length)): PlaceCandidate | undefined {
  const tokens: { text: string; start: number }[] = [];
  let offset = run.index;
  for (const text of run[0].split(' ')) {
    tokens.push({ text, start: offset });
    offset += text.length + 1;
  }
  // A possessive is not part of the name: "Millbrook Junior School's" ends in "School".
  const lastWord = tokens[tokens.length - 1];
  lastWord.text = lastWord.text.replace(/['’]s$/, '');
  for (let last = tokens.length - 1; last > 0; last--) {
    for (const suffix of SUFFIXES_BY_LAST_WORD.get(tokens[last].text) ?? []) {
      const first = last - suffix.words.length + 1;
      if (first < 1 || !suffix.words.every((w, i) => tokens[first + i].text === w)) continue;
      let nameStart = Math.max(0, first - MAX_NAME_WORDS);
      while (nameStart < first && (tokens[nameStart].text === 'of' || tokens[nameStart].text === 'the')) nameStart++;
      if (nameStart === first) continue;
      const end = tokens[last].start + tokens[last].text.length;
      const place = candidate(prose, tokens.slice(nameStart, first).map((t) => t.text), tokens[nameStart].start, suffix.text, suffix.kind, end, readAfter);
      if (place) return place;
    }
  }
  return undefined;
}

function candidate(prose: string, nameWords: string[], start: number, suffix: string, kind: PlaceKind, end: number, readAfter: ReadAfter): PlaceCandidate | undefined {
  const distinctive = nameWords.map((w) => w !== 'of' && w !== 'the' && !isDescriptor(w));
  const first = distinctive.indexOf(true);
  if (first === -1) return undefined;
  if (suffix === 'Court' && COURT_WORDS.has(nameWords[nameWords.length - 1])) return undefined;
  if (PART_OF_LONGER_NAME.test(readAfter(end, 40))) return undefined;
  const whole = prose.slice(start, end);
  if (NATIONAL_HOSPITALS.some((n) => whole.includes(n))) return undefined;
  // Report from the first word that can be part of a name ("Little Acorns Nursery", not "In September …" or an
  // agency's initials before it).
  let from = 0;
  while (from < first && (LEADING_WORDS.has(nameWords[from]) || isAcronym(nameWords[from]))) from++;
  const skipped = nameWords.slice(0, from).reduce((n, w) => n + w.length + 1, 0);
  // The key is the distinctive run, with a St or Saint just before it ("St Anselm's", "Brookfield").
  let keyStart = first;
  if (keyStart > 0 && /^(?:St\.?|Saint)$/.test(nameWords[keyStart - 1])) keyStart--;
  let keyEnd = first + 1;
  while (keyEnd < nameWords.length && distinctive[keyEnd]) keyEnd++;
  const key = nameWords.slice(keyStart, keyEnd).join(' ');
  return { start: start + skipped, end, text: whole.slice(skipped), kind, key };
}

/** The candidate at a PLACE_NOUN_FIRST match, or undefined when the name is generic or an agency's. */
export function nounFirstCandidate(prose: string, m: RegExpExecArray, readAfter: ReadAfter = (at, length) => prose.slice(at, at + length)): PlaceCandidate | undefined {
  const kind: PlaceKind = /Hospital|Infirmary/.test(m[1]) ? 'health' : 'worship';
  const words = m[2].split(' ');
  // The name stops before an agency's words: "University Hospital Southampton NHS Foundation Trust" is a trust.
  const agency = words.findIndex((w) => w === 'NHS' || w === 'Trust' || w === 'Foundation');
  if (agency !== -1) return undefined;
  const distinctive = words.filter((w) => !isDescriptor(w));
  if (!distinctive.length) return undefined;
  const end = m.index + m[0].length;
  if (PART_OF_LONGER_NAME.test(readAfter(end, 40))) return undefined;
  if (NATIONAL_HOSPITALS.some((n) => m[0].includes(n))) return undefined;
  return { start: m.index, end, text: m[0], kind, key: distinctive.join(' ') };
}

/**
 * A later short reference to a place already named: the distinctive part of its name, up to two more
 * capitalised words, and a noun of the same kind in either case ("the Brookfield centre" after "Brookfield Day
 * Centre", "Millbrook school" after "Millbrook Junior School").
 */
export function backReferencePattern(key: string, kind: PlaceKind): RegExp {
  const nouns = [...KINDS[kind].shortNouns, ...KINDS[kind].suffixes.filter((s) => !s.includes(' '))]
    .map((n) => (/^[a-z]/.test(n) ? `[${n[0].toUpperCase()}${n[0]}]${escapeRegExp(n.slice(1))}` : escapeRegExp(n)));
  return new RegExp(String.raw`(?<![\w'’.-])${escapeRegExp(key)}(?: ${NAME_WORD}){0,2} (?:${[...new Set(nouns)].join('|')})${NAME_END}`, 'g');
}

/** The patterns compiled from data, for the ReDoS test (a back reference with a sample key stands for all). */
export function placePatterns(): RegExp[] {
  return [NAME_RUN, PLACE_NOUN_FIRST, PART_OF_LONGER_NAME, ...(Object.keys(KINDS) as PlaceKind[]).map((k) => backReferencePattern('Brookfield', k))];
}
