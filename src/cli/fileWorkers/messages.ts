import type { FileJob, ScopeFileContext, WorkedFile } from '../../core/evidence/index';

/** What the pool tells a file worker: a scope's context (once per scope and worker), files to work, a scope's end. */
export type ToWorker =
  | { type: 'scope'; scope: number; context: ScopeFileContext }
  | { type: 'files'; scope: number; files: Array<{ index: number; file: FileJob }> }
  | { type: 'end'; scope: number };

/**
 * What a file worker says: that it is ready (once, first: the heap bounds node reset as it started the thread are set
 * again), then one message per batch of files, each result at its index in the scope's order.
 */
export type FromWorker = { type: 'ready' } | Worked;

export interface Worked {
  type: 'worked';
  scope: number;
  results: Array<{ index: number; result: WorkedFile }>;
}
