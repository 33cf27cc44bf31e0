import type { FileDigest } from '../../core/deployment/types';
import type { LeanFinding } from '../../core/evidence/assessment/findingRuleTexts';
import type { AssessProgress, ScopeModelFacts, ServiceAssessment } from '../../core/evidence/index';
import type { StageFileState } from '../../core/workspace/stageResolution';

/**
 * The editor's scan worker protocol (docs/editor-scan-worker.md). Everything is plain data (structured clone):
 * the worker keeps the scan caches and the models it judges by; the host gets each service's facts, the digests
 * it rebuilds the deployment model from, and the Stage view's assessments.
 */

/** What every scan request carries: the workspace folder (its key and path) and what the in-host scan is given. */
export interface ScanRequest {
  /** The request's number: its answers, progress and cancellation carry it. */
  id: number;
  /** The workspace folder's key (its URI): one scan cache per folder in the worker. */
  folder: string;
  /** The workspace folder's path (the core's POSIX form): the scan's workspace root. */
  workspaceRoot: string;
  today: string;
  knownRuleIds?: string[];
  /** Unsaved editors' texts (path → text): they win over the disk, as in the host's WorkspaceFileSystem. */
  overrides: Array<[string, string]>;
  /**
   * The folder is not on the extension host's disk (a virtual workspace: `vscode-vfs:`, `vsls:`): the worker asks
   * the host for every listing, stat and read (`fileCall`), and the host answers through its WorkspaceFileSystem.
   */
  filesFromHost?: boolean;
  /** The worker says it is `alive` this often while the request is queued or under way (the host's watchdog). */
  aliveEveryMs: number;
}

/** One file system call of a scan, asked of the host (the CoreFileSystem methods a scan calls; `readText` is a `readFile`). */
export type HostFileCall =
  | { op: 'readFile'; path: string; maxBytes: number }
  | { op: 'readDirectory'; path: string }
  | { op: 'stat'; path: string }
  | { op: 'realPath'; path: string };

export type ToScanWorker =
  | (ScanRequest & {
      type: 'modelScan';
      /** The model the host holds for the folder, by the key the worker gave it (`model.key`): the worker sends what differs. */
      holds?: string;
    })
  | (ScanRequest & {
      type: 'assess';
      root: string;
      stageFile: StageFileState | undefined;
      /** The request whose assessment of this root the host still holds: the worker may answer that it stands (`asJudged`). */
      held?: number;
    })
  | { type: 'cancel'; id: number }
  /** Paths the host's watcher reported (created, changed or deleted) under a folder. */
  | { type: 'changed'; folder: string; paths: string[] }
  /** Every file's modification time is checked again at the next scan (a settings or stage change). */
  | { type: 'forgetChanges'; folder?: string }
  /** The workspace folders still open: the others' caches and models are dropped. */
  | { type: 'folders'; open: string[] }
  /** A slice (`scopes`, `digests`, `findings`) was taken, and the host's event loop has turned since. */
  | { type: 'ack' }
  /** The host's answer to a `fileCall`: what the CoreFileSystem method returned, or why it could not answer. */
  | { type: 'fileAnswer'; call: number; value?: unknown; failed?: string };

export type FromScanWorker =
  | { type: 'progress'; id: number; progress: AssessProgress }
  /** A file system call of the scan `id` of a folder whose files come from the host (`filesFromHost`). */
  | { type: 'fileCall'; id: number; call: number; request: HostFileCall }
  /**
   * Services' facts, in scan order: each one's workspace facts and the Helm charts it lists (ScopeModelFacts); without
   * them, they are those the host was sent last for this root (its scan stood). Several services go in one message
   * because a structured clone keeps the objects they share shared (the repository's pipelines and workflows, which
   * every nested service inherits): cloned one service at a time, the host held a copy per service.
   */
  | { type: 'scopes'; id: number; folder: string; scopes: Array<{ root: string; facts?: ScopeModelFacts }> }
  /** A slice of the deployment model's digests (the host rebuilds the model from them). */
  | { type: 'digests'; id: number; digests: FileDigest[] }
  /** A slice of the digests that differ from those of the model the host holds (`holds`), by their index in the list. */
  | { type: 'digestChanges'; id: number; changes: Array<[number, FileDigest]> }
  /**
   * The workspace model scan is done; `key` names its model (the host says it `holds` it in its next request).
   * `unchanged`: the model's digests are those of the model the host holds (no digests were sent; it keeps its model).
   * `changed`: only the digests that differ from those were sent (`digestChanges`), the list as long as before.
   */
  | {
      type: 'model';
      id: number;
      serviceRoots: string[];
      signature: string;
      key: string;
      unchanged: boolean;
      changed: boolean;
      cancelled: boolean;
    }
  /** A slice of the assessment's findings, before its `assessed` message; without the texts their rules give them. */
  | { type: 'findings'; id: number; findings: LeanFinding[] }
  /** A slice of the findings that differ from those of the assessment the host holds (`held`), by their index. */
  | { type: 'findingChanges'; id: number; changes: Array<[number, LeanFinding]> }
  /** The Stage view's assessment, its findings sent in the `findings` slices before (here: none, nor in its readiness). */
  /**
   * `findingsChanged`: only the findings that differ from those of the assessment the host holds were sent
   * (`findingChanges`), the list as long as before.
   */
  | { type: 'assessed'; id: number; service: ServiceAssessment; cancelled: boolean; findingsChanged: boolean }
  /** The assessment the request's `held` names stands: the service's scan stood, and the model and the day are the same. */
  | { type: 'asJudged'; id: number }
  | { type: 'failed'; id: number; message: string }
  /**
   * Said once the worker has loaded, and every `aliveEveryMs` while a request is queued or under way: its event loop
   * turns. A worker silent for long (a scan stuck in one stretch of work) is stopped by the host (ScanWorkerStuck).
   */
  | { type: 'alive' }
  /** The worker's heap, after each request (the bench and the tests read it). */
  | { type: 'heap'; id: number; usedBytes: number; totalBytes: number };
