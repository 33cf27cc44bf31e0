// "Stage Guide: Create .stage.yml": writes a new, commented `.stage.yml` for a
// chosen stage, never over an existing one.
import * as vscode from 'vscode';
import { newStageFileText } from '../../core/stageFile/stageFileEdits';
import { STAGE_FILE_NAME } from '../../core/workspace/stageResolution';
import type { StageService } from '../stageService';
import { stageFileWriteRefusal } from '../stageFileWriteGuard';
import { commandArgs, stageFromArgument } from './stageArgument';
import { pickStage } from './stagePicker';
import { exists, folderForNewStageFile } from './targets';

export const CREATE_STAGE_FILE_COMMAND = 'stageGuide.createStageFile';

export interface CreateStageFileResult {
  uri: vscode.Uri;
  /** False when the file already existed (it is opened, not changed). */
  created: boolean;
}

/**
 * Argument (all optional): `{ stage, uri | folder }` — the stage to declare
 * and the folder to write `.stage.yml` in. Without them it asks.
 */
export async function createStageFile(stageService: StageService, arg?: unknown): Promise<CreateStageFileResult | undefined> {
  const args = commandArgs(arg);
  const folder = await folderForNewStageFile(args.uri, vscode.l10n.t('Where should the new .stage.yml go?'));
  if (!folder) return undefined;
  const uri = vscode.Uri.joinPath(folder, STAGE_FILE_NAME);
  // A link named .stage.yml (even a dangling one) or a folder that leads out of the workspace: say so, touch nothing.
  const refused = await stageFileWriteRefusal(uri);
  if (refused) {
    void vscode.window.showErrorMessage(refused);
    return undefined;
  }
  if (await exists(uri)) {
    await vscode.window.showTextDocument(uri);
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        '{0} already exists; it is open now. Change its stage with "Stage Guide: Set Stage".',
        vscode.workspace.asRelativePath(uri),
      ),
    );
    return { uri, created: false };
  }
  // A parent `.stage.yml` may name a team matrix: offer its stages' goals, not only the built-in ones.
  const { matrix } = await stageService.governingFor(folder, true);
  const stage =
    args.stage !== undefined ? stageFromArgument(matrix, args.stage) : await pickStage(matrix, vscode.l10n.t('Create .stage.yml'));
  if (!stage) return undefined;
  // Checked again right before writing: workspace.fs.writeFile has no "create only" flag.
  if (await exists(uri)) return { uri, created: false };
  // Again right before writing: a link may have appeared while the stage was picked.
  const refusal = await stageFileWriteRefusal(uri);
  if (refusal) {
    void vscode.window.showErrorMessage(refusal);
    return undefined;
  }
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(newStageFileText(matrix, stage)));
  stageService.invalidate();
  await vscode.window.showTextDocument(uri);
  return { uri, created: true };
}
