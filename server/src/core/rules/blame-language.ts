/**
 * blame-language: words that blame children, parents or victims for the harm done to them.
 * (First version: a short built-in list; the full lexicon arrives with issue 3.)
 */
import type { Rule } from '../types.js';
import { fitCase, matchProse, mentionKind } from './shared.js';

interface Entry {
  pattern: RegExp;
  why: string;
  alternatives: string[];
  source: string;
}

const ENTRIES: Entry[] = [
  {
    pattern: /\btroublesome\b/gi,
    why: "'troublesome' labels the child; describe the behaviour and what may lie behind it",
    alternatives: ['was distressed', 'was struggling to cope'],
    source: 'Child Safeguarding Practice Review Panel annual report 2022-23',
  },
  {
    pattern: /\bput(?:s|ting)?\s+(?:her|him|them)sel(?:f|ves)\s+at\s+risk\b/gi,
    why: 'places responsibility for exploitation on the child',
    alternatives: ['was at risk of being exploited', 'adults exploited her vulnerability'],
    source: 'The Children’s Society, Appropriate Language: Child Exploitation (2022)',
  },
];

const rule: Rule = {
  meta: {
    id: 'blame-language',
    description: 'Victim-blaming and family-blaming language, judged in context.',
    defaultSeverity: 'warning',
    theme: 'language',
    fixable: true,
    optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check({ doc, report }) {
    for (const entry of ENTRIES) {
      for (const m of matchProse(doc, entry.pattern)) {
        const range = { start: m.index, end: m.index + m[0].length };
        const mention = mentionKind(doc, range);
        report({
          range,
          severity: mention ? 'information' : undefined,
          message: mention ? `Quoted mention: ${entry.why}.` : `${entry.why}.`,
          explanation: { why: entry.why, alternatives: entry.alternatives, source: entry.source },
          suggestions: mention
            ? undefined
            : entry.alternatives.map((alt, i) => ({
                title: `Replace with '${fitCase(alt, m[0])}'`,
                edits: [{ ...range, newText: fitCase(alt, m[0]) }],
                isPreferred: i === 0 && entry.alternatives.length === 1,
              })),
        });
      }
    }
  },
};

export default rule;
