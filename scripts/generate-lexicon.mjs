// Checks server/src/core/data/blame-lexicon.yaml and writes it as blame-lexicon.generated.json (the bundle
// parses no YAML; server/src/core/lexicon.ts compiles the phrases), and writes the lexicon table of
// docs/rules/blame-language.md. Run by scripts/build.mjs; a test fails when the generated files are stale.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const LEXICON_YAML = path.join(root, 'server/src/core/data/blame-lexicon.yaml');
export const LEXICON_JSON = path.join(root, 'server/src/core/data/blame-lexicon.generated.json');
export const RULE_DOC = path.join(root, 'docs/rules/blame-language.md');
const CATEGORIES = ['child', 'exploitation', 'parent', 'domestic-abuse', 'minimising', 'disability', 'mental-health', 'ethnicity'];
const CONTEXT_KEYS = ['after', 'after_not', 'before', 'before_not', 'sentence', 'sentence_not'];

export function compileLexicon(doc) {
  const problems = [];
  const named = { professional_subject: doc.professional_subject, child_context: doc.child_context };
  const seen = new Set();
  const entries = (doc.entries ?? []).map((e, i) => {
    const where = `entry ${i + 1} (${e.id ?? 'no id'})`;
    for (const key of ['id', 'category', 'labels', 'match', 'why', 'instead', 'source']) if (e[key] === undefined) problems.push(`${where}: missing ${key}`);
    if (seen.has(e.id)) problems.push(`${where}: duplicate id`);
    seen.add(e.id);
    if (!CATEGORIES.includes(e.category)) problems.push(`${where}: unknown category ${e.category}`);
    if (!doc.sources?.[e.source]) problems.push(`${where}: unknown source ${e.source}`);
    if (!Array.isArray(e.alternatives ?? []) || (e.alternatives ?? []).length > 3) problems.push(`${where}: alternatives must be a list of at most three`);
    if (e.level && !['warning', 'information'].includes(e.level)) problems.push(`${where}: level must be warning or information`);
    const context = {};
    for (const [key, value] of Object.entries(e.context ?? {})) {
      if (!CONTEXT_KEYS.includes(key)) problems.push(`${where}: unknown context key ${key}`);
      context[key] = named[value] ?? value;
    }
    if (!Array.isArray(e.match) || e.match.some((m) => typeof m !== 'string')) problems.push(`${where}: match must be a list of phrases`);
    return {
      id: e.id,
      category: e.category,
      labels: e.labels,
      match: e.match,
      why: e.why,
      instead: e.instead,
      alternatives: e.alternatives ?? [],
      source: e.source,
      sourceText: doc.sources?.[e.source],
      level: e.level ?? 'warning',
      context,
      note: e.note,
    };
  });
  if (problems.length) throw new Error(`blame-lexicon.yaml:\n  ${problems.join('\n  ')}`);
  return { macros: doc.macros ?? {}, entries };
}

function escapeCell(s) {
  return String(s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function lexiconTable(lexicon) {
  const rows = lexicon.entries.map(
    (e) =>
      `| \`${e.id}\` | ${escapeCell(e.match.join('; '))} | ${escapeCell(e.labels)} | ${escapeCell(e.why)} | ${escapeCell(e.alternatives.length ? e.alternatives.join('; ') : e.instead)} | ${escapeCell(e.source)}${e.level === 'information' ? ' (information only)' : ''} |`,
  );
  return ['| Entry | Words (variants) | Labels | Why it harms | Write instead | Source |', '| --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
}

const TABLE_START = '<!-- lexicon:start (generated from server/src/core/data/blame-lexicon.yaml; do not edit) -->';
const TABLE_END = '<!-- lexicon:end -->';

export function renderDoc(current, lexicon, sources) {
  const sourceList = Object.entries(sources).map(([k, v]) => `- **${k}**: ${v}`).join('\n');
  const block = `${TABLE_START}\n\n${lexicon.entries.length} entries.\n\n${lexiconTable(lexicon)}\n\n### Sources\n\n${sourceList}\n\n${TABLE_END}`;
  const start = current.indexOf(TABLE_START);
  const end = current.indexOf(TABLE_END);
  if (start === -1 || end === -1) return `${current.trimEnd()}\n\n## The lexicon\n\n${block}\n`;
  return current.slice(0, start) + block + current.slice(end + TABLE_END.length);
}

export function generateLexicon({ write = true } = {}) {
  const doc = parse(fs.readFileSync(LEXICON_YAML, 'utf8'));
  const lexicon = compileLexicon(doc);
  const json = JSON.stringify(lexicon, null, 1) + '\n';
  const currentDoc = fs.existsSync(RULE_DOC) ? fs.readFileSync(RULE_DOC, 'utf8') : '# blame-language\n';
  const docText = renderDoc(currentDoc, lexicon, doc.sources);
  if (write) {
    if (!fs.existsSync(LEXICON_JSON) || fs.readFileSync(LEXICON_JSON, 'utf8') !== json) fs.writeFileSync(LEXICON_JSON, json);
    if (currentDoc !== docText) {
      fs.mkdirSync(path.dirname(RULE_DOC), { recursive: true });
      fs.writeFileSync(RULE_DOC, docText);
    }
  }
  return { json, docText };
}
