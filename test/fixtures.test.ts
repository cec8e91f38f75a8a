/** Runs every Markdown fixture under test/fixtures/<rule-id>/ against its expectation markers. */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { builtinRules } from '../server/src/core/index.js';
import { checkFixture, fixtureFiles } from './helpers/fixtures.js';

const root = path.join(__dirname, 'fixtures');
const ruleDirs = fs.readdirSync(root).filter((d) => fs.statSync(path.join(root, d)).isDirectory());

describe('fixtures', () => {
  it('name only known rules', () => {
    const known = new Set(builtinRules.map((r) => r.meta.id));
    expect(ruleDirs.filter((d) => !known.has(d))).toEqual([]);
  });
  for (const ruleId of ruleDirs) {
    describe(ruleId, () => {
      for (const file of fixtureFiles(ruleId)) {
        it(path.basename(file), () => {
          expect(checkFixture(file, ruleId)).toEqual([]);
        });
      }
    });
  }
});
