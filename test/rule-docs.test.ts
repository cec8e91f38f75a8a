/** Every registered rule has its documentation page, which hovers, SARIF and the README link to. */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { builtinRules, ruleDocsUrl } from '../server/src/core/index.js';

const docs = path.join(__dirname, '..', 'docs', 'rules');

describe('rule documentation', () => {
  for (const rule of builtinRules) {
    it(`docs/rules/${rule.meta.id}.md exists and is the page for ${rule.meta.id}`, () => {
      const page = path.join(docs, `${rule.meta.id}.md`);
      expect(fs.existsSync(page), page).toBe(true);
      expect(fs.readFileSync(page, 'utf8').split('\n')[0]).toBe(`# ${rule.meta.id}`);
      expect(ruleDocsUrl(rule.meta.id)).toMatch(new RegExp(`/docs/rules/${rule.meta.id}\\.md$`));
    });
  }

  it('has no page for a rule that is not registered', () => {
    const ids = builtinRules.map((r) => `${r.meta.id}.md`).sort();
    expect(fs.readdirSync(docs).filter((f) => f.endsWith('.md')).sort()).toEqual(ids);
  });
});
