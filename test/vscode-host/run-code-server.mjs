#!/usr/bin/env node
// Runs the host test suite in a real VS Code host without downloading VS Code: code-server (VS Code 1.100.3's
// server, with the real Node extension host) from this folder's node_modules, driven by Debian's Chromium
// through playwright-core. The extension under test is the repository root (run `npm run build` there first).
//
//   node test/vscode-host/run-code-server.mjs            (from the repository root: `npm run test:vscode`)
//
// Environment: CHROMIUM (browser binary; default: chromium on PATH), VSCODE_HOST_TIMEOUT_MS (whole run; default
// 240000), REVIEW_LINT_HOST_GREP (run only the tests whose title matches), VSCODE_HOST_VERBOSE=1 (code-server's log).
// Exits 0 when every test passed, 1 when a test failed or the run did not finish, 2 when something is missing.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { format } from 'node:util';
import { buildSuite, here } from './build.mjs';

const root = path.resolve(here, '..', '..');
const START_MARKER = '##review-lint-host-start';
const RESULT_MARKER = '##review-lint-host-result';
const timeoutMs = Number(process.env.VSCODE_HOST_TIMEOUT_MS) || 240_000;
const verbose = process.env.VSCODE_HOST_VERBOSE === '1';

function fatal(message, code = 2) {
  console.error(`vscode-host: ${message}`);
  process.exit(code);
}

// --- What the run needs -----------------------------------------------------------------------------------
const codeServerEntry = path.join(here, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
if (!fs.existsSync(codeServerEntry)) {
  fatal(`code-server is not installed in ${path.relative(process.cwd(), here) || '.'}: run test/vscode-host/install.sh (or npm ci there)`);
}
for (const f of ['dist/client.js', 'dist/server.js']) {
  if (!fs.existsSync(path.join(root, f))) fatal(`${f} is missing: run \`npm run build\` in the repository root first`);
}
let chromiumPath = process.env.CHROMIUM;
if (!chromiumPath) {
  try {
    chromiumPath = execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim();
  } catch {
    fatal('Chromium was not found: install Debian\'s chromium (apt-get install chromium) or set CHROMIUM');
  }
}
const requireFromRoot = createRequire(path.join(root, 'package.json'));
const { chromium } = requireFromRoot('playwright-core');

// --- A fresh workspace, user data and extensions folder for this run ----------------------------------------
const tmp = path.join(here, '.tmp', `run-${process.pid}`);
const workspace = path.join(tmp, 'workspace');
fs.rmSync(tmp, { recursive: true, force: true });
fs.mkdirSync(tmp, { recursive: true });
fs.cpSync(path.join(here, 'fixtures'), workspace, { recursive: true });
// Settings for this user: nothing opens by itself, nothing is fetched, and nothing is saved unless a test saves it
// (the web workbench saves edits after a second by default; desktop VS Code does not).
const userSettings = path.join(tmp, 'user', 'User');
fs.mkdirSync(userSettings, { recursive: true });
fs.writeFileSync(
  path.join(userSettings, 'settings.json'),
  JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'update.mode': 'none',
    'security.workspace.trust.enabled': false,
    'files.autoSave': 'off',
  }),
);
let testsIndex;
try {
  testsIndex = await buildSuite(path.join(tmp, 'out'));
} catch (e) {
  fs.rmSync(tmp, { recursive: true, force: true });
  fatal(`the test suite does not compile: ${e.message}`, 1);
}

// --- Cleanup: always stop code-server and Chromium ---------------------------------------------------------
let server;
let serverLog = ''; // code-server's own output: printed on failure, or as it comes with VSCODE_HOST_VERBOSE=1
let browser;
let cleaning;
let result; // the tests' counts, once they have reported them
const workbenchLog = []; // the workbench's console before the tests started: printed if they never report
async function cleanup() {
  cleaning ??= (async () => {
    await browser?.close().catch(() => {});
    if (server && server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      killGroup('SIGTERM');
      const timer = setTimeout(() => killGroup('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  })();
  return cleaning;
}
function killGroup(signal) {
  try {
    process.kill(-server.pid, signal); // code-server and its extension host and language server
  } catch {
    /* already gone */
  }
}
async function finish(code, message) {
  if (code !== 0 && !result && !verbose) {
    if (serverLog) console.error(`vscode-host: code-server's log (last lines):\n${serverLog.trimEnd().split('\n').slice(-30).join('\n')}`);
    if (workbenchLog.length) console.error(`vscode-host: the workbench's console (last lines):\n${workbenchLog.slice(-40).join('\n')}`);
  }
  if (message) (code === 0 ? console.log : console.error)(`vscode-host: ${message}`);
  await cleanup();
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void finish(1, `stopped by ${signal}`));
const overall = setTimeout(() => void finish(1, `the host tests did not finish within ${timeoutMs / 1000} s; stopped code-server and Chromium`), timeoutMs);

// --- Start code-server on a free port ------------------------------------------------------------------------
server = spawn(
  process.execPath,
  [
    codeServerEntry,
    '--auth', 'none',
    '--bind-addr', '127.0.0.1:0',
    '--config', path.join(tmp, 'config.yaml'), // not the user's ~/.config/code-server
    '--user-data-dir', path.join(tmp, 'user'),
    '--extensions-dir', path.join(tmp, 'extensions'),
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
  ],
  {
    cwd: tmp,
    detached: true, // its own process group, so that cleanup reaches every child
    stdio: ['ignore', 'pipe', 'pipe'],
    // No gallery; code-server's own config, logs and heartbeat stay in this run's folder.
    env: { ...process.env, EXTENSIONS_GALLERY: '{}', XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'), XDG_DATA_HOME: path.join(tmp, 'xdg-data') },
  },
);
const listening = new Promise((resolve, reject) => {
  const onData = (chunk) => {
    const text = chunk.toString();
    serverLog += text;
    if (verbose) process.stderr.write(text);
    const m = /HTTP server listening on (http:\/\/[^\s/]+)/.exec(serverLog);
    if (m) resolve(m[1]);
  };
  server.stdout.on('data', onData);
  server.stderr.on('data', onData);
  server.once('exit', (code, signal) => reject(new Error(`code-server exited (${signal ?? code}) before listening:\n${serverLog}`)));
});
let origin;
try {
  origin = await listening;
} catch (e) {
  await finish(1, e.message);
}
const host = new URL(origin).host;

// --- Open the workbench in Chromium with the extension and the tests -----------------------------------------
const remote = (p) => `vscode-remote://${host}${p}`;
const payload = [
  ['extensionDevelopmentPath', remote(root)],
  ['extensionTestsPath', remote(testsIndex)],
  ['skipWelcome', 'true'],
  ['skipReleaseNotes', 'true'],
];
const url = `${origin}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

const exitCode = new Promise((resolve) => {
  (async () => {
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
    const page = await browser.newPage();
    // The workbench forwards its own console and the extension host's here; print the tests' part (all of it
    // with VSCODE_HOST_VERBOSE=1).
    let testsStarted = false;
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = format(...(Array.isArray(args) ? args : [args]));
      if (line.includes(START_MARKER)) {
        testsStarted = true;
        return;
      }
      if (!testsStarted && !verbose) {
        workbenchLog.push(`[${type}] ${line}`);
        if (workbenchLog.length > 200) workbenchLog.shift();
        return;
      }
      const at = line.indexOf(RESULT_MARKER);
      if (at >= 0) {
        try {
          result = JSON.parse(line.slice(at + RESULT_MARKER.length));
        } catch {
          /* not ours */
        }
        return;
      }
      (type === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code) => resolve(Number(code)));
    page.on('pageerror', (e) => console.error(`vscode-host: page error: ${e.message}`));
    page.on('crash', () => void finish(1, 'the workbench page crashed'));
    await page.goto(url);
  })().catch((e) => void finish(1, `could not open the workbench: ${e.message}`));
});

const code = await exitCode;
clearTimeout(overall);
if (!result) await finish(1, `the tests ended (exit code ${code}) without reporting their results (see the logs above)`);
const summary = `${result.passes} passed, ${result.failures} failed${result.pending ? `, ${result.pending} skipped` : ''}`;
if (code !== 0 || result.failures > 0 || result.passes === 0) await finish(1, `FAILED (exit code ${code})\nvscode-host: ${summary}`);
await finish(0, summary);
