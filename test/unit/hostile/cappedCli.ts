import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { REPO_ROOT } from '../foundation/seedTable';

/**
 * Runs `stage-guide ARGS` the way the hostile-repository suite must: as its own process, under a
 * V8 heap cap and a wall-clock deadline. A reproduction that hangs or explodes fails its test by
 * hitting one of the two caps instead of hanging the suite. The process runs the current sources
 * bundled by esbuild once per unit run (about a CPU-second, see prepareHostileCli), not tsx compiling them again in
 * every process (one to five seconds each on a loaded 2-core machine): the same code, a real process.
 */
const MAIN = resolve(REPO_ROOT, 'src', 'cli', 'main.ts');
/** The entry of `check --jobs N`'s worker threads, bundled beside cli.js as dist/fileWorker.js is beside dist/cli.js. */
const FILE_WORKER = resolve(REPO_ROOT, 'src', 'cli', 'fileWorkers', 'workerMain.ts');

let bundledDir: string | undefined;
/** True when bundledDir is the run's shared bundle (see bundleForRun), which the suites must not remove. */
let shared = false;

/**
 * Where `npm run test:unit` (.mocharc.unit.cjs) tells its workers the bundle made once for the run
 * lies: three suites in two worker processes each bundling the same sources cost two extra builds
 * (each parses data/*.yml and runs esbuild, about a CPU-second).
 */
export const SHARED_BUNDLE_ENV = 'STAGE_GUIDE_HOSTILE_CLI';

/**
 * Where the run's bundle folder holds the shipped data as the bundles embed it (a JSON object of each
 * data file's JSON, parsed from data/*.yml once for the bundle): the workers read it instead of
 * parsing data/*.yml again, about a CPU-second each (test/unit/support/embeddedShippedData.ts).
 */
export const EMBEDDED_DATA_ENV = 'STAGE_GUIDE_TEST_SHIPPED_DATA';
const EMBEDDED_DATA_FILE = 'shipped-data.json';

interface ShippedDataModule {
  shippedDataDefine(root: string): Record<string, string>;
}

/**
 * Bundles the CLI from src/ as scripts/build.mjs bundles dist/cli.js: data/*.yml parsed now and
 * embedded, the version written in, minified with names kept. Each process then reads JSON
 * instead of parsing the YAML data again (about half of a short run's CPU: the suite starts
 * ~80 processes, 40 of them at once), and never looks for data/ on disk, so the bundle lives in
 * the temp folder and reads this checkout's data even from a git worktree whose node_modules is
 * a link into another checkout. The file worker (fileWorker.js) is bundled beside it in the same build, as in
 * dist/: the file-worker suite starts it instead of workerMain.ts through tsx (seconds of CPU per worker).
 * Returns the folder holding cli.js and fileWorker.js.
 */
async function bundleCli(): Promise<string> {
  const { shippedDataDefine } = (await import(join(REPO_ROOT, 'scripts', 'shippedData.mjs'))) as ShippedDataModule;
  const version = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const dir = mkdtempSync(join(tmpdir(), 'stage-guide-hostile-cli-'));
  try {
    const data = shippedDataDefine(REPO_ROOT);
    // The data as embedded, for the unit run's workers too (test/unit/support/embeddedShippedData.ts).
    writeFileSync(join(dir, EMBEDDED_DATA_FILE), data.__STAGE_GUIDE_SHIPPED_DATA__);
    buildSync({
      entryPoints: { cli: MAIN, fileWorker: FILE_WORKER },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      minify: true,
      keepNames: true,
      define: { ...data, STAGE_GUIDE_VERSION: JSON.stringify(version) },
      outdir: dir,
      logLevel: 'silent',
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return dir;
}

/**
 * Await it in each hostile suite's `before` hook. Under `npm run test:unit` it takes the bundle the
 * run made once before its workers started (the environment names it); a suite run on its own
 * (`npx mocha ... test/unit/hostile/parsing.test.ts`) bundles for itself.
 */
export async function prepareHostileCli(): Promise<void> {
  if (bundledDir) return;
  const sharedCli = process.env[SHARED_BUNDLE_ENV];
  if (sharedCli && existsSync(sharedCli)) {
    bundledDir = dirname(sharedCli);
    shared = true;
    return;
  }
  bundledDir = await bundleCli();
}

/** The CLI bundled from src/ by prepareHostileCli(). */
export function hostileCli(): string {
  if (!bundledDir) throw new Error("await prepareHostileCli() in the suite's before hook first");
  return join(bundledDir, 'cli.js');
}

/** The file worker bundled beside hostileCli() (await prepareHostileCli() first). */
export function bundledFileWorker(): string {
  return join(dirname(hostileCli()), 'fileWorker.js');
}

/** Removes the suite's own bundle (a later run bundles again); the run's shared one stays for the other suites. */
export function removeHostileCli(): void {
  if (bundledDir && !shared) rmSync(bundledDir, { recursive: true, force: true });
  bundledDir = undefined;
  shared = false;
}

/**
 * Mocha's global fixtures (.mocharc.unit.cjs requires test/unit/hostile/sharedBundle.ts, which
 * exports these): run once in the main process before the workers start, which inherit the
 * environment, and once after they all ended.
 */
export async function bundleForRun(): Promise<void> {
  try {
    const dir = await bundleCli();
    process.env[SHARED_BUNDLE_ENV] = join(dir, 'cli.js');
    process.env[EMBEDDED_DATA_ENV] = join(dir, EMBEDDED_DATA_FILE);
  } catch {
    // Sources that do not bundle: each hostile suite then bundles for itself and fails with the error,
    // while the rest of the unit suite still runs.
  }
}

export function removeRunBundle(): void {
  const sharedCli = process.env[SHARED_BUNDLE_ENV];
  if (sharedCli) rmSync(dirname(sharedCli), { recursive: true, force: true });
  delete process.env[SHARED_BUNDLE_ENV];
  delete process.env[EMBEDDED_DATA_ENV];
}

/** The issue's bar: "ends within seconds under a 1.5 GB memory cap". */
export const HOSTILE_HEAP_MB = 1536;
/** Generous for a loaded 2-core CI machine; a hang still fails. */
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

export function runCapped(
  args: string[],
  cwd: string,
  options: {
    deadlineMs?: number;
    heapMb?: number;
    env?: Record<string, string>;
    /** Run under `ulimit -f BLOCKS` (a shell sets the limit, then becomes the CLI): writes past it fail with EFBIG. */
    fileSizeBlocks?: number;
  } = {},
): CappedRun {
  const env = { ...process.env };
  for (const name of ['NO_COLOR', 'FORCE_COLOR', 'COLUMNS', 'LINES']) delete env[name];
  const started = Date.now();
  const node = [process.execPath, `--max-old-space-size=${options.heapMb ?? HOSTILE_HEAP_MB}`, hostileCli(), ...args];
  const command =
    options.fileSizeBlocks === undefined ? node : ['sh', '-c', `ulimit -f ${options.fileSizeBlocks} && exec "$@"`, 'sh', ...node];
  const result = spawnSync(command[0], command.slice(1), {
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
  return {
    status: result.status,
    signal: result.signal,
    stdout: result.stdout ?? '',
    stderr: result.stderr ?? '',
    timedOut,
    elapsedMs: Date.now() - started,
  };
}

/** A message for assertions: what the capped run did, with the tail of its output. */
export function describeRun(run: CappedRun): string {
  const how = run.timedOut ? 'timed out' : run.signal ? `killed by ${run.signal}` : `exited ${run.status}`;
  return `${how} after ${run.elapsedMs} ms\nstdout: ${run.stdout.slice(-600)}\nstderr: ${run.stderr.slice(-600)}`;
}
