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
 */
export function watchWorkspaceFiles(
  listener: (uri: vscode.Uri) => void,
  createWatcher: CreateWatcher = createWorkspaceWatcher,
): vscode.Disposable {
  const watcher = createWatcher('**/*');
  const subscriptions = [
    watcher,
    watcher.onDidCreate(listener),
    watcher.onDidChange(listener),
    watcher.onDidDelete(listener),
    vscode.workspace.onDidSaveTextDocument((document) => listener(document.uri)),
    vscode.workspace.onDidCreateFiles((event) => event.files.forEach((uri) => listener(uri))),
    vscode.workspace.onDidDeleteFiles((event) => event.files.forEach((uri) => listener(uri))),
    vscode.workspace.onDidRenameFiles((event) =>
      event.files.forEach(({ oldUri, newUri }) => {
        listener(oldUri);
        listener(newUri);
      }),
    ),
  ];
  return vscode.Disposable.from(...subscriptions);
}
