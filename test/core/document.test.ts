/** The shared document model: headings of every form, the prose mask, quotations and sentences. */
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../server/src/core/index.js';

const slice = (text: string, r: { start: number; end: number }) => text.slice(r.start, r.end);

describe('document model', () => {
  it('finds ATX, setext, numbered and bold pseudo-headings and builds the section tree', () => {
    const text = [
      '# Review of Child R',
      '',
      'Intro.',
      '',
      'Analysis',
      '========',
      '',
      '## 5. Findings',
      '',
      '5.2 Management oversight',
      '',
      'Body text about managers.',
      '',
      '**Recommendations**',
      '',
      '1.1 Child R is a two-year-old girl who lived with her mother and was seen at home.',
    ].join('\n');
    const doc = parseDocument(text);
    expect(doc.headings.map((h) => [h.form, h.depth, h.title])).toEqual([
      ['atx', 1, 'Review of Child R'],
      ['setext', 1, 'Analysis'],
      ['atx', 2, 'Findings'],
      ['paragraph', 4, 'Management oversight'],
      ['paragraph', 3, 'Recommendations'],
    ]);
    expect(doc.headings[2].number).toBe('5');
    const findings = doc.sections.find((s) => s.heading?.title === 'Findings')!;
    expect(findings.children.map((c) => c.heading?.title)).toEqual(['Management oversight', 'Recommendations']);
    expect(doc.sectionAt(text.indexOf('Body text')).heading?.title).toBe('Management oversight');
    expect(slice(text, doc.titleRange())).toBe('Review of Child R');
  });

  it('masks code, comments, front matter, URLs, link destinations and definitions but keeps offsets', () => {
    const text = [
      '---',
      'title: troublesome',
      '---',
      '',
      'Plain words and `inline troublesome` code, <!-- troublesome --> and [a link](https://x.org/troublesome) then https://example.org/troublesome end.',
      '',
      '```',
      'troublesome',
      '```',
      '',
      '[def]: https://example.org/troublesome',
    ].join('\n');
    const doc = parseDocument(text);
    expect(doc.prose.length).toBe(text.length);
    expect(doc.prose.split('\n').length).toBe(text.split('\n').length);
    expect(doc.prose).not.toContain('troublesome');
    expect(doc.prose).toContain('Plain words and');
    expect(doc.prose).toContain('a link');
    expect(doc.frontMatter.data).toEqual({ title: 'troublesome' });
    expect(doc.htmlComments.map((r) => slice(text, r))).toEqual(['<!-- troublesome -->']);
  });

  it('reports front matter that is not valid YAML without failing', () => {
    const doc = parseDocument('---\ntitle: [unclosed\n---\n\nText.\n');
    expect(doc.frontMatter.error).toMatch(/not valid YAML/);
  });

  it('finds straight and curly, double and single quotations, and tells apostrophes apart', () => {
    const text = `She said "no" and ‘never’, the mother’s view was 'fine' but DNA'd and Child K's records “were late”.`;
    const doc = parseDocument(text);
    const quotes = doc.blocks[0].quotes.map((q) => slice(text, q.inner));
    expect(quotes).toEqual(['no', 'never', 'fine', 'were late']);
    expect(doc.quoteAround({ start: text.indexOf('fine'), end: text.indexOf('fine') + 4 })?.kind).toBe('single');
    expect(doc.quoteAround({ start: text.indexOf('DNA'), end: text.indexOf('DNA') + 3 })).toBeUndefined();
  });

  it('treats blockquotes as quotations and masks their markers', () => {
    const text = '> The record says she was\n> troublesome.\n';
    const doc = parseDocument(text);
    const at = text.indexOf('troublesome');
    expect(doc.quoteAround({ start: at, end: at + 11 })?.kind).toBe('blockquote');
    expect(doc.prose).not.toContain('>');
  });

  it('segments sentences per block and keeps abbreviations together', () => {
    const text = 'Dr. Smith saw her on 3 May. Research (Brandon et al., 2020) shows this. See p. 4 of it.\n\nNext paragraph here.';
    const doc = parseDocument(text);
    expect(doc.sentences.map((s) => slice(text, s.range))).toEqual([
      'Dr. Smith saw her on 3 May.',
      'Research (Brandon et al., 2020) shows this.',
      'See p. 4 of it.',
      'Next paragraph here.',
    ]);
  });

  it('reads a line break inside a paragraph as a space, and a blank line as the end of the paragraph', () => {
    const text = 'The Panel described this in\nits national review (2021). Next\r\none.\n\n> Quoted over\n> two lines.';
    const doc = parseDocument(text);
    expect(doc.sentences.map((s) => slice(text, s.range))).toEqual(['The Panel described this in\nits national review (2021).', 'Next\r\none.', 'Quoted over\n> two lines.']);
  });

  it('maps offsets to positions and back', () => {
    const text = 'ab\ncd\n\nef';
    const doc = parseDocument(text);
    expect(doc.positionAt(4)).toEqual({ line: 1, character: 1 });
    expect(doc.offsetAt({ line: 3, character: 1 })).toBe(8);
    expect(doc.offsetAt({ line: 99, character: 0 })).toBe(text.length);
  });

  it('records footnote definitions and keeps references in the prose', () => {
    const text = 'A claim.[^1] Another.[^9]\n\n[^1]: Panel (2022).\n';
    const doc = parseDocument(text);
    expect(doc.footnoteDefinitions.map((d) => d.id)).toEqual(['1']);
    expect(doc.prose).toContain('[^1]');
    expect(doc.prose).toContain('[^9]');
  });
});
