import { isMap } from 'yaml';
import { getValue, scalarString, seqItems } from '../yaml/yamlSupport';
import { labelsOf } from './manifestModel';

/**
 * Whether a label selector (`matchLabels` and `matchExpressions`, as in a
 * PodDisruptionBudget) selects pods with `labels`. An empty or absent
 * selector selects every pod (policy/v1 semantics). Unknown operators count
 * as matching: a rule should stay quiet rather than claim nothing selects a pod.
 */
export function selectorMatches(selector: unknown, labels: ReadonlyMap<string, string>): boolean {
  if (!isMap(selector)) return true;
  for (const [key, value] of labelsOf(getValue(selector, 'matchLabels'))) {
    if (labels.get(key) !== value) return false;
  }
  for (const expression of seqItems(getValue(selector, 'matchExpressions'))) {
    if (!expressionMatches(expression, labels)) return false;
  }
  return true;
}

function expressionMatches(expression: unknown, labels: ReadonlyMap<string, string>): boolean {
  const key = scalarString(getValue(expression, 'key'));
  const operator = scalarString(getValue(expression, 'operator'));
  if (key === undefined) return true;
  const values = seqItems(getValue(expression, 'values')).map((item) => scalarString(item) ?? '');
  const value = labels.get(key);
  switch (operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    default:
      return true;
  }
}
