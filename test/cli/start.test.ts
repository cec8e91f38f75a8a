/** `npm start` lints the bundled sample review and succeeds, though the sample has an error-level finding on purpose. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../helpers/cli.js';
import { builtinRules } from '../../server/src/core/index.js';

function start(args: string[] = []) {
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'start.mjs'), ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm start', () => {
  it('runs scripts/start.mjs after the build', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe('npm run build && node scripts/start.mjs');
  });

  it('prints the sample review’s findings, including an error, then one plain line, and exits 0', () => {
    const r = start();
    expect(r.stdout).toMatch(/^examples[\\/]sample-review\.md$/m);
    expect(r.stdout).toMatch(/✖ \d+ problems \([1-9]\d* errors?, /);
    const last = r.stdout.trimEnd().split('\n').at(-1);
    expect(last).toBe('The findings above are what the sample review (examples/sample-review.md) is written to show: review-lint is working.');
    expect(r.code).toBe(0);
  });

  it('passes other exit codes through (2 for a usage mistake in extra arguments)', () => {
    const r = start(['--rule', 'nope:error']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown rule "nope"');
    expect(r.stdout).not.toContain('written to show');
  });

  it('says nothing extra when the CLI itself exits 0', () => {
    const r = start(builtinRules.flatMap((rule) => ['--rule', `${rule.meta.id}:off`]));
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('written to show');
  });
});
