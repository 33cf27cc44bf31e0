// Pure pieces shared by the sidebar, upgrades and matrix view models: matrix data and
// `.stage.yml` problems turned into the plain shapes of src/shared/messages.ts. No `vscode`
// here, so the models are unit-tested in plain node.
import { stageInfo } from '../../core/matrix/matrixQueries';
import type { Concern, Matrix, Practice } from '../../core/matrix/types';
import { STAGE_IDS, stageIndex } from '../../core/stages';
import type { StageId } from '../../core/stages';
import type { StageFileState } from '../../core/workspace/stageResolution';
import type { PracticeView, ProblemsView, StageFileView, StageRef } from '../../shared/messages';

export function stageRef(matrix: Matrix, stage: StageId): StageRef {
  const info = stageInfo(matrix, stage);
  return { id: info.id, name: info.name, shortName: info.shortName };
}

export function practiceView(practice: Practice): PracticeView {
  const view: PracticeView = { id: practice.id, title: practice.title, rationale: practice.rationale, origin: practice.origin };
  if (practice.link !== undefined && isWebLink(practice.link)) view.link = practice.link;
  return view;
}

/** Only http(s) references become links: a team matrix could name anything, and the host opens links externally. */
export function isWebLink(link: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(link);
}

/** The practices a concern gains going from `from` to `to`: those of every stage after `from`, up to and including `to`. */
export function practicesBetween(concern: Concern, from: StageId, to: StageId): Practice[] {
  const stages = STAGE_IDS.slice(stageIndex(from) + 1, stageIndex(to) + 1);
  return stages.flatMap((stage) => concern.cells[stage].practices);
}

const SEVERITY_RANK = { error: 0, warning: 1, info: 2, hint: 3 } as const;

/**
 * The errors and warnings the views' banner counts, and which one to name first: errors before
 * warnings, then by position. Info and hints (Restricted Mode's `matrix-not-read`) stay in the
 * Problems view: the banner speaks of errors and warnings, and the Restricted Mode notice says it.
 */
export function problemsView(state: StageFileState, file: StageFileView): ProblemsView {
  const problems = state.problems
    .filter((problem) => problem.severity === 'error' || problem.severity === 'warning')
    .sort(
      (a, b) =>
        SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
        a.range.start.line - b.range.start.line ||
        a.range.start.character - b.range.start.character,
    );
  const errorCount = problems.filter((problem) => problem.severity === 'error').length;
  const first = problems[0];
  if (!first) return { count: 0, errorCount };
  return {
    count: problems.length,
    errorCount,
    first: {
      code: first.code,
      message: first.message,
      severity: first.severity,
      line: first.range.start.line + 1,
      location: { uri: file.uri, range: first.range },
    },
  };
}
