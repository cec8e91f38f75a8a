/**
 * manager-accountability: a review must analyse the role and accountability of senior and middle managers
 * (their decisions, oversight, supervision, caseloads and resources), not only front-line practice. The
 * section is found by what it says, under whatever heading; an empty, placeholder or thin section counts as
 * missing. One finding per document, on the title.
 */
import type { ReviewDocument, Section } from '../document.js';
import type { Rule, Suggestion } from '../types.js';
import { BlockCache } from './shared.js';

const HEADING = /\b(?:leaders?(?:hip)?|manage(?:rs?|ment)|senior|oversight|supervision|organi[sz]ational|accountab\w*|governance|workforce|workloads?|caseloads?|capacity|resourc\w*|systems? (?:findings|issues|learning))\b/i;
const ROLE = /\b(?:managers?|management|leaders?|leadership|senior|head of service|heads of service|directors?|(?:team|service|practice|operational|strategic) managers?|chief executive|commissioners?|executive|the board|board members?|partnership (?:leads|chairs?)|supervisors?)\b/gi;
const ANALYSIS = /\b(?:decisions?|decided|approv\w+|authori[sz]\w+|agreed|signed off|oversight|supervis\w+|caseloads?|workloads?|capacity|resourc\w+|funding|budgets?|staffing|vacanc\w+|turnover|escalat\w+|culture|accountab\w+|knew|aware(?:ness)?|priorit\w+|pressures?|demand|commission\w+)\b/gi;
const PLACEHOLDER = /^\s*(?:tbc|tbd|to be (?:completed|confirmed|added|written|drafted|agreed)|to follow|pending|placeholder|\[[^\]]{0,80}?(?:insert|tbc|to follow|placeholder|todo)[^\]]{0,80}\]|todo|x+|\.\.\.|…)(?:\s*[.!])?\s*$/i;
const RECOMMENDATIONS = /\b(?:recommendations?|conclusions?|next steps|actions|what (?:happens|will happen) next|improvement)\b/i;

const MIN_WORDS = 40;

interface Assessment {
  section: Section;
  headingMatches: boolean;
  words: number;
  roles: number;
  analysis: number;
  placeholder: boolean;
}

function count(re: RegExp, text: string): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text)) n++;
  return n;
}

interface Counts {
  words: number;
  roles: number;
  analysis: number;
}

// Counted per block and summed per section: an edit recounts only the blocks it changed.
const blockCounts = new BlockCache<Counts>((prose) => ({ words: count(/\S+/g, prose), roles: count(ROLE, prose), analysis: count(ANALYSIS, prose) }));
// A body this long is prose, not a placeholder, whatever it says.
const PLACEHOLDER_MAX_WORDS = 30;

function assess(doc: ReviewDocument, section: Section): Assessment {
  const totals: Counts = { words: 0, roles: 0, analysis: 0 };
  const { start, end } = section.bodyRange;
  for (let i = firstBlockFrom(doc, start); i < doc.blocks.length && doc.blocks[i].range.start < end; i++) {
    const counts = blockCounts.get(doc, doc.blocks[i]);
    totals.words += counts.words;
    totals.roles += counts.roles;
    totals.analysis += counts.analysis;
  }
  return {
    section,
    headingMatches: HEADING.test(section.heading?.title ?? ''),
    ...totals,
    placeholder: totals.words === 0 || (totals.words <= PLACEHOLDER_MAX_WORDS && PLACEHOLDER.test(doc.prose.slice(start, end).replace(/\s+/g, ' '))),
  };
}

/** The index of the first block that starts at or after `offset`. */
function firstBlockFrom(doc: ReviewDocument, offset: number): number {
  let lo = 0;
  let hi = doc.blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (doc.blocks[mid].range.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A body that analyses managers: long enough, and speaking of managers and of their decisions or conditions. */
function analysesManagers(a: Assessment, strict: boolean): boolean {
  if (a.placeholder || a.words < MIN_WORDS) return false;
  return strict ? a.roles >= 4 && a.analysis >= 5 && (a.roles + a.analysis) / a.words >= 0.06 : a.roles >= 2 && a.analysis >= 2;
}

const PROMPTS = [
  'What did senior and middle managers know about the child and family, and when?',
  'Which decisions did managers make, approve or not make (including step-down and closure), and on what information?',
  'What were caseloads, supervision and management oversight like for the practitioners involved?',
  'What resources, staffing and services were available, and what pressures were leaders aware of?',
  'What will leaders and the partnership change as a result, and who is accountable for it?',
];

function skeletonBody(): string {
  return `<!-- review-lint prompts: replace each with the review's analysis -->\n\n${PROMPTS.map((p) => `- ${p}`).join('\n')}\n`;
}

/**
 * The skeleton is offered, never preferred: it holds prompts for the author to answer, so fix-all, `--fix` and
 * fix-on-save must not write it into a review unasked.
 */
function insertSection(doc: ReviewDocument): Suggestion {
  let topDepth = 2;
  for (const section of doc.sections) if (section.depth > 1 && section.depth < topDepth) topDepth = section.depth;
  const top = doc.sections.filter((s) => s.depth === topDepth);
  const before = top.find((s) => RECOMMENDATIONS.test(s.heading?.title ?? ''));
  const depth = before?.heading && before.heading.form === 'atx' ? before.depth : 2;
  const heading = `${'#'.repeat(Math.min(Math.max(depth, 2), 6))} Leadership, management oversight and accountability`;
  const block = `${heading}\n\n${skeletonBody()}`;
  if (before) {
    const at = before.range.start;
    return { title: 'Insert a section on the role and accountability of senior and middle managers', edits: [{ start: at, end: at, newText: `${block}\n` }] };
  }
  const end = doc.text.length;
  const separator = doc.text.endsWith('\n\n') ? '' : doc.text.endsWith('\n') ? '\n' : '\n\n';
  return { title: 'Add a section on the role and accountability of senior and middle managers', edits: [{ start: end, end, newText: `${separator}${block}` }] };
}

function fillSection(doc: ReviewDocument, section: Section): Suggestion {
  const { start, end } = section.bodyRange;
  const ownEnd = section.children[0]?.range.start ?? end;
  return {
    title: `Add prompts for the analysis of managers to '${section.heading?.title}'`,
    edits: [{ start, end: ownEnd, newText: `\n\n${skeletonBody()}${doc.text.slice(ownEnd - 1, ownEnd) === '\n' ? '\n' : ''}` }],
  };
}

const WHY =
  'The Child Safeguarding Practice Review Panel found "very limited consideration or analysis of the role and accountability of senior and middle managers" in reviews, although inadequate supervision featured in two-thirds of the cases it analysed.';

const rule: Rule = {
  meta: {
    id: 'manager-accountability',
    description: 'No section analysing the role and accountability of senior and middle managers, or one that is empty, a placeholder or thin.',
    defaultSeverity: 'warning',
    theme: 'accountability',
    fixable: true,
    optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check({ doc, report }) {
    const assessments: Assessment[] = [];
    for (const section of doc.sections) {
      if (section.depth === 1 && doc.sections.length > 1) continue;
      const a = assess(doc, section);
      if (analysesManagers(a, !a.headingMatches)) return;
      assessments.push(a);
    }
    const thin = assessments.find((a) => a.headingMatches && /\b(?:leaders?(?:hip)?|manage(?:rs?|ment)|senior|accountab\w*|oversight)\b/i.test(a.section.heading?.title ?? ''));
    const explanation = {
      why: WHY,
      alternatives: PROMPTS,
      source: 'Child Safeguarding Practice Review Panel, annual reports 2021 and 2022 to 2023',
    };
    if (thin) {
      const what = thin.placeholder ? (thin.words === 0 ? 'is empty' : 'holds only a placeholder') : 'does not yet analyse managers’ decisions, oversight, supervision, caseloads or resources';
      report({
        range: doc.titleRange(),
        message: `The section '${thin.section.heading?.title}' ${what}: the review must analyse the role and accountability of senior and middle managers, not only front-line practice.`,
        explanation,
        suggestions: [fillSection(doc, thin.section)],
        data: { state: 'thin', heading: thin.section.heading?.title },
      });
      return;
    }
    report({
      range: doc.titleRange(),
      message:
        'No section analyses the role and accountability of senior and middle managers: add one on what they knew and decided, supervision and caseloads, and the resources available.',
      explanation,
      suggestions: [insertSection(doc)],
      data: { state: 'missing' },
    });
  },
};

export default rule;
