/**
 * The one Markdown parser configuration: CommonMark plus the three extensions the rules need
 * (front matter, footnotes, tables). Full GFM is not loaded: its autolink literals and strikethrough cost
 * parse time and no rule needs them.
 */
import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import type { Root } from 'mdast';

function reviewMarkdownExtensions(this: Processor) {
  const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push(gfmFootnote(), gfmTable());
  (data.fromMarkdownExtensions ??= []).push(gfmFootnoteFromMarkdown(), gfmTableFromMarkdown());
}

const withFrontMatter = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(reviewMarkdownExtensions);
const withoutFrontMatter = unified().use(remarkParse).use(reviewMarkdownExtensions);

/** Parse Markdown; front matter is recognised only where the text is the start of a document. */
export function parseMarkdown(text: string, atDocumentStart = true): Root {
  return (atDocumentStart ? withFrontMatter : withoutFrontMatter).parse(text);
}
