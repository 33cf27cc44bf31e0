import type { ConfigFinding, EvidenceItem, PracticeAssessment, ServiceAssessment, WorkspaceAssessment } from '../../core/evidence/index';
import { builtinMatrix } from '../../core/matrix/builtinMatrix';
import { JSON_SCHEMA_VERSION, jsonProblem, jsonRange, jsonStage } from '../jsonShapes';
import { lazyMap } from '../jsonStream';
import { toolNotifications } from './notifications';
import { displayPath } from './paths';
import { practiceLevel } from './reported';
import type { FailOn, Summary } from './reported';

/**
 * `check --format json` (docs/cli.md, "JSON output"). Stable within
 * schemaVersion: fields are only ever added. Paths are relative to the
 * current folder; lines and columns are 1-based, like the text output.
 */
export function checkJson(cwd: string, assessment: WorkspaceAssessment, summary: Summary, failOn: FailOn, failed: boolean) {
  return checkJsonOf(cwd, assessment, summary, failOn, failed, (services, make) => services.map(make));
}

/** `checkJson` with each service's part made only when writeJson reaches it (the same text). */
export function checkJsonStream(cwd: string, assessment: WorkspaceAssessment, summary: Summary, failOn: FailOn, failed: boolean) {
  return checkJsonOf(cwd, assessment, summary, failOn, failed, lazyMap);
}

function checkJsonOf<List>(
  cwd: string,
  assessment: WorkspaceAssessment,
  summary: Summary,
  failOn: FailOn,
  failed: boolean,
  list: (services: readonly ServiceAssessment[], make: (service: ServiceAssessment) => ReturnType<typeof jsonService>) => List,
) {
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    failOn,
    failed,
    summary,
    services: list(assessment.services, (service) => jsonService(cwd, service)),
    // Added in the same schema version (fields are only ever added): what the scan could not read or parse.
    notifications: toolNotifications(assessment).map((notice) => ({
      level: notice.level,
      code: notice.code,
      file: displayPath(cwd, notice.path),
      ...(notice.range ? jsonRange(notice.range) : {}),
      message: notice.message,
    })),
  };
}

function jsonService(cwd: string, service: ServiceAssessment) {
  const matrix = builtinMatrix();
  const stageFile = service.stageFile ? displayPath(cwd, service.stageFile) : null;
  return {
    root: displayPath(cwd, service.root),
    stageFile,
    name: service.name ?? null,
    stage: jsonStage(matrix, service.stage),
    declaredStage: service.declaredStage ?? null,
    stageOverridden: service.stageOverridden,
    next: jsonStage(matrix, service.next),
    stageFileProblems: service.stageFileProblems.map((problem) => jsonProblem(stageFile ?? '', problem)),
    concerns: service.concerns.map((concern) => ({
      id: concern.id,
      name: concern.name,
      stage: concern.stage ?? null,
      next: concern.next ?? null,
      observedStage: concern.observedStage,
      badge: concern.badge,
      ladder: concern.ladder,
      practices: concern.practices.map((practice) => jsonPractice(cwd, practice)),
    })),
    findings: service.findings.filter((finding) => finding.severity !== undefined).map((finding) => jsonFinding(cwd, finding)),
    readiness: {
      to: jsonStage(matrix, service.readiness.to),
      met: service.readiness.met,
      missing: service.readiness.missing,
      unknown: service.readiness.unknown,
      findings: service.readiness.findings,
      concerns: service.readiness.concerns.map((concern) => ({
        id: concern.concernId,
        from: concern.from,
        to: concern.to,
        practices: concern.practices.map((practice) => ({
          id: practice.practice.id,
          title: practice.practice.title,
          status: practice.status,
        })),
        findings: concern.findings.map((finding) => ({
          file: displayPath(cwd, finding.path),
          line: finding.range.start.line + 1,
          rule: finding.ruleId,
          message: finding.message,
        })),
      })),
    },
  };
}

function jsonPractice(cwd: string, practice: PracticeAssessment) {
  return {
    id: practice.practice.id,
    title: practice.practice.title,
    stage: practice.stage,
    status: practice.status,
    timing: practice.timing,
    severity: practiceLevel(practice) ?? null,
    link: practice.practice.link ?? null,
    evidence: practice.evidence.map((item) => jsonEvidence(cwd, item)),
    counterEvidence: practice.counterEvidence.map((item) => jsonEvidence(cwd, item)),
    satisfiedBy: practice.satisfiedBy,
    unknownReason: practice.unknownReason?.kind ?? null,
    unknownDetail:
      practice.unknownReason?.kind === 'not-applicable' ? `No evidence shows that ${practice.unknownReason.description}.` : null,
  };
}

function jsonEvidence(cwd: string, item: EvidenceItem) {
  return { file: displayPath(cwd, item.path), line: item.line === undefined ? null : item.line + 1, detail: item.detail };
}

function jsonFinding(cwd: string, finding: ConfigFinding) {
  return {
    file: displayPath(cwd, finding.path),
    ...jsonRange(finding.range),
    severity: finding.severity,
    rule: finding.ruleId,
    concern: finding.concern,
    stage: finding.stage,
    status: finding.status,
    label: finding.label,
    message: finding.message,
    helpUri: finding.docUrl,
    hasFix: finding.fix !== undefined,
    role: finding.role ?? null,
    judgedWith: (finding.related ?? []).map((place) => ({
      file: displayPath(cwd, place.path),
      line: place.line + 1,
      message: place.message,
    })),
  };
}
