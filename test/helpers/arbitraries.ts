/** fast-check generators of review-like Markdown: the constructs the parser and rules must survive. */
import fc from 'fast-check';

const words = fc.constantFrom('Child', 'K', 'was', 'troublesome', 'the', 'mother', '"quoted"', '“curly”', "DNA'd", 'school', 'research', 'shows', '41%', 'of', 'https://example.org/x', '`code`', '*emphasis*', '[link](https://x.org)', '[^1]', '[@key]', '<!-- note -->', '&amp;', 'Dr.', 'e.g.', 'two-thirds', '\\*', 'put herself at risk', 'did not attend', '10\u00a0per cent', 'end\u3000');

const sentence = fc.array(words, { minLength: 1, maxLength: 12 }).map((ws) => ws.join(' ') + '.');
const paragraph = fc.array(sentence, { minLength: 1, maxLength: 4 }).chain((ss) => fc.constantFrom('\n', ' ', '\r\n').map((sep) => ss.join(sep)));

const block = fc.oneof(
  paragraph,
  paragraph.map((p) => `# ${p}`),
  paragraph.map((p) => `## 4.${p.length % 9} ${p}`),
  paragraph.map((p) => `${p}\n=====`),
  paragraph.map((p) => `5.${p.length % 7} Findings about ${p.slice(0, 20).replace(/[.\n]/g, '')}`),
  paragraph.map((p) => `**${p.replace(/[*\n]/g, '').slice(0, 40)}**`),
  paragraph.map((p) => `> ${p.replace(/\n/g, '\n> ')}`),
  paragraph.map((p) => `- ${p}\n- second item\n\n  continued item paragraph`),
  paragraph.map((p) => `1. ${p}\n2. next`),
  paragraph.map((p) => '```\n' + p + '\n\ntroublesome\n```'),
  paragraph.map((p) => '~~~text\n' + p + '\n~~~'),
  // Code and comments opened inside list items and blockquotes end with their container at the latest.
  paragraph.map((p) => '- ```\n  ' + p.replace(/\n/g, '\n  ') + '\n\n  troublesome\n  ```'),
  paragraph.map((p) => '> ```\n> ' + p.replace(/\n/g, '\n> ') + '\n>\n> ```'),
  paragraph.map((p) => `1. <!-- ${p.slice(0, 20)}\n\n   still comment\n   -->`),
  paragraph.map((p) => '- ~~~\n  ' + p.replace(/\n/g, ' ')),
  paragraph.map((p) => '```\n- ```\n> ```\n\n# ' + p.replace(/\n/g, ' ') + '\n```'),
  paragraph.map((p) => `<!-- review-lint-disable-next-line blame-language -- ${p.slice(0, 20)}\n\nstill comment -->`),
  paragraph.map((p) => `[^1]: ${p}\n\n    More of the footnote.`),
  paragraph.map((p) => `| a | b |\n| --- | --- |\n| ${p.replace(/[|\n]/g, ' ')} | x |`),
  paragraph.map((p) => `    indented code ${p.replace(/\n/g, ' ')}`),
  paragraph.map((p) => `[ref]: https://example.org/${p.length}\n\nSee [the ref][ref] and [ref].`),
  fc.constant('---'),
  fc.constant('<div>\n\nraw html\n</div>'),
  fc.constant('<pre>\n\ntroublesome\n\n</pre>'),
  fc.constant('\t\ttabbed text'),
);

export function markdownDocument(): fc.Arbitrary<string> {
  return fc
    .tuple(fc.boolean(), fc.array(block, { minLength: 0, maxLength: 10 }), fc.array(fc.constantFrom('\n\n', '\n', '\n\n\n', '\r\n\r\n'), { minLength: 10, maxLength: 10 }))
    .map(([withFrontMatter, blocks, seps]) => {
      const body = blocks.map((b, i) => b + seps[i % seps.length]).join('');
      return withFrontMatter ? `---\ntitle: "Review"\ntype: lcspr\n---\n\n${body}` : body;
    });
}
