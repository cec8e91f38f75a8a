/**
 * The shared document model every rule reads: built from one parse of the Markdown.
 *
 * The centre of it is `prose`, a copy of the text of the same length in which everything that is not
 * the author's prose (code, HTML comments, front matter, link destinations, reference definitions,
 * bare URLs and Markdown syntax) is blanked out with spaces, newlines kept. Rules search `prose` with
 * ordinary regular expressions and the offsets they find are offsets into the original text.
 */
import type { Node, Root, Parent } from 'mdast';
import { parse as parseYaml } from 'yaml';
import { parseMarkdown } from './markdown.js';
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
  /** Sentences, segmented block by block (computed on first use). */
  readonly sentences: Sentence[];
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

function splitNumbering(text: string): { number?: string; title: string } {
  const trimmed = text.trim();
  const m = /^((?:\d+(?:\.\d+)*)\.?|[A-Z][.)]|(?:Section|Part|Appendix|Chapter)\s+[\dA-Z]+[.:]?)\s+/i.exec(trimmed);
  const rest = m ? trimmed.slice(m[0].length) : trimmed;
  return {
    number: m ? m[1].replace(/[.:)]$/, '') : undefined,
    title: rest.replace(/[\s:.–—-]+$/u, '').trim(),
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

class Builder {
  readonly chars: string[];
  headings: Heading[] = [];
  blocks: Block[] = [];
  blockquotes: Range[] = [];
  footnoteDefinitions: FootnoteDefinition[] = [];
  links: LinkSpan[] = [];
  htmlComments: Range[] = [];
  frontMatter: FrontMatter = {};
  private enclosingHeadingDepth = 0;

  constructor(readonly text: string) {
    // Start fully masked (newlines kept) and reveal prose as the tree is walked.
    this.chars = new Array<string>(text.length);
    for (let i = 0; i < text.length; i++) this.chars[i] = text[i] === '\n' ? '\n' : ' ';
  }

  reveal(range: Range): void {
    for (let i = range.start; i < range.end; i++) this.chars[i] = this.text[i];
  }

  mask(range: Range): void {
    for (let i = range.start; i < range.end; i++) if (this.chars[i] !== '\n') this.chars[i] = ' ';
  }

  walk(node: Positioned, ctx: { quote: boolean; list: boolean; footnote: boolean }): void {
    const range = offsets(node);
    switch (node.type) {
      case 'text':
        if (range) this.reveal(range);
        return;
      case 'footnoteReference':
        // Keep `[^id]` visible so citation rules see defined and undefined references alike.
        if (range) this.reveal(range);
        return;
      case 'yaml':
        if (range) {
          this.frontMatter.range = range;
          const value = (node as unknown as { value: string }).value;
          try {
            const data: unknown = parseYaml(value);
            if (data && typeof data === 'object' && !Array.isArray(data)) this.frontMatter.data = data as Record<string, unknown>;
            else if (data !== null && data !== undefined) this.frontMatter.error = 'front matter is not a mapping of keys to values';
          } catch (e) {
            this.frontMatter.error = `front matter is not valid YAML: ${(e as Error).message.split('\n')[0]}`;
          }
        }
        return;
      case 'html':
        if (range) {
          const value = this.text.slice(range.start, range.end);
          for (let i = value.indexOf('<!--'); i !== -1; i = value.indexOf('<!--', i + 4)) {
            const close = value.indexOf('-->', i + 4);
            const end = close === -1 ? value.length : close + 3;
            this.htmlComments.push({ start: range.start + i, end: range.start + end });
            if (close === -1) break;
          }
        }
        return;
      case 'code':
      case 'inlineCode':
      case 'definition':
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
        if (range) this.addParagraph(node as Positioned & Parent, range, ctx);
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

  private addBlock(kind: BlockKind, range: Range, ctx: { quote: boolean; list: boolean; footnote: boolean }): Block {
    const block: Block = { kind, range, inBlockquote: ctx.quote, inListItem: ctx.list, inFootnote: ctx.footnote, quotes: [] };
    this.blocks.push(block);
    return block;
  }

  private addHeading(node: Positioned & Parent & { depth: number }, range: Range): void {
    const raw = this.text.slice(range.start, range.end);
    const form = raw.trimStart().startsWith('#') ? 'atx' : 'setext';
    const textRange = childrenRange(node) ?? range;
    const text = plainText(node).trim();
    const { number, title } = splitNumbering(text);
    this.enclosingHeadingDepth = node.depth;
    this.headings.push({ depth: node.depth, text, title, number, form, range, textRange });
    this.addBlock('heading', range, { quote: false, list: false, footnote: false });
  }

  private addParagraph(node: Positioned & Parent, range: Range, ctx: { quote: boolean; list: boolean; footnote: boolean }): void {
    const raw = this.text.slice(range.start, range.end);
    const single = !raw.includes('\n');
    const onlyStrong = node.children.length === 1 && node.children[0].type === 'strong';
    const text = plainText(node).trim();
    if (!ctx.quote && !ctx.list && !ctx.footnote && single && text.length <= 90 && !/[.;,?!]$/.test(text)) {
      const numbered = NUMBERED_PSEUDO_HEADING.test(text);
      if (numbered || (onlyStrong && /^\P{Ll}/u.test(text) && text.split(/\s+/).length <= 12)) {
        const { number, title } = splitNumbering(text);
        const levels = number ? number.split('.').length : 1;
        const depth = Math.min(this.enclosingHeadingDepth + levels, 9);
        this.headings.push({ depth, text, title, number, form: 'paragraph', range, textRange: childrenRange(node) ?? range });
        this.addBlock('heading', range, ctx);
        return;
      }
    }
    this.addBlock('paragraph', range, ctx);
  }
}

function childrenRange(node: Parent): Range | undefined {
  const first = node.children[0] as Positioned | undefined;
  const last = node.children[node.children.length - 1] as Positioned | undefined;
  const a = first && offsets(first);
  const b = last && offsets(last);
  return a && b ? { start: a.start, end: b.end } : undefined;
}

function plainText(node: Node): string {
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

export function parseDocument(text: string): ReviewDocument {
  const builder = new Builder(text);
  const tree: Root = parseMarkdown(text);
  builder.walk(tree as Positioned, { quote: false, list: false, footnote: false });

  for (const bq of builder.blockquotes) {
    const slice = text.slice(bq.start, bq.end);
    for (const m of slice.matchAll(BLOCKQUOTE_PREFIX)) {
      const start = bq.start + m.index! + m[1].length;
      builder.mask({ start, end: start + m[2].length });
    }
  }
  let prose = builder.chars.join('');
  for (const m of prose.matchAll(URL_IN_PROSE)) builder.mask({ start: m.index!, end: m.index! + m[0].length });
  prose = builder.chars.join('');

  const blocks = builder.blocks.sort((a, b) => a.range.start - b.range.start);
  for (const block of blocks) block.quotes = findQuotes(prose, block.range);
  const headings = builder.headings.sort((a, b) => a.range.start - b.range.start);
  const { root, sections } = buildSections(headings, text.length);
  const lineStarts = computeLineStarts(text);
  let sentences: Sentence[] | undefined;

  const doc: ReviewDocument = {
    text,
    prose,
    frontMatter: builder.frontMatter,
    headings,
    root,
    sections,
    blocks,
    blockquotes: builder.blockquotes,
    footnoteDefinitions: builder.footnoteDefinitions,
    links: builder.links,
    htmlComments: builder.htmlComments.sort((a, b) => a.start - b.start),
    get sentences(): Sentence[] {
      if (!sentences) {
        sentences = [];
        for (const block of blocks) {
          for (const range of splitSentences(prose, block.range)) sentences.push({ range, block });
        }
      }
      return sentences;
    },
    lineStarts,
    positionAt(offset: number) {
      const clamped = Math.max(0, Math.min(offset, text.length));
      let lo = 0;
      let hi = lineStarts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (lineStarts[mid] <= clamped) lo = mid;
        else hi = mid - 1;
      }
      return { line: lo, character: clamped - lineStarts[lo] };
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
      for (const bq of builder.blockquotes) {
        if (bq.start <= range.start && range.end <= bq.end) return { range: bq, inner: bq, kind: 'blockquote' };
      }
      return undefined;
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
