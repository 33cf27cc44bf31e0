import { findPair, scalarString } from '../../yaml/yamlSupport';
import { insertEntries, replaceValue } from '../../yaml/yamlEdits';
import type { RawFinding } from '../../types';
import { findingOn } from '../../ci/findings';
import type { Workflow } from '../workflow';

const READ_ONLY = { contents: 'read' } as const;

/**
 * gha/top-level-permissions: the workflow leaves GITHUB_TOKEN scopes to the
 * repository default. Quiet when every job declares its own `permissions:`
 * (each job is then already least-privilege).
 */
export function detectMissingTopLevelPermissions(workflow: Workflow): RawFinding[] {
  const { file, root } = workflow;
  if (!workflow.jobsPair || findPair(root, 'permissions')) return [];
  if (workflow.jobs.length > 0 && workflow.jobs.every((job) => findPair(job.map, 'permissions'))) return [];
  const edits = insertEntries(file, root, { permissions: READ_ONLY }, { after: ['on', 'name'] });
  return findingOn(file, 'gha/top-level-permissions', (workflow.onPair ?? workflow.jobsPair).key, undefined, {
    title: 'Add top-level `permissions: contents: read`',
    edits,
  });
}

/** gha/write-all-permissions: `permissions: write-all`, at the top or on a job. */
export function detectWriteAllPermissions(workflow: Workflow): RawFinding[] {
  const { file } = workflow;
  const findings: RawFinding[] = [];
  for (const map of [workflow.root, ...workflow.jobs.map((job) => job.map)]) {
    const value = findPair(map, 'permissions')?.value;
    if (scalarString(value)?.trim() !== 'write-all') continue;
    findings.push(
      ...findingOn(file, 'gha/write-all-permissions', value, undefined, {
        title: 'Replace `write-all` with `contents: read`',
        edits: replaceValue(file, map, 'permissions', READ_ONLY),
      }),
    );
  }
  return findings;
}
