/** Reading a review from disk with clear refusals for what is not a text review. */
import fs from 'node:fs';

/** Larger files are refused with a message rather than linted slowly. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** `bom`: the bytes began with a UTF-8 byte-order mark, which `text` leaves out (a fix writes it back). */
export type ReadResult = { text: string; bom?: boolean } | { error: string };

function tooLarge(size: number): string {
  return `is ${(size / 1024 / 1024).toFixed(1)} MB, over the ${MAX_FILE_BYTES / 1024 / 1024} MB limit for a review; skipped`;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeReview(bytes: Uint8Array): ReadResult {
  if (bytes.length > MAX_FILE_BYTES) return { error: tooLarge(bytes.length) };
  const probe = bytes.subarray(0, 8000);
  if (probe.includes(0)) return { error: 'looks like a binary file, not a Markdown review; skipped' };
  try {
    const text = utf8.decode(bytes); // the decoder leaves out a leading byte-order mark
    return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? { text, bom: true } : { text };
  } catch {
    return { error: 'is not valid UTF-8 text; skipped (save it as UTF-8)' };
  }
}

export function readReviewFile(file: string): ReadResult {
  let bytes: Buffer;
  try {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) return { error: 'is a directory' };
    if (stat.size > MAX_FILE_BYTES) return { error: tooLarge(stat.size) };
    bytes = fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { error: 'no such file' };
    if (code === 'EACCES' || code === 'EPERM') return { error: 'permission denied' };
    return { error: `cannot be read (${code ?? (e as Error).message})` };
  }
  return decodeReview(bytes);
}
