/**
 * blame-language: words that blame children, parents and victims for the harm done to them, judged in
 * context. The vocabulary is data (data/blame-lexicon.yaml); this module decides, for each match, whether
 * the words are the author's own (a warning), a quoted or attributed mention (information), or another
 * sense of the words (no finding).
 */
import lexiconData from '../data/blame-lexicon.generated.json';
import { compileEntries, compilePhrase, type LexiconContext, type LexiconEntry } from '../lexicon.js';
import { compileUserPattern } from '../safe-pattern.js';
import type { ReviewDocument } from '../document.js';
import type { Range, ReportInput, Rule, RuleContext, Suggestion } from '../types.js';
import { BlockMemo, fitCase, matchProse, mentionKind } from './shared.js';
// The names gathered group by group: an edit reads again only the groups it changed.
import { childNamesByGroup as childNames } from './block-groups.js';

interface Lexicon {
  macros: Record<string, string>;
  entries: LexiconEntry[];
}

const lexicon = lexiconData as unknown as Lexicon;
const BUILTIN = compileEntries(lexicon.entries, lexicon.macros);

export interface BlameLanguageOptions {
  /** Terms (or entry ids) the partnership accepts, each ideally with a reason. */
  allow: (string | { term: string; reason?: string })[];
  /** Entries of the lexicon's own shape, added to the built-in ones. */
  extra: Partial<LexiconEntry>[];
  /** Categories to leave out (e.g. "disability" where a partnership prefers identity-first wording). */
  disabledCategories: string[];
}

/**
 * In a context pattern, `__CHILD_PRONOUN__` stands for a pronoun that refers to the child: it matches he, she,
 * her, his… only in a block that names the child (by pseudonym or as "Child S"), and nothing elsewhere.
 */
const CHILD_PRONOUN = '__CHILD_PRONOUN__';
const PRONOUNS = '(?:she|he|her|hers|him|his|herself|himself)\\b';

const contextPatterns = new Map<string, RegExp>();
function contextPattern(source: string, pronouns = false): RegExp {
  const key = pronouns ? `p${source}` : `-${source}`;
  let re = contextPatterns.get(key);
  if (!re) {
    re = new RegExp(source.split(CHILD_PRONOUN).join(pronouns ? PRONOUNS : '(?!)'), 'iu');
    contextPatterns.set(key, re);
  }
  return re;
}

/**
 * How the child is named in this document: its pseudonyms are read as "Child X" in context tests, so that every
 * entry that looks for a child ("Child [A-Z]", child_context) finds "Kai" as it finds "Child K".
 */
interface ChildRefs {
  names: RegExp | undefined;
  /** Whether the block names the child (then a pronoun may refer to the child). */
  namesChild(blockProse: string): boolean;
}

const NAMED_CHILD = /(?<![\w'’-])(?:Child|Baby|Young Person|YP) [A-Z](?![\w'’-])/;
const childRefsCache = new Map<string, ChildRefs>();

function childRefs(names: string[]): ChildRefs {
  const key = names.join('\u0000');
  let refs = childRefsCache.get(key);
  if (!refs) {
    const plain = names.filter((n) => !/^(?:Child|Baby|Young Person|YP) /.test(n));
    const escaped = plain.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/['’]/g, "['’]"));
    // Case-sensitive: "Hope" the pseudonym is not "hope" the word.
    const re = plain.length ? new RegExp(`(?<![\\w'’-])(?:${escaped.join('|')})(?![\\w-])`, 'g') : undefined;
    refs = {
      names: re,
      namesChild: (prose) => NAMED_CHILD.test(prose) || (re ? new RegExp(re.source).test(prose) : false),
    };
    if (childRefsCache.size > 50) childRefsCache.clear();
    childRefsCache.set(key, refs);
  }
  return refs;
}

function asChild(text: string, refs: ChildRefs): string {
  return refs.names ? text.replace(refs.names, (name) => `Child ${/^[A-Z]/.test(name) ? name[0] : 'X'}`) : text;
}

const SENTENCE_END_BEFORE = /[.!?]["'”’)\]]*\s+/g;
const SENTENCE_END_AFTER = /[.!?]["'”’)\]]*(?=\s|$)/;

/** The sentence around a match, bounded by its block (cheap: no segmentation of the whole document). */
function sentenceAround(doc: ReviewDocument, range: Range): { before: string; after: string; sentence: string } {
  const block = doc.blockAt(range.start);
  const blockStart = block ? block.range.start : Math.max(0, range.start - 300);
  const blockEnd = block ? block.range.end : Math.min(doc.prose.length, range.end + 300);
  const windowStart = Math.max(blockStart, range.start - 400);
  const head = doc.prose.slice(windowStart, range.start);
  let cut = 0;
  SENTENCE_END_BEFORE.lastIndex = 0;
  for (let m = SENTENCE_END_BEFORE.exec(head); m; m = SENTENCE_END_BEFORE.exec(head)) cut = m.index + m[0].length;
  const before = head.slice(cut);
  const tail = doc.prose.slice(range.end, Math.min(blockEnd, range.end + 400));
  const endMatch = SENTENCE_END_AFTER.exec(tail);
  const after = endMatch ? tail.slice(0, endMatch.index + endMatch[0].length) : tail;
  return { before, after, sentence: before + doc.prose.slice(range.start, range.end) + after };
}

function contextHolds(context: LexiconContext, around: { before: string; after: string; sentence: string }, pronouns = false): boolean {
  const test = (source: string | undefined, text: string) => (source === undefined ? undefined : contextPattern(source, pronouns).test(text));
  if (test(context.before, around.before) === false) return false;
  if (test(context.before_not, around.before) === true) return false;
  if (test(context.after, around.after) === false) return false;
  if (test(context.after_not, around.after) === true) return false;
  if (test(context.sentence, around.sentence) === false) return false;
  if (test(context.sentence_not, around.sentence) === true) return false;
  return true;
}

function normaliseTerm(term: string): string {
  return term.replace(/[’]/g, "'").replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Built-in plus configured entries and their combined pattern, cached by the configuration's text. */
const compiledExtras = new Map<string, { entries: LexiconEntry[]; regex: RegExp; problems: string[] }>();

function entriesFor(options: BlameLanguageOptions, ctx: RuleContext<BlameLanguageOptions>): { entries: LexiconEntry[]; regex: RegExp } {
  const extra = options.extra ?? [];
  const disabled = new Set(options.disabledCategories ?? []);
  let entries = lexicon.entries;
  let regex = BUILTIN;
  if (extra.length) {
    if (!ctx.config.allowConfigPatterns) {
      ctx.notice({ message: 'the "extra" entries in this workspace\'s configuration are not used because the workspace is not trusted' });
    } else {
      const key = JSON.stringify(extra);
      let compiled = compiledExtras.get(key);
      if (!compiled) {
        const problems: string[] = [];
        const added: LexiconEntry[] = [];
        extra.forEach((e, i) => {
          const name = e.id ?? `extra entry ${i + 1}`;
          if (!Array.isArray(e.match) || e.match.length === 0 || !e.why) {
            problems.push(`${name}: needs "match" (a list of phrases) and "why"`);
            return;
          }
          for (const phrase of e.match) {
            let source: string;
            try {
              source = compilePhrase(phrase, lexicon.macros);
            } catch (err) {
              problems.push(`${name}: ${(err as Error).message}`);
              return;
            }
            const safe = compileUserPattern(source, 'iu');
            if ('error' in safe) {
              problems.push(`${name}: "${phrase}": ${safe.error}`);
              return;
            }
          }
          added.push({
            id: e.id ?? `extra-${i + 1}`,
            category: e.category ?? 'extra',
            labels: e.labels ?? '',
            match: e.match,
            why: e.why,
            instead: e.instead ?? 'describe what happened instead',
            alternatives: e.alternatives ?? [],
            source: e.source ?? 'partnership configuration',
            sourceText: e.sourceText ?? e.source ?? 'Partnership configuration',
            level: e.level === 'information' ? 'information' : 'warning',
            context: {},
          });
        });
        const all = [...lexicon.entries, ...added];
        compiled = { entries: all, regex: added.length ? compileEntries(all, lexicon.macros) : BUILTIN, problems };
        compiledExtras.set(key, compiled);
      }
      for (const problem of compiled.problems) ctx.notice({ message: `extra entry not used: ${problem}` });
      entries = compiled.entries;
      regex = compiled.regex;
    }
  }
  if (disabled.size) {
    // Keep group numbering: a disabled entry still matches but is skipped.
    return { entries: entries.map((e) => (disabled.has(e.category) ? { ...e, id: `\u0000${e.id}` } : e)), regex };
  }
  return { entries, regex };
}

function suggestionsFor(entry: LexiconEntry, range: Range, matched: string): Suggestion[] {
  return entry.alternatives.map((alternative) => {
    const text = fitCase(alternative, matched);
    return { title: `Replace with '${text}'`, edits: [{ ...range, newText: text }], isPreferred: entry.alternatives.length === 1 };
  });
}

const rule: Rule<BlameLanguageOptions> & { compiledPatterns(): RegExp[] } = {
  meta: {
    id: 'blame-language',
    description: 'Words that blame children, parents or victims for harm done to them, judged in context (quoted mentions are information only).',
    defaultSeverity: 'warning',
    theme: 'language',
    fixable: true,
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        allow: {
          type: 'array',
          description: 'Terms (or lexicon entry ids) the partnership accepts, with the reason.',
          items: {
            oneOf: [
              { type: 'string' },
              { type: 'object', required: ['term'], additionalProperties: false, properties: { term: { type: 'string' }, reason: { type: 'string' } } },
            ],
          },
        },
        extra: {
          type: 'array',
          description: 'More entries in the shape of the built-in lexicon (match, why, instead, alternatives, source).',
          items: {
            type: 'object',
            required: ['match', 'why'],
            properties: {
              id: { type: 'string' },
              category: { type: 'string' },
              labels: { type: 'string' },
              match: { type: 'array', items: { type: 'string' }, minItems: 1 },
              why: { type: 'string' },
              instead: { type: 'string' },
              alternatives: { type: 'array', items: { type: 'string' }, maxItems: 3 },
              source: { type: 'string' },
              level: { enum: ['warning', 'information'] },
            },
          },
        },
        disabledCategories: {
          type: 'array',
          description: 'Lexicon categories to leave out.',
          items: { enum: ['child', 'exploitation', 'parent', 'domestic-abuse', 'minimising', 'disability', 'mental-health', 'ethnicity', 'extra'] },
        },
      },
    },
    defaultOptions: { allow: [], extra: [], disabledCategories: [] },
  },

  compiledPatterns() {
    // Each entry on its own (a top-level alternation of safe patterns is safe) and every context pattern.
    return lexicon.entries.flatMap((e) => [
      new RegExp(e.match.map((m) => compilePhrase(m, lexicon.macros)).join('|'), 'iu'),
      ...Object.values(e.context).flatMap((source) => [contextPattern(source as string), contextPattern(source as string, true)]),
    ]);
  },

  check(ctx) {
    const { doc, options } = ctx;
    const { entries, regex } = entriesFor(options, ctx);
    const names = childNames(doc);
    const refs = childRefs(names);
    const optionsKey = `${ctx.config.allowConfigPatterns}${JSON.stringify(options)}${JSON.stringify(names)}`;
    for (const finding of memo.findings(doc, optionsKey, (block) => checkBlock(doc, block.range, options, entries, regex, refs))) ctx.report(finding);
  },
};

const memo = new BlockMemo();

function checkBlock(doc: ReviewDocument, within: Range, options: BlameLanguageOptions, entries: LexiconEntry[], regex: RegExp, refs: ChildRefs): ReportInput[] {
  const found: ReportInput[] = [];
  let namesChild: boolean | undefined;
  const report = (f: ReportInput) => found.push(f);
  const allowed = new Set((options.allow ?? []).map((a) => normaliseTerm(typeof a === 'string' ? a : a.term)));
  {
    for (const m of matchProse(doc, regex, within)) {
      let index = -1;
      for (let g = 1; g < m.length; g++) {
        if (m[g] !== undefined) {
          index = g - 1;
          break;
        }
      }
      const entry = entries[index];
      if (!entry || entry.id.startsWith('\u0000')) continue;
      const range = { start: m.index, end: m.index + m[0].length };
      const matched = doc.text.slice(range.start, range.end);
      const term = normaliseTerm(matched);
      if (allowed.has(term) || allowed.has(entry.id)) continue;
      if (Object.keys(entry.context).length) {
        const around = sentenceAround(doc, range);
        namesChild ??= refs.namesChild(doc.prose.slice(within.start, within.end));
        const mapped = { before: asChild(around.before, refs), after: asChild(around.after, refs), sentence: asChild(around.sentence, refs) };
        if (!contextHolds(entry.context, mapped, namesChild)) continue;
      }

      const mention = mentionKind(doc, range);
      const shown = matched.replace(/\s+/g, ' ');
      const explanation = { why: `'${shown}' ${entry.why}.`, alternatives: entry.alternatives.length ? entry.alternatives : [entry.instead], source: entry.sourceText ?? entry.source };
      const data = { term, entryId: entry.id, category: entry.category, labels: entry.labels, mention: mention ?? null };
      if (mention) {
        report({
          range,
          severity: 'information',
          message: `Quoted mention of '${shown}', which ${entry.why}. Quoting it to question it is fine; in your own words, ${entry.instead}.`,
          explanation,
          data,
        });
        continue;
      }
      report({
        range,
        severity: entry.level === 'information' ? 'information' : undefined,
        message: `'${shown}' ${entry.why}: ${entry.instead}.`,
        explanation,
        suggestions: suggestionsFor(entry, range, matched),
        data,
      });
    }
  }
  return found;
}

export default rule;
