/** The readiness report: the pure HTML renderer (figures, escaping, no external resources) and `review-lint report`. */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { lint } from '../../server/src/core/lint.js';
import { effectiveSetting, resolveConfig } from '../../server/src/core/config.js';
import { builtinRules } from '../../server/src/core/rules/index.js';
import type { ResolvedConfig } from '../../server/src/core/types.js';
import { computeFigures, renderReport, type ReportDocument, type ReportInput } from '../../server/src/cli/report.js';
import { runCli, tempTree } from '../helpers/cli.js';

const MANAGERS = `## Leadership and management oversight

Senior managers knew about the caseload pressures in the team and did not act. The head of service did not
review supervision records, and middle managers accepted caseloads of forty children per worker. The decisions
managers made about resources and oversight are analysed here.
`;

/** A review with blaming words in its own voice, a quoted mention, uncited claims and an allowance with a reason. */
const REVIEW_A = `# Review of Child A

## Analysis

Staff found Child A troublesome at school. The mother refused to engage with services.

Records described her as "troublesome", which framed her as the problem.

Research shows that children who go missing are at greater risk. Around 70% of them are exploited.

<!-- review-lint-disable-next-line blame-language -- quoted from the police log -->

The police log said she was putting herself at risk.

${MANAGERS}`;

/** No managers section; the same blaming term again; one uncited claim. */
const REVIEW_B = `# Review of Child B

## Analysis

The family were troublesome and refused to engage. Research shows that neglect is under-reported.
`;

function documentFor(file: string, text: string, config: ResolvedConfig = resolveConfig({}, { profile: 'publication' })): ReportDocument {
  return {
    file,
    text,
    result: lint(text, { config }),
    enabledRules: builtinRules.filter((r) => effectiveSetting(r, config)).map((r) => r.meta.id),
  };
}

function input(documents: ReportDocument[]): ReportInput {
  return { documents, rules: builtinRules.map((r) => r.meta), profile: 'publication', generatedAt: '1 January 2026, 09:00 UTC', version: '0.0.0-test' };
}

/** The text a reader sees: tags dropped, entities decoded, white space collapsed. */
function visibleText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

describe('report figures', () => {
  it('count blaming terms used in the review’s own words, uncited claims per review and reviews analysing managers', () => {
    const a = documentFor('a.md', REVIEW_A);
    const b = documentFor('b.md', REVIEW_B);
    const fig = computeFigures(input([a, b]));

    const ownWords = (d: ReportDocument) => d.result!.findings.filter((f) => f.ruleId === 'blame-language' && !f.data?.mention);
    const expectedUses = (term: string) => [a, b].flatMap(ownWords).filter((f) => f.data?.term === term).length;
    expect(expectedUses('troublesome')).toBe(2);
    const troublesome = fig.blamingTerms.find((t) => t.term === 'troublesome')!;
    expect(troublesome).toMatchObject({ uses: 2, reviews: 2 });
    // The quoted "troublesome" in A is an information-level mention and is not counted; nor is the allowed phrase.
    expect(fig.blamingTerms.some((t) => t.term.includes('putting herself at risk'))).toBe(false);

    const uncited = (d: ReportDocument) => d.result!.findings.filter((f) => f.ruleId === 'uncited-claim').length;
    expect(fig.documents.map((d) => d.uncitedClaims)).toEqual([uncited(a), uncited(b)]);
    expect(uncited(a)).toBeGreaterThan(uncited(b));

    expect(fig.documents.map((d) => d.analysesManagers)).toEqual([true, false]);
    expect(fig.managers).toEqual({ analysed: 1, checked: 2 });
  });

  it('say "not checked" when the manager-accountability rule is off', () => {
    const off = resolveConfig({ rules: { 'manager-accountability': { severity: 'off' } } }, { profile: 'publication' });
    const fig = computeFigures(input([documentFor('a.md', REVIEW_A, off), documentFor('b.md', REVIEW_B, off)]));
    expect(fig.managers.checked).toBe(0);
    expect(fig.documents[0].checklist.find((c) => /managers/.test(c.label))!.state).toBe('not-checked');
    const html = visibleText(renderReport(input([documentFor('a.md', REVIEW_A, off), documentFor('b.md', REVIEW_B, off)])));
    expect(html).toContain('Not checked: the manager-accountability rule is off');
  });

  it('fail the reason check when an allowance gives none', () => {
    const text = '# R\n\n<!-- review-lint-disable-next-line blame-language -->\n\nShe was troublesome.\n';
    const fig = computeFigures(input([documentFor('r.md', text)]));
    expect(fig.suppressionsWithoutReason).toBe(1);
    expect(fig.documents[0].checklist.find((c) => /reason/.test(c.label))).toMatchObject({ state: 'fail' });
    expect(visibleText(renderReport(input([documentFor('r.md', text)])))).toContain('No reason given');
  });
});

describe('renderReport', () => {
  it('groups findings under the five themes and lists every allowance with its reason', () => {
    const html = visibleText(renderReport(input([documentFor('a.md', REVIEW_A)])));
    for (const theme of ['Language about children and families', 'Accountability and required sections', 'Evidence', 'Anonymisation', 'Plain English']) expect(html).toContain(theme);
    expect(html).toContain('quoted from the police log');
    expect(html).toContain('Sign-off checklist');
  });

  it('shows the counts of the lint result', () => {
    const a = documentFor('a.md', REVIEW_A);
    const count = (s: string) => a.result!.findings.filter((f) => f.severity === s).length;
    const html = visibleText(renderReport(input([a])));
    expect(html).toContain(` ${count('error')} must fix `);
    expect(html).toContain(` ${count('warning')} should fix `);
    expect(count('warning')).toBeGreaterThan(0);
  });

  it('escapes everything taken from a review: a <script> in a review never becomes markup', () => {
    const hostile = `---
title: "<script>alert('title')</script>"
---

# Heading <img src=x onerror=alert(1)>

## Analysis

The family were troublesome <script>alert("body")</script> at home.

<!-- review-lint-disable-next-line blame-language -- reason with <b>markup</b> & "quotes" -->

She was troublesome.
`;
    const html = renderReport(input([documentFor('<evil>.md', hostile), documentFor('b.md', REVIEW_B)]));
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<b>markup/);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('&lt;evil&gt;.md');
    expect(visibleText(html)).toContain('reason with <b>markup</b> & "quotes"');
  });

  it('has no external resources, scripts or remote links', () => {
    const html = renderReport(input([documentFor('a.md', REVIEW_A + '\nSee [the guidance](https://example.org/guide).\n'), documentFor('b.md', REVIEW_B)]));
    expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toMatch(/<script|<link\b|@import|url\(/i);
    expect(html).toMatch(/<svg[^>]*role="img"/);
  });

  it('never copies identifying details into the report', () => {
    const text = '# Review\n\n## Background\n\nHer GP practice, Hollowmere Surgery, saw her twice. Her date of birth (12 June 2009) was recorded.\n';
    const doc = documentFor('r.md', text);
    expect(doc.result!.findings.filter((f) => f.ruleId === 'identifying-detail').length).toBeGreaterThanOrEqual(2);
    const html = renderReport(input([doc]));
    expect(html).not.toContain('Hollowmere');
    expect(html).not.toContain('12 June 2009');
    expect(visibleText(html)).toContain('Anonymisation (2 findings)');
  });

  it('counts allowed findings with a reason apart from those allowed without one', () => {
    const text =
      '# Review\n\n## Analysis\n\n<!-- review-lint-disable-next-line blame-language -- the mother\'s own words -->\nShe said the boy was troublesome.\n\n' +
      '<!-- review-lint-disable-next-line blame-language -->\nStaff found him troublesome and a difficult child.\n';
    const doc = documentFor('r.md', text);
    const allowed = doc.result!.suppressions.map((s) => [!!s.reason, s.suppressed.length]);
    expect(allowed).toEqual([
      [true, 1],
      [false, 2],
    ]);
    const seen = visibleText(renderReport(input([doc])));
    expect(seen).toContain('1 allowed with a reason');
    expect(seen).toContain('2 allowed without a reason');
  });

  it('hides identifying details that share a line, or the title, with findings of other rules', () => {
    const text =
      '# Review of Child B, born 12 June 2009\n\n## Background\n\n' +
      'Child B, born 12 June 2009, of 14 Acacia Road, LS6 2QT, was putting herself at risk. Research shows that 70% of such girls are exploited.\n';
    const doc = documentFor('r.md', text);
    const identifying = doc.result!.findings.filter((f) => f.ruleId === 'identifying-detail').map((f) => text.slice(f.range.start, f.range.end));
    expect(identifying.join(' ')).toMatch(/12 June 2009/);
    expect(identifying.join(' ')).toMatch(/Acacia Road/);
    const others = doc.result!.findings.filter((f) => f.ruleId !== 'identifying-detail' && text.slice(0, f.range.start).split('\n').length === 5);
    expect(others.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['blame-language', 'uncited-claim']));
    const html = renderReport(input([doc]));
    for (const detail of ['12 June 2009', 'Acacia Road', 'LS6 2QT']) expect(html).not.toContain(detail);
    const seen = visibleText(html);
    // The rest of the line is still there to read, with the details marked as hidden.
    expect(seen).toMatch(/Child B, born \[hidden\]/);
    expect(seen).toContain('putting herself at risk');
    expect(seen).toContain('Review of Child B, born [hidden]');
  });

  it('hides identifying details in the messages of findings inside them, and in the reasons given for allowances', () => {
    const text =
      '# Review\n\n## Analysis\n\nThe vehicle AB12 CDE was seen outside the flat.\n\n' +
      '<!-- review-lint-disable-next-line blame-language -- his mother at 14 Acacia Avenue asked for the words -->\nStaff found him troublesome at 14 Acacia Avenue.\n';
    const doc = documentFor('r.md', text);
    const rules = doc.result!.findings.map((f) => `${f.ruleId} ${text.slice(f.range.start, f.range.end)}`);
    expect(rules).toEqual(expect.arrayContaining(['identifying-detail AB12 CDE', 'undefined-acronym AB12', 'undefined-acronym CDE']));
    const html = renderReport(input([doc]));
    for (const detail of ['AB12', 'CDE', 'Acacia']) expect(html).not.toContain(detail);
    expect(visibleText(html)).toContain('his mother at [hidden] asked for the words');
  });

  it('adds a table of contents and the partnership figures only for several reviews', () => {
    const one = visibleText(renderReport(input([documentFor('a.md', REVIEW_A)])));
    expect(one).not.toContain('Across the reviews');
    expect(one).not.toContain('Contents');
    const two = renderReport(input([documentFor('a.md', REVIEW_A), documentFor('b.md', REVIEW_B)]));
    expect(visibleText(two)).toContain('1 of 2 reviews (50%) analyse the role and accountability');
    expect(two).toMatch(/<nav class="toc"[\s\S]*href="#review-1"[\s\S]*href="#review-2"/);
    expect(two).toContain('id="review-1"');
    expect(two).toContain('id="review-2"');
  });

  it('reports a file that could not be read', () => {
    const html = visibleText(renderReport(input([{ file: 'gone.md', error: 'gone.md: no such file', enabledRules: [] }, documentFor('b.md', REVIEW_B)])));
    expect(html).toContain('Could not be checked: gone.md: no such file');
    expect(html).toContain('some files could not be checked');
  });
});

describe('review-lint report', () => {
  it('writes the report for a folder; exit 1 while errors remain (publication profile by default)', () => {
    // A date of birth is an error in the publication profile only.
    const dir = tempTree({ 'reviews/a.md': REVIEW_A, 'reviews/b.md': `${REVIEW_B}\nHer date of birth (12 June 2009) was on every form.\n` });
    const errors = JSON.parse(runCli(['--format', 'json', '--profile', 'publication', 'reviews'], { cwd: dir }).stdout).filter((f: { severity: string }) => f.severity === 'error').length;
    expect(errors).toBeGreaterThan(0);
    // out/ does not exist: the write fails cleanly.
    const r = runCli(['report', 'reviews', '--out', 'out/report.html'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write the report/);
    fs.mkdirSync(path.join(dir, 'out'));
    const ok = runCli(['report', 'reviews', '--out', 'out/report.html'], { cwd: dir });
    expect(ok.code).toBe(1);
    const html = fs.readFileSync(path.join(dir, 'out', 'report.html'), 'utf8');
    expect(visibleText(html)).toContain(` ${errors} must fix `);
    expect(visibleText(html)).toContain('Across the reviews');
  });

  it('exits 0 with --profile draft when no errors remain', () => {
    const dir = tempTree({ 'a.md': REVIEW_B });
    const draftErrors = JSON.parse(runCli(['--format', 'json', 'a.md'], { cwd: dir }).stdout).filter((f: { severity: string }) => f.severity === 'error');
    expect(draftErrors).toEqual([]);
    const r = runCli(['report', 'a.md', '--profile', 'draft', '--out', 'r.html'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(visibleText(fs.readFileSync(path.join(dir, 'r.html'), 'utf8'))).toContain('against the drafting checks');
  });

  it('rejects usage mistakes with exit 2 and writes nothing', () => {
    const dir = tempTree({ 'a.md': REVIEW_B });
    const cases: [string[], RegExp][] = [
      [['report', 'a.md'], /report needs --out/],
      [['report', '--out', 'r.html'], /no files or folders/],
      [['report', 'a.md', '--out', 'r.html', '--format', 'json'], /--format is not used/],
      [['report', 'a.md', '--out', 'r.html', '--baseline', 'b.json'], /--baseline is not used/],
      [['report', 'a.md', '--out', 'r.html', '--profile', 'final'], /--profile expects/],
      [['a.md', '--out', 'r.html'], /--out is only for/],
    ];
    for (const [args, message] of cases) {
      const r = runCli(args, { cwd: dir });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(fs.existsSync(path.join(dir, 'r.html'))).toBe(false);
    }
  });

  it('hides identifying details in a title from the front matter, which the rules do not read', () => {
    const dir = tempTree({ 'a.md': '---\ntitle: "Review of the family at 14 Acacia Avenue, LS6 2AB"\n---\n\n' + REVIEW_B });
    const r = runCli(['report', 'a.md', '--out', 'r.html'], { cwd: dir });
    expect(r.stderr).toContain('wrote the readiness report r.html');
    const html = fs.readFileSync(path.join(dir, 'r.html'), 'utf8');
    expect(html).not.toMatch(/Acacia|LS6/);
    expect(visibleText(html)).toContain('Review of the family at [hidden]');
  });

  it('names the report it could not write, not the temporary file it writes through', () => {
    const dir = tempTree({ 'a.md': REVIEW_B });
    const r = runCli(['report', 'a.md', '--out', 'no-such-folder/r.html'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('review-lint: cannot write the report no-such-folder/r.html: its folder does not exist');
    expect(r.stderr).not.toMatch(/\.tmp/);
  });

  it('still writes the report, with exit 2, when a named file is missing', () => {
    const dir = tempTree({ 'a.md': REVIEW_B });
    const r = runCli(['report', 'a.md', 'missing.md', '--profile', 'draft', '--out', 'r.html'], { cwd: dir });
    expect(r.code).toBe(2);
    const seen = visibleText(fs.readFileSync(path.join(dir, 'r.html'), 'utf8'));
    expect(seen).toContain('missing.md');
    // A file that could not be read is not counted as a review checked.
    expect(seen).toMatch(/1 review checked against the drafting checks on .* \(1 more could not be checked\)\./);
    expect(r.stderr).toContain('(1 review, 1 more not checked, 0 errors)');
  });

  it('is described in --help', () => {
    const h = runCli(['--help']);
    expect(h.stdout).toContain('review-lint report');
    expect(h.stdout).toContain('--out <file>');
    expect(h.stdout).toContain('--baseline <file>');
  });
});
