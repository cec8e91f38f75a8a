/**
 * `--baseline FILE`: accept the findings already in existing drafts and report only new ones.
 *
 * The file is JSON: `{ "version": 1, "files": { "<path relative to the baseline>": [{ "ruleId", "fingerprint" }] } }`,
 * sorted, so that it is stable across runs and reads well in a diff. It holds no text of the reviews: only
 * rule ids and fingerprints (server/src/core/fingerprint.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fingerprintFindings } from '../core/fingerprint.js';
import type { FileOutcome } from '../node/lint-file.js';
import { writeFileAtomic } from '../node/atomic-write.js';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  ruleId: string;
  fingerprint: string;
}

export interface Baseline {
  version: typeof BASELINE_VERSION;
  /** Keyed by the reviewed file's path relative to the baseline file's folder, with `/` separators. */
  files: Record<string, BaselineEntry[]>;
}

/** The baseline file is unreadable or not a baseline: the run stops with exit code 2. */
export class BaselineError extends Error {}

/** The key a reviewed file has in a baseline stored at `baselineFile`. */
export function baselineKey(file: string, baselineFile: string): string {
  const relative = path.relative(path.dirname(path.resolve(baselineFile)), path.resolve(file));
  return relative.split(path.sep).join('/');
}

/** A baseline accepting every finding of `outcomes`. */
export function createBaseline(outcomes: readonly FileOutcome[], baselineFile: string): Baseline {
  const files: Record<string, BaselineEntry[]> = {};
  const keyed = outcomes
    .filter((o) => o.result && o.text !== undefined)
    .map((o) => ({ key: baselineKey(o.file, baselineFile), outcome: o }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const { key, outcome } of keyed) {
    const findings = outcome.result!.findings;
    const prints = fingerprintFindings(outcome.text!, findings);
    const entries = findings.map((f, i) => ({ ruleId: f.ruleId, fingerprint: prints[i] }));
    entries.sort((a, b) => (a.ruleId === b.ruleId ? (a.fingerprint < b.fingerprint ? -1 : 1) : a.ruleId < b.ruleId ? -1 : 1));
    if (entries.length) files[key] = [...(files[key] ?? []), ...entries];
  }
  return { version: BASELINE_VERSION, files };
}

export function serialiseBaseline(baseline: Baseline): string {
  return JSON.stringify(baseline, null, 2) + '\n';
}

/** Check that `raw` (parsed JSON) is a baseline; the error names what is wrong. */
export function parseBaseline(raw: unknown, file: string): Baseline {
  const fail = (what: string): never => {
    throw new BaselineError(`${file} is not a review-lint baseline: ${what}. Delete it to write a new one.`);
  };
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) fail('expected a JSON object');
  const obj = raw as Record<string, unknown>;
  if (obj.version !== BASELINE_VERSION) fail(`"version" must be ${BASELINE_VERSION}, found ${JSON.stringify(obj.version)}`);
  const files = obj.files;
  if (!files || typeof files !== 'object' || Array.isArray(files)) fail('"files" must be an object of file paths');
  for (const [key, entries] of Object.entries(files as Record<string, unknown>)) {
    if (!Array.isArray(entries)) fail(`"files.${key}" must be a list`);
    for (const e of entries as unknown[]) {
      const entry = e as Partial<BaselineEntry> | null;
      if (!entry || typeof entry !== 'object' || typeof entry.ruleId !== 'string' || typeof entry.fingerprint !== 'string') {
        fail(`each entry of "files.${key}" must be { "ruleId": string, "fingerprint": string }`);
      }
    }
  }
  return raw as Baseline;
}

/** Read a baseline, or undefined when the file does not exist yet. */
export function readBaseline(file: string): Baseline | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new BaselineError(`cannot read the baseline ${file}: ${(e as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new BaselineError(`${file} is not a review-lint baseline: it is not valid JSON (${(e as Error).message.replace(/\s+/g, ' ')}). Delete it to write a new one.`);
  }
  return parseBaseline(raw, file);
}

export function writeBaseline(file: string, baseline: Baseline): void {
  try {
    writeFileAtomic(file, serialiseBaseline(baseline));
  } catch (e) {
    throw new BaselineError(`cannot write the baseline ${file}: ${(e as Error).message}`);
  }
}

/**
 * Remove from each outcome the findings the baseline accepts (in place). A finding is accepted when its
 * fingerprint is listed for its file under the same rule. Returns how many were accepted.
 */
export function applyBaseline(outcomes: FileOutcome[], baseline: Baseline, baselineFile: string): number {
  let accepted = 0;
  for (const o of outcomes) {
    if (!o.result || o.text === undefined) continue;
    const known = new Set((baseline.files[baselineKey(o.file, baselineFile)] ?? []).map((e) => `${e.ruleId}\u0000${e.fingerprint}`));
    if (!known.size) continue;
    const prints = fingerprintFindings(o.text, o.result.findings);
    const kept = o.result.findings.filter((f, i) => !known.has(`${f.ruleId}\u0000${prints[i]}`));
    accepted += o.result.findings.length - kept.length;
    o.result = { ...o.result, findings: kept };
  }
  return accepted;
}
