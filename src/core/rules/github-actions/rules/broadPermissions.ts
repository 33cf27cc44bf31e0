import type { RawFinding } from '../../types';
import { findPair, mapEntries, scalarString } from '../../yaml/yamlSupport';
import { findingOn } from '../../ci/findings';
import type { Workflow } from '../workflow';
import { defineRule } from '../../engine/ruleModule';
import { workflowAnchors } from '../anchorPlaces';

const RULE_ID = 'gha/broad-permissions';

/**
 * gha/broad-permissions: GITHUB_TOKEN scopes wider than the jobs need —
 * `permissions: read-all` (at the top or on a job), or write scopes granted at
 * the workflow level to two or more jobs that do not set their own
 * `permissions:` (a grant on the one job that writes would do). `write-all` is
 * gha/write-all-permissions' business; `id-token: write` alone is left alone
 * (OIDC, no repository write).
 */
export function detectBroadPermissions(workflow: Workflow): RawFinding[] {
  const { file } = workflow;
  const findings: RawFinding[] = [];
  const inheriting = workflow.jobs.filter((job) => !findPair(job.map, 'permissions') && !job.uses);
  // A top-level `read-all` every job overrides (the OpenSSF Scorecard template) reaches no step.
  const owners = inheriting.length > 0 ? [workflow.root, ...workflow.jobs.map((job) => job.map)] : workflow.jobs.map((job) => job.map);
  for (const map of owners) {
    const value = findPair(map, 'permissions')?.value;
    if (scalarString(value)?.trim() === 'read-all') {
      findings.push(
        ...findingOn(
          file,
          RULE_ID,
          value,
          '`read-all` lets every step read every scope (security events, packages, actions…): list the scopes the jobs read.',
        ),
      );
    }
  }
  const top = findPair(workflow.root, 'permissions')?.value;
  const writes = mapEntries(top).filter(([scope, pair]) => scalarString(pair.value)?.trim() === 'write' && scope !== 'id-token');
  if (writes.length === 0 || inheriting.length < 2) return findings;
  for (const [scope, pair] of writes) {
    const message = `\`${scope}: write\` is granted to the ${inheriting.length} jobs that set no permissions of their own; grant it on the job that writes.`;
    findings.push(...findingOn(file, RULE_ID, pair.key, message));
  }
  return findings;
}

export const rule = defineRule('github-actions', {
  ruleId: 'gha/broad-permissions',
  anchors: (workflow) => workflowAnchors(workflow, 'workflow.permissions', 'job.permissions'),
  detect: detectBroadPermissions,
});
