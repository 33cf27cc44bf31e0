import type { RawFinding } from '../../types';
import { insertEntries } from '../../yaml/yamlEdits';
import { findingOn } from '../../ci/findings';
import { defaultsUnknown, isDeployJob, isTriggerJob, lineage, resolved } from '../pipeline';
import type { Pipeline } from '../pipeline';
import { defineRule } from '../../engine/ruleModule';
import { AFTER_STAGE, isWhenManual } from '../jobs';
import { pipelineAnchors } from '../anchorPlaces';

/**
 * gitlab/job-interruptible: a job a newer pipeline cannot cancel. Deploy jobs
 * (deploy stage or name, or an `environment:`) and manual jobs are exempt:
 * cancelling a deployment halfway is worse than letting it finish. In an
 * included file whose pipeline was not read, `default: interruptible:` may be
 * set there: quiet.
 */
export function detectNonInterruptibleJobs(pipeline: Pipeline): RawFinding[] {
  const findings: RawFinding[] = [];
  if (defaultsUnknown(pipeline)) return findings;
  for (const job of pipeline.jobs) {
    if (job.hidden || !lineage(pipeline, job).complete || isTriggerJob(pipeline, job)) continue;
    if (resolved(pipeline, job, 'interruptible') !== undefined) continue;
    if (isDeployJob(pipeline, job) || resolved(pipeline, job, 'environment') !== undefined || isWhenManual(pipeline, job)) continue;
    findings.push(
      ...findingOn(
        pipeline.file,
        'gitlab/job-interruptible',
        job.pair.key,
        `Job \`${job.name}\` keeps running when a newer pipeline supersedes it.`,
        {
          title: 'Add `interruptible: true`',
          edits: insertEntries(pipeline.file, job.map, { interruptible: 'true' }, { after: AFTER_STAGE }),
        },
      ),
    );
  }
  return findings;
}

export const rule = defineRule('gitlab-ci', {
  ruleId: 'gitlab/job-interruptible',
  anchors: (pipeline) => pipelineAnchors(pipeline, 'default.interruptible', 'job.interruptible'),
  detect: detectNonInterruptibleJobs,
});
