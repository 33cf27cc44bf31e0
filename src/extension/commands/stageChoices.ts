// The stage list both pickers show (Set Stage, Create .stage.yml): the seed's
// stage names with their goals, in maturity order. Pure (no `vscode`).
import { stageGoal } from '../../core/matrix/matrixQueries';
import type { Matrix } from '../../core/matrix/types';
import type { StageId } from '../../core/stages';

export interface StageChoice {
  stage: StageId;
  /** The seed's display name, e.g. "Minimum Viable Product (MVP)". */
  name: string;
  /** The stage's goal (the matrix's "Goal" row). */
  goal: string;
  /** The stage currently declared. */
  current: boolean;
}

export function stageChoices(matrix: Matrix, current?: StageId): StageChoice[] {
  return matrix.stages.map((info) => ({ stage: info.id, name: info.name, goal: stageGoal(matrix, info.id), current: info.id === current }));
}
