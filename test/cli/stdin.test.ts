/** Standard input is checked like a file: binary, not UTF-8 and too large are refused with exit 2, named. */
import { describe, expect, it } from 'vitest';
import { runCli, tempTree } from '../helpers/cli.js';

describe('review-lint reading standard input', () => {
  it('refuses binary input, naming the --stdin-filename, with exit 2', () => {
    const r = runCli(['-', '--stdin-filename', 'x.md'], { input: Buffer.from([0xff, 0xfe, 0x00, 0x62, 0x69, 0x6e]) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/review-lint: x\.md: .*binary/);
    expect(r.stdout).toBe('');
  });

  it('refuses input that is not UTF-8 instead of replacing the bytes', () => {
    const r = runCli(['--format', 'json', '-', '--stdin-filename', 'latin1.md'], { input: Buffer.from('# Review\n\nCaf\xe9 staff found Jade troublesome.\n', 'latin1') });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/review-lint: latin1\.md: .*UTF-8/);
    expect(r.stdout).not.toContain('\ufffd');
  });

  it('refuses input over the size limit, named "<stdin>" without --stdin-filename', () => {
    const r = runCli(['-'], { input: Buffer.alloc(10 * 1024 * 1024 + 10, 0x61) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/review-lint: <stdin>: .*MB limit/);
  });

  it('still lints UTF-8 input, dropping a byte-order mark as for files', () => {
    const r = runCli(['--format', 'json', '-'], { input: Buffer.from('\ufeff# Review\n\nStaff found Jade troublesome at school.\n', 'utf8') });
    expect(r.code).toBe(0);
    const blame = (JSON.parse(r.stdout) as { file: string; ruleId: string; line: number; column: number }[]).find((f) => f.ruleId === 'blame-language');
    expect(blame).toMatchObject({ file: '<stdin>', line: 3, column: 18 });
  });
});

describe('review-lint --stdin-filename and configuration', () => {
  it("looks up the configuration from the named path's folder", () => {
    const dir = tempTree({ 'team/.reviewlintrc.json': JSON.stringify({ rules: { 'blame-language': 'off' } }) });
    const text = '# Review\n\nStaff found Jade troublesome at school.\n';
    const ruleIds = (name: string) => (JSON.parse(runCli(['--format', 'json', '-', '--stdin-filename', name], { cwd: dir, input: text }).stdout) as { ruleId: string }[]).map((f) => f.ruleId);
    expect(ruleIds('team/draft.md')).not.toContain('blame-language');
    expect(ruleIds('draft.md')).toContain('blame-language');
  });
});
