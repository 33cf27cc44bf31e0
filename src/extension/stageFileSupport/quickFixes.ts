// Quick fixes for `.stage.yml` problems: "did you mean" for misspelt stages,
// keys, concerns and rules (the parser's suggestions), and for an expired
// waiver, remove it or extend it. Every fix is a minimal edit from the core's
// writer or a one-scalar replacement, so comments and formatting stay.
import * as vscode from 'vscode';
import { checkedRemoveWaiverEdits, checkedSetWaiverUntilEdits } from '../../core/stageFile/editCheck';
import type { CheckedEdits } from '../../core/stageFile/editCheck';
import { todayIso } from '../../core/stageFile/parseStageFile';
import type { StageFileProblem } from '../../core/stageFile/types';
import { toVscodeRange, workspaceEditFor } from '../edits';
import { stageFileWriteRefusal } from '../stageFileWriteGuard';
import type { StageService } from '../stageService';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { addDays, replacementText, waiverIndexAt, WAIVER_EXTENSION_DAYS } from './quickFixEdits';
import { stageFileStateOf } from './stageFileState';

export class StageFileQuickFixProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly stageService: StageService) {}

  async provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): Promise<vscode.CodeAction[]> {
    const ours = context.diagnostics.filter((diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE);
    if (ours.length === 0) return [];
    // Diagnostics come back as copies without the parser's suggestions: find the problem each one was made from.
    const state = await stageFileStateOf(document, this.stageService);
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of ours) {
      const problem = state.problems.find(
        (candidate) => candidate.code === diagnostic.code && toVscodeRange(candidate.range).isEqual(diagnostic.range),
      );
      if (!problem) continue;
      actions.push(...didYouMean(document, diagnostic, problem));
      if (problem.code === 'waiver-expired') actions.push(...(await waiverFixes(document, diagnostic)));
    }
    return actions;
  }
}

function didYouMean(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, problem: StageFileProblem): vscode.CodeAction[] {
  const written = document.getText(diagnostic.range);
  return (problem.suggestions ?? []).map((suggestion, index) => {
    const action = new vscode.CodeAction(vscode.l10n.t('Change to "{0}"', suggestion), vscode.CodeActionKind.QuickFix);
    action.edit = workspaceEditFor(document.uri, [{ range: problem.range, newText: replacementText(written, suggestion) }]);
    action.diagnostics = [diagnostic];
    action.isPreferred = index === 0;
    return action;
  });
}

/**
 * Remove or extend an expired waiver: the same core decisions as Set Stage — every edit re-parsed
 * (nothing but that waiver changes), and never written through a link or outside the workspace
 * folder. A refused fix is still listed, disabled, with the reason.
 */
async function waiverFixes(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const text = document.getText();
  const index = waiverIndexAt(text, document.offsetAt(diagnostic.range.start));
  if (index === undefined) return [];
  const until = addDays(todayIso(), WAIVER_EXTENSION_DAYS);
  const fixes: Array<[string, CheckedEdits]> = [
    [vscode.l10n.t('Remove waiver'), checkedRemoveWaiverEdits(text, index)],
    [vscode.l10n.t('Extend waiver by {0} days (until {1})', WAIVER_EXTENSION_DAYS, until), checkedSetWaiverUntilEdits(text, index, until)],
  ];
  const writeRefusal = await stageFileWriteRefusal(document.uri);
  return fixes
    .filter(([, checked]) => 'refused' in checked || checked.edits.length > 0)
    .map(([title, checked]) => {
      const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      if (writeRefusal) action.disabled = { reason: writeRefusal };
      else if ('refused' in checked) action.disabled = { reason: vscode.l10n.t('Not changing .stage.yml: {0}.', checked.refused) };
      else action.edit = workspaceEditFor(document.uri, checked.edits);
      return action;
    });
}
