import type { WorkspaceAssessment } from '../../core/evidence/index';
import type { Range } from '../../core/text';

/**
 * What the scan could not do, said out loud in every format (text on stderr, JSON `notifications`,
 * SARIF `toolExecutionNotifications`) and in the exit code: a config file that is there but cannot
 * be read (permission denied, an I/O error, not a regular file), or that the rules could not parse
 * (an alias bomb, invalid YAML: located), is never silently left out of a passing check.
 */
export interface ToolNotification {
  level: 'warning';
  code: 'unreadable-file' | 'parse-problem';
  /** Core path of the file concerned. */
  path: string;
  /** Where in the file, for a parse problem. */
  range?: Range;
  message: string;
}

export function toolNotifications(assessment: WorkspaceAssessment): ToolNotification[] {
  return assessment.services.flatMap((service) => [
    ...(service.stats.unreadable ?? []).map(
      ({ path, reason }): ToolNotification => ({
        level: 'warning',
        code: 'unreadable-file',
        path,
        message: `Could not read this file (${reason}); its findings and evidence are missing from this check.`,
      }),
    ),
    ...(service.configParseProblems ?? []).map(
      ({ path, range, message }): ToolNotification => ({
        level: 'warning',
        code: 'parse-problem',
        path,
        range,
        message: `Could not parse this file: ${message}; its findings may be missing from this check.`,
      }),
    ),
  ]);
}
