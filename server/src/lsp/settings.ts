/** The editor settings (`reviewLint.*`), normalised from whatever the client sends. */
import { parseSeverity } from '../core/config.js';
import type { SeveritySetting } from '../core/types.js';

export interface Settings {
  enable: boolean;
  /** Lint as you type, or only when the file is opened and saved. */
  run: 'onType' | 'onSave';
  debounceMs: number;
  /** Severity overrides: rule id → severity; they win over config files. */
  rules: Record<string, SeveritySetting>;
  /** Which files to lint (globs relative to the workspace folder). */
  include: string[];
  /** Empty: take the profile from the config file. */
  profile?: 'draft' | 'publication';
  trace: 'off' | 'messages' | 'verbose';
}

export const DEFAULT_INCLUDE = ['**/*.md', '**/*.markdown'];

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  run: 'onType',
  debounceMs: 200,
  rules: {},
  include: DEFAULT_INCLUDE,
  trace: 'off',
};

/** Merge settings from the client over `base`; unknown or malformed values are ignored. */
export function normaliseSettings(raw: unknown, base: Settings = DEFAULT_SETTINGS): Settings {
  if (!raw || typeof raw !== 'object') return base;
  const r = raw as Record<string, unknown>;
  const out: Settings = { ...base };
  if (typeof r.enable === 'boolean') out.enable = r.enable;
  if (r.run === 'onType' || r.run === 'onSave') out.run = r.run;
  if (typeof r.debounceMs === 'number' && Number.isFinite(r.debounceMs)) out.debounceMs = Math.max(0, Math.min(r.debounceMs, 10_000));
  if (r.rules && typeof r.rules === 'object' && !Array.isArray(r.rules)) {
    const rules: Record<string, SeveritySetting> = {};
    for (const [id, value] of Object.entries(r.rules as Record<string, unknown>)) {
      const severity = parseSeverity(value);
      if (severity) rules[id] = severity;
    }
    out.rules = rules;
  }
  if (Array.isArray(r.include)) {
    const include = r.include.filter((g): g is string => typeof g === 'string' && g.trim() !== '');
    out.include = include.length ? include : DEFAULT_INCLUDE;
  }
  if (r.profile === 'draft' || r.profile === 'publication') out.profile = r.profile;
  else if (r.profile === '' || r.profile === null || r.profile === 'config') out.profile = undefined;
  const trace = (r.trace as { server?: unknown } | undefined)?.server;
  if (trace === 'off' || trace === 'messages' || trace === 'verbose') out.trace = trace;
  return out;
}
