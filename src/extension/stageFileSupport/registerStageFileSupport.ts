// `.stage.yml` in the editor: diagnostics, completion, hover and quick fixes.
// Works without any YAML extension installed: everything comes from the core parser.
import * as vscode from 'vscode';
import type { FeatureServices } from '../featureContract';
import { StageFileCompletionProvider } from './completion';
import { StageFileDiagnostics } from './diagnostics';
import { StageFileHoverProvider } from './hover';
import { StageFileQuickFixProvider } from './quickFixes';
import { STAGE_FILE_SELECTOR } from './stageFileState';

export function registerStageFileSupport(context: vscode.ExtensionContext, services: FeatureServices): void {
  const { stageService } = services;
  context.subscriptions.push(
    new StageFileDiagnostics(stageService),
    // A space opens the value list right after `stage: ` (and a concern's `security: `).
    vscode.languages.registerCompletionItemProvider(STAGE_FILE_SELECTOR, new StageFileCompletionProvider(stageService), ' '),
    vscode.languages.registerHoverProvider(STAGE_FILE_SELECTOR, new StageFileHoverProvider(stageService)),
    vscode.languages.registerCodeActionsProvider(
      STAGE_FILE_SELECTOR,
      new StageFileQuickFixProvider(stageService),
      StageFileQuickFixProvider.metadata,
    ),
  );
}
