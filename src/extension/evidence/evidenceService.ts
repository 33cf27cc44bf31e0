import * as vscode from 'vscode';
import type { DeploymentModel } from '../../core/deployment/model/deploymentModel';
import type { AssessProgress } from '../../core/evidence/index';
import { posixDirname, posixRelative } from '../../core/fileSystem';
import { todayIso } from '../../core/stageFile/parseStageFile';
import type { EditorScanWorker } from '../scanWorker/editorScanWorker';
import type { StageService } from '../stageService';
import { watchWorkspaceFiles } from '../workspaceFileChanges';
import { WorkspaceFileSystem } from '../workspaceFileSystem';
import { allowedNow, onDidGrantTrust } from '../workspaceTrust';
import type { EvidenceSnapshot } from './evidenceViews';

/** The evidence engine (the scan, the signal catalogue and its data): loaded with the first scan, never at activation. */
type EvidenceEngine = typeof import('../../core/evidence/index');

/**
 * The workspace scans the editor's config-file guidance keeps (WorkspaceFactsService): its deployment model, and
 * its per-folder scan caches, shared so a service this scan reads was read and parsed once for both.
 */
export interface WorkspaceScans {
  /** The deployment model of `uri`'s folder (the one diagnostics are judged by), so the sidebar and the Problems panel agree. */
  deployment(uri: vscode.Uri): Promise<DeploymentModel>;
  scanCacheFor(folder: vscode.WorkspaceFolder): InstanceType<EvidenceEngine['ScanCache']> | undefined;
  /** Runs a scan once no other scan fills the shared caches. */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  /** The progress of the workspace scan, shown while a service waits for it. */
  onProgress: vscode.Event<AssessProgress>;
  /** Where the workspace model of a local folder was scanned: its services are assessed there too, with its cache and model. */
  scanWorker?: EditorScanWorker;
}

/** Saves and file operations settle this long before a rescan: a `git checkout` touches hundreds of files. */
const RESCAN_DEBOUNCE_MS = 1000;
/** Progress reaches the views at most this often: each report re-renders a webview. */
const PROGRESS_INTERVAL_MS = 250;
export const EVIDENCE_SETTING = 'stageGuide.evidence.enabled';

interface ServiceEntry {
  folder: vscode.WorkspaceFolder;
  /** The service folder: where its `.stage.yml` is. */
  root: string;
  stageFilePath: string;
  snapshot: EvidenceSnapshot;
  scan?: vscode.CancellationTokenSource;
  timer?: ReturnType<typeof setTimeout>;
  lastProgressAt: number;
  /**
   * What its scans made of each file: a rescan reads and parses only files changed since (modification time and size),
   * and, told by the watcher which paths changed, walks no service they do not touch.
   */
  cache?: InstanceType<EvidenceEngine['ScanCache']>;
}

/**
 * The workspace's evidence, per service (`.stage.yml` subtree), for the sidebar's badges and the
 * upgrades checklist. A service is scanned the first time a view asks about it, then again —
 * debounced — when a file a detector reads, a `.gitignore` or a `.stage.yml` changes on disk (the
 * file-system watcher, and the editor's own saves and file operations), never per keystroke. A newer
 * scan cancels an older one; the core yields to the event loop between small batches, so the
 * extension host stays responsive.
 *
 * Activation pays for none of it: the engine is a dynamic import (esbuild keeps its modules
 * uninitialised in the bundle until then) and the workspace-wide watcher is created with the first scan.
 */
export class EvidenceService implements vscode.Disposable {
  private readonly entries = new Map<string, ServiceEntry>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [];
  private engineLoad: Promise<EvidenceEngine> | undefined;
  private engine: EvidenceEngine | undefined;
  private watcher: vscode.Disposable | undefined;

  /** Fires when a scan starts, reports progress, finishes or fails, and when scanning is switched on or off. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly stageService: StageService,
    private readonly knownRuleIds?: ReadonlySet<string>,
    private readonly workspace?: WorkspaceScans,
  ) {
    this.disposables.push(
      // A stage change alters what is due, so every known service is re-assessed (debounced).
      stageService.onDidChange(() => this.scheduleAll()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(EVIDENCE_SETTING)) this.settingChanged();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.forgetRemovedFolders()),
      // Trusted now: views ask again, and their services' scans start.
      onDidGrantTrust(() => this.changed.fire()),
      this.changed,
    );
  }

  /** True once a scan has loaded the evidence engine (activation alone never does). */
  get engineLoaded(): boolean {
    return this.engine !== undefined;
  }

  /** True once a scan has created the workspace-wide file watcher (activation alone never does). */
  get watching(): boolean {
    return this.watcher !== undefined;
  }

  /** The user's setting: whether the workspace may be scanned at all. */
  enabled(): boolean {
    return vscode.workspace.getConfiguration().get<boolean>(EVIDENCE_SETTING, true);
  }

  /** Whether scans run now: switched on, and the workspace trusted (no tree walk in Restricted Mode). */
  private running(): boolean {
    return this.enabled() && allowedNow('workspace-scan');
  }

  /**
   * What is known of the service whose `.stage.yml` is `stageFilePath`; the first call starts its
   * scan. Undefined when scanning is switched off or the workspace is not trusted.
   */
  snapshot(folder: vscode.WorkspaceFolder, stageFilePath: string): EvidenceSnapshot | undefined {
    if (!this.running()) return undefined;
    const key = entryKey(folder, stageFilePath);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { folder, root: posixDirname(stageFilePath), stageFilePath, snapshot: { scanning: true }, lastProgressAt: 0 };
      this.entries.set(key, entry);
      this.startScan(entry);
    }
    return entry.snapshot;
  }

  /** Re-assesses the service that contains `uri` soon (after a fix was applied from a view, for instance). */
  rescanFor(uri: vscode.Uri): void {
    for (const entry of this.entriesContaining(uri)) this.schedule(entry);
  }

  private loadEngine(): Promise<EvidenceEngine> {
    this.engineLoad ??= import('../../core/evidence/index').then((engine) => (this.engine = engine));
    return this.engineLoad;
  }

  /** The watcher behind the rescans: only services that were scanned need it. */
  private ensureWatcher(): void {
    if (this.watcher) return;
    this.watcher = watchWorkspaceFiles((uri) => this.fileChanged(uri));
    this.disposables.push(this.watcher);
  }

  private fileChanged(uri: vscode.Uri): void {
    const affectsEvidence = this.engine?.affectsEvidence;
    if (this.entries.size === 0 || !affectsEvidence) return;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return;
    // Every change, relevant or not, is told to the scans' caches: a rescan trusts that nothing else changed.
    for (const entry of this.entries.values())
      if (entry.folder.uri.toString() === folder.uri.toString()) entry.cache?.noteChanged(uri.path);
    const relative = posixRelative(folder.uri.path, uri.path);
    if (relative === undefined || !affectsEvidence(relative)) return;
    // `.gitignore` files above a service also shape its scan.
    const isGitignore = uri.path.endsWith('/.gitignore');
    for (const entry of this.entries.values()) {
      if (entry.folder.uri.toString() !== folder.uri.toString()) continue;
      if (isInside(uri.path, entry.root) || (isGitignore && isInside(entry.root, posixDirname(uri.path)))) this.schedule(entry);
    }
  }

  private entriesContaining(uri: vscode.Uri): ServiceEntry[] {
    return [...this.entries.values()].filter(
      (entry) => entry.folder.uri.scheme === uri.scheme && entry.folder.uri.authority === uri.authority && isInside(uri.path, entry.root),
    );
  }

  private schedule(entry: ServiceEntry): void {
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      this.startScan(entry);
    }, RESCAN_DEBOUNCE_MS);
  }

  private scheduleAll(): void {
    for (const entry of this.entries.values()) {
      // A settings or `.stage.yml` change rescans everything: each file's modification time is checked again then.
      entry.cache?.forgetChanges();
      this.workspace?.scanWorker?.forgetChanges(entry.folder);
      this.schedule(entry);
    }
  }

  private startScan(entry: ServiceEntry): void {
    this.ensureWatcher();
    entry.scan?.cancel();
    const scan = new vscode.CancellationTokenSource();
    entry.scan = scan;
    entry.snapshot = { ...entry.snapshot, scanning: true };
    delete entry.snapshot.progress;
    this.changed.fire();
    void this.runScan(entry, scan.token).finally(() => {
      if (entry.scan !== scan) return;
      scan.dispose();
      entry.scan = undefined;
      entry.snapshot = { ...entry.snapshot, scanning: false };
      delete entry.snapshot.progress;
      this.changed.fire();
    });
  }

  private async runScan(entry: ServiceEntry, token: vscode.CancellationToken): Promise<void> {
    try {
      const governing = await this.stageService.governingFor(entry.folder.uri.with({ path: entry.root }), true);
      if (token.isCancellationRequested) return;
      const stageFile = governing.stageFile;
      if (!stageFile || stageFile.path !== entry.stageFilePath) {
        // The `.stage.yml` is gone (or another one governs now): the entry describes nothing any more.
        this.entries.delete(entryKey(entry.folder, entry.stageFilePath));
        return;
      }
      const { assessScope, ScanCache } = await this.loadEngine();
      if (token.isCancellationRequested) return;
      // The workspace scan reads this service too: its progress is this scan's.
      const progress = this.workspace?.onProgress((each) => this.progressed(entry, token, each));
      const deployment = await this.workspace?.deployment(entry.folder.uri).finally(() => progress?.dispose());
      if (token.isCancellationRequested) return;
      // The workspace model's scan filled its folder's cache: this service's files are read and parsed once for both.
      const shared = this.workspace?.scanCacheFor(entry.folder);
      const exclusive = this.workspace ? this.workspace.exclusive.bind(this.workspace) : <T>(work: () => Promise<T>) => work();
      const onProgress = (progress: AssessProgress) => this.progressed(entry, token, progress);
      const inWorker = await exclusive(() =>
        this.workspace?.scanWorker
          ? this.workspace.scanWorker.run(entry.folder, (worker, key, files) =>
              worker.assessScope(key, entry.folder.uri.path, entry.root, stageFile, {
                today: todayIso(),
                knownRuleIds: this.knownRuleIds,
                ...files,
                // What the view shows: when nothing it was judged from changed, the worker says so and sends nothing.
                ...(entry.snapshot.assessment ? { held: entry.snapshot.assessment } : {}),
                cancellation: token,
                onProgress,
              }),
            )
          : Promise.resolve(undefined),
      );
      if (token.isCancellationRequested) return;
      const result =
        inWorker ??
        (await exclusive(() =>
          assessScope(entry.root, stageFile, {
            ...(deployment ? { deployment } : {}),
            cache: shared ?? (entry.cache ??= new ScanCache({ changesNoted: true })),
            // As the workspace model's scan keeps them (the cache is shared): a fix's title, its edits built when applied.
            fixes: 'titles',
            fs: new WorkspaceFileSystem(entry.folder.uri),
            workspaceRoot: entry.folder.uri.path,
            today: todayIso(),
            knownRuleIds: this.knownRuleIds,
            cancellation: token,
            onProgress,
          }),
        ));
      if (token.isCancellationRequested || result.cancelled) return;
      entry.snapshot = { scanning: true, assessment: result.service };
    } catch (error) {
      if (token.isCancellationRequested) return;
      // Keep the last good result on screen and say why it is not fresh.
      entry.snapshot = { ...entry.snapshot, error: error instanceof Error ? error.message : String(error) };
    }
  }

  private progressed(entry: ServiceEntry, token: vscode.CancellationToken, progress: AssessProgress): void {
    if (token.isCancellationRequested) return;
    const now = Date.now();
    if (now - entry.lastProgressAt < PROGRESS_INTERVAL_MS) return;
    entry.lastProgressAt = now;
    entry.snapshot = { ...entry.snapshot, progress: { phase: progress.phase, entries: progress.entries, filesRead: progress.filesRead } };
    this.changed.fire();
  }

  private settingChanged(): void {
    if (!this.enabled()) this.clear();
    this.changed.fire();
  }

  private forgetRemovedFolders(): void {
    const open = new Set((vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.toString()));
    for (const [key, entry] of this.entries) {
      if (open.has(entry.folder.uri.toString())) continue;
      this.stop(entry);
      this.entries.delete(key);
    }
  }

  private stop(entry: ServiceEntry): void {
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = undefined;
    entry.scan?.cancel();
  }

  private clear(): void {
    for (const entry of this.entries.values()) this.stop(entry);
    this.entries.clear();
  }

  dispose(): void {
    this.clear();
    for (const disposable of this.disposables) disposable.dispose();
  }
}

function entryKey(folder: vscode.WorkspaceFolder, stageFilePath: string): string {
  return `${folder.uri.toString()}|${stageFilePath}`;
}

function isInside(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir.endsWith('/') ? dir : `${dir}/`);
}
