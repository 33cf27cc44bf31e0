import * as vscode from 'vscode';
import { resolveStageName, suggestStageNames } from '../../core/matrix/stageAliases';
import type { Matrix } from '../../core/matrix/types';
import type { StageId } from '../../core/stages';
import { readCommandArgs } from './commandArgs';
import type { StageCommandArgs } from './commandArgs';

/** A command's optional argument, with URIs recognised as vscode.Uri. */
export function commandArgs(arg: unknown): StageCommandArgs<vscode.Uri> {
  return readCommandArgs(arg, (value): value is vscode.Uri => value instanceof vscode.Uri, parseUri);
}

function parseUri(text: string): vscode.Uri | undefined {
  try {
    return vscode.Uri.parse(text, true);
  } catch {
    return undefined;
  }
}

/** A stage passed by a caller; an unknown one is reported (with a suggestion) and yields undefined. */
export function stageFromArgument(matrix: Matrix, written: string): StageId | undefined {
  const stage = resolveStageName(matrix, written);
  if (stage) return stage;
  const [suggestion] = suggestStageNames(matrix, written);
  const message = suggestion
    ? vscode.l10n.t('Unknown stage "{0}". Did you mean "{1}"?', written, suggestion)
    : vscode.l10n.t('Unknown stage "{0}". Use one of: {1}.', written, matrix.stages.map((info) => info.id).join(', '));
  void vscode.window.showErrorMessage(message);
  return undefined;
}
