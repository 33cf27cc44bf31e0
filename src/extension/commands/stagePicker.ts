import * as vscode from 'vscode';
import type { Matrix } from '../../core/matrix/types';
import type { StageId } from '../../core/stages';
import { stageChoices } from './stageChoices';

interface StageItem extends vscode.QuickPickItem {
  stage: StageId;
}

/** Asks for a stage: seed names as labels, goals as details, the current one marked and preselected. */
export async function pickStage(matrix: Matrix, title: string, current?: StageId): Promise<StageId | undefined> {
  const items: StageItem[] = stageChoices(matrix, current).map((choice) => ({
    stage: choice.stage,
    label: choice.current ? `$(check) ${choice.name}` : choice.name,
    description: choice.current ? vscode.l10n.t('current · {0}', choice.stage) : choice.stage,
    detail: choice.goal,
  }));
  const quickPick = vscode.window.createQuickPick<StageItem>();
  quickPick.title = title;
  quickPick.placeholder = vscode.l10n.t('Choose the stage this product is at');
  quickPick.matchOnDescription = true;
  quickPick.matchOnDetail = true;
  quickPick.items = items;
  const currentItem = items.find((item) => item.stage === current);
  if (currentItem) quickPick.activeItems = [currentItem];
  try {
    return await new Promise<StageId | undefined>((resolve) => {
      quickPick.onDidAccept(() => resolve(quickPick.selectedItems[0]?.stage));
      quickPick.onDidHide(() => resolve(undefined));
      quickPick.show();
    });
  } finally {
    quickPick.dispose();
  }
}
