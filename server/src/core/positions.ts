/** Offsets to 0-based line and UTF-16 column, for hosts that have only the text. */
import { lineIndexAt } from './chunks.js';
import { computeLineStarts } from './document.js';

export interface Position {
  line: number;
  character: number;
}

export function positionMapper(text: string): (offset: number) => Position {
  const starts = computeLineStarts(text);
  return (offset: number) => {
    const clamped = Math.max(0, Math.min(offset, text.length));
    const line = lineIndexAt(starts, clamped);
    return { line, character: clamped - starts[line] };
  };
}
