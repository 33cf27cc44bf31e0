// Hover in `.stage.yml`: what a key means, what a concern is and asks at the
// declared stage, and a stage's full name and goal.
import * as vscode from 'vscode';
import { findConcern, stageGoal, stageInfo } from '../../core/matrix/matrixQueries';
import type { StageService } from '../stageService';
import { hoverSubject } from './hoverSubject';
import type { HoverSubject } from './hoverSubject';
import { stageFileKeyDoc, waiverKeyDoc } from './keyDocs';
import { escapeMarkdown } from './markdownText';
import { stageFileStateOf } from './stageFileState';
import type { StageFileState } from '../../core/workspace/stageResolution';

export class StageFileHoverProvider implements vscode.HoverProvider {
  constructor(private readonly stageService: StageService) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const state = await stageFileStateOf(document, this.stageService);
    const subject = hoverSubject(document.getText(), document.offsetAt(position), state.matrix);
    if (!subject) return undefined;
    const range = new vscode.Range(document.positionAt(subject.range[0]), document.positionAt(subject.range[1]));
    return new vscode.Hover(this.contents(subject, state), range);
  }

  private contents(subject: HoverSubject, state: StageFileState): vscode.MarkdownString {
    const markdown = new vscode.MarkdownString();
    switch (subject.kind) {
      case 'key':
        return markdown.appendMarkdown(`**${subject.key}** — `).appendMarkdown(stageFileKeyDoc(subject.key));
      case 'waiver-key':
        return markdown.appendMarkdown(`**${subject.key}** — `).appendMarkdown(waiverKeyDoc(subject.key));
      case 'stage': {
        const info = stageInfo(state.matrix, subject.stage);
        return markdown.appendMarkdown(`**${escapeMarkdown(info.name)}** — ${escapeMarkdown(stageGoal(state.matrix, subject.stage))}`);
      }
      case 'concern': {
        const concern = findConcern(state.matrix, subject.concernId);
        if (!concern) return markdown;
        markdown.appendMarkdown(`**${escapeMarkdown(concern.name)}**`);
        const stage = state.config.concerns[subject.concernId];
        if (stage)
          markdown.appendMarkdown(
            `\n\n${escapeMarkdown(vscode.l10n.t('{0}: {1}', stageInfo(state.matrix, stage).name, concern.cells[stage].text))}`,
          );
        return markdown;
      }
    }
  }
}
