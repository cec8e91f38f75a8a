/** review-lint-server speaks over stdio or Node IPC only: --pipe and --socket are refused plainly, with exit code 2. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../helpers/cli.js';

const serverBin = path.join(repoRoot, 'bin', 'review-lint-server.js');

describe('review-lint-server transports', () => {
  for (const args of [['--socket=5007'], ['--socket', '5007'], ['--pipe=/tmp/review-lint-test.sock'], ['--pipe', '/tmp/review-lint-test.sock'], ['--stdio', '--socket=5007']]) {
    it(`refuses ${args.join(' ')} with a clear message and exit code 2`, () => {
      if (!fs.existsSync(path.join(repoRoot, 'dist', 'server.js'))) throw new Error('dist/server.js is missing: run `npm run build` first');
      const r = spawnSync(process.execPath, [serverBin, ...args], { cwd: repoRoot, input: '', encoding: 'utf8', timeout: 30_000 });
      expect(r.stderr).toBe(`review-lint-server: ${args.find((a) => a.startsWith('--pipe') || a.startsWith('--socket'))!.split('=')[0]} is not supported: only --stdio and --node-ipc are supported\n`);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
    });
  }
});
