/**
 * identifying-detail: what would identify the child or family in a published review. NHS numbers (labelled,
 * or passing the modulus 11 check), National Insurance numbers, postcodes, full dates of birth, telephone
 * numbers, email addresses, social-media handles, vehicle registrations, police, court and case reference
 * numbers, street addresses, named places tied to the child or family (schools, surgeries, hospitals, day
 * centres, care homes, places of worship, streets and estates) and later short references back to them, real
 * names from a private names file (errors), full personal names that are not the review's pseudonyms, and a
 * family member's or carer's surname with a title ("Mr and Mrs Oduya").
 *
 * Contact details of an agency or the safeguarding partnership (a role mailbox, an office address, a helpline)
 * are not findings: they identify the publisher, not the family.
 */
import givenNamesData from '../data/given-names.json';
import { citationKeys, readBibliography } from '../citations.js';
import type { ReviewDocument } from '../document.js';
import type { LintHost, Range, ReportInput, Rule } from '../types.js';
import { childNames } from './child-names.js';
import { PART_OF_LONGER_NAME, backReferencePattern, kindInstead, kindWhat, NAME_RUN, nounFirstCandidate, PLACE_NOUN_FIRST, placeInRun, placePatterns, type PlaceCandidate } from './identifying-places.js';
import { matchProse, escapeRegExp } from './shared.js';

const GIVEN_NAMES = new Set((givenNamesData as { names: string[] }).names);
// Given names that are also everyday words at the start of a sentence or a phrase.
const NOT_NAMES = new Set(['Baby', 'Will', 'May', 'Grace', 'Hope', 'Dawn', 'Rose', 'June', 'Mark', 'Page', 'Bill', 'Joy', 'Faith', 'Sunny', 'Summer', 'Autumn', 'Winter', 'Angel', 'Lane', 'Holly', 'Ivy', 'Art', 'Guy', 'Rich', 'Rob', 'Sue', 'Pat', 'Don', 'Gene', 'Chase', 'Cash', 'Brook', 'Reed', 'Young', 'Case', 'Child', 'Christian', 'Major', 'Independent', 'Justice', 'Carter', 'Mason', 'Miles', 'Bishop', 'Dean', 'Parker', 'Hunter', 'Royal', 'King', 'Prince', 'Princess', 'Lord', 'General', 'Sergeant', 'Judge', 'Colonel', 'Deputy']);

// ---- dates of birth ----
const MONTHS = '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)';
const FULL_DATE = new RegExp(`\\b(?:\\d{1,2}[./-]\\d{1,2}[./-](?:19|20)?\\d{2}|\\d{1,2}(?:st|nd|rd|th)? ${MONTHS}\\.? (?:19|20)\\d{2}|${MONTHS}\\.? \\d{1,2}(?:st|nd|rd|th)?,? (?:19|20)\\d{2})\\b`, 'g');
const BIRTH_CUE = /\b(?:DOB|D\.O\.B\.?|date of birth|dates of birth|born on|born)\b/gi;
/** A table column of dates of birth: "DOB", "Date of birth", "Born". */
const BIRTH_HEADER = /\b(?:DOB|D\.O\.B|dates? of birth|born|birth ?date)\b/i;
/** After a full date, the birth as the event dated: "02/11/2023 … Baby M born at 38 weeks", "on 3 May 2019 Kai was born". */
const BORN_AFTER = /^[^\w\n]{0,12}(?:[\w'’-]{1,25}[\s|]{1,6}){0,5}?(?:born\b|birth of\b|[\w-]{1,25}['’]s birth\b)/i;

// ---- numbers and contact details ----
const NHS_NUMBER = /(?<![\d-])\d{3}[ -]?\d{3}[ -]?\d{4}(?![\d-])/g;
const NHS_LABEL = /\bNHS\s*(?:number|no\.?|#)(?:\s*(?:is|was|:))?\s*$/i;
/** National Insurance number: two prefix letters (not the unused pairs), six digits, a suffix letter. */
const NI_NUMBER = /\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/g;
const POSTCODE = /\b(?:GIR ?0AA|[A-PR-UWYZ](?:\d{1,2}|[A-HK-Y]\d{1,2}|\d[A-HJKPS-UW]|[A-HK-Y]\d[ABEHMNPRV-Y]) ?\d[ABD-HJLNP-UW-Z]{2})\b/g;
/** A postcode district on its own, where the text says it is one: "the HW7 postcode area", "postcode KG3". */
const POSTCODE_DISTRICT = /\b(?:[Pp]ostcode (?:area |district )?(?:of |was |is )?([A-PR-UWYZ][A-HK-Y]?\d[\dA-HJKPS-UW]?)(?! ?\d[A-Z]{2})\b|([A-PR-UWYZ][A-HK-Y]?\d[\dA-HJKPS-UW]?) postcode)/g;
// A full stop may end the sentence after the number; a full stop followed by a digit continues it.
const PHONE = /(?<![\d/.-])(?:\+44 ?\(?0?\)? ?|\(?0)\d{2,4}\)?[ -]?\d{3,4}[ -]?\d{3,4}(?![\d/-]|\.\d)/g;
/** Freephone and non-geographic numbers (0800, 0808, 03xx, 084x, 087x) belong to organisations, not families. */
const ORGANISATION_PHONE = /^(?:\+44 ?\(?0?\)? ?|\(?0)(?:80[08]|3\d\d|84\d|87\d)/;
// The address starts at the first word character of its run (as `\b[\w.+-]+@` would), but a run is entered only at
// its start, so a long run of dots and letters with no @ is scanned once, not once per character.
const EMAIL = /(?<![\w.+-])[.+-]*(\w[\w.+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)\b/g;
/** Domains of public bodies and charities: an address there is a professional's or an agency's. */
const ORGANISATION_DOMAIN = /\.(?:gov\.uk|gov\.wales|gov\.scot|llyw\.cymru|nhs\.uk|nhs\.net|police\.uk|org\.uk|ac\.uk|mod\.uk|parliament\.uk|gov|org)$/i;
/** Personal webmail: always a person's own address. */
const PERSONAL_DOMAIN = /@(?:gmail|googlemail|hotmail|outlook|live|msn|yahoo|ymail|icloud|me|mac|aol|btinternet|sky|virginmedia|talktalk|protonmail|proton|gmx|mail)\./i;
/** Role mailboxes: an office or a team, not a person. */
const ROLE_MAILBOX = /^(?:[\w-]+\.)?(?:info|enquiries|enquiry|admin|office|contact|reviews?|safeguarding|business|businessunit|team|hello|mash|referrals?|lscp|scp|sab|hscp|partnership|communications|comms|press|media|feedback|complaints|audit|noreply|no-reply)(?:[.-][\w-]+)?@/i;
/** A social-media handle: @ and up to 30 letters, digits, dots and underscores, not ending in a dot. */
const HANDLE = /(?<![\w.+@/-])@([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)(?![\w@])/g;
/** A handle written without its @ after the word for it: "her Snapchat username was kai_07". */
const NAMED_HANDLE = /\b(?:(?:Snapchat|Instagram|TikTok|Xbox|PlayStation|PSN|Roblox|Discord|Twitter|Telegram|Kik|Facebook|YouTube|WhatsApp) (?:(?:account|profile) )?(?:name|ID|handle|user ?name)|(?:account|profile) name|user ?name|gamer ?tag|screen ?name)s?\s{1,3}(?:(?:was|is|of|called)\s{1,3})?[:"“'‘]?\s?([A-Za-z0-9_.]{3,30})\b/gi;
/** A pandoc citation key in author-and-year form: "smith2020", "dfe2018neglect", "hm-government2023a". */
const AUTHOR_YEAR_KEY = /^[a-z][a-z-]{0,40}(?:19|20)\d\d[a-z]{0,20}$/;
const SOCIAL_MEDIA_CUE = /\b(?:social[ -]media|online|accounts?|handles?|user ?names?|profiles?|followers?|followed|posts?|posted|messaged|DMs?|direct messages?|gamertags?|screen ?names?|platforms?|Instagram|Insta|Snapchat|Snap|TikTok|Facebook|Twitter|WhatsApp|YouTube|Discord|Telegram|Twitch|Kik|Reddit|Threads|Xbox|PlayStation|Roblox|Fortnite|OnlyFans)\b/i;
/** Current-format registration: two letters, the age identifier, three letters ("KX19 TLB"). */
const VEHICLE_CURRENT = /\b[A-HJ-PR-Y][A-HJ-PR-Y](?:0[2-9]|[1-7]\d) [A-HJ-PR-Z]{3}\b/g;
/** Older formats (and the current one run together), taken only where the sentence is about a vehicle. */
const VEHICLE_OTHER = /\b(?:[A-HJ-PR-Y]{2}(?:0[2-9]|[1-7]\d)[A-HJ-PR-Z]{3}|[A-HJ-NP-Y]\d{1,3} ?[A-HJ-PR-Y]{3}|[A-HJ-PR-Y]{3} ?\d{1,3}[A-HJ-NP-Y])\b/g;
const VEHICLE_CUE = /\b(?:car|cars|vehicles?|van|taxi|minicab|moped|motorbike|motorcycle|scooter|registrations?|reg|number ?plates?|VRM|ANPR|driv(?:er|ers|ing|en)|drove|parked)\b/i;
/** Police crime references ("44/183920/23") and family court case numbers ("KG23C50123"), by shape. */
const REFERENCE_SHAPE = /(?<![\w/])(?:\d{2}\/\d{5,8}\/\d{2}|[A-Z]{2}\d{2}[A-Z]\d{5})(?![\w/])/g;
/** A labelled police, court or case-record reference: the label, then the reference with at least four digits. */
const REFERENCE_LABELLED = /\b(?:(?:crime|police|incident|occurrence|custody|arrest|CAD|court|case|claim|PNC|log|social care|Mosaic|LCS|EHM|Liquidlogic|client|person) (?:reference|ref\.?|number|no\.?|ID)|URN|CRN|PNC ID)(?:\s{1,3}(?:is|was|of|number|no\.?))?[\s:#]{1,4}([A-Z0-9][A-Z0-9/.-]{3,24})/gi;

// ---- streets and places ----
const STREET = /\b\d{1,4}[A-Za-z]?,? (?:[A-Z][a-z'’]+ ){1,3}(?:Close|Road|Street|Avenue|Lane|Drive|Way|Court|Crescent|Gardens|Place|Terrace|Grove|Walk|Rise|Hill|Square|Mews|View|Row|Parade|Green|End|Vale|Chase|Estate)\b/g;
/** Words that tie a named place to the child or family: going there, living there, or a family member. */
const CHILD_TIE = /\b(?:attend(?:s|ed|ing|ance)?|registered|enrolled|pupils?|on (?:the )?roll|went to|goes to|was at|moved to|started at|transferred to|admitted to|admission to|excluded from|discharged from|seen at|taken to|treated at|born at|placed at|placed in|stayed at|his|her|their|Child [A-Z]|Baby [A-Z]|Young Person [A-Z]|YP [A-Z]|Sibling [A-Z]|(?:Mr|Mrs|Ms|Miss|Mx) [A-Z])\b/;
const FAMILY_TIE = /\b(?:mother|father|mum|dad|parents?|stepmother|stepfather|step-parents?|grandmother|grandfather|grandparents?|grandma|grandad|nan|aunt|auntie|uncle|cousins?|brothers?|sisters?|siblings?|family|families|household|carers?|foster(?:ing)?|kinship|relatives?)\b/i;
/** People close to the family who are not relatives: a titled surname next to these is theirs. */
const PERSONAL_TIE = /\b(?:neighbours?|friends?|lodgers?|(?:ex-)?partner(?![\w-]| agenc)|boyfriends?|girlfriends?|husbands?|wives|wife|landlords?|landlady)\b/i;
/** Words that make a street, estate or building the family's home. */
const RESIDENCE_TIE = /\b(?:lived|lives|living|live|moved|moving|resided|resides|residing|housed|rehoused|home|homes|address|addresses|flat|house|maisonette|bungalow|tenancy|tenant|stayed|staying|placed|placement|neighbours?|rented|estate)\b/i;
/** Places whose later short references are looked for (each is one more scan of the document). */
const MAX_PLACES_FOLLOWED = 40;
/** Family surnames whose "the … family" mentions are looked for (one more scan of the document). */
const MAX_SURNAMES_FOLLOWED = 40;
const CHILD_PLACEHOLDER = /\b(?:Child|Baby|Young Person|YP|Sibling) [A-Z]\b/;
const REFERENCE_SECTION = /^(?:references|bibliography|sources|further reading|reading list|list of sources|works cited|notes|endnotes)$/i;

// ---- agency contacts ----
/** Where a detail is the publisher's or an agency's: "Contact for this report", "the HSCP business unit at". */
const AGENCY_CONTACT = /\b(?:contact (?:us|details for|for this)|contact the [\w-]+ (?:business|review|safeguarding)|business (?:unit|office|team|support|manager)|partnership|safeguarding (?:children |adults )?(?:board|partnership)|helplines?|advice line|Childline|NSPCC|Samaritans|comments on (?:this|the) (?:draft|report|review|summary)|(?:further|more) information|enquiries|published by|civic (?:offices|centre)|council offices|town hall|county hall|professionals who|the review team|(?:may|can|should) be (?:sent|emailed|addressed)|write to|follow us)\b/i;
/** Where the detail is the family's, whatever else the sentence says. */
const FAMILY_OWNED = /\b(?:mother|father|mum|dad|parents?|stepfather|stepmother|grandmother|grandfather|grandparents?|carers?|aunt|uncle|sister|brother|siblings?|family(?:'s)?|personal|private|home|his|her|their|Child [A-Z]|Baby [A-Z]|Young Person [A-Z]|YP [A-Z])\b/i;

// ---- names ----
const FULL_NAME = /\b([A-Z][a-z'’-]+) ((?:Mc|Mac|O'|O’)?[A-Z][a-z'’-]+(?:-[A-Z][a-z'’-]+)?)\b/g;
/** A title and a surname of two or more letters ("Mr and Mrs Oduya", "Mrs Patel"); "Ms R" is a pseudonym. */
const TITLED_SURNAME = /\b(?:Mr|Mrs|Ms|Miss|Mx)\.?(?: (?:and|&) (?:Mr|Mrs|Ms|Miss|Mx)\.?)? ((?:Mc|Mac|O'|O’)?[A-Z][a-z][a-z'’]*(?:-[A-Z][a-z'’]+)?)\b/g;
/** Words after Mr or Mrs that are not surnames: "Mr Justice Hayden", "Madam Speaker". */
const NOT_SURNAMES = new Set(['Justice', 'Speaker', 'President', 'Chairman', 'Deputy', 'Recorder']);
const PROFESSIONAL_BEFORE = /\b(?:Dr\.?|Doctor|Prof\.?|Professor|Cllr\.?|Councillor|Sir|Dame|Rev\.?|Reverend|DC|DS|DI|PC|Sgt\.?|Inspector|Judge|HHJ|the (?:independent )?reviewer|reviewer|chair(?:man|woman|person)?|author|lead reviewer|independent reviewer|director|head of service|chief executive|manager|headteacher|head teacher|officer|social worker|health visitor|nurse|midwife|consultant|commissioner|minister|MP)(?:\s*[:,])?\s*$/i;
const PROFESSIONAL_AFTER = /^\s*(?:,\s*)?(?:\(?(?:the )?(?:independent )?(?:reviewer|chair|author|lead reviewer|director|head of service|chief executive|headteacher|consultant|commissioner)\b|,? (?:MP|QC|KC|OBE|MBE|CBE)\b)/i;
/** A role in apposition after a titled name: "Mrs Patel, the class teacher," or "Mr Hughes (social worker)". */
const ROLE_AFTER = /^\s{0,2}[,(]\s{0,2}(?:the |a |an |her |his |their )?(?:[\w'’-]{1,25} ){0,3}?(?:teacher|headteacher|worker|head|nurse|officer|doctor|GP|manager|reviewer|chair|practitioner|midwife|visitor|consultant|therapist|psychologist|psychiatrist|paediatrician|SENCO|lead|co-?ordinator|solicitor|barrister|judge|magistrate|guardian|clinician|inspector|constable|sergeant|detective|director|adviser|advisor|mentor|coach|tutor|counsellor|lawyer|advocate|chaplain|imam|vicar|priest|pastor)s?\b/i;

function nhsChecksumValid(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  let check = 11 - (sum % 11);
  if (check === 11) check = 0;
  return check !== 10 && check === Number(digits[9]);
}

/** How far either side of a detail its sentence or row is looked for: ties are near, and a huge line stays cheap. */
const CONTEXT_REACH = 300;

function sentenceBounds(doc: ReviewDocument, range: Range): Range {
  const block = doc.blockAt(range.start);
  const start = Math.max(block ? block.range.start : 0, range.start - CONTEXT_REACH);
  const end = Math.min(block ? block.range.end : doc.prose.length, range.end + CONTEXT_REACH);
  const before = doc.prose.slice(start, range.start);
  const cut = Math.max(before.lastIndexOf('. '), before.lastIndexOf('? '), before.lastIndexOf('! '));
  const after = doc.prose.slice(range.end, end);
  const stop = after.search(/[.!?](?:\s|$)/);
  return { start: cut === -1 ? start : start + cut + 2, end: stop === -1 ? end : range.end + stop + 1 };
}

/** The record a detail is in: its table row (a row is one record), else its sentence. */
function contextBounds(doc: ReviewDocument, range: Range): Range {
  const block = doc.blockAt(range.start);
  if (block?.kind === 'tableCell') {
    const from = Math.max(0, range.start - CONTEXT_REACH);
    const lineStart = doc.prose.slice(from, range.start).lastIndexOf('\n');
    const lineEnd = doc.prose.slice(range.end, range.end + CONTEXT_REACH).indexOf('\n');
    return { start: lineStart === -1 ? from : from + lineStart + 1, end: lineEnd === -1 ? Math.min(doc.prose.length, range.end + CONTEXT_REACH) : range.end + lineEnd };
  }
  return sentenceBounds(doc, range);
}

/** How many rows above a table cell its header row is looked for. */
const MAX_TABLE_ROWS = 200;

/** The row under a table's header: only pipes, hyphens, colons and spaces ("|------|:---:|"). */
function isDelimiterRow(line: string): boolean {
  return line.includes('-') && [...line].every((c) => '|-: \t'.includes(c));
}

/** The header of the table column a cell is in ("Date of birth" above "| Child S | 17/04/2015 |"), if any. */
function columnHeader(doc: ReviewDocument, offset: number): string | undefined {
  const { line } = doc.positionAt(offset);
  const lineText = (n: number) => doc.text.slice(doc.lineStarts[n], n + 1 < doc.lineStarts.length ? doc.lineStarts[n + 1] : doc.text.length).replace(/\r?\n$/, '');
  const cells = (text: string) => text.trim().replace(/^\|/, '').split('|');
  const row = lineText(line);
  const column = cells(row.slice(0, offset - doc.lineStarts[line])).length - 1;
  for (let n = line - 1; n > 0 && n >= line - MAX_TABLE_ROWS; n--) {
    const text = lineText(n);
    if (!text.includes('|')) return undefined;
    if (isDelimiterRow(text)) return cells(lineText(n - 1))[column];
  }
  return undefined;
}

function contextText(doc: ReviewDocument, range: Range): string {
  const { start, end } = contextBounds(doc, range);
  return doc.prose.slice(start, end);
}

/** A detail that belongs to an agency or the partnership, in a sentence that says nothing of the family. */
function agencyContact(context: string): boolean {
  return AGENCY_CONTACT.test(context) && !FAMILY_OWNED.test(context);
}

function inReferenceSection(doc: ReviewDocument, offset: number): boolean {
  for (let s: ReturnType<ReviewDocument['sectionAt']> | undefined = doc.sectionAt(offset); s; s = s.parent) {
    if (s.heading && REFERENCE_SECTION.test(s.heading.title.trim())) return true;
  }
  return false;
}

/** Pseudonyms declared in front matter (`pseudonyms:`) or in the text. */
export function declaredPseudonyms(doc: ReviewDocument): Set<string> {
  const names = new Set<string>();
  const fm = doc.frontMatter.data?.pseudonyms;
  const add = (v: unknown) => {
    if (typeof v === 'string') for (const part of v.split(/\s+/)) if (part) names.add(part.replace(/['’]s$/, ''));
  };
  if (Array.isArray(fm)) fm.forEach(add);
  else if (fm && typeof fm === 'object') Object.values(fm as Record<string, unknown>).forEach(add);
  else add(fm);
  // A name is entered at a word boundary but not just after a hyphen or apostrophe inside a word ("Mary-Anne",
  // "O'Brien" are entered at their start), so a long hyphenated run is not rescanned from each of its parts.
  const declarations = [
    /\b(?<![\w'’-][-'’])([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?) (?:is|are|was) (?:a |the )?pseudonyms?\b/g,
    /\b(?:referred to|known) (?:in this (?:review|report) )?as ['‘"“]?([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?)/g,
    /\b(?<![\w'’-][-'’])([A-Z][\w'’-]+) \((?:not (?:her|his|their) real name|a pseudonym|pseudonym)\)/g,
  ];
  for (const re of declarations) for (const m of doc.prose.matchAll(re)) add(m[1]);
  return names;
}

function privateNames(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/#.*/, '').trim())
    .filter((l) => l.length > 1);
}

/** `text` without the given characters at its end (a loop: `/[.-]+$/` backtracks on a long run of them). */
function trimEnd(text: string, characters: string): string {
  let end = text.length;
  while (end > 0 && characters.includes(text[end - 1])) end--;
  return text.slice(0, end);
}


/** The child's names (pseudonyms) as a pattern, so that a sentence naming only "Kai" is tied to the child. */
function childNamePattern(doc: ReviewDocument): RegExp | undefined {
  const names = childNames(doc).filter((n) => n.length > 1);
  if (!names.length) return undefined;
  return new RegExp(`(?<![\\w'’-])(?:${names.map(escapeRegExp).join('|')})(?![\\w-])`);
}

function citationKeySet(doc: ReviewDocument, host: LintHost): Set<string> {
  const keys = new Set(citationKeys(doc).map((k) => k.key));
  for (const k of readBibliography(doc, host).keys) keys.add(k);
  return keys;
}

const SOURCE = 'SCIE quality markers for case reviews (the report): publish without redaction, keep family details to a minimum; judicial anonymisation guidance';

const rule: Rule & { compiledPatterns(): RegExp[] } = {
  meta: {
    id: 'identifying-detail',
    description: 'Details that would identify the child or family: names, dates of birth, addresses, postcodes, NHS, phone and reference numbers, emails, social-media handles, vehicle registrations, and named schools, surgeries, hospitals and other places.',
    defaultSeverity: 'warning',
    theme: 'anonymisation',
    fixable: true,
    optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  compiledPatterns() {
    return [FULL_DATE, ...placePatterns()];
  },
  check({ doc, config, host, report }) {
    const found: ReportInput[] = [];
    // Ranges already reported, kept sorted and disjoint: a new one overlaps only its neighbours.
    const taken: Range[] = [];
    const claim = (r: Range): boolean => {
      let lo = 0;
      let hi = taken.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (taken[mid].start < r.start) lo = mid + 1;
        else hi = mid;
      }
      if ((lo > 0 && taken[lo - 1].end > r.start) || (lo < taken.length && taken[lo].start < r.end)) return false;
      taken.splice(lo, 0, r);
      return true;
    };
    const add = (range: Range, message: string, instead: string, extra: Partial<ReportInput> = {}): boolean => {
      if (!claim(range)) return false;
      found.push({ range, message: `${message}: ${instead}.`, explanation: { why: 'A published review must not identify the child or family; details like this make jigsaw identification easy.', alternatives: [instead], source: SOURCE }, ...extra });
      return true;
    };
    const at = (m: { index: number; 0: string }): Range => ({ start: m.index, end: m.index + m[0].length });
    const context = (range: Range) => contextText(doc, range);

    // Real names from the private names file: errors wherever they appear, prose or not (front matter, code,
    // comments and link targets are published too).
    if (config.namesFile) {
      const read = host.readFile ? host.readFile(config.namesFile) : { error: 'files cannot be read here' };
      if ('error' in read) {
        // Not a quiet notice: a pre-publication check that could not look for real names has not passed.
        found.push({
          range: doc.titleRange(),
          message: `The private names file could not be read (${read.error}), so real names were not looked for: check the "namesFile" setting.`,
          explanation: { why: 'The names file lists the real names that must never appear in the published review.', alternatives: ['fix the path in "namesFile", or remove the setting'], source: SOURCE },
        });
      } else {
        for (const name of privateNames(read.text)) {
          const re = new RegExp(`(?<![\\w])${escapeRegExp(name).replace(/ +/g, '\\s+')}(?:['’]s)?(?![\\w])`, 'gi');
          for (const m of doc.text.matchAll(re) as IterableIterator<RegExpMatchArray & { index: number }>) {
            add(at(m), `'${m[0]}' is a real name from the private names file`, 'use the pseudonym', {
              severity: 'error',
              suggestions: [{ title: 'Replace with a pseudonym placeholder', edits: [{ start: m.index, end: m.index + m[0].length, newText: '[pseudonym]' }] }],
            });
          }
        }
      }
    }

    // Dates of birth: a full date after a birth cue (in a table, anywhere later in the row), or a full date
    // whose event is the birth ("| 02/11/2023 | Maternity | Baby M born at 38 weeks |").
    const dateOfBirth = (range: Range, date: string) =>
      add(range, `'${date}' is a full date of birth`, 'give the age, or the month and year', { suggestions: [{ title: 'Replace with the month and year', edits: [{ ...range, newText: '[month and year]' }] }] });
    for (const cue of matchProse(doc, BIRTH_CUE)) {
      const cueRange = at(cue);
      const block = doc.blockAt(cue.index);
      const limit = block?.kind === 'tableCell' ? contextBounds(doc, cueRange).end : sentenceBounds(doc, cueRange).end;
      const window = { start: cue.index, end: Math.min(limit, cue.index + cue[0].length + 80) };
      FULL_DATE.lastIndex = 0;
      const d = FULL_DATE.exec(doc.prose.slice(window.start, window.end));
      if (d) dateOfBirth({ start: window.start + d.index, end: window.start + d.index + d[0].length }, d[0]);
    }
    for (const d of matchProse(doc, FULL_DATE)) {
      const range = at(d);
      const end = contextBounds(doc, range).end;
      if (BORN_AFTER.test(doc.prose.slice(range.end, Math.min(end, range.end + 80)))) dateOfBirth(range, d[0]);
      else if (doc.blockAt(range.start)?.kind === 'tableCell' && BIRTH_HEADER.test(columnHeader(doc, range.start) ?? '')) dateOfBirth(range, d[0]);
    }

    for (const m of matchProse(doc, NHS_NUMBER)) {
      const digits = m[0].replace(/\D/g, '');
      const labelled = NHS_LABEL.test(doc.prose.slice(Math.max(0, m.index - 30), m.index));
      if (labelled || nhsChecksumValid(digits)) add(at(m), `'${m[0]}' looks like an NHS number`, 'remove it');
    }
    for (const m of matchProse(doc, NI_NUMBER)) add(at(m), `'${m[0]}' looks like a National Insurance number`, 'remove it');
    for (const m of matchProse(doc, REFERENCE_SHAPE)) add(at(m), `'${m[0]}' looks like a police or court reference number`, 'remove it; say "the police investigation" or "the care proceedings" instead');
    for (const m of matchProse(doc, REFERENCE_LABELLED)) {
      const value = trimEnd(m[1], '.-');
      if ((value.match(/\d/g) ?? []).length < 4) continue;
      const start = m.index + m[0].length - m[1].length;
      add({ start, end: start + value.length }, `'${value}' is a police, court or case-record reference number`, 'remove it; say "the police investigation", "the care proceedings" or "the case record" instead');
    }
    for (const m of matchProse(doc, POSTCODE)) {
      if (agencyContact(context(at(m)))) continue;
      add(at(m), `'${m[0]}' is a postcode`, 'name the area more generally, or leave it out');
    }
    for (const m of matchProse(doc, POSTCODE_DISTRICT)) {
      const district = m[1] ?? m[2];
      const start = m.index + m[0].indexOf(district);
      const range = { start, end: start + district.length };
      if (agencyContact(context(range))) continue;
      add(range, `'${district}' is a postcode district`, 'name the area more generally, e.g. "the east of the borough", or leave it out');
    }
    for (const m of matchProse(doc, EMAIL)) {
      const end = m.index + m[0].length;
      const range = { start: end - m[1].length, end };
      const address = m[1];
      if (!PERSONAL_DOMAIN.test(address)) {
        const ctx = context(range);
        const domain = address.slice(address.indexOf('@'));
        if (agencyContact(ctx) || ORGANISATION_DOMAIN.test(domain) || (ROLE_MAILBOX.test(address) && !FAMILY_OWNED.test(ctx))) continue;
      }
      add(range, `'${address}' is an email address`, 'remove it');
    }
    for (const m of matchProse(doc, PHONE)) {
      const digits = m[0].replace(/\D/g, '');
      if (digits.length < 10 || digits.length > 12) continue;
      if (ORGANISATION_PHONE.test(m[0]) || agencyContact(context(at(m)))) continue;
      // "(07700 900461" without its closing bracket: the bracket belongs to the sentence, not the number.
      const open = m[0].startsWith('(') && !m[0].includes(')') ? 1 : 0;
      const number = m[0].slice(open);
      add({ start: m.index + open, end: m.index + m[0].length }, `'${number}' is a telephone number`, 'remove it');
    }

    // Social-media handles, in a sentence about accounts or platforms; a citation key is not a handle.
    let keys: Set<string> | undefined;
    for (const m of matchProse(doc, HANDLE)) {
      const ctx = context(at(m));
      if (!SOCIAL_MEDIA_CUE.test(ctx) || agencyContact(ctx)) continue;
      keys ??= citationKeySet(doc, host);
      const before = doc.prose.slice(Math.max(0, m.index - 60), m.index);
      if (keys.has(m[1]) || before.lastIndexOf('[') > before.lastIndexOf(']')) continue;
      // In a review that cites with pandoc keys, an author-and-year word ("@smith2020 found") is a citation.
      if (keys.size && AUTHOR_YEAR_KEY.test(m[1])) continue;
      add(at(m), `'${m[0]}' is a social-media handle`, 'remove it; say "a social-media account" or name only the platform');
    }
    for (const m of matchProse(doc, NAMED_HANDLE)) {
      const value = trimEnd(m[1], '.');
      if (!/[A-Za-z]/.test(value) || !/[\d_.]/.test(value)) continue;
      const start = m.index + m[0].length - m[1].length;
      add({ start, end: start + value.length }, `'${value}' is a social-media or gaming username`, 'remove it; say "a social-media account" or name only the platform');
    }

    for (const m of matchProse(doc, VEHICLE_CURRENT)) add(at(m), `'${m[0]}' looks like a vehicle registration`, 'remove it; say "a car" or describe the vehicle generally');
    for (const m of matchProse(doc, VEHICLE_OTHER)) {
      if (!VEHICLE_CUE.test(context(at(m)))) continue;
      add(at(m), `'${m[0]}' looks like a vehicle registration`, 'remove it; say "a car" or describe the vehicle generally');
    }

    for (const m of matchProse(doc, STREET)) {
      if (agencyContact(context(at(m)))) continue;
      add(at(m), `'${m[0]}' is a street address`, 'describe the home without the address, e.g. "a first-floor flat"');
    }

    // Named places tied to the child or family, then every other mention of the same place.
    const names = childNamePattern(doc);
    const tiedToChild = (ctx: string) => CHILD_TIE.test(ctx) || FAMILY_TIE.test(ctx) || !!names?.test(ctx);
    const tiedToHome = (ctx: string) => RESIDENCE_TIE.test(ctx) || CHILD_PLACEHOLDER.test(ctx) || !!names?.test(ctx);
    const placeMessage = (text: string, kind: PlaceCandidate['kind'], later: boolean) =>
      later
        ? `'${text}' is a short name for the ${kindWhat(kind)} named earlier, so it identifies the place too`
        : `'${text}' names the ${kindWhat(kind)}${kind === 'residence' ? '' : ' the family used'}, which could identify them`;
    const places = new Map<string, PlaceCandidate['kind']>();
    const candidates = [
      ...[...matchProse(doc, NAME_RUN)].map((m) => placeInRun(doc.prose, m)),
      ...[...matchProse(doc, PLACE_NOUN_FIRST)].map((m) => nounFirstCandidate(doc.prose, m)),
    ];
    for (const place of candidates) {
      if (!place || inReferenceSection(doc, place.start)) continue;
      const range = { start: place.start, end: place.end };
      const ctx = context(range);
      if (agencyContact(ctx)) continue;
      if (!(place.kind === 'residence' ? tiedToHome(ctx) : tiedToChild(ctx))) continue;
      add(range, placeMessage(place.text, place.kind, false), kindInstead(place.kind));
      if (place.key.length > 2 && places.size < MAX_PLACES_FOLLOWED) places.set(place.key, place.kind);
    }
    for (const [key, kind] of places) {
      for (const m of matchProse(doc, backReferencePattern(key, kind))) {
        const end = m.index + m[0].length;
        if (PART_OF_LONGER_NAME.test(doc.prose.slice(end, end + 40)) || inReferenceSection(doc, m.index)) continue;
        add(at(m), placeMessage(m[0], kind, true), kindInstead(kind));
      }
    }

    const pseudonyms = declaredPseudonyms(doc);
    // Surnames of the family and the people around them, found below; their later mentions are findings too.
    const surnames = new Set<string>();
    for (const m of matchProse(doc, FULL_NAME)) {
      const [whole, given, surname] = m;
      if (!GIVEN_NAMES.has(given) || NOT_NAMES.has(given) || NOT_NAMES.has(surname)) continue;
      if (pseudonyms.has(given) || pseudonyms.has(surname) || pseudonyms.has(whole)) continue;
      if (/^(?:Safeguarding|Children|Partnership|Council|Hospital|Trust|Service|Services|Team|Street|Road|School|Academy|Practice|Court|House|Centre|Review|Panel|Board|University|College|Close|Avenue|Lane)$/.test(surname)) continue;
      const before = doc.prose.slice(Math.max(0, m.index - 40), m.index);
      const after = doc.prose.slice(m.index + whole.length, m.index + whole.length + 40);
      if (PROFESSIONAL_BEFORE.test(before) || PROFESSIONAL_AFTER.test(after)) continue;
      if (add({ start: m.index, end: m.index + whole.length }, `'${whole}' looks like a person's full name`, 'use the pseudonym or describe the person by their relationship (e.g. "Mr D\'s sister")')) surnames.add(surname);
    }

    // A family member's or carer's surname with a title ("foster carers, Mr and Mrs Oduya"), then every other
    // mention of that surname (or of a full name's) with a title, and "the Oduya family". A professional named
    // with a role is not a finding.
    const titled: { range: Range; surname: string }[] = [];
    for (const m of matchProse(doc, TITLED_SURNAME)) {
      const surname = m[1].replace(/['’]s$/, '');
      if (pseudonyms.has(surname) || pseudonyms.has(m[0]) || NOT_SURNAMES.has(surname)) continue;
      const range = at(m);
      titled.push({ range, surname });
      const after = doc.prose.slice(range.end, range.end + 60);
      const before = doc.prose.slice(Math.max(0, range.start - 40), range.start);
      if (ROLE_AFTER.test(after) || PROFESSIONAL_BEFORE.test(before) || PROFESSIONAL_AFTER.test(after)) continue;
      const ctx = context(range);
      if (FAMILY_TIE.test(ctx) || PERSONAL_TIE.test(ctx)) surnames.add(surname);
    }
    for (const t of titled) {
      if (!surnames.has(t.surname)) continue;
      const after = doc.prose.slice(t.range.end, t.range.end + 60);
      if (ROLE_AFTER.test(after)) continue;
      const text = doc.prose.slice(t.range.start, t.range.end);
      add(t.range, `'${text}' names a family member or carer by their surname`, 'describe them by their relationship to the child, e.g. "the foster carers" or "Mother\'s partner"');
    }
    const known = [...surnames].filter((n) => !pseudonyms.has(n)).slice(0, MAX_SURNAMES_FOLLOWED);
    if (known.length) {
      const familyName = new RegExp(`(?<![\\w'’-])(?:${known.map(escapeRegExp).join('|')})(?:['’]s)? (?:family|families|household|children|home)\\b`, 'g');
      for (const m of matchProse(doc, familyName)) {
        add(at(m), `'${m[0]}' names the family by their surname`, 'use the review\'s pseudonym for the family (e.g. "Family W") or describe them by relationship');
      }
    }

    found.sort((a, b) => a.range.start - b.range.start);
    for (const f of found) report(f);
  },
};

export default rule;
