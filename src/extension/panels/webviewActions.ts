// What the host does when a webview asks for something: open a reference in the browser,
// open a workspace file at a range, or run one of the allowlisted commands. Shared by the
// sidebar and both panels; every request is validated first (see parseWebviewMessage).
import * as vscode from 'vscode';
import type { FileLocation, WebviewCommand, WebviewToHost } from '../../shared/messages';
import { isWebLink } from '../sidebar/modelParts';

/** The editor operations the actions use; tests pass their own to observe them. */
export interface ActionEffects {
  openExternal(uri: vscode.Uri): Thenable<boolean>;
  executeCommand(command: WebviewCommand): Thenable<unknown>;
  /** Applies the quick fix of a config-file finding (recomputed by the host, never taken from the webview). */
  applyFix(location: FileLocation, ruleId: string): Thenable<unknown>;
}

/** The real effects; `applyFix` comes from the feature that owns config-file guidance. */
export function editorEffects(applyFix: ActionEffects['applyFix']): ActionEffects {
  return {
    openExternal: (uri) => vscode.env.openExternal(uri),
    executeCommand: (command) => vscode.commands.executeCommand(command),
    applyFix,
  };
}

/** Performs a webview's request; 'ready' and 'rendered' belong to the view itself and are ignored here. */
export async function performWebviewAction(message: WebviewToHost, effects: ActionEffects): Promise<void> {
  switch (message.type) {
    case 'openLink':
      // Only web references: a team matrix is workspace content and must not open other schemes.
      if (isWebLink(message.url)) await effects.openExternal(vscode.Uri.parse(message.url, true));
      return;
    case 'openFile':
      await openLocation(message.location);
      return;
    case 'runCommand':
      await effects.executeCommand(message.command);
      return;
    case 'applyFix':
      await effects.applyFix(message.location, message.ruleId);
      return;
    default:
      return;
  }
}

/** Opens a file of the workspace (never one outside it) and selects the range, if any. */
export async function openLocation(location: FileLocation): Promise<vscode.TextEditor | undefined> {
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(location.uri, true);
  } catch {
    return undefined;
  }
  if (!vscode.workspace.getWorkspaceFolder(uri)) return undefined;
  const range = location.range;
  const selection = range ? new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character) : undefined;
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document, { selection, preview: false, viewColumn: vscode.ViewColumn.One });
}
