import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ResourceLimits } from 'node:worker_threads';
import { buildDeploymentModel } from '../../core/deployment/model/buildDeploymentModel';
import type { DeploymentModel } from '../../core/deployment/model/deploymentModel';
import type { FileDigest } from '../../core/deployment/types';
import type { AssessProgress, ConfigFinding, ScopeModelFacts, ServiceAssessment, WorkspaceModelScan } from '../../core/evidence/index';
import { withRuleTexts } from '../../core/evidence/assessment/findingRuleTexts';
import { readinessWithFindings } from '../../core/evidence/assessment/readiness';
import { builtinRuleCatalog } from '../../core/rules/engine/ruleCatalog';
import { TimeSlicer } from '../../core/evidence/scan/cancellation';
import { shareStrings, StringTable } from '../../core/evidence/scan/sharedStrings';
import type { CoreFileSystem } from '../../core/fileSystem';
import type { StageFileState } from '../../core/workspace/stageResolution';
import { callOn } from './hostFileCalls';
import type { FromScanWorker, HostFileCall, ScanRequest, ToScanWorker } from './messages';

/**
 * The worker's heap bound: the scan cache of a 100,000-file workspace is about 75 MB, a scan's peak a few times
 * more. A workspace that needs more stops the worker (ERR_WORKER_OUT_OF_MEMORY), and the host scans in its own
 * thread instead: slower for the editor, but never a crashed window. The young generation (where a scan's parse
 * trees start and die) is kept small, as the CLI keeps its semi-spaces (src/cli/heapGrowth.ts): on the 100,000-file
 * bench tree the worker's heap after the scans was 186-187 MB with 8 MB against 189-232 MB with 32 (two runs each,
 * on a loaded machine).
 */
export const SCAN_WORKER_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 8 };

/** Whether the scans run in the host's own thread anyway (`STAGE_GUIDE_SCAN_IN_HOST=1`: a comparison, a workaround). */
export function scanInHostRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.STAGE_GUIDE_SCAN_IN_HOST === '1';
}

/** Raised for every request under way (and every later one) once the worker has stopped: the caller scans in its own thread. */
export class ScanWorkerStopped extends Error {
  constructor(reason: string) {
    super(`stage-guide: the scan worker stopped (${reason}); scanning in the extension host instead`);
    this.name = 'ScanWorkerStopped';
  }
}

/**
 * Raised for every request under way when the worker said nothing for `stuckAfterMs` (it says it is alive every few
 * seconds while it works: its event loop turns between the steps of a scan). The worker is stopped and the next
 * request starts a new one. Unlike ScanWorkerStopped, the caller must not scan in its own thread instead: the same
 * work would hold the extension host.
 */
export class ScanWorkerStuck extends Error {
  constructor(silentMs: number) {
    super(
      `stage-guide: the scan worker said nothing for ${Math.round(silentMs / 1000)} s (a scan stuck in one stretch of work) and was stopped; the next scan starts a new one`,
    );
    this.name = 'ScanWorkerStuck';
  }
}

/**
 * How long the worker may say nothing while a request waits before it is taken as stuck. A scan's longest stretch
 * without a turn of the worker's event loop is tens of milliseconds (a parse is bounded by the file size cap).
 */
export const STUCK_AFTER_MS = 60_000;

/** Before the worker's first word (it loads its bundle and catalogues first, slowly on a loaded machine): at least this. */
const STARTUP_ALLOWANCE_MS = 60_000;

/** What a scan request is given besides the folder: as the in-host scan is given it. */
export interface WorkerScanOptions {
  today: string;
  knownRuleIds?: ReadonlySet<string>;
  /** Unsaved editors' texts in the folder (path → text). */
  overrides?: ReadonlyMap<string, string>;
  /**
   * The folder's files, when the worker cannot read them from the host's disk (a virtual workspace): the worker asks
   * for each listing, stat and read, and the host answers through this (which lets unsaved texts win itself).
   */
  files?: CoreFileSystem;
  /** A VS Code CancellationToken, or any object of that shape. */
  cancellation?: { readonly isCancellationRequested: boolean; onCancellationRequested?(listener: () => void): { dispose(): void } };
  onProgress?(progress: AssessProgress): void;
}

interface Pending {
  request: ToScanWorker & ScanRequest;
  resolve(message: FromScanWorker): void;
  reject(error: Error): void;
  onProgress?(progress: AssessProgress): void;
  /** The folder's files, for the worker's file system calls (`WorkerScanOptions.files`). */
  hostFiles?: CoreFileSystem;
  scopes: Map<string, ScopeModelFacts>;
  digests: FileDigest[];
  /** The digests that differ from those of the model the host holds, by index (`digestChanges`). */
  digestChanges: Array<[number, FileDigest]>;
  findings: ConfigFinding[];
  /** The findings that differ from those of the assessment the host holds, by index (`findingChanges`). */
  findingChanges: Array<[number, ConfigFinding]>;
}

/**
 * What the host keeps per folder: the facts and the model the worker last sent, with the worker's key for it (a later
 * scan may say "unchanged", or send only the digests that changed).
 */
interface FolderKnown {
  scopes: Map<string, ScopeModelFacts>;
  model?: DeploymentModel;
  modelKey?: string;
}

/**
 * The extension host's side of the scan worker (docs/editor-scan-worker.md): the workspace model scan and the
 * Stage view's assessment of a workspace folder run in a worker thread, so neither the scan's long
 * stretches nor its garbage collections hold the host, and the scan caches live in a bounded heap. The host
 * rebuilds the deployment model from the digests (a class with lazy indexes: never cloned), in steps. A worker
 * that cannot start or stops (a crash, out of memory) rejects every request with ScanWorkerStopped, at once: the
 * caller then scans in its own thread. vscode-free, so plain node tests and the bench run it as the editor does.
 */
export class ScanWorkerClient {
  private worker: Worker | undefined;
  private stoppedBecause: string | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly known = new Map<string, FolderKnown>();
  private readonly changes = new Map<string, string[]>();
  /**
   * One copy of each string the worker sent: a structured clone makes a new string for every one it carries (a path in
   * a file list, in the digests and in the findings; one rule's message on thousands of findings). On the
   * 100,000-file bench tree the host kept 48 MB of strings after a scan, 8 MB of them distinct. Only the slices are
   * walked (file lists, digests, findings: a few milliseconds each); a service's facts and its assessment's concerns
   * come whole, and walking them held the host's thread for tens of milliseconds.
   */
  private readonly strings = new StringTable();
  /** Each rule's documentation link, made once (the findings come without their rules' texts: findingRuleTexts.ts). */
  private readonly docUrls = new Map<string, string>();
  /**
   * The request each assessment this client returned answered (weakly: the caller decides how long an assessment
   * lives), for a later request to name the one its caller holds.
   */
  private readonly assessedBy = new WeakMap<ServiceAssessment, { folder: string; root: string; id: number }>();
  /** The worker's heap after its last request (bytes): the bench reports it. */
  heapUsed = 0;
  heapTotal = 0;
  /** The watchdog: when the worker last said anything, whether it has since it started, and the timer that looks. */
  private lastHeard = 0;
  private heardFrom = false;
  private watchdog: NodeJS.Timeout | undefined;
  private lastLook = 0;

  /**
   * `spawn`: starts the worker; by default dist/scanWorker.js beside the extension's bundle, with SCAN_WORKER_LIMITS.
   * `stuckAfterMs`: how long a worker with requests waiting may say nothing (STUCK_AFTER_MS; the tests shorten it).
   */
  constructor(
    private readonly spawn: (() => Worker) | undefined = defaultScanWorkerSpawn(),
    private readonly stuckAfterMs = STUCK_AFTER_MS,
  ) {
    if (!spawn) this.stoppedBecause = 'no dist/scanWorker.js beside the extension';
  }

  /** False once the worker could not start or has stopped: scans then run in the host's thread. */
  get usable(): boolean {
    return this.stoppedBecause === undefined;
  }

  /** The workspace model of one folder (`workspaceModelScan`'s result), scanned in the worker. */
  async modelScan(folder: string, workspaceRoot: string, options: WorkerScanOptions): Promise<WorkspaceModelScan> {
    const known = this.knownOf(folder);
    const scopes = new Map<string, ScopeModelFacts>();
    const holds = known.model ? known.modelKey : undefined;
    // Not held while the scan runs: a scan that fails leaves the host's model unknown to the worker's next answer.
    known.modelKey = undefined;
    const done = await this.request(
      { type: 'modelScan', ...this.base(folder, workspaceRoot, options), ...(holds === undefined ? {} : { holds }) },
      options,
      scopes,
    );
    if (done.message.type !== 'model') throw new Error(`stage-guide: the scan worker answered ${done.message.type} to a model scan`);
    const { serviceRoots, unchanged, changed, cancelled, key } = done.message;
    if (!unchanged || !known.model) {
      // The model held, with the digests that changed since (the list is as long), or the digests sent whole.
      const digests = changed && known.model ? withChanges(known.model.digests, done.digestChanges) : done.digests;
      // In steps, as the in-host scan builds it: tens of milliseconds at once on a large workspace.
      known.model = await buildDeploymentModel(digests, { repositoryRoot: workspaceRoot, serviceRoots }, new TimeSlicer(), true);
    }
    if (!cancelled) known.modelKey = key;
    return { model: known.model, roots: [...scopes.keys()].sort((a, b) => b.length - a.length), scopes, cancelled };
  }

  /**
   * The Stage view's assessment of the service at `root`, judged in the worker by the folder's last workspace model.
   * `held`: the caller's last assessment of it (one this client returned); when nothing it was judged from changed,
   * it is returned again as it is, and nothing is judged or sent again (reassessScope.ts).
   */
  async assessScope(
    folder: string,
    workspaceRoot: string,
    root: string,
    stageFile: StageFileState | undefined,
    options: WorkerScanOptions & { held?: ServiceAssessment },
  ): Promise<{ service: ServiceAssessment; cancelled: boolean }> {
    const held = options.held ? this.assessedBy.get(options.held) : undefined;
    const heldId = held && held.folder === folder && held.root === root ? held.id : undefined;
    const done = await this.request(
      { type: 'assess', ...this.base(folder, workspaceRoot, options), root, stageFile, ...(heldId === undefined ? {} : { held: heldId }) },
      options,
    );
    if (done.message.type === 'asJudged' && options.held && heldId !== undefined) return { service: options.held, cancelled: false };
    if (done.message.type !== 'assessed') throw new Error(`stage-guide: the scan worker answered ${done.message.type} to an assessment`);
    const sent = done.message.service;
    // The held assessment's findings, with those that changed since (the list is as long), or the findings sent whole.
    let findings = done.findings;
    if (done.message.findingsChanged) {
      if (!options.held || heldId === undefined)
        throw new Error('stage-guide: the scan worker sent changes to an assessment the host does not hold');
      findings = withChanges(options.held.findings, done.findingChanges);
    }
    const service = { ...sent, findings, readiness: readinessWithFindings(sent.readiness, findings) };
    if (!done.message.cancelled) this.assessedBy.set(service, { folder, root, id: done.message.id });
    return { service, cancelled: done.message.cancelled };
  }

  /**
   * A path the watcher reported under `folder` (its cache re-reads it at the next scan). Sent in batches (a `git
   * checkout` reports thousands), always before the next request: a scan must not miss a change reported before it.
   */
  noteChanged(folder: string, path: string): void {
    if (!this.worker) return;
    const paths = this.changes.get(folder);
    if (paths) paths.push(path);
    else this.changes.set(folder, [path]);
    if (this.changes.size === 1 && paths === undefined) queueMicrotask(() => this.flushChanges());
  }

  private flushChanges(): void {
    for (const [folder, paths] of this.changes) this.post({ type: 'changed', folder, paths });
    this.changes.clear();
  }

  forgetChanges(folder?: string): void {
    this.flushChanges();
    if (this.worker) this.post({ type: 'forgetChanges', ...(folder === undefined ? {} : { folder }) });
  }

  /** The folders still open: the worker drops the others' caches. */
  keepFolders(open: readonly string[]): void {
    for (const key of [...this.known.keys()]) if (!open.includes(key)) this.known.delete(key);
    if (this.worker) this.post({ type: 'folders', open: [...open] });
  }

  async dispose(): Promise<void> {
    this.stopped('it was disposed');
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private base(folder: string, workspaceRoot: string, options: WorkerScanOptions): ScanRequest {
    return {
      id: this.nextId++,
      folder,
      workspaceRoot,
      today: options.today,
      ...(options.knownRuleIds ? { knownRuleIds: [...options.knownRuleIds] } : {}),
      overrides: [...(options.overrides ?? [])],
      ...(options.files ? { filesFromHost: true } : {}),
      aliveEveryMs: this.lookEveryMs(),
    };
  }

  /** The watchdog looks (and the worker says it is alive) a few times within `stuckAfterMs`, at most every second. */
  private lookEveryMs(): number {
    return Math.max(10, Math.min(1_000, Math.floor(this.stuckAfterMs / 5)));
  }

  /** Starts looking at the worker while requests wait: from now, as if it had just spoken (it may have been idle long). */
  private watch(): void {
    if (this.watchdog) return;
    this.lastHeard = this.lastLook = Date.now();
    this.watchdog = setInterval(() => this.look(), this.lookEveryMs());
    // The watchdog must not keep a process (a test, the bench) alive on its own.
    this.watchdog.unref();
  }

  private look(): void {
    if (this.pending.size === 0) {
      clearInterval(this.watchdog);
      this.watchdog = undefined;
      return;
    }
    const now = Date.now();
    // A look long overdue means the host's own thread was held (a busy extension host): the worker's words may be
    // waiting, untaken, in the port. They count from now.
    if (now - this.lastLook > 3 * this.lookEveryMs()) this.lastHeard = now;
    this.lastLook = now;
    const allowed = this.heardFrom ? this.stuckAfterMs : Math.max(this.stuckAfterMs, STARTUP_ALLOWANCE_MS);
    if (now - this.lastHeard > allowed) this.stuck(now - this.lastHeard);
  }

  /** Stops a worker that said nothing for too long: its requests fail with ScanWorkerStuck, the next request starts a new one. */
  private stuck(silentMs: number): void {
    const worker = this.worker;
    this.worker = undefined;
    this.heardFrom = false;
    clearInterval(this.watchdog);
    this.watchdog = undefined;
    // Its exit is expected: not a stop of the worker for good (see started's listeners).
    worker?.removeAllListeners();
    void worker?.terminate();
    this.changes.clear();
    const error = new ScanWorkerStuck(silentMs);
    for (const pending of [...this.pending.values()]) pending.reject(error);
  }

  private knownOf(folder: string): FolderKnown {
    let known = this.known.get(folder);
    if (!known) this.known.set(folder, (known = { scopes: new Map() }));
    return known;
  }

  private request(
    request: ToScanWorker & ScanRequest,
    options: WorkerScanOptions,
    scopes = new Map<string, ScopeModelFacts>(),
  ): Promise<{
    message: FromScanWorker;
    digests: FileDigest[];
    digestChanges: Array<[number, FileDigest]>;
    findings: ConfigFinding[];
    findingChanges: Array<[number, ConfigFinding]>;
  }> {
    const worker = this.started();
    if (!worker) return Promise.reject(new ScanWorkerStopped(this.stoppedBecause ?? 'it did not start'));
    this.flushChanges();
    return new Promise((resolve, reject) => {
      const digests: FileDigest[] = [];
      const digestChanges: Array<[number, FileDigest]> = [];
      const findings: ConfigFinding[] = [];
      const findingChanges: Array<[number, ConfigFinding]> = [];
      const cancel = () => this.post({ type: 'cancel', id: request.id });
      const listening = options.cancellation?.onCancellationRequested?.(cancel);
      if (options.cancellation?.isCancellationRequested) cancel();
      const settle = () => {
        listening?.dispose();
        this.pending.delete(request.id);
      };
      this.pending.set(request.id, {
        request,
        scopes,
        digests,
        digestChanges,
        findings,
        findingChanges,
        onProgress: options.onProgress,
        ...(options.files ? { hostFiles: options.files } : {}),
        resolve: (message) => {
          settle();
          resolve({ message, digests, digestChanges, findings, findingChanges });
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      });
      this.watch();
      try {
        worker.postMessage(request);
      } catch (error) {
        // A request that cannot be cloned (a bug: the seam carries plain data) fails alone.
        this.pending.get(request.id)?.reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  private started(): Worker | undefined {
    if (this.worker || this.stoppedBecause !== undefined) return this.worker;
    let worker: Worker;
    try {
      worker = this.spawn!();
    } catch (error) {
      this.stoppedBecause = `it could not start: ${error instanceof Error ? error.message : String(error)}`;
      return undefined;
    }
    this.worker = worker;
    worker.on('message', (message: FromScanWorker) => this.received(message));
    worker.on('error', (error) => this.stopped(error.message));
    worker.on('messageerror', (error) => this.stopped(`an answer could not be read (${error.message})`));
    worker.on('exit', (code) => this.stopped(`it exited with code ${code}`));
    // The worker must not keep a process (a test, the bench) alive on its own.
    worker.unref();
    return worker;
  }

  private received(message: FromScanWorker): void {
    this.lastHeard = Date.now();
    this.heardFrom = true;
    if (message.type === 'alive') return;
    const pending = this.pending.get(message.id);
    // A slice is acknowledged after a turn of the host's event loop: the worker sends the next one then (and waits
    // for the ack even when the request is gone).
    if (SLICES.has(message.type)) setImmediate(() => this.post({ type: 'ack' }));
    switch (message.type) {
      case 'progress':
        pending?.onProgress?.(message.progress);
        return;
      case 'fileCall':
        void this.answerFileCall(message.call, message.request, pending?.hostFiles);
        return;
      case 'scopes': {
        const known = this.knownOf(message.folder);
        for (const { root, facts: sent } of message.scopes) {
          let facts = known.scopes.get(root);
          if (sent) {
            facts = sent;
            known.scopes.set(root, facts);
          }
          if (facts) pending?.scopes.set(root, facts);
          else pending?.reject(new Error(`stage-guide: the scan worker sent no facts for ${root}`));
        }
        return;
      }
      case 'digests':
        pending?.digests.push(...shareStrings(message.digests, this.strings));
        return;
      case 'digestChanges':
        pending?.digestChanges.push(...shareStrings(message.changes, this.strings));
        return;
      case 'findings':
      case 'findingChanges':
        try {
          if (message.type === 'findings')
            for (const finding of shareStrings(message.findings, this.strings))
              pending?.findings.push(withRuleTexts(finding, builtinRuleCatalog(), this.docUrls));
          else
            for (const [index, finding] of shareStrings(message.changes, this.strings))
              pending?.findingChanges.push([index, withRuleTexts(finding, builtinRuleCatalog(), this.docUrls)]);
        } catch (error) {
          // A finding of a rule this catalogue does not know (a bug: both bundles ship the same rules) fails its request.
          pending?.reject(error instanceof Error ? error : new Error(String(error)));
        }
        return;
      case 'heap':
        this.heapUsed = message.usedBytes;
        this.heapTotal = message.totalBytes;
        return;
      case 'failed':
        pending?.reject(new Error(`stage-guide: the scan worker's scan failed: ${message.message}`));
        return;
      default:
        pending?.resolve(message);
    }
  }

  /** Answers a file system call of a scan whose folder's files come from the host; a call of a request that is over fails. */
  private async answerFileCall(call: number, request: HostFileCall, files: CoreFileSystem | undefined): Promise<void> {
    let answer: ToScanWorker;
    try {
      if (!files) throw new Error('its scan is over, or reads its own disk');
      answer = { type: 'fileAnswer', call, value: await callOn(files, request) };
    } catch (error) {
      answer = { type: 'fileAnswer', call, failed: error instanceof Error ? error.message : String(error) };
    }
    this.post(answer);
  }

  private post(message: ToScanWorker): void {
    try {
      this.worker?.postMessage(message);
    } catch (error) {
      this.stopped(`a message could not be sent (${error instanceof Error ? error.message : String(error)})`);
    }
  }

  private stopped(reason: string): void {
    this.stoppedBecause ??= reason;
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
    for (const pending of [...this.pending.values()]) pending.reject(new ScanWorkerStopped(this.stoppedBecause));
  }
}

/** The messages the worker sends a slice at a time, each acknowledged (see `received`). */
const SLICES: ReadonlySet<FromScanWorker['type']> = new Set(['scopes', 'digests', 'digestChanges', 'findings', 'findingChanges'] as const);

/** A copy of `list` with the worker's changes (index, new value) in place: what the host held, as the worker has it now. */
function withChanges<Item>(list: readonly Item[], changes: ReadonlyArray<[number, Item]>): Item[] {
  const changed = [...list];
  for (const [index, item] of changes) changed[index] = item;
  return changed;
}

/** The bundled worker beside the extension's bundle (dist/scanWorker.js); undefined when it is not there. */
export function defaultScanWorkerSpawn(dir: string = __dirname): (() => Worker) | undefined {
  const bundled = join(dir, 'scanWorker.js');
  if (!existsSync(bundled)) return undefined;
  return () => new Worker(bundled, { resourceLimits: SCAN_WORKER_LIMITS });
}
