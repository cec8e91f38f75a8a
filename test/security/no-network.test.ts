/**
 * Review drafts are confidential: no bundle the project ships may reach the network. Scans the built
 * bundles for Node's network modules and for network calls, and checks the stub that replaces them.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../helpers/cli.js';

const dist = path.join(repoRoot, 'dist');
const NETWORK_REQUIRE = /require\(\s*["'](?:node:)?(?:http|https|http2|net|tls|dgram|dns|undici)["']\s*\)/g;
const NETWORK_IMPORT = /\bfrom\s*["'](?:node:)?(?:http|https|http2|net|tls|dgram|dns|undici)["']/g;
// A call, not a method of the same name being defined (`fetch(c) {` in a parser's class).
const NETWORK_CALL = /(?<![\w$.]|\bfunction\s)(?:fetch|XMLHttpRequest|WebSocket|EventSource)\s*\((?![^()\n]{0,200}\)\s*\{)|(?:globalThis|window|self)\.fetch\s*\(|new\s+(?:WebSocket|XMLHttpRequest|EventSource)\b|navigator\.sendBeacon/g;

describe('no network', () => {
  const bundles = fs.existsSync(dist) ? fs.readdirSync(dist).filter((f) => f.endsWith('.js')) : [];

  it('the bundles are built', () => {
    expect(bundles).toEqual(expect.arrayContaining(['cli.js', 'core.js']));
  });

  for (const bundle of bundles) {
    it(`${bundle} loads no network module and makes no network call`, () => {
      const code = fs.readFileSync(path.join(dist, bundle), 'utf8');
      expect(code.match(NETWORK_REQUIRE) ?? []).toEqual([]);
      expect(code.match(NETWORK_IMPORT) ?? []).toEqual([]);
      expect(code.match(NETWORK_CALL) ?? []).toEqual([]);
      expect(code).not.toMatch(/telemetry(?:Reporter|Client)|applicationinsights/i);
    });
  }

  it('the scan would notice a network module', () => {
    expect('const h = require("https");'.match(NETWORK_REQUIRE)).toHaveLength(1);
    expect('await fetch(url)'.match(NETWORK_CALL)).toHaveLength(1);
    expect('x.prefetch(a)'.match(NETWORK_CALL)).toBeNull();
    expect('globalThis.fetch(url, { method: "POST" })'.match(NETWORK_CALL)).toHaveLength(1);
    expect('fetch(url, { body }).then(f)'.match(NETWORK_CALL)).toHaveLength(1);
    expect('class Shapes {\n  fetch(c) {\n    return c;\n  }\n}'.match(NETWORK_CALL)).toBeNull();
  });
});
