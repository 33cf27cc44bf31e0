import * as vscode from 'vscode';
import type { FileGuidance } from '../../core/guidance/fileGuidance';
import { inlineIgnoreEdit, isoDatePlusDays } from '../../core/guidance/inlineIgnore';
import type { StagedFinding } from '../../core/rules/engine/evaluate';
import { fixAllPasses } from '../../core/guidance/fixAllPasses';
import { collectFixAll } from '../../core/rules/engine/fixAll';
import { builtinRuleCatalog } from '../../core/rules/engine/ruleCatalog';
import { posixRelative } from '../../core/fileSystem';
import { addWaiverEdits } from '../../core/stageFile/stageFileEdits';
import { checkEdits } from '../../core/stageFile/editCheck';
import { todayIso } from '../../core/stageFile/parseStageFile';
import { workspaceEditFor } from '../edits';
import { stageFileWriteRefusal } from '../stageFileWriteGuard';
import { DIAGNOSTIC_SOURCE } from './configDiagnostics';
import type { GuidanceService } from './guidanceService';

/** `source.fixAll.stageGuide`: runs on save when the user enables it in `editor.codeActionsOnSave`. */
export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('stageGuide');
/** A new waiver expires after this many days unless the team changes it. */
const WAIVER_DAYS = 90;
export const WAIVER_REASON_PLACEHOLDER = 'TODO: why this is acceptable at our stage';

/**
 * Code actions for config-file findings: each rule's fix as the preferred
 * quick fix, "Ignore <rule> on this line" (an inline comment), "Waive <rule>
 * in .stage.yml" (a waiver via the core's writer), and "Fix all Stage Guide
 * findings in this file".
 */
export class ConfigCodeActionProvider implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND];

  constructor(private readonly guidance: GuidanceService) {}

  async provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): Promise<vscode.CodeAction[]> {
    const guidance = await this.guidance.guidanceFor(document);
    if (!guidance) return [];
    const wantsQuickFix =
      !context.only || context.only.contains(vscode.CodeActionKind.QuickFix) || vscode.CodeActionKind.QuickFix.contains(context.only);
    const wantsFixAll = !context.only || context.only.contains(FIX_ALL_KIND) || FIX_ALL_KIND.contains(context.only);
    const actions: vscode.CodeAction[] = [];
    if (wantsQuickFix) {
      for (const diagnostic of context.diagnostics) {
        if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
        const staged = findingOf(guidance, diagnostic);
        if (staged) actions.push(...(await this.quickFixes(document, guidance, staged, diagnostic)));
      }
    }
    if (wantsFixAll) {
      const fixAll = await this.fixAll(document, guidance);
      if (fixAll) actions.push(fixAll);
    }
    return actions;
  }

  private async quickFixes(
    document: vscode.TextDocument,
    guidance: FileGuidance,
    staged: StagedFinding,
    diagnostic: vscode.Diagnostic,
  ): Promise<vscode.CodeAction[]> {
    const actions: vscode.CodeAction[] = [];
    const fix = staged.finding.fix;
    if (fix && fix.edits.length > 0) {
      const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
      action.edit = workspaceEditFor(document.uri, fix.edits);
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      actions.push(action);
    }
    const ignore = inlineIgnoreEdit(guidance.analysis.kind, document.getText(), staged.finding.range.start.line, staged.rule.id);
    if (ignore) {
      const action = new vscode.CodeAction(vscode.l10n.t('Ignore {0} on this line', staged.rule.id), vscode.CodeActionKind.QuickFix);
      action.edit = workspaceEditFor(document.uri, [ignore]);
      action.diagnostics = [diagnostic];
      actions.push(action);
    }
    const waiver = await this.waiverAction(document, guidance, staged);
    if (waiver) {
      waiver.diagnostics = [diagnostic];
      actions.push(waiver);
    }
    return actions;
  }

  private async waiverAction(
    document: vscode.TextDocument,
    guidance: FileGuidance,
    staged: StagedFinding,
  ): Promise<vscode.CodeAction | undefined> {
    const stageFile = guidance.governing.stageFile;
    if (!stageFile) return undefined;
    const relative = posixRelative(stageFile.dir, document.uri.path);
    if (relative === undefined) return undefined;
    if (stageFile.unreadable) return undefined;
    const waiverEdits = addWaiverEdits(stageFile.text, {
      rule: staged.rule.id,
      path: relative,
      reason: WAIVER_REASON_PLACEHOLDER,
      until: isoDatePlusDays(todayIso(), WAIVER_DAYS),
    });
    if (waiverEdits.length === 0) return undefined;
    // Re-parsed first (nothing but `waivers` may change), and never offered through a link or outside the workspace.
    const checked = checkEdits(stageFile.text, waiverEdits, 'waivers', (value) =>
      typeof value === 'string' && value.includes(staged.rule.id) ? undefined : 'the waiver would not be in waivers',
    );
    if ('refused' in checked) return undefined;
    const edits = checked.edits;
    const stageFileUri = document.uri.with({ path: stageFile.path });
    if (await stageFileWriteRefusal(stageFileUri)) return undefined;
    const action = new vscode.CodeAction(vscode.l10n.t('Waive {0} in .stage.yml', staged.rule.id), vscode.CodeActionKind.QuickFix);
    action.edit = workspaceEditFor(stageFileUri, edits);
    // Open .stage.yml afterwards so the reason can be filled in.
    action.command = { title: vscode.l10n.t('Open .stage.yml'), command: 'vscode.open', arguments: [stageFileUri] };
    return action;
  }

  private async fixAll(document: vscode.TextDocument, guidance: FileGuidance): Promise<vscode.CodeAction | undefined> {
    // Cheap test first: most requests come while nothing is fixable.
    if (collectFixAll(guidance.staged).edits.length === 0) return undefined;
    const { edits, fixedCount } = fixAllPasses(
      document.uri.path,
      document.getText(),
      guidance.governing,
      await this.guidance.facts(document.uri),
      builtinRuleCatalog(),
      todayIso(),
    );
    if (edits.length === 0) return undefined;
    const action = new vscode.CodeAction(vscode.l10n.t('Fix all Stage Guide findings in this file ({0})', fixedCount), FIX_ALL_KIND);
    action.edit = workspaceEditFor(document.uri, edits);
    return action;
  }
}

/** The staged finding behind one of our diagnostics (same rule, same range). */
function findingOf(guidance: FileGuidance, diagnostic: vscode.Diagnostic): StagedFinding | undefined {
  const ruleId = typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : undefined;
  return guidance.staged.find((staged) => {
    const r = staged.finding.range;
    return (
      staged.rule.id === ruleId &&
      staged.severity !== undefined &&
      r.start.line === diagnostic.range.start.line &&
      r.start.character === diagnostic.range.start.character &&
      r.end.line === diagnostic.range.end.line &&
      r.end.character === diagnostic.range.end.character
    );
  });
}
