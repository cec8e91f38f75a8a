#!/usr/bin/env node
// The benchmark (`npm run bench`): not a test, a measurement printed side by side in one run.
//  1. cold lint of one 250 KB review: this project, alex (Markdown mode) and markdownlint, with ratios;
//  2. editing: single-character edits at random places sent to the real server over stdio (debounce off),
//     time from didChange to publishDiagnostics, p50 and p95 (the first edits after opening apart);
//  3. batch: 500 reviews through the CLI, wall time and documents per second;
//  4. peak memory of the server with 20 such reviews open.
// Usage: node scripts/bench.mjs [--quick] [--only cold,edit,batch,memory]
//   --quick: fewer repetitions, for a smoke run; --only: just those measures
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { LspClient, randomEdit, root, seededRandom, serverMemory } from './lsp-harness.mjs';

const require = createRequire(import.meta.url);
const quick = process.argv.includes('--quick');
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt === -1 ? undefined : new Set((process.argv[onlyAt + 1] ?? '').split(','));
const wanted = (part) => !only || only.has(part);
const TARGET_BYTES = 250 * 1024;
/** Edits after opening that are reported apart from the measured ones: V8 is still compiling the edit path. */
const FIRST_EDITS = quick ? 10 : 50;

/** A 250 KB review stitched from the project's own sample and fixtures, renumbered so headings stay unique. */
export function buildLargeReview() {
  const sources = [path.join(root, 'examples', 'sample-review.md')];
  const fixtures = path.join(root, 'test', 'fixtures');
  if (fs.existsSync(fixtures)) {
    for (const dir of fs.readdirSync(fixtures).sort()) {
      const full = path.join(fixtures, dir);
      if (!fs.statSync(full).isDirectory()) continue;
      for (const f of fs.readdirSync(full).sort()) if (f.endsWith('.md') && !f.endsWith('.fixed.md')) sources.push(path.join(full, f));
    }
  }
  const bodies = sources.map((f) =>
    fs
      .readFileSync(f, 'utf8')
      .replace(/^---\n[\s\S]*?\n---\n/, '')
      .replace(/<!--\s*expect[^>]*-->/g, '')
      .replace(/<!--\s*review-lint-[^>]*-->/g, ''),
  );
  let out = '---\ntitle: "Benchmark review"\ntype: lcspr\n---\n\n# Local Child Safeguarding Practice Review: Benchmark\n\n';
  for (let part = 1; Buffer.byteLength(out) < TARGET_BYTES; part++) {
    const body = bodies[(part - 1) % bodies.length].replace(/^(#{1,6})\s+/gm, (_, hashes) => `${hashes.length === 1 ? '##' : hashes} Part ${part}: `);
    out += `\n## Appendix part ${part}\n\n${body}\n`;
  }
  return out;
}

function median(xs) {
  return percentile(xs, 50);
}

function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/**
 * Every tool is timed the same way: its first call (module code and regular expressions still being compiled),
 * then warm-up calls until it has run for WARM_UP_MS and at least twice (V8 needs several runs of a long
 * function to optimise it), then the median of `runs` calls.
 */
const WARM_UP_MS = quick ? 1500 : 3000;
function timeIt(fn, runs) {
  let t = performance.now();
  fn();
  const first = performance.now() - t;
  const warmStart = performance.now();
  for (let warm = 1; warm < 2 || performance.now() - warmStart < WARM_UP_MS; warm++) fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return { first, median: median(times) };
}

/** The linters compared, each as a function that lints the whole text once. */
const LINTERS = {
  'review-lint': async () => {
    const core = require(path.join(root, 'dist', 'core.js'));
    return (text) => core.lint(text);
  },
  alex: async () => {
    const { markdown } = await import('alex');
    return (text) => markdown(text);
  },
  markdownlint: async () => {
    const { lint } = await import('markdownlint/sync');
    return (text) => lint({ strings: { review: text } });
  },
};

/** Times one linter in this process (run as a child of the benchmark: `--cold-one NAME FILE`). */
async function coldOne(name, file) {
  const text = fs.readFileSync(file, 'utf8');
  const lintOnce = await LINTERS[name]();
  const runs = name === 'alex' ? (quick ? 1 : 3) : quick ? 3 : 9;
  process.stdout.write(JSON.stringify(timeIt(() => lintOnce(text), runs)));
}

/**
 * Each linter in a fresh Node.js process of its own, so that none runs in a heap the others have filled; the
 * linters take turns, in two rounds, and each keeps its better figures (this machine is shared: a busy moment
 * should not decide a ratio).
 */
const COLD_ROUNDS = quick ? 1 : 2;
function coldLint(text, dir) {
  const file = path.join(dir, 'cold.md');
  fs.writeFileSync(file, text);
  const result = {};
  for (let round = 0; round < COLD_ROUNDS; round++) {
    for (const name of Object.keys(LINTERS)) {
      const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--cold-one', name, file, ...(quick ? ['--quick'] : [])], { encoding: 'utf8', maxBuffer: 1 << 20 });
      if (r.status !== 0) throw new Error(`timing ${name} failed: ${r.stderr}`);
      const timing = JSON.parse(r.stdout);
      const was = result[name];
      result[name] = was ? { first: Math.min(was.first, timing.first), median: Math.min(was.median, timing.median) } : timing;
    }
  }
  return { ours: result['review-lint'], alex: result.alex, markdownlint: result.markdownlint };
}

/**
 * The same seeded edits, sent to `server` (default: review-lint's): the first ones after opening, while V8 is still
 * compiling the edit path (as a cold lint's first call is), reported apart from the measured ones after them, as the
 * cold lint reports its first call apart from its median. Latencies and what was published on open.
 */
async function editing(text, dir, server) {
  const client = new LspClient(server ? { server } : {});
  const file = path.join(dir, 'edit.md');
  const uri = 'file://' + file;
  await client.start('file://' + dir);
  const rand = seededRandom(42);
  let version = 1;
  const opened = client.diagnostics(uri);
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
  await opened;
  const atOpen = client.lastPublished.get(uri).diagnostics;
  const latencies = [];
  const first = [];
  const edits = quick ? 40 : 200;
  for (let i = 0; i < FIRST_EDITS + edits; i++) {
    const e = randomEdit(text, rand);
    text = text.slice(0, e.offset) + e.insert + text.slice(e.offset);
    version++;
    const published = client.diagnostics(uri, version);
    const t = performance.now();
    client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: e.range, text: e.insert }] });
    (i < FIRST_EDITS ? first : latencies).push((await published) - t);
  }
  await client.stop();
  return {
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    edits,
    first: { p50: percentile(first, 50), p95: percentile(first, 95), slowest: Math.max(...first) },
    atOpen,
  };
}

/**
 * The floor under edit latency on this machine: a server that lints nothing and answers each of the same edits
 * by publishing the diagnostics review-lint published for the document.
 */
async function editingFloor(text, dir, diagnostics) {
  const file = path.join(dir, 'published.json');
  fs.writeFileSync(file, JSON.stringify(diagnostics));
  return editing(text, dir, [path.join(root, 'scripts', 'republish-server.mjs'), file]);
}

async function memory(text, dir) {
  const client = new LspClient();
  await client.start('file://' + dir);
  const open = quick ? 5 : 20;
  for (let i = 0; i < open; i++) {
    const uri = `file://${dir}/open-${i}.md`;
    const published = client.diagnostics(uri);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: text.replace('Benchmark', `Benchmark ${i}`) } });
    await published;
  }
  const peak = serverMemory(client.proc.pid);
  await client.stop();
  return { peakMb: peak, open };
}

function batch(text, dir) {
  const count = quick ? 100 : 500;
  const batchDir = path.join(dir, 'batch');
  fs.mkdirSync(batchDir, { recursive: true });
  // Ordinary-sized reviews (about 12 KB each), not 500 copies of the 250 KB one.
  const chunk = text.slice(0, 12 * 1024);
  for (let i = 0; i < count; i++) fs.writeFileSync(path.join(batchDir, `review-${i}.md`), chunk.replace('Benchmark', `Benchmark ${i}`));
  const t = performance.now();
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'review-lint.js'), '--format', 'json', batchDir], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = (performance.now() - t) / 1000;
  if (r.status === 2) throw new Error(`CLI failed: ${r.stderr}`);
  return { count, seconds, perSecond: count / seconds, cores: os.availableParallelism?.() ?? os.cpus().length };
}

async function main() {
  if (!fs.existsSync(path.join(root, 'dist', 'core.js'))) throw new Error('run `npm run build` first');
  const text = buildLargeReview();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-lint-bench-'));
  const words = text.split(/\s+/).length;
  console.log(`Benchmark review: ${(Buffer.byteLength(text) / 1024).toFixed(0)} KB, ${words.toLocaleString('en-GB')} words, ${text.split('\n').length.toLocaleString('en-GB')} lines; node ${process.version}, ${os.availableParallelism?.() ?? os.cpus().length} cores${quick ? ' (quick run: fewer repetitions, figures indicative only)' : ''}\n`);

  if (wanted('cold')) {
    const cold = coldLint(text, dir);
    const row = (name, r) => `   ${name.padEnd(13)} ${r.median.toFixed(1).padStart(8)} ms   (first call ${r.first.toFixed(0)} ms)`;
    console.log(`1. Cold lint of the whole file: no cached parse or findings (each linter in its own process; median after warm-up, better of ${COLD_ROUNDS} round${COLD_ROUNDS === 1 ? "" : "s"})`);
    console.log(row('review-lint', cold.ours));
    console.log(`${row('alex', cold.alex)}   review-lint is ${(cold.alex.median / cold.ours.median).toFixed(1)}x faster (target ≥ 20x)`);
    console.log(`${row('markdownlint', cold.markdownlint)}   review-lint is ${(cold.markdownlint.median / cold.ours.median).toFixed(2)}x faster (target > 1x)`);
    console.log(`   first calls: review-lint is ${(cold.alex.first / cold.ours.first).toFixed(1)}x faster than alex, ${(cold.markdownlint.first / cold.ours.first).toFixed(2)}x than markdownlint`);
  }

  const serverBuilt = fs.existsSync(path.join(root, 'dist', 'server.js'));
  if (wanted('edit') && serverBuilt) {
    const edit = await editing(text, dir);
    const floor = await editingFloor(text, dir, edit.atOpen);
    const kb = Buffer.byteLength(JSON.stringify(edit.atOpen)) / 1024;
    console.log(`\n2. Editing: ${edit.edits} single-character edits through the server over stdio (debounce 0), after the first ${FIRST_EDITS}`);
    console.log(`   didChange → publishDiagnostics   p50 ${edit.p50.toFixed(1)} ms   p95 ${edit.p95.toFixed(1)} ms (target p95 ≤ 15 ms)`);
    console.log(`   floor: a server that only republishes the same ${edit.atOpen.length} diagnostics (${kb.toFixed(0)} KB)   p50 ${floor.p50.toFixed(1)} ms   p95 ${floor.p95.toFixed(1)} ms`);
    console.log(`   the first ${FIRST_EDITS} edits after opening (V8 still compiling the edit path): p50 ${edit.first.p50.toFixed(1)} ms   p95 ${edit.first.p95.toFixed(1)} ms   slowest ${edit.first.slowest.toFixed(0)} ms (floor: ${floor.first.p50.toFixed(1)}, ${floor.first.p95.toFixed(1)}, ${floor.first.slowest.toFixed(0)})`);
  } else if (wanted('edit')) console.log('\n2. Editing: skipped (dist/server.js is not built)');

  if (wanted('batch')) {
    const b = batch(text, dir);
    console.log(`\n3. Batch: ${b.count} reviews of 12 KB through the CLI on ${b.cores} cores`);
    console.log(`   ${b.seconds.toFixed(2)} s, ${b.perSecond.toFixed(0)} reviews per second (target ≤ 10 s)`);
  }

  if (wanted('memory') && serverBuilt) {
    const m = await memory(text, dir);
    console.log(`\n4. Server memory with ${m.open} open 250 KB reviews`);
    console.log(`   peak resident ${m.peakMb === undefined ? 'unknown (no /proc)' : `${m.peakMb.toFixed(0)} MB`} (target < 300 MB)`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const coldAt = process.argv.indexOf('--cold-one');
  (coldAt === -1 ? main() : coldOne(process.argv[coldAt + 1], process.argv[coldAt + 2])).catch((e) => {
    console.error(`bench: ${e.stack ?? e}`);
    process.exitCode = 1;
  });
}
