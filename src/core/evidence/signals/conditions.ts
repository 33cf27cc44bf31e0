import { dataRegex } from '../catalog/dataRegex';
import type { Condition } from '../catalog/types';
import { expandLists, queryPath, scalarNumber, scalarText } from '../parsers/locatedTree';
import type { TreeValue } from '../parsers/locatedTree';

export interface ConditionResult {
  holds: boolean;
  /** Line of the value that satisfied the last condition, when there is one. */
  line?: number;
}

/** All conditions must hold on `root` (each on its own path). */
export function evaluateConditions(root: TreeValue, conditions: readonly Condition[] | undefined): ConditionResult {
  let line: number | undefined;
  for (const condition of conditions ?? []) {
    const result = evaluateCondition(root, condition);
    if (!result.holds) return { holds: false };
    if (result.line !== undefined) line = result.line;
  }
  return line === undefined ? { holds: true } : { holds: true, line };
}

function evaluateCondition(root: TreeValue, condition: Condition): ConditionResult {
  const values = queryPath(root, condition.path).flatMap((value) =>
    value.kind === 'list' && condition.minCount === undefined ? [value, ...expandLists(value)] : [value],
  );
  const found = (predicate: (value: TreeValue) => boolean): ConditionResult => {
    const match = values.find(predicate);
    return match ? { holds: true, line: match.line } : { holds: false };
  };
  if (condition.exists === false) return { holds: values.length === 0 };
  if (condition.equals !== undefined) {
    const expected = (Array.isArray(condition.equals) ? condition.equals : [condition.equals]).map((item) => String(item).toLowerCase());
    return found((value) => expected.includes((scalarText(value) ?? '\u0000').toLowerCase()));
  }
  if (condition.notEquals !== undefined) {
    const unwanted = String(condition.notEquals).toLowerCase();
    return { holds: values.every((value) => (scalarText(value) ?? '').toLowerCase() !== unwanted) };
  }
  if (condition.matches !== undefined) {
    const pattern = dataRegex(condition.matches);
    return found((value) => {
      const text = scalarText(value);
      return text !== undefined && pattern.test(text);
    });
  }
  if (condition.atLeast !== undefined) {
    const minimum = condition.atLeast;
    return found((value) => (scalarNumber(value) ?? Number.NEGATIVE_INFINITY) >= minimum);
  }
  if (condition.minCount !== undefined) {
    const items = values.flatMap(expandLists);
    return items.length >= condition.minCount ? { holds: true, line: items[0].line } : { holds: false };
  }
  return values.length > 0 ? { holds: true, line: values[0].line } : { holds: false };
}

/**
 * True when the condition can only hold if its path reaches a value: then a
 * document without the path's first key never satisfies it (what a scan
 * relies on to drop documents no matcher can read). Mirrors the order of
 * evaluateCondition's branches: `exists: false`, `notEquals` and
 * `minCount: 0` hold on a missing value.
 */
export function conditionNeedsValue(condition: Condition): boolean {
  if (condition.exists === false) return false;
  if (condition.equals !== undefined) return true;
  if (condition.notEquals !== undefined) return false;
  if (condition.matches !== undefined || condition.atLeast !== undefined) return true;
  if (condition.minCount !== undefined) return condition.minCount > 0;
  return true;
}
