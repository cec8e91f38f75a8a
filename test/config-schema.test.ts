/** The shipped JSON Schema of .reviewlintrc.json matches the rule registry (regenerate with UPDATE_SCHEMA=1). */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { builtinRules } from '../server/src/core/index.js';
import { configJsonSchema } from '../server/src/core/config-schema.js';

const file = path.join(__dirname, '..', 'schemas', 'reviewlintrc.schema.json');

describe('config JSON Schema', () => {
  const schema = configJsonSchema(builtinRules);
  it('is current', () => {
    const text = JSON.stringify(schema, null, 2) + '\n';
    if (process.env.UPDATE_SCHEMA) fs.writeFileSync(file, text);
    expect(fs.readFileSync(file, 'utf8')).toBe(text);
  });
  it('accepts a valid config and rejects a bad one', () => {
    const validate = new Ajv({ strict: false }).compile(schema);
    expect(validate({ profile: 'publication', rules: { 'blame-language': 'error', 'uncited-claim': ['warn'] } })).toBe(true);
    expect(validate({ rules: { 'no-such-rule': 'error' } })).toBe(false);
    expect(validate({ rules: { 'blame-language': 'loud' } })).toBe(false);
    expect(validate({ profile: 'final' })).toBe(false);
  });
});

describe('the editor setting reviewLint.rules', () => {
  it('offers the same severity names as a configuration file', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'));
    const offered: string[] = manifest.contributes.configuration.properties['reviewLint.rules'].additionalProperties.enum;
    const schema = configJsonSchema(builtinRules) as { properties: { rules: { properties: Record<string, { oneOf: { type?: string; enum?: string[] }[] }> } } };
    const ruleSchema = schema.properties.rules.properties['blame-language'];
    const inFiles = ruleSchema.oneOf.find((s) => s.type === 'string')!.enum!;
    expect([...offered].sort()).toEqual([...inFiles].sort());
  });
});
