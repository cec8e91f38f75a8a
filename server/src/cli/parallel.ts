/**
 * Linting many files across cores with worker threads. Results come back in input order. Small batches are
 * linted in this thread: starting a worker costs more than linting a few reviews.
 */
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { lintFile, type FileOutcome, type LintFileOptions } from '../node/lint-file.js';

/** Below this many files, threads are not worth starting. */
export const PARALLEL_THRESHOLD = 16;

export function workerCount(files: number): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(cores, Math.ceil(files / PARALLEL_THRESHOLD)));
}

export async function lintFiles(files: readonly string[], options: LintFileOptions, workerScript = path.join(__dirname, 'cli-worker.js')): Promise<FileOutcome[]> {
  const threads = workerCount(files.length);
  if (threads <= 1) return files.map((f) => lintFile(f, options));

  const outcomes = new Array<FileOutcome>(files.length);
  let next = 0;
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let done = 0;
      const feed = (worker: Worker) => {
        if (next < files.length) {
          const index = next++;
          worker.postMessage({ index, file: files[index] });
        }
      };
      for (let t = 0; t < threads; t++) {
        const worker = new Worker(workerScript, { workerData: options });
        workers.push(worker);
        worker.on('message', (msg: { index: number; outcome: FileOutcome }) => {
          outcomes[msg.index] = msg.outcome;
          if (++done === files.length) resolve();
          else feed(worker);
        });
        worker.on('error', reject);
        // Two files in flight per worker keep it busy while the main thread collects results.
        feed(worker);
        feed(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return outcomes;
}
