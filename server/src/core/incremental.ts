/**
 * Linting one document again and again as it is edited: chunk parses are reused between versions, so an
 * edit costs the parse of the chunks it touched plus the rules. The language server keeps one per document.
 * A result stays as it was after later lints; the parsed document behind it does not (see `ChunkCache.place`).
 */
import { ChunkCache, parseDocument } from './document.js';
import { lintDocument } from './lint.js';
import type { LintOptions, LintResult } from './types.js';

export class IncrementalLinter {
  private readonly cache = new ChunkCache();

  lint(text: string, options: LintOptions = {}): LintResult {
    try {
      return lintDocument(parseDocument(text, { cache: this.cache }), options);
    } catch (e) {
      return { findings: [], suppressions: [], notices: [{ message: `could not parse the document: ${e instanceof Error ? e.message : String(e)}` }] };
    }
  }

  /** Chunk summaries held (for memory reporting). */
  get cachedChunks(): number {
    return this.cache.size;
  }
}
