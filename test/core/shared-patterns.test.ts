import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { anyPatternMatches } from '../../server/src/core/rules/shared.js';

describe('anyPatternMatches', () => {
  const patterns = [/\bResearch shows\b/, /\b\d+ ?per ?cent\b/i, /(?<!\d)\d{1,3}(?:,\d{3})+\b/g, /\bthe law\b/gi];

  it('matches exactly where one of the patterns matches, each with its own case rule', () => {
    const test = anyPatternMatches(patterns);
    expect(test('Research shows it')).toBe(true);
    expect(test('research shows it')).toBe(false); // the first pattern is case-sensitive
    expect(test('40 PER CENT of them')).toBe(true);
    expect(test('about 70,000 incidents')).toBe(true);
    expect(test('what The Law says')).toBe(true);
    expect(test('nothing here')).toBe(false);
  });

  it('agrees with testing each pattern on its own, and global patterns do not keep state between calls', () => {
    const test = anyPatternMatches(patterns);
    const words = fc.constantFrom('Research', 'research', 'shows', '12', '1,000', 'per', 'cent', 'PER', 'the', 'law', 'LAW', ' ', ',', '0');
    fc.assert(
      fc.property(fc.array(words, { maxLength: 12 }), (parts) => {
        const text = parts.join(' ');
        const expected = patterns.some((p) => new RegExp(p.source, p.flags.replace('g', '')).test(text));
        expect(test(text)).toBe(expected);
        expect(test(text)).toBe(expected);
      }),
    );
  });

  it('refuses a pattern with a numbered backreference, which would point at another pattern once joined', () => {
    expect(() => anyPatternMatches([/(a)\1/])).toThrow(/backreference/);
  });
});
