import { compareStages, STAGE_IDS } from '../../stages';
import type { StageId } from '../../stages';
import type { ConcernBadge, LadderRung, PracticeAssessment } from './types';

/** Each stage's rung: met, gaps, or unobservable (no practice of that stage can be observed). */
export function ladderRungs(practices: readonly PracticeAssessment[]): LadderRung[] {
  return STAGE_IDS.map((stage) => {
    const own = practices.filter((practice) => practice.stage === stage);
    const met = own.filter((practice) => practice.status === 'met').length;
    const missing = own.filter((practice) => practice.status === 'missing').length;
    const unknown = own.length - met - missing;
    const status = missing > 0 ? 'gaps' : met > 0 ? 'met' : 'unobservable';
    return { stage, status, met, missing, unknown };
  });
}

/**
 * The ladder's answer: climb from the first stage; a stage with a missing
 * practice stops the climb; an unobservable stage neither stops it nor is
 * claimed; the observed stage is the last met stage reached. OpsLevel-style:
 * a higher stage's practices do not count while a lower stage has gaps.
 */
export function observedStage(rungs: readonly LadderRung[]): StageId | null {
  let reached: StageId | null = null;
  for (const rung of rungs) {
    if (rung.status === 'gaps') break;
    if (rung.status === 'met') reached = rung.stage;
  }
  return reached;
}

/** The badge for the concern's own stage: gaps if any observable practice up to it is missing, met if all are, unknown if none can be observed. */
export function concernBadge(practices: readonly PracticeAssessment[], stage: StageId | undefined): ConcernBadge {
  if (stage === undefined) return 'unknown';
  const upToStage = practices.filter((practice) => compareStages(practice.stage, stage) <= 0 && practice.status !== 'unknown');
  if (upToStage.length === 0) return 'unknown';
  return upToStage.some((practice) => practice.status === 'missing') ? 'gaps' : 'met';
}
