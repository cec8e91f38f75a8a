#!/usr/bin/env node
// Compiles the host test suite (suite/*.ts) into .tmp/out/ with esbuild from the root devDependencies:
// one CommonJS file per entry, `vscode` and `mocha` left to the extension host's require().
// Both runners (run-code-server.mjs, run-electron.mjs) compile it into their run's folder and load index.js
// from there as extensionTestsPath.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const here = path.dirname(fileURLToPath(import.meta.url));
export const outDir = path.join(here, '.tmp', 'out');

export async function buildSuite(out = outDir) {
  const suite = path.join(here, 'suite');
  const entries = fs
    .readdirSync(suite)
    .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
    .map((f) => path.join(suite, f));
  fs.rmSync(out, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: entries,
    outdir: out,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return path.join(out, 'index.js');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(`built ${path.relative(process.cwd(), await buildSuite())}`);
}
