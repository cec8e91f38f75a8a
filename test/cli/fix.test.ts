/** `--fix` writes files as they were: a byte-order mark kept, a symbolic link kept, and a failed write reported. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cliPath, runCli, tempTree } from '../helpers/cli.js';

// Only the word fix is under test: the rules that insert whole sections are off.
const CONFIG = JSON.stringify({ rules: { 'manager-accountability': 'off', 'required-section': 'off' } });
const TEXT = '# Review\n\nStaff noted child prostitution at school.\n';
const FIXED = '# Review\n\nStaff noted sexually exploited child at school.\n';

describe('review-lint --fix', () => {
  it('keeps a UTF-8 byte-order mark that the file had', () => {
    const dir = tempTree({ '.reviewlintrc.json': CONFIG, 'bom.md': '\ufeff' + TEXT, 'plain.md': TEXT });
    const r = runCli(['--fix', 'bom.md', 'plain.md'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'bom.md'))).toEqual(Buffer.from('\ufeff' + FIXED, 'utf8'));
    expect(fs.readFileSync(path.join(dir, 'plain.md'))).toEqual(Buffer.from(FIXED, 'utf8'));
  });

  it('writes through a symbolic link to the file it points to, leaving the link in place', () => {
    const dir = tempTree({ '.reviewlintrc.json': CONFIG, 'drafts/real.md': TEXT });
    fs.symlinkSync(path.join('drafts', 'real.md'), path.join(dir, 'link.md'));
    const r = runCli(['--fix', '--format', 'json', 'link.md'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(fs.lstatSync(path.join(dir, 'link.md')).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'drafts', 'real.md'), 'utf8')).toBe(FIXED);
    expect(fs.readdirSync(path.join(dir, 'drafts'))).toEqual(['real.md']); // no temporary file left behind
    expect(JSON.parse(r.stdout)).toEqual([]);
  });

  it('reports a file it could not write, fixes the others and exits 2', () => {
    // A file-size limit (ulimit -f, which stops root as well) makes writing the large file fail with EFBIG.
    const big = TEXT + '\nThe chronology continues.\n'.repeat(4000);
    const dir = tempTree({ '.reviewlintrc.json': CONFIG, 'big.md': big, 'small.md': TEXT });
    const r = spawnSync('/bin/sh', ['-c', 'ulimit -f 32 && exec "$0" "$@"', process.execPath, cliPath, '--fix', '--format', 'json', 'big.md', 'small.md'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 60_000,
    });
    expect(r.stderr).toMatch(/^review-lint: could not write big\.md: .+$/m);
    expect(r.status).toBe(2);
    expect(fs.readFileSync(path.join(dir, 'big.md'), 'utf8')).toBe(big);
    expect(fs.readFileSync(path.join(dir, 'small.md'), 'utf8')).toBe(FIXED);
    expect(fs.readdirSync(dir).sort()).toEqual(['.reviewlintrc.json', 'big.md', 'small.md']); // no temporary file left behind
    // The unfixed file's findings are still reported.
    expect((JSON.parse(r.stdout) as { file: string; line: number }[]).map((f) => `${f.file}:${f.line}`)).toEqual(['big.md:3']);
  });
});
