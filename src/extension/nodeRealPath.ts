// The one node `fs` call the extension makes itself: workspace.fs has no realpath, and containing a
// team matrix or a `.stage.yml` write to the workspace needs the real path behind symbolic links.
// Only for files on the extension host's own disk: file: URIs, and vscode-remote: ones (the
// extension runs as a workspace extension, on the machine that holds the files, as in code-server).
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';

const LOCAL_SCHEMES = new Set(['file', 'vscode-remote']);

/** Whether the extension host can ask its own disk about this URI. */
export function isLocalToExtensionHost(uri: vscode.Uri): boolean {
  return LOCAL_SCHEMES.has(uri.scheme);
}

/** The real path (POSIX URI path form) of a local URI, or undefined when it does not exist. */
export async function nodeRealPath(uri: vscode.Uri): Promise<string | undefined> {
  try {
    const native = uri.scheme === 'file' ? uri.fsPath : vscode.Uri.file(uri.path).fsPath;
    return vscode.Uri.file(await fs.realpath(native)).path;
  } catch {
    return undefined;
  }
}
