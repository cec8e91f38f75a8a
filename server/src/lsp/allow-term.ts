/**
 * "Allow this term in this workspace": the config text with a term added to `rules.blame-language[1].allow`.
 * YAML is edited through the `yaml` Document API so the author's comments and layout survive.
 */
import { isMap, isScalar, isSeq, parseDocument, type Document, type YAMLMap, type YAMLSeq } from 'yaml';

export const ALLOW_RULE = 'blame-language';

/** Thrown when the config file cannot be parsed, so it cannot be edited safely. */
export class ConfigEditError extends Error {}

function alreadyAllowed(list: unknown, term: string): boolean {
  if (!Array.isArray(list)) return false;
  const wanted = term.toLowerCase();
  return list.some((a) => (typeof a === 'string' ? a : (a as { term?: unknown })?.term)?.toString().toLowerCase() === wanted);
}

/**
 * The new text of the config file, or undefined when the term is already allowed. `existing` is undefined for
 * a file that does not exist yet; `defaultSeverity` is written when the rule has no severity of its own.
 */
export function withAllowedTerm(existing: string | undefined, fileName: string, term: string, defaultSeverity: string): string | undefined {
  return /\.ya?ml$/i.test(fileName) ? yamlWithTerm(existing ?? '', term, defaultSeverity) : jsonWithTerm(existing, term, defaultSeverity);
}

function detectIndent(text: string): string | number {
  const m = /^[ \t]+(?=")/m.exec(text);
  return m ? m[0] : 2;
}

function jsonWithTerm(existing: string | undefined, term: string, defaultSeverity: string): string | undefined {
  let config: Record<string, unknown> = {};
  if (existing && existing.trim()) {
    try {
      config = JSON.parse(existing);
    } catch (e) {
      throw new ConfigEditError(`the config file is not valid JSON (${(e as Error).message}); fix it first`);
    }
    if (!config || typeof config !== 'object' || Array.isArray(config)) throw new ConfigEditError('the config file does not hold an object');
  }
  const rules = (config.rules && typeof config.rules === 'object' && !Array.isArray(config.rules) ? config.rules : (config.rules = {})) as Record<string, unknown>;
  const current = rules[ALLOW_RULE];
  if (Array.isArray(current)) {
    const options = current[1] && typeof current[1] === 'object' && !Array.isArray(current[1]) ? (current[1] as Record<string, unknown>) : undefined;
    if (!options) rules[ALLOW_RULE] = [current[0] ?? defaultSeverity, { allow: [term] }];
    else if (alreadyAllowed(options.allow, term)) return undefined;
    else options.allow = [...(Array.isArray(options.allow) ? options.allow : []), term];
  } else {
    rules[ALLOW_RULE] = [typeof current === 'string' ? current : defaultSeverity, { allow: [term] }];
  }
  return `${JSON.stringify(config, null, existing ? detectIndent(existing) : 2)}\n`;
}

function yamlWithTerm(existing: string, term: string, defaultSeverity: string): string | undefined {
  const doc: Document = parseDocument(existing);
  if (doc.errors.length) throw new ConfigEditError(`the config file is not valid YAML (${doc.errors[0].message.split('\n')[0]}); fix it first`);
  if (doc.contents !== null && !isMap(doc.contents)) throw new ConfigEditError('the config file does not hold a mapping');
  const key = ['rules', ALLOW_RULE];
  const node = doc.getIn(key, true);
  if (node === undefined || node === null) {
    doc.setIn(key, doc.createNode([defaultSeverity, { allow: [term] }]));
  } else if (isScalar(node)) {
    const seq = doc.createNode([String(node.value ?? defaultSeverity), { allow: [term] }]) as YAMLSeq;
    // A comment after the severity stays with it.
    const severityNode = seq.items[0];
    if (isScalar(severityNode)) Object.assign(severityNode, { comment: node.comment, commentBefore: node.commentBefore });
    doc.setIn(key, seq);
  } else if (isSeq(node)) {
    const seq = node as YAMLSeq;
    const options = seq.items[1];
    if (!isMap(options)) {
      if (seq.items.length === 0) seq.add(doc.createNode(defaultSeverity));
      if (seq.items.length > 1) seq.items.splice(1);
      seq.add(doc.createNode({ allow: [term] }));
    } else {
      const map = options as YAMLMap;
      const allow = map.get('allow', true);
      if (isSeq(allow)) {
        if (alreadyAllowed(allow.toJSON(), term)) return undefined;
        allow.add(doc.createNode(term));
      } else {
        map.set('allow', doc.createNode([term]));
      }
    }
  } else {
    throw new ConfigEditError(`rules.${ALLOW_RULE} is neither a severity nor [severity, options]`);
  }
  return String(doc);
}
