/**
 * Quotation spans inside one block of prose: straight and curly, double and single. An apostrophe
 * ("DNA'd", "Child K's", "parents’ views") is told apart from a closing single quote by its neighbours,
 * and a quote left open at the end of the block is dropped rather than taken to run on.
 */
import type { Range } from './types.js';

export interface Quote {
  /** Including the quotation marks. */
  range: Range;
  /** Between the marks. */
  inner: Range;
  kind: 'double' | 'single' | 'blockquote';
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const OPENING_CONTEXT = /[\s([{\u2014\u2013\-\/“"‘']/u;

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && LETTER_OR_DIGIT.test(ch);
}

function canOpen(text: string, i: number, start: number): boolean {
  const before = i > start ? text[i - 1] : undefined;
  const after = text[i + 1];
  const beforeOk = before === undefined || OPENING_CONTEXT.test(before);
  return beforeOk && after !== undefined && !/\s/.test(after);
}

function canClose(text: string, i: number, end: number): boolean {
  const before = text[i - 1];
  const after = i + 1 < end ? text[i + 1] : undefined;
  return before !== undefined && !/\s/.test(before) && !isWordChar(after);
}

export function findQuotes(text: string, block: Range): Quote[] {
  const quotes: Quote[] = [];
  const open: { ch: string; at: number }[] = [];
  const closeOf: Record<string, string> = { '“': '”', '"': '"', '‘': '’', "'": "'" };

  const closeTo = (index: number, at: number) => {
    const opened = open[index];
    open.length = index;
    const kind = opened.ch === '“' || opened.ch === '"' ? 'double' : 'single';
    quotes.push({ range: { start: opened.at, end: at + 1 }, inner: { start: opened.at + 1, end: at }, kind });
  };
  const findOpen = (closer: string) => {
    for (let k = open.length - 1; k >= 0; k--) if (closeOf[open[k].ch] === closer) return k;
    return -1;
  };

  for (let i = block.start; i < block.end; i++) {
    const ch = text[i];
    switch (ch) {
      case '“':
        open.push({ ch, at: i });
        break;
      case '”': {
        const k = findOpen('”');
        if (k !== -1) closeTo(k, i);
        break;
      }
      case '"': {
        const k = findOpen('"');
        if (k !== -1 && canClose(text, i, block.end)) closeTo(k, i);
        else if (canOpen(text, i, block.start)) open.push({ ch, at: i });
        break;
      }
      case '‘':
        if (!(isWordChar(text[i - 1]) && isWordChar(text[i + 1]))) open.push({ ch, at: i });
        break;
      case '’':
      case "'": {
        // Between two letters it is an apostrophe (don’t, DNA'd, Child K's).
        if (isWordChar(text[i - 1]) && isWordChar(text[i + 1])) break;
        const k = findOpen(ch === '’' ? '’' : "'");
        if (k !== -1 && canClose(text, i, block.end)) closeTo(k, i);
        else if (ch === "'" && canOpen(text, i, block.start)) open.push({ ch, at: i });
        break;
      }
      default:
        break;
    }
  }
  return quotes.sort((a, b) => a.range.start - b.range.start);
}
