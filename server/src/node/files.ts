/**
 * Turning command-line arguments into the list of files to lint: files as given, directories searched
 * for Markdown (skipping node_modules and what `.reviewlintignore` names), and glob patterns.
 */
import fs from 'node:fs';
import path from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';
import ignore, { type Ignore } from 'ignore';

export const IGNORE_FILE = '.reviewlintignore';
const MARKDOWN = '**/*.{md,markdown}';

export interface Expanded {
  files: string[];
  /** Arguments that named nothing, with why. */
  problems: { arg: string; message: string }[];
}

function loadIgnore(dir: string): Ignore | undefined {
  const file = path.join(dir, IGNORE_FILE);
  if (!fs.existsSync(file)) return undefined;
  return ignore().add(fs.readFileSync(file, 'utf8'));
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** The leading path segments of a glob pattern that have no wildcard: the folder it searches. */
function staticBase(pattern: string): string {
  const segments = toPosix(pattern).split('/');
  const fixed: string[] = [];
  for (const segment of segments.slice(0, -1)) {
    if (isDynamicPattern(segment)) break;
    fixed.push(segment);
  }
  return fixed.join('/') || '.';
}

export function expandArguments(args: readonly string[], cwd = process.cwd()): Expanded {
  const files: string[] = [];
  const problems: Expanded['problems'] = [];
  const seen = new Set<string>();
  const rootIgnore = loadIgnore(cwd);
  const ignoredFromCwd = (abs: string) => {
    const rel = toPosix(path.relative(cwd, abs));
    return !!rootIgnore && !rel.startsWith('..') && rel !== '' && rootIgnore.ignores(rel);
  };
  const add = (file: string) => {
    const abs = path.resolve(cwd, file);
    if (seen.has(abs)) return;
    seen.add(abs);
    files.push(file);
  };

  for (const arg of args) {
    const abs = path.resolve(cwd, arg);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(abs);
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory()) {
      const local = loadIgnore(abs);
      const found = globSync(MARKDOWN, { cwd: abs, ignore: ['**/node_modules/**'], dot: false, onlyFiles: true })
        .sort()
        .filter((rel) => !local?.ignores(rel))
        .map((rel) => path.join(arg, rel))
        .filter((f) => !ignoredFromCwd(path.resolve(cwd, f)));
      if (found.length === 0) problems.push({ arg, message: 'no Markdown files in this directory' });
      found.forEach(add);
    } else if (stat) {
      add(arg);
    } else if (isDynamicPattern(arg)) {
      // Like a directory, the folder the pattern searches (its part before the first wildcard) has its own
      // ignore file, and node_modules below it is skipped (the ignore option only sees paths under cwd).
      const base = path.resolve(cwd, staticBase(arg));
      const local = loadIgnore(base);
      const found = globSync(toPosix(arg), { cwd, ignore: ['**/node_modules/**'], onlyFiles: true })
        .sort()
        .filter((f) => {
          const rel = toPosix(path.relative(base, path.resolve(cwd, f)));
          return !rel.split('/').includes('node_modules') && !local?.ignores(rel);
        })
        .filter((f) => !ignoredFromCwd(path.resolve(cwd, f)));
      if (found.length === 0) problems.push({ arg, message: 'no files match this pattern' });
      found.forEach(add);
    } else {
      problems.push({ arg, message: 'no such file or directory' });
    }
  }
  return { files, problems };
}
