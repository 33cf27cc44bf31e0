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

/**
 * Gives the event loop a turn. A scan awaits this every few hundred entries so
 * an extension host keeps answering (hovers, typing) while it runs; with a
 * file system whose reads resolve at once, awaiting them alone would not.
 */
export function yieldToEventLoop(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => setTimeout(resolve, 0));
}
