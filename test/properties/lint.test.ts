/**
 * Properties of `lint` on random Markdown and random strings: it never throws, its ranges lie inside the
 * document, a fix removes text only on its finding's lines, and fixing then linting again settles.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyPreferredFixes, lint, resolveConfig } from '../../server/src/core/index.js';
import { markdownDocument } from '../helpers/arbitraries.js';

const publication = resolveConfig({}, { profile: 'publication' });
const anyText = fc.oneof(markdownDocument(), fc.string({ maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 200 }));

describe('lint on random input', () => {
  it('never throws and keeps every range inside the document', () => {
    fc.assert(
      fc.property(anyText, fc.boolean(), (text, pub) => {
        const result = lint(text, pub ? { config: publication } : {});
        for (const f of result.findings) {
          expect(f.range.start).toBeGreaterThanOrEqual(0);
          expect(f.range.end).toBeLessThanOrEqual(text.length);
          expect(f.range.start).toBeLessThanOrEqual(f.range.end);
          for (const s of f.suggestions ?? []) {
            for (const e of s.edits) {
              expect(e.start).toBeGreaterThanOrEqual(0);
              expect(e.end).toBeLessThanOrEqual(text.length);
              expect(e.start).toBeLessThanOrEqual(e.end);
            }
          }
        }
        expect(result.notices.filter((n) => /failed and was skipped|could not parse/.test(n.message))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  // Fixes may insert text anywhere (a footnote definition at the end, a missing section), but text is removed or
  // replaced only on the finding's own lines, and one suggestion's edits never overlap (an overlap loses text).
  it('a suggestion removes or replaces text only on its finding\'s lines, with edits that do not overlap', () => {
    fc.assert(
      fc.property(markdownDocument(), (text) => {
        for (const f of lint(text, { config: publication }).findings) {
          const lineStart = text.lastIndexOf('\n', f.range.start - 1) + 1;
          const nextBreak = text.indexOf('\n', f.range.end);
          const lineEnd = nextBreak === -1 ? text.length : nextBreak;
          for (const s of f.suggestions ?? []) {
            const edits = [...s.edits].sort((a, b) => a.start - b.start || a.end - b.end);
            for (let i = 1; i < edits.length; i++) expect(edits[i].start, `${f.ruleId}: "${s.title}" has overlapping edits`).toBeGreaterThanOrEqual(edits[i - 1].end);
            for (const e of edits) {
              if (e.start === e.end) continue;
              expect(e.start >= lineStart && e.end <= lineEnd, `${f.ruleId}: "${s.title}" removes ${JSON.stringify(text.slice(e.start, e.end))} outside the finding's lines`).toBe(true);
            }
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('applying every preferred fix and linting again settles within a few rounds', () => {
    fc.assert(
      fc.property(markdownDocument(), (start) => {
        let text = start;
        let rounds = 0;
        for (; rounds < 6; rounds++) {
          const next = applyPreferredFixes(text, lint(text, { config: publication }).findings);
          if (next === text) break;
          text = next;
        }
        expect(rounds).toBeLessThan(6);
      }),
      { numRuns: 150 },
    );
  });
});
