/** Lint one file or text with the configuration that applies to it: shared by the CLI and its workers. */
import path from 'node:path';
import { lint } from '../core/lint.js';
import { resolveConfig, type ResolveExtras } from '../core/config.js';
import type { LintResult, ResolvedConfig } from '../core/types.js';
import { ConfigError, loadConfigFor } from './config-files.js';
import { fileSystemHost } from './host.js';
import { decodeReview, readReviewFile, type ReadResult } from './read-text.js';

export interface FileOutcome {
  /** The path as the user gave it (or the --stdin-filename). */
  file: string;
  text?: string;
  result?: LintResult;
  /** A problem reading the file or its config: the file was not linted. */
  error?: string;
  configError?: boolean;
  /** The file began with a UTF-8 byte-order mark (not part of `text`); --fix keeps it. */
  bom?: boolean;
}

export interface LintFileOptions {
  configPath?: string;
  extras?: ResolveExtras;
}

const configCache = new Map<string, ResolvedConfig | ConfigError>();

function configFor(file: string, options: LintFileOptions): ResolvedConfig | ConfigError {
  const key = options.configPath ? `explicit:${options.configPath}` : `dir:${path.dirname(path.resolve(file))}`;
  let cached = configCache.get(key);
  if (!cached) {
    try {
      cached = resolveConfig(loadConfigFor(file, options.configPath).layer, options.extras);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      cached = e;
    }
    configCache.set(key, cached);
  }
  return cached;
}

export function lintTextAt(text: string, file: string, options: LintFileOptions = {}): FileOutcome {
  const config = configFor(file, options);
  if (config instanceof ConfigError) return { file, error: config.message, configError: true };
  return { file, text, result: lint(text, { config, host: fileSystemHost(file) }) };
}

export function lintFile(file: string, options: LintFileOptions = {}): FileOutcome {
  return lintRead(readReviewFile(file), file, options);
}

/** Lint bytes that did not come from a file (standard input) with the same checks as a file: size, binary, UTF-8. */
export function lintBytesAt(bytes: Uint8Array, file: string, options: LintFileOptions = {}): FileOutcome {
  return lintRead(decodeReview(bytes), file, options);
}

function lintRead(read: ReadResult, file: string, options: LintFileOptions): FileOutcome {
  if ('error' in read) return { file, error: `${file}: ${read.error}` };
  const outcome = lintTextAt(read.text, file, options);
  return read.bom ? { ...outcome, bom: true } : outcome;
}
