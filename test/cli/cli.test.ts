/** The real CLI as a subprocess: formats, exit codes, stdin, directories, ignore files, bad input, bad config. */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { runCli, tempTree, repoRoot } from '../helpers/cli.js';

const OWN_USE = '# Review\n\nStaff found Jade troublesome at school.\n';
const QUOTED = '# Review\n\nRecords described Jade as "troublesome", which framed her as the problem.\n';

interface JsonFinding {
  file: string;
  ruleId: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  suggestions?: { title: string; edits: unknown[] }[];
}

function json(stdout: string): JsonFinding[] {
  return JSON.parse(stdout) as JsonFinding[];
}

describe('review-lint CLI', () => {
  it('prints its version and help', () => {
    const v = runCli(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const h = runCli(['--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('--max-warnings');
    expect(h.stdout).toContain('blame-language');
  });

  it('reports a warning in stylish format with 1-based positions and exits 0', () => {
    const dir = tempTree({ 'a.md': OWN_USE });
    const r = runCli(['a.md'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('a.md');
    expect(r.stdout).toMatch(/3:\d+\s+warning\s+.*blame-language/);
    expect(r.stdout).not.toMatch(/\u001b\[/); // no colour when not a terminal
  });

  it('writes JSON whose columns select the flagged words (endColumn exclusive)', () => {
    const dir = tempTree({ 'a.md': OWN_USE });
    const r = runCli(['--format', 'json', 'a.md'], { cwd: dir });
    expect(r.code).toBe(0);
    const findings = json(r.stdout);
    const f = findings.find((x) => x.ruleId === 'blame-language')!;
    expect(f).toMatchObject({ file: 'a.md', severity: 'warning', line: 3, endLine: 3 });
    const line = OWN_USE.split('\n')[2];
    expect(line.slice(f.column - 1, f.endColumn - 1).toLowerCase()).toContain('troublesome');
    expect(Array.isArray(f.suggestions)).toBe(true);
  });

  it('reports a quoted mention only as information', () => {
    const dir = tempTree({ 'a.md': QUOTED });
    const findings = json(runCli(['--format', 'json', 'a.md'], { cwd: dir }).stdout).filter((f) => f.ruleId === 'blame-language');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.severity === 'information')).toBe(true);
    expect(findings[0].message.toLowerCase()).toContain('quoted');
  });

  it('fails when warnings exceed --max-warnings, and --quiet shows errors only', () => {
    const dir = tempTree({ 'a.md': OWN_USE });
    expect(runCli(['--max-warnings', '0', 'a.md'], { cwd: dir }).code).toBe(1);
    expect(runCli(['--max-warnings', '5', 'a.md'], { cwd: dir }).code).toBe(0);
    const q = runCli(['--quiet', '--format', 'json', 'a.md'], { cwd: dir });
    expect(json(q.stdout)).toEqual([]);
  });

  it('--rule changes a severity, and an error exits 1', () => {
    const dir = tempTree({ 'a.md': OWN_USE });
    const r = runCli(['--rule', 'blame-language:error', '--format', 'json', 'a.md'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(json(r.stdout).some((f) => f.ruleId === 'blame-language' && f.severity === 'error')).toBe(true);
    const off = runCli(['--rule', 'blame-language:off', '--format', 'json', 'a.md'], { cwd: dir });
    expect(json(off.stdout).filter((f) => f.ruleId === 'blame-language')).toEqual([]);
  });

  it('rejects bad usage with exit 2 and a hint', () => {
    for (const args of [['--rule', 'nope:error', 'a.md'], ['--rule', 'blame-language', 'a.md'], ['--format', 'xml', 'a.md'], ['--max-warnings', 'lots', 'a.md'], ['--bogus'], []]) {
      const r = runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/review-lint: /);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
  });

  it('names an unknown option in plain words, with the option that was probably meant', () => {
    expect(runCli(['--proflie', 'publication', 'a.md']).stderr).toMatch(/^review-lint: unknown option --proflie; did you mean --profile\?\n/);
    expect(runCli(['--summery', 'a.md']).stderr).toMatch(/unknown option --summery; did you mean --summary\?/);
    const far = runCli(['--colourful', 'a.md']);
    expect(far.code).toBe(2);
    expect(far.stderr).toMatch(/^review-lint: unknown option --colourful\nRun review-lint --help/);
  });

  it('reads standard input with --stdin-filename', () => {
    const r = runCli(['--format', 'json', '--stdin-filename', 'draft.md', '-'], { input: OWN_USE });
    expect(r.code).toBe(0);
    const findings = json(r.stdout);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.file === 'draft.md')).toBe(true);
  });

  it('recurses into directories, skipping node_modules and .reviewlintignore entries', () => {
    const dir = tempTree({
      'reviews/a.md': OWN_USE,
      'reviews/sub/b.markdown': OWN_USE,
      'reviews/notes.txt': OWN_USE,
      'reviews/node_modules/pkg/c.md': OWN_USE,
      'reviews/archive/d.md': OWN_USE,
      '.reviewlintignore': 'archive/\n',
    });
    const r = runCli(['--format', 'json', 'reviews'], { cwd: dir });
    const files = [...new Set(json(r.stdout).map((f) => f.file))].sort();
    expect(files).toEqual([path.join('reviews', 'a.md'), path.join('reviews', 'sub', 'b.markdown')]);
  });

  it('lints many files across worker threads and reports them in input order', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`many/r${String(i).padStart(2, '0')}.md`] = OWN_USE + '\nThe school found him troublesome.\n'.repeat(i % 3);
    const dir = tempTree(files);
    const r = runCli(['--format', 'json', 'many'], { cwd: dir });
    expect(r.code).toBe(0);
    const findings = json(r.stdout);
    const order = [...new Set(findings.map((f) => f.file))];
    expect(order).toEqual(Object.keys(files).sort().map((f) => path.join(...f.split('/'))));
    for (let i = 0; i < 40; i++) {
      const name = path.join('many', `r${String(i).padStart(2, '0')}.md`);
      expect(findings.filter((f) => f.file === name && f.ruleId === 'blame-language' && f.severity === 'warning').length).toBe(1 + (i % 3));
    }
  });

  it('expands glob patterns', () => {
    const dir = tempTree({ 'x/one.md': OWN_USE, 'x/two.md': OWN_USE, 'y/three.md': OWN_USE });
    const files = [...new Set(json(runCli(['--format', 'json', 'x/*.md'], { cwd: dir }).stdout).map((f) => f.file))].sort();
    expect(files).toEqual(['x/one.md', 'x/two.md']);
  });

  it('skips node_modules and what the searched folder ignores for a pattern reaching outside the current folder', () => {
    const dir = tempTree({ 'a/x.md': OWN_USE, 'a/skip.md': OWN_USE, 'a/.reviewlintignore': 'skip.md\n', 'a/node_modules/pkg/readme.md': OWN_USE, 'b/.keep': '' });
    const linted = (args: string[], cwd: string) => [...new Set(json(runCli(['--format', 'json', ...args], { cwd }).stdout).map((f) => f.file))].sort();
    expect(linted(['../a/**/*.md'], path.join(dir, 'b'))).toEqual(['../a/x.md']);
    expect(linted([path.join(dir, 'a', '**', '*.md')], path.join(dir, 'b')).map((f) => path.basename(f))).toEqual(['x.md']);
    // The folder itself, as a directory argument, is searched alike.
    expect(linted(['../a'], path.join(dir, 'b'))).toEqual([path.join('..', 'a', 'x.md')]);
  });

  it('names missing and binary files, exits 2, and still lints the others', () => {
    const dir = tempTree({ 'good.md': OWN_USE, 'image.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]), 'latin1.md': Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]) });
    const r = runCli(['--format', 'json', 'good.md', 'missing.md', 'image.md', 'latin1.md'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing.md');
    expect(r.stderr).toMatch(/image\.md: .*binary/);
    expect(r.stderr).toMatch(/latin1\.md: .*UTF-8/);
    expect(json(r.stdout).some((f) => f.file === 'good.md')).toBe(true);
  });

  it('says when npm seems to have kept its options (an npm option before review-lint), and only then', () => {
    const dir = tempTree({ 'good.md': OWN_USE });
    const hint = /npm seems to have kept review-lint's options for itself.*npx --no -- review-lint --format json draft\.md/;
    // What `npx --no review-lint --format json good.md` hands over.
    const taken = runCli(['json', 'good.md'], { cwd: dir, env: { npm_command: 'exec' } });
    expect(taken.code).toBe(2);
    expect(taken.stderr).toContain('review-lint: json: no such file or directory');
    expect(taken.stderr).toMatch(hint);
    expect(runCli(['json', 'good.md'], { cwd: dir, env: { npm_command: 'run-script' } }).stderr).not.toMatch(hint);
    // A misspelt file name is only that.
    expect(runCli(['mispelt.md', 'good.md'], { cwd: dir, env: { npm_command: 'exec' } }).stderr).not.toMatch(hint);
    expect(runCli(['good.md', 'json'], { cwd: dir, env: { npm_command: 'exec' } }).stderr).not.toMatch(hint);
    // What `cat good.md | npx --no review-lint - --stdin-filename good.md` hands over.
    const stdin = runCli(['-', 'good.md'], { cwd: dir, env: { npm_command: 'exec' }, input: OWN_USE });
    expect(stdin.code).toBe(2);
    expect(stdin.stderr).toMatch(hint);
  });

  it('takes its options through npx, and says what to do when an npm option before it took them', () => {
    const dir = tempTree({ 'good.md': OWN_USE });
    const file = path.join(dir, 'good.md');
    const npx = (args: string[]) => spawnSync('npx', args, { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
    for (const args of [['review-lint', '--format', 'json', file], ['--no', '--', 'review-lint', '--format', 'json', file]]) {
      const r = npx(args);
      expect(r.status, `npx ${args.join(' ')}: ${r.stderr}`).toBe(0);
      expect(json(r.stdout).map((f) => f.ruleId)).toContain('blame-language');
    }
    const taken = npx(['--no', 'review-lint', '--format', 'json', file]);
    expect(taken.status).toBe(2);
    expect(taken.stderr).toMatch(/npm seems to have kept review-lint's options for itself/);
  });

  it('lints a file that is too large with a clear message instead', () => {
    const dir = tempTree({ 'big.md': Buffer.alloc(10 * 1024 * 1024 + 10, 0x61) });
    const r = runCli(['big.md'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/big\.md: .*MB limit/);
  });

  describe('configuration', () => {
    it('finds .reviewlintrc.json by walking up and applies it', () => {
      const dir = tempTree({ '.reviewlintrc.json': JSON.stringify({ rules: { 'blame-language': 'error' } }), 'deep/er/a.md': OWN_USE });
      const r = runCli(['--format', 'json', 'deep/er/a.md'], { cwd: dir });
      expect(r.code).toBe(1);
      expect(json(r.stdout).find((f) => f.ruleId === 'blame-language')?.severity).toBe('error');
    });

    it('reads YAML config and follows extends', () => {
      const dir = tempTree({
        'shared/base.yaml': 'rules:\n  blame-language: error\n',
        'team/.reviewlintrc.yml': 'extends: ../shared/base.yaml\n',
        'team/a.md': OWN_USE,
      });
      const r = runCli(['--format', 'json', 'team/a.md'], { cwd: dir });
      expect(json(r.stdout).find((f) => f.ruleId === 'blame-language')?.severity).toBe('error');
    });

    it('--config overrides the nearest file', () => {
      const dir = tempTree({ '.reviewlintrc.json': JSON.stringify({ rules: { 'blame-language': 'error' } }), 'quiet.json': JSON.stringify({ rules: { 'blame-language': 'off' } }), 'a.md': OWN_USE });
      const r = runCli(['--format', 'json', '--config', 'quiet.json', 'a.md'], { cwd: dir });
      expect(r.code).toBe(0);
      expect(json(r.stdout).filter((f) => f.ruleId === 'blame-language')).toEqual([]);
    });

    it('accepts a review type with a built-in template, a name for one, or a template the configuration adds', () => {
      const own = { rules: { 'required-section': ['warning', { templates: { 'multi-agency-audit': { sections: [{ id: 'findings', title: 'Findings', headings: ['findings'] }] } } }] } };
      for (const config of [{ reviewType: 'sar' }, { reviewType: 'Rapid review' }, { reviewType: 'multi-agency-audit', ...own }]) {
        const dir = tempTree({ '.reviewlintrc.json': JSON.stringify(config), 'a.md': OWN_USE });
        const r = runCli(['a.md', '--format', 'json'], { cwd: dir });
        expect(r.stderr, JSON.stringify(config)).not.toMatch(/invalid configuration|no template/);
        expect(r.code).toBe(0);
      }
    });

    it('checks the review type once the files it extends are merged, and names the file that set it', () => {
      const template = { 'required-section': ['warning', { templates: { 'mash-audit': { sections: [{ id: 'findings', title: 'Findings', headings: ['findings'] }] } } }] };
      const dir = tempTree({
        'shared/base.json': JSON.stringify({ reviewType: 'mash-audit' }),
        'ok/.reviewlintrc.json': JSON.stringify({ extends: '../shared/base.json', rules: template }),
        'ok/a.md': OWN_USE,
        'bad/.reviewlintrc.json': JSON.stringify({ extends: '../shared/base.json' }),
        'bad/a.md': OWN_USE,
      });
      const ok = runCli(['ok/a.md'], { cwd: dir });
      expect(ok.stderr).not.toMatch(/invalid configuration/);
      expect(ok.code).toBe(0);
      const bad = runCli(['bad/a.md'], { cwd: dir });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/base\.json: reviewType: no template of required sections for "mash-audit"/);
    });

    const bad: [string, string, string, RegExp][] = [
      ['unknown rule', '.reviewlintrc.json', JSON.stringify({ rules: { 'blame-langauge': 'error' } }), /\.reviewlintrc\.json: rules\.blame-langauge: unknown rule/],
      ['bad severity', '.reviewlintrc.json', JSON.stringify({ rules: { 'blame-language': 'loud' } }), /rules\.blame-language: expected one of .*error.*got "loud"/],
      ['wrong type', '.reviewlintrc.json', JSON.stringify({ rules: ['blame-language'] }), /rules: expected an object/],
      ['unknown key', '.reviewlintrc.json', JSON.stringify({ rulez: {} }), /rulez: unknown key/],
      ['bad options', '.reviewlintrc.json', JSON.stringify({ rules: { 'blame-language': ['warning', 'nope'] } }), /rules\.blame-language\[1\]: expected an options object/],
      ['invalid JSON', '.reviewlintrc.json', '{ "rules": ', /\.reviewlintrc\.json: not valid JSON/],
      ['unreadable YAML', '.reviewlintrc.yaml', 'rules: [unclosed\n  - x: :', /\.reviewlintrc\.yaml: not valid YAML/],
      ['missing extends', '.reviewlintrc.json', JSON.stringify({ extends: './nope.json' }), /\.reviewlintrc\.json: extends: "\.\/nope\.json" was not found \(looked for .*nope\.json\)/],
      ['missing extends in a list', '.reviewlintrc.yaml', 'extends:\n  - ../gone/base.yaml\n', /\.reviewlintrc\.yaml: extends: "\.\.\/gone\/base\.yaml" was not found/],
      ['unknown review type', '.reviewlintrc.json', JSON.stringify({ reviewType: 'banana' }), /\.reviewlintrc\.json: reviewType: no template of required sections for "banana"; expected one of lcspr, .*rapid-review/],
    ];
    for (const [name, file, content, pattern] of bad) {
      it(`reports ${name} once, naming the file and key, with exit 2`, () => {
        const dir = tempTree({ [file]: content, 'a.md': OWN_USE, 'b.md': OWN_USE });
        const r = runCli(['a.md', 'b.md'], { cwd: dir });
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(pattern);
        expect(r.stderr.match(/invalid configuration/g)?.length).toBe(1);
        expect(r.stderr).not.toMatch(/\n\s+at /);
      });
    }
  });

  describe('directives', () => {
    const text = [
      '# Review',
      '',
      '<!-- review-lint-disable-next-line blame-language -- quoted from the referral form -->',
      '',
      'Staff found Jade troublesome at school.',
      '',
      'Staff found Amy troublesome too.',
      '',
    ].join('\n');

    it('silence the next non-blank line and list the suppression with its reason in the JSON summary', () => {
      const dir = tempTree({ 'a.md': text });
      const r = runCli(['--format', 'json', '--summary', 'a.md'], { cwd: dir });
      const out = JSON.parse(r.stdout) as { results: JsonFinding[]; summary: { suppressed: number; suppressions: { reason: string; ruleIds: string[]; line: number; suppressed: number }[] } };
      const lines = out.results.filter((f) => f.ruleId === 'blame-language').map((f) => f.line);
      expect(lines).toEqual([7]);
      expect(out.summary.suppressed).toBe(1);
      expect(out.summary.suppressions).toEqual([expect.objectContaining({ reason: 'quoted from the referral form', ruleIds: ['blame-language'], line: 3, suppressed: 1 })]);
    });
  });

  it('--fix applies preferred fixes and leaves the rest of the file untouched', () => {
    // Only the word fix is under test here: the rules that insert whole sections are off.
    const config = JSON.stringify({ rules: { 'manager-accountability': 'off', 'required-section': 'off' } });
    const text = '# Review\n\nStaff noted child prostitution at school.\n\nStaff found Jade troublesome.\n';
    const dir = tempTree({ '.reviewlintrc.json': config, 'a.md': text });
    const before = json(runCli(['--format', 'json', 'a.md'], { cwd: dir }).stdout);
    expect(before.map((f) => f.ruleId)).toEqual(['blame-language', 'blame-language']);
    const r = runCli(['--fix', '--format', 'json', 'a.md'], { cwd: dir });
    expect(r.code).toBe(0);
    // 'child prostitution' has one better phrasing, so it is fixed; 'troublesome' has two, so it is left for the author.
    expect(fs.readFileSync(path.join(dir, 'a.md'), 'utf8')).toBe('# Review\n\nStaff noted sexually exploited child at school.\n\nStaff found Jade troublesome.\n');
    expect(json(r.stdout).map((f) => f.line)).toEqual([5]);
    expect(r.stderr).toBe('review-lint: fixed 1 finding in a.md\n');
    expect(fs.readdirSync(dir).sort()).toEqual(['.reviewlintrc.json', 'a.md']); // no temporary file left behind
    // Nothing left to fix: nothing said, nothing written.
    const again = runCli(['--fix', 'a.md'], { cwd: dir });
    expect(again.stderr).toBe('');
  });

  it('writes SARIF 2.1.0 that validates against the schema', () => {
    // File names that are not URI references as they stand: a space, '#', '%', a colon in the first segment.
    const dir = tempTree({ 'a.md': OWN_USE, 'my review#1.md': OWN_USE, 'sub dir/50%:b.md': OWN_USE, 'c:d.md': OWN_USE, 'abs dir/e#f.md': OWN_USE });
    const absolute = path.join(dir, 'abs dir', 'e#f.md');
    const r = runCli(['--format', 'sarif', 'a.md', 'my review#1.md', 'sub dir/50%:b.md', 'c:d.md', absolute], { cwd: dir });
    expect(r.code).toBe(0);
    const log = JSON.parse(r.stdout);
    const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    // The SARIF schema is draft-04, which Ajv 8 does not read; the schema's own package ships Ajv 6 for it.
    const sarifPackage = path.join(repoRoot, 'node_modules/@microsoft/jest-sarif/package.json');
    const requireFromSarif = createRequire(sarifPackage);
    const Ajv6 = requireFromSarif('ajv');
    const ajv = new Ajv6({ allErrors: true, schemaId: 'auto' });
    ajv.addMetaSchema(requireFromSarif('ajv/lib/refs/json-schema-draft-04.json'));
    const validate = ajv.compile(schema);
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(log.runs[0].tool.driver.rules.map((x: { id: string }) => x.id)).toContain('blame-language');
    expect(log.runs[0].tool.driver.rules[0].helpUri).toMatch(/docs\/rules\/blame-language\.md$/);
    expect(log.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'blame-language')).toMatchObject({ level: 'warning' });
    // Relative paths stay relative, percent-encoded per segment; absolute paths become file URLs.
    const uris = [...new Set(log.runs[0].results.map((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0].physicalLocation.artifactLocation.uri))];
    expect(uris).toEqual(['a.md', 'my%20review%231.md', 'sub%20dir/50%25%3Ab.md', 'c%3Ad.md', pathToFileURL(absolute).href]);
    expect(uris[4]).toMatch(/^file:\/\/.*\/abs%20dir\/e%23f\.md$/);
  });
});
