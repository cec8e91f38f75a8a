/** Incremental linting (chunk parses reused across edits) gives exactly the findings of a full lint. */
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IncrementalLinter, lint, resolveConfig } from '../../server/src/core/index.js';
import { markdownDocument } from '../helpers/arbitraries.js';

const config = resolveConfig({}, { profile: 'publication' });

describe('incremental linting', () => {
  it('equals a full lint after every edit of a random edit sequence', () => {
    const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 15 }), insert: fc.constantFrom('', 'x', ' ', '\n', '\n\n', '"', 'troublesome', 'did not attend', '# ', '> ', '```\n', '[^2]', '<!-- review-lint-disable-next-line -->\n\n') });
    fc.assert(
      fc.property(markdownDocument(), fc.array(edit, { minLength: 1, maxLength: 20 }), (start, edits) => {
        const linter = new IncrementalLinter();
        let text = start;
        expect(linter.lint(text, { config })).toEqual(lint(text, { config }));
        for (const e of edits) {
          const at = text.length ? e.at % (text.length + 1) : 0;
          text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
          expect(linter.lint(text, { config })).toEqual(lint(text, { config }));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('equals a full lint when paragraphs recur (a long review stitched from the same passages)', () => {
    const passages = [
      'Research shows that 70% of such children are exploited.',
      'Child M was born on 12 June 2009 and lived at 14 Acacia Avenue.',
      'Staff found him troublesome and said she was putting herself at risk.',
      '| Agency | Contact |\n| --- | --- |\n| School | 0113 496 0000 |',
      '- Her GP, Dr Patel, saw her twice.\n- The MASH did not share it.',
      '## 2. Analysis',
      '2.1 Most parents in the area had no car.',
    ];
    const edit = fc.record({ at: fc.nat(), insert: fc.constantFrom('x', '\n', '\n\n', ...passages.map((p) => `\n\n${p}\n\n`)) });
    fc.assert(
      fc.property(fc.array(fc.nat({ max: passages.length - 1 }), { minLength: 3, maxLength: 40 }), fc.array(edit, { minLength: 1, maxLength: 15 }), (picks, edits) => {
        let text = `# Review\n\n${picks.map((i) => passages[i]).join('\n\n')}\n`;
        const linter = new IncrementalLinter();
        expect(linter.lint(text, { config })).toEqual(lint(text, { config }));
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.insert + text.slice(at);
          expect(linter.lint(text, { config })).toEqual(lint(text, { config }));
        }
      }),
      { numRuns: 80 },
    );
  });

  it('leaves earlier results as they were when later versions are linted', () => {
    const edit = fc.record({ at: fc.nat(), insert: fc.constantFrom('x', '\n', '\n\n', 'troublesome ', '# Part\n\n', '<!-- review-lint-disable-next-line -- quoted -->\n') });
    fc.assert(
      fc.property(markdownDocument(), fc.array(edit, { minLength: 2, maxLength: 12 }), (start, edits) => {
        const linter = new IncrementalLinter();
        const kept: { result: ReturnType<IncrementalLinter['lint']>; asLinted: string }[] = [];
        let text = `<!-- review-lint-disable-next-line blame-language -- the father's words -->\nStaff found him troublesome.\n\n${start}`;
        for (const e of [{ at: 0, insert: '' }, ...edits]) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.insert + text.slice(at);
          const result = linter.lint(text, { config });
          kept.push({ result, asLinted: JSON.stringify(result) });
        }
        for (const { result, asLinted } of kept) expect(JSON.stringify(result)).toBe(asLinted);
      }),
      { numRuns: 60 },
    );
  });

  it('keeps its cache to the chunks of recent versions', () => {
    const linter = new IncrementalLinter();
    for (let i = 0; i < 200; i++) linter.lint(`# Review ${i}\n\nParagraph number ${i} about the child.\n\nA stable paragraph.\n`);
    expect(linter.cachedChunks).toBeLessThan(12);
  });

  it('does not keep earlier versions of the text alive (a long editing day on a 250 KB review)', () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const paragraphs: string[] = [];
    for (let i = 0; Buffer.byteLength(paragraphs.join('\n\n')) < 250 * 1024; i++) {
      paragraphs.push(`Paragraph ${i}: the social worker recorded that Child ${i % 26} was “settled” at home, and the school raised a concern in week ${i}.`);
    }
    let text = paragraphs.join('\n\n');
    const linter = new IncrementalLinter();
    const rules: never[] = [];
    linter.lint(text, { rules });
    gc();
    const before = process.memoryUsage().heapUsed;
    // One edit in each of 150 different paragraphs: every edited chunk gets a cache entry that lives on.
    for (let k = 0; k < 150; k++) {
      const at = text.indexOf(`Paragraph ${k * 7}:`);
      text = `${text.slice(0, at)}x${text.slice(at)}`;
      linter.lint(text, { rules });
    }
    gc();
    const grownMb = (process.memoryUsage().heapUsed - before) / (1024 * 1024);
    // Each version is about 500 KB (UTF-16): keeping them would be about 75 MB; the new chunks themselves are small.
    expect(grownMb).toBeLessThan(15);
  });

  it('does not keep what every rule cached for earlier versions alive (many edits, every rule on)', () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const paragraphs = Array.from({ length: 400 }, (_, i) => `Child ${i % 26} was born on 12 June 2009 and lived at ${i} Acacia Avenue. Research shows that ${i}% of such children are exploited.`);
    let text = `# Review\n\n${paragraphs.join('\n\n')}\n`;
    const linter = new IncrementalLinter();
    const edit = (k: number) => {
      const at = (k * 7919) % text.length;
      text = `${text.slice(0, at)}x${text.slice(at)}`;
      linter.lint(text, { config });
    };
    for (let k = 0; k < 200; k++) edit(k);
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let k = 200; k < 1400; k++) edit(k);
    gc();
    const grownMb = (process.memoryUsage().heapUsed - before) / (1024 * 1024);
    // A chain through every version's group layout grew about 7 KB per edit here (over 8 MB for these edits).
    expect(grownMb).toBeLessThan(4);
  });
});
