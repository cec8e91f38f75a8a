#!/usr/bin/env node
// `npm start`: lint the bundled sample review. The sample is written to contain the faults the tool finds, so the
// CLI's exit code 1 (findings) is what should happen here and counts as success; other exit codes (2: the sample
// could not be read, a usage mistake in extra arguments) pass through. Usage: node scripts/start.mjs [review-lint options]
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const sample = path.join('examples', 'sample-review.md');
const r = spawnSync(process.execPath, [path.join(root, 'bin', 'review-lint.js'), sample, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
if (r.error) {
  console.error(`npm start: could not run review-lint: ${r.error.message}`);
  process.exit(2);
}
if (r.status === 1) {
  console.log(`\nThe findings above are what the sample review (${sample}) is written to show: review-lint is working.`);
  process.exit(0);
}
process.exit(r.status ?? 2);
