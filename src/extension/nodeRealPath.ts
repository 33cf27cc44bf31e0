// The one node `fs` call the extension makes itself: workspace.fs has no realpath, and containing a
// team matrix or a `.stage.yml` write to the workspace needs the real path behind symbolic links.
// Only for file: URIs (the extension host is a node process); other schemes have no local path.
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';

/** The real path (POSIX URI path form) of a file: URI, or undefined when it does not exist. */
export async function nodeRealPath(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return vscode.Uri.file(await fs.realpath(uri.fsPath)).path;
  } catch {
    return undefined;
  }
}
