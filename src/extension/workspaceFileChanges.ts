import * as vscode from 'vscode';

/** Makes a file watcher for a glob (the in-host tests stand in one that hears nothing). */
export type CreateWatcher = (glob: string) => vscode.FileSystemWatcher;

/** The editor's own file watcher. */
export const createWorkspaceWatcher: CreateWatcher = (glob) => vscode.workspace.createFileSystemWatcher(glob);

/**
 * Tells `listener` every workspace path that may have changed on disk: what the file watcher reports, and what the
 * editor itself did — a save, a file created, deleted or renamed from the explorer or by a WorkspaceEdit (a rename
 * tells both paths). The watcher alone can miss events (code-server's was seen missing every event under a folder
 * created moments before); the editor's own operations are reported whatever the watcher does. A path told twice
 * costs nothing: the scan caches note it once, and the rescans it starts are debounced.
 *
 * Every listener shares one watcher of the whole workspace (per `createWatcher`): the workspace facts and the evidence
 * both follow every file, and each such watcher is one more event per change for the editor to send to the extension
 * host. The watcher starts with the first listener and stops when the last one is disposed.
 */
export function watchWorkspaceFiles(
  listener: (uri: vscode.Uri) => void,
  createWatcher: CreateWatcher = createWorkspaceWatcher,
): vscode.Disposable {
  let hub = HUBS.get(createWatcher);
  if (!hub) HUBS.set(createWatcher, (hub = new ChangeHub(createWatcher)));
  const stop = hub.add(listener);
  let disposed = false;
  return new vscode.Disposable(() => {
    if (disposed) return;
    disposed = true;
    stop();
    if (hub.idle) {
      hub.dispose();
      HUBS.delete(createWatcher);
    }
  });
}

const HUBS = new Map<CreateWatcher, ChangeHub>();

/** One watcher and the editor's file events, told to every listener in turn. */
class ChangeHub {
  /** One entry per subscription (the same function may subscribe twice, and is then told twice). */
  private readonly listeners = new Set<{ listener: (uri: vscode.Uri) => void }>();
  private readonly subscriptions: vscode.Disposable;

  constructor(createWatcher: CreateWatcher) {
    const watcher = createWatcher('**/*');
    const tell = (uri: vscode.Uri) => this.tell(uri);
    this.subscriptions = vscode.Disposable.from(
      watcher,
      watcher.onDidCreate(tell),
      watcher.onDidChange(tell),
      watcher.onDidDelete(tell),
      vscode.workspace.onDidSaveTextDocument((document) => tell(document.uri)),
      vscode.workspace.onDidCreateFiles((event) => event.files.forEach(tell)),
      vscode.workspace.onDidDeleteFiles((event) => event.files.forEach(tell)),
      vscode.workspace.onDidRenameFiles((event) =>
        event.files.forEach(({ oldUri, newUri }) => {
          tell(oldUri);
          tell(newUri);
        }),
      ),
    );
  }

  get idle(): boolean {
    return this.listeners.size === 0;
  }

  add(listener: (uri: vscode.Uri) => void): () => void {
    const entry = { listener };
    this.listeners.add(entry);
    return () => this.listeners.delete(entry);
  }

  dispose(): void {
    this.subscriptions.dispose();
  }

  /** Each listener in turn; one that throws is logged and the others are still told (as with an event per listener). */
  private tell(uri: vscode.Uri): void {
    for (const { listener } of [...this.listeners]) {
      try {
        listener(uri);
      } catch (error) {
        console.error(
          `stage-guide: a file change listener failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
      }
    }
  }
}
