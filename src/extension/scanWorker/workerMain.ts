// The entry of the editor's scan worker thread (bundled as dist/scanWorker.js beside dist/extension.js; see
// docs/editor-scan-worker.md). It runs the scans the extension host would run on its own thread (the workspace
// model's `workspaceModelScan`, the Stage view's `assessScope`), one at a time, with one ScanCache per workspace
// folder, and answers with plain data: each service's facts, the model's digests, the assessment. The caches, the
// analyses and the models it judges by stay here, in a heap the host bounds (resourceLimits). Never imports vscode.
import { parentPort } from 'node:worker_threads';
import { DeploymentModel } from '../../core/deployment/model/deploymentModel';
import type { FileDigest } from '../../core/deployment/types';
import { workspaceModelInputs } from '../../core/evidence/assessment/workspaceModelScan';
import type { ScopeModelFacts } from '../../core/evidence/assessment/workspaceModelScan';
import { ScanCache } from '../../core/evidence/index';
import { reassessScope } from '../../core/evidence/assessment/reassessScope';
import type { JudgedFrom } from '../../core/evidence/assessment/reassessScope';
import type { AssessOptions, ConfigFinding } from '../../core/evidence/index';
import { withoutRuleTexts } from '../../core/evidence/assessment/findingRuleTexts';
import type { LeanFinding } from '../../core/evidence/assessment/findingRuleTexts';
import { textKey } from '../../core/textHashes';
import { sameValue } from '../../core/evidence/scan/sameValue';
import { readinessWithoutFindings } from '../../core/evidence/assessment/readiness';
import { builtinRuleCatalog } from '../../core/rules/engine/ruleCatalog';
import { TimeSlicer } from '../../core/evidence/scan/cancellation';
import { HostFileCalls } from './hostFileCalls';
import type { FromScanWorker, ScanRequest, ToScanWorker } from './messages';
import { workerFileSystem } from './workerFileSystem';

const port = parentPort;
if (!port) throw new Error('stage-guide: the scan worker runs only as a worker thread');

/**
 * What one message carries at most: a message is deserialised on the host's thread in one stretch, and messages that
 * arrive together are taken in one turn of its event loop, so the large parts (the model's digests, a service's
 * findings) go in slices, one at a time (see `paced`). On the 100,000-file bench tree, whole messages held the host
 * for about 100 ms, and slices paced by time alone for 300 ms (a host thread waiting for a core found hundreds queued).
 */
const DIGESTS_PER_MESSAGE = 200;
const FINDINGS_PER_MESSAGE = 200;
/**
 * Services' facts go several to a message, so what they share is cloned once (see the `scopes` message). On the
 * 100,000-file bench tree the 51 services' facts were 12.4 MB serialised one by one and 2.7 MB together, deserialised
 * in 12 ms; the bound keeps a message of a workspace with hundreds of services within the host's budget.
 */
const SCOPES_PER_MESSAGE = 64;
/** Progress reaches the host at most this often (the views throttle again). */
const PROGRESS_INTERVAL_MS = 100;
/**
 * The worker's time budget between event-loop turns: its loop has no UI to serve, only the host's messages (a
 * cancellation, changed paths) that a turn lets in, so its turns can be further apart than the host's 10 ms.
 */
const WORKER_SLICE_MS = 50;

/** One workspace folder: its cache, its last model (the Stage view's findings are judged by it) and what the host holds. */
interface FolderState {
  cache: ScanCache;
  model?: DeploymentModel;
  /**
   * What the host was last sent: each service's facts and charts (its facts by identity: a scan that stood keeps them) and the model's key
   * (its service roots and signature), which is `model`'s own once a scan made it (none after a cancelled one), with
   * the digests it was made of (the model's own list: a later model sends only those that differ).
   */
  sentScopes: Map<string, ScopeModelFacts>;
  sentModel?: { key: string; digests: readonly FileDigest[] };
  /**
   * Each service's last assessment sent whole: the request that asked for it, what it was judged from, and a key of
   * each of its findings as sent (a later assessment of it sends only the findings that differ).
   */
  judged: Map<string, { id: number; from: JudgedFrom; findingKeys: readonly string[] }>;
}

const folders = new Map<string, FolderState>();
/** The calls of scans whose folder's files come from the host (a virtual workspace), waiting for its answers. */
const hostFiles = new HostFileCalls(post);
const cancelled = new Set<number>();
// Scans run one after the other, in the order they came (two scans must not fill one cache at once).
let queue: Promise<void> = Promise.resolve();

port.on('message', (message: ToScanWorker) => {
  switch (message.type) {
    case 'cancel':
      cancelled.add(message.id);
      break;
    case 'changed': {
      const cache = folders.get(message.folder)?.cache;
      if (cache) for (const path of message.paths) cache.noteChanged(path);
      break;
    }
    case 'forgetChanges':
      for (const [key, state] of folders) if (message.folder === undefined || message.folder === key) state.cache.forgetChanges();
      break;
    case 'folders':
      for (const key of [...folders.keys()]) if (!message.open.includes(key)) folders.delete(key);
      break;
    case 'ack':
      acked?.();
      acked = undefined;
      break;
    case 'fileAnswer':
      hostFiles.answered(message.call, message.value, message.failed);
      break;
    default:
      sayAliveWhileBusy(message.aliveEveryMs);
      queue = queue
        .then(() => run(message))
        .finally(() => {
          if (--requestsWaiting === 0) clearInterval(aliveTimer);
        });
  }
});

/**
 * While requests are queued or under way, the worker says it is alive at the pace the host asks: the host stops a
 * worker that says nothing for long (ScanWorkerStuck). A timer fires only when the event loop turns, as it does
 * between a scan's steps (WORKER_SLICE_MS), so a scan stuck in one stretch of work falls silent.
 */
let requestsWaiting = 0;
let aliveTimer: NodeJS.Timeout | undefined;
function sayAliveWhileBusy(everyMs: number): void {
  if (requestsWaiting++ > 0) return;
  aliveTimer = setInterval(() => post({ type: 'alive' }), everyMs);
}
// Loaded: the host counts the worker's silences from its first word (loading the bundle may take long).
post({ type: 'alive' });

async function run(request: Extract<ToScanWorker, ScanRequest>): Promise<void> {
  let answer: FromScanWorker;
  // What the request still does once answered (the next request waits for it).
  let afterAnswer: (() => Promise<void>) | undefined;
  try {
    if (request.type === 'modelScan') ({ answer, afterAnswer } = await modelScan(request));
    else answer = await assess(request);
  } catch (error) {
    answer = { type: 'failed', id: request.id, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  cancelled.delete(request.id);
  // Before the answer: whoever awaits the answer reads the heap the request left.
  const heap = process.memoryUsage();
  post({ type: 'heap', id: request.id, usedBytes: heap.heapUsed, totalBytes: heap.heapTotal });
  try {
    post(answer);
  } catch (error) {
    // An answer that cannot be cloned (a bug: the seam carries plain data) fails its request, never leaves it waiting.
    post({
      type: 'failed',
      id: request.id,
      message: `its answer could not be sent: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
  try {
    await afterAnswer?.();
  } catch {
    // The worker's own model could not be built (the host's was): the Stage view's assessments build their own.
  }
}

function stateOf(folder: string): FolderState {
  let state = folders.get(folder);
  if (!state) folders.set(folder, (state = { cache: new ScanCache({ changesNoted: true }), sentScopes: new Map(), judged: new Map() }));
  return state;
}

function optionsFor(request: ScanRequest, state: FolderState): AssessOptions & { slicer: TimeSlicer } {
  let lastProgress = 0;
  return {
    fs: request.filesFromHost ? hostFiles.fileSystem(request.id) : workerFileSystem(new Map(request.overrides)),
    workspaceRoot: request.workspaceRoot,
    today: request.today,
    cache: state.cache,
    // The editor's scans keep a quick fix's title only: its edits are built from the open document when applied.
    fixes: 'titles',
    ...(request.knownRuleIds ? { knownRuleIds: new Set(request.knownRuleIds) } : {}),
    cancellation: {
      get aborted() {
        return cancelled.has(request.id);
      },
    },
    slicer: new TimeSlicer(WORKER_SLICE_MS),
    onProgress: (progress) => {
      const now = performance.now();
      if (now - lastProgress < PROGRESS_INTERVAL_MS) return;
      lastProgress = now;
      post({ type: 'progress', id: request.id, progress });
    },
  };
}

/** The workspace model scan (workspaceModelScan's inputs), its facts sent per service and its digests in slices. */
async function modelScan(
  request: Extract<ToScanWorker, { type: 'modelScan' }>,
): Promise<{ answer: FromScanWorker; afterAnswer?: () => Promise<void> }> {
  const state = stateOf(request.folder);
  // Until this scan has made one, the Stage view's assessments build their own model (as a scope assessed alone does).
  state.model = undefined;
  const options = optionsFor(request, state);
  const { scopes, digests, serviceRoots, cancelled: scanCancelled } = await workspaceModelInputs(request.workspaceRoot, options);
  let batch: Array<{ root: string; facts?: ScopeModelFacts }> = [];
  const sendBatch = async () => {
    post({ type: 'scopes', id: request.id, folder: request.folder, scopes: batch });
    await paced();
    // Once sent (facts that cannot be cloned fail the scan, and are not taken for sent).
    for (const { root, facts } of batch) if (facts) state.sentScopes.set(root, facts);
    batch = [];
  };
  for (const [root, facts] of scopes) {
    const sent = state.sentScopes.get(root);
    // The same facts object (a service whose scan stood keeps it) and the same charts: nothing crosses again.
    if (sent !== undefined && sent.workspaceFacts === facts.workspaceFacts && sameValue(sent.charts, facts.charts)) {
      batch.push({ root });
      // The same, kept as the one sent: the next scan that keeps these charts is told at once.
      state.sentScopes.set(root, facts);
    } else batch.push({ root, facts });
    if (batch.length >= SCOPES_PER_MESSAGE) await sendBatch();
  }
  if (batch.length > 0) await sendBatch();
  // The model's signature is made of its digests alone: the host is answered first, and the worker builds its own model
  // (for the Stage view's judgements) while the host builds its one, on the other core.
  const build: { steps?: Iterator<void> } = {};
  const model = new DeploymentModel(digests, { repositoryRoot: request.workspaceRoot, serviceRoots }, build);
  for (const _step of model.signatureSteps()) await options.slicer.maybeYield();
  const key = `${JSON.stringify(serviceRoots)}|${model.signature}`;
  // What the host holds, when it is the model this worker sent last: then only the digests that differ cross.
  const held = request.holds !== undefined && request.holds === state.sentModel?.key ? state.sentModel.digests : undefined;
  const unchanged = !scanCancelled && request.holds === key;
  // By identity: what a rescan takes from the cache is the same object (before, every digest crossed again after a line
  // inserted in one file of the 100,000-file bench tree).
  const changes = !unchanged && held ? changedEntries(held, digests, (index) => digests[index]) : undefined;
  state.sentModel = undefined;
  if (changes) await inSlices(changes, DIGESTS_PER_MESSAGE, (slice) => ({ type: 'digestChanges', id: request.id, changes: slice }));
  else if (!unchanged) await inSlices(digests, DIGESTS_PER_MESSAGE, (slice) => ({ type: 'digests', id: request.id, digests: slice }));
  // Once sent (digests that cannot be cloned fail the scan, and are not taken for sent).
  if (!scanCancelled) {
    state.sentModel = { key, digests };
  }
  const answer: FromScanWorker = {
    type: 'model',
    id: request.id,
    serviceRoots,
    signature: model.signature,
    key,
    unchanged,
    changed: changes !== undefined,
    cancelled: scanCancelled,
  };
  const afterAnswer = async () => {
    while (!build.steps!.next().done) await options.slicer.maybeYield();
    state.model = model;
  };
  return { answer, afterAnswer };
}

/**
 * The entries of `current` that are not those of `held` (compared with ===), each with its index and its value
 * (`valueAt`: a finding's lean copy is made only when it crosses); undefined when the lists are not as long (a file
 * added or removed: the whole list crosses).
 */
function changedEntries<Key, Value>(
  held: readonly Key[],
  current: readonly Key[],
  valueAt: (index: number) => Value,
): Array<[number, Value]> | undefined {
  if (held.length !== current.length) return undefined;
  const changes: Array<[number, Value]> = [];
  for (let index = 0; index < current.length; index++) if (current[index] !== held[index]) changes.push([index, valueAt(index)]);
  return changes;
}

/** Posts `items` in slices of `size`, each once the host has taken the last (see `paced`). */
async function inSlices<Item>(items: readonly Item[], size: number, message: (slice: Item[]) => FromScanWorker): Promise<void> {
  for (let start = 0; start < items.length; start += size) {
    post(message(items.slice(start, start + size)));
    await paced();
  }
}

/** Resolves the wait for the host's ack of the last slice. */
let acked: (() => void) | undefined;

/**
 * Waits, after a slice, until the host has taken it and its event loop has turned (its `ack`): messages already
 * queued when the host's port is read are all taken in that turn, so slices posted ahead would hold the host as one
 * message does.
 */
function paced(): Promise<void> {
  return new Promise((resolve) => (acked = resolve));
}

/**
 * The Stage view's assessment of one service, judged by the folder's last workspace model (as the host's is); or word
 * that the assessment the host holds stands (reassessScope.ts), when its request says which one that is.
 */
async function assess(request: Extract<ToScanWorker, { type: 'assess' }>): Promise<FromScanWorker> {
  const state = stateOf(request.folder);
  const last = state.judged.get(request.root);
  const again = await reassessScope(
    request.root,
    request.stageFile,
    {
      ...optionsFor(request, state),
      ...(state.model ? { deployment: state.model, ...(state.sentModel ? { deploymentKey: state.sentModel.key } : {}) } : {}),
    },
    last !== undefined && last.id === request.held ? last.from : undefined,
  );
  if (again.asJudged) return { type: 'asJudged', id: request.id };
  const result = again.result;
  const placed = result.service.findings;
  const keys = placed.map(findingKeyOf);
  // The host holds the last assessment sent: only the findings that differ from its cross (after a line inserted in a
  // compose file, those of that file and of the files that name it).
  const held = last !== undefined && last.id === request.held ? last.findingKeys : undefined;
  const changes = held ? changedEntries(held, keys, (index) => leanFinding(placed[index])) : undefined;
  // What the host will hold. Were this answer lost (it could not be sent), the host holds nothing of this id to name.
  if (again.judgedFrom) state.judged.set(request.root, { id: request.id, from: again.judgedFrom, findingKeys: keys });
  else state.judged.delete(request.root);
  if (changes) await inSlices(changes, FINDINGS_PER_MESSAGE, (slice) => ({ type: 'findingChanges', id: request.id, changes: slice }));
  else await inSlices(placed, FINDINGS_PER_MESSAGE, (slice) => ({ type: 'findings', id: request.id, findings: slice.map(leanFinding) }));
  // The findings went in slices; the readiness lists some of them again, and the host takes those from the slices.
  const service = { ...result.service, findings: [], readiness: readinessWithoutFindings(result.service.readiness) };
  return { type: 'assessed', id: request.id, service, cancelled: result.cancelled, findingsChanged: changes !== undefined };
}

/**
 * A finding as it crosses, without its rule's texts (the host takes them from its own catalogue: the same data, shipped
 * in both bundles). Made when it is sent, not kept: only its key is.
 */
function leanFinding(finding: ConfigFinding): LeanFinding {
  return withoutRuleTexts(finding, builtinRuleCatalog());
}

/**
 * A finding's key: a hash of what crosses. Made once per finding: a finding of a file judged and placed as before is
 * the same object (configFindings), and a service's thousands of findings are not written out again. Only the key is
 * kept, not the lean copy it hashes (a workspace's placed findings: about 1.5 MB of copies on the 100,000-file bench tree).
 */
function findingKeyOf(finding: ConfigFinding): string {
  let key = FINDING_KEYS.get(finding);
  if (key === undefined) FINDING_KEYS.set(finding, (key = textKey(JSON.stringify(leanFinding(finding)))));
  return key;
}

const FINDING_KEYS = new WeakMap<ConfigFinding, string>();

function post(message: FromScanWorker): void {
  port!.postMessage(message);
}
