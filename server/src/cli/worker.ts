/** A worker thread of the CLI: lints the files it is sent and posts each outcome back with its index. */
import { parentPort, workerData } from 'node:worker_threads';
import { lintFile, type LintFileOptions } from '../node/lint-file.js';

const options = workerData as LintFileOptions;

parentPort?.on('message', (job: { index: number; file: string }) => {
  let outcome;
  try {
    outcome = lintFile(job.file, options);
  } catch (e) {
    outcome = { file: job.file, error: `${job.file}: internal error: ${(e as Error).message}` };
  }
  parentPort!.postMessage({ index: job.index, outcome });
});
