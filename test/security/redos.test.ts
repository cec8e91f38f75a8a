/**
 * No built-in regular expression may backtrack catastrophically. Every regex literal (and RegExp built from
 * a string literal) in the shipped source is checked with recheck; so are the compiled lexicon patterns.
 * A polynomial or exponential verdict fails the test with the file, line and an attack string.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { checkSync } from 'recheck';
import { repoRoot } from '../helpers/cli.js';
import { builtinPatterns } from '../helpers/builtin-patterns.js';

interface Found {
  where: string;
  source: string;
  flags: string;
}

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

function verdict(p: Found): string | undefined {
  const result = checkSync(p.source, p.flags.replace(/[gyd]/g, ''), { timeout: 10_000 });
  if (result.status === 'vulnerable') {
    return `${p.where} /${p.source}/${p.flags}: ${result.complexity.type} (attack: ${JSON.stringify(result.attack.string.slice(0, 40))})`;
  }
  if (result.status === 'unknown') return `${p.where} /${p.source}/${p.flags}: could not be checked (${result.error.kind})`;
  return undefined;
}

describe('ReDoS', () => {
  const literals = ['server/src', 'client/src'].flatMap((d) => (fs.existsSync(path.join(repoRoot, d)) ? sourceFiles(path.join(repoRoot, d)) : [])).flatMap(regexLiterals);

  it('finds the patterns to check', () => {
    expect(literals.length).toBeGreaterThan(20);
  });

  it('no regex literal in the source can backtrack catastrophically', () => {
    const problems = literals.map(verdict).filter(Boolean);
    expect(problems).toEqual([]);
  }, 300_000);

  it('no compiled lexicon pattern can backtrack catastrophically', () => {
    const problems = builtinPatterns().map((p) => verdict(p)).filter(Boolean);
    expect(problems).toEqual([]);
  }, 300_000);

  it('the checker does tell a catastrophic pattern', () => {
    expect(verdict({ where: 'test', source: '(a+)+$', flags: '' })).toMatch(/exponential/);
    expect(verdict({ where: 'test', source: '\\s*,\\s*', flags: '' })).toMatch(/polynomial/);
  });
});
