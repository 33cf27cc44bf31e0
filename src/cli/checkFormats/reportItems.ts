import type { ConfigFinding, PracticeAssessment, ServiceAssessment, WorkspaceAssessment } from '../../core/evidence/index';
import type { StageFileProblem } from '../../core/stageFile/types';
import type { Range } from '../../core/text';
import { practiceLevel, problemLevel } from './reported';
import type { ReportLevel } from './reported';

/**
 * What the human formats (text and markdown) list, chosen and ordered once:
 * problems in files (config-file findings and `.stage.yml` problems) and
 * missing practices. Only items due now unless asked for the next stage;
 * copies of one finding (same rule, message and place in files with the same
 * content, or the same file reached from two services) become one item that
 * says where else it occurs.
 */
export interface ReportOptions {
  /** Also next-stage findings and practices (`--next`). */
  next: boolean;
  /** Only errors and warnings due now (`--quiet`). */
  quiet: boolean;
}

export interface RuleText {
  title: string;
  why: string;
  fix: string;
  url?: string;
}

export interface FileItem {
  /** Core path of the first copy. */
  path: string;
  range: Range;
  level: ReportLevel;
  /** Due now, or asked by the next stage. */
  timing: 'due' | 'next';
  rule: string;
  message: string;
  text: RuleText;
  /** Core paths of the other files with the same finding (collapsed copies). */
  copies: string[];
  finding?: ConfigFinding;
}

export interface PracticeItem {
  service: ServiceAssessment;
  practice: PracticeAssessment;
  concernName: string;
  level: ReportLevel;
  timing: 'due' | 'next';
}

export interface Report {
  files: FileItem[];
  practices: PracticeItem[];
  /** Items left out because they belong to the next stage (shown with --next). */
  hiddenNext: number;
  /** Infos due now left out by --quiet. */
  hiddenInfos: number;
}

/** An id of a file's content (a hash; undefined when unreadable): lets copies be recognised. */
export type ContentIdOf = (path: string) => string | undefined;

export function buildReport(assessment: WorkspaceAssessment, options: ReportOptions, contentIdOf: ContentIdOf): Report {
  const report: Report = { files: [], practices: [], hiddenNext: 0, hiddenInfos: 0 };
  const byKey = new Map<string, FileItem>();
  const keep = (level: ReportLevel, timing: 'due' | 'next'): boolean => {
    if (timing === 'next' && !options.next) {
      report.hiddenNext++;
      return false;
    }
    if (options.quiet && (level === 'info' || timing === 'next')) {
      if (timing === 'due') report.hiddenInfos++;
      return false;
    }
    return true;
  };
  const addFile = (item: FileItem) => {
    const key = copyKey(item, contentIdOf);
    const first = byKey.get(key);
    if (!first) {
      byKey.set(key, item);
      report.files.push(item);
    } else if (first.path !== item.path && !first.copies.includes(item.path)) {
      first.copies.push(item.path);
    }
  };
  for (const service of assessment.services) {
    const stageFile = service.stageFile ?? `${service.root}/.stage.yml`;
    for (const problem of service.stageFileProblems) {
      const level = problemLevel(problem);
      if (keep(level, 'due')) addFile(problemItem(stageFile, problem, level));
    }
    for (const finding of service.findings) {
      if (finding.severity === undefined || finding.status === 'future') continue;
      if (keep(finding.severity, finding.status)) addFile(findingItem(finding));
    }
    for (const concern of service.concerns) {
      for (const practice of concern.practices) {
        const level = practiceLevel(practice);
        if (!level) continue;
        const timing = practice.timing === 'next' ? 'next' : 'due';
        if (keep(level, timing)) report.practices.push({ service, practice, concernName: concern.name, level, timing });
      }
    }
  }
  report.files.sort(compareFileItems);
  for (const item of report.files) item.copies.sort(compareText);
  return report;
}

function findingItem(finding: ConfigFinding): FileItem {
  return {
    path: finding.path,
    range: finding.range,
    level: finding.severity!,
    timing: finding.status === 'next' ? 'next' : 'due',
    rule: finding.ruleId,
    message: finding.message,
    text: { title: finding.title, why: finding.why, fix: finding.fixText, url: finding.docUrl },
    copies: [],
    finding,
  };
}

function problemItem(stageFile: string, problem: StageFileProblem, level: ReportLevel): FileItem {
  return {
    path: stageFile,
    range: problem.range,
    level,
    timing: 'due',
    rule: `stage-file/${problem.code}`,
    message: problem.message,
    text: {
      title: `.stage.yml problem: ${problem.code}`,
      why: 'The .stage.yml has a problem; its valid parts still apply.',
      fix: 'Fix it as the message says; stage-guide validate lists every problem.',
    },
    copies: [],
  };
}

/** Same rule, message and place in the same content: one finding, however many copies of the file. */
function copyKey(item: FileItem, contentIdOf: ContentIdOf): string {
  const content = contentIdOf(item.path);
  const where = content === undefined ? `path:${item.path}` : `content:${content}`;
  return JSON.stringify([item.rule, item.message, item.range.start.line, item.range.start.character, item.timing, where]);
}

export function compareFileItems(a: FileItem, b: FileItem): number {
  return (
    compareText(a.path, b.path) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    compareText(a.rule, b.rule) ||
    compareText(a.message, b.message)
  );
}

/** Code-unit order, not the locale's: the same order on every machine. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
}

/** Counts of file items, copies included (each copy is a problem in its own file). */
export function countFileItems(items: readonly FileItem[]): Counts & { problems: number; files: number } {
  const counts = { errors: 0, warnings: 0, infos: 0, problems: 0, files: 0 };
  const files = new Set<string>();
  for (const item of items) {
    const times = 1 + item.copies.length;
    counts.problems += times;
    if (item.level === 'error') counts.errors += times;
    else if (item.level === 'warning') counts.warnings += times;
    else counts.infos += times;
    files.add(item.path);
    item.copies.forEach((copy) => files.add(copy));
  }
  counts.files = files.size;
  return counts;
}

/** Rules by how often they fire (copies included), most first; ties by id. */
export function topRules(items: readonly FileItem[]): Array<{ rule: string; count: number }> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.rule, (counts.get(item.rule) ?? 0) + 1 + item.copies.length);
  return [...counts].map(([rule, count]) => ({ rule, count })).sort((a, b) => b.count - a.count || compareText(a.rule, b.rule));
}
