import { isMap } from 'yaml';
import { findPair, scalarString } from '../../yaml/yamlSupport';
import { insertEntries, replaceValue, yamlScalar } from '../../yaml/yamlEdits';
import type { RawFinding, RuleFix } from '../../types';
import { findingOn } from '../../ci/findings';
import { runsOnPushOrPullRequest } from '../workflow';
import type { Workflow } from '../workflow';
import { defineRule } from '../../engine/ruleModule';
import { workflowAnchors } from '../anchorPlaces';

const GROUP = '${{ github.workflow }}-${{ github.ref }}';

/**
 * What `cancel-in-progress` the fix writes. A workflow that also runs on push
 * cancels only superseded pull-request runs, so branch builds and deployments
 * always finish; a pull-request-only workflow can simply cancel.
 */
function cancelValue(workflow: Workflow): string {
  return workflow.triggers.has('push') && workflow.triggers.has('pull_request')
    ? yamlScalar("${{ github.event_name == 'pull_request' }}")
    : 'true';
}

function hasCancelInProgress(concurrency: unknown): boolean {
  return findPair(concurrency, 'cancel-in-progress') !== undefined;
}

/**
 * gha/concurrency-cancel-in-progress: a push/pull_request workflow whose
 * superseded runs keep running. Satisfied by a top-level `concurrency:` with
 * `cancel-in-progress` (any value: `false` is a decision), or by one on every job.
 */
export function detectMissingConcurrency(workflow: Workflow): RawFinding[] {
  const { file, root } = workflow;
  if (!workflow.jobsPair || !runsOnPushOrPullRequest(workflow)) return [];
  const pair = findPair(root, 'concurrency');
  if (pair && hasCancelInProgress(pair.value)) return [];
  if (workflow.jobs.length > 0 && workflow.jobs.every((job) => hasCancelInProgress(findPair(job.map, 'concurrency')?.value))) return [];
  const cancel = cancelValue(workflow);
  let fix: RuleFix;
  if (!pair) {
    fix = {
      title: 'Add `concurrency:` that cancels superseded runs',
      edits: insertEntries(
        file,
        root,
        { concurrency: { group: GROUP, 'cancel-in-progress': cancel } },
        { after: ['permissions', 'on', 'name'] },
      ),
    };
  } else if (isMap(pair.value)) {
    fix = { title: 'Add `cancel-in-progress`', edits: insertEntries(file, pair.value, { 'cancel-in-progress': cancel }) };
  } else {
    // `concurrency: <group>` — keep the group, add the cancellation.
    const group = scalarString(pair.value);
    fix = {
      title: 'Add `cancel-in-progress`',
      edits: group === undefined ? [] : replaceValue(file, root, 'concurrency', { group: yamlScalar(group), 'cancel-in-progress': cancel }),
    };
  }
  return findingOn(file, 'gha/concurrency-cancel-in-progress', (pair ?? workflow.onPair ?? workflow.jobsPair).key, undefined, fix);
}

export const rule = defineRule('github-actions', {
  ruleId: 'gha/concurrency-cancel-in-progress',
  anchors: (workflow) => workflowAnchors(workflow, 'workflow.concurrency', 'job.concurrency'),
  detect: detectMissingConcurrency,
});
