/**
 * The phrase syntax of the blame-language lexicon, compiled to regular expressions: a space matches any run
 * of white space (so phrases broken across lines match), "(a|b)" alternatives, "?" optional, an apostrophe
 * matches straight and curly ones, a hyphen matches a hyphen, white space or nothing, {macro} expands.
 */
export interface LexiconContext {
  after?: string;
  after_not?: string;
  before?: string;
  before_not?: string;
  sentence?: string;
  sentence_not?: string;
}

export interface LexiconEntry {
  id: string;
  category: string;
  labels: string;
  match: string[];
  why: string;
  instead: string;
  alternatives: string[];
  source: string;
  sourceText?: string;
  level: 'warning' | 'information';
  context: LexiconContext;
  note?: string;
}

export function compilePhrase(phrase: string, macros: Record<string, string> = {}): string {
  const expanded = phrase.replace(/(?<!\\p)\{([a-z_]+)\}/g, (_, name: string) => {
    if (!(name in macros)) throw new Error(`unknown macro {${name}} in "${phrase}"`);
    return `(${macros[name]})`;
  });
  let out = '';
  let inClass = false;
  for (let i = 0; i < expanded.length; i++) {
    const c = expanded[i];
    if (c === '\\') {
      out += c + (expanded[i + 1] ?? '');
      i++;
    } else if (inClass) {
      out += c;
      if (c === ']') inClass = false;
    } else if (c === '[') {
      out += c;
      inClass = true;
    } else if (c === ' ') {
      out += '\\s+';
    } else if (c === "'" || c === '’') {
      out += "['’]";
    } else if (c === '-') {
      out += '(?:-|\\s+)?';
    } else if (c === '(' && expanded[i + 1] !== '?') {
      out += '(?:';
    } else if (c === '.') {
      out += '\\.';
    } else {
      out += c;
    }
  }
  return out;
}

/** Letters and digits of the Latin scripts: a word boundary (Unicode mode would make the scan twice as slow). */
const WORD_CHARACTER = 'A-Za-z0-9_\\u00C0-\\u024F';

/** One alternation of every entry, each entry a capturing group, with word boundaries on both sides. */
export function compileEntries(entries: readonly LexiconEntry[], macros: Record<string, string>): RegExp {
  const groups = entries.map((e) => `(${e.match.map((m) => compilePhrase(m, macros)).join('|')})`);
  return new RegExp(`(?<![${WORD_CHARACTER}])(?:${groups.join('|')})(?![${WORD_CHARACTER}])`, 'gi');
}
