// The "Show Next-Stage Upgrades" panel's model: per concern, the current and the next
// stage's text and the practices the next stage adds, the concerns that change most first.
// Pure (no `vscode`); the core's computeUpgrade decides the order.
import { stageIndex } from '../../core/stages';
import { computeUpgrade } from '../../core/upgrades';
import { stageForConcern } from '../../core/workspace/stageResolution';
import type { Governing } from '../../core/workspace/stageResolution';
import type { StageFileView, UpgradesModel } from '../../shared/messages';
import { practiceView, problemsView, stageRef } from '../sidebar/modelParts';

export interface UpgradesInput {
  governing: Governing;
  stageFile?: StageFileView;
  /** The panel's title when there is no upgrade to name (translated by the host). */
  fallbackTitle: string;
}

export function buildUpgradesModel({ governing, stageFile, fallbackTitle }: UpgradesInput): UpgradesModel {
  if (!governing.stageFile || !stageFile) return { kind: 'no-stage-file', title: fallbackTitle };
  const { matrix, stage, next } = governing;
  const problems = problemsView(governing.stageFile, stageFile);
  if (!stage) return { kind: 'no-stage', title: fallbackTitle, stageFile, problems };
  const from = stageRef(matrix, stage);
  if (!next || stageIndex(next) <= stageIndex(stage)) return { kind: 'last-stage', title: fallbackTitle, stageFile, stage: from };

  const to = stageRef(matrix, next);
  const upgrade = computeUpgrade(matrix, stage, next, (concernId) => governing.stageFile?.config.concerns[concernId]);
  const model: UpgradesModel = {
    kind: 'upgrade',
    title: `${from.shortName} → ${to.shortName}`,
    stageFile,
    from,
    to,
    problems,
    concerns: upgrade.concerns.map((concern) => ({
      id: concern.concern.id,
      name: concern.concern.name,
      from: stageRef(matrix, concern.from),
      to,
      stageOverridden: governing.stageFile?.config.concerns[concern.concern.id] !== undefined,
      alreadyThere: stageIndex(stageForConcern(governing, concern.concern.id) ?? stage) >= stageIndex(next),
      currentText: concern.currentText,
      nextText: concern.nextText,
      newPractices: concern.newPractices.map(practiceView),
      change: concern.change,
    })),
  };
  const displayName = governing.stageFile.config.name;
  if (displayName) model.displayName = displayName;
  return model;
}
