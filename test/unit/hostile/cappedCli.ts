import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { REPO_ROOT } from '../foundation/seedTable';

/**
 * Runs `stage-guide ARGS` the way the hostile-repository suite must: as its own process, from
 * source through tsx, under a V8 heap cap and a wall-clock deadline. A reproduction that hangs
 * or explodes fails its test by hitting one of the two caps instead of hanging the suite.
 */
const MAIN = resolve(REPO_ROOT, 'src', 'cli', 'main.ts');
const TSX_HOOK = require.resolve('tsx/cjs');

/** The bar: "ends within seconds under a 1.5 GB memory cap". */
export const HOSTILE_HEAP_MB = 1536;
/** Generous for a loaded 2-core CI machine (tsx start-up alone is ~1 s); a hang still fails. */
export const HOSTILE_DEADLINE_MS = 20000;

export interface CappedRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** True when the deadline killed the process. */
  timedOut: boolean;
  elapsedMs: number;
}

export function runCapped(args: string[], cwd: string, options: { deadlineMs?: number; heapMb?: number; env?: Record<string, string> } = {}): CappedRun {
  const env = { ...process.env };
  for (const name of ['NO_COLOR', 'FORCE_COLOR', 'COLUMNS', 'LINES']) delete env[name];
  const started = Date.now();
  const result = spawnSync(process.execPath, [`--max-old-space-size=${options.heapMb ?? HOSTILE_HEAP_MB}`, '--require', TSX_HOOK, MAIN, ...args], {
    cwd,
    env: { ...env, ...options.env },
    encoding: 'utf8',
    timeout: options.deadlineMs ?? HOSTILE_DEADLINE_MS,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const timedOut = (result.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  if (result.error && !timedOut) throw result.error;
  return { status: result.status, signal: result.signal, stdout: result.stdout ?? '', stderr: result.stderr ?? '', timedOut, elapsedMs: Date.now() - started };
}

/** A message for assertions: what the capped run did, with the tail of its output. */
export function describeRun(run: CappedRun): string {
  const how = run.timedOut ? 'timed out' : run.signal ? `killed by ${run.signal}` : `exited ${run.status}`;
  return `${how} after ${run.elapsedMs} ms\nstdout: ${run.stdout.slice(-600)}\nstderr: ${run.stderr.slice(-600)}`;
}
