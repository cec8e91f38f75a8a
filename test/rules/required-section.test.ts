/** required-section beyond the fixtures: configured templates are user patterns (safety and workspace trust). */
import { describe, expect, it } from 'vitest';
import { builtinRules, lint, resolveConfig, validateConfig } from '../../server/src/core/index.js';

function configWith(templates: Record<string, unknown>, trusted = true) {
  const { layer, problems } = validateConfig({ rules: { 'required-section': ['warning', { templates }] } }, 'test', builtinRules);
  expect(problems).toEqual([]);
  return resolveConfig(layer, { trusted });
}

function sections(text: string, config: ReturnType<typeof resolveConfig>) {
  const result = lint(text, { config });
  return {
    messages: result.findings.filter((f) => f.ruleId === 'required-section').map((f) => f.message),
    notices: result.notices.map((n) => n.message).filter((m) => m.startsWith('required-section')),
  };
}

const catastrophic = '^(a+)+$';
const review = (type: string, heading: string) => `---\ntype: ${type}\n---\n\n# Review\n\n## ${heading}\n\nText.\n`;

describe('required-section templates from configuration', () => {
  it('refuses a heading pattern that could backtrack catastrophically, and still checks the other sections', () => {
    const config = configWith({ custom: { sections: [{ id: 'a', title: 'Alpha', headings: [catastrophic] }, { id: 'b', title: 'Beta', headings: ['beta'] }] } });
    // A heading that makes ^(a+)+$ backtrack exponentially if it were run.
    const { messages, notices } = sections(review('custom', `${'a'.repeat(40)}!`), config);
    expect(notices).toEqual([expect.stringMatching(/section "a" is not checked: heading "\^\(a\+\)\+\$": the pattern could take a very long time/)]);
    expect(messages).toEqual([expect.stringContaining('no section on beta')]);
  });

  it('names an invalid heading pattern instead of failing the rule', () => {
    const config = configWith({ custom: { sections: [{ id: 'a', title: 'Alpha', headings: ['(unclosed'] }] } });
    const { notices } = sections(review('custom', 'Anything'), config);
    expect(notices).toEqual([expect.stringMatching(/section "a" is not checked: heading "\(unclosed": the pattern is not a valid regular expression/)]);
  });

  it('does not use configured templates in an untrusted workspace, and says so; the built-in ones still apply', () => {
    const templates = { lcspr: { sections: [{ id: 'only', title: 'Only this', headings: ['only this'] }] } };
    const trusted = sections(review('lcspr', 'Only this'), configWith(templates, true));
    expect(trusted.messages).toEqual([]);
    const untrusted = sections(review('lcspr', 'Only this'), configWith(templates, false));
    expect(untrusted.notices).toEqual([expect.stringContaining("templates in this workspace's configuration (lcspr) are not used because the workspace is not trusted")]);
    // The built-in LCSPR template judges the document instead: its sections are missing.
    expect(untrusted.messages.length).toBeGreaterThan(3);
  });
});
