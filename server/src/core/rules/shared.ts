/** Helpers several rules share: case fitting, use-versus-mention, regular-expression search over prose. */
import type { Block, ReviewDocument } from '../document.js';
import type { Range, ReportInput } from '../types.js';

/** Give `replacement` the capitalisation of `original` (sentence-initial capital, or all capitals). */
export function fitCase(replacement: string, original: string): string {
  if (!replacement) return replacement;
  const letters = original.replace(/[^\p{L}]/gu, '');
  if (letters.length > 1 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) {
    // "DNA" is an acronym, not shouting: only full words in capitals are copied.
    if (/\s/.test(original.trim())) return replacement.toUpperCase();
  }
  // A capital at the start means a sentence start or a title, unless the word is an acronym ("DNA'd").
  const [first, second] = original.trimStart();
  const isCapital = (ch: string | undefined) => !!ch && ch !== ch.toLowerCase();
  if (isCapital(first) && !isCapital(second)) return replacement[0].toUpperCase() + replacement.slice(1);
  return replacement;
}

/** Words that introduce someone else's words: "described as", "referred to as", "labelled", "called". */
const ATTRIBUTION_BEFORE =
  /(?:\b(?:described|referred\s+to|labell?ed|characteri[sz]ed|recorded|documented|noted|written\s+up|seen|viewed|portrayed|framed|categori[sz]ed|classed|classified|termed|branded|dismissed)\s+(?:\w+\s+){0,3}?as|\b(?:called|labell?ed|termed|branded)(?:\s+(?:him|her|them|it|the\s+\w+))?|\bthe\s+(?:terms?|phrases?|words?|labels?|language\s+of|expressions?)|\b(?:terms?|phrases?|words?|labels?|language)\s+(?:such\s+as|like)|\bsuch\s+as)[\s:,]*$/i;

/**
 * Reported speech from a record or a person other than the author: "the school nurse recorded in December 2022
 * that Child P was …", "Mother told the health visitor that …". Not the review's own voice: "this review found
 * that …", "we noted that …" are the author speaking. The clause after "that" is at most eight words long.
 */
const REPORTED_THAT =
  /(?<!\b(?:review|reviews|reviewer|reviewers|reviewing|we|I|panel|author|authors|report|analysis|evidence|learning)(?:\s+(?:has|have|had|also|then|therefore))?\s+)\b(?:(?:recorded|noted|documented|wrote|written|described|stated|reported|said|says|commented|observed|explained|claimed)(?:\s+(?:in|on|at|during|by|after|before|from|to|when)\s+(?:[^\s.!?;]+\s+){0,3}?|\s+)|(?:told|informed|advised)\s+(?:[^\s.!?;]+\s+){1,3}?)that\s+(?:[^\s.!?;]+\s+){0,8}$/i;

/**
 * The same after the words, as a closing clause: "…, Carla told the review.", "…, according to the police log."
 * Tested on what follows the sentence's last comma, so it is short; the review's own voice is excluded.
 */
const REPORTED_AFTER = /^\s*(?:according\s+to\s|(?:[\w'’-]+\s+){1,4}?(?:said|says|told|explained|recalled|wrote|stated|reported|recorded|noted|claimed)(?![\w'’-]))/i;
const OWN_VOICE_AFTER = /^\s*(?:(?:this|the)\s+)?(?:review|reviewers?|we|I|panel|author)\b|^\s*(?:and|but|or|so|yet|although|though|while|whereas|which|who|when|because|since|until|after|before|if)\b|\b(?:not|never|nobody|no\s+one|none)\b/i;
const SENTENCE_END = /[.!?](?=["'”’)\]]*(?:\s|$))/;

function attributedAfter(doc: ReviewDocument, range: Range, blockEnd: number): boolean {
  const rest = doc.prose.slice(range.end, Math.min(blockEnd, range.end + 200));
  const end = rest.search(SENTENCE_END);
  const sentenceTail = end === -1 ? rest : rest.slice(0, end);
  const comma = sentenceTail.lastIndexOf(',');
  if (comma === -1) return false;
  const clause = sentenceTail.slice(comma + 1);
  return clause.length <= 60 && REPORTED_AFTER.test(clause) && !OWN_VOICE_AFTER.test(clause);
}

export type MentionKind = 'quoted' | 'blockquote' | 'attributed';

/**
 * Whether the words at `range` are mentioned (quoted, blockquoted, or introduced as someone else's label)
 * rather than used in the author's own voice.
 */
export function mentionKind(doc: ReviewDocument, range: Range): MentionKind | undefined {
  const quote = doc.quoteAround(range);
  if (quote) return quote.kind === 'blockquote' ? 'blockquote' : 'quoted';
  const block = doc.blockAt(range.start);
  const from = Math.max(block ? block.range.start : 0, range.start - 80);
  const before = doc.prose.slice(from, range.start).replace(/\s+/g, ' ');
  if (ATTRIBUTION_BEFORE.test(before) || REPORTED_THAT.test(before)) return 'attributed';
  return attributedAfter(doc, range, block ? block.range.end : doc.prose.length) ? 'attributed' : undefined;
}

/** Every match of `pattern` (which must have the g flag) in the prose, with offsets into the text. */
export function matchProse(doc: ReviewDocument, pattern: RegExp, within?: Range): RegExpExecArray[] {
  return within ? matchesIn(doc.prose.slice(within.start, within.end), pattern, within.start) : matchesIn(doc.prose, pattern, 0);
}

/** Every match of a global pattern in `text`, with offsets moved by `base`. */
export function matchesIn(text: string, pattern: RegExp, base: number): RegExpExecArray[] {
  let out: RegExpExecArray[] | undefined;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (m[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    m.index += base;
    (out ??= []).push(m);
  }
  pattern.lastIndex = 0;
  return out ?? NONE_MATCHED;
}

/** No matches (never added to). */
export const NONE_MATCHED: RegExpExecArray[] = [];

export function lineAt(doc: ReviewDocument, offset: number): Range {
  const { line } = doc.positionAt(offset);
  const start = doc.lineStarts[line];
  const end = line + 1 < doc.lineStarts.length ? doc.lineStarts[line + 1] - 1 : doc.text.length;
  return { start, end };
}

/** Move a finding (and its fixes) by `delta` characters. */
function shiftInput(input: ReportInput, delta: number): ReportInput {
  const move = <R extends Range>(r: R): R => ({ ...r, start: r.start + delta, end: r.end + delta });
  return {
    ...input,
    range: move(input.range),
    suggestions: input.suggestions?.map((s) => ({ ...s, edits: s.edits.map(move), selectAfter: s.selectAfter && move(s.selectAfter) })),
  };
}

/**
 * Findings of a rule whose results for a block depend only on that block's text (and the rule's options):
 * computed once per block and reused while the document is edited. Blocks of unchanged chunks keep their
 * `origin` object across parses, so the cache is keyed by it (no text hashing) and is collected with it. The
 * findings placed at a block's offset are kept too, and returned again while the block has not moved (an edit
 * moves only what follows it): callers must not change them.
 */
export class BlockMemo {
  private readonly byOrigin = new WeakMap<object, MemoEntry[]>();
  /** One string object per options key, so that entries are matched by identity, not by comparing long keys. */
  private readonly keys = new Map<string, string>();
  /** Per lineage of parses (a document being edited), the last output and where each block's findings start in it. */
  private readonly lastOutput = new WeakMap<object, LastOutput>();

  findings(doc: ReviewDocument, optionsKey: string, compute: (block: Block) => ReportInput[]): ReportInput[] {
    const key = this.intern(optionsKey);
    const revision = doc.revision;
    const last = revision && this.lastOutput.get(revision.lineage);
    const blocks = doc.blocks;
    const out: ReportInput[] = [];
    const starts = new Int32Array(blocks.length + 1);
    let from = 0;
    let to = blocks.length;
    if (revision && last && last.number === revision.previous && last.key === key) {
      // Lined up with the last output: the blocks before the edit have its findings, the blocks after it have its
      // findings moved; only the blocks between are looked at.
      from = revision.kept;
      to = revision.resumed;
      for (let i = 0; i < last.starts[from]; i++) out.push(last.out[i]);
      starts.set(last.starts.subarray(0, from));
    }
    for (let b = from; b < to; b++) {
      starts[b] = out.length;
      const placed = this.blockFindings(blocks[b], key, compute);
      for (let i = 0; i < placed.length; i++) out.push(placed[i]);
    }
    if (to < blocks.length) {
      const { resumedFrom, delta } = revision!;
      const moved = out.length - last!.starts[resumedFrom];
      for (let b = to; b <= blocks.length; b++) starts[b] = last!.starts[resumedFrom + b - to] + moved;
      for (let i = last!.starts[resumedFrom]; i < last!.out.length; i++) out.push(delta ? shiftInput(last!.out[i], delta) : last!.out[i]);
    } else starts[blocks.length] = out.length;
    if (revision) this.lastOutput.set(revision.lineage, { number: revision.number, key, out, starts });
    return out;
  }

  /** One block's findings at its offset. */
  private blockFindings(block: Block, key: string, compute: (block: Block) => ReportInput[]): ReportInput[] {
    const origin = block.origin;
    // A document linted once (no chunk cache): nothing to keep.
    if (!origin) return compute(block);
    let entries = this.byOrigin.get(origin);
    if (!entries) this.byOrigin.set(origin, (entries = []));
    const at = block.range.start;
    let entry: MemoEntry | undefined;
    for (let i = 0; i < entries.length; i++) if (entries[i].key === key) entry = entries[i];
    if (!entry) {
      const placed = compute(block);
      entry = { key, relative: placed.length ? placed.map((f) => shiftInput(f, -at)) : NO_FINDINGS, at, placed };
      if (entries.length >= MEMO_KEYS_PER_BLOCK) entries.shift();
      entries.push(entry);
    } else if (entry.at !== at) {
      entry.at = at;
      if (entry.relative.length) entry.placed = entry.relative.map((f) => shiftInput(f, at));
    }
    return entry.placed;
  }

  private intern(key: string): string {
    let interned = this.keys.get(key);
    if (interned === undefined) {
      if (this.keys.size >= MAX_INTERNED_KEYS) this.keys.clear();
      this.keys.set(key, (interned = key));
    }
    return interned;
  }
}

interface LastOutput {
  number: number;
  key: string;
  out: ReportInput[];
  /** For each block, where its findings start in `out` (and `out.length` last). */
  starts: Int32Array;
}

interface MemoEntry {
  key: string;
  relative: ReportInput[];
  at: number;
  placed: ReportInput[];
}

const NO_FINDINGS: ReportInput[] = [];
/** Options keys remembered per block: a change of options (or of the child's names) is rare. */
const MEMO_KEYS_PER_BLOCK = 4;
const MAX_INTERNED_KEYS = 64;

/**
 * A value computed from one block's prose, kept with the block's parse (`origin`) so that an edit recomputes it
 * only for the blocks it changed.
 */
export class BlockCache<T> {
  private readonly byOrigin = new WeakMap<object, T>();

  constructor(private readonly compute: (prose: string) => T) {}

  get(doc: ReviewDocument, block: Block): T {
    const origin = block.origin;
    const cached = origin ? this.byOrigin.get(origin) : undefined;
    if (cached !== undefined) return cached;
    const value = this.compute(doc.prose.slice(block.range.start, block.range.end));
    if (origin) this.byOrigin.set(origin, value);
    return value;
  }
}

/** Text to match literally inside a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A table's delimiter row ("| --- | :-: |", "--- | ---"): only pipes, hyphens, colons and spaces, with a hyphen. */
export function isDelimiterRow(line: string): boolean {
  return line.includes('-') && [...line].every((c) => '|-: \t'.includes(c));
}

/**
 * A test whether any of the patterns matches anywhere in a text, by one or two regular expressions (one per
 * case-sensitivity) instead of one call per pattern: an alternation of whole patterns matches exactly where one
 * of them does. For prefilters that run on every block of the document.
 */
export function anyPatternMatches(patterns: readonly RegExp[]): (text: string) => boolean {
  const byFlags = new Map<string, string[]>();
  for (const p of patterns) {
    // Numbered backreferences would point at another pattern's group once the patterns are joined.
    if (/\\[1-9]/.test(p.source)) throw new Error(`anyPatternMatches: backreference in /${p.source}/`);
    const flags = (p.ignoreCase ? 'i' : '') + (p.unicode ? 'u' : '') + (p.dotAll ? 's' : '') + (p.multiline ? 'm' : '');
    let sources = byFlags.get(flags);
    if (!sources) byFlags.set(flags, (sources = []));
    sources.push(`(?:${p.source})`);
  }
  const joined = [...byFlags].map(([flags, sources]) => new RegExp(sources.join('|'), flags));
  return (text) => joined.some((re) => re.test(text));
}
