/** The JSON Schema of `.reviewlintrc.json`, built from the rule registry so it cannot drift from the rules. */
import { SEVERITY_WORDS } from './config.js';
import { ruleDocsUrl } from './urls.js';
import type { Rule } from './types.js';

export function configJsonSchema(rules: readonly Rule[]): Record<string, unknown> {
  const severity = { type: 'string', enum: SEVERITY_WORDS, description: 'off, hint, info (information), warn (warning) or error.' };
  const ruleProperties: Record<string, unknown> = {};
  for (const rule of rules) {
    ruleProperties[rule.meta.id] = {
      description: `${rule.meta.description} Default: ${rule.meta.prePublication ? 'off except in the publication profile' : rule.meta.defaultSeverity}. ${ruleDocsUrl(rule.meta.id)}`,
      markdownDescription: `${rule.meta.description}\n\n[Documentation](${ruleDocsUrl(rule.meta.id)})`,
      oneOf: [
        severity,
        { type: 'array', items: [severity], minItems: 1, maxItems: 1 },
        { type: 'array', items: [severity, rule.meta.optionsSchema], minItems: 2, maxItems: 2 },
      ],
    };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/safeguarding-review-lint/safeguarding-review-lint/schemas/reviewlintrc.schema.json',
    title: 'Safeguarding Review Lint configuration',
    description: 'Configuration for review-lint (.reviewlintrc.json, .reviewlintrc.yaml or .reviewlintrc.yml).',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      extends: {
        description: 'A shared config file (or several) to start from, relative to this file.',
        oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
      },
      profile: {
        description: 'draft (default) or publication: publication turns on the pre-publication rules and makes identifying details errors.',
        enum: ['draft', 'publication'],
      },
      reviewType: {
        description: 'The kind of review when front matter has no type: (lcspr, rapid-review, sar, learning-briefing, or a template you add).',
        type: 'string',
      },
      namesFile: {
        description: 'A private file of real names that must never appear in the report, one per line. Never commit it.',
        type: 'string',
      },
      rules: {
        description: 'Severity, and options, of each rule.',
        type: 'object',
        additionalProperties: false,
        properties: ruleProperties,
      },
    },
  };
}
