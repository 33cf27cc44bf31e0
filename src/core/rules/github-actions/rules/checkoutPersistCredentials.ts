import { getPath } from '../../yaml/yamlSupport';
import { insertAtPath } from '../../yaml/yamlEdits';
import type { RawFinding } from '../../types';
import { findingOn } from '../../ci/findings';
import { isCheckoutStep } from '../workflow';
import type { Workflow } from '../workflow';
import { defineRule } from '../../engine/ruleModule';
import { privilegedHeadReference } from '../checkoutSteps';
import { workflowAnchors } from '../anchorPlaces';
import { fixOnDemand } from '../../engine/fixesOnDemand';

/**
 * gha/checkout-persist-credentials: `actions/checkout` leaves the token in
 * `.git/config` unless told otherwise. An explicit `persist-credentials:` of any
 * value is a decision (a job that pushes needs `true`) and is respected.
 *
 * One checkout step is one finding: a step that checks out a pull request's
 * head in a privileged workflow is reported by gha/pr-target-checkout-head,
 * whose message says the token is left there too. That is the same root cause
 * (untrusted code next to the token) with one fix (do not check the head out
 * there), and its rule is due from an earlier stage than this one.
 */
export function detectCheckoutPersistedCredentials(workflow: Workflow): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const job of workflow.jobs) {
    for (const step of job.steps) {
      if (!isCheckoutStep(step) || getPath(step.map, ['with', 'persist-credentials']) !== undefined) continue;
      if (privilegedHeadReference(workflow, step)) continue;
      findings.push(
        ...findingOn(
          workflow.file,
          'gha/checkout-persist-credentials',
          step.uses,
          undefined,
          fixOnDemand('Add `persist-credentials: false`', () =>
            insertAtPath(workflow.file, step.map, ['with'], { 'persist-credentials': 'false' }, { after: 'uses' }),
          ),
        ),
      );
    }
  }
  return findings;
}

export const rule = defineRule('github-actions', {
  ruleId: 'gha/checkout-persist-credentials',
  anchors: (workflow) => workflowAnchors(workflow, 'job.uses', 'step.uses'),
  detect: detectCheckoutPersistedCredentials,
});
