// Writes server/src/core/data/given-names.json: a kept list of English given names (from @faker-js/faker's
// en and en_GB locale data), used by identifying-detail to recognise a full personal name. Run by hand when
// the faker version changes: node scripts/generate-given-names.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { allLocales } from '@faker-js/faker';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const names = new Set();
for (const locale of ['en', 'en_GB', 'en_IE', 'en_AU']) {
  const person = allLocales[locale]?.person;
  if (!person?.first_name) continue;
  const lists = Array.isArray(person.first_name) ? [person.first_name] : Object.values(person.first_name);
  for (const list of lists) for (const n of list) if (/^[A-Z][a-z'’-]{1,}$/.test(n)) names.add(n);
}
const out = path.join(root, 'server/src/core/data/given-names.json');
fs.writeFileSync(out, JSON.stringify({ source: '@faker-js/faker person.first_name (en, en_GB, en_IE, en_AU)', names: [...names].sort() }, null, 0) + '\n');
console.log(`wrote ${names.size} given names to ${path.relative(root, out)}`);
