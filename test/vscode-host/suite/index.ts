/**
 * The extensionTestsPath entry: VS Code (desktop or code-server) loads this file in the extension host and
 * awaits run(). It runs every compiled *.test.js beside it with mocha and rejects if any test failed.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Lines the code-server runner reads (the workbench forwards the extension host's console to it). */
export const START_MARKER = '##review-lint-host-start';
export const RESULT_MARKER = '##review-lint-host-result';

export async function run(): Promise<void> {
  // Mocha 12 is an ES module with a CommonJS build; require() gives its namespace.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require('mocha') as typeof import('mocha') & { default?: typeof import('mocha') };
  const Mocha = mod.default ?? mod;
  // Plain text: the report goes through the workbench's console. (Mocha 12 ignores `color: false` given to the
  // constructor, and its symbols come coloured from log-symbols when CI is set.)
  const mocha = new Mocha({ ui: 'tdd', timeout: 60_000, reporter: 'spec' });
  Mocha.reporters.Base.useColors = false;
  Object.assign(Mocha.reporters.Base.symbols, { ok: '✔', err: '✖' });
  const grep = process.env.REVIEW_LINT_HOST_GREP;
  if (grep) mocha.grep(grep);
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
  if (files.length === 0) throw new Error(`no compiled tests (*.test.js) in ${__dirname}`);
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  console.log(START_MARKER);
  const stats = await new Promise<{ passes: number; failures: number; pending: number }>((resolve, reject) => {
    try {
      const runner = mocha.run(() => resolve({ passes: runner.stats?.passes ?? 0, failures: runner.stats?.failures ?? 0, pending: runner.stats?.pending ?? 0 }));
    } catch (e) {
      reject(e);
    }
  });
  console.log(`${RESULT_MARKER} ${JSON.stringify(stats)}`);
  if (stats.failures > 0) throw new Error(`${stats.failures} of ${stats.passes + stats.failures} host tests failed`);
  if (stats.passes === 0) throw new Error('no host test ran');
}
