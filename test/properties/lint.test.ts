/**
 * Properties of `lint` on random Markdown and random strings: it never throws, its ranges lie inside the
 * document, a fix changes nothing outside its own range, and fixing then linting again settles.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyEdits, applyPreferredFixes, lint, resolveConfig } from '../../server/src/core/index.js';
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

  it('a suggestion leaves the text outside its edits unchanged', () => {
    fc.assert(
      fc.property(markdownDocument(), (text) => {
        for (const f of lint(text, { config: publication }).findings) {
          for (const s of f.suggestions ?? []) {
            const edits = [...s.edits].sort((a, b) => a.start - b.start);
            const fixed = applyEdits(text, edits);
            const first = edits[0];
            const last = edits[edits.length - 1];
            expect(fixed.startsWith(text.slice(0, first.start))).toBe(true);
            expect(fixed.endsWith(text.slice(last.end))).toBe(true);
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
