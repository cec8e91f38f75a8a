/**
 * Finding and reading `.reviewlintrc.json|yaml|yml`: walk up from the linted file, follow `extends`,
 * validate. Every problem becomes one message naming the file, the key and what was expected.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { builtinRules } from '../core/rules/index.js';
import { BUILTIN_REVIEW_TYPES, isKnownReviewType } from '../core/rules/required-section.js';
import { mergeLayers, validateConfig, type ConfigLayer, type ConfigProblem } from '../core/config.js';
import type { Rule } from '../core/types.js';

export const CONFIG_FILE_NAMES = ['.reviewlintrc.json', '.reviewlintrc.yaml', '.reviewlintrc.yml'];

export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map((p) => `${p.file}: ${p.key ? `${p.key}: ` : ''}${p.message}`).join('\n'));
    this.name = 'ConfigError';
  }
}

export interface LoadedConfig {
  layer: ConfigLayer;
  /** The config file used, if any. */
  file?: string;
  /** Every file read (the config and what it extends), for watching. */
  files: string[];
}

/** The nearest config file at or above `dir`, or undefined. */
export function findConfigFile(dir: string, stopAt?: string): string | undefined {
  let current = path.resolve(dir);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(current, name);
      if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
    }
    const parent = path.dirname(current);
    if (parent === current || (stopAt && path.resolve(stopAt) === current)) return undefined;
    current = parent;
  }
}

/** Parse the text of a config file (JSON or YAML by its extension). Throws ConfigError. */
export function parseConfigText(text: string, file: string): unknown {
  const display = file;
  if (file.endsWith('.json')) {
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new ConfigError([{ file: display, key: '', message: `not valid JSON: ${(e as Error).message}` }]);
    }
  }
  try {
    return parseYaml(text, { prettyErrors: true });
  } catch (e) {
    const msg = e instanceof YAMLParseError ? e.message.split('\n')[0] : (e as Error).message;
    throw new ConfigError([{ file: display, key: '', message: `not valid YAML: ${msg}` }]);
  }
}

/** Read and validate one config file and everything it extends. Throws ConfigError. */
export function loadConfigFile(file: string, rules: readonly Rule[] = builtinRules): LoadedConfig {
  const loaded = loadLayers(file, rules, []);
  // Checked once all layers are merged: a base may name a type whose template the file extending it adds.
  const { reviewType, rules: settings } = loaded.layer;
  if (reviewType !== undefined) {
    const templates = settings?.['required-section']?.options?.templates;
    const added = templates && typeof templates === 'object' ? (templates as Record<string, unknown>) : {};
    if (!isKnownReviewType(reviewType, added)) {
      const known = [...BUILTIN_REVIEW_TYPES, ...Object.keys(added)].join(', ');
      const message = `no template of required sections for ${JSON.stringify(reviewType)}; expected one of ${known}, or a template added under rules.required-section.templates`;
      throw new ConfigError([{ file: loaded.reviewTypeFile ?? file, key: 'reviewType', message }]);
    }
  }
  return { layer: loaded.layer, file: loaded.file, files: loaded.files };
}

/** A config file and what it extends, merged; `reviewTypeFile`: the file whose reviewType the merge kept. */
function loadLayers(file: string, rules: readonly Rule[], seen: string[]): LoadedConfig & { reviewTypeFile?: string } {
  const resolved = path.resolve(file);
  if (seen.includes(resolved)) {
    throw new ConfigError([{ file, key: 'extends', message: `circular extends: ${[...seen, resolved].join(' → ')}` }]);
  }
  let text: string;
  try {
    text = fs.readFileSync(resolved, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConfigError([{ file, key: '', message: code === 'ENOENT' ? 'config file not found' : `cannot read config file (${code ?? (e as Error).message})` }]);
  }
  const raw = parseConfigText(text, file);
  const { layer, problems } = validateConfig(raw, file, rules);
  if (problems.length) throw new ConfigError(problems);
  const layers: ConfigLayer[] = [];
  const files = [resolved];
  let reviewTypeFile: string | undefined;
  for (const base of layer.extends ?? []) {
    const basePath = path.resolve(path.dirname(resolved), base);
    // Name the file that says `extends` and what it said, not only the path that is missing.
    if (!fs.existsSync(basePath)) throw new ConfigError([{ file, key: 'extends', message: `${JSON.stringify(base)} was not found (looked for ${basePath})` }]);
    const loaded = loadLayers(basePath, rules, [...seen, resolved]);
    layers.push(loaded.layer);
    files.push(...loaded.files);
    if (loaded.reviewTypeFile) reviewTypeFile = loaded.reviewTypeFile;
  }
  // Paths inside a config file are relative to that file.
  if (layer.namesFile) layer.namesFile = path.resolve(path.dirname(resolved), layer.namesFile);
  layers.push(layer);
  if (layer.reviewType) reviewTypeFile = file;
  return { layer: mergeLayers(layers), file: resolved, files, reviewTypeFile };
}

/** The config that applies to a document: `--config` if given, else the nearest file, else none. */
export function loadConfigFor(documentPath: string, explicit?: string, rules: readonly Rule[] = builtinRules): LoadedConfig {
  if (explicit) return loadConfigFile(explicit, rules);
  const found = findConfigFile(path.dirname(path.resolve(documentPath)));
  return found ? loadConfigFile(found, rules) : { layer: {}, files: [] };
}
