import { findPair } from '../../yaml/yamlSupport';
import { insertEntries } from '../../yaml/yamlEdits';
import type { RawFinding } from '../../types';
import { findingOn } from '../../ci/findings';
import type { Workflow } from '../workflow';
import { defineRule } from '../../engine/ruleModule';
import { AFTER_RUNNER, isDeployJob, environmentNameFor } from '../jobs';
import { workflowAnchors } from '../anchorPlaces';
import { fixOnDemand } from '../../engine/fixesOnDemand';

/** gha/deploy-job-environment: a deploying job without `environment:` (reusable-workflow calls set it inside). */
export function detectDeployJobWithoutEnvironment(workflow: Workflow): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const job of workflow.jobs) {
    if (job.uses || findPair(job.map, 'environment') || !isDeployJob(job)) continue;
    const name = environmentNameFor(job);
    findings.push(
      ...findingOn(
        workflow.file,
        'gha/deploy-job-environment',
        job.pair.key,
        `Job \`${job.id}\` deploys without an \`environment:\`.`,
        fixOnDemand(`Add \`environment: ${name}\``, () =>
          insertEntries(workflow.file, job.map, { environment: name }, { after: AFTER_RUNNER }),
        ),
      ),
    );
  }
  return findings;
}

export const rule = defineRule('github-actions', {
  ruleId: 'gha/deploy-job-environment',
  anchors: (workflow) => workflowAnchors(workflow, 'job.environment'),
  detect: detectDeployJobWithoutEnvironment,
});
