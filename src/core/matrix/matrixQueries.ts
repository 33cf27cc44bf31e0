import type { StageId } from '../stages';
import type { Concern, Matrix, StageInfo } from './types';

export function stageInfo(matrix: Matrix, stage: StageId): StageInfo {
  const info = matrix.stages.find((candidate) => candidate.id === stage);
  if (!info) throw new Error(`stage ${stage} missing from matrix`);
  return info;
}

export function findConcern(matrix: Matrix, concernId: string): Concern | undefined {
  return matrix.concerns.find((concern) => concern.id === concernId);
}

/** The "Goal" concern's text for a stage: what the stage is for, shown beside its name. */
export function stageGoal(matrix: Matrix, stage: StageId): string {
  return findConcern(matrix, 'goal')?.cells[stage].text ?? '';
}
