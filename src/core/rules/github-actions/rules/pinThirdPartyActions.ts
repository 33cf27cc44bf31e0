import type { RawFinding } from '../../types';
import type { Workflow } from '../workflow';
import { defineRule } from '../../engine/ruleModule';
import { detectUnpinned } from '../pinning';
import { workflowAnchors } from '../anchorPlaces';

/** gha/pin-third-party-actions: an action outside `actions/*` and `github/*` used by tag or branch. */
export function detectUnpinnedThirdPartyActions(workflow: Workflow): RawFinding[] {
  return detectUnpinned(workflow, 'gha/pin-third-party-actions', false);
}

export const rule = defineRule('github-actions', {
  ruleId: 'gha/pin-third-party-actions',
  anchors: (workflow) => workflowAnchors(workflow, 'job.uses', 'step.uses'),
  detect: detectUnpinnedThirdPartyActions,
});
