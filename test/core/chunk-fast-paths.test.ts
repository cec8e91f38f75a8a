/**
 * Chunks read without the Markdown parser (plain paragraphs, plain ATX and setext headings, lists of plain
 * one-line items) must give exactly the summary the parser gives, near misses included.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { summariseChunk } from '../../server/src/core/document.js';
import { plainListItems, plainSetextHeading } from '../../server/src/core/chunks.js';

const parsed = (chunk: string) => summariseChunk(chunk, '', false, true);
const fast = (chunk: string) => summariseChunk(chunk, '', false);

const word = fc.constantFrom('Do', 'better', 'staff.', 'PLO:', 'Public', 'Law', '"quoted"', '41%', 'Child', 'K', '(a)', 'x', '-', '#', '1.', '*', '`code`', '[^1]', '&amp;', '  ', '\t', '>', '=', '===', '---', 'troublesome', '—', 'a\u00a0', '\u3000', '\u00a0');
const line = fc.array(word, { minLength: 1, maxLength: 6 }).map((ws) => ws.join(' '));
const marker = fc.constantFrom('-', '*', '+', '1.', '2)', '10.', '-  ', '1.  ', '', '>');
const item = fc.tuple(marker, line, fc.constantFrom('', ' ', '  ')).map(([m, text, trailing]) => `${m} ${text}${trailing}`);
const list = fc.array(item, { minLength: 1, maxLength: 5 }).map((items) => items.join('\n'));
const setext = fc.tuple(line, fc.constantFrom('=', '===', '-', '---', '--- ', '= =', '-=-', ' ---', '===  '), fc.constantFrom('', '  ')).map(([text, underline, trailing]) => `${text}${trailing}\n${underline}`);

describe('chunks read without a parse', () => {
  it('a list of plain items gives the summary a parse gives', () => {
    fc.assert(fc.property(list, (chunk) => {
        expect(fast(chunk)).toEqual(parsed(chunk));
      }), { numRuns: 600 });
  });

  it('a plain setext heading gives the summary a parse gives', () => {
    fc.assert(fc.property(setext, (chunk) => {
        expect(fast(chunk)).toEqual(parsed(chunk));
      }), { numRuns: 600 });
  });

  it.each([
    ['1. Do better.', 1],
    ['- PLO: Public Law Outline\n- MARAC: multi-agency risk assessment conference', 2],
    ['1) a\n2) b\n- c', 3],
  ])('takes the fast path for %j', (chunk, count) => {
    expect(plainListItems(chunk)).toHaveLength(count);
    expect(fast(chunk)).toEqual(parsed(chunk));
  });

  it.each(['-     indented code', '- **Child 1** is six.', '1. text\n   continued', '- a\n\n- b', '- # heading', '-\ta'])('leaves %j to the parser', (chunk) => {
    expect(plainListItems(chunk)).toBeUndefined();
  });

  it.each(['Plain para\u00a0', '# Head\u00a0', 'Title\u00a0\n===', '\u00a0Title\n===', '- a\u3000', 'a\u2028b'])('leaves %j (white space that trim() drops and CommonMark keeps) to the parser', (chunk) => {
    expect(fast(chunk)).toEqual(parsed(chunk));
    expect(summariseChunk(chunk, '', true)).toEqual(summariseChunk(chunk, '', true, true));
  });

  it('reads "Review of Child B" over "=====" as a level-one heading, and leaves an indented or inline-marked one to the parser', () => {
    expect(plainSetextHeading('Review of Child B\n=================')).toEqual({ depth: 1, textEnd: 17 });
    expect(plainSetextHeading('Analysis  \n--------  ')).toEqual({ depth: 2, textEnd: 8 });
    expect(plainSetextHeading(' Indented\n===')).toBeUndefined();
    expect(plainSetextHeading('*Emphasis*\n===')).toBeUndefined();
    expect(fast('Analysis  \n--------  ')).toEqual(parsed('Analysis  \n--------  '));
  });
});
