// The "Show Stage Matrix" panel's model: every concern at all five stages, with the
// governing stage (and each concern's own stage, when overridden) marked. Pure (no `vscode`).
import { STAGE_IDS } from '../../core/stages';
import { stageForConcern } from '../../core/workspace/stageResolution';
import type { Governing } from '../../core/workspace/stageResolution';
import type { MatrixModel, StageFileView } from '../../shared/messages';
import { stageRef } from '../sidebar/modelParts';

export interface MatrixInput {
  governing: Governing;
  stageFile?: StageFileView;
}

export function buildMatrixModel({ governing, stageFile }: MatrixInput): MatrixModel {
  const { matrix, stage } = governing;
  const model: MatrixModel = {
    title: matrix.title,
    stages: STAGE_IDS.map((id) => ({ ...stageRef(matrix, id), governing: id === stage })),
    concerns: matrix.concerns.map((concern) => {
      const concernStage = stageForConcern(governing, concern.id);
      return {
        id: concern.id,
        name: concern.name,
        origin: concern.origin,
        cells: STAGE_IDS.map((id) => ({
          stage: id,
          text: concern.cells[id].text,
          textFromTeam: concern.cells[id].overridden === true,
          practices: concern.cells[id].practices.map(({ id: practiceId, title, origin }) => ({ id: practiceId, title, origin })),
          governing: id === concernStage,
        })),
      };
    }),
  };
  if (governing.stageFile && stageFile) model.stageFile = stageFile;
  if (stage) model.governingStage = stageRef(matrix, stage);
  return model;
}
