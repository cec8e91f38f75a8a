#!/usr/bin/env node
// The soak run (`npm run soak`): a long editing day compressed into a minute or two, measured and printed, not
// asserted (memory depends on the machine and on when V8 collects).
//  1. 50 reviews open at once in one server; resident memory after every ten;
//  2. 10,000 single-character edits at random places in one 250 KB review, sent in bursts of 100 as fast as the
//     pipe takes them (the default 200 ms debounce: superseded versions must never be linted), waiting after each
//     burst for the newest version's diagnostics; resident memory every 1,000 edits, and how many versions were
//     linted;
//  3. between bursts, a malformed request and an unknown method: the server must answer and keep publishing.
// The server runs with its old space capped at 192 MB: left uncapped, V8 puts off collecting and resident memory
// drifts up without any leak, while under the cap a leak ends the server and fails the run.
// It exits 1 if the server dies, stops answering, or publishes an older version's diagnostics last.
// Usage: node scripts/soak.mjs [--quick]   (--quick: 10 reviews and 1,000 edits, for a smoke run)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildLargeReview } from './bench.mjs';
import { LspClient, randomEdit, root, seededRandom, serverMemory } from './lsp-harness.mjs';

const quick = process.argv.includes('--quick');
const OPEN = quick ? 10 : 50;
const EDITS = quick ? 1_000 : 10_000;
const BURST = 100;
const ANSWER_TIMEOUT_MS = 30_000;
const HEAP_CAP_MB = 192;

let serverExit;

function within(promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ANSWER_TIMEOUT_MS / 1000} s: ${what}`)), ANSWER_TIMEOUT_MS);
  });
  const died = serverExit.then((how) => {
    throw new Error(`the server exited (${how}) while waiting for ${what}`);
  });
  died.catch(() => {}); // the server exits at the end of every run, after the last wait
  return Promise.race([promise, timeout, died]).finally(() => clearTimeout(timer));
}

const mb = (x) => (x === undefined ? '?' : `${x.toFixed(0)} MB`);

async function main() {
  if (!fs.existsSync(path.join(root, 'dist', 'server.js'))) throw new Error('run `npm run build` first');
  const large = buildLargeReview();
  // Open reviews of an ordinary length (about 50 KB), each different.
  const ordinary = large.slice(0, 50 * 1024);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-lint-soak-'));
  const client = new LspClient({ debounceMs: 200, nodeArgs: [`--max-old-space-size=${HEAP_CAP_MB}`] });
  let exited = false;
  serverExit = new Promise((resolve) => client.proc.on('exit', (code, signal) => ((exited = true), resolve(signal ?? `code ${code}`))));
  await within(client.start('file://' + dir), 'initialize');
  const pid = client.proc.pid;
  console.log(`Soak: ${OPEN} open reviews of ${(ordinary.length / 1024).toFixed(0)} KB, then ${EDITS.toLocaleString('en-GB')} edits to one of ${(large.length / 1024).toFixed(0)} KB; server heap capped at ${HEAP_CAP_MB} MB; node ${process.version}\n`);
  console.log(`   server started                 resident ${mb(serverMemory(pid, 'VmRSS'))}`);

  console.log(`\n1. Opening ${OPEN} reviews`);
  for (let i = 0; i < OPEN; i++) {
    const uri = `file://${dir}/open-${i}.md`;
    const published = client.diagnostics(uri);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: ordinary.replace('Benchmark', `Review ${i}`) } });
    await within(published, `diagnostics for ${uri}`);
    if ((i + 1) % 10 === 0) console.log(`   ${String(i + 1).padStart(3)} open                       resident ${mb(serverMemory(pid, 'VmRSS'))}`);
  }

  console.log(`\n2. ${EDITS.toLocaleString('en-GB')} edits in bursts of ${BURST}, waiting for the newest version after each burst`);
  const uri = `file://${dir}/edited.md`;
  let text = large;
  let version = 1;
  const opened = client.diagnostics(uri);
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
  await within(opened, 'diagnostics for the edited review');
  const rand = seededRandom(7);
  const samples = [];
  const started = Date.now();
  let malformedAnswered = 0;
  for (let sent = 0; sent < EDITS; ) {
    for (let b = 0; b < BURST && sent < EDITS; b++, sent++) {
      const e = randomEdit(text, rand);
      text = text.slice(0, e.offset) + e.insert + text.slice(e.offset);
      version++;
      client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: e.range, text: e.insert }] });
    }
    const newest = client.diagnostics(uri, version);
    if (sent % 1_000 === 0) {
      // A request with nonsense parameters and a method the server does not know: each gets an answer.
      await within(client.request('textDocument/hover', { textDocument: { uri: 42 }, position: 'nowhere' }), 'a malformed hover request');
      await within(client.request('reviewLint/noSuchMethod', {}), 'an unknown method');
      malformedAnswered += 2;
    }
    await within(newest, `diagnostics for version ${version}`);
    if (sent % 1_000 === 0) {
      const rss = serverMemory(pid, 'VmRSS');
      samples.push({ sent, rss });
      console.log(`   ${sent.toLocaleString('en-GB').padStart(6)} edits   ${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s   resident ${mb(rss)}`);
    }
  }
  if (exited) throw new Error('the server exited during the run');

  // The server's copy of the text must be the client's: every incremental change applied, in order.
  const check = client.diagnostics(uri, version + 1);
  client.notify('textDocument/didChange', { textDocument: { uri, version: version + 1 }, contentChanges: [{ text }] });
  await within(check, 'diagnostics after a full resync');
  await new Promise((resolve) => setTimeout(resolve, 500));
  const lastVersion = client.lastPublished.get(uri)?.version;
  if (lastVersion !== undefined && lastVersion !== version + 1) throw new Error(`the last diagnostics published were for version ${lastVersion}, not the newest (${version + 1})`);

  const linted = (client.publishCount.get(uri) ?? 1) - 1;
  console.log(`   versions linted: ${linted.toLocaleString('en-GB')} of ${(EDITS + 1).toLocaleString('en-GB')} (the others were superseded before their turn)`);
  const peak = serverMemory(pid, 'VmHWM');
  const second = samples.find((s) => s.sent >= EDITS / 5) ?? samples[0];
  const last = samples[samples.length - 1];
  console.log(`\n3. ${malformedAnswered} malformed or unknown requests answered; the server kept publishing`);
  console.log(`\nPeak resident ${mb(peak)}; from ${second.sent.toLocaleString('en-GB')} to ${last.sent.toLocaleString('en-GB')} edits resident went ${mb(second.rss)} → ${mb(last.rss)} (${last.rss !== undefined && second.rss !== undefined ? `${(last.rss - second.rss >= 0 ? '+' : '')}${(last.rss - second.rss).toFixed(0)} MB` : '?'})`);
  await within(client.stop(), 'shutdown');
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(`soak: ${e.message ?? e}`);
  process.exit(1);
});
