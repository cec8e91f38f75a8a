/**
 * Parsing a document chunk by chunk (with a cache carried across edits) must give exactly the model that
 * one whole-document parse gives: random Markdown, random edit sequences.
 */
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { ChunkCache, parseDocument, parseDocumentUnchunked, type ReviewDocument } from '../../server/src/core/document.js';
import { lineBounds, resplitChunks, splitChunks } from '../../server/src/core/chunks.js';
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

  // Constructs opened inside a list item or blockquote (they end with the container), and container-like
  // lines inside a top-level fence (they are code).
  it.each([
    ['a "- ```" line inside a top-level fence', 'Intro\n\n```\n- ```\n\n# not a heading\n```\n\nAfter.\n'],
    ['a comment opened in a list item', '- <!--\n\n-->\n# H\n\nx "troublesome" y\n'],
    ['a comment opened in a list item, left open', '- <!-- note\n\ntext\n\n# H\n\nmore -->\n'],
    ['a fence in a blockquoted list item, then a top-level fence', '> - ```\n>   a\n\n```\nopen\n\n# inside\n```\n'],
    ['a fence in a list item and a new item opening another', '- ```\n  a\n- ```\n\n  b\n\n# H\n'],
    ['an unclosed fence in a numbered item', '1. ~~~\n\n   ~~~\n\n~~~\n\n# in\n~~~\n'],
    ['a fence closed behind fewer blockquote markers', '>>> ```\n>>\n> ```\n\n# H\n'],
    ['raw HTML opened in a blockquote', '> <pre>\n\nx\n\n</pre>\n\n# H\n'],
    ['a reference definition whose label runs over a line break', '[\nref]: https://example.org/12\n\nSee [the ref][ref] and [ref].\n\n'],
  ])('equals a whole-document parse: %s', (_name, text) => {
    expect(model(parseDocument(text))).toEqual(model(parseDocumentUnchunked(text)));
  });

  const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 12 }), insert: fc.constantFrom('', 'a', ' ', '\n', '\n\n', '"', '>', '# ', '- ', '`', '```\n', '<!--', '-->', '[^1]', '*', '1. ', '    ', 'troublesome ', '\r\n', '- ```\n', '> ', '---\n', '\n---\n', '<div>', '~~~') });

  it('splits an edited text from the edit on exactly as it splits the whole text', () => {
    // How often the earlier split was reused before and after the edit: the property must not hold vacuously.
    let keptSome = 0;
    let resumedSome = 0;
    fc.assert(
      fc.property(markdownDocument(), fc.array(edit, { minLength: 1, maxLength: 25 }), (start, edits) => {
        let before = { text: start, chunks: splitChunks(start) };
        let text = start;
        for (const e of edits) {
          const at = text.length ? e.at % (text.length + 1) : 0;
          text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
          const lines = lineBounds(text);
          const { chunks, kept, resumed, resumedFrom } = resplitChunks(before, text, lines);
          expect(chunks).toEqual(splitChunks(text));
          for (let i = 0; i < kept; i++) expect(chunks[i]).toEqual(before.chunks[i]);
          for (let i = resumed; i < chunks.length; i++) expect(chunks[i].end - chunks[i].start).toBe(before.chunks[resumedFrom + i - resumed].end - before.chunks[resumedFrom + i - resumed].start);
          if (kept > 0) keptSome++;
          if (resumed < chunks.length) resumedSome++;
          before = { text, chunks };
        }
      }),
      { numRuns: 300 },
    );
    // Typically some 450 and 130 of about 3,000 edits (small documents leave little after an edit to resume on).
    expect(keptSome).toBeGreaterThan(20);
    expect(resumedSome).toBeGreaterThan(20);
  });

  it('stays equal through random edit sequences with a cache', () => {
    const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 12 }), insert: fc.constantFrom('', 'a', ' ', '\n', '\n\n', '"', '>', '# ', '- ', '`', '```\n', '<!--', '-->', '[^1]', '*', '1. ', '    ', 'troublesome ', '\r\n', '- ```\n', '> ') });
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

  it('is all or nothing: a parse that fails part way leaves the cache to parse the next versions right', () => {
    const paragraphs = Array.from({ length: 9 }, (_, i) => `Paragraph ${i} about the family.`);
    paragraphs[4] = 'See [x] now.';
    const cache = new ChunkCache();
    let text = paragraphs.join('\n\n') + '\n';
    parseDocument(text, { cache });
    // A reference definition makes the parse summarise chunks again, after the split: make that fail once, then
    // go on from the text before it (the definition typed and undone).
    const failing = vi.spyOn(cache, 'summarise').mockImplementationOnce(() => {
      throw new Error('simulated failure');
    });
    expect(() => parseDocument(text.replace('See [x] now.', 'See [x] now.\n\n[x]: /u'), { cache })).toThrow('simulated failure');
    failing.mockRestore();
    for (const [from, to] of [
      ['Paragraph 7', 'Paragraph seven'],
      ['Paragraph 2', 'Paragraph two'],
      ['Paragraph 8', 'Paragraph eight'],
    ]) {
      text = text.replace(from, to);
      expect(model(parseDocument(text, { cache }))).toEqual(model(parseDocumentUnchunked(text)));
    }
  });

  it('says truly how the blocks line up with the last parse (the revision that rules cache by)', () => {
    const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 12 }), insert: fc.constantFrom('', 'a', ' ', '\n', '\n\n', '# ', '- ', '```\n', '<!--', '-->', '[^1]', '> ', '[x]: /y\n') });
    let linedUp = 0;
    fc.assert(
      fc.property(markdownDocument(), fc.array(edit, { minLength: 1, maxLength: 20 }), (start, edits) => {
        const cache = new ChunkCache();
        let text = start;
        let doc = parseDocument(text, { cache });
        for (const e of edits) {
          // What the last parse's blocks were, before the next parse may move them.
          const before = doc.blocks.map((b) => ({ block: b, text: doc.text.slice(b.range.start, b.range.end), start: b.range.start }));
          const at = text.length ? e.at % (text.length + 1) : 0;
          text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
          doc = parseDocument(text, { cache });
          const r = doc.revision;
          if (!r) continue;
          linedUp++;
          expect(r.kept).toBeLessThanOrEqual(r.resumed);
          expect(doc.blocks.length - r.resumed).toBe(before.length - r.resumedFrom);
          for (let b = 0; b < r.kept; b++) {
            expect(doc.blocks[b]).toBe(before[b].block);
            expect(doc.blocks[b].range.start).toBe(before[b].start);
          }
          for (let b = r.resumed; b < doc.blocks.length; b++) {
            const was = before[r.resumedFrom + b - r.resumed];
            expect(doc.blocks[b]).toBe(was.block);
            expect(doc.blocks[b].range.start).toBe(was.start + r.delta);
            expect(doc.text.slice(doc.blocks[b].range.start, doc.blocks[b].range.end)).toBe(was.text);
          }
        }
      }),
      { numRuns: 100 },
    );
    expect(linedUp).toBeGreaterThan(200);
  });
});
