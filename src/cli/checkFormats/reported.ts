import type { ConfigFinding, PracticeAssessment, ServiceAssessment, WorkspaceAssessment } from '../../core/evidence/index';
import type { StageFileProblem } from '../../core/stageFile/types';

/** What `check` reports, at three levels (SARIF: error / warning / note). */
export type ReportLevel = 'error' | 'warning' | 'info';

export const FAIL_ON_VALUES = ['error', 'warning', 'info', 'none'] as const;
export type FailOn = (typeof FAIL_ON_VALUES)[number];

const RANK: Record<ReportLevel, number> = { info: 1, warning: 2, error: 3 };

/**
 * A missing practice is a warning when its stage is due (at or below the
 * concern's stage) and information when it belongs to the next stage — the
 * same ladder the config-file rules use. Met, unknown and later practices
 * are not reported.
 */
export function practiceLevel(practice: PracticeAssessment): ReportLevel | undefined {
  if (practice.status !== 'missing') return undefined;
  if (practice.timing === 'due') return 'warning';
  if (practice.timing === 'next') return 'info';
  return undefined;
}

export function findingLevel(finding: ConfigFinding): ReportLevel | undefined {
  return finding.severity;
}

export function problemLevel(problem: StageFileProblem): ReportLevel {
  return problem.severity === 'error' ? 'error' : problem.severity === 'warning' ? 'warning' : 'info';
}

/** Practices reported for a service (gaps due now, then next-stage gaps), in matrix order. */
export function reportedPractices(service: ServiceAssessment): PracticeAssessment[] {
  return service.concerns.flatMap((concern) => concern.practices).filter((practice) => practiceLevel(practice) !== undefined);
}

/** Findings that reach the output (due and next, not silenced). */
export function reportedFindings(service: ServiceAssessment): ConfigFinding[] {
  return service.findings.filter((finding) => finding.severity !== undefined);
}

export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
}

export function summarize(assessment: WorkspaceAssessment): Summary {
  const summary: Summary = { errors: 0, warnings: 0, infos: 0 };
  const count = (level: ReportLevel | undefined) => {
    if (level === 'error') summary.errors++;
    else if (level === 'warning') summary.warnings++;
    else if (level === 'info') summary.infos++;
  };
  for (const service of assessment.services) {
    service.stageFileProblems.forEach((problem) => count(problemLevel(problem)));
    reportedPractices(service).forEach((practice) => count(practiceLevel(practice)));
    reportedFindings(service).forEach((finding) => count(findingLevel(finding)));
  }
  return summary;
}

/** True when something reported reaches the `--fail-on` level. */
export function failsOn(summary: Summary, failOn: FailOn): boolean {
  if (failOn === 'none') return false;
  const threshold = RANK[failOn];
  return (
    (summary.errors > 0 && RANK.error >= threshold) ||
    (summary.warnings > 0 && RANK.warning >= threshold) ||
    (summary.infos > 0 && RANK.info >= threshold)
  );
}
