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
      findings: dueNext(findings, concern.id),
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

/** The findings a concern's readiness lists: reported, of that concern, due at the next stage. */
function dueNext(findings: readonly ConfigFinding[], concernId: string): ConfigFinding[] {
  return findings.filter((finding) => finding.concern === concernId && finding.status === 'next' && finding.severity !== undefined);
}

/**
 * The readiness without its concerns' findings, to cross a thread boundary beside the service's findings: cloned
 * apart, each would arrive as a second copy of the findings it shares with the service (3 MB at 100,000 files).
 * `readinessWithFindings` puts them back.
 */
export function readinessWithoutFindings(readiness: Readiness): Readiness {
  return { ...readiness, concerns: readiness.concerns.map((concern) => ({ ...concern, findings: [] })) };
}

/** The readiness with its concerns' findings taken again from the service's (`readinessWithoutFindings`). */
export function readinessWithFindings(readiness: Readiness, findings: readonly ConfigFinding[]): Readiness {
  return { ...readiness, concerns: readiness.concerns.map((concern) => ({ ...concern, findings: dueNext(findings, concern.concernId) })) };
}
