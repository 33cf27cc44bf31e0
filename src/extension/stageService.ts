import * as vscode from 'vscode';
import { posixDirname } from '../core/fileSystem';
import { todayIso } from '../core/stageFile/parseStageFile';
import { governingFrom, loadStageFile, locateStageFile, onDiskOf, STAGE_FILE_NAME } from '../core/workspace/stageResolution';
import type { Governing, StageFileLocation, StageFileState } from '../core/workspace/stageResolution';
import { createWorkspaceWatcher } from './workspaceFileChanges';
import type { CreateWatcher } from './workspaceFileChanges';
import { WorkspaceFileSystem } from './workspaceFileSystem';
import { allowedNow, onDidGrantTrust } from './workspaceTrust';

/** How long edits to `.stage.yml` settle before everything re-resolves ("within a second"). */
const CHANGE_DEBOUNCE_MS = 150;

/**
 * How often the answers given are checked against the disk. File-watcher events can be lost: code-server's watcher
 * was seen missing every event under a folder created moments before (the delete of a nested `.stage.yml` never
 * reported), and a delete in a folder it had reported a create in, leaving the views on a file that no longer
 * exists. Not only while the window has focus: the views are on screen beside other windows, and the window's focus
 * as the workbench reports it is not always the user's (a re-check whose only condition was focus still missed one).
 */
const RECHECK_EVERY_MS = 2_000;
/** The directories whose answers are re-checked: the most recently asked (the active file's, open editors'). */
const RECHECKED_DIRECTORIES = 32;
/** A re-check still waiting on its file system after this long is given up, and the next one starts afresh. */
const RECHECK_GIVEN_UP_MS = 10_000;

/** Seams for the in-host tests, which stand in a watcher that hears nothing to prove the re-check. */
export interface StageServiceOptions {
  createWatcher?: CreateWatcher;
  recheckEveryMs?: number;
}

/**
 * The one place the extension asks "what stage governs this file?". It wraps
 * the core's resolution with `workspace.fs`, follows unsaved `.stage.yml`
 * edits, caches per stage file, and tells listeners when any `.stage.yml`
 * (or team matrix) changes so views, diagnostics and the status bar refresh.
 */
export class StageService implements vscode.Disposable {
  /** Each stage file's state, with what its file was on disk when it was read (see `load`). */
  private readonly cache = new Map<string, { onDisk: string; state: Promise<StageFileState | undefined> }>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Team matrix files read so far, with what each was on disk when read: editing one must refresh like editing `.stage.yml`. */
  private readonly teamMatrices = new Map<string, { readonly folderUri: vscode.Uri; onDisk: string }>();
  /** What each directory asked about was told (see `recheck`), most recent last. */
  private readonly answers = new Map<string, { folderUri: vscode.Uri; dir: string; onDisk: string; path?: string }>();
  private rechecking: { since: number; answer: Promise<boolean> } | undefined;
  /** Counted for a test's report of a view that did not follow a change (see `diagnostics`). */
  private counts = { rechecks: 0, rechecksFinding: 0, answersChanged: 0, invalidations: 0, changesFired: 0 };

  /** Fires (debounced) after any `.stage.yml` or team matrix is created, edited, saved or deleted. */
  readonly onDidChange = this.changed.event;

  constructor(
    readonly knownRuleIds?: ReadonlySet<string>,
    options: StageServiceOptions = {},
  ) {
    const watcher = (options.createWatcher ?? createWorkspaceWatcher)(`**/${STAGE_FILE_NAME}`);
    const recheckTimer = setInterval(() => void this.recheck(), options.recheckEveryMs ?? RECHECK_EVERY_MS);
    this.disposables.push(
      watcher,
      watcher.onDidCreate(() => this.invalidate()),
      watcher.onDidChange(() => this.invalidate()),
      watcher.onDidDelete(() => this.invalidate()),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (this.isStageInput(event.document.uri) && event.contentChanges.length > 0) this.invalidate();
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.isStageInput(doc.uri) && this.invalidate()),
      vscode.workspace.onDidDeleteFiles(() => this.invalidate()),
      vscode.workspace.onDidCreateFiles(() => this.invalidate()),
      vscode.workspace.onDidRenameFiles(() => this.invalidate()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.invalidate()),
      // Trusted now: `matrix:` is followed, so every `.stage.yml` is read again.
      onDidGrantTrust(() => this.invalidate()),
      // Back from a terminal or another program (a `git checkout`, say): check at once, not at the next tick.
      vscode.window.onDidChangeWindowState((state) => state.focused && void this.recheck()),
      { dispose: () => clearInterval(recheckTimer) },
      this.changed,
    );
  }

  /** The governing stage for a file or folder URI; for a URI outside every workspace folder, nothing governs. */
  async governingFor(uri: vscode.Uri, isFolder = false): Promise<Governing> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return governingFrom(undefined);
    const found = await this.locate(folder.uri, uri, isFolder);
    return governingFrom(found.path ? await this.load(folder.uri, found.path, found.onDisk) : undefined);
  }

  /** The `.stage.yml` that governs a URI (nearest in its folder or above, up to its workspace folder). */
  async stageFilePathFor(uri: vscode.Uri, isFolder = false): Promise<string | undefined> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder ? (await this.locate(folder.uri, uri, isFolder)).path : undefined;
  }

  /**
   * Finds the governing file of a URI's directory and remembers the answer, which `recheck` compares with the disk
   * later. An answer that differs from the one given before for the directory is a change listeners were not told of
   * (its event lost): they are told now. Else the new answer would replace the old one unannounced, and the re-check,
   * comparing the disk with it, would never see a change — a view that asked before it went on showing a deleted
   * `.stage.yml` once the status bar or the diagnostics had asked after it (the multi-root flake of issue 13).
   */
  private async locate(folderUri: vscode.Uri, uri: vscode.Uri, isFolder: boolean): Promise<StageFileLocation> {
    const dir = isFolder ? uri.path : posixDirname(uri.path);
    const found = await locateStageFile(new WorkspaceFileSystem(folderUri), dir, folderUri.path);
    const key = `${folderUri.toString()}|${dir}`;
    const before = this.answers.get(key);
    this.answers.delete(key);
    this.answers.set(key, { folderUri, dir, ...found });
    if (this.answers.size > RECHECKED_DIRECTORIES) this.answers.delete(this.answers.keys().next().value as string);
    if (before && (before.path !== found.path || before.onDisk !== found.onDisk)) {
      this.counts.answersChanged++;
      this.invalidate();
    }
    return found;
  }

  /**
   * Tells listeners that something changed when an answer given no longer holds on disk — another nearest
   * `.stage.yml`, or the same one (or a team matrix) with another size or modification time — though no event
   * said so; true when one did not hold. A few stats per directory asked about; nothing is read unless something
   * changed. One runs at a time: a call while one runs gets its answer.
   */
  recheck(): Promise<boolean> {
    // One whose file system has not answered for long is given up (a stat that never returns must not stop them all).
    if (this.rechecking && performance.now() - this.rechecking.since > RECHECK_GIVEN_UP_MS) this.rechecking = undefined;
    if (!this.rechecking) {
      const since = performance.now();
      const answer: Promise<boolean> = this.compareWithDisk().finally(() => {
        if (this.rechecking?.answer === answer) this.rechecking = undefined;
      });
      this.rechecking = { since, answer };
    }
    return this.rechecking.answer;
  }

  /**
   * What the service has done so far, and whether it remembers an answer for `dir` (the directories it re-checks): an
   * in-host test's report, when a view kept a `.stage.yml` that is gone, says which link of the chain did not run.
   */
  diagnostics(dir?: string): typeof this.counts & { answers: number; remembers?: boolean; recheckUnderWay: boolean } {
    const remembers = dir === undefined ? undefined : [...this.answers.values()].some((answer) => answer.dir === dir);
    return {
      ...this.counts,
      answers: this.answers.size,
      ...(remembers === undefined ? {} : { remembers }),
      recheckUnderWay: this.rechecking !== undefined,
    };
  }

  private async compareWithDisk(): Promise<boolean> {
    this.counts.rechecks++;
    for (const answer of [...this.answers.values()]) {
      const now = await locateStageFile(new WorkspaceFileSystem(answer.folderUri), answer.dir, answer.folderUri.path);
      if (now.path !== answer.path || now.onDisk !== answer.onDisk) return this.changedOnDisk();
    }
    for (const [path, matrix] of [...this.teamMatrices]) {
      const onDisk = onDiskOf(await new WorkspaceFileSystem(matrix.folderUri).stat(path));
      if (onDisk === matrix.onDisk) continue;
      // Noted here too: a matrix no `.stage.yml` names any more is not read again, and must not be reported again.
      matrix.onDisk = onDisk;
      return this.changedOnDisk();
    }
    return false;
  }

  private changedOnDisk(): true {
    this.counts.rechecksFinding++;
    this.invalidate();
    return true;
  }

  /** The URI of a core path inside a workspace folder. */
  uriOf(folderUri: vscode.Uri, path: string): vscode.Uri {
    return folderUri.with({ path });
  }

  /**
   * A stage file's state, read again when its file on disk is not what it was when read (size, modification time):
   * the watcher's events can come late or not at all — a `.stage.yml` deleted and written again at once was seen
   * still governing with its old text, the events having been merged — and the cache must not outlive the file.
   */
  private async load(folderUri: vscode.Uri, path: string, onDisk: string): Promise<StageFileState | undefined> {
    const key = `${folderUri.toString()}|${path}`;
    let entry = this.cache.get(key);
    if (!entry || entry.onDisk !== onDisk) {
      entry = { onDisk, state: this.read(new WorkspaceFileSystem(folderUri), folderUri, path) };
      this.cache.set(key, entry);
    }
    return entry.state;
  }

  private async read(fs: WorkspaceFileSystem, folderUri: vscode.Uri, path: string): Promise<StageFileState | undefined> {
    // Unsaved text wins (WorkspaceFileSystem); a `.stage.yml` that cannot be read is a state with a problem, not "none".
    const state = await loadStageFile(fs, path, {
      today: todayIso(),
      knownRuleIds: this.knownRuleIds,
      readTeamMatrix: allowedNow('team-matrix'),
      root: folderUri.path,
    });
    const matrixPath = state?.teamMatrix?.path;
    if (matrixPath !== undefined) this.teamMatrices.set(matrixPath, { folderUri, onDisk: onDiskOf(await fs.stat(matrixPath)) });
    return state;
  }

  /** A `.stage.yml`, or a team matrix that some `.stage.yml` reads. */
  isStageInput(uri: vscode.Uri): boolean {
    return uri.path.endsWith(`/${STAGE_FILE_NAME}`) || this.teamMatrices.has(uri.path);
  }

  /** Drops the cache now and tells listeners once edits settle. */
  invalidate(): void {
    this.counts.invalidations++;
    this.cache.clear();
    // Listeners ask again; what they are told then is what later re-checks compare with. (Kept instead, an answer
    // nobody asked again made the next re-check report a change that had been reported: a rescan of every service.)
    this.answers.clear();
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.counts.changesFired++;
      this.changed.fire();
    }, CHANGE_DEBOUNCE_MS);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}
