/** Where each rule's documentation page lives (the repository's docs/rules/<id>.md). */
export const RULE_DOCS_BASE = 'https://github.com/safeguarding-review-lint/safeguarding-review-lint/blob/main/docs/rules/';

export function ruleDocsUrl(ruleId: string): string {
  return `${RULE_DOCS_BASE}${ruleId}.md`;
}
