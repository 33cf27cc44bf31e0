import * as vscode from 'vscode';

/** A file watcher that never reports anything, standing in for one whose events were lost. */
export function deafWatcher(): vscode.FileSystemWatcher {
  const never = new vscode.EventEmitter<vscode.Uri>().event;
  return {
    ignoreCreateEvents: true,
    ignoreChangeEvents: true,
    ignoreDeleteEvents: true,
    onDidCreate: never,
    onDidChange: never,
    onDidDelete: never,
    dispose: () => undefined,
  };
}
