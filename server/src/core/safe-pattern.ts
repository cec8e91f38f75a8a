/**
 * Regular expressions written by users in configuration are compiled only when they cannot backtrack
 * catastrophically: each is checked, anchored as it is used at every position, with redos-detector.
 */
import { isSafe } from 'redos-detector';

export const MAX_USER_PATTERN_LENGTH = 500;

export function compileUserPattern(source: string, flags = 'gi'): { regex: RegExp } | { error: string } {
  if (typeof source !== 'string' || source.trim() === '') return { error: 'the pattern is empty' };
  if (source.length > MAX_USER_PATTERN_LENGTH) return { error: `the pattern is longer than ${MAX_USER_PATTERN_LENGTH} characters` };
  let regex: RegExp;
  try {
    regex = new RegExp(source, flags);
  } catch (e) {
    return { error: `the pattern is not a valid regular expression (${(e as Error).message})` };
  }
  if (/\\[1-9]|\\k</.test(source)) return { error: 'back-references are not allowed in patterns' };
  let verdict;
  try {
    // The checker cannot combine case-insensitivity with Unicode mode; backtracking does not depend on case,
    // so a pattern that needs neither flag for its syntax is checked without the `u` flag where possible.
    let checkFlags = flags.replace(/[gy]/g, '');
    if (checkFlags.includes('i') && checkFlags.includes('u')) {
      try {
        new RegExp(source, checkFlags.replace('u', ''));
        checkFlags = checkFlags.replace('u', '');
      } catch {
        checkFlags = checkFlags.replace('i', '');
      }
    }
    verdict = isSafe(new RegExp(`^(?:${source})`, checkFlags), { timeout: 1000 });
  } catch {
    return { error: 'the pattern could not be checked for safety' };
  }
  if (!verdict.safe) {
    return { error: 'the pattern could take a very long time on some text (a repetition inside a repetition); simplify it' };
  }
  return { regex };
}
