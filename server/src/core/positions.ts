/** Offsets to 0-based line and UTF-16 column, for hosts that have only the text. */
import { computeLineStarts } from './document.js';

export interface Position {
  line: number;
  character: number;
}

export function positionMapper(text: string): (offset: number) => Position {
  const starts = computeLineStarts(text);
  return (offset: number) => {
    const clamped = Math.max(0, Math.min(offset, text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: clamped - starts[lo] };
  };
}
