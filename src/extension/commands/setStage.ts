// "Stage Guide: Set Stage": changes `stage:` in the `.stage.yml` governing the
// active file (or a given file/folder) through an undoable WorkspaceEdit that
// touches only the value, so comments and formatting stay.
import * as vscode from 'vscode';
import { checkedSetStageEdits } from '../../core/stageFile/editCheck';
import type { StageId } from '../../core/stages';
import { applyCoreEdits } from '../edits';
import type { StageService } from '../stageService';
import { stageFileWriteRefusal } from '../stageFileWriteGuard';
import { createStageFile } from './createStageFile';
import { commandArgs, stageFromArgument } from './stageArgument';
import { pickStage } from './stagePicker';
import { commandTarget } from './targets';

export const SET_STAGE_COMMAND = 'stageGuide.setStage';

export interface SetStageResult {
  /** The `.stage.yml` that was edited (or created). */
  uri: vscode.Uri;
  stage: StageId;
  /** False when it already declared that stage. */
  changed: boolean;
}

/**
 * Argument (all optional): `{ stage, uri, createIfMissing }` — the stage, the
 * file or folder whose governing `.stage.yml` to edit, and whether to create
 * one without asking when none governs. Without them it asks.
 */
export async function setStage(stageService: StageService, arg?: unknown): Promise<SetStageResult | undefined> {
  const args = commandArgs(arg);
  const target = await commandTarget(args.uri, vscode.l10n.t('Set the stage of which folder?'));
  if (!target) return undefined;
  const folder = vscode.workspace.getWorkspaceFolder(target.uri);
  const path = await stageService.stageFilePathFor(target.uri, target.isFolder);
  if (!folder || !path) return offerToCreate(stageService, target.uri, folder, args.stage, args.createIfMissing);

  const governing = await stageService.governingFor(target.uri, target.isFolder);
  if (governing.stageFile?.unreadable) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t(
        '{0}: {1} Not changed.',
        vscode.workspace.asRelativePath(stageService.uriOf(folder.uri, path)),
        governing.stageFile.problems[0]?.message ?? '',
      ),
    );
    return undefined;
  }
  const stage =
    args.stage !== undefined
      ? stageFromArgument(governing.matrix, args.stage)
      : await pickStage(governing.matrix, vscode.l10n.t('Set Stage'), governing.stage);
  if (!stage) return undefined;
  const uri = stageService.uriOf(folder.uri, path);
  return { uri, stage, changed: await writeStage(uri, stage) };
}

/**
 * Edits the document's text as it is now (unsaved changes included). Saves
 * afterwards only when the file had no unsaved changes before: the stage
 * change then reaches disk (the CLI and CI see it), while someone's half-done
 * edits are never saved behind their back. Undo works either way.
 */
async function writeStage(uri: vscode.Uri, stage: StageId): Promise<boolean> {
  // Never through a link, never outside the workspace folder: refused before the document is even opened.
  const refusal = await stageFileWriteRefusal(uri);
  if (refusal) {
    void vscode.window.showErrorMessage(refusal);
    return false;
  }
  const document = await vscode.workspace.openTextDocument(uri);
  const wasDirty = document.isDirty;
  // The same checked edit as the CLI's `set`: re-parsed, refused when the file would mean something else.
  const checked = checkedSetStageEdits(document.getText(), stage);
  if ('refused' in checked) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Not changing the stage in {0}: {1}. Edit it by hand.', vscode.workspace.asRelativePath(uri), checked.refused),
    );
    return false;
  }
  const edits = checked.edits;
  if (edits.length === 0) return false;
  if (!(await applyCoreEdits(uri, edits))) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not change the stage in {0}.', vscode.workspace.asRelativePath(uri)));
    return false;
  }
  if (!wasDirty) await document.save();
  return true;
}

async function offerToCreate(
  stageService: StageService,
  target: vscode.Uri,
  folder: vscode.WorkspaceFolder | undefined,
  stage: string | undefined,
  createIfMissing: boolean,
): Promise<SetStageResult | undefined> {
  if (!folder) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('{0} is not in a workspace folder, so no .stage.yml governs it.', vscode.workspace.asRelativePath(target)),
    );
    return undefined;
  }
  if (!createIfMissing) {
    const create = vscode.l10n.t('Create .stage.yml');
    const answer = await vscode.window.showInformationMessage(
      vscode.l10n.t('No .stage.yml governs {0}. Create one in {1}?', vscode.workspace.asRelativePath(target), folder.name),
      create,
    );
    if (answer !== create) return undefined;
  }
  const created = await createStageFile(stageService, { uri: folder.uri, stage });
  if (!created?.created) return undefined;
  const governing = await stageService.governingFor(created.uri);
  return governing.stage ? { uri: created.uri, stage: governing.stage, changed: true } : undefined;
}
