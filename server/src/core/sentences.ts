/**
 * Sentence ranges within one block. `Intl.Segmenter` is used a block at a time (it is quadratic over a
 * whole document), and breaks it makes after common abbreviations ("Dr.", "et al.", "p.") are undone.
 */
import type { Range } from './types.js';

const segmenter = new Intl.Segmenter('en-GB', { granularity: 'sentence' });
const ABBREVIATION_AT_END = /(?:\b(?:Dr|Mr|Mrs|Ms|Mx|Prof|St|No|Nos|p|pp|para|paras|cf|vol|ch|et al|e\.g|i\.e|etc|approx|Rev|Cllr|Insp|Sgt|Det|Supt|DC|PC)\.|\b\p{Lu}\.)\s*$/u;

// A line break inside a paragraph is a space to the reader, but the segmenter ends a sentence at every one.
// A blank line (a break followed by another) stays a break.
const SOFT_LINE_BREAK = /(?:\r\n|\r|\n)(?![ \t>]*[\r\n])/g;

export function splitSentences(prose: string, block: Range): Range[] {
  const text = prose.slice(block.start, block.end).replace(SOFT_LINE_BREAK, (br) => ' '.repeat(br.length));
  const ranges: Range[] = [];
  let pendingStart = -1;
  for (const { index, segment } of segmenter.segment(text)) {
    const start = pendingStart === -1 ? index : pendingStart;
    const end = index + segment.length;
    if (ABBREVIATION_AT_END.test(segment) && end < text.length) {
      pendingStart = start;
      continue;
    }
    pendingStart = -1;
    pushTrimmed(text, start, end, block.start, ranges);
  }
  if (pendingStart !== -1) pushTrimmed(text, pendingStart, text.length, block.start, ranges);
  return keepNotesWhole(prose, ranges);
}

/**
 * The segmenter breaks "…reviews.[^3] This…" inside the bracket ("…reviews.[" | "^3] This…"). A note's
 * bracket belongs to the sentence it ends.
 */
function keepNotesWhole(prose: string, ranges: Range[]): Range[] {
  for (let i = 0; i + 1 < ranges.length; i++) {
    const current = ranges[i];
    const next = ranges[i + 1];
    if (prose[current.end - 1] !== '[') continue;
    const rest = /^[^\s[\]]{1,60}\]/.exec(prose.slice(next.start, next.end));
    if (!rest) continue;
    current.end = next.start + rest[0].length;
    let start = current.end;
    while (start < next.end && /\s/.test(prose[start])) start++;
    if (start >= next.end) ranges.splice(i + 1, 1);
    else next.start = start;
  }
  return ranges;
}

function pushTrimmed(text: string, start: number, end: number, base: number, out: Range[]): void {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  if (end > start) out.push({ start: base + start, end: base + end });
}
