/**
 * Configuration as data: validating a parsed config object, merging `extends` layers and resolving the
 * severity and options of each rule. Reading files is the host's job (server/src/node/config-files.ts).
 */
import Ajv, { type ValidateFunction } from 'ajv';
import type { ResolvedConfig, Rule, RuleSetting, Severity, SeveritySetting } from './types.js';

/** One config file's content after validation (before `extends` is followed). */
export interface ConfigLayer {
  extends?: string[];
  profile?: 'draft' | 'publication';
  reviewType?: string;
  namesFile?: string;
  rules?: Record<string, { severity?: SeveritySetting; options?: Record<string, unknown> }>;
}

export interface ConfigProblem {
  /** The file, or "--rule" for the command line. */
  file: string;
  /** The key path, e.g. `rules.blame-language[1].allow`. */
  key: string;
  message: string;
}

export function formatConfigProblem(p: ConfigProblem): string {
  return `${p.file}: ${p.key ? `${p.key}: ` : ''}${p.message}`;
}

const SEVERITY_NAMES: Record<string, SeveritySetting> = {
  off: 'off',
  hint: 'hint',
  info: 'information',
  information: 'information',
  warn: 'warning',
  warning: 'warning',
  error: 'error',
};

export const SEVERITY_WORDS = Object.keys(SEVERITY_NAMES);

export function parseSeverity(value: unknown): SeveritySetting | undefined {
  return typeof value === 'string' ? SEVERITY_NAMES[value.toLowerCase()] : undefined;
}

const TOP_LEVEL_KEYS = new Set(['$schema', 'extends', 'profile', 'reviewType', 'namesFile', 'rules']);

const ajv = new Ajv({ allErrors: true, strict: false });
const validators = new Map<string, ValidateFunction>();

function optionsValidator(rule: Rule): ValidateFunction {
  let v = validators.get(rule.meta.id);
  if (!v) {
    v = ajv.compile(rule.meta.optionsSchema);
    validators.set(rule.meta.id, v);
  }
  return v;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  return typeof value === 'object' ? 'an object' : String(value);
}

/** Validate a parsed config file. Problems name the file, the key and what was expected. */
export function validateConfig(raw: unknown, file: string, rules: readonly Rule[]): { layer: ConfigLayer; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const layer: ConfigLayer = {};
  const problem = (key: string, message: string) => problems.push({ file, key, message });
  if (raw === null || raw === undefined) return { layer, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problem('', `expected an object with a "rules" key, got ${describe(raw)}`);
    return { layer, problems };
  }
  const obj = raw as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!TOP_LEVEL_KEYS.has(key)) problem(key, `unknown key; expected one of ${[...TOP_LEVEL_KEYS].filter((k) => k !== '$schema').join(', ')}`);
  }
  if (obj.extends !== undefined) {
    const list = typeof obj.extends === 'string' ? [obj.extends] : obj.extends;
    if (Array.isArray(list) && list.every((x) => typeof x === 'string')) layer.extends = list as string[];
    else problem('extends', `expected a path or a list of paths, got ${describe(obj.extends)}`);
  }
  if (obj.profile !== undefined) {
    if (obj.profile === 'draft' || obj.profile === 'publication') layer.profile = obj.profile;
    else problem('profile', `expected "draft" or "publication", got ${describe(obj.profile)}`);
  }
  for (const key of ['reviewType', 'namesFile'] as const) {
    if (obj[key] === undefined) continue;
    if (typeof obj[key] === 'string') layer[key] = obj[key] as string;
    else problem(key, `expected a string, got ${describe(obj[key])}`);
  }
  if (obj.rules !== undefined) {
    if (typeof obj.rules !== 'object' || obj.rules === null || Array.isArray(obj.rules)) {
      problem('rules', `expected an object mapping rule ids to settings, got ${describe(obj.rules)}`);
    } else {
      layer.rules = {};
      for (const [id, value] of Object.entries(obj.rules as Record<string, unknown>)) {
        const parsed = validateRuleSetting(id, value, rules);
        for (const message of parsed.problems) problem(`rules.${id}${message.suffix}`, message.text);
        if (parsed.setting) layer.rules[id] = parsed.setting;
      }
    }
  }
  return { layer, problems };
}

function validateRuleSetting(
  id: string,
  value: unknown,
  rules: readonly Rule[],
): { setting?: { severity?: SeveritySetting; options?: Record<string, unknown> }; problems: { suffix: string; text: string }[] } {
  const rule = rules.find((r) => r.meta.id === id);
  const severityHelp = `expected one of ${SEVERITY_WORDS.join(', ')}`;
  if (!rule) {
    const near = rules.map((r) => r.meta.id).filter((r) => r.includes(id) || id.includes(r));
    return { problems: [{ suffix: '', text: `unknown rule${near.length ? ` (did you mean ${near.join(' or ')}?)` : ''}; known rules: ${rules.map((r) => r.meta.id).join(', ')}` }] };
  }
  const [sev, options] = Array.isArray(value) ? value : [value, undefined];
  if (Array.isArray(value) && (value.length < 1 || value.length > 2)) {
    return { problems: [{ suffix: '', text: `expected a severity or [severity, options], got an array of ${value.length}` }] };
  }
  const severity = parseSeverity(sev);
  const problems: { suffix: string; text: string }[] = [];
  if (!severity) problems.push({ suffix: Array.isArray(value) ? '[0]' : '', text: `${severityHelp}, got ${describe(sev)}` });
  if (options !== undefined) {
    if (typeof options !== 'object' || options === null || Array.isArray(options)) {
      problems.push({ suffix: '[1]', text: `expected an options object, got ${describe(options)}` });
    } else {
      const validate = optionsValidator(rule);
      if (!validate(options)) {
        for (const err of validate.errors ?? []) {
          const path = err.instancePath.replace(/\/(\d+)/g, '[$1]').replace(/\//g, '.');
          const extra = err.keyword === 'additionalProperties' ? ` "${(err.params as { additionalProperty: string }).additionalProperty}"` : '';
          problems.push({ suffix: `[1]${path.startsWith('[') ? '' : path ? '.' : ''}${path.replace(/^\./, '')}`, text: `${err.message}${extra}` });
        }
      }
    }
  }
  if (problems.length) return { problems };
  return { setting: { severity: severity!, options: options as Record<string, unknown> | undefined }, problems };
}

/** Merge layers: later ones override earlier ones; a rule given only a severity keeps earlier options. */
export function mergeLayers(layers: readonly ConfigLayer[]): ConfigLayer {
  const merged: ConfigLayer = { rules: {} };
  for (const layer of layers) {
    if (layer.profile) merged.profile = layer.profile;
    if (layer.reviewType) merged.reviewType = layer.reviewType;
    if (layer.namesFile) merged.namesFile = layer.namesFile;
    for (const [id, setting] of Object.entries(layer.rules ?? {})) {
      const before = merged.rules![id] ?? {};
      merged.rules![id] = { severity: setting.severity ?? before.severity, options: setting.options ?? before.options };
    }
  }
  return merged;
}

export interface ResolveExtras {
  /** From `--profile` or the editor setting; wins over the file. */
  profile?: 'draft' | 'publication';
  /** Severity overrides from `--rule id:severity` or editor settings. */
  severities?: Record<string, SeveritySetting>;
  /** False in an untrusted workspace: patterns from configuration are then ignored. */
  trusted?: boolean;
}

export function resolveConfig(layer: ConfigLayer = {}, extras: ResolveExtras = {}): ResolvedConfig {
  const rules: Record<string, RuleSetting> = {};
  for (const [id, s] of Object.entries(layer.rules ?? {})) {
    rules[id] = { severity: s.severity, options: s.options ?? {} };
  }
  for (const [id, severity] of Object.entries(extras.severities ?? {})) {
    rules[id] = { severity, options: rules[id]?.options ?? {} };
  }
  return {
    rules,
    profile: extras.profile ?? layer.profile ?? 'draft',
    reviewType: layer.reviewType,
    namesFile: layer.namesFile,
    allowConfigPatterns: extras.trusted ?? true,
    explicitSeverities: Object.keys(extras.severities ?? {}),
  };
}

export const DEFAULT_CONFIG: ResolvedConfig = resolveConfig();

/** The severity and options a rule runs with, or undefined when it is off. */
export function effectiveSetting(rule: Rule, config: ResolvedConfig): { severity: Severity; options: Record<string, unknown> } | undefined {
  const configured = config.rules[rule.meta.id];
  let severity: SeveritySetting | undefined = configured?.severity;
  if (severity === undefined) {
    severity = rule.meta.defaultSeverity;
    if (rule.meta.prePublication && config.profile !== 'publication') severity = 'off';
  }
  // Before publication an identifying detail is an error, whatever a configuration file says; a severity set
  // for this run (`--rule`, editor settings) or turning the rule off still counts.
  const explicit = config.explicitSeverities?.includes(rule.meta.id) ?? false;
  if (config.profile === 'publication' && rule.meta.theme === 'anonymisation' && severity !== 'off' && !explicit) severity = 'error';
  if (severity === 'off') return undefined;
  return { severity, options: { ...rule.meta.defaultOptions, ...(configured?.options ?? {}) } };
}
