#!/usr/bin/env node
// Runs the same host test suite in a desktop VS Code through @vscode/test-electron (the root devDependency,
// 2.5.x, which runs on Node 20), for machines that can download VS Code or have one installed.
//
//   npm run build && node test/vscode-host/run-electron.mjs          (`npm run test:vscode:electron`)
//   xvfb-run -a node test/vscode-host/run-electron.mjs               (Linux without a display)
//
// Environment: VSCODE_VERSION (default 1.100.3, the VS Code that code-server 4.100.3 is built from; "stable" for
// the latest), VSCODE_EXECUTABLE (use this VS Code instead of downloading one), REVIEW_LINT_HOST_GREP.
// Exits 0 when every test passed, 1 otherwise.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { buildSuite, here } from './build.mjs';

const root = path.resolve(here, '..', '..');
for (const f of ['dist/client.js', 'dist/server.js']) {
  if (!fs.existsSync(path.join(root, f))) {
    console.error(`vscode-host: ${f} is missing: run \`npm run build\` in the repository root first`);
    process.exit(2);
  }
}
const { runTests } = createRequire(path.join(root, 'package.json'))('@vscode/test-electron');

const tmp = path.join(here, '.tmp', `electron-${process.pid}`);
const workspace = path.join(tmp, 'workspace');
fs.rmSync(tmp, { recursive: true, force: true });
fs.cpSync(path.join(here, 'fixtures'), workspace, { recursive: true });
const testsIndex = await buildSuite(path.join(tmp, 'out'));

let code = 1;
try {
  code = await runTests({
    version: process.env.VSCODE_VERSION || '1.100.3',
    cachePath: path.join(here, '.tmp', 'vscode-test'), // downloads kept between runs (ignored by git)
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
    extensionDevelopmentPath: root,
    extensionTestsPath: testsIndex,
    extensionTestsEnv: process.env.REVIEW_LINT_HOST_GREP ? { REVIEW_LINT_HOST_GREP: process.env.REVIEW_LINT_HOST_GREP } : undefined,
    launchArgs: [
      workspace,
      '--disable-extensions', // other installed extensions; the one under development still loads
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      '--user-data-dir', path.join(tmp, 'user'),
    ],
  });
} catch (e) {
  const why = e instanceof Error ? e.message : String(e);
  console.error(`vscode-host: the tests did not pass in desktop VS Code: ${why}`);
  if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|download/i.test(why)) {
    console.error('vscode-host: VS Code could not be downloaded here; use run-code-server.mjs (npm run test:vscode), or set VSCODE_EXECUTABLE');
  }
  code = typeof e?.code === 'number' ? e.code || 1 : 1;
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(code === 0 ? 'vscode-host: every test passed in desktop VS Code' : `vscode-host: FAILED (exit code ${code})`);
process.exit(code === 0 ? 0 : 1);
