/** Matching a file's workspace-relative path against the `reviewLint.include` globs (`**`, `*`, `?`, `{a,b}`). */

const compiled = new Map<string, RegExp>();

function escape(ch: string): string {
  return /[.+^$()|[\]\\]/.test(ch) ? `\\${ch}` : ch;
}

/** Translate one glob to an anchored regular expression; runs of `**` collapse so the result stays linear. */
export function globToRegExp(glob: string): RegExp {
  let cached = compiled.get(glob);
  if (cached) return cached;
  const g = glob.replace(/\\/g, '/').replace(/^\.\//, '').replace(/(?:\*\*\/)+/g, '**/');
  let out = '';
  let inBraces = false;
  for (let i = 0; i < g.length; i++) {
    const ch = g[i];
    if (ch === '*' && g[i + 1] === '*') {
      const slashAfter = g[i + 2] === '/';
      out += slashAfter ? '(?:[^/]*/)*' : '.*';
      i += slashAfter ? 2 : 1;
    } else if (ch === '*') out += '[^/]*';
    else if (ch === '?') out += '[^/]';
    else if (ch === '{' && !inBraces) {
      inBraces = true;
      out += '(?:';
    } else if (ch === '}' && inBraces) {
      inBraces = false;
      out += ')';
    } else if (ch === ',' && inBraces) out += '|';
    else out += escape(ch);
  }
  if (inBraces) out += ')';
  cached = new RegExp(`^${out}$`, 'i');
  compiled.set(glob, cached);
  return cached;
}

/** Whether a relative POSIX path matches any of the globs (a glob without `/` also matches by base name). */
export function matchesAny(relativePath: string, globs: readonly string[]): boolean {
  const p = relativePath.replace(/\\/g, '/');
  const base = p.slice(p.lastIndexOf('/') + 1);
  return globs.some((glob) => globToRegExp(glob).test(glob.includes('/') ? p : base));
}
