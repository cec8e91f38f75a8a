/** `--baseline FILE`: fingerprints that survive moved lines, a stable file, only new findings reported. */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { lint } from '../../server/src/core/lint.js';
import { fingerprintFindings, fingerprintKeys } from '../../server/src/core/fingerprint.js';
import { runCli, tempTree } from '../helpers/cli.js';

interface JsonFinding {
  file: string;
  ruleId: string;
  severity: string;
  line: number;
  message: string;
}

const DRAFT = `# Review of Child J

## Analysis

Staff found Jade troublesome at school.

## Recommendations

The partnership should review its missing-children protocol.
`;

/** A line added above the flagged sentence: every finding moves down. */
const MOVED = DRAFT.replace('## Analysis\n\n', '## Analysis\n\nThe review met practitioners twice.\n\nThey described the work with the family.\n\n');

/** The same plus a new blaming phrase in another section. */
const WITH_NEW = MOVED.replace('The partnership should review', 'Her mother showed disguised compliance. The partnership should review');

function json(stdout: string): JsonFinding[] {
  return JSON.parse(stdout) as JsonFinding[];
}

describe('fingerprints (core)', () => {
  it('do not change when lines move or other sections change', () => {
    const a = lint(DRAFT).findings.filter((f) => f.ruleId === 'blame-language');
    const b = lint(MOVED).findings.filter((f) => f.ruleId === 'blame-language');
    expect(a.length).toBe(1);
    expect(b[0].range.start).not.toBe(a[0].range.start);
    expect(fingerprintFindings(MOVED, b)).toEqual(fingerprintFindings(DRAFT, a));
  });

  it('are made of the rule, the normalised words and the section title, with an occurrence index', () => {
    const text = '# T\n\n## Analysis\n\nShe was  TROUBLESOME. She was troublesome.\n\n## Other\n\nShe was troublesome.\n';
    const findings = lint(text).findings.filter((f) => f.ruleId === 'blame-language');
    expect(findings.length).toBe(3);
    expect(fingerprintKeys(text, findings)).toEqual([
      { ruleId: 'blame-language', text: 'troublesome', section: 'analysis', occurrence: 0 },
      { ruleId: 'blame-language', text: 'troublesome', section: 'analysis', occurrence: 1 },
      { ruleId: 'blame-language', text: 'troublesome', section: 'other', occurrence: 0 },
    ]);
    expect(new Set(fingerprintFindings(text, findings)).size).toBe(3);
  });
});

describe('review-lint --baseline', () => {
  it('writes the baseline on the first run, reports nothing new, and writes the same bytes again', () => {
    const dir = tempTree({ 'reviews/a.md': DRAFT });
    const lintAll = json(runCli(['--format', 'json', 'reviews'], { cwd: dir }).stdout);
    expect(lintAll.length).toBeGreaterThan(0);

    const first = runCli(['--format', 'json', '--baseline', 'baseline.json', 'reviews'], { cwd: dir });
    expect(first.code).toBe(0);
    expect(json(first.stdout)).toEqual([]);
    expect(first.stderr).toContain('baseline.json');
    const written = fs.readFileSync(path.join(dir, 'baseline.json'), 'utf8');
    const baseline = JSON.parse(written) as { version: number; files: Record<string, { ruleId: string; fingerprint: string }[]> };
    expect(baseline.version).toBe(1);
    expect(Object.keys(baseline.files)).toEqual(['reviews/a.md']);
    expect(baseline.files['reviews/a.md'].map((e) => e.ruleId).sort()).toEqual(lintAll.map((f) => f.ruleId).sort());
    // No words of the review are stored: a baseline may be committed where a names list must not be.
    expect(written).not.toMatch(/troublesome|jade/i);

    fs.rmSync(path.join(dir, 'baseline.json'));
    runCli(['--baseline', 'baseline.json', 'reviews'], { cwd: dir });
    expect(fs.readFileSync(path.join(dir, 'baseline.json'), 'utf8')).toBe(written);
  });

  it('still accepts findings whose lines moved, and reports a new blaming phrase', () => {
    const dir = tempTree({ 'a.md': DRAFT });
    expect(runCli(['--baseline', 'b.json', 'a.md'], { cwd: dir }).code).toBe(0);

    fs.writeFileSync(path.join(dir, 'a.md'), MOVED);
    const moved = runCli(['--format', 'json', '--baseline', 'b.json', 'a.md'], { cwd: dir });
    expect(moved.code).toBe(0);
    expect(json(moved.stdout)).toEqual([]);

    fs.writeFileSync(path.join(dir, 'a.md'), WITH_NEW);
    const added = runCli(['--format', 'json', '--baseline', 'b.json', 'a.md'], { cwd: dir });
    const found = json(added.stdout);
    expect(found.map((f) => f.ruleId)).toEqual(['blame-language']);
    const line = WITH_NEW.split('\n')[found[0].line - 1];
    expect(line).toContain('disguised compliance');
    // Without the baseline the accepted finding is still there.
    const all = json(runCli(['--format', 'json', 'a.md'], { cwd: dir }).stdout).filter((f) => f.ruleId === 'blame-language');
    expect(all.length).toBe(2);
  });

  it('finds the baseline entries from another working directory (paths are relative to the baseline file)', () => {
    const dir = tempTree({ 'project/a.md': DRAFT });
    runCli(['--baseline', 'project/b.json', 'project/a.md'], { cwd: dir });
    const r = runCli(['--format', 'json', '--baseline', 'b.json', 'a.md'], { cwd: path.join(dir, 'project') });
    expect(json(r.stdout)).toEqual([]);
  });

  it('fails (exit 1) only on new errors once errors are accepted', () => {
    const dir = tempTree({ 'a.md': DRAFT });
    expect(runCli(['--rule', 'blame-language:error', 'a.md'], { cwd: dir }).code).toBe(1);
    expect(runCli(['--rule', 'blame-language:error', '--baseline', 'b.json', 'a.md'], { cwd: dir }).code).toBe(0);
    expect(runCli(['--rule', 'blame-language:error', '--baseline', 'b.json', 'a.md'], { cwd: dir }).code).toBe(0);
    fs.writeFileSync(path.join(dir, 'a.md'), WITH_NEW);
    const r = runCli(['--rule', 'blame-language:error', '--baseline', 'b.json', 'a.md'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('disguised compliance');
    expect(r.stdout).not.toContain("'troublesome'");
  });

  it('filters SARIF results too', () => {
    const dir = tempTree({ 'a.md': DRAFT });
    runCli(['--baseline', 'b.json', 'a.md'], { cwd: dir });
    fs.writeFileSync(path.join(dir, 'a.md'), WITH_NEW);
    const r = runCli(['--format', 'sarif', '--baseline', 'b.json', 'a.md'], { cwd: dir });
    const results = (JSON.parse(r.stdout) as { runs: { results: { ruleId: string }[] }[] }).runs[0].results;
    expect(results.map((x) => x.ruleId)).toEqual(['blame-language']);
  });

  it('rejects a malformed baseline with a clear message and exit 2', () => {
    const cases: Record<string, RegExp> = {
      'not json {': /not valid JSON/,
      '[]': /expected a JSON object/,
      '{"version": 7, "files": {}}': /"version" must be 1/,
      '{"version": 1, "files": {"a.md": [{"ruleId": 3}]}}': /"files\.a\.md"/,
    };
    for (const [content, message] of Object.entries(cases)) {
      const dir = tempTree({ 'a.md': DRAFT, 'b.json': content });
      const r = runCli(['--baseline', 'b.json', 'a.md'], { cwd: dir });
      expect(r.code, content).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toContain('b.json is not a review-lint baseline');
      expect(r.stdout).toBe('');
      expect(fs.readFileSync(path.join(dir, 'b.json'), 'utf8')).toBe(content);
    }
  });
});
