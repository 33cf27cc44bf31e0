import { compareStages } from '../../stages';
import type { StageId } from '../../stages';
import type { ConcernAssessment, ConcernReadiness, ConfigFinding, Readiness } from './types';

/**
 * Readiness for the next stage, per concern: the practices the next stage
 * adds (met, missing or unknown) and the reported config-file findings that
 * become due there. This is the upgrades checklist.
 */
export function readinessFor(
  concerns: readonly ConcernAssessment[],
  findings: readonly ConfigFinding[],
  to: StageId | undefined,
): Readiness {
  const perConcern: ConcernReadiness[] = [];
  for (const concern of concerns) {
    if (!concern.stage || !concern.next) continue;
    const { stage: from, next } = concern;
    perConcern.push({
      concernId: concern.id,
      concernName: concern.name,
      from,
      to: next,
      practices: concern.practices.filter(
        (practice) => compareStages(practice.stage, from) > 0 && compareStages(practice.stage, next) <= 0,
      ),
      findings: findings.filter((finding) => finding.concern === concern.id && finding.status === 'next' && finding.severity !== undefined),
    });
  }
  const practices = perConcern.flatMap((concern) => concern.practices);
  return {
    ...(to ? { to } : {}),
    concerns: perConcern,
    met: practices.filter((practice) => practice.status === 'met').length,
    missing: practices.filter((practice) => practice.status === 'missing').length,
    unknown: practices.filter((practice) => practice.status === 'unknown').length,
    findings: perConcern.reduce((sum, concern) => sum + concern.findings.length, 0),
  };
}
