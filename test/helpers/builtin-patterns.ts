/**
 * Patterns the rules compile at load time from data (lexicons), exposed for the ReDoS test.
 * Each rule module that builds regular expressions from data exports `compiledPatterns()`.
 */
import * as rules from '../../server/src/core/rules/index.js';

export function builtinPatterns(): { where: string; source: string; flags: string }[] {
  const out: { where: string; source: string; flags: string }[] = [];
  for (const rule of rules.builtinRules) {
    const withPatterns = rule as unknown as { compiledPatterns?: () => RegExp[] };
    for (const re of withPatterns.compiledPatterns?.() ?? []) out.push({ where: `rule ${rule.meta.id}`, source: re.source, flags: re.flags });
  }
  return out;
}
