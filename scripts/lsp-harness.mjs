// What the benchmark and the soak test share: a minimal LSP client that starts the built server over stdio,
// random single-character edits, and the server's memory as the kernel reports it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

export const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** A minimal LSP client over stdio: enough to open, edit and wait for diagnostics. */
export class LspClient {
  /**
   * `debounceMs`: the lint delay after an edit that the client's settings ask for (0: lint every version);
   * `nodeArgs`: options for the server's Node.js (e.g. a heap limit); `server`: another server's script and
   * arguments (the benchmark's floor), in place of review-lint's.
   */
  constructor({ debounceMs = 0, nodeArgs = [], server = [path.join(root, 'dist', 'server.js'), '--stdio'] } = {}) {
    this.debounceMs = debounceMs;
    this.proc = spawn(process.execPath, [...nodeArgs, ...server], { stdio: ['pipe', 'pipe', 'ignore'] });
    // Received bytes not yet read as messages: chunks are joined only once a whole message is there, so a
    // large publish arriving in many pipe reads is not copied again on each read.
    this.chunks = [];
    this.received = 0;
    this.nextId = 1;
    this.pending = new Map();
    this.diagnosticWaiters = [];
    /** The newest publishDiagnostics per document URI. */
    this.lastPublished = new Map();
    /** How many times diagnostics were published, per document URI. */
    this.publishCount = new Map();
    this.expected = undefined;
    this.proc.stdout.on('data', (chunk) => this.onData(chunk));
    // A server that dies must fail the run, not leave it waiting on an empty event loop (which exits 0).
    this.proc.on('exit', (code, signal) => {
      if (this.stopping || (this.pending.size === 0 && this.diagnosticWaiters.length === 0)) return;
      console.error(`the language server exited unexpectedly (${signal ?? `code ${code}`})`);
      process.exit(1);
    });
  }

  onData(chunk) {
    this.chunks.push(chunk);
    this.received += chunk.length;
    for (;;) {
      if (this.expected !== undefined && this.received < this.expected) return;
      let buffer = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.received);
      const headerEnd = buffer.indexOf('\r\n\r\n');
      if (headerEnd === -1) return this.keep(buffer, undefined);
      const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString())[1]);
      const end = headerEnd + 4 + length;
      if (buffer.length < end) return this.keep(buffer, end);
      const msg = JSON.parse(buffer.subarray(headerEnd + 4, end).toString('utf8'));
      buffer = buffer.subarray(end);
      this.keep(buffer, undefined);
      this.onMessage(msg);
      if (!buffer.length) return;
    }
  }

  /** Keep unread bytes; `expected`: how many bytes the message being received needs in all. */
  keep(buffer, expected) {
    this.chunks = buffer.length ? [buffer] : [];
    this.received = buffer.length;
    this.expected = expected;
  }

  onMessage(msg) {
    if (msg.id !== undefined && msg.method === undefined) {
      this.pending.get(msg.id)?.(msg.result);
      this.pending.delete(msg.id);
    } else if (msg.method === 'textDocument/publishDiagnostics') {
      const now = performance.now();
      this.lastPublished.set(msg.params.uri, msg.params);
      this.publishCount.set(msg.params.uri, (this.publishCount.get(msg.params.uri) ?? 0) + 1);
      this.diagnosticWaiters = this.diagnosticWaiters.filter((w) => !(w.uri === msg.params.uri && (w.version === undefined || msg.params.version === undefined || msg.params.version >= w.version) && (w.resolve(now), true)));
    } else if (msg.id !== undefined && msg.method) {
      // Requests from the server: configuration gets this client's settings, anything else null.
      const result = msg.method === 'workspace/configuration' ? msg.params.items.map(() => ({ enable: true, run: 'onType', debounceMs: this.debounceMs })) : null;
      this.send({ jsonrpc: '2.0', id: msg.id, result });
    }
  }

  send(msg) {
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }

  request(method, params) {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method, params) {
    this.send({ jsonrpc: '2.0', method, params });
  }

  diagnostics(uri, version) {
    return new Promise((resolve) => this.diagnosticWaiters.push({ uri, version, resolve }));
  }

  async start(rootUri) {
    await this.request('initialize', {
      processId: process.pid,
      rootUri,
      capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
      initializationOptions: { debounceMs: this.debounceMs },
    });
    this.notify('initialized', {});
  }

  async stop() {
    this.stopping = true;
    await this.request('shutdown', null);
    this.notify('exit', null);
  }
}

export function randomEdit(text, rand) {
  const offset = Math.floor(rand() * text.length);
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  const character = offset - (before.lastIndexOf('\n') + 1);
  const insert = 'abcdefghijklmnopqrstuvwxyz '[Math.floor(rand() * 27)];
  return { offset, insert, range: { start: { line, character }, end: { line, character } } };
}

/** A seeded generator, so that every run makes the same edits. */
export function seededRandom(seed = 42) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
}

/** A process's memory in MB from /proc (Linux): `VmHWM` its peak resident size, `VmRSS` its current one. */
export function serverMemory(pid, field = 'VmHWM') {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status);
    return kb ? Number(kb[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

