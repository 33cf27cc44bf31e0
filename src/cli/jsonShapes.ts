import type { Matrix, Practice } from '../core/matrix/types';
import { stageGoal, stageInfo } from '../core/matrix/matrixQueries';
import type { StageId } from '../core/stages';
import type { StageFileProblem } from '../core/stageFile/types';
import type { Range } from '../core/text';
import type { StageUpgrade } from '../core/upgrades';

/**
 * The documented `--json` shapes (docs/cli.md, "JSON output"). Every shape
 * carries `schemaVersion`; fields are only ever added within a version.
 */
export const JSON_SCHEMA_VERSION = 1;

export interface JsonStage {
  id: StageId;
  name: string;
  goal: string;
}

export interface JsonPractice {
  id: string;
  title: string;
  rationale: string;
  link: string | null;
  origin: 'builtin' | 'team';
}

export interface JsonProblem {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
  suggestions: string[];
}

export function jsonStage(matrix: Matrix, stage: StageId | undefined): JsonStage | null {
  if (!stage) return null;
  return { id: stage, name: stageInfo(matrix, stage).name, goal: stageGoal(matrix, stage) };
}

export function jsonPractice(practice: Practice): JsonPractice {
  return { id: practice.id, title: practice.title, rationale: practice.rationale, link: practice.link ?? null, origin: practice.origin };
}

/** A range as every `--json` shape gives it: 1-based lines and columns, like the text output. */
export function jsonRange(range: Range): { line: number; column: number; endLine: number; endColumn: number } {
  return { line: range.start.line + 1, column: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
}

export function jsonProblem(file: string, problem: StageFileProblem): JsonProblem {
  return {
    file,
    ...jsonRange(problem.range),
    severity: problem.severity,
    code: problem.code,
    message: problem.message,
    suggestions: problem.suggestions ?? [],
  };
}

export function jsonUpgrade(matrix: Matrix, upgrade: StageUpgrade) {
  return {
    from: jsonStage(matrix, upgrade.from),
    to: jsonStage(matrix, upgrade.to),
    concerns: upgrade.concerns.map((concern) => ({
      id: concern.concern.id,
      name: concern.concern.name,
      from: concern.from,
      currentText: concern.currentText,
      nextText: concern.nextText,
      changed: concern.change > 0,
      newPractices: concern.newPractices.map(jsonPractice),
    })),
  };
}
