/** User patterns from configuration are refused when they could backtrack catastrophically. */
import { describe, expect, it } from 'vitest';
import { compileUserPattern } from '../../server/src/core/safe-pattern.js';

describe('compileUserPattern', () => {
  it('accepts ordinary phrase patterns', () => {
    for (const p of ['troublesome', 'put(?:s|ting)?\\s+(?:her|him)self\\s+at\\s+risk', '\\bDNA\\b', 'non[- ]?engage(?:ment|d)?']) {
      const r = compileUserPattern(p);
      expect('regex' in r, p).toBe(true);
    }
  });
  it('refuses catastrophic, invalid, empty and oversized patterns with a clear message', () => {
    expect(compileUserPattern('(a+)+$')).toEqual({ error: expect.stringMatching(/very long time/) });
    expect(compileUserPattern('(\\w+\\s?)+x')).toEqual({ error: expect.stringMatching(/very long time/) });
    expect(compileUserPattern('(unclosed')).toEqual({ error: expect.stringMatching(/not a valid regular expression/) });
    expect(compileUserPattern('')).toEqual({ error: 'the pattern is empty' });
    expect(compileUserPattern('a'.repeat(600))).toEqual({ error: expect.stringMatching(/longer than/) });
    expect(compileUserPattern('(a)\\1')).toEqual({ error: expect.stringMatching(/back-references/) });
  });
});
