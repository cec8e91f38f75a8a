/** Write a file so that a crash leaves either the old or the new content, never a truncated review. */
import fs from 'node:fs';
import path from 'node:path';

export interface WriteOptions {
  /** Start the file with a UTF-8 byte-order mark (the file being rewritten had one). */
  bom?: boolean;
}

/**
 * A symbolic link is written through: the file it points to gets the new content and the link stays a link.
 * The temporary file is removed whatever fails.
 */
export function writeFileAtomic(file: string, text: string, options: WriteOptions = {}): void {
  let target = file;
  try {
    target = fs.realpathSync(file);
  } catch {
    target = file; // a new file (or a dangling link): write it where it was named
  }
  const dir = path.dirname(path.resolve(target));
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  let mode: number | undefined;
  try {
    mode = fs.statSync(target).mode;
  } catch {
    mode = undefined;
  }
  const fd = fs.openSync(temp, 'w', mode);
  try {
    try {
      fs.writeFileSync(fd, options.bom ? '\ufeff' + text : text, 'utf8');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, target);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw e;
  }
}
