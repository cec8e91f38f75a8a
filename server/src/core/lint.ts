/**
 * `lint(text, options)`: parse once, run every enabled rule over the shared document model, apply
 * inline directives. Pure and total: any input gives a result, and a rule that throws costs only its own
 * findings (reported as a notice).
 */
import { parseDocument, type ReviewDocument } from './document.js';
import { applyDirectives } from './directives.js';
import { DEFAULT_CONFIG, effectiveSetting } from './config.js';
import { builtinRules } from './rules/index.js';
import type { Finding, LintHost, LintNotice, LintOptions, LintResult, Rule } from './types.js';

const NO_HOST: LintHost = {};

export function lint(text: string, options: LintOptions = {}): LintResult {
  let doc: ReviewDocument;
  try {
    doc = parseDocument(typeof text === 'string' ? text : String(text ?? ''));
  } catch (e) {
    return { findings: [], suppressions: [], notices: [{ message: `could not parse the document: ${errorMessage(e)}` }] };
  }
  return lintDocument(doc, options);
}

export function lintDocument(doc: ReviewDocument, options: LintOptions = {}): LintResult {
  const config = options.config ?? DEFAULT_CONFIG;
  const rules = options.rules ?? builtinRules;
  const host = options.host ?? NO_HOST;
  const findings: Finding[] = [];
  const notices: LintNotice[] = [];
  if (doc.frontMatter.error) notices.push({ message: doc.frontMatter.error, range: doc.frontMatter.range });
  for (const n of doc.parseNotices) notices.push(n);

  for (const rule of rules) {
    const setting = effectiveSetting(rule, config);
    if (!setting) continue;
    const ruleFindings: Finding[] = [];
    try {
      rule.check({
        doc,
        options: setting.options,
        severity: setting.severity,
        config,
        host,
        report(input) {
          const range = clampRange(input.range, doc.text.length);
          ruleFindings.push({ ...input, range, ruleId: rule.meta.id, severity: input.severity ?? setting.severity });
        },
        notice(n) {
          notices.push({ ...n, message: `${rule.meta.id}: ${n.message}` });
        },
      });
      // A loop, not push(...ruleFindings): spreading an unbounded array overflows the stack (~120k findings).
      for (const f of ruleFindings) findings.push(f);
    } catch (e) {
      notices.push({ message: `rule ${rule.meta.id} failed and was skipped: ${errorMessage(e)}` });
    }
  }
  findings.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end || a.ruleId.localeCompare(b.ruleId));
  const known = new Set(rules.map((r) => r.meta.id));
  const directed = applyDirectives(doc, findings, known);
  return { findings: directed.findings, suppressions: directed.suppressions, notices: [...notices, ...directed.notices] };
}

function clampRange(range: { start: number; end: number }, length: number) {
  const start = Math.max(0, Math.min(Number.isFinite(range.start) ? range.start : 0, length));
  const end = Math.max(start, Math.min(Number.isFinite(range.end) ? range.end : start, length));
  return { start, end };
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function ruleById(id: string, rules: readonly Rule[] = builtinRules): Rule | undefined {
  return rules.find((r) => r.meta.id === id);
}
