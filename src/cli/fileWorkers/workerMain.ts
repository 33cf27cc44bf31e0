// The entry of a file worker thread (bundled as dist/fileWorker.js beside dist/cli.js): reads, parses and
// analyses the files the pool hands it, with the core's per-file work, and answers with plain data.
// It keeps nothing between batches but the scopes' contexts, dropped at each scope's end.
// First: node reset V8's heap bounds as it started this thread; they are set again before the bundle loads.
import '../heapBoundFirst';
import '../sourceShippedData';
import { parentPort } from 'node:worker_threads';
import { scopeFileWorker } from '../../core/evidence/index';
import type { WorkedFile } from '../../core/evidence/index';
import { nodeFileSystem } from '../nodeFileSystem';
import type { FromWorker, ToWorker, Worked } from './messages';

const port = parentPort;
if (!port) throw new Error('stage-guide: the file worker runs only as a worker thread');

const scopes = new Map<number, ReturnType<typeof scopeFileWorker>>();
// Batches are worked one after the other, in the order they came.
let queue: Promise<void> = Promise.resolve();

// The heap bounds are set again (see above): the pool's thread may allocate freely from now on.
port.postMessage({ type: 'ready' } satisfies FromWorker);

port.on('message', (message: ToWorker) => {
  if (message.type === 'scope') scopes.set(message.scope, scopeFileWorker(message.context));
  else if (message.type === 'end') queue = queue.then(() => void scopes.delete(message.scope));
  else queue = queue.then(() => work(message));
});

async function work(message: Extract<ToWorker, { type: 'files' }>): Promise<void> {
  const worker = scopes.get(message.scope);
  if (!worker) return;
  const results: Worked['results'] = [];
  for (const { index, file } of message.files) {
    let result: WorkedFile;
    try {
      result = await worker(nodeFileSystem, file);
    } catch (error) {
      // The core never throws on a file; if it does, the file is reported as unread, like a file the scan cannot read.
      result = { status: 'unreadable', reason: `analysis failed: ${reasonOf(error)}` };
    }
    results.push({ index, result });
  }
  post({ type: 'worked', scope: message.scope, results });
}

/** A result that cannot be cloned (a bug: the seam carries plain data) is reported per file, never lost. */
function post(message: Worked): void {
  try {
    port!.postMessage(message);
  } catch (error) {
    const reason = `analysis failed: ${reasonOf(error)}`;
    port!.postMessage({
      ...message,
      results: message.results.map(({ index }) => ({ index, result: { status: 'unreadable', reason } })),
    } satisfies Worked);
  }
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
