/**
 * Parsing a document chunk by chunk (with a cache carried across edits) must give exactly the model that
 * one whole-document parse gives: random Markdown, random edit sequences.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ChunkCache, parseDocument, parseDocumentUnchunked, type ReviewDocument } from '../../server/src/core/document.js';
import { markdownDocument } from '../helpers/arbitraries.js';

function model(doc: ReviewDocument) {
  return {
    prose: doc.prose,
    frontMatter: doc.frontMatter,
    headings: doc.headings,
    blocks: doc.blocks.map(({ origin: _origin, ...block }) => block),
    blockquotes: doc.blockquotes,
    footnoteDefinitions: doc.footnoteDefinitions,
    links: doc.links,
    htmlComments: doc.htmlComments,
  };
}

describe('chunked parsing', () => {
  it('equals a whole-document parse on random Markdown', () => {
    fc.assert(
      fc.property(markdownDocument(), (text) => {
        expect(model(parseDocument(text))).toEqual(model(parseDocumentUnchunked(text)));
      }),
      { numRuns: 400 },
    );
  });

  it('stays equal through random edit sequences with a cache', () => {
    const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 12 }), insert: fc.constantFrom('', 'a', ' ', '\n', '\n\n', '"', '>', '# ', '- ', '`', '```\n', '<!--', '-->', '[^1]', '*', '1. ', '    ', 'troublesome ', '\r\n') });
    fc.assert(
      fc.property(markdownDocument(), fc.array(edit, { minLength: 1, maxLength: 25 }), (start, edits) => {
        const cache = new ChunkCache();
        let text = start;
        parseDocument(text, { cache });
        for (const e of edits) {
          const at = text.length ? e.at % (text.length + 1) : 0;
          text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
          const chunked = model(parseDocument(text, { cache }));
          expect(chunked).toEqual(model(parseDocumentUnchunked(text)));
        }
      }),
      { numRuns: 150 },
    );
  });
});
