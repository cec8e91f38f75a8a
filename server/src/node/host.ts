/** A LintHost backed by the file system: paths are resolved against the linted document's folder. */
import fs from 'node:fs';
import path from 'node:path';
import type { LintHost } from '../core/types.js';

export function fileSystemHost(documentPath: string | undefined, overrides?: Map<string, string>): LintHost {
  const base = documentPath ? path.dirname(path.resolve(documentPath)) : process.cwd();
  return {
    readFile(p: string) {
      const full = path.resolve(base, p);
      const open = overrides?.get(full);
      if (open !== undefined) return { text: open };
      try {
        return { text: fs.readFileSync(full, 'utf8') };
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        return { error: code === 'ENOENT' ? `${p} was not found` : `${p} could not be read (${code ?? (e as Error).message})` };
      }
    },
  };
}
