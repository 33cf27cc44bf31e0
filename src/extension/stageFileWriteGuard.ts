// The editor's check before Stage Guide changes or creates a `.stage.yml`: the same core decision
// as the CLI's `set` (a regular file, not a link, whose real path is inside the workspace folder),
// so Set Stage, Create .stage.yml and "Waive … in .stage.yml" never write through a link to a file
// outside the workspace. Edits stay WorkspaceEdits; this only decides whether to offer them.
import * as vscode from 'vscode';
import { writeRefusal } from '../core/workspace/containedRead';
import { WorkspaceFileSystem } from './workspaceFileSystem';

/** Why Stage Guide must not write `uri` (a message), or undefined when it may. */
export async function stageFileWriteRefusal(uri: vscode.Uri): Promise<string | undefined> {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const shown = vscode.workspace.asRelativePath(uri);
  if (!folder) return vscode.l10n.t('{0} is not in a workspace folder; Stage Guide only writes files inside one.', shown);
  const why = await writeRefusal(new WorkspaceFileSystem(folder.uri), uri.path, folder.uri.path);
  return why ? vscode.l10n.t('{0} {1}. Not changed.', shown, why) : undefined;
}
