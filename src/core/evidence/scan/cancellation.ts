/**
 * Cancellation as both hosts express it: an `AbortSignal` (CLI, tests) or a
 * VS Code `CancellationToken` (`isCancellationRequested`). The core accepts
 * either without importing `vscode`.
 */
export type Cancellation = { readonly aborted: boolean } | { readonly isCancellationRequested: boolean };

export function isCancelled(cancellation: Cancellation | undefined): boolean {
  if (!cancellation) return false;
  return 'aborted' in cancellation ? cancellation.aborted : cancellation.isCancellationRequested;
}

/** Gives the event loop a turn (setImmediate in Node, a zero timeout elsewhere). */
export function yieldToEventLoop(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Cooperative time slicing: work calls `maybeYield()` between small steps and
 * gives the event loop a turn once `budgetMs` of work has passed. An
 * extension host shares its thread with every extension, so a scan must never
 * hold it for long (the budget leaves ample room under the 50 ms the
 * extension host tolerates). Counting time rather than entries keeps the
 * promise on slow disks and slow machines alike.
 */
export class TimeSlicer {
  private since = now();
  /** Turns given to the event loop so far (tests check that long work yields). */
  yields = 0;

  constructor(private readonly budgetMs = 10) {}

  async maybeYield(): Promise<void> {
    if (now() - this.since < this.budgetMs) return;
    await yieldToEventLoop();
    this.yields++;
    this.since = now();
  }
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
