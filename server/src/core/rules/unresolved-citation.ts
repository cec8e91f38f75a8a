/**
 * unresolved-citation: citations that lead nowhere. A footnote reference with no definition (error), a
 * definition never referenced (information), a pandoc citation key missing from the bibliography (error),
 * and a bibliography that cannot be read (one finding, never a crash).
 */
import { citationKeys, footnoteIds, footnoteReferences, normaliseFootnoteId, readBibliography } from '../citations.js';
import type { Rule } from '../types.js';

const rule: Rule = {
  meta: {
    id: 'unresolved-citation',
    description: 'Footnotes with no definition, citation keys missing from the bibliography, and footnotes never referred to.',
    defaultSeverity: 'error',
    theme: 'evidence',
    fixable: true,
    optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check({ doc, host, report }) {
    const defined = new Set(footnoteIds(doc));
    const referenced = new Set<string>();
    for (const ref of footnoteReferences(doc)) {
      referenced.add(ref.id);
      if (defined.has(ref.id)) continue;
      const end = doc.text.endsWith('\n') ? doc.text.length : doc.text.length;
      const separator = doc.text.endsWith('\n\n') ? '' : doc.text.endsWith('\n') ? '\n' : '\n\n';
      report({
        range: ref.range,
        message: `Footnote [^${ref.id}] has no definition, so the reader cannot see its source: add "[^${ref.id}]: …" with the source, or remove the reference.`,
        explanation: { why: 'A reference that leads nowhere cannot be checked by the board, inspectors or the family.', source: 'SCIE quality markers: analysis is evidenced and referenced' },
        suggestions: [
          {
            title: `Add a definition for [^${ref.id}] at the end of the document`,
            edits: [{ start: end, end, newText: `${separator}[^${ref.id}]: Source to be added.\n` }],
          },
        ],
        data: { footnote: ref.id },
      });
    }
    for (const def of doc.footnoteDefinitions) {
      if (referenced.has(normaliseFootnoteId(def.id))) continue;
      report({
        range: def.labelRange,
        severity: 'information',
        message: `Footnote [^${def.id}] is defined but never referred to in the text.`,
        explanation: { why: 'An unused note may be a citation whose reference was deleted by mistake.' },
        data: { footnote: def.id },
      });
    }

    const keys = citationKeys(doc);
    const bibliography = readBibliography(doc, host);
    for (const problem of bibliography.problems) {
      report({
        range: bibliography.range ?? doc.titleRange(),
        message: `Citation keys cannot be checked against the bibliography: ${problem.message.replace(/\.$/, '')}.`,
        explanation: { why: 'Citation keys are checked against the bibliography named in the front matter.' },
        data: { bibliography: problem.file },
      });
    }
    if (keys.length === 0 || bibliography.problems.length) return;
    if (!bibliography.declared) {
      report({
        range: keys[0].range,
        severity: 'information',
        message: 'This review uses citation keys such as [@' + keys[0].key + '] but names no bibliography: add "bibliography:" or "references:" to the front matter so the keys can be checked.',
        data: { key: keys[0].key },
      });
      return;
    }
    for (const k of keys) {
      if (bibliography.keys.has(k.key)) continue;
      report({
        range: k.range,
        message: `Citation key @${k.key} is not in the bibliography, so the published report will show no source for it: add the source or correct the key.`,
        explanation: { why: 'A citation that leads nowhere cannot be checked by the board, inspectors or the family.', source: 'SCIE quality markers: analysis is evidenced and referenced' },
        data: { key: k.key },
      });
    }
  },
};

export default rule;
