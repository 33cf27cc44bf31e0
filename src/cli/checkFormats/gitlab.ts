import { createHash } from 'node:crypto';
import type { WorkspaceAssessment } from '../../core/evidence/index';
import type { FileContents } from '../fileContents';
import { rootRelativePath } from './paths';
import { practiceLevel, problemLevel, reportedFindings, reportedPractices } from './reported';
import type { ReportLevel } from './reported';

/** One issue of a GitLab Code Quality report (the CodeClimate fields GitLab reads). */
export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  location: { path: string; lines: { begin: number } };
}

const SEVERITY: Record<ReportLevel, CodeQualityIssue['severity']> = { error: 'major', warning: 'minor', info: 'info' };

/**
 * `check --format gitlab`: the Code Quality report GitLab shows in merge
 * requests (`artifacts: reports: codequality`). Everything the SARIF output
 * reports, with paths relative to the repository root. The fingerprint is a
 * hash of the rule, the path and the text of the finding's line (not its
 * number), so a finding keeps its identity when lines are added above it;
 * identical lines in one file are told apart by their order.
 */
export function renderGitlab(assessment: WorkspaceAssessment, files: FileContents): CodeQualityIssue[] {
  const issues: CodeQualityIssue[] = [];
  const seen = new Map<string, number>();
  const added = new Set<string>();
  const add = (rule: string, level: ReportLevel, description: string, corePath: string, line: number, content: string) => {
    const path = rootRelativePath(assessment.workspaceRoot, corePath);
    // A repository-level file two services share reports its finding once.
    const exact = JSON.stringify([rule, path, line, description]);
    if (added.has(exact)) return;
    added.add(exact);
    const identity = JSON.stringify([rule, path, content]);
    const occurrence = seen.get(identity) ?? 0;
    seen.set(identity, occurrence + 1);
    const fingerprint = createHash('sha256').update(`${identity}#${occurrence}`).digest('hex');
    issues.push({ description, check_name: rule, fingerprint, severity: SEVERITY[level], location: { path, lines: { begin: line + 1 } } });
  };
  const lineText = (path: string, line: number, fallback: string) => {
    const text = files.line(path, line);
    return text === undefined ? `message:${fallback}` : `line:${text.trim()}`;
  };
  for (const service of assessment.services) {
    const stageFile = service.stageFile ?? `${service.root}/.stage.yml`;
    for (const problem of service.stageFileProblems) {
      const line = problem.range.start.line;
      add(
        `stage-file/${problem.code}`,
        problemLevel(problem),
        problem.message,
        stageFile,
        line,
        lineText(stageFile, line, problem.message),
      );
    }
    for (const practice of reportedPractices(service)) {
      // A missing practice points at the place that contradicts it, else at the governing .stage.yml.
      const place = practice.counterEvidence[0];
      const when = practice.timing === 'next' ? ' (next stage)' : '';
      const detail = place ? ` ${place.detail}.` : '';
      const description = `Missing practice${when}: ${practice.practice.title}.${detail}`;
      add(
        practice.practice.id,
        practiceLevel(practice)!,
        description,
        place?.path ?? stageFile,
        place?.line ?? 0,
        `practice:${place?.detail ?? ''}`,
      );
    }
    for (const finding of reportedFindings(service)) {
      const line = finding.range.start.line;
      add(
        finding.ruleId,
        finding.severity!,
        `${finding.message} (${finding.label})`,
        finding.path,
        line,
        lineText(finding.path, line, finding.message),
      );
    }
  }
  return issues;
}
