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
import { PART_OF_LONGER_NAME, backReferencePattern, kindInstead, kindWhat, NAME_RUN, nounFirstCandidate, PLACE_NOUN_FIRST, placeInRun, placePatterns, type PlaceCandidate, type PlaceKind } from './identifying-places.js';
import { escapeRegExp, isDelimiterRow, matchesIn, matchProse, NONE_MATCHED } from './shared.js';
import { childNamesByGroup, ownCopy, sameOutside, Scope, scopeOf, sharedGroups, wholeDocument, WorkCounter, type BlockGroup, type DocumentMatches, type GroupedMatches, type GroupIndex, type Outside } from './block-groups.js';

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

// ---- exact conditions ----
/** A condition named after people or places ("Wolf-Hirschhorn syndrome", "Batten disease"): often rare. */
// Starts only where a word starts after something that cannot be part of a name, so it never rescans a long run.
const NAMED_CONDITION = /(?<![\w'’-])([A-Z][a-z'’]+(?:-[A-Z][a-z'’]+){0,3}(?: [A-Z][a-z'’]+(?:-[A-Z][a-z'’]+){0,3}){0,2}) (?:syndrome|disease)\b/g;
/** Named conditions common enough not to single anyone out, and names of harm rather than of a condition. */
const COMMON_CONDITION = /^(?:Kidney|Heart|Liver|Lung|Bowel|Skin|Bone|Blood|Thyroid|Sickle Cell|Motor Neurone|Mental|Chronic|Genetic|Rare|Inflammatory|Infectious|Autoimmune|Rheumatic|Down|Down['’]s|Asperger|Asperger['’]s|Tourette|Tourette['’]s|Crohn|Crohn['’]s|Alzheimer|Alzheimer['’]s|Parkinson|Parkinson['’]s|Lyme|Graves|Graves['’]|Sudden Infant Death|Shaken Baby|Foetal Alcohol|Fetal Alcohol|Munchausen|Munchausen['’]s|Stockholm|Toxic Shock|Irritable Bowel|Coeliac|Celiac)$/i;
/** The condition is a particular person's: she has it, he was diagnosed with it, her diagnosis (not "children with it"). */
const CONDITION_TIE = /\b(?:(?:she|he|who) (?:has|had|was diagnosed|lives with|lived with)|(?:his|her) (?:diagnosis|condition)|born with)\b/i;

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
/** What else a capitalised word in brackets after a child's label may be. */
const LABEL_DESCRIPTOR = /^(?:Deceased|Died|Stillborn|Unborn|Newborn|Female|Male|Girl|Boy|Twin|Twins|Triplet|Sibling|Siblings|Son|Daughter|Brother|Sister|Half-sister|Half-brother|Stepbrother|Stepsister|Stepson|Stepdaughter|Cousin|Niece|Nephew|Grandchild|Grandson|Granddaughter|Eldest|Oldest|Youngest|Middle|Pseudonym|Aged|Age|Now|Then|Later|Formerly|Subject|Index|Elder|Younger|Half-sibling|Stepchild|Adopted|Fostered|Infant|Baby|Toddler|Teenager|Adult|Missing|Disabled)$/;
const BRACKETED_NAME = /\b(?:Child|Baby|Young Person|YP|Sibling) (?:[A-Z]|\d{1,2})\b[ \t*_]{0,6}\(([A-Z][a-z'’-]{1,20})\)/g;
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

function sentenceBounds(doc: ReviewDocument, scope: Scope, range: Range): Range {
  const block = doc.blockAt(range.start);
  const start = Math.max(block ? block.range.start : 0, range.start - CONTEXT_REACH);
  const end = Math.min(block ? block.range.end : doc.prose.length, range.end + CONTEXT_REACH);
  // Within a block the bounds are the block's; outside every block they are offsets into the document.
  scope.touch(block ? start : range.start - CONTEXT_REACH, block ? end : range.end + CONTEXT_REACH);
  const before = doc.prose.slice(start, range.start);
  const cut = Math.max(before.lastIndexOf('. '), before.lastIndexOf('? '), before.lastIndexOf('! '));
  const after = doc.prose.slice(range.end, end);
  const stop = after.search(/[.!?](?:\s|$)/);
  return { start: cut === -1 ? start : start + cut + 2, end: stop === -1 ? end : range.end + stop + 1 };
}

/** The record a detail is in: its table row (a row is one record), else its sentence. */
function contextBounds(doc: ReviewDocument, scope: Scope, range: Range): Range {
  const block = doc.blockAt(range.start);
  if (block?.kind === 'tableCell') {
    const from = Math.max(0, range.start - CONTEXT_REACH);
    const lineStart = doc.prose.slice(from, range.start).lastIndexOf('\n');
    const lineEnd = doc.prose.slice(range.end, range.end + CONTEXT_REACH).indexOf('\n');
    const start = lineStart === -1 ? from : from + lineStart + 1;
    const end = lineEnd === -1 ? Math.min(doc.prose.length, range.end + CONTEXT_REACH) : range.end + lineEnd;
    // Between a group and the line feed before or after it there is only white space, which no test of a row's
    // text (all between word boundaries) tells from the row's start or end: the row is cut at the group's edges.
    return { start: Math.max(start, scope.lo), end: Math.min(end, scope.hi) };
  }
  return sentenceBounds(doc, scope, range);
}

/** Characters a window's test may skip over before it needs a word: white space and some punctuation. */
function onlySoft(text: string, soft: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r' && !soft.includes(c)) return false;
  }
  return true;
}

/**
 * The `length` characters after `at`, for a test anchored at the window's start that can cross white space only
 * over the characters in `soft` before its first word, and needs words after that (PROFESSIONAL_AFTER, ROLE_AFTER).
 * Such a test cannot cross the gap after a group once it has met a word, so when the part inside the group holds
 * any other character, that part decides it alone; otherwise the window is read outside the group.
 */
function windowAfter(doc: ReviewDocument, scope: Scope, at: number, length: number, soft: string): string {
  if (at + length > scope.hi && at < scope.hi) {
    const inside = doc.prose.slice(at, scope.hi);
    if (!onlySoft(inside, soft)) return inside;
  }
  return scope.slice(doc.prose, at, at + length);
}

/**
 * The `length` characters before `at`, for a test anchored at the window's end whose words cannot cross a line feed
 * and which allows only white space and the characters in `soft` after them (PROFESSIONAL_BEFORE): when the part
 * inside the group holds any other character, the words are inside the group too.
 */
function windowBefore(doc: ReviewDocument, scope: Scope, at: number, length: number, soft: string): string {
  if (at - length < scope.lo && at > scope.lo) {
    const inside = doc.prose.slice(scope.lo, at);
    if (!onlySoft(inside, soft)) return inside;
  }
  return scope.slice(doc.prose, at - length, at);
}

/** How many rows above a table cell its header row is looked for. */
const MAX_TABLE_ROWS = 200;

/** The row under a table's header: only pipes, hyphens, colons and spaces ("|------|:---:|"). */

/** The header of the table column a cell is in ("Date of birth" above "| Child S | 17/04/2015 |"), if any. */
function columnHeader(doc: ReviewDocument, scope: Scope, offset: number): string | undefined {
  const { line } = doc.positionAt(offset);
  const lineText = (n: number) => {
    const end = n + 1 < doc.lineStarts.length ? doc.lineStarts[n + 1] : doc.text.length;
    scope.touchText(doc.lineStarts[n], end);
    return doc.text.slice(doc.lineStarts[n], end).replace(/\r?\n$/, '');
  };
  const cells = (text: string) => text.trim().replace(/^\|/, '').split('|');
  scope.touchText(doc.lineStarts[line], offset);
  const column = cells(doc.text.slice(doc.lineStarts[line], offset)).length - 1;
  for (let n = line - 1; n >= line - MAX_TABLE_ROWS; n--) {
    // The first line of the document is never a header row here: the answer depends on where the table is.
    if (n <= 0) {
      scope.unstable = true;
      return undefined;
    }
    const text = lineText(n);
    if (!text.includes('|')) return undefined;
    if (isDelimiterRow(text)) return cells(lineText(n - 1))[column];
  }
  return undefined;
}

function contextText(doc: ReviewDocument, scope: Scope, range: Range): string {
  const { start, end } = contextBounds(doc, scope, range);
  return doc.prose.slice(start, end);
}

/** A detail that belongs to an agency or the partnership, in a sentence that says nothing of the family. */
function agencyContact(context: string): boolean {
  return AGENCY_CONTACT.test(context) && !FAMILY_OWNED.test(context);
}

/** The ranges of sections headed References, Bibliography and the like (with their subsections). */
function referenceSections(doc: ReviewDocument): Range[] {
  return doc.sections.filter((s) => s.heading && REFERENCE_SECTION.test(s.heading.title.trim())).map((s) => s.range);
}

// Pseudonym declarations. A name is entered at a word boundary but not just after a hyphen or apostrophe inside a
// word ("Mary-Anne", "O'Brien" are entered at their start), so a long hyphenated run is not rescanned from each of
// its parts.
const DECLARATIONS = [
  /\b(?<![\w'’-][-'’])([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?) (?:is|are|was) (?:a |the )?pseudonyms?\b/g,
  /\b(?:referred to|known) (?:in this (?:review|report) )?as ['‘"“]?([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?)/g,
  /\b(?<![\w'’-][-'’])([A-Z][\w'’-]+) \((?:not (?:her|his|their) real name|a pseudonym|pseudonym)\)/g,
];

function addPseudonym(names: Set<string>, v: unknown): void {
  if (typeof v === 'string') for (const part of v.split(/\s+/)) if (part) names.add(part.replace(/['’]s$/, ''));
}

function frontMatterPseudonyms(doc: ReviewDocument): Set<string> {
  const names = new Set<string>();
  const fm = doc.frontMatter.data?.pseudonyms;
  if (Array.isArray(fm)) fm.forEach((v) => addPseudonym(names, v));
  else if (fm && typeof fm === 'object') Object.values(fm as Record<string, unknown>).forEach((v) => addPseudonym(names, v));
  else addPseudonym(names, fm);
  return names;
}

/** Pseudonyms declared in front matter (`pseudonyms:`) or in the text. */
export function declaredPseudonyms(doc: ReviewDocument): Set<string> {
  const names = frontMatterPseudonyms(doc);
  for (const re of DECLARATIONS) for (const m of doc.prose.matchAll(re)) addPseudonym(names, m[1]);
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
function childNamePattern(names: string[]): RegExp | undefined {
  if (!names.length) return undefined;
  return new RegExp(`(?<![\\w'’-])(?:${names.map(escapeRegExp).join('|')})(?![\\w-])`);
}


const SOURCE = 'SCIE quality markers for case reviews (the report): publish without redaction, keep family details to a minimum; judicial anonymisation guidance';

// ---- detection, group by group ----
//
// Each kind of detail is found by one pattern and decided from the text around the match. The decision reads only
// the match's sentence, row or a short window beside it, so it is made once per group of blocks and cached (see
// block-groups.ts); a decision whose window leaves the group is made again on the whole document at each lint.
// Which details are reported is settled on the whole document: overlapping details (the first found wins), places
// tied anywhere and their later short references, surnames and the family's name, pseudonyms, citation keys, and
// the References section.

/** What a decision gives: the detail's range, and what the document-level pass needs of it. */
interface Outcome {
  start: number;
  end: number;
  kind?: PlaceKind;
  /** A place's distinctive name. */
  key?: string;
  /** Handles: a '[' is open before it. Titled surnames: a role follows ("Mrs Patel, the class teacher"). */
  flag?: boolean;
  /** Titled surnames: tied to the family or people close to it (not a professional). */
  tie?: boolean;
}

interface Decider {
  pattern: RegExp;
  decide(doc: ReviewDocument, scope: Scope, m: RegExpExecArray, names: RegExp | undefined): Outcome | undefined;
}

const span = (m: { index: number; 0: string }): Outcome => ({ start: m.index, end: m.index + m[0].length });

/**
 * The words after a place noun, for PART_OF_LONGER_NAME: a literal space and then words, so it never reaches past
 * the white space after a group and what is inside the group decides it.
 */
function partAfter(doc: ReviewDocument, scope: Scope, at: number, length: number): string {
  return doc.prose.slice(at, Math.min(at + length, scope.hi));
}

function placeOutcome(doc: ReviewDocument, scope: Scope, place: PlaceCandidate | undefined, names: RegExp | undefined): Outcome | undefined {
  if (!place) return undefined;
  const ctx = contextText(doc, scope, { start: place.start, end: place.end });
  if (agencyContact(ctx)) return undefined;
  const tied = place.kind === 'residence' ? RESIDENCE_TIE.test(ctx) || CHILD_PLACEHOLDER.test(ctx) || !!names?.test(ctx) : CHILD_TIE.test(ctx) || FAMILY_TIE.test(ctx) || !!names?.test(ctx);
  return tied ? { start: place.start, end: place.end, kind: place.kind, key: place.key } : undefined;
}

/** In the order the details are claimed: where two overlap, the earlier kind wins. */
const DETECTORS = {
  // Dates of birth: a full date after a birth cue (in a table, anywhere later in the row), or a full date whose
  // event is the birth ("| 02/11/2023 | Maternity | Baby M born at 38 weeks |").
  dobCue: {
    pattern: BIRTH_CUE,
    decide(doc, scope, cue) {
      const cueRange = span(cue);
      const block = doc.blockAt(cue.index);
      const limit = block?.kind === 'tableCell' ? contextBounds(doc, scope, cueRange).end : sentenceBounds(doc, scope, cueRange).end;
      const window = { start: cue.index, end: Math.min(limit, cue.index + cue[0].length + 80) };
      FULL_DATE.lastIndex = 0;
      const d = FULL_DATE.exec(scope.slice(doc.prose, window.start, window.end));
      FULL_DATE.lastIndex = 0;
      return d ? { start: window.start + d.index, end: window.start + d.index + d[0].length } : undefined;
    },
  },
  dobDate: {
    pattern: FULL_DATE,
    decide(doc, scope, d) {
      const range = span(d);
      const end = contextBounds(doc, scope, range).end;
      if (BORN_AFTER.test(scope.slice(doc.prose, range.end, Math.min(end, range.end + 80)))) return range;
      if (doc.blockAt(range.start)?.kind === 'tableCell' && BIRTH_HEADER.test(columnHeader(doc, scope, range.start) ?? '')) return range;
      return undefined;
    },
  },
  nhs: {
    pattern: NHS_NUMBER,
    decide(doc, scope, m) {
      const digits = m[0].replace(/\D/g, '');
      const labelled = NHS_LABEL.test(scope.slice(doc.prose, m.index - 30, m.index));
      return labelled || nhsChecksumValid(digits) ? span(m) : undefined;
    },
  },
  ni: { pattern: NI_NUMBER, decide: (_doc, _scope, m) => span(m) },
  referenceShape: { pattern: REFERENCE_SHAPE, decide: (_doc, _scope, m) => span(m) },
  referenceLabelled: {
    pattern: REFERENCE_LABELLED,
    decide(_doc, _scope, m) {
      const value = trimEnd(m[1], '.-');
      if ((value.match(/\d/g) ?? []).length < 4) return undefined;
      const start = m.index + m[0].length - m[1].length;
      return { start, end: start + value.length };
    },
  },
  postcode: {
    pattern: POSTCODE,
    decide: (doc, scope, m) => (agencyContact(contextText(doc, scope, span(m))) ? undefined : span(m)),
  },
  postcodeDistrict: {
    pattern: POSTCODE_DISTRICT,
    decide(doc, scope, m) {
      const district = m[1] ?? m[2];
      const start = m.index + m[0].indexOf(district);
      const range = { start, end: start + district.length };
      return agencyContact(contextText(doc, scope, range)) ? undefined : range;
    },
  },
  email: {
    pattern: EMAIL,
    decide(doc, scope, m) {
      const end = m.index + m[0].length;
      const range = { start: end - m[1].length, end };
      const address = m[1];
      if (!PERSONAL_DOMAIN.test(address)) {
        const ctx = contextText(doc, scope, range);
        const domain = address.slice(address.indexOf('@'));
        if (agencyContact(ctx) || ORGANISATION_DOMAIN.test(domain) || (ROLE_MAILBOX.test(address) && !FAMILY_OWNED.test(ctx))) return undefined;
      }
      return range;
    },
  },
  phone: {
    pattern: PHONE,
    decide(doc, scope, m) {
      const digits = m[0].replace(/\D/g, '');
      if (digits.length < 10 || digits.length > 12) return undefined;
      if (ORGANISATION_PHONE.test(m[0]) || agencyContact(contextText(doc, scope, span(m)))) return undefined;
      // "(07700 900461" without its closing bracket: the bracket belongs to the sentence, not the number.
      const open = m[0].startsWith('(') && !m[0].includes(')') ? 1 : 0;
      return { start: m.index + open, end: m.index + m[0].length };
    },
  },
  // Social-media handles, in a sentence about accounts or platforms; whether it is a citation key is settled on
  // the whole document.
  handle: {
    pattern: HANDLE,
    decide(doc, scope, m) {
      const ctx = contextText(doc, scope, span(m));
      if (!SOCIAL_MEDIA_CUE.test(ctx) || agencyContact(ctx)) return undefined;
      // Whether a '[' is open before it: decided inside the group if the group's part of the window has a bracket.
      let before = m.index - 60 < scope.lo ? doc.prose.slice(Math.max(scope.lo, 0), m.index) : '';
      if (!before.includes('[') && !before.includes(']')) before = scope.slice(doc.prose, m.index - 60, m.index);
      return { ...span(m), flag: before.lastIndexOf('[') > before.lastIndexOf(']') };
    },
  },
  namedHandle: {
    pattern: NAMED_HANDLE,
    decide(_doc, _scope, m) {
      const value = trimEnd(m[1], '.');
      if (!/[A-Za-z]/.test(value) || !/[\d_.]/.test(value)) return undefined;
      const start = m.index + m[0].length - m[1].length;
      return { start, end: start + value.length };
    },
  },
  vehicleCurrent: { pattern: VEHICLE_CURRENT, decide: (_doc, _scope, m) => span(m) },
  vehicleOther: {
    pattern: VEHICLE_OTHER,
    decide: (doc, scope, m) => (VEHICLE_CUE.test(contextText(doc, scope, span(m))) ? span(m) : undefined),
  },
  street: {
    pattern: STREET,
    decide: (doc, scope, m) => (agencyContact(contextText(doc, scope, span(m))) ? undefined : span(m)),
  },
  // An exact named condition of a person in the review (SCIE: leave out "the exact chronic health condition").
  condition: {
    pattern: NAMED_CONDITION,
    decide(doc, scope, m, names) {
      if (COMMON_CONDITION.test(m[1])) return undefined;
      const ctx = contextText(doc, scope, span(m));
      // Only a particular person ties it: "she has", a child's label or name (not "children with", "their").
      const tied = CONDITION_TIE.test(ctx) || CHILD_PLACEHOLDER.test(ctx) || /\bChild \d/.test(ctx) || !!names?.test(ctx);
      return tied ? span(m) : undefined;
    },
  },
  // A given name in brackets after a child's label ("Child 2 (Maisie) is nine"): most likely the real name
  // (a declared pseudonym is left out on the document).
  bracketedName: {
    pattern: BRACKETED_NAME,
    decide(_doc, _scope, m) {
      if (NOT_NAMES.has(m[1]) || LABEL_DESCRIPTOR.test(m[1])) return undefined;
      const start = m.index + m[0].length - m[1].length - 1;
      return { start, end: start + m[1].length };
    },
  },
  // Named places tied to the child or family (whether in a References section is settled on the document).
  placeRun: {
    pattern: NAME_RUN,
    decide: (doc, scope, m, names) => placeOutcome(doc, scope, placeInRun(doc.prose, m, (at, length) => partAfter(doc, scope, at, length)), names),
  },
  placeNounFirst: {
    pattern: PLACE_NOUN_FIRST,
    decide: (doc, scope, m, names) => placeOutcome(doc, scope, nounFirstCandidate(doc.prose, m, (at, length) => partAfter(doc, scope, at, length)), names),
  },
  // Full names (pseudonyms are left out on the document).
  fullName: {
    pattern: FULL_NAME,
    decide(doc, scope, m) {
      const [whole, given, surname] = m;
      if (!GIVEN_NAMES.has(given) || NOT_NAMES.has(given) || NOT_NAMES.has(surname)) return undefined;
      if (/^(?:Safeguarding|Children|Partnership|Council|Hospital|Trust|Service|Services|Team|Street|Road|School|Academy|Practice|Court|House|Centre|Review|Panel|Board|University|College|Close|Avenue|Lane)$/.test(surname)) return undefined;
      const before = windowBefore(doc, scope, m.index, 40, ':,');
      const after = windowAfter(doc, scope, m.index + whole.length, 40, ',(');
      if (PROFESSIONAL_BEFORE.test(before) || PROFESSIONAL_AFTER.test(after)) return undefined;
      return span(m);
    },
  },
  // A title and a surname: a professional named with a role is not a finding; one tied to the family is, and so
  // is every other mention of that surname with a title.
  titled: {
    pattern: TITLED_SURNAME,
    decide(doc, scope, m) {
      const surname = m[1].replace(/['’]s$/, '');
      if (NOT_SURNAMES.has(surname)) return undefined;
      const range = span(m);
      const after = windowAfter(doc, scope, range.end, 60, ',(');
      const before = windowBefore(doc, scope, range.start, 40, ':,');
      const roleAfter = ROLE_AFTER.test(after);
      if (roleAfter || PROFESSIONAL_BEFORE.test(before) || PROFESSIONAL_AFTER.test(after)) return { ...range, flag: roleAfter, tie: false };
      const ctx = contextText(doc, scope, range);
      return { ...range, flag: false, tie: FAMILY_TIE.test(ctx) || PERSONAL_TIE.test(ctx) };
    },
  },
} satisfies Record<string, Decider>;

type Detector = keyof typeof DETECTORS;
const DETECTOR_NAMES = Object.keys(DETECTORS) as Detector[];

/**
 * Where a pattern that matches white space could run from the end of one group into the next: the group ends with
 * the pattern's label (after any spaces, colons and the like). Then that pattern is matched on the whole document.
 */
const REFERENCE_LABEL_AT_END =
  /(?:(?:crime|police|incident|occurrence|custody|arrest|CAD|court|case|claim|PNC|log|social care|Mosaic|LCS|EHM|Liquidlogic|client|person) (?:reference|ref\.?|number|no\.?|ID)|URN|CRN|PNC ID)(?:\s{1,3}(?:is|was|of|number|no\.?))?$/i;
const HANDLE_LABEL_AT_END =
  /(?:(?:Snapchat|Instagram|TikTok|Xbox|PlayStation|PSN|Roblox|Discord|Twitter|Telegram|Kik|Facebook|YouTube|WhatsApp) (?:(?:account|profile) )?(?:name|ID|handle|user ?name)|(?:account|profile) name|user ?name|gamer ?tag|screen ?name)s?(?:\s{1,3}(?:was|is|of|called))?$/i;
/** The words such a label can end with: looked for first, at the very end, so that most groups are passed at once. */
const REFERENCE_LABEL_LAST_WORD = /(?:reference|ref\.?|number|no\.?|ID|URN|CRN|is|was|of)$/i;
const HANDLE_LABEL_LAST_WORD = /(?:names?|IDs?|handles?|tags?|was|is|of|called)$/i;
const CROSSING: Partial<Record<Detector, Crossing>> = {
  referenceLabelled: { lastWord: REFERENCE_LABEL_LAST_WORD, label: REFERENCE_LABEL_AT_END, trailing: ' \t\r\n:#' },
  namedHandle: { lastWord: HANDLE_LABEL_LAST_WORD, label: HANDLE_LABEL_AT_END, trailing: ' \t\r\n:"“\'‘' },
};

interface Crossing {
  lastWord: RegExp;
  label: RegExp;
  trailing: string;
}

/** Whether a group's prose ends with a crossing pattern's label (then its matches may run on into the next group). */
function endsWithLabel(text: string, crossing: Crossing): boolean {
  const tail = trimEnd(text.slice(-120), crossing.trailing);
  return crossing.lastWord.test(tail.slice(-12)) && crossing.label.test(tail);
}

/** A detection kept with a group: offsets relative to the group's start. */
interface Item extends Outcome {
  /** Which detector (its index in DETECTOR_NAMES). */
  detector: number;
  /**
   * A decision that read outside the group: the match's text and groups to decide it again, and the outcomes
   * already found for the surroundings that were read (the same group can be in a document more than once).
   */
  match?: (string | undefined)[];
  variants?: { outside: Outside; outcome: Outcome | undefined }[];
}

/** Decisions kept per escaped match, one per different surroundings. */
const MAX_VARIANTS = 6;

interface GroupScan {
  /** By detector, then in document order. */
  items: Item[];
  /** Pseudonyms declared in the group ("Kai is a pseudonym"). */
  declared: string[];
  /** Detectors whose matches may run on into the next group. */
  open: Detector[];
}

function relative(outcome: Outcome, by: number, detector = -1): Item {
  return { detector, start: outcome.start - by, end: outcome.end - by, kind: outcome.kind, key: outcome.key === undefined ? undefined : ownCopy(outcome.key), flag: outcome.flag, tie: outcome.tie };
}

/** An outcome kept with a group, where the group is now. */
function placed(o: Outcome, by: number): Outcome {
  return { start: o.start + by, end: o.end + by, kind: o.kind, key: o.key, flag: o.flag, tie: o.tie };
}

const DECIDERS: Decider[] = DETECTOR_NAMES.map((name) => DETECTORS[name]);
const CROSSES: (Crossing | undefined)[] = DETECTOR_NAMES.map((name) => CROSSING[name]);

/** The patterns a group's scan uses, by index: the detectors', then the pseudonym declarations. */
const SCAN_PATTERNS = [...DECIDERS.map((d) => d.pattern), ...DECLARATIONS];
/** The scan patterns that cannot match across the gap between groups (all but the crossing detectors'). */
const GROUPED_PATTERNS = SCAN_PATTERNS.map((p, i) => (CROSSES[i] ? undefined : p));

/**
 * A group's detections. `everywhere`: the matches of the whole document's prose by group, when many groups are
 * computed at once (a crossing detector's are always found in the group's own prose).
 */
function scanGroup(doc: ReviewDocument, group: BlockGroup, names: RegExp | undefined, everywhere?: GroupedMatches): GroupScan {
  const text = doc.prose.slice(group.start, group.end);
  const scan: GroupScan = { items: [], declared: [], open: [] };
  const scope = scopeOf(group);
  const grouped = everywhere?.of(group.index);
  // With the document's matches at hand, most groups have none of any pattern and nothing to look at but the two
  // whose patterns may cross into the next group.
  for (let detector = 0; detector < DECIDERS.length; detector++) {
    const decider = DECIDERS[detector];
    const crossing = CROSSES[detector];
    // All matches first: a decision may use the same pattern (dates of birth).
    const matches = everywhere && !crossing ? grouped?.[detector] ?? NONE_MATCHED : matchesIn(text, decider.pattern, group.start);
    for (const m of matches) {
      scope.reset();
      const outcome = decider.decide(doc, scope, m, names);
      if (scope.escaped) {
        const item: Item = { detector, start: m.index - group.start, end: m.index + m[0].length - group.start, match: [...m].map((s) => (s === undefined ? s : ownCopy(s))), variants: [] };
        if (!scope.unstable) item.variants!.push({ outside: scope.outside(doc), outcome: outcome && relative(outcome, group.start) });
        scan.items.push(item);
      } else if (outcome) scan.items.push(relative(outcome, group.start, detector));
    }
    if (crossing && endsWithLabel(text, crossing)) scan.open.push(DETECTOR_NAMES[detector]);
  }
  DECLARATIONS.forEach((re, i) => {
    for (const m of everywhere ? grouped?.[DECIDERS.length + i] ?? NONE_MATCHED : matchesIn(text, re, 0)) scan.declared.push(ownCopy(m[1]));
  });
  return scan.items.length || scan.declared.length || scan.open.length ? scan : EMPTY_SCAN;
}

/** An escaped item's outcome for the group where it is now: kept from before if the surroundings are the same. */
function decideInPlace(doc: ReviewDocument, group: BlockGroup, item: Item, names: RegExp | undefined): Outcome | undefined {
  const variants = item.variants!;
  for (const v of variants) {
    if (sameOutside(doc, group.start, group.end, v.outside)) return v.outcome && placed(v.outcome, group.start);
  }
  const m = Object.assign([...item.match!], { index: group.start + item.start, input: doc.prose }) as unknown as RegExpExecArray;
  const scope = new Scope(group.start, group.end);
  const outcome = (DETECTORS[DETECTOR_NAMES[item.detector]] as Decider).decide(doc, scope, m, names);
  if (!scope.unstable) {
    if (variants.length >= MAX_VARIANTS) variants.pop();
    variants.unshift({ outside: scope.outside(doc), outcome: outcome && relative(outcome, group.start) });
  }
  return outcome;
}

/** Back references and family names: matches of document-level patterns in one group. */
interface Mention {
  start: number;
  end: number;
  /** Which pattern (the place's index). */
  index: number;
  /** The words after it are to be read on the whole document. */
  open?: boolean;
}

const groups = sharedGroups;
/**
 * The cache's slots: a group's detections, its later mentions of places, its mentions of family surnames, the
 * child's names it declares, the citation keys in it.
 */
const SCAN = groups.slot('identifying-detail scan');
const PLACES = groups.slot('identifying-detail places');
const FAMILY = groups.slot('identifying-detail family');
const KEYS = groups.slot('citation keys');
const NONE: string[] = [];

/** Pandoc citation keys in the document (group by group) and in its bibliography. */
function citationKeySet(doc: ReviewDocument, index: GroupIndex, host: LintHost): Set<string> {
  const keys = new Set<string>();
  let computed = 0;
  let byGroup: string[][] | undefined;
  index.each(
    groups,
    KEYS,
    '',
    (group) => {
      // Citation keys are bracketed on one line: those of a group's prose are those the document's scan finds there.
      // Many groups to read: one scan of the document, its keys sorted into groups.
      if (++computed > 48 && !byGroup) {
        byGroup = [];
        const { start, end, count } = index.layout;
        let at = 0;
        for (const k of citationKeys(doc)) {
          while (at < count && end[at] <= k.range.start) at++;
          if (at < count && start[at] <= k.range.start) (byGroup[at] ??= []).push(ownCopy(k.key));
        }
      }
      const inGroup = byGroup ? byGroup[group.index] ?? NONE : citationKeys({ prose: doc.prose.slice(group.start, group.end) } as ReviewDocument).map((k) => ownCopy(k.key));
      return inGroup.length ? inGroup : NONE;
    },
    (_group, found) => {
      for (const key of found) keys.add(key);
      return found !== NONE;
    },
  );
  for (const k of readBibliography(doc, host).keys) keys.add(k);
  return keys;
}
/** What most groups hold: kept as one object, so that the document-level pass can skip them at a glance. */
const EMPTY_SCAN: GroupScan = { items: [], declared: [], open: [] };
const NO_MENTIONS: Mention[] = [];

/** Back-reference patterns by place, compiled once. */
const backReferences = new Map<string, RegExp>();

function backReference(key: string, kind: PlaceKind): RegExp {
  const id = `${kind}\u0000${key}`;
  let re = backReferences.get(id);
  if (!re) {
    if (backReferences.size > 1000) backReferences.clear();
    // Copies: a key cut from a document's prose would keep the whole prose alive in this long-lived map.
    re = backReferencePattern(ownCopy(key), kind);
    backReferences.set(ownCopy(id), re);
  }
  return re;
}

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
    const textOf = (r: Range) => doc.prose.slice(r.start, r.end);
    const rangeOf = (o: Outcome): Range => ({ start: o.start, end: o.end });

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

    // Every group's detections (cached while its blocks are unchanged), gathered by kind in document order. Only
    // groups that held something in the last version, and changed groups, are visited (see GroupIndex).
    const index = groups.index(doc);
    const childNameList = childNamesByGroup(doc).filter((n) => n.length > 1);
    const names = childNamePattern(childNameList);
    const namesKey = childNameList.join('\u0000');
    const byDetector: Outcome[][] = DETECTOR_NAMES.map(() => []);
    const open = new Set<Detector>();
    const pseudonyms = frontMatterPseudonyms(doc);
    let work = new WorkCounter(doc, index.layout, GROUPED_PATTERNS);
    index.each(
      groups,
      SCAN,
      namesKey,
      (group) => scanGroup(doc, group, names, work.nextGrouped()),
      (group, scan) => {
        if (scan === EMPTY_SCAN) return false;
        for (const name of scan.open) open.add(name);
        for (const d of scan.declared) addPseudonym(pseudonyms, d);
        for (const item of scan.items) {
          if (item.match) {
            const outcome = decideInPlace(doc, group, item, names);
            if (outcome) byDetector[item.detector].push(outcome);
          } else byDetector[item.detector].push(placed(item, group.start));
        }
        return true;
      },
    );
    // A pattern that may have matched from one group into the next is matched on the whole document instead.
    const everywhere = wholeDocument();
    for (const name of open) {
      const decider: Decider = DETECTORS[name];
      const list: Outcome[] = [];
      for (const m of matchProse(doc, decider.pattern)) {
        const outcome = decider.decide(doc, everywhere, m, names);
        if (outcome) list.push(outcome);
      }
      byDetector[DETECTOR_NAMES.indexOf(name)] = list;
    }
    const outcomes = (name: Detector) => byDetector[DETECTOR_NAMES.indexOf(name)];

    const dateOfBirth = ({ start, end }: Range) => {
      const range = { start, end };
      const date = textOf(range);
      add(range, `'${date}' is a full date of birth`, 'give the age, or the month and year', { suggestions: [{ title: 'Replace with the month and year', edits: [{ ...range, newText: '[month and year]' }] }] });
    };
    for (const o of outcomes('dobCue')) dateOfBirth(o);
    for (const o of outcomes('dobDate')) dateOfBirth(o);
    for (const o of outcomes('nhs')) add(rangeOf(o), `'${textOf(o)}' looks like an NHS number`, 'remove it');
    for (const o of outcomes('ni')) add(rangeOf(o), `'${textOf(o)}' looks like a National Insurance number`, 'remove it');
    for (const o of outcomes('referenceShape')) add(rangeOf(o), `'${textOf(o)}' looks like a police or court reference number`, 'remove it; say "the police investigation" or "the care proceedings" instead');
    for (const o of outcomes('referenceLabelled')) add(rangeOf(o), `'${textOf(o)}' is a police, court or case-record reference number`, 'remove it; say "the police investigation", "the care proceedings" or "the case record" instead');
    for (const o of outcomes('postcode')) add(rangeOf(o), `'${textOf(o)}' is a postcode`, 'name the area more generally, or leave it out');
    for (const o of outcomes('postcodeDistrict')) add(rangeOf(o), `'${textOf(o)}' is a postcode district`, 'name the area more generally, e.g. "the east of the borough", or leave it out');
    for (const o of outcomes('email')) add(rangeOf(o), `'${textOf(o)}' is an email address`, 'remove it');
    for (const o of outcomes('phone')) add(rangeOf(o), `'${textOf(o)}' is a telephone number`, 'remove it');

    // A citation key is not a handle.
    let keys: Set<string> | undefined;
    for (const o of outcomes('handle')) {
      const handle = textOf(o).slice(1);
      keys ??= citationKeySet(doc, index, host);
      if (keys.has(handle) || o.flag) continue;
      // In a review that cites with pandoc keys, an author-and-year word ("@smith2020 found") is a citation.
      if (keys.size && AUTHOR_YEAR_KEY.test(handle)) continue;
      add(rangeOf(o), `'${textOf(o)}' is a social-media handle`, 'remove it; say "a social-media account" or name only the platform');
    }
    for (const o of outcomes('namedHandle')) add(rangeOf(o), `'${textOf(o)}' is a social-media or gaming username`, 'remove it; say "a social-media account" or name only the platform');

    for (const o of outcomes('vehicleCurrent')) add(rangeOf(o), `'${textOf(o)}' looks like a vehicle registration`, 'remove it; say "a car" or describe the vehicle generally');
    for (const o of outcomes('vehicleOther')) add(rangeOf(o), `'${textOf(o)}' looks like a vehicle registration`, 'remove it; say "a car" or describe the vehicle generally');
    for (const o of outcomes('street')) add(rangeOf(o), `'${textOf(o)}' is a street address`, 'describe the home without the address, e.g. "a first-floor flat"');
    for (const o of outcomes('condition')) add(rangeOf(o), `'${textOf(o)}' names the person's exact condition, which may be rare enough to identify them`, 'describe it generally, e.g. "a rare genetic condition"');
    const childNameSet = new Set(childNameList);
    for (const o of outcomes('bracketedName')) {
      // A pseudonym declared anywhere, or the one the title gives ("LCSPR: Amara", then "Child A (Amara)").
      if (pseudonyms.has(textOf(o)) || childNameSet.has(textOf(o))) continue;
      add(rangeOf(o), `'${textOf(o)}' looks like the child's real first name beside their pseudonym`, 'leave it out and use the pseudonym only');
    }

    // Named places tied to the child or family, then every other mention of the same place.
    let references: Range[] | undefined;
    const inReferenceSection = (offset: number) => (references ??= referenceSections(doc)).some((r) => r.start <= offset && offset < r.end);
    const placeMessage = (text: string, kind: PlaceKind, later: boolean) =>
      later
        ? `'${text}' is a short name for the ${kindWhat(kind)} named earlier, so it identifies the place too`
        : `'${text}' names the ${kindWhat(kind)}${kind === 'residence' ? '' : ' the family used'}, which could identify them`;
    const places = new Map<string, PlaceKind>();
    for (const o of [...outcomes('placeRun'), ...outcomes('placeNounFirst')]) {
      if (inReferenceSection(o.start)) continue;
      add(rangeOf(o), placeMessage(textOf(o), o.kind!, false), kindInstead(o.kind!));
      if (o.key!.length > 2 && places.size < MAX_PLACES_FOLLOWED) places.set(o.key!, o.kind!);
    }
    if (places.size) {
      const followed = [...places];
      const patterns = followed.map(([key, kind]) => backReference(key, kind));
      const placesKey = followed.map(([key, kind]) => `${kind}\u0001${key}`).join('\u0000');
      const mentions: Range[][] = followed.map(() => []);
      work = new WorkCounter(doc);
      index.each(
        groups,
        PLACES,
        placesKey,
        (group) => mentionsIn(doc, group, followed.map(([key]) => key), patterns, true, work.next()),
        (group, found) => {
          if (found === NO_MENTIONS) return false;
          for (const m of found) {
            const range = { start: m.start + group.start, end: m.end + group.start };
            if (m.open && PART_OF_LONGER_NAME.test(doc.prose.slice(range.end, range.end + 40))) continue;
            mentions[m.index].push(range);
          }
          return true;
        },
      );
      followed.forEach(([, kind], i) => {
        for (const range of mentions[i]) {
          if (inReferenceSection(range.start)) continue;
          add(range, placeMessage(textOf(range), kind, true), kindInstead(kind));
        }
      });
    }

    // Surnames of the family and the people around them; their later mentions are findings too.
    const surnames = new Set<string>();
    for (const o of outcomes('fullName')) {
      const whole = textOf(o);
      const space = whole.indexOf(' ');
      const given = whole.slice(0, space);
      const surname = whole.slice(space + 1);
      if (pseudonyms.has(given) || pseudonyms.has(surname) || pseudonyms.has(whole)) continue;
      if (add(rangeOf(o), `'${whole}' looks like a person's full name`, 'use the pseudonym or describe the person by their relationship (e.g. "Mr D\'s sister")')) surnames.add(surname);
    }

    // A family member's or carer's surname with a title ("foster carers, Mr and Mrs Oduya"), then every other
    // mention of that surname (or of a full name's) with a title, and "the Oduya family". A professional named
    // with a role is not a finding.
    const titled: { range: Range; surname: string; roleAfter: boolean }[] = [];
    for (const o of outcomes('titled')) {
      const text = textOf(o);
      const surname = text.slice(text.lastIndexOf(' ') + 1).replace(/['’]s$/, '');
      if (pseudonyms.has(surname) || pseudonyms.has(text)) continue;
      titled.push({ range: { start: o.start, end: o.end }, surname, roleAfter: !!o.flag });
      if (o.tie) surnames.add(surname);
    }
    for (const t of titled) {
      if (!surnames.has(t.surname) || t.roleAfter) continue;
      add(t.range, `'${textOf(t.range)}' names a family member or carer by their surname`, 'describe them by their relationship to the child, e.g. "the foster carers" or "Mother\'s partner"');
    }
    const known = [...surnames].filter((n) => !pseudonyms.has(n)).slice(0, MAX_SURNAMES_FOLLOWED);
    if (known.length) {
      const familyName = familyNamePattern(known);
      const knownKey = known.join('\u0000');
      work = new WorkCounter(doc);
      index.each(
        groups,
        FAMILY,
        knownKey,
        (group) => mentionsIn(doc, group, known, [familyName], false, work.next()),
        (group, found) => {
          if (found === NO_MENTIONS) return false;
          for (const m of found) {
            const range = { start: m.start + group.start, end: m.end + group.start };
            add(range, `'${textOf(range)}' names the family by their surname`, 'use the review\'s pseudonym for the family (e.g. "Family W") or describe them by relationship');
          }
          return true;
        },
      );
    }

    found.sort((a, b) => a.range.start - b.range.start);
    for (const f of found) report(f);
  },
};

let lastFamilyName: { key: string; pattern: RegExp } | undefined;

function familyNamePattern(known: string[]): RegExp {
  const key = known.join('\u0000');
  if (lastFamilyName?.key !== key) {
    lastFamilyName = { key, pattern: new RegExp(`(?<![\\w'’-])(?:${known.map((n) => escapeRegExp(ownCopy(n))).join('|')})(?:['’]s)? (?:family|families|household|children|home)\\b`, 'g') };
  }
  return lastFamilyName.pattern;
}

/**
 * Matches in one group of patterns built from the document (a place's later short name, the family's surname),
 * offsets relative to the group. A group without any of the words is skipped. With `places`, a match followed by
 * words that make the place noun part of a longer name is dropped, or marked to be checked on the document when
 * those words are beyond the group.
 */
function mentionsIn(doc: ReviewDocument, group: BlockGroup, words: string[], patterns: RegExp[], places: boolean, everywhere?: DocumentMatches): Mention[] {
  const text = doc.prose.slice(group.start, group.end);
  const found: Mention[] = [];
  patterns.forEach((pattern, index) => {
    // A match holds the word itself.
    if (places ? !text.includes(words[index]) : !words.some((w) => text.includes(w))) return;
    for (const m of everywhere ? everywhere.in(pattern, group.start, group.end) : matchesIn(text, pattern, group.start)) {
      const end = m.index + m[0].length;
      const mention: Mention = { start: m.index - group.start, end: end - group.start, index };
      if (places) {
        if (end + 40 > group.end) mention.open = true;
        else if (PART_OF_LONGER_NAME.test(doc.prose.slice(end, end + 40))) continue;
      }
      found.push(mention);
    }
  });
  return found.length ? found : NO_MENTIONS;
}

export default rule;
