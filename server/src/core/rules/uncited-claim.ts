/**
 * uncited-claim: a statistic, a research or evidence claim, or a finding attributed to a report or national
 * body, with no citation attached. The review's own case facts ("seven conferences were held", "in four of
 * the six cases") are not claims that need a source.
 */
import { footnoteIds, hasInlineCitation, normaliseFootnoteId } from '../citations.js';
import type { Block, ReviewDocument } from '../document.js';
import type { Range, Rule, Suggestion } from '../types.js';
import { BlockCache } from './shared.js';

// A research or evidence claim, in the reviewer's voice: a source of evidence followed, within 60 characters of
// the same clause, by a verb of finding ("research consistently shows"), or a stock phrase ("it is well established").
// The two halves are matched separately so that no pattern scans ahead from every word of a long sentence.
const EVIDENCE_SOURCE =
  /\b(?:research|studies|a study|evidence|the literature|literature|analys[ie]s|national data|national figures|national statistics|reviews? of|meta-analys[ie]s)\b/gi;
const FINDING_VERB =
  /\b(?:shows?|showed|suggests?|suggested|indicates?|indicated|has (?:consistently |repeatedly )?(?:found|shown|identified|highlighted|demonstrated)|have (?:consistently |repeatedly )?(?:found|shown|identified|highlighted|demonstrated)|finds|found|tells us|demonstrates?|confirms?|is clear)\b/i;
const FINDING_VERB_WITHIN = 60;
const STOCK_PHRASE =
  /\bit is (?:well|widely|generally|now) (?:established|known|recognised|recognized|accepted|documented|understood|evidenced)\b|\bit is (?:established|recognised|recognized|accepted) that\b|\b(?:is|are) (?:well|widely) (?:established|known|recognised|recognized|documented)\b|\bthe (?:research|evidence|literature)(?: base)? (?:is clear|consistently)\b/i;

function isResearchClaim(sentence: string): boolean {
  if (STOCK_PHRASE.test(sentence)) return true;
  for (const source of sentence.matchAll(EVIDENCE_SOURCE)) {
    const after = source.index + source[0].length;
    // Room for the gap and the longest verb phrase; the verb must start within the gap, in the same clause.
    const window = sentence.slice(after, after + FINDING_VERB_WITHIN + 40);
    const verb = FINDING_VERB.exec(window);
    if (verb && verb.index <= FINDING_VERB_WITHIN && !/[.;]/.test(window.slice(0, verb.index))) return true;
  }
  return false;
}

// A finding attributed to a report, an inquiry or a body. "The review found" is this review speaking, so a
// review counts only when another is meant (national, thematic, previous…).
const ATTRIBUTED =
  /\b(?:the (?:national )?(?:Child Safeguarding Practice Review )?Panel(?:'s (?:annual )?reports?)?|Ofsted|HMICFRS|the CQC|CQC|the NSPCC|NSPCC|the Department for Education|the DfE|the Home Office|the government|IICSA|(?:the|a|an) (?:[A-Za-z'’-]+ ){0,3}?(?:inquiry|inquiries|inspection(?: report)?|analysis|analyses|evaluation|study|survey of|research)|(?:the|a|an) (?:national|triennial|biennial|thematic|joint|previous|earlier|Panel's|serious case) reviews?|(?:national|previous|other) reviews)\s+(?:has |have |had )?(?:found|concluded|identified|reported|highlighted|shown|showed|demonstrated|noted|observed|established|warned)\b/i;

// A statistic.
const STATISTIC =
  /(?<!\d)\d+(?:\.\d+)?\s?(?:%|per ?cent\b)|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+)[- ](?:in|out of)[- ](?:two|three|four|five|six|seven|eight|nine|ten|\d+)\b|\b(?:two|three)-thirds\b|\b(?:a|one)[- ](?:third|quarter|fifth)\b|\b(?:half|the majority|majority|a minority) of\b|\b\d+ (?:out )?of (?:\d[\d,]*|all) [a-z]/i;

// The case's own facts: this child, this family, these cases, this review.
const CASE_NAMES = /\b(?:Child|Baby|Young Person|Sibling|Family) [A-Z]\b|\b(?:Mr|Ms|Mrs|Miss|Mx) [A-Z]\b/;
const CASE_WORDS =
  /\bthis (?:review|case|child|family|partnership|report)\b|\bthe (?:family|children's|child's|eldest|youngest|mother|father|parents?)\b|\b(?:her|his|their) (?:school|attendance|mother|father|home|GP|social worker)\b|\bof the (?:\w+ ){0,2}(?:cases|families|children|referrals|reviews|contacts|practitioners|agencies)\b|\bin (?:these|our|the) (?:\w+ )?cases\b|\b(?:own|our) (?:audit|data|records|figures)\b/i;

function aboutTheCase(sentence: string): boolean {
  return CASE_NAMES.test(sentence) || CASE_WORDS.test(sentence);
}

// A claim reaches beyond the case: national, general or about children in general.
const GENERAL_SCOPE = /\b(?:national(?:ly)?|in England|in the UK|across (?:England|the country)|children who|babies who|people who|social workers in|reviews? notified|the Panel|nationwide)\b/i;

const PARAGRAPH_CLOSING_NOTE = /[.!?]["'”’)]*\s*(?:\[\^[^\]\s[]+\]|\[@[^\][]*\]|\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\])+\s*$/;
const CITATION_AFTER = /^(?:\s*(?:\[\^[^\]\s]+\]|\[@[^\]]*\]|\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\]))+/;

type ClaimKind = 'statistic' | 'research' | 'attribution';

function claimKind(sentence: string): ClaimKind | undefined {
  if (isResearchClaim(sentence)) return 'research';
  if (ATTRIBUTED.test(sentence)) return 'attribution';
  if (STATISTIC.test(sentence) && (GENERAL_SCOPE.test(sentence) || !aboutTheCase(sentence))) return 'statistic';
  return undefined;
}

interface SentenceInfo {
  range: Range;
  text: string;
  kind?: ClaimKind;
  cited: boolean;
}

function citedBy(doc: ReviewDocument, range: Range, text: string, defined: Set<string>): boolean {
  // Footnote references count only when defined (an undefined one is an unresolved-citation).
  for (const m of text.matchAll(/\[\^([^\]\s[]+)\]/g)) if (defined.has(normaliseFootnoteId(m[1]))) return true;
  if (hasInlineCitation(text.replace(/\[\^[^\]\s[]+\]/g, ''))) return true;
  return doc.links.some((l) => l.range.start < range.end && range.start < l.range.end);
}

function sentencesOf(doc: ReviewDocument, block: Block, defined: Set<string>): SentenceInfo[] {
  const ranges = doc.sentencesIn(block).map((s) => s.range);
  return ranges.map((r, i) => {
    // A citation right after the full stop ("…adults.[^2] Next") belongs to this sentence, not the next.
    let range = r;
    let text = doc.prose.slice(r.start, r.end);
    const leading = i > 0 ? CITATION_AFTER.exec(text) : null;
    if (leading) text = text.slice(leading[0].length);
    const next = ranges[i + 1];
    const after = doc.prose.slice(r.end, next ? next.start + 40 : Math.min(block.range.end, r.end + 40));
    const trailing = CITATION_AFTER.exec(after);
    if (trailing) range = { start: r.start, end: r.end };
    const citeText = trailing ? text + trailing[0] : text;
    return { range, text, kind: claimKind(text), cited: citedBy(doc, { start: r.start, end: r.end + (trailing ? trailing[0].length : 0) }, citeText, defined) };
  });
}

function nextFootnoteId(doc: ReviewDocument): string {
  const ids = footnoteIds(doc);
  const numbers = ids.map((id) => Number(id)).filter((n) => Number.isInteger(n));
  if (ids.length === 0 || numbers.length === ids.length) return String((numbers.length ? Math.max(...numbers) : 0) + 1);
  let n = 1;
  while (ids.includes(`source-${n}`)) n++;
  return `source-${n}`;
}

function fixFor(doc: ReviewDocument, range: Range, usesPandoc: boolean, id: string): Suggestion {
  const sentence = doc.text.slice(range.start, range.end);
  const punctuation = /[.!?]["'”’)]*$/.exec(sentence);
  const at = punctuation ? range.start + punctuation.index + punctuation[0].length : range.end;
  if (usesPandoc) {
    const before = punctuation ? range.start + punctuation.index : range.end;
    return { title: 'Add a citation placeholder [@]', edits: [{ start: before, end: before, newText: ' [@]' }], selectAfter: { start: before + 2, end: before + 3 } };
  }
  const end = doc.text.length;
  const separator = doc.text.endsWith('\n\n') ? '' : doc.text.endsWith('\n') ? '\n' : '\n\n';
  return {
    title: `Add footnote [^${id}] with a placeholder for the source`,
    edits: [
      { start: at, end: at, newText: `[^${id}]` },
      { start: end, end, newText: `${separator}[^${id}]: Source to be added.\n` },
    ],
  };
}

const mayHoldClaim = new BlockCache<boolean>((prose) => isResearchClaim(prose) || ATTRIBUTED.test(prose) || STATISTIC.test(prose));

const DESCRIBE: Record<ClaimKind, string> = {
  statistic: 'This statistic has no source',
  research: 'This research or evidence claim has no source',
  attribution: 'This finding is attributed to a report or body but has no citation',
};

const rule: Rule = {
  meta: {
    id: 'uncited-claim',
    description: 'Statistics, research claims and findings of reports or national bodies with no citation.',
    defaultSeverity: 'warning',
    theme: 'evidence',
    fixable: true,
    optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check({ doc, report }) {
    const defined = new Set(footnoteIds(doc));
    const usesPandoc = /\[[^[\]\n]*@[A-Za-z0-9_]/.test(doc.prose);
    let footnote = nextFootnoteId(doc);
    for (const block of doc.blocks) {
      if (block.kind !== 'paragraph' && block.kind !== 'tableCell') continue;
      if (block.inBlockquote || block.inFootnote) continue;
      // Most paragraphs hold no claim: skip sentence segmentation for them.
      if (!mayHoldClaim.get(doc, block)) continue;
      const prose = doc.prose.slice(block.range.start, block.range.end);
      const sentences = sentencesOf(doc, block, defined);
      const claims = sentences.filter((s) => s.kind);
      // A note after the paragraph's last full stop covers the paragraph's single claim; a citation inside the
      // last sentence belongs to that sentence.
      const closingCitation = PARAGRAPH_CLOSING_NOTE.test(prose);
      for (const claim of claims) {
        if (claim.cited || (claims.length === 1 && closingCitation)) continue;
        const suggestion = fixFor(doc, claim.range, usesPandoc, footnote);
        if (!usesPandoc) footnote = String(Number.isInteger(Number(footnote)) ? Number(footnote) + 1 : footnote + "'");
        report({
          range: claim.range,
          message: `${DESCRIBE[claim.kind!]}: add a footnote or reference so that readers can check it, or say that it comes from this review's own evidence.`,
          explanation: {
            why: 'A review is read by boards, inspectors and families; a claim without a source weakens it and cannot be checked.',
            alternatives: ['Add a footnote [^n] with the source', 'Add an author–year reference, e.g. (Child Safeguarding Practice Review Panel, 2022)', 'Make clear the figure comes from this review'],
            source: 'SCIE quality markers for case reviews: analysis uses research evidence and references guidance',
          },
          suggestions: [suggestion],
          data: { kind: claim.kind },
        });
      }
    }
  },
};

export default rule;
