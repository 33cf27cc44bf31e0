import { nextStageForConcern, stageForConcern } from '../../workspace/stageResolution';
import type { Governing } from '../../workspace/stageResolution';
import type { StageContext } from './evaluate';

/** The StageContext of a file governed by `governing` (what the extension and the CLI pass to evaluateFindings). */
export function stageContextFor(governing: Governing, filePath: string, today: string): StageContext {
  const context: StageContext = {
    stageForConcern: (concernId) => stageForConcern(governing, concernId),
    nextStage: governing.next,
    nextStageForConcern: (concernId) => nextStageForConcern(governing, concernId),
    filePath,
    today,
  };
  if (governing.stageFile) {
    context.config = governing.stageFile.config;
    context.configDir = governing.stageFile.dir;
  }
  return context;
}
