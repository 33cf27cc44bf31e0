import * as vscode from 'vscode';
import { posixDirname } from '../core/fileSystem';
import { todayIso } from '../core/stageFile/parseStageFile';
import { findStageFile, governingFrom, loadStageFile, STAGE_FILE_NAME } from '../core/workspace/stageResolution';
import type { Governing, StageFileState } from '../core/workspace/stageResolution';
import { WorkspaceFileSystem } from './workspaceFileSystem';
import { allowedNow, onDidGrantTrust } from './workspaceTrust';

/** How long edits to `.stage.yml` settle before everything re-resolves ("within a second"). */
const CHANGE_DEBOUNCE_MS = 150;

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
  /** Team matrix files read so far: editing one must refresh like editing `.stage.yml`. */
  private readonly teamMatrixPaths = new Set<string>();

  /** Fires (debounced) after any `.stage.yml` or team matrix is created, edited, saved or deleted. */
  readonly onDidChange = this.changed.event;

  constructor(readonly knownRuleIds?: ReadonlySet<string>) {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${STAGE_FILE_NAME}`);
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
      this.changed,
    );
  }

  /** The governing stage for a file or folder URI; for a URI outside every workspace folder, nothing governs. */
  async governingFor(uri: vscode.Uri, isFolder = false): Promise<Governing> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return governingFrom(undefined);
    const path = await this.stageFilePathFor(uri, isFolder);
    return governingFrom(path ? await this.load(folder.uri, path) : undefined);
  }

  /** The `.stage.yml` that governs a URI (nearest in its folder or above, up to its workspace folder). */
  async stageFilePathFor(uri: vscode.Uri, isFolder = false): Promise<string | undefined> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return undefined;
    const fs = new WorkspaceFileSystem(folder.uri);
    const dir = isFolder ? uri.path : posixDirname(uri.path);
    return findStageFile(fs, dir, folder.uri.path);
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
  private async load(folderUri: vscode.Uri, path: string): Promise<StageFileState | undefined> {
    const key = `${folderUri.toString()}|${path}`;
    const fs = new WorkspaceFileSystem(folderUri);
    const facts = await fs.stat(path);
    const onDisk = facts ? `${facts.size}|${facts.mtime ?? ''}` : 'none';
    let entry = this.cache.get(key);
    if (!entry || entry.onDisk !== onDisk) {
      entry = { onDisk, state: this.read(fs, folderUri, path) };
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
    if (state?.teamMatrix) this.teamMatrixPaths.add(state.teamMatrix.path);
    return state;
  }

  /** A `.stage.yml`, or a team matrix that some `.stage.yml` reads. */
  isStageInput(uri: vscode.Uri): boolean {
    return uri.path.endsWith(`/${STAGE_FILE_NAME}`) || this.teamMatrixPaths.has(uri.path);
  }

  /** Drops the cache now and tells listeners once edits settle. */
  invalidate(): void {
    this.cache.clear();
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.changed.fire();
    }, CHANGE_DEBOUNCE_MS);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}
