// Registers the stage commands: Set Stage, Create .stage.yml and Refresh.
// Each returns its result so tests and the sidebar can call it without prompts.
import * as vscode from 'vscode';
import type { FeatureServices } from '../featureContract';
import { CREATE_STAGE_FILE_COMMAND, createStageFile } from './createStageFile';
import { SET_STAGE_COMMAND, setStage } from './setStage';

export const REFRESH_COMMAND = 'stageGuide.refresh';

export function registerStageCommands(context: vscode.ExtensionContext, services: FeatureServices): void {
  const { stageService } = services;
  context.subscriptions.push(
    vscode.commands.registerCommand(SET_STAGE_COMMAND, (arg?: unknown) => setStage(stageService, arg)),
    vscode.commands.registerCommand(CREATE_STAGE_FILE_COMMAND, (arg?: unknown) => createStageFile(stageService, arg)),
    // Everything (sidebar, status bar, diagnostics) listens to the service, so one invalidation re-resolves it all.
    vscode.commands.registerCommand(REFRESH_COMMAND, () => stageService.invalidate()),
  );
}
