import type { ParseProblem, RawFinding } from '../types';

/**
 * Runs one rule's detection so that a bug in it cannot take the others (or the
 * editor) down: an exception becomes a parse problem naming the rule, shown at
 * the top of the file, and the rule reports nothing for this file.
 */
export function runGuarded(ruleId: string, detect: () => RawFinding[], problems: ParseProblem[]): RawFinding[] {
  try {
    return detect();
  } catch (error) {
    problems.push(detectorFailure(ruleId, error));
    return [];
  }
}

export function detectorFailure(ruleId: string, error: unknown): ParseProblem {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    message: `Stage Guide rule ${ruleId} failed on this file and was skipped (${reason.split('\n')[0]}). Please report it.`,
  };
}
