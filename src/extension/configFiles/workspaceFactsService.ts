import * as vscode from 'vscode';
import { DeploymentModel } from '../../core/deployment/model/deploymentModel';
import type { WorkspaceModelScan } from '../../core/evidence/assessment/workspaceModelScan';
import { posixBasename, posixRelative } from '../../core/fileSystem';
import { isWorkspaceFactFileName } from '../../core/guidance/workspaceFacts';
import { NO_WORKSPACE_FACTS } from '../../core/rules/types';
import type { WorkspaceFacts } from '../../core/rules/types';
import { todayIso } from '../../core/stageFile/parseStageFile';
import { textKey } from '../../core/textHashes';
import { EditorScanWorker } from '../scanWorker/editorScanWorker';
import { ScanWorkerStuck } from '../scanWorker/scanWorkerClient';
import { watchWorkspaceFiles } from '../workspaceFileChanges';
import type { CreateWatcher } from '../workspaceFileChanges';
import { WorkspaceFileSystem } from '../workspaceFileSystem';
import { allowedNow, onDidGrantTrust } from '../workspaceTrust';

/** The evidence engine (the scan): loaded with the first scan, never at activation. */
type EvidenceEngine = typeof import('../../core/evidence/index');
type ScanCache = InstanceType<EvidenceEngine['ScanCache']>;
type AssessProgress = import('../../core/evidence/index').AssessProgress;

const RESCAN_DEBOUNCE_MS = 1000;

/** One workspace folder: its scan cache (told every change the watcher sees) and its last scan. */
interface FolderScan {
  folder: vscode.WorkspaceFolder;
  cache: ScanCache;
  result?: WorkspaceModelScan;
}

/**
 * Workspace-level facts that file rules depend on (e.g. "images are deployed with Kubernetes", which turns the
 * Dockerfile HEALTHCHECK rule into a hover about probes), the deployment model (compose projects, who builds each
 * Dockerfile, kustomizations) and the files that exist (a file under a Helm chart's `templates/` is skipped like the
 * CLI skips it). All of it comes from the scan `stage-guide check` runs (core `workspaceModelScan`: the same walk,
 * ignore rules, 1 MiB per-file limit and parses, every file, no cap), so an open file is judged with the facts and
 * the model `check` uses for it. Each folder's ScanCache is told every path the watcher reports, so a rescan after a
 * save reads only what changed; the evidence service scans services through the same caches (`scanCacheFor`), one
 * scan at a time (`exclusive`), so the sidebar re-reads nothing this scan read. Computed once, then again (debounced)
 * when a file that can change them changes — never per keystroke. The walk never follows symbolic links and does not
 * run in Restricted Mode: facts then stay "none known".
 */
export class WorkspaceFactsService implements vscode.Disposable {
  private folders = new Map<string, FolderScan>();
  private scan: Promise<void> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private engineLoad: Promise<EvidenceEngine> | undefined;
  private engine: EvidenceEngine | undefined;
  private watcher: vscode.Disposable | undefined;
  /** Scans through the shared caches run one after another (the facts' and the evidence service's). */
  private queue: Promise<unknown> = Promise.resolve();
  private signature = '';
  private readonly versions = new WeakMap<WorkspaceFacts, number>();
  private lastVersion = 0;
  private readonly empty = new DeploymentModel([]);
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly progress = new vscode.EventEmitter<AssessProgress>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Where the scans of local folders run (docs/editor-scan-worker.md); the others, and a failed worker's, run here. */
  readonly scanWorker = new EditorScanWorker();
  readonly onDidChange = this.changed.event;
  /** How far a scan has got (the sidebar shows it while it waits for the model). */
  readonly onProgress = this.progress.event;

  /**
   * `knownRuleIds`: as the evidence service loads `.stage.yml` files (a scope's scan, kept in the shared cache, keeps
   * the stage file it was loaded with, problems included). `createWatcher`: for the in-host tests.
   */
  constructor(
    private readonly knownRuleIds?: ReadonlySet<string>,
    private readonly createWatcher?: CreateWatcher,
  ) {
    this.disposables.push(
      onDidGrantTrust(() => this.scheduleRescan()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.scheduleRescan()),
      this.changed,
      this.progress,
      this.scanWorker,
    );
  }

  /** The facts a file at `uri` is analysed with (its service's, as in `check`); without one, the first folder's. The first call waits for the first scan. */
  async current(uri?: vscode.Uri): Promise<WorkspaceFacts> {
    await this.ready();
    const scan = this.scanOf(uri);
    if (!scan?.result || !this.engine) return NO_WORKSPACE_FACTS;
    return this.engine.scopeFactsFor(scan.result, uri?.path ?? scan.folder.uri.path);
  }

  /** The workspace model of what is deployed (compose projects, image builds, kustomizations) of `uri`'s folder (the first folder's without one); the first call waits for the first scan. */
  async deployment(uri?: vscode.Uri): Promise<DeploymentModel> {
    await this.ready();
    return this.scanOf(uri)?.result?.model ?? this.empty;
  }

  /**
   * Whether the last scan listed a Helm chart's `Chart.yaml` at this path: file-kind detection asks it for the
   * `Chart.yaml` next to a `templates/` folder (Helm templates are not YAML until rendered), and asks nothing else.
   */
  isListedChartFile(path: string): boolean {
    if (!this.engine) return false;
    for (const scan of this.folders.values()) if (scan.result && this.engine.chartFileListed(scan.result, path)) return true;
    return false;
  }

  /** Identifies the set of Helm charts, models and facts the last scan saw (part of an analysis' cache key). */
  chartsVersion(): string {
    return this.signature;
  }

  /** A number per facts object the scans made (an analysis' cache key: what `current` returned, without writing it out). */
  versionOf(facts: WorkspaceFacts): number {
    let version = this.versions.get(facts);
    if (version === undefined) this.versions.set(facts, (version = ++this.lastVersion));
    return version;
  }

  /**
   * The scan cache of `folder` (made with the first scan), for the evidence service's scans of its services: what one
   * scan read and parsed, the other takes as it was. Undefined before the first scan.
   */
  scanCacheFor(folder: vscode.WorkspaceFolder): ScanCache | undefined {
    return this.folders.get(folder.uri.toString())?.cache;
  }

  /** Runs `work` once no other scan through the shared caches runs (two scans must not fill one cache at once). */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private ready(): Promise<void> {
    this.scan ??= this.exclusive(() => this.rescan());
    return this.scan;
  }

  private scanOf(uri: vscode.Uri | undefined): FolderScan | undefined {
    const folder = uri ? vscode.workspace.getWorkspaceFolder(uri) : vscode.workspace.workspaceFolders?.[0];
    return folder ? this.folders.get(folder.uri.toString()) : undefined;
  }

  private scheduleRescan(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.scan = this.exclusive(() => this.rescan());
    }, RESCAN_DEBOUNCE_MS);
  }

  private loadEngine(): Promise<EvidenceEngine> {
    this.engineLoad ??= import('../../core/evidence/index').then((engine) => (this.engine = engine));
    return this.engineLoad;
  }

  /** Every change is told to the folder's cache (a rescan trusts that nothing else changed); one that can matter rescans. */
  private fileChanged(uri: vscode.Uri): void {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const scan = folder && this.folders.get(folder.uri.toString());
    if (!folder || !scan) return;
    scan.cache.noteChanged(uri.path);
    this.scanWorker.noteChanged(folder, uri.path);
    const relative = posixRelative(folder.uri.path, uri.path);
    if (relative === undefined) return;
    if (this.engine?.affectsEvidence(relative) || isWorkspaceFactFileName(posixBasename(relative))) this.scheduleRescan();
  }

  private async rescan(): Promise<void> {
    if (!allowedNow('workspace-scan')) return;
    const engine = await this.loadEngine();
    if (!this.watcher) {
      // Before the first scan reads anything: a change it could miss is noted.
      this.watcher = watchWorkspaceFiles((uri) => this.fileChanged(uri), this.createWatcher);
      this.disposables.push(this.watcher);
    }
    const open = vscode.workspace.workspaceFolders ?? [];
    const folders = new Map<string, FolderScan>();
    for (const folder of open) {
      const key = folder.uri.toString();
      folders.set(key, this.folders.get(key) ?? { folder, cache: new engine.ScanCache({ changesNoted: true }) });
    }
    this.folders = folders;
    this.scanWorker.keepFolders(open);
    for (const scan of folders.values()) {
      const root = scan.folder.uri.path;
      const onProgress = (progress: AssessProgress) => this.progress.fire(progress);
      let inWorker: WorkspaceModelScan | undefined;
      try {
        inWorker = await this.scanWorker.run(scan.folder, (worker, key, files) =>
          worker.modelScan(key, root, { today: todayIso(), knownRuleIds: this.knownRuleIds, ...files, onProgress }),
        );
      } catch (error) {
        // A scan stuck in the worker (which was stopped, and said why in the log): the folder keeps its last model,
        // and the next change scans it in a new worker. In the host's thread the same work would hold the editor.
        if (error instanceof ScanWorkerStuck) continue;
        throw error;
      }
      scan.result =
        inWorker ??
        (await engine.workspaceModelScan(root, {
          fs: new WorkspaceFileSystem(scan.folder.uri),
          workspaceRoot: root,
          today: todayIso(),
          cache: scan.cache,
          // What the cache keeps of a quick fix: its title (its edits are built from the open document when applied).
          fixes: 'titles',
          knownRuleIds: this.knownRuleIds,
          onProgress,
        }));
    }
    // By identity: a service whose scan stood keeps its facts object (stringifying every service's facts, Terraform
    // files included, would hold the host); a service scanned again may fire one change too many, never one too few.
    const signature = [...folders.values()]
      .map(({ result }) =>
        result
          ? `${result.model.signature}|${textKey(engine.chartsKeyOf(result))}|${[...result.scopes.values()].map((scope) => this.versionOf(scope.workspaceFacts)).join(',')}`
          : '',
      )
      .join('\n');
    const differs = signature !== this.signature;
    this.signature = signature;
    if (differs) this.changed.fire();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}
