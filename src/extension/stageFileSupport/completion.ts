// Completion in `.stage.yml`: keys, stage names (with the seed's goal as
// detail), concern ids under `concerns:`, rule ids and levels under `rules:`,
// and waiver keys.
import * as vscode from 'vscode';
import { stageInfo } from '../../core/matrix/matrixQueries';
import type { Matrix } from '../../core/matrix/types';
import { isStageId } from '../../core/stages';
import type { StageService } from '../stageService';
import { completionCandidates, replacementRange } from './completionCandidates';
import type { CandidateKind, CompletionCandidate } from './completionCandidates';
import { isStageFileKey, isWaiverKey } from './hoverSubject';
import { ruleLevelDoc, stageFileKeyDoc, waiverKeyDoc } from './keyDocs';
import { stageFileStateOf } from './stageFileState';
import { completionPlace } from './yamlCursor';

const KINDS: Record<CandidateKind, vscode.CompletionItemKind> = {
  key: vscode.CompletionItemKind.Property,
  'waiver-key': vscode.CompletionItemKind.Property,
  concern: vscode.CompletionItemKind.Field,
  rule: vscode.CompletionItemKind.Reference,
  stage: vscode.CompletionItemKind.EnumMember,
  level: vscode.CompletionItemKind.EnumMember,
};

export class StageFileCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly stageService: StageService) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[]> {
    const text = document.getText();
    const place = completionPlace(text, document.offsetAt(position));
    if (!place) return [];
    const state = await stageFileStateOf(document, this.stageService);
    const [start, end] = replacementRange(place, text);
    const range = new vscode.Range(document.positionAt(start), document.positionAt(end));
    return completionCandidates(place, state.matrix, this.stageService.knownRuleIds).map((candidate) =>
      this.item(candidate, range, state.matrix),
    );
  }

  private item(candidate: CompletionCandidate, range: vscode.Range, matrix: Matrix): vscode.CompletionItem {
    const item = new vscode.CompletionItem(candidate.label, KINDS[candidate.kind]);
    item.insertText = candidate.insertText;
    item.range = range;
    item.sortText = candidate.sortText;
    if (candidate.detail !== undefined) item.detail = candidate.detail;
    const documentation = this.documentation(candidate, matrix);
    if (documentation) item.documentation = new vscode.MarkdownString(documentation);
    if (candidate.suggestValueNext) item.command = { command: 'editor.action.triggerSuggest', title: vscode.l10n.t('Suggest values') };
    return item;
  }

  private documentation(candidate: CompletionCandidate, matrix: Matrix): string | undefined {
    if (candidate.kind === 'key' && isStageFileKey(candidate.label)) return stageFileKeyDoc(candidate.label);
    if (candidate.kind === 'waiver-key' && isWaiverKey(candidate.label)) return waiverKeyDoc(candidate.label);
    if (candidate.kind === 'level') return ruleLevelDoc(candidate.label);
    if (candidate.kind === 'stage' && isStageId(candidate.label)) return stageInfo(matrix, candidate.label).name;
    return undefined;
  }
}
