/**
 * The shared document model every rule reads: built from one parse of the Markdown.
 *
 * The centre of it is `prose`, a copy of the text of the same length in which everything that is not
 * the author's prose (code, HTML comments, front matter, link destinations, reference definitions,
 * bare URLs and Markdown syntax) is blanked out with spaces, newlines kept. Rules search `prose` with
 * ordinary regular expressions and the offsets they find are offsets into the original text.
 */
import type { Node, Parent } from 'mdast';
import { parse as parseYaml } from 'yaml';
import { parseMarkdown } from './markdown.js';
import { isPlainParagraph, isTooDeeplyNested, lineBounds, lineIndexAt, MAX_NESTING, plainAtxHeading, plainListItems, plainSetextHeading, resplitChunks, splitChunks, type EarlierSplit, type LineBounds } from './chunks.js';
import type { Range } from './types.js';
import { findQuotes, type Quote } from './quotes.js';
import { splitSentences } from './sentences.js';

export type { Quote } from './quotes.js';

export interface Heading {
  /** 1–6 for Markdown headings; deeper for numbered pseudo-headings under them. */
  depth: number;
  /** The heading's text as written, numbering included ("5.2 Findings"). */
  text: string;
  /** The text without numbering or trailing punctuation ("Findings"). */
  title: string;
  /** The numbering, if any ("5.2"). */
  number?: string;
  form: 'atx' | 'setext' | 'paragraph';
  /** The whole heading line(s). */
  range: Range;
  /** Where the heading's text is, for findings that point at it. */
  textRange: Range;
}

export interface Section {
  /** Undefined for the document root. */
  heading?: Heading;
  depth: number;
  /** From the heading to the next heading of the same or a higher level. */
  range: Range;
  /** After the heading line, to the end of the section (subsections included). */
  bodyRange: Range;
  parent?: Section;
  children: Section[];
}

export type BlockKind = 'paragraph' | 'heading' | 'tableCell';

/** A run of prose that sentences never cross: a paragraph, a heading, a table cell. */
export interface Block {
  kind: BlockKind;
  range: Range;
  /** Inside a Markdown blockquote. */
  inBlockquote: boolean;
  inListItem: boolean;
  /** Inside a footnote definition. */
  inFootnote: boolean;
  /** Quotation spans inside the block (not the blockquote itself). */
  quotes: Quote[];
  /**
   * The block as first parsed, the same object for as long as its chunk is unchanged across edits: a key
   * for caching results that depend only on the block's text.
   */
  origin?: object;
}

export interface Sentence {
  range: Range;
  block: Block;
}

export interface FootnoteDefinition {
  id: string;
  /** The whole definition. */
  range: Range;
  /** The `[^id]` label. */
  labelRange: Range;
}

export interface LinkSpan {
  range: Range;
  url: string;
}

/**
 * A document's blocks against those of the document parsed just before it with the same cache (`lineage`):
 * blocks [0, kept) are its first blocks, the same objects at the same offsets; blocks from `resumed` on are its
 * blocks from `resumedFrom` on, the same objects moved by `delta`; the blocks between are new. `number` counts
 * the parses of the lineage (`previous` is the one before). For caches that follow a document's edits.
 */
export interface Revision {
  lineage: object;
  number: number;
  previous: number;
  kept: number;
  resumed: number;
  resumedFrom: number;
  delta: number;
}

export interface FrontMatter {
  data?: Record<string, unknown>;
  range?: Range;
  error?: string;
}

export interface ReviewDocument {
  text: string;
  prose: string;
  frontMatter: FrontMatter;
  headings: Heading[];
  /** The section tree; the root stands for the whole document. */
  root: Section;
  /** Every section below the root, in document order. */
  sections: Section[];
  blocks: Block[];
  blockquotes: Range[];
  footnoteDefinitions: FootnoteDefinition[];
  links: LinkSpan[];
  /** Every HTML comment (block or inline), where directives live. */
  htmlComments: Range[];
  /** Parts of the document that could not be checked, with why. */
  parseNotices: { message: string; range: Range }[];
  /** How the blocks line up with the document parsed before this one with the same cache, when they do. */
  revision?: Revision;
  /** Sentences, segmented block by block (computed on first use). */
  readonly sentences: Sentence[];
  /** The sentences of one block, in order. */
  sentencesIn(block: Block): Sentence[];
  lineStarts: number[];
  /** 0-based line and UTF-16 column of an offset. */
  positionAt(offset: number): { line: number; character: number };
  offsetAt(position: { line: number; character: number }): number;
  blockAt(offset: number): Block | undefined;
  /** The innermost section containing the offset (the root if none). */
  sectionAt(offset: number): Section;
  /** The quotation (inline quote or blockquote) that contains the range, if any. */
  quoteAround(range: Range): Quote | undefined;
  sentenceAt(offset: number): Sentence | undefined;
  /** Where a document-level finding goes: the title heading, else the first line. */
  titleRange(): Range;
}

interface Positioned {
  type: string;
  position?: { start: { offset?: number }; end: { offset?: number } };
}

function offsets(node: Positioned): Range | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? undefined : { start, end };
}

const NUMBERED_PSEUDO_HEADING = /^\d+(?:\.\d+)*\.?\s+\p{Lu}[^\n]{0,90}$/u;
const URL_IN_PROSE = /\b(?:https?:\/\/|www\.)[^\s<>()\[\]]+/gi;
const BLOCKQUOTE_PREFIX = /(^|\n)([ \t]*(?:>[ \t]?)+)/g;

function trimTrailing(text: string, characters: string): string {
  let end = text.length;
  while (end > 0 && characters.includes(text[end - 1])) end--;
  return text.slice(0, end);
}

function splitNumbering(text: string): { number?: string; title: string } {
  const trimmed = text.trim();
  const m = /^((?:\d+(?:\.\d+)*)\.?|[A-Z][.)]|(?:Section|Part|Appendix|Chapter)\s+[\dA-Z]+[.:]?)\s+/i.exec(trimmed);
  const rest = m ? trimmed.slice(m[0].length) : trimmed;
  return {
    number: m ? m[1].replace(/[.:)]$/, '') : undefined,
    title: trimTrailing(rest, ' \t\n:.–—-').trim(),
  };
}

/** Binary search: the last index whose start is <= offset. */
function lastStartAtOrBefore<T extends { range: Range }>(items: readonly T[], offset: number): number {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].range.start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Whether a node is inside a blockquote, a list item or a footnote definition. */
interface WalkContext {
  quote: boolean;
  list: boolean;
  footnote: boolean;
}

/** A heading as parsed in its chunk: pseudo-headings get their depth when the document is assembled. */
type ChunkHeading = Omit<Heading, 'depth'> & { depth: number; numberedLevels?: number };

/**
 * Everything the model needs from one chunk, with offsets relative to the chunk: cached by the chunk's text
 * and shifted into place when a document is assembled. Never mutated once built.
 */
export interface ChunkSummary {
  prose: string;
  headings: ChunkHeading[];
  blocks: Block[];
  blockquotes: Range[];
  footnoteDefinitions: FootnoteDefinition[];
  links: LinkSpan[];
  htmlComments: Range[];
  frontMatter?: FrontMatter;
  /** A problem with the chunk (e.g. too deeply nested to parse), reported as a lint notice. */
  notice?: string;
  /** Source text of the link reference definitions the chunk holds (other chunks' links may use them). */
  definitions: string[];
}

class ChunkBuilder {
  private readonly revealed: Range[] = [];
  private readonly masked: Range[] = [];
  headings: ChunkHeading[] = [];
  blocks: Block[] = [];
  blockquotes: Range[] = [];
  footnoteDefinitions: FootnoteDefinition[] = [];
  links: LinkSpan[] = [];
  htmlComments: Range[] = [];
  definitions: string[] = [];
  frontMatter: FrontMatter | undefined;

  /**
   * `text` is the chunk; the parsed source may have `base` characters of reference definitions in front of
   * it, which are skipped, and nothing beyond `length` is kept.
   */
  constructor(
    readonly text: string,
    readonly length: number,
    readonly base = 0,
  ) {}

  reveal(range: Range): void {
    this.revealed.push(range);
  }

  mask(range: Range): void {
    this.masked.push(range);
  }

  walk(node: Positioned, ctx: WalkContext): void {
    const absolute = offsets(node);
    const range = absolute && { start: absolute.start - this.base, end: absolute.end - this.base };
    if (range && node.type !== 'root' && (range.end <= 0 || range.start >= this.length)) return;
    switch (node.type) {
      case 'text':
      case 'footnoteReference':
        // `[^id]` stays visible so citation rules see defined and undefined references alike.
        if (range) this.reveal(range);
        return;
      case 'yaml':
        if (range) this.frontMatter = readFrontMatter((node as unknown as { value: string }).value, range);
        return;
      case 'html':
        if (range) this.addComments(range);
        return;
      case 'definition':
        if (range) this.definitions.push(this.text.slice(range.start, range.end));
        return;
      case 'code':
      case 'inlineCode':
      case 'image':
      case 'imageReference':
      case 'thematicBreak':
        return;
      case 'link':
        if (range) this.links.push({ range, url: (node as unknown as { url: string }).url });
        break;
      case 'heading':
        if (range) this.addHeading(node as Positioned & Parent & { depth: number }, range);
        break;
      case 'paragraph':
        if (range) this.addParagraph(plainText(node as unknown as Node).trim(), (node as Parent).children.length === 1 && (node as Parent).children[0].type === 'strong', this.childrenRange(node as Parent) ?? range, range, ctx);
        break;
      case 'tableCell':
        if (range) this.addBlock('tableCell', range, ctx);
        break;
      case 'blockquote':
        if (range) this.blockquotes.push(range);
        ctx = { ...ctx, quote: true };
        break;
      case 'listItem':
        ctx = { ...ctx, list: true };
        break;
      case 'footnoteDefinition':
        if (range) {
          const id = (node as unknown as { identifier: string }).identifier;
          const labelEnd = this.text.indexOf(']', range.start);
          this.footnoteDefinitions.push({ id, range, labelRange: { start: range.start, end: labelEnd === -1 ? range.end : labelEnd + 1 } });
        }
        ctx = { ...ctx, footnote: true };
        break;
      default:
        break;
    }
    const children = (node as Partial<Parent>).children;
    if (children) for (const child of children) this.walk(child as Positioned, ctx);
  }

  private childrenRange(node: Parent): Range | undefined {
    const r = childrenRange(node);
    return r && { start: r.start - this.base, end: r.end - this.base };
  }

  private addComments(range: Range): void {
    const value = this.text.slice(range.start, range.end);
    for (let i = value.indexOf('<!--'); i !== -1; i = value.indexOf('<!--', i + 4)) {
      const close = value.indexOf('-->', i + 4);
      const end = close === -1 ? value.length : close + 3;
      this.htmlComments.push({ start: range.start + i, end: range.start + end });
      if (close === -1) break;
    }
  }

  addBlock(kind: BlockKind, range: Range, ctx: WalkContext): void {
    this.blocks.push({ kind, range, inBlockquote: ctx.quote, inListItem: ctx.list, inFootnote: ctx.footnote, quotes: [] });
  }

  private addHeading(node: Positioned & Parent & { depth: number }, range: Range): void {
    const raw = this.text.slice(range.start, range.end);
    const form = raw.trimStart().startsWith('#') ? 'atx' : 'setext';
    this.pushHeading(node.depth, form, plainText(node).trim(), range, this.childrenRange(node) ?? range);
  }

  addPlainHeading(depth: number, form: 'atx' | 'setext', text: string, range: Range, textRange: Range): void {
    this.pushHeading(depth, form, text, range, textRange);
  }

  private pushHeading(depth: number, form: 'atx' | 'setext', text: string, range: Range, textRange: Range): void {
    const { number, title } = splitNumbering(text);
    this.headings.push({ depth, text, title, number, form, range, textRange });
    this.addBlock('heading', range, { quote: false, list: false, footnote: false });
  }

  /** A paragraph, or a pseudo-heading: a short single line that is numbered ("5.2 Findings") or all bold. */
  addParagraph(text: string, onlyStrong: boolean, textRange: Range, range: Range, ctx: WalkContext): void {
    const single = !this.text.slice(range.start, range.end).includes('\n');
    if (!ctx.quote && !ctx.list && !ctx.footnote && single && text.length <= 90 && !/[.;,?!]$/.test(text)) {
      const numbered = NUMBERED_PSEUDO_HEADING.test(text);
      if (numbered || (onlyStrong && /^\P{Ll}/u.test(text) && text.split(/\s+/).length <= 12)) {
        const { number, title } = splitNumbering(text);
        const numberedLevels = number ? number.split('.').length : 1;
        this.headings.push({ depth: 0, numberedLevels, text, title, number, form: 'paragraph', range, textRange });
        this.addBlock('heading', range, ctx);
        return;
      }
    }
    this.addBlock('paragraph', range, ctx);
  }

  /** The chunk's prose: revealed ranges from the text, the rest blanked (newlines kept). */
  finish(): ChunkSummary {
    const length = this.length;
    const revealed = this.revealed.filter((r) => r.start < length).sort((a, b) => a.start - b.start);
    let prose = '';
    let at = 0;
    for (const r of revealed) {
      const start = Math.max(r.start, at);
      const end = Math.min(r.end, length);
      if (end <= start) continue;
      prose += blank(this.text.slice(at, start)) + this.text.slice(start, end);
      at = end;
    }
    prose += blank(this.text.slice(at, length));
    for (const bq of this.blockquotes) {
      const slice = this.text.slice(bq.start, Math.min(bq.end, length));
      for (const m of slice.matchAll(BLOCKQUOTE_PREFIX)) {
        const start = bq.start + m.index! + m[1].length;
        this.mask({ start, end: start + m[2].length });
      }
    }
    for (const m of prose.matchAll(URL_IN_PROSE)) this.mask({ start: m.index!, end: m.index! + m[0].length });
    if (this.masked.length) prose = applyMasks(prose, this.masked);
    const clamp = (r: Range): Range => (r.end > length ? { start: r.start, end: length } : r);
    const keep = <T extends { range: Range }>(items: T[]) => items.filter((x) => x.range.start < length).map((x) => ({ ...x, range: clamp(x.range) }));
    const blocks = keep(this.blocks).sort((a, b) => a.range.start - b.range.start);
    for (const block of blocks) block.quotes = findQuotes(prose, block.range);
    return {
      prose,
      headings: keep(this.headings).sort((a, b) => a.range.start - b.range.start),
      blocks,
      blockquotes: this.blockquotes.filter((r) => r.start < length).map(clamp),
      footnoteDefinitions: keep(this.footnoteDefinitions),
      links: keep(this.links),
      htmlComments: this.htmlComments.filter((r) => r.start < length).map(clamp),
      frontMatter: this.frontMatter,
      definitions: this.definitions,
    };
  }
}

const ONLY_LINE_FEEDS = /^\n*$/;

function blank(s: string): string {
  // The gap between two chunks is usually line feeds only: already blank, and no new string is needed.
  return ONLY_LINE_FEEDS.test(s) ? s : s.replace(/[^\n]/g, ' ');
}

function applyMasks(prose: string, masks: Range[]): string {
  const sorted = [...masks].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const m of sorted) {
    const start = Math.max(m.start, at);
    const end = Math.min(m.end, prose.length);
    if (end <= start) continue;
    out += prose.slice(at, start) + blank(prose.slice(start, end));
    at = end;
  }
  return out + prose.slice(at);
}

function readFrontMatter(value: string, range: Range): FrontMatter {
  const frontMatter: FrontMatter = { range };
  try {
    const data: unknown = parseYaml(value);
    if (data && typeof data === 'object' && !Array.isArray(data)) frontMatter.data = data as Record<string, unknown>;
    else if (data !== null && data !== undefined) frontMatter.error = 'front matter is not a mapping of keys to values';
  } catch (e) {
    frontMatter.error = `front matter is not valid YAML: ${(e as Error).message.split('\n')[0]}`;
  }
  return frontMatter;
}

/** Summarise one chunk: plain paragraphs without a parse, anything else through remark. */
export function summariseChunk(chunk: string, referenceDefinitions = '', atDocumentStart = true, alwaysParse = false): ChunkSummary {
  if (isTooDeeplyNested(chunk)) {
    const skipped = new ChunkBuilder(chunk, chunk.length).finish();
    return { ...skipped, notice: `a block nested more than ${MAX_NESTING} levels deep was not checked` };
  }
  const heading = alwaysParse ? undefined : plainAtxHeading(chunk);
  if (heading) {
    const builder = new ChunkBuilder(chunk, chunk.length);
    const textRange = { start: heading.textStart, end: heading.textEnd };
    builder.reveal(textRange);
    builder.addPlainHeading(heading.depth, 'atx', chunk.slice(textRange.start, textRange.end), { start: heading.start, end: chunk.length }, textRange);
    return builder.finish();
  }
  if (!alwaysParse && isPlainParagraph(chunk, referenceDefinitions !== '')) {
    const builder = new ChunkBuilder(chunk, chunk.length);
    const lead = chunk.length - chunk.trimStart().length;
    // A paragraph's range ends with its last line, trailing spaces included.
    const trail = chunk.length;
    if (trail > lead) {
      const range = { start: lead, end: trail };
      const textRange = { start: lead, end: chunk.trimEnd().length };
      builder.reveal(textRange);
      builder.addParagraph(chunk.slice(lead, trail).trim().replace(/\r?\n[ ]*/g, '\n'), false, textRange, range, { quote: false, list: false, footnote: false });
    }
    return builder.finish();
  }
  const setext = alwaysParse ? undefined : plainSetextHeading(chunk, referenceDefinitions !== '');
  if (setext) {
    const builder = new ChunkBuilder(chunk, chunk.length);
    const textRange = { start: 0, end: setext.textEnd };
    builder.reveal(textRange);
    builder.addPlainHeading(setext.depth, 'setext', chunk.slice(0, setext.textEnd), { start: 0, end: chunk.length }, textRange);
    return builder.finish();
  }
  const items = alwaysParse ? undefined : plainListItems(chunk, referenceDefinitions !== '');
  if (items) {
    const builder = new ChunkBuilder(chunk, chunk.length);
    for (const range of items) {
      const textRange = { start: range.start, end: range.start + chunk.slice(range.start, range.end).trimEnd().length };
      builder.reveal(textRange);
      builder.addParagraph(chunk.slice(textRange.start, textRange.end), false, textRange, range, { quote: false, list: true, footnote: false });
    }
    return builder.finish();
  }
  // Definitions from other chunks go in front (behind, an unclosed fence in the chunk would swallow them).
  const prefix = referenceDefinitions && chunk.includes('[') && !(atDocumentStart && chunk.startsWith('---')) ? `${referenceDefinitions}\n\n` : '';
  const builder = new ChunkBuilder(chunk, chunk.length, prefix.length);
  builder.walk(parseMarkdown(prefix + chunk, atDocumentStart) as Positioned, { quote: false, list: false, footnote: false });
  return builder.finish();
}

function childrenRange(node: Parent): Range | undefined {
  const first = node.children[0] as Positioned | undefined;
  const last = node.children[node.children.length - 1] as Positioned | undefined;
  const a = first && offsets(first);
  const b = last && offsets(last);
  return a && b ? { start: a.start, end: b.end } : undefined;
}

function plainText(node: Node): string {
  // A footnote call reads as written: whether it parses as one depends on definitions elsewhere.
  if (node.type === 'footnoteReference') return `[^${(node as unknown as { label?: string; identifier: string }).label ?? (node as unknown as { identifier: string }).identifier}]`;
  const value = (node as { value?: unknown }).value;
  if (node.type === 'text' || node.type === 'inlineCode') return typeof value === 'string' ? value : '';
  const children = (node as Partial<Parent>).children;
  return children ? children.map(plainText).join('') : '';
}

function buildSections(headings: Heading[], length: number): { root: Section; sections: Section[] } {
  const root: Section = { depth: 0, range: { start: 0, end: length }, bodyRange: { start: 0, end: length }, children: [] };
  const sections: Section[] = [];
  const stack: Section[] = [root];
  for (const heading of headings) {
    while (stack.length > 1 && stack[stack.length - 1].depth >= heading.depth) {
      const closed = stack.pop()!;
      closed.range.end = closed.bodyRange.end = heading.range.start;
    }
    const parent = stack[stack.length - 1];
    const section: Section = {
      heading,
      depth: heading.depth,
      range: { start: heading.range.start, end: length },
      bodyRange: { start: heading.range.end, end: length },
      parent,
      children: [],
    };
    parent.children.push(section);
    sections.push(section);
    stack.push(section);
  }
  return { root, sections };
}

interface CacheEntry {
  summary: ChunkSummary;
  used: number;
}

/**
 * Chunk summaries kept between parses, keyed by chunk text (plus any reference definitions it saw).
 * Entries not used by the last few parses are dropped, so memory follows the open documents.
 */
export class ChunkCache {
  private entries = new Map<string, CacheEntry>();
  private generation = 0;

  constructor(private readonly keepGenerations = 2) {}

  get size(): number {
    return this.entries.size;
  }

  summarise(chunk: string, referenceDefinitions: string, atDocumentStart: boolean): ChunkSummary {
    return this.entry(chunk, referenceDefinitions, atDocumentStart).summary;
  }

  private entry(chunk: string, referenceDefinitions: string, atDocumentStart: boolean): CacheEntry {
    let key = referenceDefinitions && chunk.includes('[') ? `${chunk}\u0000${referenceDefinitions}` : chunk;
    if (atDocumentStart && chunk.startsWith('---')) key = `\u0001${key}`;
    let entry = this.entries.get(key);
    if (!entry) {
      // V8 makes a slice that keeps the whole string it was cut from alive: a key or summary cut from this
      // version's text would pin a full copy of the document for as long as the chunk stays unchanged.
      const own = ownCopy(chunk);
      entry = { summary: summariseChunk(own, referenceDefinitions, atDocumentStart), used: this.generation };
      this.entries.set(key === chunk ? own : ownCopy(key), entry);
    }
    entry.used = this.generation;
    return entry;
  }

  /** The last parse's text, chunks and their summaries (without reference definitions). */
  private last?: EarlierSplit & { entries: CacheEntry[] };

  /**
   * The chunks of `text` and their summaries without reference definitions. After an edit, only the chunks
   * around it are split and looked up again; the others are the last parse's, moved by the edit.
   */
  chunksOf(text: string, lines: LineBounds): { chunks: Range[]; summaries: ChunkSummary[] } {
    const last = this.last;
    const split = last ? resplitChunks(last, text, lines) : undefined;
    const chunks = split ? split.chunks : splitChunks(text, lines);
    this.split = split ?? NOTHING_KEPT;
    this.delta = last ? text.length - last.text.length : 0;
    this.allReused = true;
    const entries: CacheEntry[] = new Array(chunks.length);
    for (let i = 0; i < chunks.length; i++) {
      const earlier = this.earlierIndex(i);
      const entry = earlier !== -1 ? last!.entries[earlier] : this.entry(text.slice(chunks[i].start, chunks[i].end), '', chunks[i].start === 0);
      entry.used = this.generation;
      entries[i] = entry;
    }
    this.last = { text, chunks, entries };
    return { chunks, summaries: entries.map((e) => e.summary) };
  }

  /** How the last `chunksOf` lined its chunks up with the parse before (see `resplitChunks`). */
  private split: { kept: number; resumed: number; resumedFrom: number } = NOTHING_KEPT;

  /** The index in the parse before of chunk `index` of this one, or -1 if the edit made it anew. */
  private earlierIndex(index: number): number {
    const { kept, resumed, resumedFrom } = this.split;
    return index < kept ? index : index >= resumed ? resumedFrom + index - resumed : -1;
  }

  /** Each chunk's placed spans, by its index, as the last parse used them and as the current parse uses them. */
  private placedBefore: Placed[] = [];
  private placedNow: Placed[] = [];

  /**
   * Chunk `index`'s spans at offset `by`: the last parse's, moved in place to `by` if the edit moved the chunk.
   * Moving them changes the last parse's document, which this parse replaces; building new spans for every chunk
   * after an edit made most of an edit's garbage, and collecting it was most of the slowest edits' time.
   */
  place(index: number, summary: ChunkSummary, by: number): Placed {
    const earlier = this.earlierIndex(index);
    let placed = earlier === -1 ? undefined : this.placedBefore[earlier];
    if (placed?.summary === summary) {
      if (placed.by !== by) movePlaced(placed, by - placed.by);
    } else {
      // A chunk the edit left alone but summarised differently (reference definitions changed).
      if (earlier !== -1) this.allReused = false;
      placed = placeChunk(summary, by);
    }
    this.placedNow[index] = placed;
    return placed;
  }

  /** Chunks [from, from + count) of the last parse, placed as chunks [to, to + count) of this one, moved by `delta`. */
  keepPlaced(from: number, count: number, to: number, delta: number): void {
    for (let i = 0; i < count; i++) {
      const placed = this.placedBefore[from + i];
      if (delta) movePlaced(placed, delta);
      this.placedNow[to + i] = placed;
    }
  }

  /** What the last parse assembled, remembered by `remember`. */
  private assembled?: Assembled;

  remember(assembled: Assembled): void {
    this.assembled = assembled;
  }

  /**
   * The last parse's assembly with how this parse's chunks line up with it, when the two can be joined: no
   * reference definitions in either (they change how other chunks parse) and no parse notices (rare).
   */
  earlierAssembly(): (Assembled & { kept: number; resumed: number; resumedFrom: number; delta: number }) | undefined {
    const was = this.assembled;
    if (!was || was.definitions || was.parts.parseNotices.length) return undefined;
    return { ...was, ...this.split, delta: this.delta };
  }

  /** The text's change in length since the last parse, and whether every chunk outside the edit kept its spans. */
  private delta = 0;
  private allReused = false;
  /** The last parse's index of each chunk's first block (and the block count last), and the parses counted. */
  private blockStartsBefore?: Int32Array;
  private parses = 0;

  /** Call once the chunks are placed, with where each one's blocks start: how the blocks line up with the last parse's. */
  revision(blockStarts: Int32Array): Revision | undefined {
    const before = this.blockStartsBefore;
    this.blockStartsBefore = blockStarts;
    const number = ++this.parses;
    const { kept, resumed, resumedFrom } = this.split;
    if (!before || !this.allReused || resumed === Infinity) return undefined;
    return { lineage: this, number, previous: number - 1, kept: blockStarts[kept], resumed: blockStarts[resumed], resumedFrom: before[resumedFrom], delta: this.delta };
  }

  /** Forget the last parse (not the chunk summaries): the next parse is made whole, as the first one is. */
  reset(): void {
    this.last = undefined;
    this.assembled = undefined;
    this.blockStartsBefore = undefined;
    this.placedBefore = [];
    this.placedNow = [];
    this.split = NOTHING_KEPT;
  }

  /** Call after each document parse: forgets chunks unused for `keepGenerations` parses. */
  sweep(): void {
    this.generation++;
    this.placedBefore = this.placedNow;
    this.placedNow = [];
    this.entries.forEach((entry, key) => {
      if (this.generation - entry.used > this.keepGenerations) this.entries.delete(key);
    });
  }
}

/** A string equal to `text` that references no larger string (concatenation then slicing makes V8 flatten it). */
/** What a parse put together, for the next parse with the same cache to take the unchanged runs of chunks from. */
interface Assembled {
  prose: string;
  parts: Parts;
  layout: ChunkLayout;
  definitions: string;
}

/** Nothing lined up with an earlier parse (the first parse): no chunk has an earlier index. */
const NOTHING_KEPT = { kept: 0, resumed: Infinity, resumedFrom: 0 };

function ownCopy(text: string): string {
  return (' ' + text).slice(1);
}

function shift(r: Range, by: number): Range {
  return { start: r.start + by, end: r.end + by };
}

export interface ParseOptions {
  /**
   * Reuse chunk parses from earlier versions of the document (the language server keeps one per document). A
   * document parsed with a cache is valid until the next parse with that cache, which moves its spans in place.
   */
  cache?: ChunkCache;
}

/**
 * A chunk's blocks and spans at their offsets (`by`) in the document. Its pseudo-headings ('paragraph' form) hold
 * their depth within the chunk; the document gives them theirs.
 */
type Placed = { by: number; summary: ChunkSummary } & Pick<Parts, 'headings' | 'blocks' | 'blockquotes' | 'footnoteDefinitions' | 'links' | 'htmlComments'>;

const NOTHING_PLACED: readonly never[] = Object.freeze([]);

function appendAll<T>(to: T[], items: readonly T[]): void {
  for (let i = 0; i < items.length; i++) to.push(items[i]);
}

/** `items` mapped to their placed copies; an empty list gives the one shared (frozen) empty list. */
function placeAll<T, U>(items: readonly T[], place: (item: T) => U): U[] {
  return items.length ? items.map(place) : (NOTHING_PLACED as unknown as U[]);
}
/**
 * The chunk's spans shifted to `by`. `withOrigin`: blocks keep their parse as `origin`, which rules key their
 * caches by; a parse without a chunk cache (the command line) is linted once, so it leaves it out and nothing is
 * cached for it.
 */
function placeChunk(summary: ChunkSummary, by: number, withOrigin = true): Placed {
  // Most chunks are one paragraph or heading: their empty lists are shared, not copied, on every move.
  const placed: Placed = {
    by,
    summary,
    headings: placeAll(summary.headings, (h) => ({ depth: h.depth, text: h.text, title: h.title, number: h.number, form: h.form, range: shift(h.range, by), textRange: shift(h.textRange, by) })),
    blocks: placeAll(summary.blocks, (b) => ({
      kind: b.kind,
      range: shift(b.range, by),
      inBlockquote: b.inBlockquote,
      inListItem: b.inListItem,
      inFootnote: b.inFootnote,
      quotes: placeAll(b.quotes, (q) => ({ kind: q.kind, range: shift(q.range, by), inner: shift(q.inner, by) })),
      origin: withOrigin ? b : undefined,
    })),
    blockquotes: placeAll(summary.blockquotes, (r) => shift(r, by)),
    footnoteDefinitions: placeAll(summary.footnoteDefinitions, (d) => ({ id: d.id, range: shift(d.range, by), labelRange: shift(d.labelRange, by) })),
    links: placeAll(summary.links, (l) => ({ url: l.url, range: shift(l.range, by) })),
    htmlComments: placeAll(summary.htmlComments, (r) => shift(r, by)),
  };
  return placed;
}

/** Move placed spans by `delta`, in place. */
function movePlaced(placed: Placed, delta: number): void {
  placed.by += delta;
  for (let i = 0; i < placed.headings.length; i++) {
    moveRange(placed.headings[i].range, delta);
    moveRange(placed.headings[i].textRange, delta);
  }
  for (let i = 0; i < placed.blocks.length; i++) {
    const block = placed.blocks[i];
    moveRange(block.range, delta);
    for (let q = 0; q < block.quotes.length; q++) {
      moveRange(block.quotes[q].range, delta);
      moveRange(block.quotes[q].inner, delta);
    }
  }
  for (let i = 0; i < placed.blockquotes.length; i++) moveRange(placed.blockquotes[i], delta);
  for (let i = 0; i < placed.footnoteDefinitions.length; i++) {
    moveRange(placed.footnoteDefinitions[i].range, delta);
    moveRange(placed.footnoteDefinitions[i].labelRange, delta);
  }
  for (let i = 0; i < placed.links.length; i++) moveRange(placed.links[i].range, delta);
  for (let i = 0; i < placed.htmlComments.length; i++) moveRange(placed.htmlComments[i], delta);
}

function moveRange(range: Range, delta: number): void {
  range.start += delta;
  range.end += delta;
}

export function parseDocument(text: string, options: ParseOptions = {}): ReviewDocument {
  try {
    return parse(text, options.cache);
  } catch (e) {
    // All or nothing: a parse that failed part way must not leave the cache lined up with a split it never finished.
    options.cache?.reset();
    throw e;
  }
}

function parse(text: string, cache: ChunkCache | undefined): ReviewDocument {
  const lines = lineBounds(text);
  const summarise = (chunkText: string, atStart: boolean, definitions: string) =>
    cache ? cache.summarise(chunkText, definitions, atStart) : summariseChunk(chunkText, definitions, atStart);
  let chunks: Range[];
  let first: ChunkSummary[];
  if (cache) ({ chunks, summaries: first } = cache.chunksOf(text, lines));
  else {
    chunks = splitChunks(text, lines);
    first = chunks.map((c) => summariseChunk(text.slice(c.start, c.end), '', c.start === 0));
  }
  // Link reference definitions are rare in reviews; when there are some, chunks that may use them are
  // summarised again with the definitions appended, as a whole-document parse would see them.
  let definitions = '';
  for (let i = 0; i < first.length; i++) if (first[i].definitions.length) definitions += (definitions ? '\n' : '') + first[i].definitions.join('\n');
  const proseParts: string[] = [];
  let at = 0;
  let frontMatter: FrontMatter = {};
  let headings: Heading[] = [];
  let blocks: Block[] = [];
  let blockquotes: Range[] = [];
  let footnoteDefinitions: FootnoteDefinition[] = [];
  let links: LinkSpan[] = [];
  let htmlComments: Range[] = [];
  const parseNotices: { message: string; range: Range }[] = [];
  let enclosingDepth = 0;
  const layout = cache ? new ChunkLayout(chunks.length) : undefined;
  const spanCounts = (): SpanCounts => ({ blocks: blocks.length, headings: headings.length, blockquotes: blockquotes.length, footnoteDefinitions: footnoteDefinitions.length, links: links.length, htmlComments: htmlComments.length });

  // After an edit, the chunks before it and after it are the last parse's: their part of the prose and their spans
  // are taken from it whole, and only the chunks between are gone through.
  const earlier = cache && !definitions ? cache.earlierAssembly() : undefined;
  let from = 0;
  let proseHead = '';
  if (earlier && earlier.kept > 0) {
    const { parts, layout: was, kept } = earlier;
    from = kept;
    at = chunks[kept - 1].end;
    proseHead = earlier.prose.slice(0, at);
    frontMatter = parts.frontMatter;
    enclosingDepth = was.depth[kept];
    headings = parts.headings.slice(0, was.headings[kept]);
    blocks = parts.blocks.slice(0, was.blocks[kept]);
    blockquotes = parts.blockquotes.slice(0, was.blockquotes[kept]);
    footnoteDefinitions = parts.footnoteDefinitions.slice(0, was.footnoteDefinitions[kept]);
    links = parts.links.slice(0, was.links[kept]);
    htmlComments = parts.htmlComments.slice(0, was.htmlComments[kept]);
    layout!.copy(was, 0, 0, kept);
    cache!.keepPlaced(0, kept, 0, 0);
  }
  let proseTail: string | undefined;
  for (let index = from; index < chunks.length; index++) {
    const chunk = chunks[index];
    if (earlier && index === earlier.resumed && enclosingDepth === earlier.layout.depth[earlier.resumedFrom]) {
      const { parts, layout: was, resumedFrom, delta } = earlier;
      const count = chunks.length - index;
      if (chunk.start > at) proseParts.push(blank(text.slice(at, chunk.start)));
      proseTail = earlier.prose.slice(chunk.start - delta);
      layout!.copy(was, resumedFrom, index, count + 1, spanCounts());
      appendFrom(headings, parts.headings, was.headings[resumedFrom]);
      appendFrom(blocks, parts.blocks, was.blocks[resumedFrom]);
      appendFrom(blockquotes, parts.blockquotes, was.blockquotes[resumedFrom]);
      appendFrom(footnoteDefinitions, parts.footnoteDefinitions, was.footnoteDefinitions[resumedFrom]);
      appendFrom(links, parts.links, was.links[resumedFrom]);
      appendFrom(htmlComments, parts.htmlComments, was.htmlComments[resumedFrom]);
      cache!.keepPlaced(resumedFrom, count, index, delta);
      break;
    }
    layout?.record(index, enclosingDepth, spanCounts());
    const chunkText = definitions ? text.slice(chunk.start, chunk.end) : '';
    const summary = definitions && chunkText.includes('[') ? summarise(chunkText, chunk.start === 0, definitions) : first[index];
    const by = chunk.start;
    if (chunk.start > at) proseParts.push(blank(text.slice(at, chunk.start)));
    proseParts.push(summary.prose);
    at = chunk.end;
    if (index === 0 && summary.frontMatter) frontMatter = { ...summary.frontMatter, range: summary.frontMatter.range && shift(summary.frontMatter.range, by) };
    const placed = cache ? cache.place(index, summary, by) : placeChunk(summary, by, false);
    for (let i = 0; i < summary.headings.length; i++) {
      const h = summary.headings[i];
      const heading = placed.headings[i];
      if (h.form !== 'paragraph') {
        enclosingDepth = h.depth;
        headings.push(heading);
        continue;
      }
      const depth = Math.min(enclosingDepth + (h.numberedLevels ?? 1), 9);
      headings.push(heading.depth === depth ? heading : (placed.headings[i] = { ...heading, depth }));
    }
    // Indexed loops: this runs for every chunk on every edit, and an iterator costs an allocation per step
    // whenever the function is not optimised.
    appendAll(blocks, placed.blocks);
    appendAll(blockquotes, placed.blockquotes);
    appendAll(footnoteDefinitions, placed.footnoteDefinitions);
    appendAll(links, placed.links);
    appendAll(htmlComments, placed.htmlComments);
    if (summary.notice) parseNotices.push({ message: summary.notice, range: { start: chunk.start, end: chunk.end } });
  }
  if (proseTail === undefined) {
    proseParts.push(blank(text.slice(at)));
    layout?.record(chunks.length, enclosingDepth, spanCounts());
  }
  // Pieces of the last parse's prose joined to this one's: V8 flattens the result where it is first searched.
  const prose = proseHead + proseParts.join('') + (proseTail ?? '');
  const parts: Parts = { frontMatter, headings, blocks, blockquotes, footnoteDefinitions, links, htmlComments, parseNotices };
  let revision: Revision | undefined;
  if (cache) {
    revision = cache.revision(layout!.blocks);
    cache.remember({ prose, parts, layout: layout!, definitions });
    cache.sweep();
  }
  // Positions count only \n as a line end; the chunk scan also counts \r, so its line starts serve only without one.
  const lineStarts = text.includes('\r') ? computeLineStarts(text) : lines.lineStarts;
  const doc = assemble(text, prose, parts, lineStarts);
  doc.revision = revision;
  return doc;
}

function appendFrom<T>(to: T[], from: readonly T[], start: number): void {
  for (let i = start; i < from.length; i++) to.push(from[i]);
}

type SpanCounts = Record<'blocks' | 'headings' | 'blockquotes' | 'footnoteDefinitions' | 'links' | 'htmlComments', number>;

/**
 * Where each chunk's spans start in a parse's lists, and the heading depth in force before it (which numbered
 * paragraph headings take their depth from): what lets the next parse take whole runs of chunks from this one.
 */
class ChunkLayout {
  readonly blocks: Int32Array;
  readonly headings: Int32Array;
  readonly blockquotes: Int32Array;
  readonly footnoteDefinitions: Int32Array;
  readonly links: Int32Array;
  readonly htmlComments: Int32Array;
  readonly depth: Int8Array;

  constructor(chunks: number) {
    this.blocks = new Int32Array(chunks + 1);
    this.headings = new Int32Array(chunks + 1);
    this.blockquotes = new Int32Array(chunks + 1);
    this.footnoteDefinitions = new Int32Array(chunks + 1);
    this.links = new Int32Array(chunks + 1);
    this.htmlComments = new Int32Array(chunks + 1);
    this.depth = new Int8Array(chunks + 1);
  }

  record(index: number, depth: number, counts: SpanCounts): void {
    this.depth[index] = depth;
    this.blocks[index] = counts.blocks;
    this.headings[index] = counts.headings;
    this.blockquotes[index] = counts.blockquotes;
    this.footnoteDefinitions[index] = counts.footnoteDefinitions;
    this.links[index] = counts.links;
    this.htmlComments[index] = counts.htmlComments;
  }

  /** Entries [from, from + count) of `was` at [to, to + count), each list's starts moved to begin at `base`'s. */
  copy(was: ChunkLayout, from: number, to: number, count: number, base?: SpanCounts): void {
    copyColumn(this.blocks, was.blocks, from, to, count, base ? base.blocks - was.blocks[from] : 0);
    copyColumn(this.headings, was.headings, from, to, count, base ? base.headings - was.headings[from] : 0);
    copyColumn(this.blockquotes, was.blockquotes, from, to, count, base ? base.blockquotes - was.blockquotes[from] : 0);
    copyColumn(this.footnoteDefinitions, was.footnoteDefinitions, from, to, count, base ? base.footnoteDefinitions - was.footnoteDefinitions[from] : 0);
    copyColumn(this.links, was.links, from, to, count, base ? base.links - was.links[from] : 0);
    copyColumn(this.htmlComments, was.htmlComments, from, to, count, base ? base.htmlComments - was.htmlComments[from] : 0);
    this.depth.set(was.depth.subarray(from, from + count), to);
  }
}

function copyColumn(into: Int32Array, from: Int32Array, start: number, to: number, count: number, offset: number): void {
  if (!offset) into.set(from.subarray(start, start + count), to);
  else for (let i = 0; i < count; i++) into[to + i] = from[start + i] + offset;
}

interface Parts {
  frontMatter: FrontMatter;
  headings: Heading[];
  blocks: Block[];
  blockquotes: Range[];
  footnoteDefinitions: FootnoteDefinition[];
  links: LinkSpan[];
  htmlComments: Range[];
  parseNotices: { message: string; range: Range }[];
}

function assemble(text: string, prose: string, parts: Parts, lineStarts = computeLineStarts(text)): ReviewDocument {
  const { headings, blocks } = parts;
  const { root, sections } = buildSections(headings, text.length);
  let sentences: Sentence[] | undefined;
  let sentencesByBlock: Map<Block, Sentence[]> | undefined;

  const doc: ReviewDocument = {
    text,
    prose,
    frontMatter: parts.frontMatter,
    headings,
    root,
    sections,
    blocks,
    blockquotes: parts.blockquotes,
    footnoteDefinitions: parts.footnoteDefinitions,
    links: parts.links,
    htmlComments: parts.htmlComments,
    parseNotices: parts.parseNotices,
    get sentences(): Sentence[] {
      if (!sentences) {
        sentences = [];
        for (const block of blocks) for (const sentence of doc.sentencesIn(block)) sentences.push(sentence);
      }
      return sentences;
    },
    lineStarts,
    positionAt(offset: number) {
      const clamped = Math.max(0, Math.min(offset, text.length));
      const line = lineIndexAt(lineStarts, clamped);
      return { line, character: clamped - lineStarts[line] };
    },
    offsetAt(position) {
      if (position.line < 0) return 0;
      if (position.line >= lineStarts.length) return text.length;
      const lineEnd = position.line + 1 < lineStarts.length ? lineStarts[position.line + 1] - 1 : text.length;
      return Math.min(lineStarts[position.line] + Math.max(0, position.character), lineEnd);
    },
    blockAt(offset: number) {
      const i = lastStartAtOrBefore(blocks, offset);
      return i >= 0 && offset < blocks[i].range.end ? blocks[i] : undefined;
    },
    sectionAt(offset: number) {
      let section = root;
      for (;;) {
        const child = section.children.find((c) => c.range.start <= offset && offset < c.range.end);
        if (!child) return section;
        section = child;
      }
    },
    quoteAround(range: Range) {
      const block = doc.blockAt(range.start);
      if (block) {
        for (const q of block.quotes) if (q.range.start <= range.start && range.end <= q.range.end) return q;
      }
      for (const bq of parts.blockquotes) {
        if (bq.start <= range.start && range.end <= bq.end) return { range: bq, inner: bq, kind: 'blockquote' };
      }
      return undefined;
    },
    // One block's sentences without segmenting (or listing) the others: a rule may ask for a few blocks only.
    sentencesIn(block: Block) {
      sentencesByBlock ??= new Map();
      let list = sentencesByBlock.get(block);
      if (!list) {
        const base = block.range.start;
        list = blockSentences(prose, block).map((r) => ({ range: { start: r.start + base, end: r.end + base }, block }));
        sentencesByBlock.set(block, list);
      }
      return list;
    },
    sentenceAt(offset: number) {
      const all = doc.sentences;
      const i = lastStartAtOrBefore(all, offset);
      return i >= 0 && offset < all[i].range.end ? all[i] : undefined;
    },
    titleRange() {
      const title = headings.find((h) => h.depth === 1) ?? headings[0];
      if (title) return title.textRange;
      const firstLineEnd = text.indexOf('\n');
      return { start: 0, end: firstLineEnd === -1 ? text.length : firstLineEnd };
    },
  };
  return doc;
}

/**
 * Sentence ranges relative to their block. A block's sentences depend only on its own prose, so they are kept
 * with the block's parse (`origin`) and an edit segments only the blocks it changed.
 */
const sentencesByOrigin = new WeakMap<object, Range[]>();

function blockSentences(prose: string, block: Block): Range[] {
  const origin = block.origin;
  const cached = origin && sentencesByOrigin.get(origin);
  if (cached) return cached;
  const relative = splitSentences(prose, block.range).map((r) => ({ start: r.start - block.range.start, end: r.end - block.range.start }));
  if (origin) sentencesByOrigin.set(origin, relative);
  return relative;
}

/** The model from one parse of the whole text, without chunking: the reference the chunked parse must equal. */
export function parseDocumentUnchunked(text: string): ReviewDocument {
  const summary = summariseChunk(text, '', true, true);
  let enclosingDepth = 0;
  const headings: Heading[] = summary.headings.map((h) => {
    let depth = h.depth;
    if (h.form === 'paragraph') depth = Math.min(enclosingDepth + (h.numberedLevels ?? 1), 9);
    else enclosingDepth = h.depth;
    return { depth, text: h.text, title: h.title, number: h.number, form: h.form, range: h.range, textRange: h.textRange };
  });
  return assemble(text, summary.prose, {
    frontMatter: summary.frontMatter ?? {},
    headings,
    blocks: summary.blocks,
    blockquotes: summary.blockquotes,
    footnoteDefinitions: summary.footnoteDefinitions,
    links: summary.links,
    htmlComments: summary.htmlComments,
    parseNotices: summary.notice ? [{ message: summary.notice, range: { start: 0, end: text.length } }] : [],
  });
}
