import { availableParallelism } from 'node:os';
import { UsageError } from '../command';
import { FileWorkerPool } from './workerPool';

/** At most this many worker threads by default, however many cores: each one holds its own copy of the rules and parsers. */
export const MAX_DEFAULT_JOBS = 4;

/**
 * A service (scope) with fewer files to read is read on the main thread: below this, starting the workers
 * (each loads the bundle and the shipped data) costs more than reading the files on two threads saves.
 */
export const DEFAULT_MIN_FILES = 2000;

/**
 * How many threads `check` reads files with: `--jobs N`, else STAGE_GUIDE_JOBS, else the cores node may use
 * (capped at MAX_DEFAULT_JOBS). 1 is the single-thread scan: no worker is started.
 */
export function jobsOption(written: unknown, env: NodeJS.ProcessEnv): number {
  if (written !== undefined) return wholeNumber(written, '--jobs');
  const fromEnv = env.STAGE_GUIDE_JOBS;
  if (fromEnv !== undefined && fromEnv !== '') return wholeNumber(fromEnv, 'STAGE_GUIDE_JOBS');
  return Math.min(availableParallelism(), MAX_DEFAULT_JOBS);
}

/** The worker pool for `jobs` threads, or undefined for one (the scan reads every file itself). */
export function fileWorkerPool(jobs: number, env: NodeJS.ProcessEnv): FileWorkerPool | undefined {
  if (jobs <= 1) return undefined;
  const minFiles = env.STAGE_GUIDE_WORKERS_MIN_FILES;
  return new FileWorkerPool({
    // The scan's own thread reads files too: `jobs` threads in all.
    workers: jobs - 1,
    minFiles: minFiles !== undefined && minFiles !== '' ? wholeNumber(minFiles, 'STAGE_GUIDE_WORKERS_MIN_FILES', 0) : DEFAULT_MIN_FILES,
  });
}

function wholeNumber(written: unknown, what: string, least = 1): number {
  if (typeof written !== 'string' || !/^\d{1,4}$/.test(written) || Number(written) < least)
    throw new UsageError(`${what} must be a whole number, ${least} or more.`);
  return Number(written);
}
