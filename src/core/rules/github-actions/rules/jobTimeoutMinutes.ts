import { findPair } from '../../yaml/yamlSupport';
import { insertEntries } from '../../yaml/yamlEdits';
import type { RawFinding } from '../../types';
import { findingOn } from '../../ci/findings';
import type { Workflow } from '../workflow';
import { defineRule } from '../../engine/ruleModule';
import { DEFAULT_TIMEOUT_MINUTES, AFTER_RUNNER } from '../jobs';
import { workflowAnchors } from '../anchorPlaces';
import { fixOnDemand } from '../../engine/fixesOnDemand';

/** gha/job-timeout-minutes: a job without `timeout-minutes` (reusable-workflow calls cannot set one). */
export function detectJobWithoutTimeout(workflow: Workflow): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const job of workflow.jobs) {
    if (job.uses || findPair(job.map, 'timeout-minutes')) continue;
    findings.push(
      ...findingOn(
        workflow.file,
        'gha/job-timeout-minutes',
        job.pair.key,
        `Job \`${job.id}\` can run for up to 6 hours when it hangs.`,
        fixOnDemand(`Add \`timeout-minutes: ${DEFAULT_TIMEOUT_MINUTES}\``, () =>
          insertEntries(workflow.file, job.map, { 'timeout-minutes': DEFAULT_TIMEOUT_MINUTES }, { after: AFTER_RUNNER }),
        ),
      ),
    );
  }
  return findings;
}

export const rule = defineRule('github-actions', {
  ruleId: 'gha/job-timeout-minutes',
  anchors: (workflow) => workflowAnchors(workflow, 'job.runs-on', 'job.timeout-minutes'),
  detect: detectJobWithoutTimeout,
});
