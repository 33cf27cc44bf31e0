import type { RawFinding } from '../../types';
import { readTaint, taintedReference } from '../taint';
import { detectScriptExpressions } from '../scriptExpressions';
import type { Workflow } from '../workflow';
import { defineRule } from '../../engine/ruleModule';
import { workflowAnchors } from '../anchorPlaces';

const RULE_ID = 'gha/untrusted-expression-in-run';

/**
 * gha/untrusted-expression-in-run: `${{ github.event.issue.title }}` (and other
 * attacker-controlled values) pasted into a `run:` script or into an action
 * input that is code (`actions/github-script` `script:` …) — directly, or
 * through an `env.*`, `matrix.*`, step or job output that carries such a value
 * (taint.ts). One finding per expression; the fix moves every such expression
 * of the step into its `env:` at once, so each finding of a step carries the same fix.
 */
export function detectUntrustedExpressionsInScripts(workflow: Workflow): RawFinding[] {
  const taint = readTaint(workflow);
  return detectScriptExpressions(
    workflow,
    RULE_ID,
    // The scope is read only for a script that has an expression: most have none, and following the taint is not free.
    (step) => (expression) => taintedReference(expression, taint.scopeOf(step)),
    (expression) =>
      expression.via === undefined
        ? `\`${expression.untrusted}\` is pasted into the script before it runs: whoever writes it can inject commands.`
        : `\`${expression.via}\` holds \`${expression.untrusted}\` and is pasted into the script before it runs: whoever writes it can inject commands.`,
  );
}

export const rule = defineRule('github-actions', {
  ruleId: 'gha/untrusted-expression-in-run',
  anchors: (workflow) => workflowAnchors(workflow, 'step.run'),
  detect: detectUntrustedExpressionsInScripts,
});
