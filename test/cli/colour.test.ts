/** When stylish output has colour: --color and --no-color decide; otherwise only on a terminal, and not with NO_COLOR. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cliPath, tempTree } from '../helpers/cli.js';

const ANSI = /\u001b\[\d+m/;
const TEXT = '# Review\n\nStaff found Jade troublesome at school.\n';

/** The CLI on a.md with the given arguments and NO_COLOR/FORCE_COLOR as given (not inherited), output to a pipe. */
function piped(args: string[], env: Record<string, string> = {}) {
  const dir = tempTree({ 'a.md': TEXT });
  const base = { ...process.env };
  delete base.NO_COLOR;
  delete base.FORCE_COLOR;
  const r = spawnSync(process.execPath, [cliPath, ...args, 'a.md'], { cwd: dir, encoding: 'utf8', env: { ...base, ...env }, timeout: 60_000 });
  expect(r.stdout).toContain('troublesome');
  return r.stdout;
}

// util-linux `script` runs the CLI with a pseudo-terminal as its output.
const hasScript = process.platform === 'linux' && spawnSync('script', ['-qec', 'true', '/dev/null']).status === 0;

function onTerminal(args: string[], env: Record<string, string> = {}) {
  const dir = tempTree({ 'a.md': TEXT });
  const base = { ...process.env };
  delete base.NO_COLOR;
  delete base.FORCE_COLOR;
  const command = [process.execPath, cliPath, ...args, 'a.md'].map((a) => `'${a}'`).join(' ');
  const r = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: dir, encoding: 'utf8', env: { ...base, ...env }, timeout: 60_000 });
  expect(r.stdout).toContain('troublesome');
  return r.stdout;
}

describe('colour in stylish output', () => {
  it('--color gives ANSI colours even to a pipe and with NO_COLOR set', () => {
    expect(piped(['--color'])).toMatch(ANSI);
    expect(piped(['--color'], { NO_COLOR: '1' })).toMatch(ANSI);
  });

  it('no flag, output to a pipe and NO_COLOR unset gives none', () => {
    expect(piped([])).not.toMatch(ANSI);
  });

  it('--format json never has colours', () => {
    expect(piped(['--color', '--format', 'json'])).not.toMatch(ANSI);
  });

  it.runIf(hasScript)('on a terminal: colours, unless NO_COLOR is set or --no-color is given', () => {
    expect(onTerminal([])).toMatch(ANSI);
    expect(onTerminal([], { NO_COLOR: '1' })).not.toMatch(ANSI);
    expect(onTerminal(['--no-color'])).not.toMatch(ANSI);
  });
});
