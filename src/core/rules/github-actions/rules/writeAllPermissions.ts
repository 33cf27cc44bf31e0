import { findPair, scalarString } from '../../yaml/yamlSupport';
import { replaceValue } from '../../yaml/yamlEdits';
import type { RawFinding } from '../../types';
import { findingOn } from '../../ci/findings';
import type { Workflow } from '../workflow';
import { defineRule } from '../../engine/ruleModule';
import { READ_ONLY } from '../permissions';
import { workflowAnchors } from '../anchorPlaces';
import { fixOnDemand } from '../../engine/fixesOnDemand';

/** gha/write-all-permissions: `permissions: write-all`, at the top or on a job. */
export function detectWriteAllPermissions(workflow: Workflow): RawFinding[] {
  const { file } = workflow;
  const findings: RawFinding[] = [];
  for (const map of [workflow.root, ...workflow.jobs.map((job) => job.map)]) {
    const value = findPair(map, 'permissions')?.value;
    if (scalarString(value)?.trim() !== 'write-all') continue;
    findings.push(
      ...findingOn(
        file,
        'gha/write-all-permissions',
        value,
        undefined,
        fixOnDemand('Replace `write-all` with `contents: read`', () => replaceValue(file, map, 'permissions', READ_ONLY)),
      ),
    );
  }
  return findings;
}

export const rule = defineRule('github-actions', {
  ruleId: 'gha/write-all-permissions',
  anchors: (workflow) => workflowAnchors(workflow, 'workflow.permissions', 'job.permissions'),
  detect: detectWriteAllPermissions,
});
