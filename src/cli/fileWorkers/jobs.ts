import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { UsageError } from '../command';
import { FileWorkerPool } from './workerPool';

/** `--jobs auto` starts at most this many threads, however many cores: each worker holds its own copy of the rules and parsers. */
export const MAX_AUTO_JOBS = 4;

/**
 * Unless asked, `check` reads on one thread. Measured with `npm run bench` on the idle 2-core development machine
 * (2026-12-06): on the 100k-file workspace (one service of 16,198 files to read) two threads took 1.01× the wall time
 * of one, 1.15× its CPU and peaked at 281 MB against 231 MB; one thread already keeps the second core partly busy
 * with V8's concurrent marking. A worker pays only where cores sit idle: `--jobs 2` or `auto` there.
 */
export const DEFAULT_THREADS = 1;

/**
 * A service (scope) with fewer files to read is read on the main thread when `--jobs` asks for threads: below this,
 * starting the workers (each loads the bundle and the shipped data) costs more than reading the files on two threads saves.
 */
export const DEFAULT_MIN_FILES = 2000;

/** How `check` reads files: on how many threads, from which service size on, and whether the user asked for it. */
export interface JobsChoice {
  /** Threads in all, the scan's own included (1: no worker is started). */
  threads: number;
  /** A service with fewer files to read is read on the scan's own thread. */
  minFiles: number;
  /** Asked for with `--jobs` or STAGE_GUIDE_JOBS (a build that cannot start workers then says so), not the default. */
  asked: boolean;
}

/**
 * How many threads `check` reads files with: `--jobs N`, else STAGE_GUIDE_JOBS, else DEFAULT_THREADS; `auto` is the
 * cores node may use (capped at MAX_AUTO_JOBS). 1 is the single-thread scan: no worker is started.
 * STAGE_GUIDE_WORKERS_MIN_FILES changes the service size workers start at.
 */
export function jobsOption(written: unknown, env: NodeJS.ProcessEnv, cores = availableParallelism()): JobsChoice {
  const minFiles = env.STAGE_GUIDE_WORKERS_MIN_FILES;
  const least = minFiles !== undefined && minFiles !== '' ? wholeNumber(minFiles, 'STAGE_GUIDE_WORKERS_MIN_FILES', 0) : undefined;
  const fromEnv = env.STAGE_GUIDE_JOBS;
  const asked =
    written !== undefined
      ? jobsValue(written, '--jobs', cores)
      : fromEnv !== undefined && fromEnv !== ''
        ? jobsValue(fromEnv, 'STAGE_GUIDE_JOBS', cores)
        : undefined;
  if (asked !== undefined) return { threads: asked, minFiles: least ?? DEFAULT_MIN_FILES, asked: true };
  return { threads: DEFAULT_THREADS, minFiles: least ?? DEFAULT_MIN_FILES, asked: false };
}

/** The worker pool for the chosen threads, or undefined for one (the scan reads every file itself). */
export function fileWorkerPool(jobs: JobsChoice, spawn?: () => Worker): FileWorkerPool | undefined {
  if (jobs.threads <= 1) return undefined;
  // The scan's own thread reads files too: `threads` in all.
  return new FileWorkerPool({ workers: jobs.threads - 1, minFiles: jobs.minFiles, ...(spawn ? { spawn } : {}) });
}

function jobsValue(written: unknown, what: string, cores: number): number {
  if (written === 'auto') return Math.max(1, Math.min(cores, MAX_AUTO_JOBS));
  return wholeNumber(written, what, 1, ' (or auto)');
}

function wholeNumber(written: unknown, what: string, least: number, or = ''): number {
  if (typeof written !== 'string' || !/^\d{1,4}$/.test(written) || Number(written) < least)
    throw new UsageError(`${what} must be a whole number, ${least} or more${or}.`);
  return Number(written);
}
