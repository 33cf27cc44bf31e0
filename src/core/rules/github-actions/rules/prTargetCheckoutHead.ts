import { getPath } from '../../yaml/yamlSupport';
import type { RawFinding } from '../../types';
import { findingAt, findingOn } from '../../ci/findings';
import { runSteps } from '../workflow';
import type { Workflow } from '../workflow';
import { defineRule } from '../../engine/ruleModule';
import { shellCheckouts, privilegedTrigger, privilegedHeadReference } from '../checkoutSteps';
import { workflowAnchors } from '../anchorPlaces';

/**
 * gha/pr-target-checkout-head: a `pull_request_target` or `workflow_run` workflow
 * that checks out the pull request's head, by `actions/checkout` `ref:`/`repository:`
 * or by `git`/`gh` in a script. One finding per step: a checkout step naming the
 * head in both `ref:` and `repository:`, or a script that fetches it and then
 * switches to it, is one checkout (reported at its first place).
 */
export function detectPrivilegedCheckoutOfPullRequest(workflow: Workflow): RawFinding[] {
  const trigger = privilegedTrigger(workflow);
  if (!trigger) return [];
  const { file } = workflow;
  const message = `This \`${trigger}\` workflow checks out the pull request's code and runs it with the base repository's secrets and write token.`;
  const findings: RawFinding[] = [];
  for (const job of workflow.jobs) {
    for (const step of job.steps) {
      const head = privilegedHeadReference(workflow, step);
      if (!head) continue;
      // The same step's gha/checkout-persist-credentials is folded in here: one checkout step, one finding.
      const persisted = getPath(step.map, ['with', 'persist-credentials']) === undefined;
      const also = persisted ? ' `actions/checkout` also leaves that token in `.git/config`, where the checked-out code can read it.' : '';
      findings.push(...findingOn(file, 'gha/pr-target-checkout-head', head, message + also));
    }
  }
  for (const { run } of runSteps(workflow)) {
    if (!run.range) continue;
    const source = file.text.slice(run.range[0], run.range[1]);
    const [first] = shellCheckouts(source);
    if (first) findings.push(findingAt(file, 'gha/pr-target-checkout-head', run.range[0] + first[0], first[1], message));
  }
  return findings;
}

export const rule = defineRule('github-actions', {
  ruleId: 'gha/pr-target-checkout-head',
  anchors: (workflow) => workflowAnchors(workflow, 'workflow.on', 'job.uses', 'step.uses'),
  detect: detectPrivilegedCheckoutOfPullRequest,
});
