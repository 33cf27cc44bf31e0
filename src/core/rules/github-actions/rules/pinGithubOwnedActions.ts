import type { RawFinding } from '../../types';
import type { Workflow } from '../workflow';
import { defineRule } from '../../engine/ruleModule';
import { detectUnpinned } from '../pinning';
import { workflowAnchors } from '../anchorPlaces';

/** gha/pin-github-owned-actions: an `actions/*` or `github/*` action used by tag or branch. */
export function detectUnpinnedGithubOwnedActions(workflow: Workflow): RawFinding[] {
  return detectUnpinned(workflow, 'gha/pin-github-owned-actions', true);
}

export const rule = defineRule('github-actions', {
  ruleId: 'gha/pin-github-owned-actions',
  anchors: (workflow) => workflowAnchors(workflow, 'job.uses', 'step.uses'),
  detect: detectUnpinnedGithubOwnedActions,
});
