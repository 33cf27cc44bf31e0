import * as vscode from 'vscode';
import type { FileLocation } from '../../shared/messages';
import type { GuidanceService } from '../configFiles/guidanceService';
import { applyCoreEdits, toVscodeRange } from '../edits';

/**
 * "Apply fix" from the upgrades checklist. The webview only names the rule and the place; the
 * fix is recomputed here from the file's current text by the same analysis the lightbulb uses,
 * so a stale checklist can never write stale edits. Opens the file at the finding either way,
 * so the user sees what changed (or why nothing did).
 */
export async function applyFindingFix(guidance: GuidanceService, location: FileLocation, ruleId: string): Promise<boolean> {
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(location.uri, true);
  } catch {
    return false;
  }
  if (!vscode.workspace.getWorkspaceFolder(uri) || !location.range) return false;
  const document = await vscode.workspace.openTextDocument(uri);
  const fileGuidance = await guidance.guidanceFor(document);
  const wanted = location.range.start;
  const staged = fileGuidance?.staged.find(
    (candidate) =>
      candidate.rule.id === ruleId &&
      candidate.finding.range.start.line === wanted.line &&
      candidate.finding.range.start.character === wanted.character,
  );
  const editor = await vscode.window.showTextDocument(document, { preview: false, viewColumn: vscode.ViewColumn.One });
  const fix = staged?.finding.fix;
  if (!staged || !fix || fix.edits.length === 0) {
    editor.selection = new vscode.Selection(toVscodeRange(location.range).start, toVscodeRange(location.range).end);
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        '{0} is no longer reported at line {1} of this file: it changed since the workspace was scanned.',
        ruleId,
        wanted.line + 1,
      ),
    );
    return false;
  }
  const applied = await applyCoreEdits(document.uri, fix.edits);
  const at = toVscodeRange(staged.finding.range).start;
  editor.selection = new vscode.Selection(at, at);
  editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return applied;
}
