/** Incremental linting (chunk parses reused across edits) gives exactly the findings of a full lint. */
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

  it('keeps its cache to the chunks of recent versions', () => {
    const linter = new IncrementalLinter();
    for (let i = 0; i < 200; i++) linter.lint(`# Review ${i}\n\nParagraph number ${i} about the child.\n\nA stable paragraph.\n`);
    expect(linter.cachedChunks).toBeLessThan(12);
  });
});
