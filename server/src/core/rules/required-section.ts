/**
 * required-section: the sections a review of a given type must contain (the child's lived experience, how the
 * review was done, the family's involvement, analysis, recommendations…). The type comes from front matter
 * (`type:`), then configuration (`reviewType`), then the title; with no type, nothing is required.
 */
import type { ReviewDocument } from '../document.js';
import type { Rule, Suggestion } from '../types.js';
// The names gathered group by group: an edit reads again only the groups it changed.
import { childNamesByGroup as childNames } from './block-groups.js';
import { escapeRegExp } from './shared.js';
import { compileUserPattern } from '../safe-pattern.js';

export interface SectionSpec {
  id: string;
  /** The heading the quick fix inserts. */
  title: string;
  /** Heading synonyms: words or phrases (regular expressions, case-insensitive) any of which identifies the section. */
  headings: string[];
  /** One line on why the section is required. */
  why?: string;
}

export interface Template {
  sections: SectionSpec[];
}

const SOURCE_WT = 'Working Together to Safeguard Children 2023 (chapter 5) and the SCIE quality markers for case reviews';

export const TEMPLATES: Record<string, Template> = {
  lcspr: {
    sections: [
      { id: 'introduction', title: 'Introduction and reason for the review', headings: ['introduction', 'background to the review', 'reasons? for the review', 'why this review', 'circumstances leading to the review'], why: 'readers need to know why the case met the criteria for a review' },
      { id: 'methodology', title: 'How the review was carried out', headings: ['methodology', 'method', 'approach', 'process', 'how the review was (?:carried out|conducted|done|undertaken)', 'terms of reference', 'scope'], why: 'SCIE quality markers ask the report to show how the review was done and its limits' },
      { id: 'child', title: "The child's lived experience", headings: ['lived experience', 'voice of the child', "(?:child|baby|young person)(?: [a-z])?'?s? (?:own )?(?:voice|views|words|experience|letter|story|wishes)", 'about (?:child|baby|young person) [a-z]', 'who is', 'the child', 'identity', '^(?:child|baby|young person|yp) [a-z]$'], why: "the Panel asks reviews to give the child's voice and lived experience a central place" },
      { id: 'family', title: "The family's involvement in the review", headings: ['family involvement', 'involvement of the family', 'family contribution', "family'?s? (?:views|voice|involvement|contribution|perspective|response|comments|words)", '(?:views|comments|words|voice|response) (?:of|from) (?:the )?family', 'engagement with (?:the )?family', "parents?'?s? (?:views|voice|words)", '(?:what )?(?:the )?(?:family|parents|mother|father) (?:told|said)'], why: 'SCIE quality markers ask how the family were told, invited and heard' },
      { id: 'analysis', title: 'Analysis', headings: ['analysis', 'findings', 'themes', 'learning', 'key (?:practice )?episodes'], why: 'Working Together expects an analysis of why things happened, not only what happened' },
      { id: 'recommendations', title: 'Recommendations', headings: ['recommendations?', 'improvement actions', 'actions for the partnership'], why: 'the final report must include a summary of recommended improvements' },
    ],
  },
  'rapid-review': {
    sections: [
      { id: 'summary', title: 'Summary of the serious incident', headings: ['summary', 'serious incident', 'case summary', 'the incident'], why: 'a rapid review starts from the facts as far as they are established' },
      { id: 'agencies', title: 'Agencies involved', headings: ['agencies involved', 'agency involvement', 'involvement of agencies', 'what happened', 'chronology'], why: 'the Panel asks which agencies were involved and what they knew' },
      { id: 'learning', title: 'Learning identified', headings: ['learning', 'emerging learning', 'what we (?:have )?learn', 'practice issues'], why: 'a rapid review identifies potential learning' },
      { id: 'immediate-actions', title: 'Immediate actions', headings: ['immediate actions?', 'actions (?:already )?taken', 'immediate safety'], why: 'a rapid review considers immediate action to keep children safe' },
      { id: 'decision', title: 'Decision on a local child safeguarding practice review', headings: ['decision', 'criteria', 'local child safeguarding practice review', 'lcspr', 'national review', 'recommendation to the panel'], why: 'the rapid review must decide, with reasons, whether a local review is appropriate' },
    ],
  },
  sar: {
    sections: [
      { id: 'introduction', title: 'Introduction and the reason for the review', headings: ['introduction', 'reasons? for the review', 'why this review', 'care act', 'section 44', 'background to the review'], why: 'SAR authors should state the legal mandate (Care Act 2014, section 44)' },
      { id: 'methodology', title: 'How the review was carried out', headings: ['methodology', 'method', 'approach', 'process', 'how the review was', 'terms of reference', 'scope'], why: 'SCIE SAR quality markers ask how the review was done' },
      { id: 'person', title: 'About the person', headings: ['about', 'lived experience', 'who (?:was|is)', 'the person', '^(?:mr|ms|mrs|miss|mx) [a-z]$', 'pen picture'], why: 'Making Safeguarding Personal puts the person at the centre of the review' },
      { id: 'analysis', title: 'Analysis', headings: ['analysis', 'findings', 'themes', 'learning'], why: 'the review must explain why practice happened as it did' },
      { id: 'recommendations', title: 'Recommendations', headings: ['recommendations?', 'actions'], why: 'the SAB must act on and report the review’s findings' },
    ],
  },
  'learning-briefing': {
    sections: [
      { id: 'background', title: 'Background', headings: ['background', 'the case', 'about', 'summary', 'what happened'], why: 'readers need the case in brief before the learning' },
      { id: 'learning', title: 'What we learned', headings: ['what we found', 'learning', 'key messages', 'what (?:did|does|do) we learn', 'findings'], why: 'a briefing exists to pass on the learning' },
      { id: 'questions', title: 'Questions for your team', headings: ['questions', 'what (?:can|should|will) you do', 'reflect', 'actions for practitioners', 'what next'], why: 'a briefing should help teams change practice' },
    ],
  },
  // Thematic reviews look across several cases: the family row of a single-case review does not apply.
  thematic: {
    sections: [
      { id: 'introduction', title: 'Introduction and purpose of the review', headings: ['introduction', 'summary', 'purpose', 'background', 'reasons? for the review', 'why this review', 'about this review'], why: 'readers need to know which cases the review looked at and why' },
      { id: 'methodology', title: 'Scope and method', headings: ['methodology', 'method', 'approach', 'process', 'how the review was', 'terms of reference', 'scope', 'the (?:[a-z]+ )?cases'], why: 'SCIE quality markers ask the report to show how the cases were chosen and the review done' },
      { id: 'analysis', title: 'Findings', headings: ['analysis', 'findings', 'themes', 'learning', 'what (?:we|the review) found'], why: 'a thematic review exists to explain what the cases show together, and why' },
      { id: 'recommendations', title: 'Recommendations', headings: ['recommendations?', 'improvement actions', 'actions for the partnership'], why: 'the partnership needs the improvements it is asked to make' },
    ],
  },
  'executive-summary': {
    sections: [
      { id: 'introduction', title: 'About this review', headings: ['about this (?:review|summary|report)', 'introduction', 'why the review', 'reasons? for the review', 'why this review', 'background to the review', 'purpose'], why: 'readers of a summary need to know what the review was and why it was held' },
      { id: 'narrative', title: 'What happened', headings: ['what happened', 'summary of', 'case summary', 'the case', 'background', 'chronology', 'key events'], why: 'a summary gives the case in brief, with the family’s details kept to a minimum' },
      { id: 'findings', title: 'What the review found', headings: ['findings', 'what (?:the review|we) found', 'learning', 'key messages', 'analysis', 'themes', 'conclusions'], why: 'the key findings are what the summary exists to pass on' },
      { id: 'recommendations', title: 'Recommendations', headings: ['recommendations?', 'improvement actions', 'actions for the partnership'], why: 'the summary lists the recommended improvements' },
    ],
  },
};

const ALIASES: [RegExp, string][] = [
  [/^(?:lcspr|local child safeguarding practice review|scr|serious case review|cspr)$/i, 'lcspr'],
  [/^(?:rapid[- ]review)$/i, 'rapid-review'],
  [/^(?:sar|safeguarding adults? review)$/i, 'sar'],
  [/^(?:learning[- ]briefing|7[- ]minute (?:learning )?briefing|briefing)$/i, 'learning-briefing'],
  [/^(?:thematic(?:[- ]review)?|multi[- ]case review)$/i, 'thematic'],
  [/^(?:executive[- ]summary|exec[- ]summary|summary report)$/i, 'executive-summary'],
];

// First match wins: "Executive summary: local child safeguarding practice review" is a summary.
const TITLE_TYPES: [RegExp, string][] = [
  [/\bexecutive summary\b/i, 'executive-summary'],
  [/\bthematic review\b/i, 'thematic'],
  [/\blocal child safeguarding practice review\b|\bLCSPR\b|\bserious case review\b/i, 'lcspr'],
  [/\brapid review\b/i, 'rapid-review'],
  [/\bsafeguarding adults? review\b|\bSAR\b/, 'sar'],
  [/\blearning briefing\b|\b7[- ]minute briefing\b/i, 'learning-briefing'],
];

/** Whether `value` names a review type there is a template for: a built-in one (or a name for one) or one of `templates`. */
export function isKnownReviewType(value: string, templates: Record<string, unknown> = {}): boolean {
  const all = { ...TEMPLATES, ...templates };
  return Object.hasOwn(all, normaliseType(value, all));
}

/** The review types with a built-in template. */
export const BUILTIN_REVIEW_TYPES: readonly string[] = Object.keys(TEMPLATES);

function normaliseType(value: string, templates: Record<string, unknown>): string {
  const trimmed = value.trim();
  if (templates[trimmed]) return trimmed;
  for (const [re, type] of ALIASES) if (re.test(trimmed)) return type;
  return trimmed.toLowerCase();
}

export function reviewType(doc: ReviewDocument, configured: string | undefined, templates: Record<string, Template>): string | undefined {
  const declared = doc.frontMatter.data?.type;
  if (typeof declared === 'string' && declared.trim()) return normaliseType(declared, templates);
  if (configured) return normaliseType(configured, templates);
  const title = doc.headings.find((h) => h.depth === 1)?.text ?? (typeof doc.frontMatter.data?.title === 'string' ? doc.frontMatter.data.title : '');
  for (const [re, type] of TITLE_TYPES) if (re.test(title)) return type;
  return undefined;
}

const builtinPatterns = new Map<SectionSpec, RegExp>();
/** Compiled heading patterns of configured sections, by their text: a pattern or why it was refused. */
const userPatterns = new Map<string, RegExp | string>();

/** The section's heading synonyms as one pattern; configured ones only when each is safe to run. */
function headingPattern(spec: SectionSpec, builtin: boolean): RegExp | string {
  if (builtin) {
    let re = builtinPatterns.get(spec);
    if (!re) builtinPatterns.set(spec, (re = new RegExp(spec.headings.map((h) => `(?:${h})`).join('|'), 'i')));
    return re;
  }
  const key = spec.headings.join('\u0000');
  let compiled = userPatterns.get(key);
  if (compiled === undefined) {
    const unsafe = spec.headings.map((h) => ({ h, result: compileUserPattern(h, 'i') })).find(({ result }) => 'error' in result);
    compiled = unsafe ? `heading "${unsafe.h}": ${(unsafe.result as { error: string }).error}` : new RegExp(spec.headings.map((h) => `(?:${h})`).join('|'), 'i');
    if (userPatterns.size > 500) userPatterns.clear();
    userPatterns.set(key, compiled);
  }
  return compiled;
}

const TYPE_NAMES: Record<string, string> = {
  lcspr: 'local child safeguarding practice review',
  'rapid-review': 'rapid review',
  sar: 'safeguarding adults review',
  'learning-briefing': 'learning briefing',
  thematic: 'thematic review',
  'executive-summary': 'executive summary',
};

const RECOMMENDATIONS = /\brecommendations?\b|\bconclusions?\b/i;

function insertHeading(doc: ReviewDocument, spec: SectionSpec): Suggestion {
  const before = spec.id !== 'recommendations' ? doc.sections.find((s) => s.heading?.form !== 'paragraph' && RECOMMENDATIONS.test(s.heading?.title ?? '')) : undefined;
  const depth = Math.max(2, Math.min(before?.depth ?? 2, 6));
  const block = `${'#'.repeat(depth)} ${spec.title}\n\n<!-- review-lint prompt: ${spec.why ?? 'add this section'} -->\n`;
  if (before) return { title: `Insert a '${spec.title}' section`, edits: [{ start: before.range.start, end: before.range.start, newText: `${block}\n` }] };
  const end = doc.text.length;
  const separator = doc.text.endsWith('\n\n') ? '' : doc.text.endsWith('\n') ? '\n' : '\n\n';
  return { title: `Add a '${spec.title}' section`, edits: [{ start: end, end, newText: `${separator}${block}` }] };
}

interface Options {
  templates: Record<string, Template>;
}

const sectionSchema = {
  type: 'object',
  required: ['id', 'title', 'headings'],
  additionalProperties: false,
  properties: { id: { type: 'string' }, title: { type: 'string' }, headings: { type: 'array', items: { type: 'string' }, minItems: 1 }, why: { type: 'string' } },
};

const rule: Rule<Options> = {
  meta: {
    id: 'required-section',
    description: 'Sections a review of its type must contain (lived experience, methodology, family involvement, analysis, recommendations…).',
    defaultSeverity: 'warning',
    theme: 'structure',
    fixable: true,
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        templates: {
          type: 'object',
          description: 'Templates to add, or to replace the built-in ones (lcspr, rapid-review, sar, learning-briefing, thematic, executive-summary), keyed by review type.',
          additionalProperties: { type: 'object', required: ['sections'], additionalProperties: false, properties: { sections: { type: 'array', items: sectionSchema } } },
        },
      },
    },
    defaultOptions: { templates: {} },
  },
  check({ doc, options, config, report, notice }) {
    const configured = options.templates ?? {};
    const configuredTypes = Object.keys(configured);
    if (configuredTypes.length && !config.allowConfigPatterns) {
      notice({ message: `the templates in this workspace's configuration (${configuredTypes.join(', ')}) are not used because the workspace is not trusted` });
    }
    const templates = config.allowConfigPatterns ? { ...TEMPLATES, ...configured } : TEMPLATES;
    const type = reviewType(doc, config.reviewType, templates);
    if (!type) return;
    const template = templates[type];
    if (!template) {
      notice({ message: `no template of required sections for review type "${type}" (known: ${Object.keys(templates).join(', ')})` });
      return;
    }
    const titles = doc.headings.filter((h) => h.depth > 1 || doc.headings.length === 1).map((h) => h.title);
    // A section headed with the child's pseudonym ("2. Amara", "Amara's words") is about the child.
    const names = childNames(doc);
    const namedChild = names.length ? new RegExp(`^(?:about )?(?:${names.map(escapeRegExp).join('|')})(?:'s?\\b.*)?$`, 'i') : undefined;
    const namesChild = (title: string) => namedChild?.test(title) ?? false;
    for (const spec of template.sections) {
      const pattern = headingPattern(spec, template === TEMPLATES[type]);
      if (typeof pattern === 'string') {
        notice({ message: `template "${type}", section "${spec.id}" is not checked: ${pattern}` });
        continue;
      }
      if (titles.some((t) => pattern.test(t) || (spec.id === 'child' && namesChild(t)))) continue;
      report({
        range: doc.titleRange(),
        message: `This ${TYPE_NAMES[type] ?? type} has no section on ${spec.title.charAt(0).toLowerCase()}${spec.title.slice(1)}${spec.why ? `: ${spec.why}` : ''}.`,
        explanation: { why: spec.why ?? 'A review of this type is expected to contain this section.', alternatives: [`Add a section headed "${spec.title}" (or any heading such as ${spec.headings.slice(0, 3).join(', ')})`], source: SOURCE_WT },
        suggestions: [insertHeading(doc, spec)],
        data: { type, section: spec.id },
      });
    }
  },
};

export default rule;
