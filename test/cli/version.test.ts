/** The version the CLI reports has one source, package.json (defined at build time), and nothing overrides it. */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot, runCli, tempTree } from '../helpers/cli.js';
import { VERSION } from '../../server/src/cli/formatters.js';

const pkgVersion = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

describe('version', () => {
  it("review-lint --version prints package.json's version, whatever the environment says", () => {
    const r = runCli(['--version'], { env: { REVIEW_LINT_VERSION: '9.9.9-not-the-package' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${pkgVersion}\n`);
  });

  it("SARIF output names package.json's version as the tool's", () => {
    const dir = tempTree({ 'a.md': '# Review\n' });
    const log = JSON.parse(runCli(['--format', 'sarif', 'a.md'], { cwd: dir }).stdout);
    expect(log.runs[0].tool.driver.version).toBe(pkgVersion);
    expect(log.runs[0].tool.driver.semanticVersion).toBe(pkgVersion);
  });

  it("the sources, as the tests run them, have package.json's version too", () => {
    expect(VERSION).toBe(pkgVersion);
  });
});
