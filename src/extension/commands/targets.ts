// Which file or folder a command acts on when the caller did not say: the
// active editor's file, else the only workspace folder, else the user's pick.
import * as vscode from 'vscode';
import { posixDirname } from '../../core/fileSystem';

export interface Target {
  uri: vscode.Uri;
  isFolder: boolean;
}

export async function isDirectory(uri: vscode.Uri): Promise<boolean> {
  try {
    return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory) !== 0;
  } catch {
    return false;
  }
}

export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** The given URI, else the active editor's file (inside a workspace folder), else a workspace folder. */
export async function commandTarget(given: vscode.Uri | undefined, placeHolder: string): Promise<Target | undefined> {
  if (given) return { uri: given, isFolder: await isDirectory(given) };
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && vscode.workspace.getWorkspaceFolder(active)) return { uri: active, isFolder: false };
  const folder = await chooseWorkspaceFolder(placeHolder);
  return folder ? { uri: folder.uri, isFolder: true } : undefined;
}

/** The folder a new `.stage.yml` goes in: the given folder (or a given file's folder), else a workspace folder. */
export async function folderForNewStageFile(given: vscode.Uri | undefined, placeHolder: string): Promise<vscode.Uri | undefined> {
  if (given) return (await isDirectory(given)) ? given : given.with({ path: posixDirname(given.path) });
  const active = vscode.window.activeTextEditor?.document.uri;
  const activeFolder = active ? vscode.workspace.getWorkspaceFolder(active) : undefined;
  if (activeFolder) return activeFolder.uri;
  return (await chooseWorkspaceFolder(placeHolder))?.uri;
}

/** The only workspace folder, or the one the user picks when there are several. */
async function chooseWorkspaceFolder(placeHolder: string): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder first: Stage Guide reads .stage.yml from the workspace.'));
    return undefined;
  }
  if (folders.length === 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder });
}
