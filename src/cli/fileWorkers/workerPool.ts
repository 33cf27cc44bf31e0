import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { scopeFileWorker } from '../../core/evidence/index';
import type { FileJob, FileWork, ScopeFileContext, WorkedFile, WorkedFiles } from '../../core/evidence/index';
import { nodeFileSystem } from '../nodeFileSystem';
import { boundHeapGrowth } from '../heapGrowth';
import type { FromWorker, ToWorker, Worked } from './messages';

export interface PoolOptions {
  /** Worker threads to start besides the scan's own thread, which reads files too (0: none, the scan reads every file itself). */
  workers: number;
  /** A scope with fewer files to read is read by the scan itself: starting workers would cost more than they save. */
  minFiles: number;
  /** Starts one worker; by default the bundled dist/fileWorker.js (or, from source, workerMain.ts through tsx). */
  spawn?: () => Worker;
}

/** Scopes whose files were handed to workers in this process, by any pool (the tests check that a comparison did use them). */
let scopesStarted = 0;

export function scopesHandedToWorkers(): number {
  return scopesStarted;
}

/** Files handed to a worker per message: fewer messages, while every worker still gets its share of a small scope. */
const BATCH = 16;
/** Files handed out ahead of the one the scan takes next, per worker: the results waiting to be applied in order stay few. */
const AHEAD_PER_WORKER = 128;

/**
 * The CLI's worker threads for a scan (core/evidence/scan/fileWork.ts): a scope's files are handed out in
 * batches to the least busy worker, and their results handed back to the scan in the scan's order. Workers
 * start on the first scope large enough and stay until `close()`. A worker that stops (a crash, out of memory)
 * leaves its files unread, each reported as the scan reports a file it cannot read; the others carry on, and
 * with no worker left the scan reads the remaining files itself.
 */
export class FileWorkerPool implements FileWork {
  private readonly workers: PoolWorker[] = [];
  private started = false;
  private nextScope = 0;

  constructor(private readonly options: PoolOptions) {}

  /** Whether workers can be started at all (a bundle without dist/fileWorker.js beside it cannot). */
  canStartWorkers(): boolean {
    return (this.options.spawn ?? defaultSpawn()) !== undefined;
  }

  start(files: readonly FileJob[], scope: () => ScopeFileContext): WorkedFiles | undefined {
    if (this.options.workers < 1 || files.length < this.options.minFiles) return undefined;
    if (!this.started) {
      this.started = true;
      const spawn = this.options.spawn ?? defaultSpawn();
      if (spawn) for (let index = 0; index < this.options.workers; index++) this.workers.push(new PoolWorker(spawn()));
    }
    if (this.live().length === 0) return undefined;
    scopesStarted++;
    return new PooledScope(this.nextScope++, files, scope(), this.workers);
  }

  /** Stops every worker (after the scan: nothing is under way any more). */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.stop()));
    // Node may have reset V8's flags with the threads it started or stopped: the report is written in bounded memory too.
    if (this.workers.length > 0) boundHeapGrowth();
  }

  private live(): PoolWorker[] {
    return this.workers.filter((worker) => worker.alive);
  }
}

/** One worker thread, and the scopes waiting for its answers. */
class PoolWorker {
  alive = true;
  /** Files handed to it and not answered yet (to pick the least busy worker). */
  inFlight = 0;
  /**
   * Settled once the thread has said anything (it says `ready` first) or stopped: node resets V8's flags, the heap
   * bounds among them (heapGrowth.ts), as it starts a thread, and the thread sets them again before it says so.
   * The scan's thread reads no file itself before then, so its heap does not grow unbounded meanwhile.
   */
  readonly ready: Promise<void>;
  private readonly scopes = new Map<number, PooledScope>();
  private settleReady!: () => void;

  constructor(private readonly thread: Worker) {
    this.ready = new Promise((resolve) => (this.settleReady = resolve));
    thread.on('message', (message: FromWorker) => {
      this.settleReady();
      if (message.type !== 'worked') return;
      this.inFlight -= message.results.length;
      this.scopes.get(message.scope)?.answered(this, message.results);
    });
    thread.on('error', (error) => this.stopped(error.message));
    thread.on('messageerror', (error) => {
      this.stopped(`an answer could not be read (${error.message})`);
      void thread.terminate();
    });
    thread.on('exit', (code) => this.stopped(`it exited with code ${code}`));
  }

  /** Tells the worker about a scope (before its first files). */
  join(scope: PooledScope, context: ScopeFileContext): void {
    this.scopes.set(scope.id, scope);
    this.thread.postMessage({ type: 'scope', scope: scope.id, context } satisfies ToWorker);
  }

  send(scope: PooledScope, files: Array<{ index: number; file: FileJob }>): void {
    this.inFlight += files.length;
    this.thread.postMessage({ type: 'files', scope: scope.id, files } satisfies ToWorker);
  }

  leave(scope: PooledScope): void {
    if (!this.scopes.delete(scope.id) || !this.alive) return;
    this.thread.postMessage({ type: 'end', scope: scope.id } satisfies ToWorker);
  }

  async stop(): Promise<void> {
    this.settleReady();
    if (!this.alive) return;
    this.alive = false;
    await this.thread.terminate();
  }

  private stopped(why: string): void {
    this.settleReady();
    if (!this.alive) return;
    this.alive = false;
    for (const scope of this.scopes.values()) scope.workerStopped(this, `the worker thread reading it stopped: ${why}`);
    this.scopes.clear();
  }
}

/** One scope's files under way: handed out ahead of the scan, taken back in order. */
class PooledScope implements WorkedFiles {
  private readonly results = new Map<number, WorkedFile>();
  private readonly waiting = new Map<number, (result: WorkedFile) => void>();
  /** For each file handed out and not answered, the worker it went to. */
  private readonly outstanding = new Map<number, PoolWorker>();
  private readonly joined = new Set<PoolWorker>();
  private sent = 0;
  private closed = false;
  private workersReady = false;
  /** The scan reads a file itself once no worker is left (the core's own per-file work, here). */
  private inline?: (file: FileJob) => Promise<WorkedFile>;

  constructor(
    readonly id: number,
    private readonly files: readonly FileJob[],
    private readonly context: ScopeFileContext,
    private readonly workers: readonly PoolWorker[],
  ) {}

  async take(index: number): Promise<WorkedFile> {
    this.handOut(index);
    if (!this.workersReady) {
      // Before this thread reads any file itself: the workers have set the heap bounds again (see PoolWorker.ready).
      await Promise.all(this.workers.map((worker) => worker.ready));
      this.workersReady = true;
    }
    for (;;) {
      const done = this.results.get(index);
      if (done) {
        this.results.delete(index);
        return done;
      }
      if (!this.outstanding.has(index)) return this.readHere(index);
      // Its worker has not answered yet: the scan's own thread reads a file of the frontier meanwhile (so two
      // cores work with one worker), then looks again once the answers that came meanwhile are in.
      const own = this.sent < Math.min(this.files.length, index + this.ahead()) ? this.sent : undefined;
      if (own === undefined) return new Promise((resolve) => this.waiting.set(index, resolve));
      this.results.set(own, await this.readHere(own));
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  close(): void {
    this.closed = true;
    for (const worker of this.joined) worker.leave(this);
    this.results.clear();
  }

  answered(worker: PoolWorker, results: Worked['results']): void {
    for (const { index, result } of results) {
      if (this.outstanding.get(index) !== worker) continue;
      this.outstanding.delete(index);
      this.settle(index, result);
    }
    if (!this.closed) this.handOut(this.lowestWanted());
  }

  workerStopped(worker: PoolWorker, reason: string): void {
    this.joined.delete(worker);
    for (const [index, owner] of [...this.outstanding]) {
      if (owner !== worker) continue;
      this.outstanding.delete(index);
      this.settle(index, { status: 'unreadable', reason });
    }
    if (!this.closed) this.handOut(this.lowestWanted());
  }

  private settle(index: number, result: WorkedFile): void {
    const resolve = this.waiting.get(index);
    if (resolve) {
      this.waiting.delete(index);
      resolve(result);
    } else if (!this.closed) this.results.set(index, result);
  }

  /** The first file the scan has not taken yet, as far as the pool can tell (the lowest index waited for or unanswered). */
  private lowestWanted(): number {
    let lowest = this.sent;
    for (const index of this.waiting.keys()) lowest = Math.min(lowest, index);
    for (const index of this.outstanding.keys()) lowest = Math.min(lowest, index);
    for (const index of this.results.keys()) lowest = Math.min(lowest, index);
    return lowest;
  }

  /** Hands out files up to AHEAD_PER_WORKER per live worker past `from`, a batch at a time to the least busy worker. */
  private handOut(from: number): void {
    const live = this.workers.filter((worker) => worker.alive);
    if (live.length === 0) return;
    // The workers' share of the files ahead; the scan's thread reads past it while it waits (see take).
    const limit = Math.min(this.files.length, from + AHEAD_PER_WORKER * live.length);
    while (this.sent < limit) {
      const worker = live.reduce((least, each) => (each.inFlight < least.inFlight ? each : least));
      if (!this.joined.has(worker)) {
        worker.join(this, this.context);
        this.joined.add(worker);
      }
      const batch: Array<{ index: number; file: FileJob }> = [];
      for (; batch.length < BATCH && this.sent < limit; this.sent++) {
        batch.push({ index: this.sent, file: this.files[this.sent] });
        this.outstanding.set(this.sent, worker);
      }
      worker.send(this, batch);
    }
  }

  /** How far past the file taken next files are handed out (or read here ahead of time). */
  private ahead(): number {
    return AHEAD_PER_WORKER * (this.workers.filter((worker) => worker.alive).length + 1);
  }

  private readHere(index: number): Promise<WorkedFile> {
    if (index >= this.sent) this.sent = index + 1;
    this.inline ??= inlineWork(this.context);
    return this.inline(this.files[index]);
  }
}

function inlineWork(context: ScopeFileContext): (file: FileJob) => Promise<WorkedFile> {
  const work = scopeFileWorker(context);
  return (file) => work(nodeFileSystem, file);
}

/**
 * How to start a worker: the bundled dist/fileWorker.js beside dist/cli.js; from source (tests, `tsx src/cli/main.ts`)
 * workerMain.ts through tsx's require hook. Undefined in a bundle without the worker beside it (the GitHub Action's
 * single file): the scan then reads every file itself.
 */
export function defaultSpawn(): (() => Worker) | undefined {
  const bundled = join(__dirname, 'fileWorker.js');
  if (existsSync(bundled)) return () => new Worker(bundled);
  const source = join(__dirname, 'workerMain.ts');
  if (!existsSync(source)) return undefined;
  // Resolved at run time, from source only (a bundle never gets here, and must not try to bundle tsx).
  const tsx = createRequire(__filename).resolve('tsx/cjs');
  return () => new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(source)});`, { eval: true });
}
