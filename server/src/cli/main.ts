/**
 * `review-lint`: lint safeguarding reviews from the command line; `review-lint report` writes the readiness report.
 * Exit codes: 0 clean (warnings within --max-warnings), 1 errors or too many warnings, 2 usage, config or I/O error.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { builtinRules } from '../core/rules/index.js';
import { effectiveSetting, parseSeverity, resolveConfig } from '../core/config.js';
import { applyEdits, preferredFixes } from '../core/edits.js';
import type { SeveritySetting } from '../core/types.js';
import { parseDocument } from '../core/document.js';
import { expandArguments } from '../node/files.js';
import { lintBytesAt, lintTextAt, type FileOutcome, type LintFileOptions } from '../node/lint-file.js';
import { lintFiles } from './parallel.js';
import { writeFileAtomic } from '../node/atomic-write.js';
import { formatJson, formatSarif, formatStylish, VERSION } from './formatters.js';
import { applyBaseline, BaselineError, createBaseline, readBaseline, writeBaseline } from './baseline.js';
import { renderReport, type ReportDocument } from './report.js';
import { loadConfigFor } from '../node/config-files.js';

export const HELP = `Usage: review-lint <files | directories | globs> [options]
       review-lint - --stdin-filename NAME [options]      (read one review from standard input)
       review-lint report <files | directories> --out report.html [options]

Lints draft safeguarding practice reviews written in Markdown. Directories are searched for *.md files,
skipping node_modules and whatever .reviewlintignore names.

Options:
  -f, --format <stylish|json|sarif>  output format (default: stylish)
      --summary                      with --format json: print {results, summary} with counts and every
                                     suppression and its reason
  -q, --quiet                        report errors only
      --max-warnings <n>             exit 1 when there are more than n warnings
      --rule <id:severity>           set a rule's severity (off, hint, info, warning, error); repeatable
  -c, --config <file>                use this config file instead of the nearest .reviewlintrc.*
      --profile <draft|publication>  publication turns on the pre-publication rules and makes
                                     identifying details errors
      --stdin-filename <name>        the name to report (and to find config from) for standard input
      --fix                          apply each finding's preferred fix to the files (written atomically)
      --baseline <file>              accept the findings already there: the first run writes <file> and
                                     reports nothing; later runs report only findings not in <file>
      --color, --no-color            force colour on or off (default: on for a terminal)
  -v, --version                      print the version
  -h, --help                         print this help

The readiness report (review-lint report):
      --out <file>                   the HTML file to write (required)
      --profile <draft|publication>  default: publication
      -c, --config and --rule        as above
  It exits 0 when the report is written and no errors remain, 1 when written with errors, 2 otherwise.

Rules: ${builtinRules.map((r) => r.meta.id).join(', ')}
Exit codes: 0 no errors, 1 errors or too many warnings, 2 usage, config or file error.`;

class UsageError extends Error {}

/** Standard input as bytes: decoded and checked like a file (size limit, binary, UTF-8) by lintBytesAt. */
function readStdin(): Buffer {
  try {
    return fs.readFileSync(0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EAGAIN') return Buffer.alloc(0);
    throw e;
  }
}

/**
 * An npm option written before the command (`npx --no review-lint --format json draft.md`) makes npm read the
 * options after it as npm's own: we are handed `json draft.md`. When what is left looks like that, say so.
 */
const NPX_TOOK_OPTIONS =
  'review-lint: npm seems to have kept review-lint\'s options for itself: an npm option written before review-lint ' +
  '(as in `npx --no review-lint --format json draft.md`) makes npm read the options after it as its own. Put -- ' +
  'before review-lint (`npx --no -- review-lint --format json draft.md`), or leave the npm option out.\n';

/** Values of our options, which npm leaves behind when it takes the option itself. */
const OPTION_VALUES = new Set(['stylish', 'json', 'sarif', 'draft', 'publication']);

const OPTIONS = {
  format: { type: 'string', short: 'f', default: 'stylish' },
  summary: { type: 'boolean', default: false },
  quiet: { type: 'boolean', short: 'q', default: false },
  'max-warnings': { type: 'string' },
  rule: { type: 'string', multiple: true, default: [] as string[] },
  config: { type: 'string', short: 'c' },
  profile: { type: 'string' },
  'stdin-filename': { type: 'string' },
  fix: { type: 'boolean', default: false },
  baseline: { type: 'string' },
  out: { type: 'string' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  version: { type: 'boolean', short: 'v', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} satisfies NonNullable<ParseArgsConfig['options']>;

/** Node's parseArgs message, in plainer words where it is about an option we do not know (with the nearest we do). */
function argumentProblem(e: Error & { code?: string }): string {
  const unknown = e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? /'(-[^']*)'/.exec(e.message)?.[1] : undefined;
  if (!unknown) return e.message;
  const name = unknown.replace(/^-+/, '').split('=')[0];
  const near = Object.keys(OPTIONS).filter((o) => editDistance(o, name) <= Math.min(2, Math.floor(o.length / 3)));
  return `unknown option ${unknown}${near.length ? `; did you mean --${near[0]}?` : ''}`;
}

/** Levenshtein distance, for suggesting the option meant by a mistyped one. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}

/** Run through `npx` (npm exec). */
function underNpx(): boolean {
  return process.env.npm_command === 'exec';
}

export async function run(argv: string[], io = { out: (s: string) => process.stdout.write(s), err: (s: string) => process.stderr.write(s) }): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: OPTIONS,
    });
  } catch (e) {
    io.err(`review-lint: ${argumentProblem(e as Error & { code?: string })}\nRun review-lint --help for usage.\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(HELP + '\n');
    return 0;
  }
  if (values.version) {
    io.out(VERSION + '\n');
    return 0;
  }
  const isReport = positionals[0] === 'report';
  try {
    if (isReport) return await report(values, positionals.slice(1), argv, io);
    if (values.out !== undefined) throw new UsageError('--out is only for `review-lint report`');
    const format = values.format!;
    if (!['stylish', 'json', 'sarif'].includes(format)) throw new UsageError(`unknown --format "${format}"; expected stylish, json or sarif`);
    let maxWarnings = -1;
    if (values['max-warnings'] !== undefined) {
      maxWarnings = Number(values['max-warnings']);
      if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new UsageError(`--max-warnings expects a whole number, got "${values['max-warnings']}"`);
    }
    const severities = parseRuleOptions(values.rule ?? []);
    const profile = parseProfile(values.profile);
    if (positionals.length === 0) throw new UsageError('no files given');
    const stdin = positionals.includes('-');
    if (stdin && positionals.length > 1) throw new UsageError(`"-" (standard input) cannot be combined with other files${underNpx() ? `\n${NPX_TOOK_OPTIONS.trimEnd()}` : ''}`);
    if (values.fix && stdin) throw new UsageError('--fix cannot be used with standard input');
    const options: LintFileOptions = { configPath: values.config, extras: { profile, severities } };

    let exitCode = 0;
    const outcomes: FileOutcome[] = [];
    if (stdin) {
      outcomes.push(lintBytesAt(readStdin(), values['stdin-filename'] ?? '<stdin>', options));
    } else {
      const { files, problems } = expandArguments(positionals);
      for (const p of problems) io.err(`review-lint: ${p.arg}: ${p.message}\n`);
      if (problems.length) exitCode = 2;
      if (underNpx() && OPTION_VALUES.has(positionals[0]) && problems.some((p) => p.arg === positionals[0])) io.err(NPX_TOOK_OPTIONS);
      for (const o of await lintFiles(files, options)) outcomes.push(o);
    }

    if (reportProblems(outcomes, io)) exitCode = 2;

    if (values.fix) {
      for (const o of outcomes) {
        if (!o.result || o.text === undefined) continue;
        const fixes = preferredFixes(o.result.findings);
        const fixed = applyEdits(o.text, fixes.flatMap((f) => f.edits));
        if (fixed === o.text) continue;
        try {
          writeFileAtomic(o.file, fixed, { bom: o.bom });
        } catch (e) {
          // The file keeps its old content and its findings are reported; the other files are still fixed.
          io.err(`review-lint: could not write ${o.file}: ${writeFailure(e)}\n`);
          exitCode = 2;
          continue;
        }
        if (!values.quiet) io.err(`review-lint: fixed ${fixes.length} finding${fixes.length === 1 ? '' : 's'} in ${o.file}\n`);
        const again = lintTextAt(fixed, o.file, options);
        o.text = again.text;
        o.result = again.result;
      }
    }
    if (values.baseline !== undefined) {
      const baselineFile = values.baseline;
      const baseline = readBaseline(baselineFile);
      if (baseline) {
        const accepted = applyBaseline(outcomes, baseline, baselineFile);
        if (accepted && format === 'stylish') io.err(`review-lint: ${accepted} finding${accepted === 1 ? '' : 's'} accepted by the baseline ${baselineFile}\n`);
      } else {
        const created = createBaseline(outcomes, baselineFile);
        writeBaseline(baselineFile, created);
        const n = Object.values(created.files).reduce((sum, entries) => sum + entries.length, 0);
        io.err(`review-lint: wrote the baseline ${baselineFile}: ${n} finding${n === 1 ? '' : 's'} accepted; later runs report only new ones\n`);
        for (const o of outcomes) if (o.result) o.result = { ...o.result, findings: [] };
      }
    }
    if (values.quiet) {
      for (const o of outcomes) if (o.result) o.result = { ...o.result, findings: o.result.findings.filter((f) => f.severity === 'error') };
    }

    const linted = outcomes.filter((o) => o.result);
    const output =
      format === 'json' ? formatJson(linted, values.summary!) : format === 'sarif' ? formatSarif(linted, builtinRules) : formatStylish(linted, colourWanted(values));
    if (output) io.out(output + '\n');

    const all = linted.flatMap((o) => o.result!.findings);
    const errors = all.filter((f) => f.severity === 'error').length;
    const warnings = all.filter((f) => f.severity === 'warning').length;
    if (exitCode === 0 && (errors > 0 || (maxWarnings >= 0 && warnings > maxWarnings))) exitCode = 1;
    if (maxWarnings >= 0 && warnings > maxWarnings && format === 'stylish') io.err(`review-lint: ${warnings} warnings, more than --max-warnings ${maxWarnings}\n`);
    return exitCode;
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`review-lint: ${e.message}\nRun review-lint --help for usage.\n`);
      return 2;
    }
    if (e instanceof BaselineError) {
      io.err(`review-lint: ${e.message}\n`);
      return 2;
    }
    io.err(`review-lint: ${(e as Error).message}\n`);
    return 2;
  }
}

type Io = { out: (s: string) => unknown; err: (s: string) => unknown };
type Values = Record<string, string | boolean | string[] | undefined>;

function parseRuleOptions(specs: readonly string[]): Record<string, SeveritySetting> {
  const severities: Record<string, SeveritySetting> = {};
  for (const spec of specs) {
    const m = /^([\w-]+):(\w+)$/.exec(spec);
    const severity = m && parseSeverity(m[2]);
    if (!m || !severity) throw new UsageError(`--rule expects id:severity (e.g. blame-language:error), got "${spec}"`);
    if (!builtinRules.some((r) => r.meta.id === m[1])) throw new UsageError(`--rule: unknown rule "${m[1]}"; known rules: ${builtinRules.map((r) => r.meta.id).join(', ')}`);
    severities[m[1]] = severity;
  }
  return severities;
}

function parseProfile(profile: string | undefined): 'draft' | 'publication' | undefined {
  if (profile !== undefined && profile !== 'draft' && profile !== 'publication') throw new UsageError(`--profile expects draft or publication, got "${profile}"`);
  return profile;
}

/** Print unreadable files, configuration errors (once each) and notices; true when any file was not linted. */
function reportProblems(outcomes: readonly FileOutcome[], io: Io): boolean {
  let failed = false;
  const reportedConfigErrors = new Set<string>();
  for (const o of outcomes) {
    if (!o.error) continue;
    failed = true;
    if (o.configError) {
      if (reportedConfigErrors.has(o.error)) continue;
      reportedConfigErrors.add(o.error);
      io.err(`review-lint: invalid configuration:\n${o.error.replace(/^/gm, '  ')}\n`);
    } else io.err(`review-lint: ${o.error}\n`);
  }
  for (const o of outcomes) for (const n of o.result?.notices ?? []) io.err(`review-lint: ${o.file}: ${n.message}\n`);
  return failed;
}

/** Options that mean nothing to `report`: naming them is a mistake worth telling. */
const LINT_ONLY_OPTIONS = ['summary', 'quiet', 'max-warnings', 'stdin-filename', 'fix', 'baseline', 'color', 'no-color'] as const;

/** `review-lint report <files | directories> --out FILE`: 0 written and no errors, 1 written with errors, 2 otherwise. */
async function report(values: Values, args: string[], argv: readonly string[], io: Io): Promise<number> {
  for (const name of LINT_ONLY_OPTIONS) if (values[name] !== undefined && values[name] !== false) throw new UsageError(`--${name} is not used by \`review-lint report\``);
  if (argv.some((a) => a === '-f' || a === '--format' || a.startsWith('--format='))) throw new UsageError('--format is not used by `review-lint report`: it always writes HTML');
  const out = values.out as string | undefined;
  if (!out) throw new UsageError('report needs --out <file.html>, the file to write');
  if (args.length === 0) throw new UsageError('report: no files or folders given');
  if (args.includes('-')) throw new UsageError('report cannot read standard input; name the files or folders');
  const profile = parseProfile(values.profile as string | undefined) ?? 'publication';
  const severities = parseRuleOptions((values.rule as string[] | undefined) ?? []);
  const options: LintFileOptions = { configPath: values.config as string | undefined, extras: { profile, severities } };

  const { files, problems } = expandArguments(args);
  for (const p of problems) io.err(`review-lint: ${p.arg}: ${p.message}\n`);
  const outcomes = await lintFiles(files, options);
  const failed = reportProblems(outcomes, io) || problems.length > 0;

  const documents: ReportDocument[] = outcomes.map((o) => ({
    file: o.file,
    text: o.text,
    result: o.result,
    error: o.error,
    enabledRules: o.result ? enabledRules(o.file, options) : [],
    hiddenWords: o.result && o.text !== undefined ? frontMatterTitleDetails(o.text, o.file, options) : undefined,
  }));
  for (const p of problems) documents.push({ file: p.arg, error: p.message, enabledRules: [] });
  const html = renderReport({
    documents,
    rules: builtinRules.map((r) => r.meta),
    profile,
    generatedAt: formatDate(new Date()),
    version: VERSION,
  });
  try {
    writeFileAtomic(out, html);
  } catch (e) {
    io.err(`review-lint: cannot write the report ${out}: ${writeFailure(e)}\n`);
    return 2;
  }
  const errors = outcomes.reduce((n, o) => n + (o.result?.findings.filter((f) => f.severity === 'error').length ?? 0), 0);
  const unreadable = documents.filter((d) => d.error !== undefined).length;
  const reviews = documents.length - unreadable;
  io.err(`review-lint: wrote the readiness report ${out} (${reviews} review${reviews === 1 ? '' : 's'}${unreadable ? `, ${unreadable} more not checked` : ''}, ${errors} error${errors === 1 ? '' : 's'})\n`);
  if (failed) return 2;
  return errors > 0 ? 1 : 0;
}

/** The rules that run on `file` under its configuration (already loaded successfully by the lint). */
function enabledRules(file: string, options: LintFileOptions, cache = enabledRulesCache): string[] {
  const key = options.configPath ?? path.dirname(path.resolve(file));
  let ids = cache.get(key);
  if (!ids) {
    try {
      const config = resolveConfig(loadConfigFor(file, options.configPath).layer, options.extras);
      ids = builtinRules.filter((r) => effectiveSetting(r, config)).map((r) => r.meta.id);
    } catch {
      ids = [];
    }
    cache.set(key, ids);
  }
  return ids;
}
const enabledRulesCache = new Map<string, string[]>();

/** Identifying details in the front matter's title, which the rules do not read but the report shows as the review's title. */
function frontMatterTitleDetails(text: string, file: string, options: LintFileOptions): string[] {
  const title = parseDocument(text).frontMatter.data?.title;
  if (typeof title !== 'string' || !title.trim()) return [];
  const heading = `# ${title.replace(/\s+/g, ' ').trim()}\n`;
  const findings = lintTextAt(heading, file, options).result?.findings ?? [];
  return findings.filter((f) => ANONYMISATION_RULES.has(f.ruleId)).map((f) => heading.slice(f.range.start, f.range.end));
}

const ANONYMISATION_RULES = new Set(builtinRules.filter((r) => r.meta.theme === 'anonymisation').map((r) => r.meta.id));

function formatDate(d: Date): string {
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

function writeFailure(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOSPC') return 'no space left on the device';
  // The write goes through a temporary file next to the target: name neither, the caller names the target.
  if (code === 'ENOENT') return 'its folder does not exist';
  if (code === 'ENOTDIR') return 'part of its path is not a folder';
  if (code === 'EROFS') return 'the file system is read-only';
  return (e as Error).message;
}

function colourWanted(values: { color?: boolean; 'no-color'?: boolean }): boolean {
  if (values['no-color']) return false;
  if (values.color) return true;
  return !!process.stdout.isTTY && !process.env.NO_COLOR;
}
