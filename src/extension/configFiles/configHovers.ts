import * as vscode from 'vscode';
import { hoverAt } from '../../core/guidance/fileGuidance';
import type { ConcernAtStage, FileGuidance } from '../../core/guidance/fileGuidance';
import { stageInfo } from '../../core/matrix/matrixQueries';
import type { StagedFinding } from '../../core/rules/engine/evaluate';
import { ruleDocUrl } from '../../core/rules/engine/ruleDocs';
import { toVscodeRange } from '../edits';
import { stageLabel } from './findingText';
import type { GuidanceService } from './guidanceService';

const STATUS_ICON: Record<StagedFinding['status'], string> = { due: '$(warning)', next: '$(info)', future: '$(circle-outline)' };

/**
 * Hovers on the lines a rule or concern cares about (FROM, USER, `permissions`,
 * `image`, `replicas`…): the governing stage, what the concern asks there and
 * at the next stage, and the findings on that line with why and what to do.
 */
export class ConfigHoverProvider implements vscode.HoverProvider {
  constructor(private readonly guidance: GuidanceService) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const guidance = await this.guidance.guidanceFor(document);
    if (!guidance) return undefined;
    const model = hoverAt(guidance, { line: position.line, character: position.character });
    if (!model) return undefined;
    return new vscode.Hover(renderHover(guidance, model.concerns, model.findings, model.notes), toVscodeRange(model.range));
  }
}

export function renderHover(
  guidance: FileGuidance,
  concerns: ConcernAtStage[],
  findings: StagedFinding[],
  notes: string[],
): vscode.MarkdownString {
  const { matrix, stage, stageFile } = guidance.governing;
  const md = new vscode.MarkdownString('', true);
  md.isTrusted = { enabledCommands: ['stageGuide.createStageFile', 'workbench.view.extension.stage-guide'] };
  if (stage) {
    md.appendMarkdown(`**Stage Guide** · ${escape(stageInfo(matrix, stage).name)}`);
    if (stageFile?.config.name) md.appendText(` · ${stageFile.config.name}`);
    md.appendMarkdown('\n\n');
  } else {
    md.appendMarkdown(`**Stage Guide** · ${escape(vscode.l10n.t('No .stage.yml governs this file, so nothing is reported as due.'))} `);
    md.appendMarkdown(`[${escape(vscode.l10n.t('Create .stage.yml'))}](command:stageGuide.createStageFile)\n\n`);
  }
  for (const concern of concerns) {
    md.appendMarkdown(`**${escape(concern.concernName)}**`);
    if (concern.stage && concern.text !== undefined) {
      md.appendMarkdown(` — ${escape(stageInfo(matrix, concern.stage).shortName)}: `);
      md.appendText(concern.text);
    }
    if (concern.nextStage && concern.nextText !== undefined) {
      md.appendMarkdown(`  \n*${escape(vscode.l10n.t('next — {0}', stageInfo(matrix, concern.nextStage).shortName))}:* `);
      md.appendText(concern.nextText);
    }
    md.appendMarkdown('\n\n');
  }
  for (const note of notes) {
    md.appendMarkdown('$(lightbulb) ');
    md.appendText(note);
    md.appendMarkdown('\n\n');
  }
  let lastRole = '';
  for (const staged of findings) {
    md.appendMarkdown('---\n\n');
    md.appendMarkdown(`${STATUS_ICON[staged.status]} **`);
    md.appendText(staged.finding.message ?? staged.rule.title);
    md.appendMarkdown(`** · [\`${staged.rule.id}\`](${ruleDocUrl(staged.rule.id)}) · ${escape(stageLabel(matrix, staged))}`);
    if (staged.suppressedBy) md.appendMarkdown(` · *${escape(vscode.l10n.t('silenced ({0})', staged.suppressedBy))}*`);
    md.appendMarkdown('\n\n');
    md.appendText(staged.rule.why);
    md.appendMarkdown(`\n\n*${escape(vscode.l10n.t('What to do:'))}* `);
    md.appendText(staged.rule.fix);
    const { role, related } = staged.finding;
    // Findings on one line are about one unit: its role is said once.
    if (role && `${role.role} — ${role.reason}` !== lastRole) {
      lastRole = `${role.role} — ${role.reason}`;
      md.appendMarkdown(`\n\n*${escape(vscode.l10n.t('Judged as:'))}* `);
      md.appendText(lastRole);
    }
    for (const place of related ?? []) {
      md.appendMarkdown(`\n\n*${escape(vscode.l10n.t('Judged with:'))}* `);
      md.appendText(`${workspaceRelative(place.path)}:${place.line + 1} — ${place.message}`);
    }
    if (staged.rule.peers.length > 0)
      md.appendMarkdown(
        `\n\n*${escape(vscode.l10n.t('Same check elsewhere:'))}* ${staged.rule.peers.map((peer) => `\`${escape(peer)}\``).join(', ')}`,
      );
    md.appendMarkdown('\n\n');
  }
  return md;
}

/** A path as the workspace shows it (relative to its folder). */
function workspaceRelative(path: string): string {
  return vscode.workspace.asRelativePath(vscode.Uri.file(path), false);
}

/** Escapes markdown syntax in short texts we put inside our own markup. */
function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (char) => `\\${char}`);
}
