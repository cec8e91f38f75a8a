/**
 * Named places for identifying-detail: schools and nurseries, GP surgeries and hospitals, day centres and care
 * homes, places of worship, and the streets, estates and buildings a family lived in. The vocabulary is in
 * data/identifying-places.json; this module compiles it and finds candidates. Whether a candidate is tied to
 * the child or family is the rule's decision (it knows the sentence around it).
 *
 * A candidate is one to five capitalised words ending in a place noun of one kind ("Fernside Surgery",
 * "St Anselm's Catholic Primary School", "the Hollins estate"). At least one of the words must be
 * distinctive, not a descriptor ("the Local Primary School", "Royal Infirmary", "Family Court" are generic),
 * and a place noun that is part of an agency's name ("Kestrel Hospital NHS Trust") is not a place.
 */
import placesData from '../data/identifying-places.json';

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

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Suffix text to its kind; longest suffixes first so that "Day Centre" wins over a shorter ending. */
const SUFFIX_KIND: [string, PlaceKind][] = (Object.entries(KINDS) as [PlaceKind, KindData][])
  .flatMap(([kind, data]) => data.suffixes.map((s): [string, PlaceKind] => [s, kind]))
  .sort((a, b) => b[0].length - a[0].length);

/** One capitalised word of a name: "Fernside", "Anselm's", "Girls'", "C" (of "C of E"). */
const NAME_WORD = String.raw`[A-Z][\w'’&-]{0,24}`;
/** A place name: an optional St or Saint, then up to five words, "of" or "of the" allowed between them. */
const PLACE_NAME = String.raw`(?:(?:St\.?|Saint) )?${NAME_WORD}(?: (?:of (?:the )?)?${NAME_WORD}){0,4}`;

/** The end of a place name: not inside a longer word, but a possessive may follow ("Millbrook Junior School's"). */
const NAME_END = String.raw`(?![\w-]|['’](?!s\b))`;

/** Every candidate place: group 1 the name words, group 2 the place noun. */
export const PLACE = new RegExp(
  String.raw`(?<![\w'’.-])(${PLACE_NAME}) (${SUFFIX_KIND.map(([s]) => escapeRegExp(s)).join('|')})${NAME_END}`,
  'g',
);

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

/**
 * The candidate at a PLACE match, or undefined when the name is generic, a court, a national specialist
 * hospital, or part of an agency's name.
 */
export function placeCandidate(prose: string, m: RegExpExecArray): PlaceCandidate | undefined {
  const nameWords = m[1].split(' ');
  const suffix = m[2];
  const kind = SUFFIX_KIND.find(([s]) => s === suffix)?.[1];
  if (!kind) return undefined;
  const distinctive = nameWords.map((w) => w !== 'of' && w !== 'the' && !isDescriptor(w));
  const first = distinctive.indexOf(true);
  if (first === -1) return undefined;
  if (suffix === 'Court' && COURT_WORDS.has(nameWords[nameWords.length - 1])) return undefined;
  const end = m.index + m[0].length;
  if (PART_OF_LONGER_NAME.test(prose.slice(end, end + 40))) return undefined;
  if (NATIONAL_HOSPITALS.some((n) => m[0].includes(n))) return undefined;
  // Report from the first word that can be part of a name ("Little Acorns Nursery", not "In September …" or an
  // agency's initials before it).
  let from = 0;
  while (from < first && (LEADING_WORDS.has(nameWords[from]) || isAcronym(nameWords[from]))) from++;
  const offset = nameWords.slice(0, from).reduce((n, w) => n + w.length + 1, 0);
  // The key is the distinctive run, with a St or Saint just before it ("St Anselm's", "Brookfield").
  let keyStart = first;
  if (keyStart > 0 && /^(?:St\.?|Saint)$/.test(nameWords[keyStart - 1])) keyStart--;
  let keyEnd = first + 1;
  while (keyEnd < nameWords.length && distinctive[keyEnd]) keyEnd++;
  const key = nameWords.slice(keyStart, keyEnd).join(' ');
  return { start: m.index + offset, end, text: m[0].slice(offset), kind, key };
}

/** The candidate at a PLACE_NOUN_FIRST match, or undefined when the name is generic or an agency's. */
export function nounFirstCandidate(prose: string, m: RegExpExecArray): PlaceCandidate | undefined {
  const kind: PlaceKind = /Hospital|Infirmary/.test(m[1]) ? 'health' : 'worship';
  const words = m[2].split(' ');
  // The name stops before an agency's words: "University Hospital Southampton NHS Foundation Trust" is a trust.
  const agency = words.findIndex((w) => w === 'NHS' || w === 'Trust' || w === 'Foundation');
  if (agency !== -1) return undefined;
  const distinctive = words.filter((w) => !isDescriptor(w));
  if (!distinctive.length) return undefined;
  const end = m.index + m[0].length;
  if (PART_OF_LONGER_NAME.test(prose.slice(end, end + 40))) return undefined;
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
  return [PLACE, PLACE_NOUN_FIRST, PART_OF_LONGER_NAME, ...(Object.keys(KINDS) as PlaceKind[]).map((k) => backReferencePattern('Brookfield', k))];
}
