/**
 * The core's public vocabulary: findings, rules, configuration. Plain data only, so that the
 * CLI, the language server and the tests can all share it (no `vscode*`, no I/O).
 */

/** How loud a finding is. `off` exists only in configuration. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

/** A half-open range of UTF-16 offsets into the linted text: `start` inclusive, `end` exclusive. */
export interface Range {
  start: number;
  end: number;
}

/** Replace `text.slice(start, end)` with `newText`. */
export interface TextEdit extends Range {
  newText: string;
}

/** One way to resolve a finding, offered to the user as a quick fix. */
export interface Suggestion {
  /** What the fix does, e.g. "Replace with 'was not brought'". */
  title: string;
  edits: TextEdit[];
  /** The one fix an editor may apply without asking (fix-all, `source.fixAll`). */
  isPreferred?: boolean;
  /** After applying, select this range so the user can type over it (e.g. a reason placeholder). */
  selectAfter?: Range;
}

/** What a hover or a report shows to explain a finding. */
export interface Explanation {
  /** One line on why the words or the gap matter. */
  why: string;
  /** Better phrasings or things to add. */
  alternatives?: string[];
  /** The guidance behind the rule, as a citation a reader can look up. */
  source?: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  suggestions?: Suggestion[];
  explanation?: Explanation;
  /** Rule-specific data that survives into editor diagnostics (e.g. the matched term). */
  data?: Record<string, unknown>;
}

/** A directive that silenced one or more findings, kept for reports and the JSON summary. */
export interface Suppression {
  kind: 'disable' | 'disable-next-line' | 'disable-file';
  /** Rule ids named by the directive; empty means every rule. */
  ruleIds: string[];
  reason?: string;
  /** Where the directive comment is. */
  range: Range;
  /** The findings it silenced. */
  suppressed: Finding[];
}

/** A problem with how the document or its configuration asked to be linted (not a prose finding). */
export interface LintNotice {
  message: string;
  range?: Range;
}

export interface LintResult {
  findings: Finding[];
  suppressions: Suppression[];
  notices: LintNotice[];
}

/** A rule's setting in configuration, already validated. */
export interface RuleSetting {
  /** Undefined when only options were given: the rule's default severity applies. */
  severity?: SeveritySetting;
  options: Record<string, unknown>;
}

/** The review-lint configuration after `extends` and validation. */
export interface ResolvedConfig {
  rules: Record<string, RuleSetting>;
  /** `draft` (default) or `publication`: the latter turns on pre-publication rules and makes identifying details errors. */
  profile: 'draft' | 'publication';
  /** Review type used by `required-section` when front matter does not say (`lcspr`, `rapid-review`, `sar`, `learning-briefing`, …). */
  reviewType?: string;
  /** Path of a private file of real names that must never appear (resolved by the host). */
  namesFile?: string;
  /** Whether patterns supplied by this configuration may be compiled (false in untrusted workspaces). */
  allowConfigPatterns: boolean;
  /** Rules whose severity was set for this run (`--rule`, editor settings) rather than by a configuration file. */
  explicitSeverities?: string[];
}

/**
 * What the core may ask of its host. The core does no I/O itself: the CLI and the server pass a reader
 * that resolves paths relative to the linted document.
 */
export interface LintHost {
  /** Read a text file named by the document (a bibliography) or the config (a names file). */
  readFile?(path: string): { text: string } | { error: string };
}

export interface LintOptions {
  config?: ResolvedConfig;
  host?: LintHost;
  /** Rules to run instead of the built-in registry (tests). */
  rules?: readonly Rule[];
}

/** JSON Schema (draft-07 subset) for a rule's options object. */
export type OptionsSchema = Record<string, unknown>;

export type Theme = 'language' | 'accountability' | 'evidence' | 'anonymisation' | 'plain-english' | 'structure';

export interface RuleMeta {
  /** Stable public id used in config files and directives. */
  id: string;
  /** One line, shown in `--help`, SARIF and the docs index. */
  description: string;
  defaultSeverity: SeveritySetting;
  /** Theme used to group findings in reports. */
  theme: Theme;
  /** Whether suggestions are offered. */
  fixable: boolean;
  /** Runs only in the `publication` profile unless configured on. */
  prePublication?: boolean;
  optionsSchema: OptionsSchema;
  /** Default option values. */
  defaultOptions: Record<string, unknown>;
}

/** What a rule reports: everything but the id and (optionally) the severity, which the engine fills in. */
export type ReportInput = Omit<Finding, 'ruleId' | 'severity'> & { severity?: Severity };

export interface RuleContext<Options = Record<string, unknown>> {
  doc: import('./document.js').ReviewDocument;
  options: Options;
  /** The severity configured for this rule (never `off` here). */
  severity: Severity;
  config: ResolvedConfig;
  host: LintHost;
  report(finding: ReportInput): void;
  /** A problem with input the rule needed (e.g. an unreadable bibliography). */
  notice(notice: LintNotice): void;
}

export interface Rule<Options = Record<string, unknown>> {
  meta: RuleMeta;
  check(context: RuleContext<Options>): void;
}
