import type { RawFinding } from '../../types';
import { getPath, mapEntries, scalarString } from '../../yaml/yamlSupport';
import type { Workflow } from '../workflow';
import { detectScriptExpressions } from '../scriptExpressions';
import { defineRule } from '../../engine/ruleModule';

const RULE_ID = 'gha/input-expression-in-run';
const INPUT = /(?<![\w.])inputs\.([A-Za-z_][\w-]*)/;

/**
 * gha/input-expression-in-run: a composite action or a reusable workflow
 * (`on: workflow_call`) pastes `${{ inputs.name }}` into a `run:` script. Its
 * callers decide the value: one that passes a branch name or an issue title
 * turns it into code. Inputs declared `type: boolean` or `type: number` cannot
 * carry code and are left alone; workflows that only `workflow_dispatch`
 * declares inputs for are started by people with write access and are not
 * judged here.
 */
export function detectInputExpressionsInScripts(workflow: Workflow): RawFinding[] {
  const declared = declaredInputs(workflow);
  if (!declared) return [];
  return detectScriptExpressions(
    workflow,
    RULE_ID,
    () => (expression) => {
      const name = INPUT.exec(expression)?.[1];
      const type = name === undefined ? undefined : declared.get(name);
      if (name === undefined || type === 'boolean' || type === 'number') return undefined;
      return { via: `inputs.${name}`, source: `input \`${name}\`` };
    },
    (expression) =>
      `\`${expression.via}\` is pasted into the script before it runs: a caller that passes a branch name or an issue title turns it into code.`,
    false,
  );
}

/** Input name → declared type (`string` when unset), for a composite action or a `workflow_call` workflow; undefined otherwise. */
function declaredInputs(workflow: Workflow): Map<string, string> | undefined {
  const inputs = workflow.composite
    ? getPath(workflow.root, ['inputs'])
    : workflow.triggers.has('workflow_call')
      ? getPath(workflow.onPair?.value, ['workflow_call', 'inputs'])
      : undefined;
  if (!workflow.composite && !workflow.triggers.has('workflow_call')) return undefined;
  const types = new Map<string, string>();
  for (const [name, pair] of mapEntries(inputs)) types.set(name, scalarString(getPath(pair.value, ['type']))?.trim() ?? 'string');
  return types;
}

export const rule = defineRule('github-actions', { ruleId: 'gha/input-expression-in-run', detect: detectInputExpressionsInScripts });
