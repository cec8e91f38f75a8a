/** Hostile shapes of input: very long lines, deep nesting, thousands of footnotes. No time is asserted. */
import { describe, expect, it } from 'vitest';
import { lint } from '../../server/src/core/index.js';

describe('limits', () => {
  it('lints a one-megabyte line', () => {
    const text = 'Staff found her troublesome. '.repeat(36000);
    expect(text.length).toBeGreaterThan(1_000_000);
    const result = lint(text);
    expect(result.findings.length).toBeGreaterThan(1000);
  });

  it('skips a block nested deeper than any review with a notice, and checks the rest', () => {
    const text = `Staff found her troublesome.\n\n${'> '.repeat(5000)}deep\n\nThe school found him troublesome.\n`;
    const result = lint(text);
    expect(result.notices.map((n) => n.message)).toContain('a block nested more than 64 levels deep was not checked');
    expect(result.findings.filter((f) => f.ruleId === 'blame-language').length).toBe(2);
  });

  it('skips quotes and lists nested in each other just as deeply (> - > - …)', () => {
    for (const nesting of ['> - ', '- > ', '> 1. ']) {
      const text = `Staff found her troublesome.\n\n${nesting.repeat(3000)}deep\n\nThe school found him troublesome.\n`;
      const result = lint(text);
      expect(result.notices.map((n) => n.message), nesting).toContain('a block nested more than 64 levels deep was not checked');
      expect(result.findings.filter((f) => f.ruleId === 'blame-language').length).toBe(2);
    }
  });

  it('survives deeply indented lists', () => {
    const text = Array.from({ length: 400 }, (_, i) => '  '.repeat(i) + '- item').join('\n');
    expect(() => lint(text)).not.toThrow();
  });

  it('handles thousands of footnotes', () => {
    const n = 3000;
    const text = Array.from({ length: n }, (_, i) => `Claim ${i}.[^${i}]`).join('\n\n') + '\n\n' + Array.from({ length: n }, (_, i) => `[^${i}]: Source ${i}.`).join('\n\n');
    const result = lint(text);
    expect(result.notices).toEqual([]);
  });
});
