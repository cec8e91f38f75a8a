/**
 * No built-in regular expression may backtrack catastrophically. Every regex literal (and RegExp built from
 * a string literal) in the shipped source is checked with recheck; so are the compiled lexicon patterns.
 * A polynomial or exponential verdict fails the test with the file, line and an attack string; so does a
 * pattern recheck could not judge.
 *
 * Speed without weakening the check:
 * - recheck's wall-clock limits on confirming an attack (`attackTimeout`, `incubationTimeout`) are switched off,
 *   so a verdict rests only on recheck's step counts and its fixed random seed: it is the same on a loaded machine
 *   as on an idle one (with the time limits on, a linear pattern could be judged "polynomial" just because the
 *   machine was busy when the attack was timed). The step limits stay, and `timeout` still bounds each check.
 * - Each distinct pattern is checked once (lexicons compile some patterns more than once), and patterns are
 *   checked concurrently, one per core, by recheck's own checker process.
 * - Because a verdict is a pure function of the pattern, the flags, recheck's version and these parameters, a
 *   "safe" verdict is remembered under exactly that key in node_modules/.cache, so a rerun checks only patterns
 *   that changed. Nothing but "safe" is remembered; REDOS_NO_CACHE=1 checks everything afresh.
 */
import { describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { check, type Diagnostics, type Parameters } from 'recheck';
import { repoRoot } from '../helpers/cli.js';
import { builtinPatterns } from '../helpers/builtin-patterns.js';

interface Found {
  where: string;
  source: string;
  flags: string;
}

const PARAMS: Parameters = { timeout: 120_000, attackTimeout: null, incubationTimeout: null };

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

function regexLiterals(file: string): Found[] {
  const text = fs.readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const found: Found[] = [];
  const where = (node: ts.Node) => `${path.relative(repoRoot, file)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node) => {
    if (ts.isRegularExpressionLiteral(node)) {
      const literal = node.text;
      const end = literal.lastIndexOf('/');
      found.push({ where: where(node), source: literal.slice(1, end), flags: literal.slice(end + 1) });
    } else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp' && node.arguments?.length) {
      const [pattern, flags] = node.arguments;
      if (ts.isStringLiteral(pattern) || ts.isNoSubstitutionTemplateLiteral(pattern)) {
        found.push({ where: where(node), source: pattern.text, flags: flags && ts.isStringLiteral(flags) ? flags.text : '' });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

// ---- verdicts: one check per distinct pattern, a core each, "safe" remembered by exact key ----

const recheckVersion = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules/recheck/package.json'), 'utf8')) as { version: string }).version;
const cacheFile = path.join(repoRoot, 'node_modules/.cache/review-lint/redos-safe.json');
const useCache = !process.env.REDOS_NO_CACHE;

function cacheKey(source: string, flags: string): string {
  return crypto.createHash('sha256').update(JSON.stringify([recheckVersion, PARAMS, flags, source])).digest('hex');
}

function readCache(): Set<string> {
  if (!useCache) return new Set();
  try {
    return new Set(JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as string[]);
  } catch {
    return new Set();
  }
}

const knownSafe = readCache();

function rememberSafe(keys: string[]): void {
  if (!useCache || keys.length === 0) return;
  // Re-read first: the other test in this file may have added keys meanwhile.
  const all = new Set([...readCache(), ...keys]);
  fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
  const tmp = `${cacheFile}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify([...all]));
  fs.renameSync(tmp, cacheFile);
}

const slots = Math.max(1, os.availableParallelism());
let running = 0;
const waiting: (() => void)[] = [];

async function limited<T>(task: () => Promise<T>): Promise<T> {
  if (running >= slots) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await task();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

const inFlight = new Map<string, Promise<Diagnostics>>();

function diagnose(source: string, flags: string): Promise<Diagnostics> {
  const key = `${flags}/${source}`;
  let pending = inFlight.get(key);
  if (!pending) {
    pending = limited(() => check(source, flags, PARAMS));
    inFlight.set(key, pending);
  }
  return pending;
}

function describeProblem(p: Found, result: Diagnostics): string | undefined {
  if (result.status === 'vulnerable') {
    return `${p.where} /${p.source}/${p.flags}: ${result.complexity.type} (attack: ${JSON.stringify(result.attack.string.slice(0, 40))})`;
  }
  if (result.status === 'unknown') return `${p.where} /${p.source}/${p.flags}: could not be checked (${result.error.kind})`;
  return undefined;
}

/** The problems among `patterns`, each distinct pattern checked once (or found in the cache of safe verdicts). */
async function problems(patterns: Found[]): Promise<string[]> {
  const safeNow: string[] = [];
  const verdicts = await Promise.all(
    patterns.map(async (p) => {
      const flags = p.flags.replace(/[gyd]/g, '');
      const key = cacheKey(p.source, flags);
      if (knownSafe.has(key)) return undefined;
      const result = await diagnose(p.source, flags);
      if (result.status === 'safe') safeNow.push(key);
      return describeProblem(p, result);
    }),
  );
  rememberSafe(safeNow);
  return verdicts.filter((v): v is string => v !== undefined);
}

/** A fresh verdict, never cached: for the self-check. */
async function verdict(source: string): Promise<string | undefined> {
  return describeProblem({ where: 'test', source, flags: '' }, await check(source, '', PARAMS));
}

describe('ReDoS', () => {
  const literals = ['server/src', 'client/src'].flatMap((d) => (fs.existsSync(path.join(repoRoot, d)) ? sourceFiles(path.join(repoRoot, d)) : [])).flatMap(regexLiterals);

  it('finds the patterns to check', () => {
    expect(literals.length).toBeGreaterThan(20);
    expect(builtinPatterns().length).toBeGreaterThan(20);
  });

  it('no regex literal in the source can backtrack catastrophically', async () => {
    expect(await problems(literals)).toEqual([]);
  }, 600_000);

  it('no compiled lexicon pattern can backtrack catastrophically', async () => {
    expect(await problems(builtinPatterns())).toEqual([]);
  }, 600_000);

  it('the checker, with these parameters, does tell a catastrophic pattern', async () => {
    // Decided by recheck's automaton checker.
    expect(await verdict('(a+)+$')).toMatch(/exponential/);
    expect(await verdict('\\s*,\\s*')).toMatch(/polynomial/);
    // A lookbehind sends the pattern to the fuzz checker, which must still find the attack without time limits.
    expect(await verdict('(?<![a-z])\\s*,\\s*')).toMatch(/polynomial/);
    expect(await verdict('(?<=x)[a-z]+[a-z0-9]+!')).toMatch(/polynomial/);
  }, 120_000);

  it('a pattern recheck judges safe is reported as no problem', async () => {
    expect(await verdict('\\bfoo(?:bar|baz)\\b')).toBeUndefined();
  }, 120_000);
});
