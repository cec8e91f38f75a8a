/**
 * Caching a rule's work by runs of blocks, for rules whose patterns and context windows reach across a block's
 * edges (a table row is several cells; a name may run from a heading into the line below it).
 *
 * A group is a run of consecutive blocks with no blank line between them in the prose: the gap between two
 * groups is only spaces, tabs and line breaks, with at least two line feeds. A pattern that matches no line
 * feed (no `\s`, no negated class without `\n`) cannot match across such a gap, and a lookaround that tests
 * for a non-space character sees the gap as it sees the start or end of a string; so a scan of each group's
 * prose on its own finds exactly the matches of a scan of the whole prose. (Non-whitespace prose outside
 * every block would break this: then there is one uncached group, the whole document.)
 *
 * A group's prose is fixed by its blocks' `origin` objects (kept while their chunk is unchanged) and the gaps
 * between them, so a result computed from the group alone is cached under those and reused, with offsets
 * relative to the group's start. Work that reads outside the group (a window before a paragraph's first word)
 * goes through a `Scope`, which notes what was read, so that the rule can keep the result with that text and
 * decide again when it differs.
 *
 * A `GroupIndex` aligns a document's groups with those of its previous version, so that a rule visits only the
 * groups that held something and the changed ones; the first version of a document is worked on whole.
 */
import type { Block, ReviewDocument } from '../document.js';
import { childNamesDeclaredIn, childNamesWith } from './child-names.js';
import { matchesIn, NONE_MATCHED } from './shared.js';

export interface BlockGroup {
  /** Its index among the document's groups. */
  index: number;
  /** Index in `doc.blocks` of the first block, and one past the last. */
  first: number;
  last: number;
  /** Prose offsets: the first block's start and the furthest block end. */
  start: number;
  end: number;
  /** False when the group cannot be cached (a block without an origin, or the whole-document fallback). */
  cacheable: boolean;
}

/**
 * Where work on a group may read without leaving it, and what it did read outside: the furthest offsets asked for
 * (before any clamping to the document), in the prose and in the text, and whether it depended on its position in
 * the document.
 */
export class Scope {
  proseLo = Infinity;
  proseHi = -Infinity;
  textLo = Infinity;
  textHi = -Infinity;
  /** The work depended on where the group is, not only on what is around it. */
  unstable = false;

  constructor(
    readonly lo: number,
    readonly hi: number,
  ) {}

  reset(): void {
    this.proseLo = this.textLo = Infinity;
    this.proseHi = this.textHi = -Infinity;
    this.unstable = false;
  }

  /** Whether anything outside [lo, hi) was read. */
  get escaped(): boolean {
    return this.unstable || this.proseLo < this.lo || this.proseHi > this.hi || this.textLo < this.lo || this.textHi > this.hi;
  }

  /** Note a read of the prose over [start, end) (as asked, before any clamping to the document). */
  touch(start: number, end: number): void {
    if (start < this.proseLo) this.proseLo = start;
    if (end > this.proseHi) this.proseHi = end;
  }

  /** Note a read of the text over [start, end). */
  touchText(start: number, end: number): void {
    if (start < this.textLo) this.textLo = start;
    if (end > this.textHi) this.textHi = end;
  }

  /** `prose.slice(max(0, start), end)`, noted. */
  slice(prose: string, start: number, end: number): string {
    this.touch(start, end);
    return prose.slice(Math.max(0, start), end);
  }

  /** What was read outside the scope, to tell later whether the same work would read the same. */
  outside(doc: ReviewDocument): Outside {
    const o: Outside = {};
    if (this.proseLo < this.lo) o.proseBefore = { reach: this.proseLo - this.lo, text: ownCopy(before(doc.prose, this.lo, this.proseLo - this.lo)) };
    if (this.proseHi > this.hi) o.proseAfter = { reach: this.proseHi - this.hi, text: ownCopy(doc.prose.slice(this.hi, this.proseHi)) };
    if (this.textLo < this.lo) o.textBefore = { reach: this.textLo - this.lo, text: ownCopy(before(doc.text, this.lo, this.textLo - this.lo)) };
    if (this.textHi > this.hi) o.textAfter = { reach: this.textHi - this.hi, text: ownCopy(doc.text.slice(this.hi, this.textHi)) };
    return o;
  }
}

/** The `reach` (negative) characters before `at`, fewer at the start of the text. */
function before(text: string, at: number, reach: number): string {
  return text.slice(Math.max(0, at + reach), Math.max(0, at));
}

interface Read {
  reach: number;
  text: string;
}

/**
 * The prose and text that work on a group read outside it, relative to the group: a group elsewhere with the same
 * surroundings (up to these reaches) gets the same result.
 */
export interface Outside {
  proseBefore?: Read;
  proseAfter?: Read;
  textBefore?: Read;
  textAfter?: Read;
}

/** Whether a group at [lo, hi) has the surroundings recorded. */
export function sameOutside(doc: ReviewDocument, lo: number, hi: number, o: Outside): boolean {
  if (o.proseBefore && before(doc.prose, lo, o.proseBefore.reach) !== o.proseBefore.text) return false;
  if (o.proseAfter && doc.prose.slice(hi, hi + o.proseAfter.reach) !== o.proseAfter.text) return false;
  if (o.textBefore && before(doc.text, lo, o.textBefore.reach) !== o.textBefore.text) return false;
  if (o.textAfter && doc.text.slice(hi, hi + o.textAfter.reach) !== o.textAfter.text) return false;
  return true;
}

/** The scope of work on a group: the whole document's (nothing escapes it) for the group that is the whole document. */
export function scopeOf(group: BlockGroup): Scope {
  return group.index === -1 ? wholeDocument() : new Scope(group.start, group.end);
}

/** The scope of work done on the whole document: nothing escapes it. */
export function wholeDocument(): Scope {
  return new Scope(-Infinity, Infinity);
}

/** A string equal to `text` that references no larger string (a slice of a document's prose would keep it alive). */
export function ownCopy(text: string): string {
  return (' ' + text).slice(1);
}

function isBlankGap(prose: string, from: number, to: number): boolean {
  if (to < from) return false;
  let lineFeeds = 0;
  for (let i = from; i < to; i++) {
    const c = prose.charCodeAt(i);
    if (c === 10) lineFeeds++;
    else if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return lineFeeds >= 2;
}

function onlyWhitespace(prose: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = prose.charCodeAt(i);
    if (c !== 10 && c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/** The document's groups as parallel arrays (one pass over the blocks, shared by the rules that use groups). */
export interface GroupLayout {
  count: number;
  first: Int32Array;
  last: Int32Array;
  start: Int32Array;
  end: Int32Array;
  /** The first block's origin, or undefined when the group cannot be cached. */
  firstOrigin: (object | undefined)[];
  /** The whole document as one group (prose outside every block). */
  whole?: boolean;
  /**
   * When the layout was made from the last version's (`from`): groups [0, prefix) are its first groups, and the
   * groups from `suffixNow` on are its groups from `suffixWas` on, moved.
   */
  carried?: { from: GroupLayout; prefix: number; suffixWas: number; suffixNow: number };
}

const layouts = new WeakMap<ReviewDocument, GroupLayout>();
/** The layout of the last version of each document being edited (by `doc.revision.lineage`). */
const lastLayouts = new WeakMap<object, { number: number; layout: GroupLayout }>();

export function groupLayout(doc: ReviewDocument): GroupLayout {
  let layout = layouts.get(doc);
  if (layout) return layout;
  const revision = doc.revision;
  const last = revision && lastLayouts.get(revision.lineage);
  layout = (last && last.number === revision!.previous && !last.layout.whole && carriedLayout(doc, last.layout)) || freshLayout(doc);
  if (revision) lastLayouts.set(revision.lineage, { number: revision.number, layout });
  return setLayout(doc, layout);
}

/**
 * The layout from the last version's: its groups before the edit as they were, its groups after it moved, and the
 * groups between laid out again. A group is decided by the gaps between its blocks, so a group of the last version
 * is kept when every gap that bounds or splits it lies in text the edit left alone. Undefined when it cannot be.
 */
function carriedLayout(doc: ReviewDocument, was: GroupLayout): GroupLayout | undefined {
  const { kept, resumed, resumedFrom, delta } = doc.revision!;
  const { blocks, prose } = doc;
  const n = blocks.length;
  // Groups that end before block kept - 1 (their last gap is between unchanged blocks), and groups that start after
  // block resumedFrom (every gap they touch is between moved blocks).
  let prefix = 0;
  while (prefix < was.count && was.last[prefix] <= kept - 1) prefix++;
  let suffixWas = was.count;
  while (suffixWas > prefix && was.first[suffixWas - 1] >= resumedFrom + 1) suffixWas--;
  const from = prefix ? was.last[prefix - 1] : 0;
  const to = suffixWas < was.count ? was.first[suffixWas] - resumedFrom + resumed : n;
  if (from > to) return undefined;
  const size = prefix + (to - from) + (was.count - suffixWas);
  const first = new Int32Array(size);
  const last = new Int32Array(size);
  const start = new Int32Array(size);
  const end = new Int32Array(size);
  first.set(was.first.subarray(0, prefix));
  last.set(was.last.subarray(0, prefix));
  start.set(was.start.subarray(0, prefix));
  end.set(was.end.subarray(0, prefix));
  const firstOrigin = was.firstOrigin.slice(0, prefix);
  let count = prefix;
  if (from < to) count = layOut(blocks, prose, from, to, { first, last, start, end, firstOrigin }, count);
  const suffixNow = count;
  for (let g = suffixWas; g < was.count; g++, count++) {
    first[count] = was.first[g] - resumedFrom + resumed;
    last[count] = was.last[g] - resumedFrom + resumed;
    start[count] = was.start[g] + delta;
    end[count] = was.end[g] + delta;
    firstOrigin.push(was.firstOrigin[g]);
  }
  if (!count || !onlyWhitespace(prose, 0, start[0]) || !onlyWhitespace(prose, end[count - 1], prose.length)) return undefined;
  // Only the next version's GroupIndex reads `carried`: the last layout's link to the one before it goes, or every
  // layout of an editing day would stay alive through the chain (found in review).
  was.carried = undefined;
  return { count, first, last, start, end, firstOrigin, carried: { from: was, prefix, suffixWas, suffixNow } };
}

/**
 * Lay out blocks [from, to) as groups at `at` onwards in the arrays (the caller knows a group starts at `from` and
 * one ends at `to`); returns the count after them.
 */
function layOut(blocks: readonly Block[], prose: string, from: number, to: number, into: Pick<GroupLayout, 'first' | 'last' | 'start' | 'end' | 'firstOrigin'>, at: number): number {
  let count = at;
  let groupFrom = from;
  let groupEnd = blocks[from].range.end;
  let cacheable = !!blocks[from].origin;
  for (let i = from + 1; i <= to; i++) {
    const block = i < to ? blocks[i] : undefined;
    if (!block || isBlankGap(prose, blocks[i - 1].range.end, block.range.start)) {
      into.first[count] = groupFrom;
      into.last[count] = i;
      into.start[count] = blocks[groupFrom].range.start;
      into.end[count] = groupEnd;
      into.firstOrigin.push(cacheable ? blocks[groupFrom].origin : undefined);
      count++;
      if (!block) break;
      groupFrom = i;
      groupEnd = block.range.end;
      cacheable = !!block.origin;
    } else {
      if (block.range.end > groupEnd) groupEnd = block.range.end;
      if (!block.origin) cacheable = false;
    }
  }
  return count;
}

function freshLayout(doc: ReviewDocument): GroupLayout {
  const { blocks, prose } = doc;
  const n = blocks.length;
  const layout: GroupLayout = { count: 0, first: new Int32Array(n), last: new Int32Array(n), start: new Int32Array(n), end: new Int32Array(n), firstOrigin: [] };
  if (n) layout.count = layOut(blocks, prose, 0, n, layout, 0);
  const { count, start, end } = layout;
  if (count ? !onlyWhitespace(prose, 0, start[0]) || !onlyWhitespace(prose, end[count - 1], prose.length) : !onlyWhitespace(prose, 0, prose.length)) {
    // Prose outside every block: one group, the whole document, not cached.
    return { count: 1, first: Int32Array.of(0), last: Int32Array.of(n), start: Int32Array.of(0), end: Int32Array.of(prose.length), firstOrigin: [undefined], whole: true };
  }
  return layout;
}

function setLayout(doc: ReviewDocument, layout: GroupLayout): GroupLayout {
  layouts.set(doc, layout);
  return layout;
}

/** One group of a layout. */
export function groupAt(layout: GroupLayout, index: number): BlockGroup {
  return { index, first: layout.first[index], last: layout.last[index], start: layout.start[index], end: layout.end[index], cacheable: layout.firstOrigin[index] !== undefined };
}

/** The document's groups as objects. */
export function blockGroups(doc: ReviewDocument): BlockGroup[] {
  const layout = groupLayout(doc);
  const out: BlockGroup[] = [];
  for (let g = 0; g < layout.count; g++) out.push(groupAt(layout, g));
  return out;
}

/** What a cache keeps for one group: its blocks' parse (to recognise the group) and values by slot. */
export interface GroupEntry {
  origins: object[];
  /** The prose and the text between consecutive blocks of the group. */
  gaps: string[];
  textGaps: string[];
  /** By slot: the key its value was computed for, then the value (slot n at 2n and 2n + 1). */
  slots: unknown[];
}

/** The gaps of a group of one block (never added to). */
const NO_GAPS: string[] = [];

/** Entries kept per first block: the same chunk may be in a document more than once. */
const MAX_ENTRIES_PER_ORIGIN = 4;
/** Documents whose last version is remembered (a language server has several open). */
const MAX_DOCUMENTS = 8;
/** How far ahead of where it was expected a group is looked for in the previous version. */
const LOOKAHEAD = 64;

/** Which groups of a slot held something, for one key. */
interface Recorded {
  key: string;
  groups: number[];
}

/**
 * A document's groups with a cache's entries for them, aligned with the previous version of the document: most
 * groups are where they were, only shifted, and a slot's value in a group that is unchanged is unchanged. So a
 * rule that records which groups held something in a slot can visit only those, and the groups not seen before.
 */
export class GroupIndex {
  readonly entries: (GroupEntry | undefined)[];
  /** Slot by slot, the groups that held something. */
  readonly recorded = new Map<number, Recorded>();
  /** For each group of the previous version, its index now if it is unchanged, else -1. */
  private readonly moved?: Int32Array;
  /** Groups not found unchanged from the previous version. */
  private readonly fresh: number[] = [];
  private readonly before?: Map<number, Recorded>;

  /**
   * Set for the first version of a document seen: the rules work on the whole document as one group, caching
   * nothing (a document linted once, as on the command line, costs no more than that), and the next version, if
   * any, is computed group by group.
   */
  readonly whole?: BlockGroup;

  constructor(
    doc: ReviewDocument,
    readonly layout: GroupLayout,
    cache: GroupCache,
    previous: GroupIndex | undefined,
  ) {
    const { count, firstOrigin, first, last } = layout;
    this.entries = new Array<GroupEntry | undefined>(count);
    if (!previous) {
      this.whole = { index: -1, first: 0, last: doc.blocks.length, start: 0, end: doc.prose.length, cacheable: false };
      return;
    }
    if (previous) {
      this.moved = new Int32Array(previous.layout.count).fill(-1);
      this.before = previous.recorded;
    }
    const was = previous?.layout;
    let cursor = 0;
    // Groups carried over from the previous version's layout are the same groups: no need to look them up.
    const carried = layout.carried?.from === was ? layout.carried : undefined;
    if (carried) {
      for (let g = 0; g < carried.prefix; g++) this.carry(g, g, previous!, cache, doc);
      for (let g = carried.suffixNow, c = carried.suffixWas; g < count; g++, c++) this.carry(g, c, previous!, cache, doc);
      cursor = carried.prefix;
    }
    for (let g = carried ? carried.prefix : 0; g < (carried ? carried.suffixNow : count); g++) {
      const origin = firstOrigin[g];
      if (origin === undefined) {
        this.fresh.push(g);
        continue;
      }
      const size = last[g] - first[g];
      let found = -1;
      if (was) {
        const stop = Math.min(carried ? carried.suffixWas : was.count, cursor + LOOKAHEAD);
        for (let c = cursor; c < stop; c++) {
          if (was.firstOrigin[c] === origin) {
            found = c;
            break;
          }
        }
      }
      const entry = found === -1 ? undefined : previous!.entries[found];
      if (entry && was!.last[found] - was!.first[found] === size && (size === 1 || sameGroup(entry, doc, layout, g))) {
        this.entries[g] = entry;
        this.moved![found] = g;
        cursor = found + 1;
      } else {
        this.entries[g] = cache.lookup(doc, layout, g);
        this.fresh.push(g);
      }
    }
  }

  /** Group `g` is group `c` of the previous version, unchanged (a group that could not be cached stays fresh). */
  private carry(g: number, c: number, previous: GroupIndex, cache: GroupCache, doc: ReviewDocument): void {
    const entry = previous.entries[c];
    if (entry) {
      this.entries[g] = entry;
      this.moved![c] = g;
    } else {
      if (this.layout.firstOrigin[g] !== undefined) this.entries[g] = cache.lookup(doc, this.layout, g);
      this.fresh.push(g);
    }
  }

  /** The groups to visit for a slot and key, in order: undefined when every group must be. */
  private candidates(slot: number, key: string): number[] | undefined {
    const before = this.before?.get(slot);
    if (!before || before.key !== key) return undefined;
    const out: number[] = [];
    for (const c of before.groups) {
      const g = this.moved![c];
      if (g !== -1) out.push(g);
    }
    for (const g of this.fresh) out.push(g);
    return out.sort((a, b) => a - b);
  }

  /**
   * Work on the groups that may hold something in a slot for a key (see `visit`): `compute` gives a group's value
   * (kept in the cache), `use` takes it and says whether it held something. For the first version of a document,
   * the whole document is one group.
   */
  each<T>(cache: GroupCache, slot: number, key: string, compute: (group: BlockGroup) => T, use: (group: BlockGroup, value: T) => boolean): void {
    if (this.whole) {
      use(this.whole, compute(this.whole));
      return;
    }
    this.visit(slot, key, (g) => {
      const group = groupAt(this.layout, g);
      return use(group, cache.value(this.entries[g], slot, key, () => compute(group)));
    });
  }

  /**
   * Visit, in order, the groups that may hold something in a slot for a key (`visit` says whether one did): those
   * that held something in the previous version and are unchanged, and those not seen before; every group when
   * the previous version did not use the slot with this key.
   */
  visit(slot: number, key: string, visit: (g: number) => boolean): void {
    const held: number[] = [];
    const list = this.candidates(slot, key);
    if (list) {
      for (const g of list) if (visit(g)) held.push(g);
    } else {
      for (let g = 0; g < this.layout.count; g++) if (visit(g)) held.push(g);
    }
    this.recorded.set(slot, { key, groups: held });
  }
}

/**
 * Results computed from one group's prose, kept with its blocks' parse. Each slot holds the value for one key
 * (the document-level context the value depends on); a new key replaces the old value.
 */
export class GroupCache {
  private readonly byOrigin = new WeakMap<object, GroupEntry[]>();
  private readonly slots = new Map<string, number>();
  private readonly byDoc = new WeakMap<ReviewDocument, GroupIndex>();
  /** The last version of each of the documents linted most recently. */
  private latest: GroupIndex[] = [];

  index(doc: ReviewDocument): GroupIndex {
    let index = this.byDoc.get(doc);
    if (index) return index;
    const layout = groupLayout(doc);
    const previous = this.previousVersion(doc, layout);
    index = new GroupIndex(doc, layout, this, previous);
    this.byDoc.set(doc, index);
    this.latest = [index, ...this.latest.filter((i) => i !== previous)].slice(0, MAX_DOCUMENTS);
    return index;
  }

  /** The number of a named slot (each rule names its own). */
  slot(name: string): number {
    let n = this.slots.get(name);
    if (n === undefined) this.slots.set(name, (n = this.slots.size));
    return n;
  }

  /** The value in a group's slot for `key`, computed if there is none. */
  value<T>(entry: GroupEntry | undefined, slot: number, key: string, compute: () => T): T {
    if (!entry) return compute();
    const slots = entry.slots;
    if (slots[2 * slot] === key) return slots[2 * slot + 1] as T;
    const value = compute();
    while (slots.length < 2 * slot) slots.push(undefined);
    slots[2 * slot] = key;
    slots[2 * slot + 1] = value;
    return value;
  }

  /** The remembered version most likely to be an earlier version of this document: its first or last group is the same. */
  private previousVersion(doc: ReviewDocument, layout: GroupLayout): GroupIndex | undefined {
    if (!layout.count) return undefined;
    const a = layout.firstOrigin[0];
    const b = layout.firstOrigin[layout.count - 1];
    for (const index of this.latest) {
      const was = index.layout;
      if (was.count && ((a !== undefined && was.firstOrigin[0] === a) || (b !== undefined && was.firstOrigin[was.count - 1] === b))) return index;
    }
    return undefined;
  }

  /** The entry for a group, found by its first block or made. */
  lookup(doc: ReviewDocument, layout: GroupLayout, g: number): GroupEntry {
    const origin = layout.firstOrigin[g]!;
    let entries = this.byOrigin.get(origin);
    if (!entries) {
      entries = [];
      this.byOrigin.set(origin, entries);
    }
    for (const entry of entries) if (sameGroup(entry, doc, layout, g)) return entry;
    const single = layout.last[g] - layout.first[g] === 1;
    const entry: GroupEntry = { origins: [], gaps: single ? NO_GAPS : [], textGaps: single ? NO_GAPS : [], slots: [] };
    const { blocks, prose, text } = doc;
    for (let i = layout.first[g]; i < layout.last[g]; i++) {
      const block = blocks[i];
      entry.origins.push(block.origin!);
      if (i > layout.first[g]) {
        const gapStart = blocks[i - 1].range.end;
        entry.gaps.push(ownCopy(prose.slice(gapStart, block.range.start)));
        entry.textGaps.push(ownCopy(text.slice(gapStart, block.range.start)));
      }
    }
    if (entries.length >= MAX_ENTRIES_PER_ORIGIN) entries.shift();
    entries.push(entry);
    return entry;
  }
}

/** Whether an entry was made for a group with these blocks and gaps. */
function sameGroup(entry: GroupEntry, doc: ReviewDocument, layout: GroupLayout, g: number): boolean {
  const { blocks } = doc;
  const from = layout.first[g];
  const count = layout.last[g] - from;
  if (entry.origins.length !== count || entry.origins[0] !== blocks[from].origin) return false;
  for (let i = 1; i < count; i++) {
    const block = blocks[from + i];
    if (entry.origins[i] !== block.origin) return false;
    const gapStart = blocks[from + i - 1].range.end;
    if (entry.gaps[i - 1] !== doc.prose.slice(gapStart, block.range.start) || entry.textGaps[i - 1] !== doc.text.slice(gapStart, block.range.start)) return false;
  }
  return true;
}

/** The cache the rules share: the document is aligned with its previous version once for all of them. */
export const sharedGroups = new GroupCache();

const DECLARED = sharedGroups.slot('child names declared');
const NONE: string[] = [];
const namesByDoc = new WeakMap<ReviewDocument, string[]>();

/** `childNames(doc)`, with the names declared in the text gathered group by group (only changed groups are read again). */
export function childNamesByGroup(doc: ReviewDocument): string[] {
  let names = namesByDoc.get(doc);
  if (!names) {
    names = childNamesWith(doc, () => {
      const declared: string[] = [];
      sharedGroups.index(doc).each(
        sharedGroups,
        DECLARED,
        '',
        (group) => {
          const inGroup: string[] = [];
          for (let b = group.first; b < group.last; b++) for (const name of childNamesDeclaredIn(doc, doc.blocks[b])) inGroup.push(group.cacheable ? ownCopy(name) : name);
          return inGroup.length ? inGroup : NONE;
        },
        (_group, found) => {
          for (const name of found) declared.push(name);
          return found !== NONE;
        },
      );
      return declared;
    });
    namesByDoc.set(doc, names);
  }
  return names;
}

/**
 * Matches of patterns over the whole prose, handed out group by group. When a lint has many groups to work on (the
 * first lint of a document, or a key that changed), one scan of the document per pattern is much cheaper than one
 * per group. Only for patterns that cannot match across the gap between two groups: then the matches of the whole
 * prose that start in a group are exactly those of the group's prose on its own.
 */
export class DocumentMatches {
  private readonly lists = new Map<RegExp, { starts: number[]; matches: RegExpExecArray[]; cursor: number }>();

  constructor(private readonly prose: string) {}

  /** The matches starting in [start, end), with offsets into the prose. */
  in(pattern: RegExp, start: number, end: number): readonly RegExpExecArray[] {
    let list = this.lists.get(pattern);
    if (!list) {
      list = { starts: [], matches: [], cursor: 0 };
      pattern.lastIndex = 0;
      for (let m = pattern.exec(this.prose); m; m = pattern.exec(this.prose)) {
        if (m[0].length === 0) {
          pattern.lastIndex++;
          continue;
        }
        list.starts.push(m.index);
        list.matches.push(m);
      }
      pattern.lastIndex = 0;
      this.lists.set(pattern, list);
    }
    const { starts, matches } = list;
    // Groups are mostly asked for in order: start from where the last one ended.
    let lo = list.cursor;
    if (lo > 0 && starts[lo - 1] >= start) {
      lo = 0;
      let hi = starts.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (starts[mid] < start) lo = mid + 1;
        else hi = mid;
      }
    }
    while (lo < starts.length && starts[lo] < start) lo++;
    let hi = lo;
    while (hi < starts.length && starts[hi] < end) hi++;
    list.cursor = hi;
    return hi === lo ? NONE_MATCHED : matches.slice(lo, hi);
  }
}

/**
 * The matches of several patterns over the whole prose, sorted into the groups they start in: for a lint that
 * computes most groups, one scan of the document per pattern (patterns that cannot cross a gap, as above).
 */
export class GroupedMatches {
  /** By group: by pattern, the group's matches (undefined when the group has none of any). */
  private readonly byGroup: ((RegExpExecArray[] | undefined)[] | undefined)[] = [];

  constructor(prose: string, layout: GroupLayout, patterns: (RegExp | undefined)[]) {
    patterns.forEach((pattern, p) => {
      if (!pattern) return;
      let g = 0;
      pattern.lastIndex = 0;
      for (let m = pattern.exec(prose); m; m = pattern.exec(prose)) {
        if (m[0].length === 0) {
          pattern.lastIndex++;
          continue;
        }
        while (g < layout.count && layout.end[g] <= m.index) g++;
        if (g === layout.count || layout.start[g] > m.index) continue;
        const lists = (this.byGroup[g] ??= []);
        (lists[p] ??= []).push(m);
      }
      pattern.lastIndex = 0;
    });
  }

  /** A group's matches of each pattern (by the pattern's index), or undefined when it has none. */
  of(g: number): (RegExpExecArray[] | undefined)[] | undefined {
    return this.byGroup[g];
  }
}

/** Groups computed in one lint after which the rest are computed from scans of the whole document. */
const MANY_GROUPS = 48;

/**
 * Counts the groups a lint computes; once there are many, gives the matches of the document's prose, by group for
 * `patterns`, and any other pattern's on demand.
 */
export class WorkCounter {
  private count = 0;
  private matches?: DocumentMatches;
  private grouped?: GroupedMatches;

  constructor(
    private readonly doc: ReviewDocument,
    private readonly layout?: GroupLayout,
    private readonly patterns: (RegExp | undefined)[] = [],
  ) {}

  /** Note one more group computed; true once many have been. */
  many(): boolean {
    return ++this.count > MANY_GROUPS;
  }

  /** Note one more group computed: the document's matches once many groups have been. */
  next(): DocumentMatches | undefined {
    if (this.many()) this.matches ??= new DocumentMatches(this.doc.prose);
    return this.matches;
  }

  /** Note one more group computed: the document's matches of `patterns`, by group, once many groups have been. */
  nextGrouped(): GroupedMatches | undefined {
    if (this.many()) this.grouped ??= new GroupedMatches(this.doc.prose, this.layout!, this.patterns);
    return this.grouped;
  }
}
