import { findPair } from '../../yaml/yamlSupport';
import { insertEntries } from '../../yaml/yamlEdits';
import type { RawFinding } from '../../types';
import { findingOn } from '../../ci/findings';
import type { Workflow } from '../workflow';
import { defineRule } from '../../engine/ruleModule';
import { READ_ONLY } from '../permissions';
import { workflowAnchors } from '../anchorPlaces';

/**
 * gha/top-level-permissions: the workflow leaves GITHUB_TOKEN scopes to the
 * repository default. Quiet when every job declares its own `permissions:`
 * (each job is then already least-privilege), and in a reusable workflow that
 * only other workflows start (`on: workflow_call` alone): its token is the
 * caller's, which it can only lower, so the caller is asked (zizmor too
 * reports it only as pedantic).
 */
export function detectMissingTopLevelPermissions(workflow: Workflow): RawFinding[] {
  const { file, root } = workflow;
  if (!workflow.jobsPair || findPair(root, 'permissions')) return [];
  if (workflow.triggers.size === 1 && workflow.triggers.has('workflow_call')) return [];
  if (workflow.jobs.length > 0 && workflow.jobs.every((job) => findPair(job.map, 'permissions'))) return [];
  const edits = insertEntries(file, root, { permissions: READ_ONLY }, { after: ['on', 'name'] });
  return findingOn(file, 'gha/top-level-permissions', (workflow.onPair ?? workflow.jobsPair).key, undefined, {
    title: 'Add top-level `permissions: contents: read`',
    edits,
  });
}

export const rule = defineRule('github-actions', {
  ruleId: 'gha/top-level-permissions',
  anchors: (workflow) => workflowAnchors(workflow, 'workflow.on', 'workflow.permissions', 'job.permissions'),
  detect: detectMissingTopLevelPermissions,
});
