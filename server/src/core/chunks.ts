/**
 * Cheap, conservative splitting of a Markdown document into top-level chunks that CommonMark would parse
 * the same way alone as together, so that each chunk's parse can be cached by its text and only edited
 * chunks are parsed again. A split is made only at a blank line followed by a line that starts in column 0,
 * outside fenced code, HTML comments and raw HTML blocks; front matter is its own chunk.
 * The model built from chunks must equal the model of a whole-document parse (tested on random edits).
 */
import type { Range } from './types.js';

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
// Indentation, and list item and blockquote markers (as many as are nested), at a line's start.
const NESTING_PREFIX = /^[ \t]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+|>[ \t]*){0,8}/;
const FRONT_MATTER_CLOSE = /^(?:---|\.\.\.)[ \t]*$/;
// HTML blocks that run on over blank lines until their end marker (CommonMark kinds 1 to 5).
const RAW_HTML_OPEN = /^ {0,3}<(script|pre|style|textarea)(?:[\s>]|$)/i;
// Any other HTML block start: what follows it depends on paragraph context that a line scan cannot see.
const OTHER_HTML_START = /^ {0,3}<\/?[A-Za-z]/;
const HTML_UNTIL: [RegExp, string][] = [
  [/^ {0,3}<\?/, '?>'],
  [/^ {0,3}<!\[CDATA\[/, ']]>'],
  [/^ {0,3}<![A-Za-z]/, '>'],
];

const PROTECTED_CHARACTER = /[`~<]/g;
const SPACE = 32;
const TAB = 9;

/** Whether text[start, end) is white space only (as /\S/ sees it, for the characters lines hold). */
function blankBetween(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== SPACE && c !== TAB && c !== 12 && c !== 11 && c !== 0xa0 && !(c > 0x7f && /\s/.test(text[i]))) return false;
  }
  return true;
}

/** Whether the line at `start` is indented as code: four spaces, a tab, or up to three spaces and a tab. */
function indentedCode(text: string, start: number): boolean {
  for (let i = start; i < start + 4; i++) {
    const c = text.charCodeAt(i);
    if (c === TAB) return true;
    if (c !== SPACE) return false;
  }
  return true;
}

/** Where each line starts and ends (before its line ending): CommonMark ends lines at \n, \r\n and a lone \r. */
export interface LineBounds {
  lineStarts: number[];
  /** Where each line ends, before its line ending; absent when every line ends with a lone \n (then it is derived). */
  lineEnds?: number[];
}

export function lineBounds(text: string): LineBounds {
  const lineStarts: number[] = [0];
  if (!text.includes('\r')) {
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lineStarts.push(at + 1);
    return { lineStarts };
  }
  const lineEnds: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    lineEnds.push(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    lineStarts.push(i + 1);
  }
  lineEnds.push(text.length);
  return { lineStarts, lineEnds };
}

/** `lines`: the text's line bounds, when the caller has them already. */
export function splitChunks(text: string, lines: LineBounds = lineBounds(text)): Range[] {
  return scanChunks(text, lines, 0).chunks;
}

/**
 * The chunks of `text` from line `fromLine`: 0 is the document's start (with its front matter); any other must be
 * a line where a chunk starts after the first, where the scan's state is the one it has after a blank line. When a
 * chunk would start at an offset for which `stopAt` is true, the scan stops there (`stoppedAt`).
 */
function scanChunks(text: string, lines: LineBounds, fromLine: number, stopAt?: (offset: number) => boolean): { chunks: Range[]; stoppedAt?: number } {
  const chunks: Range[] = [];
  const { lineStarts, lineEnds } = lines;
  const lineEnd = lineEnds ? (l: number) => lineEnds[l] : (l: number) => (l + 1 < lineStarts.length ? lineStarts[l + 1] - 1 : text.length);
  const line = (l: number) => text.slice(lineStarts[l], lineEnd(l));
  const blank = (s: string) => !/\S/.test(s);

  let l = fromLine;
  // Front matter: from a first line of `---` to the closing `---` or `...`. While it is unclosed (being
  // typed), the front matter parser's view of everything after it is only reproduced by parsing it whole.
  if (l === 0 && /^---[ \t]*$/.test(line(0))) {
    let closed = false;
    for (let k = 1; k < lineStarts.length; k++) {
      if (FRONT_MATTER_CLOSE.test(line(k))) {
        chunks.push({ start: 0, end: lineEnd(k) });
        l = k + 1;
        closed = true;
        break;
      }
    }
    if (!closed) return { chunks: [{ start: 0, end: text.length }] };
  }

  let chunkStart = -1;
  let chunkLastLine = -1;
  let fence: string | undefined;
  let inComment = false;
  let rawHtml: string | undefined;
  let htmlUntil: string | undefined;
  let previousBlank = true;
  // micromark reads what follows an indented code block differently from a fresh start: never split there.
  let afterIndented = false;
  const close = () => {
    if (chunkStart !== -1) chunks.push({ start: chunkStart, end: lineEnd(chunkLastLine) });
    chunkStart = -1;
  };

  // Where the next "`", "~" or "<" is: a line before it cannot open or close anything this scan follows, and
  // is read without cutting it out of the text (this runs on every edit).
  let special = -1;
  const nextSpecial = (from: number) => {
    if (special < from) {
      PROTECTED_CHARACTER.lastIndex = from;
      special = PROTECTED_CHARACTER.exec(text)?.index ?? text.length;
    }
    return special;
  };

  for (; l < lineStarts.length; l++) {
    const start = lineStarts[l];
    const end = lineEnd(l);
    const protectedLine = fence !== undefined || inComment || rawHtml !== undefined || htmlUntil !== undefined;
    if (!protectedLine && nextSpecial(start) >= end) {
      // A line with no "`", "~" or "<" outside any protected construct: only its blankness and indentation count.
      const isBlank = blankBetween(text, start, end);
      const first = text.charCodeAt(start);
      if (!isBlank && previousBlank && !afterIndented && first !== SPACE && first !== TAB) close();
      if (!isBlank) {
        afterIndented = indentedCode(text, start);
        if (chunkStart === -1) {
          if (stopAt?.(start)) return { chunks, stoppedAt: start };
          chunkStart = start;
        }
        chunkLastLine = l;
      }
      previousBlank = isBlank;
      continue;
    }
    const s = line(l);
    const isBlank = blank(s);
    if (!isBlank && previousBlank && !protectedLine && !afterIndented && s[0] !== ' ' && s[0] !== '\t') close();
    if (!isBlank) afterIndented = /^(?: {4}|\t| {1,3}\t)/.test(s);
    if (!isBlank || protectedLine) {
      if (chunkStart === -1) {
        if (stopAt?.(start)) return { chunks, stoppedAt: start };
        chunkStart = start;
      }
      chunkLastLine = l;
    }
    // Track constructs that may contain blank lines.
    if (fence !== undefined) {
      const m = FENCE.exec(s);
      if (m && m[1][0] === fence[0] && m[1].length >= fence.length && s.slice(m[0].length).trim() === '') fence = undefined;
    } else if (inComment) {
      if (s.includes('-->')) inComment = false;
    } else if (rawHtml !== undefined) {
      if (s.toLowerCase().includes(`</${rawHtml}>`)) rawHtml = undefined;
    } else if (htmlUntil !== undefined) {
      if (s.includes(htmlUntil)) htmlUntil = undefined;
    } else {
      // Only lines starting (after indentation, and list or blockquote markers) with a fence or "<" can open
      // a protected construct.
      const inner = s.replace(NESTING_PREFIX, '');
      const lead = inner[0];
      if (lead !== '`' && lead !== '~' && lead !== '<') {
        previousBlank = isBlank;
        continue;
      }
      if (inner.length !== s.length && opensProtectedConstruct(inner)) {
        // Opened on an indented line or inside a list item or blockquote, it may belong to a container this scan
        // does not follow (a list item's indented continuation), and may end with it or run on. Rare in
        // reviews: leave the rest of the document to one parse rather than guess.
        chunkLastLine = lineStarts.length - 1;
        if (chunkStart === -1) chunkStart = lineStarts[l];
        break;
      }
      const m = FENCE.exec(s);
      if (m && !(m[1][0] === '`' && s.slice(m[0].length).includes('`'))) fence = m[1];
      else {
        // An HTML comment block (it starts a line) runs over blank lines; an inline comment cannot.
        const comment = /^ {0,3}<!--/.exec(s);
        if (comment && !s.includes('-->', comment[0].length)) inComment = true;
        if (OTHER_HTML_START.test(s) && !RAW_HTML_OPEN.test(s)) {
          // Rare in reviews: leave the rest of the document to one parse rather than guess.
          chunkLastLine = lineStarts.length - 1;
          if (chunkStart === -1) chunkStart = lineStarts[l];
          break;
        }
        const raw = RAW_HTML_OPEN.exec(s);
        if (raw && !s.toLowerCase().includes(`</${raw[1].toLowerCase()}>`)) rawHtml = raw[1].toLowerCase();
        for (const [open, until] of HTML_UNTIL) {
          const m = open.exec(s);
          if (m && !s.includes(until, m[0].length)) htmlUntil = until;
        }
      }
    }
    previousBlank = isBlank;
  }
  close();
  return { chunks };
}

/** A split of an earlier version of a text: reused where an edit left it alone. */
export interface EarlierSplit {
  text: string;
  chunks: Range[];
}

/**
 * The chunks of `text`, an edited version of `before.text`, scanning only from the chunk before the edit to
 * where the split falls in line with the earlier one again (a chunk start, after the edit, at the same place in
 * the same text, so that what follows is split as before). `kept`: chunks [0, kept) are the earlier ones as they
 * were; from `resumed` on they are the earlier ones from `resumedFrom` on, moved by the edit's change in length.
 * The result always equals `splitChunks(text)` (a property test holds it to that).
 */
export function resplitChunks(before: EarlierSplit, text: string, lines: LineBounds): { chunks: Range[]; kept: number; resumed: number; resumedFrom: number } {
  const old = before.chunks;
  const prefix = commonPrefixLength(before.text, text);
  if (prefix === text.length && prefix === before.text.length) return { chunks: old, kept: old.length, resumed: old.length, resumedFrom: old.length };
  const suffix = commonSuffixLength(before.text, text, Math.min(before.text.length, text.length) - prefix);
  // The first chunk that the edit may touch (it ends at or after the first changed character), and the one
  // before it, whose extent a change in the gap after it may alter: the scan starts there.
  let touched = 0;
  while (touched < old.length && old[touched].end < prefix) touched++;
  const restart = touched - 1;
  if (restart < 1) {
    const chunks = splitChunks(text, lines);
    return { chunks, kept: 0, resumed: chunks.length, resumedFrom: old.length };
  }
  const restartLine = lineIndexAt(lines.lineStarts, old[restart].start);
  const delta = text.length - before.text.length;
  const editEnd = text.length - suffix;
  let next = touched;
  const scan = scanChunks(text, lines, restartLine, (offset) => {
    if (offset < editEnd) return false;
    const was = offset - delta;
    while (next < old.length && old[next].start < was) next++;
    return next < old.length && old[next].start === was;
  });
  const chunks = old.slice(0, restart);
  for (const c of scan.chunks) chunks.push(c);
  const resumed = chunks.length;
  if (scan.stoppedAt === undefined) return { chunks, kept: restart, resumed, resumedFrom: old.length };
  for (let i = next; i < old.length; i++) chunks.push({ start: old[i].start + delta, end: old[i].end + delta });
  return { chunks, kept: restart, resumed, resumedFrom: next };
}

const COMPARE_BLOCK = 4096;

function commonPrefixLength(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let i = 0;
  // Whole blocks first: comparing two slices is a native comparison, much faster than a loop over characters.
  while (i + COMPARE_BLOCK <= max && a.slice(i, i + COMPARE_BLOCK) === b.slice(i, i + COMPARE_BLOCK)) i += COMPARE_BLOCK;
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** The length of the common ending of `a` and `b`, at most `max`. */
function commonSuffixLength(a: string, b: string, max: number): number {
  let n = 0;
  while (n + COMPARE_BLOCK <= max && a.slice(a.length - n - COMPARE_BLOCK, a.length - n) === b.slice(b.length - n - COMPARE_BLOCK, b.length - n)) n += COMPARE_BLOCK;
  while (n < max && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}

/** The index of the line that holds `offset`: the last of the (ascending) line starts at or before it. */
export function lineIndexAt(lineStarts: number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Whether a line (its indentation and container markers removed) opens code or HTML that may run over blank lines. */
function opensProtectedConstruct(line: string): boolean {
  const fence = FENCE.exec(line);
  if (fence) return !(fence[1][0] === '`' && line.slice(fence[0].length).includes('`'));
  const comment = /^<!--/.exec(line);
  if (comment) return !line.includes('-->', comment[0].length);
  const raw = RAW_HTML_OPEN.exec(line);
  if (raw) return !line.toLowerCase().includes(`</${raw[1].toLowerCase()}>`);
  if (OTHER_HTML_START.test(line)) return true;
  return HTML_UNTIL.some(([open, until]) => {
    const m = open.exec(line);
    return m !== null && !line.includes(until, m[0].length);
  });
}

// Characters and line starts that make a chunk more than a plain paragraph. Entities (`&amp;`) and
// brackets are not among them: the prose keeps their source text either way (brackets only while the
// document has no reference definitions and no bracket is followed by a link destination).
const SPECIAL_CHARACTER = /[`<*_\\|\t]|!\[|\]\(|&[#A-Za-z0-9]+;/;
// A line starting with "[" may start a link reference definition, whose label can run over lines ("[\nref]: …").
const SPECIAL_LINE_START = /(?:^|\n) {0,3}(?:[-+=#>~[]|\d{1,9}[.)](?:[ \r\n]|$))|\n[ \t]*\r?\n|(?:^|\n) {4}/;
const LONE_CARRIAGE_RETURN = /\r(?!\n)/;
// White space other than spaces, tabs and line endings (a no-break space, U+3000…): CommonMark keeps it as text
// where JavaScript's trim() would drop it, so a chunk holding any is left to the parser.
const UNUSUAL_SPACE = /[^\S \t\r\n]/;

/**
 * A chunk that CommonMark parses as one paragraph of text (no parse needed). `withDefinitions`: the
 * document has link reference definitions, so any bracket may be a link.
 */
export function isPlainParagraph(chunk: string, withDefinitions = false): boolean {
  return (
    !SPECIAL_CHARACTER.test(chunk) &&
    !UNUSUAL_SPACE.test(chunk) &&
    !SPECIAL_LINE_START.test(chunk) &&
    !LONE_CARRIAGE_RETURN.test(chunk) &&
    !(withDefinitions && chunk.includes('['))
  );
}

// A list item whose marker is followed by one space and then its text (more spaces could make it code).
const PLAIN_LIST_ITEM = /^(?:[-+*]|\d{1,9}[.)]) (?=\S)/;

/**
 * A chunk that is a list of one-line items of plain text, one per line (no parse needed): each item's text range.
 * Items of different markers make separate lists, each item a paragraph all the same.
 */
export function plainListItems(chunk: string, withDefinitions = false): Range[] | undefined {
  if (chunk.includes('\r')) return undefined;
  const items: Range[] = [];
  let at = 0;
  for (const line of chunk.split('\n')) {
    const marker = PLAIN_LIST_ITEM.exec(line);
    if (!marker) return undefined;
    const content = line.slice(marker[0].length);
    if (!isPlainParagraph(content, withDefinitions)) return undefined;
    items.push({ start: at + marker[0].length, end: at + line.length });
    at += line.length + 1;
  }
  return items;
}

const SETEXT_UNDERLINE = /^(=+|-+) *$/;

/** A two-line setext heading whose text is plain (no parse needed): its level and the length of its text. */
export function plainSetextHeading(chunk: string, withDefinitions = false): { depth: number; textEnd: number } | undefined {
  const newline = chunk.indexOf('\n');
  if (newline === -1 || chunk.includes('\n', newline + 1) || chunk.includes('\r')) return undefined;
  const text = chunk.slice(0, newline);
  const underline = SETEXT_UNDERLINE.exec(chunk.slice(newline + 1));
  if (!underline || text[0] === ' ' || !text.trim() || !isPlainParagraph(text, withDefinitions)) return undefined;
  return { depth: underline[1][0] === '=' ? 1 : 2, textEnd: text.trimEnd().length };
}

const ATX_HEADING_START = /^( {0,3})(#{1,6}) /;

/**
 * A one-line ATX heading whose text is plain (no parse needed): its level and where its text is.
 * Headings with a closing `#` sequence or any inline syntax take the full parse.
 */
export function plainAtxHeading(chunk: string): { depth: number; start: number; textStart: number; textEnd: number } | undefined {
  if (chunk.includes('\n') || chunk.includes('\r')) return undefined;
  const m = ATX_HEADING_START.exec(chunk);
  if (!m) return undefined;
  const rest = chunk.slice(m[0].length);
  const text = rest.trim();
  if (text === '' || text.endsWith('#') || SPECIAL_CHARACTER.test(text) || UNUSUAL_SPACE.test(rest) || text.includes('[')) return undefined;
  const textStart = m[0].length + (rest.length - rest.trimStart().length);
  return { depth: m[2].length, start: m[1].length, textStart, textEnd: textStart + text.length };
}

/** Deeper nesting than any review needs; such a chunk is not parsed (the parser would recurse too deep). */
export const MAX_NESTING = 64;
// Runs of blockquote markers, of list markers, or of both mixed ("> - > - …"), and deep indentation.
const TOO_DEEP = new RegExp(
  `^(?:[ \\t]{0,3}>){${MAX_NESTING + 1}}|^(?:[ \\t]{0,3}(?:[-+*]|\\d{1,9}[.)])[ \\t]+){${MAX_NESTING + 1}}|^(?:[ \\t]{0,3}(?:>|(?:[-+*]|\\d{1,9}[.)])[ \\t])){${MAX_NESTING + 1}}|^ {${MAX_NESTING * 2 + 4},}\\S`,
  'm',
);

export function isTooDeeplyNested(chunk: string): boolean {
  return TOO_DEEP.test(chunk);
}
