import type { WorkspaceAssessment } from '../../core/evidence/index';

/**
 * What the scan could not do, said out loud in every format (text on stderr, JSON `notifications`,
 * SARIF `toolExecutionNotifications`) and in the exit code: a config file that is there but cannot
 * be read (permission denied, an I/O error) is never silently left out of a passing check.
 */
export interface ToolNotification {
  level: 'warning';
  /** Core path of the file concerned. */
  path: string;
  message: string;
}

export function toolNotifications(assessment: WorkspaceAssessment): ToolNotification[] {
  return assessment.services.flatMap((service) =>
    (service.stats.unreadable ?? []).map(({ path, reason }) => ({ level: 'warning' as const, path, message: `Could not read this file (${reason}); its findings and evidence are missing from this check.` })),
  );
}
