// Which file the Stage Guide views describe: the active editor's file, or — when focus is in a
// panel or no editor is active — the file last active while its tab is still open, or else
// the first workspace folder's root. Listeners hear when that may have changed.
import * as vscode from 'vscode';

export interface Target {
  uri: vscode.Uri;
  /** True for a workspace folder root (no file open): resolution starts in it, not in its parent. */
  isFolder: boolean;
}

export class ActiveTarget implements vscode.Disposable {
  private lastFile: vscode.Uri | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[];

  /** Fires when the active editor, the open tabs or the workspace folders change. */
  readonly onDidChange = this.changed.event;

  constructor() {
    this.disposables = [
      this.changed,
      vscode.window.onDidChangeActiveTextEditor(() => this.changed.fire()),
      vscode.window.tabGroups.onDidChangeTabs(() => this.changed.fire()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.changed.fire()),
    ];
  }

  current(): Target | undefined {
    const editorUri = vscode.window.activeTextEditor?.document.uri;
    if (editorUri && vscode.workspace.getWorkspaceFolder(editorUri)) {
      this.lastFile = editorUri;
      return { uri: editorUri, isFolder: false };
    }
    // Focus in a webview panel, the terminal or a non-text editor: keep describing the file the
    // user was working in, as long as it is still open.
    if (this.lastFile && vscode.workspace.getWorkspaceFolder(this.lastFile) && isOpenInATab(this.lastFile)) {
      return { uri: this.lastFile, isFolder: false };
    }
    this.lastFile = undefined;
    const root = vscode.workspace.workspaceFolders?.[0];
    return root ? { uri: root.uri, isFolder: true } : undefined;
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}

function isOpenInATab(uri: vscode.Uri): boolean {
  const wanted = uri.toString();
  return vscode.window.tabGroups.all.some((group) =>
    group.tabs.some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === wanted),
  );
}
