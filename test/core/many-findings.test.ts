/** More findings than the stack has room for as call arguments: none may be lost to `push(...array)`. */
import { describe, expect, it } from 'vitest';
import { lint } from '../../server/src/core/index.js';
import { formatJson, formatStylish } from '../../server/src/cli/formatters.js';
import type { Finding } from '../../server/src/core/types.js';

const N = 160_000;

describe('documents with very many findings', () => {
  it('keeps every finding of one rule past 150,000, with no rule skipped', () => {
    const text = 'troublesome\n'.repeat(N);
    const result = lint(text);
    expect(result.notices.map((n) => n.message).filter((m) => /failed and was skipped/.test(m))).toEqual([]);
    const blame = result.findings.filter((f) => f.ruleId === 'blame-language');
    expect(blame.length).toBe(N);
    expect(blame[N - 1].range).toEqual({ start: (N - 1) * 12, end: (N - 1) * 12 + 11 });
  }, 60_000);

  it('formats them as stylish and JSON output', () => {
    const text = 'x\n'.repeat(N);
    const findings: Finding[] = Array.from({ length: N }, (_, i) => ({ ruleId: 'blame-language', severity: 'warning', message: 'm', range: { start: 2 * i, end: 2 * i + 1 } }));
    const outcome = { file: 'many.md', text, result: { findings, suppressions: [], notices: [] } };
    const stylish = formatStylish([outcome], false).split('\n');
    expect(stylish.filter((l) => l.includes('blame-language')).length).toBe(N);
    expect(stylish.at(-1)).toContain(`${N} problems`);
    expect((JSON.parse(formatJson([outcome], false)) as unknown[]).length).toBe(N);
  }, 60_000);
});
