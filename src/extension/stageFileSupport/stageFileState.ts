// The validated state of one `.stage.yml`, the same one every other feature
// sees: asked of the StageService (which reads unsaved editor text) when the
// file is in a workspace folder, parsed directly when it is not.
import * as vscode from 'vscode';
import { todayIso } from '../../core/stageFile/parseStageFile';
import { stageFileFromText, STAGE_FILE_NAME } from '../../core/workspace/stageResolution';
import type { StageFileState } from '../../core/workspace/stageResolution';
import type { StageService } from '../stageService';
import { WorkspaceFileSystem } from '../workspaceFileSystem';
import { allowedNow } from '../workspaceTrust';

/** Editors for `.stage.yml` files, whatever the language mode and URI scheme (virtual workspaces too). */
export const STAGE_FILE_SELECTOR: vscode.DocumentSelector = { pattern: `**/${STAGE_FILE_NAME}` };

export function isStageFileUri(uri: vscode.Uri): boolean {
  return uri.path.endsWith(`/${STAGE_FILE_NAME}`);
}

/** The state of the `.stage.yml` at `uri`, or undefined when it cannot be read. */
export async function stageFileStateAt(uri: vscode.Uri, stageService: StageService): Promise<StageFileState | undefined> {
  if (vscode.workspace.getWorkspaceFolder(uri)) {
    // A `.stage.yml` governs its own folder, so the service resolves exactly this file.
    const state = (await stageService.governingFor(uri)).stageFile;
    return state?.path === uri.path ? state : undefined;
  }
  const fs = new WorkspaceFileSystem(uri);
  const text = await fs.readText(uri.path);
  return text === undefined ? undefined : stageFileFromText(fs, uri.path, text, resolveOptions());
}

/** The state for an open document, matching its current text (providers must not answer for older text). */
export async function stageFileStateOf(document: vscode.TextDocument, stageService: StageService): Promise<StageFileState> {
  const text = document.getText();
  const state = await stageFileStateAt(document.uri, stageService);
  if (state && state.text === text) return state;
  // Team matrices stay inside the document's workspace folder (or its own folder outside every workspace folder).
  const root = vscode.workspace.getWorkspaceFolder(document.uri)?.uri.path;
  return stageFileFromText(new WorkspaceFileSystem(document.uri), document.uri.path, text, { ...resolveOptions(), root });
}

/** Outside the StageService too, `matrix:` is followed only in a trusted window. */
function resolveOptions(): { today: string; readTeamMatrix: boolean } {
  return { today: todayIso(), readTeamMatrix: allowedNow('team-matrix') };
}
