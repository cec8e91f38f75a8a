/** The core's public API, shared by the CLI, the language server and the tests. */
export { lint, lintDocument, ruleById } from './lint.js';
export { IncrementalLinter } from './incremental.js';
export { parseDocument, ChunkCache } from './document.js';
export type { ReviewDocument, Heading, Section, Block, Sentence, Quote } from './document.js';
export { builtinRules } from './rules/index.js';
export * from './config.js';
export * from './types.js';
export { applyEdits, applyPreferredFixes } from './edits.js';
export { RULE_DOCS_BASE, ruleDocsUrl } from './urls.js';
