import { isScalar } from 'yaml';
import { throughAlias } from '../../yaml/aliasTargets';
import type { Scalar } from 'yaml';
import type { RawFinding } from '../../types';
import { findingAt } from '../../ci/findings';
import type { Workflow } from '../workflow';
import { defineRule } from '../../engine/ruleModule';

/**
 * gha/all-secrets-exposed: `toJSON(secrets)` (or `toJson`, any case) hands every
 * repository and organisation secret to one step, whatever it needs. Searched
 * in every scalar of the workflow, since it can appear in `env:`, `with:` or a script.
 */
export function detectAllSecretsExposed(workflow: Workflow): RawFinding[] {
  const findings: RawFinding[] = [];
  const { file } = workflow;
  // Matched in the scalars' source, which is the file's: a file that never writes `toJSON(` needs no walk of its scalars.
  if (!file.text.toLowerCase().includes('tojson(')) return findings;
  visitScalars(workflow.root, (scalar) => {
    if (!scalar.range) return;
    const source = file.text.slice(scalar.range[0], scalar.range[1]);
    const lower = source.toLowerCase();
    for (let at = lower.indexOf('tojson('); at >= 0; at = lower.indexOf('tojson(', at + 7)) {
      const close = lower.indexOf(')', at);
      if (close > 0 && lower.slice(at + 7, close).trim() === 'secrets') {
        findings.push(findingAt(file, 'gha/all-secrets-exposed', scalar.range[0] + at, close + 1 - at));
      }
    }
  });
  return findings;
}

function visitScalars(given: unknown, visit: (scalar: Scalar) => void, depth = 0): void {
  const node = throughAlias(given);
  if (depth > 50 || node === null || typeof node !== 'object') return;
  if (isScalar(node)) {
    if (typeof node.value === 'string') visit(node);
    return;
  }
  const items = (node as { items?: unknown[] }).items;
  if (!Array.isArray(items)) return;
  for (const item of items) {
    if (item && typeof item === 'object' && 'value' in item && 'key' in item)
      visitScalars((item as { value: unknown }).value, visit, depth + 1);
    else visitScalars(item, visit, depth + 1);
  }
}

export const rule = defineRule('github-actions', { ruleId: 'gha/all-secrets-exposed', detect: detectAllSecretsExposed });
