// The sidebar's view model: what governs the file in view, as a plain object the webview
// renders. Pure (no `vscode`), so every rule about what the view shows is unit-tested.
import { stageGoal } from '../../core/matrix/matrixQueries';
import type { Concern, Matrix } from '../../core/matrix/types';
import { stageIndex } from '../../core/stages';
import type { StageId } from '../../core/stages';
import { nextStageForConcern, stageForConcern } from '../../core/workspace/stageResolution';
import type { Governing } from '../../core/workspace/stageResolution';
import type { ConcernNextView, ConcernView, SidebarModel, StageFileView } from '../../shared/messages';
import { practicesBetween, practiceView, problemsView, stageRef } from './modelParts';

export interface SidebarInput {
  /** What governs the file (or folder) in view; undefined when no workspace folder is open. */
  governing: Governing | undefined;
  /** Where the governing `.stage.yml` is, as the host names and opens it; required when `governing.stageFile` is set. */
  stageFile?: StageFileView;
}

export function buildSidebarModel(input: SidebarInput): SidebarModel {
  const { governing, stageFile } = input;
  if (!governing) return { kind: 'empty', reason: 'no-folder' };
  if (!governing.stageFile || !stageFile) return { kind: 'empty', reason: 'no-stage-file' };

  const { matrix, stage } = governing;
  const model: SidebarModel = {
    kind: 'stage',
    stageFile,
    problems: problemsView(governing.stageFile, stageFile),
    concerns: [],
  };
  const displayName = governing.stageFile.config.name;
  if (displayName) model.displayName = displayName;
  if (!stage) return model;

  model.stage = { ...stageRef(matrix, stage), goal: stageGoal(matrix, stage) };
  if (governing.next && stageIndex(governing.next) > stageIndex(stage)) model.next = stageRef(matrix, governing.next);
  model.concerns = matrix.concerns.map((concern) => concernView(matrix, governing, concern, stage));
  return model;
}

function concernView(matrix: Matrix, governing: Governing, concern: Concern, declared: StageId): ConcernView {
  const stage = stageForConcern(governing, concern.id) ?? declared;
  const cell = concern.cells[stage];
  const view: ConcernView = {
    id: concern.id,
    name: concern.name,
    origin: concern.origin,
    stage: stageRef(matrix, stage),
    stageOverridden: governing.stageFile?.config.concerns[concern.id] !== undefined,
    text: cell.text,
    textFromTeam: cell.overridden === true,
    practices: cell.practices.map(practiceView),
  };
  const next = nextStageForConcern(governing, concern.id);
  if (next && stageIndex(next) > stageIndex(stage)) view.next = nextView(matrix, concern, stage, next);
  return view;
}

function nextView(matrix: Matrix, concern: Concern, from: StageId, to: StageId): ConcernNextView {
  const cell = concern.cells[to];
  return {
    stage: stageRef(matrix, to),
    text: cell.text,
    textFromTeam: cell.overridden === true,
    newPractices: practicesBetween(concern, from, to).map(practiceView),
  };
}
