import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { UsageError } from '../command';
import { FileWorkerPool } from './workerPool';

/** `--jobs auto` starts at most this many threads, however many cores: each worker holds its own copy of the rules and parsers. */
export const MAX_AUTO_JOBS = 4;

/**
 * One thread unless asked: measured on the 2-core development machine (shared, load 15 to 30), `--jobs 2` against
 * `--jobs 1` took 1.12× the wall time and 1.18× the CPU at 30k files (`npm run bench`, 3 pairs), 0.99× and 0.76× the
 * wall time and 1.25× and 1.05× the CPU at 100k (2 pairs), and 44 MB (30k) to 128 MB (100k) more peak RSS, past the
 * 300 MB bound (docs/cli.md). Where cores are idle (a CI runner of its own) `--jobs auto` may pay: measure first.
 */
export const DEFAULT_JOBS = 1;

/**
 * A service (scope) with fewer files to read is read on the main thread: below this, starting the workers
 * (each loads the bundle and the shipped data) costs more than reading the files on two threads saves.
 */
export const DEFAULT_MIN_FILES = 2000;

/**
 * How many threads `check` reads files with: `--jobs N`, else STAGE_GUIDE_JOBS, else DEFAULT_JOBS; `auto` is the
 * cores node may use (capped at MAX_AUTO_JOBS). 1 is the single-thread scan: no worker is started.
 */
export function jobsOption(written: unknown, env: NodeJS.ProcessEnv): number {
  if (written !== undefined) return jobsValue(written, '--jobs');
  const fromEnv = env.STAGE_GUIDE_JOBS;
  if (fromEnv !== undefined && fromEnv !== '') return jobsValue(fromEnv, 'STAGE_GUIDE_JOBS');
  return DEFAULT_JOBS;
}

/** The worker pool for `jobs` threads, or undefined for one (the scan reads every file itself); `spawn` starts a worker (default: the pool's own). */
export function fileWorkerPool(jobs: number, env: NodeJS.ProcessEnv, spawn?: () => Worker): FileWorkerPool | undefined {
  if (jobs <= 1) return undefined;
  const minFiles = env.STAGE_GUIDE_WORKERS_MIN_FILES;
  return new FileWorkerPool({
    // The scan's own thread reads files too: `jobs` threads in all.
    workers: jobs - 1,
    minFiles: minFiles !== undefined && minFiles !== '' ? wholeNumber(minFiles, 'STAGE_GUIDE_WORKERS_MIN_FILES', 0) : DEFAULT_MIN_FILES,
    spawn,
  });
}

function jobsValue(written: unknown, what: string): number {
  if (written === 'auto') return Math.max(1, Math.min(availableParallelism(), MAX_AUTO_JOBS));
  return wholeNumber(written, what, 1, ' (or auto)');
}

function wholeNumber(written: unknown, what: string, least: number, or = ''): number {
  if (typeof written !== 'string' || !/^\d{1,4}$/.test(written) || Number(written) < least)
    throw new UsageError(`${what} must be a whole number, ${least} or more${or}.`);
  return Number(written);
}
