#!/usr/bin/env node
// Bundles the client, the language server and the CLI with esbuild (tsc only type-checks).
// Usage: node scripts/build.mjs [--production]
import * as esbuild from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const production = process.argv.includes('--production');
// The version the CLI and the server report: package.json is its one source (see server/src/version.ts).
const version = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version;

const prebuild = path.join(root, 'scripts', 'generate.mjs');
if (existsSync(prebuild)) await import(prebuild).then((m) => m.generate?.());

// The tool never uses the network. Libraries that could (vscode-jsonrpc's socket transports) get a stub
// in place of Node's network modules, so that no bundle can open a connection; test/security checks this.
const NETWORK_MODULES = /^(?:node:)?(?:http|https|http2|net|tls|dgram|dns)$/;
const noNetwork = {
  name: 'no-network',
  setup(build) {
    build.onResolve({ filter: NETWORK_MODULES }, (args) => ({ path: args.path, namespace: 'no-network' }));
    build.onLoad({ filter: /.*/, namespace: 'no-network' }, (args) => ({
      contents: `const refuse = () => { throw new Error(${JSON.stringify('review-lint never uses the network (' + args.path + ' is disabled)')}); };
module.exports = new Proxy({}, { get: (_, key) => (key === '__esModule' ? false : refuse) });`,
      loader: 'js',
    }));
  },
};

const entries = [
  { in: 'client/src/extension.ts', out: 'client', external: ['vscode'] },
  { in: 'server/src/lsp/main.ts', out: 'server', external: [] },
  { in: 'server/src/cli/bin.ts', out: 'cli', external: [] },
  { in: 'server/src/cli/worker.ts', out: 'cli-worker', external: [] },
  // The core as a CommonJS library, for the benchmark and other Node programs.
  { in: 'server/src/core/index.ts', out: 'core', external: [] },
].filter((e) => existsSync(path.join(root, e.in)));

await Promise.all(
  entries.map((e) =>
    esbuild.build({
      absWorkingDir: root,
      entryPoints: [e.in],
      outfile: `dist/${e.out}.js`,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      external: e.external,
      minify: production,
      sourcemap: !production,
      sourcesContent: false,
      logLevel: 'warning',
      plugins: [noNetwork],
      legalComments: 'none',
      // Some ESM dependencies read import.meta.url; give the CommonJS bundle a real one.
      define: { 'import.meta.url': '__importMetaUrl', __REVIEW_LINT_VERSION__: JSON.stringify(version) },
      banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
    }),
  ),
);
console.log(`built ${entries.map((e) => `dist/${e.out}.js`).join(', ')}`);
