/**
 * identifying-detail: what would identify the child or family in a published review. NHS numbers (labelled,
 * or passing the modulus 11 check), postcodes, full dates of birth, telephone numbers, email addresses,
 * street addresses, named schools, nurseries, surgeries and wards tied to the child, real names from a
 * private names file (errors), and full personal names that are not the review's pseudonyms.
 */
import givenNamesData from '../data/given-names.json';
import type { ReviewDocument } from '../document.js';
import type { Range, ReportInput, Rule } from '../types.js';
import { matchProse } from './shared.js';

const GIVEN_NAMES = new Set((givenNamesData as { names: string[] }).names);
// Given names that are also everyday words at the start of a sentence or a phrase.
const NOT_NAMES = new Set(['Baby', 'Will', 'May', 'Grace', 'Hope', 'Dawn', 'Rose', 'June', 'Mark', 'Page', 'Bill', 'Joy', 'Faith', 'Sunny', 'Summer', 'Autumn', 'Winter', 'Angel', 'Lane', 'Holly', 'Ivy', 'Art', 'Guy', 'Rich', 'Rob', 'Sue', 'Pat', 'Don', 'Gene', 'Chase', 'Cash', 'Brook', 'Reed', 'Young', 'Case', 'Child', 'Christian', 'Major', 'Independent', 'Justice', 'Carter', 'Mason', 'Miles', 'Bishop', 'Dean', 'Parker', 'Hunter', 'Royal', 'King', 'Prince', 'Princess', 'Lord', 'General', 'Sergeant', 'Judge', 'Colonel', 'Deputy']);

const MONTHS = '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)';
const FULL_DATE = new RegExp(`\\b(?:\\d{1,2}[./-]\\d{1,2}[./-](?:19|20)?\\d{2}|\\d{1,2}(?:st|nd|rd|th)? ${MONTHS}\\.? (?:19|20)\\d{2}|${MONTHS}\\.? \\d{1,2}(?:st|nd|rd|th)?,? (?:19|20)\\d{2})\\b`, 'g');
const BIRTH_CUE = /\b(?:DOB|D\.O\.B\.?|date of birth|dates of birth|born on|born)\b/gi;
const NHS_NUMBER = /(?<![\d-])\d{3}[ -]?\d{3}[ -]?\d{4}(?![\d-])/g;
const NHS_LABEL = /\bNHS\s*(?:number|no\.?|#)(?:\s*(?:is|was|:))?\s*$/i;
const POSTCODE = /\b(?:GIR ?0AA|[A-PR-UWYZ](?:\d{1,2}|[A-HK-Y]\d{1,2}|\d[A-HJKPS-UW]|[A-HK-Y]\d[ABEHMNPRV-Y]) ?\d[ABD-HJLNP-UW-Z]{2})\b/g;
const PHONE = /(?<![\d/.-])(?:\+44 ?\(?0?\)? ?|\(?0)\d{2,4}\)?[ -]?\d{3,4}[ -]?\d{3,4}(?![\d/.-])/g;
// The address starts at the first word character of its run (as `\b[\w.+-]+@` would), but a run is entered only at
// its start, so a long run of dots and letters with no @ is scanned once, not once per character.
const EMAIL = /(?<![\w.+-])[.+-]*(\w[\w.+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)\b/g;
const STREET = /\b\d{1,4}[A-Za-z]?,? (?:[A-Z][a-z'’]+ ){1,3}(?:Close|Road|Street|Avenue|Lane|Drive|Way|Court|Crescent|Gardens|Place|Terrace|Grove|Walk|Rise|Hill|Square|Mews|View|Row|Parade|Green|End|Vale|Chase|Estate)\b/g;
const INSTITUTION = /\b(?:(?:St\.? |Saint )?[A-Z][A-Za-z'’&-]{1,24} ){1,4}(?:Primary School|Secondary School|High School|Junior School|Infant School|School|Academy|College|Nursery|Pre-?school|Children's Centre|Surgery|Medical Practice|Medical Centre|Health Centre|Group Practice|Ward)\b/g;
const CHILD_TIE = /\b(?:attend(?:s|ed|ing)?|registered|enrolled|pupil|went to|was at|moved to|started at|transferred to|admitted to|his|her|their|Child [A-Z]|Baby [A-Z]|Young Person [A-Z])\b/;
const FULL_NAME = /\b([A-Z][a-z'’-]+) ((?:Mc|Mac|O'|O’)?[A-Z][a-z'’-]+(?:-[A-Z][a-z'’-]+)?)\b/g;
const PROFESSIONAL_BEFORE = /\b(?:Dr\.?|Doctor|Prof\.?|Professor|Cllr\.?|Councillor|Sir|Dame|Rev\.?|Reverend|DC|DS|DI|PC|Sgt\.?|Inspector|Judge|HHJ|the (?:independent )?reviewer|reviewer|chair(?:man|woman|person)?|author|lead reviewer|independent reviewer|director|head of service|chief executive|manager|headteacher|head teacher|officer|social worker|health visitor|nurse|midwife|consultant|commissioner|minister|MP)(?:\s*[:,])?\s*$/i;
const PROFESSIONAL_AFTER = /^\s*(?:,\s*)?(?:\(?(?:the )?(?:independent )?(?:reviewer|chair|author|lead reviewer|director|head of service|chief executive|headteacher|consultant|commissioner)\b|,? (?:MP|QC|KC|OBE|MBE|CBE)\b)/i;

function nhsChecksumValid(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  let check = 11 - (sum % 11);
  if (check === 11) check = 0;
  return check !== 10 && check === Number(digits[9]);
}

function sentenceBounds(doc: ReviewDocument, range: Range): Range {
  const block = doc.blockAt(range.start);
  const start = block ? block.range.start : Math.max(0, range.start - 200);
  const end = block ? block.range.end : Math.min(doc.prose.length, range.end + 200);
  const before = doc.prose.slice(start, range.start);
  const cut = Math.max(before.lastIndexOf('. '), before.lastIndexOf('? '), before.lastIndexOf('! '));
  const after = doc.prose.slice(range.end, end);
  const stop = after.search(/[.!?](?:\s|$)/);
  return { start: cut === -1 ? start : start + cut + 2, end: stop === -1 ? end : range.end + stop + 1 };
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

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const SOURCE = 'SCIE quality markers for case reviews (the report): publish without redaction, keep family details to a minimum; judicial anonymisation guidance';

const rule: Rule = {
  meta: {
    id: 'identifying-detail',
    description: 'Details that would identify the child or family: names, dates of birth, addresses, postcodes, NHS and phone numbers, emails, named schools and surgeries.',
    defaultSeverity: 'warning',
    theme: 'anonymisation',
    fixable: true,
    optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check({ doc, config, host, report, notice }) {
    const found: ReportInput[] = [];
    const taken: Range[] = [];
    const overlaps = (r: Range) => taken.some((t) => t.start < r.end && r.start < t.end);
    const add = (range: Range, message: string, instead: string, extra: Partial<ReportInput> = {}) => {
      if (overlaps(range)) return;
      taken.push(range);
      found.push({ range, message: `${message}: ${instead}.`, explanation: { why: 'A published review must not identify the child or family; details like this make jigsaw identification easy.', alternatives: [instead], source: SOURCE }, ...extra });
    };

    // Real names from the private names file: errors wherever they appear.
    if (config.namesFile) {
      const read = host.readFile ? host.readFile(config.namesFile) : { error: 'files cannot be read here' };
      if ('error' in read) notice({ message: `the private names file could not be read: ${read.error}` });
      else {
        for (const name of privateNames(read.text)) {
          const re = new RegExp(`(?<![\\w])${escapeRegExp(name).replace(/ +/g, '\\s+')}(?:['’]s)?(?![\\w])`, 'gi');
          for (const m of matchProse(doc, re)) {
            add({ start: m.index, end: m.index + m[0].length }, `'${m[0]}' is a real name from the private names file`, 'use the pseudonym', {
              severity: 'error',
              suggestions: [{ title: 'Replace with a pseudonym placeholder', edits: [{ start: m.index, end: m.index + m[0].length, newText: '[pseudonym]' }] }],
            });
          }
        }
      }
    }

    for (const cue of matchProse(doc, BIRTH_CUE)) {
      const window = { start: cue.index, end: Math.min(doc.prose.length, cue.index + cue[0].length + 80) };
      const sentence = sentenceBounds(doc, { start: cue.index, end: cue.index + cue[0].length });
      FULL_DATE.lastIndex = 0;
      const slice = doc.prose.slice(window.start, Math.min(window.end, sentence.end));
      const d = FULL_DATE.exec(slice);
      if (d) {
        const range = { start: window.start + d.index, end: window.start + d.index + d[0].length };
        add(range, `'${d[0]}' is a full date of birth`, 'give the age, or the month and year', { suggestions: [{ title: 'Replace with the month and year', edits: [{ ...range, newText: '[month and year]' }] }] });
      }
    }

    for (const m of matchProse(doc, NHS_NUMBER)) {
      const digits = m[0].replace(/\D/g, '');
      const labelled = NHS_LABEL.test(doc.prose.slice(Math.max(0, m.index - 30), m.index));
      if (labelled || nhsChecksumValid(digits)) add({ start: m.index, end: m.index + m[0].length }, `'${m[0]}' looks like an NHS number`, 'remove it');
    }
    for (const m of matchProse(doc, POSTCODE)) add({ start: m.index, end: m.index + m[0].length }, `'${m[0]}' is a postcode`, 'name the area more generally, or leave it out');
    for (const m of matchProse(doc, EMAIL)) {
      const end = m.index + m[0].length;
      add({ start: end - m[1].length, end }, `'${m[1]}' is an email address`, 'remove it');
    }
    for (const m of matchProse(doc, PHONE)) {
      const digits = m[0].replace(/\D/g, '');
      if (digits.length < 10 || digits.length > 12) continue;
      add({ start: m.index, end: m.index + m[0].length }, `'${m[0]}' is a telephone number`, 'remove it');
    }
    for (const m of matchProse(doc, STREET)) add({ start: m.index, end: m.index + m[0].length }, `'${m[0]}' is a street address`, 'describe the home without the address, e.g. "a first-floor flat"');
    for (const m of matchProse(doc, INSTITUTION)) {
      const range = { start: m.index, end: m.index + m[0].length };
      const sentence = doc.prose.slice(...Object.values(sentenceBounds(doc, range)) as [number, number]);
      if (!CHILD_TIE.test(sentence)) continue;
      add(range, `'${m[0]}' names a school, nursery, surgery or ward tied to the child`, 'describe it generally, e.g. "her secondary school" or "the GP practice"');
    }

    const pseudonyms = declaredPseudonyms(doc);
    for (const m of matchProse(doc, FULL_NAME)) {
      const [whole, given, surname] = m;
      if (!GIVEN_NAMES.has(given) || NOT_NAMES.has(given) || NOT_NAMES.has(surname)) continue;
      if (pseudonyms.has(given) || pseudonyms.has(surname) || pseudonyms.has(whole)) continue;
      if (/^(?:Safeguarding|Children|Partnership|Council|Hospital|Trust|Service|Services|Team|Street|Road|School|Academy|Practice|Court|House|Centre|Review|Panel|Board|University|College|Close|Avenue|Lane)$/.test(surname)) continue;
      const before = doc.prose.slice(Math.max(0, m.index - 40), m.index);
      const after = doc.prose.slice(m.index + whole.length, m.index + whole.length + 40);
      if (PROFESSIONAL_BEFORE.test(before) || PROFESSIONAL_AFTER.test(after)) continue;
      add({ start: m.index, end: m.index + whole.length }, `'${whole}' looks like a person's full name`, 'use the pseudonym or describe the person by their relationship (e.g. "Mr D\'s sister")');
    }

    found.sort((a, b) => a.range.start - b.range.start);
    for (const f of found) report(f);
  },
};

export default rule;
