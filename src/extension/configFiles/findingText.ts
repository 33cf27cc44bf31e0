import * as vscode from 'vscode';
import { stageInfo } from '../../core/matrix/matrixQueries';
import type { Matrix } from '../../core/matrix/types';
import type { StagedFinding } from '../../core/rules/engine/evaluate';

/** "Production-Ready", "next: Production-Ready" or "later: Enterprise", with the matrix's short names. */
export function stageLabel(matrix: Matrix, staged: StagedFinding): string {
  const name = stageInfo(matrix, staged.stage).shortName;
  if (staged.status === 'next') return vscode.l10n.t('next: {0}', name);
  if (staged.status === 'future') return vscode.l10n.t('later: {0}', name);
  return name;
}

/** The Problems-panel message: what is wrong here, and at which stage it matters. */
export function diagnosticMessage(matrix: Matrix, staged: StagedFinding): string {
  return `${staged.finding.message ?? staged.rule.title} [${stageLabel(matrix, staged)}]`;
}
