import type { RawFinding } from '../../types';
import { insertEntries } from '../../yaml/yamlEdits';
import { findingOn } from '../../ci/findings';
import { defaultsUnknown, isDeployJob, isTriggerJob, lineage, resolved } from '../pipeline';
import type { Pipeline, PipelineJob } from '../pipeline';
import { oncePerTemplate, rootTemplateOf } from '../sharedTemplates';
import type { JobTemplate } from '../sharedTemplates';
import { defineRule } from '../../engine/ruleModule';
import { AFTER_STAGE, isWhenManual } from '../jobs';
import { pipelineAnchors } from '../anchorPlaces';
import { fixOnDemand } from '../../engine/fixesOnDemand';

/**
 * gitlab/job-interruptible: a job a newer pipeline cannot cancel. Deploy jobs
 * (deploy stage or name, or an `environment:`) and manual jobs are exempt:
 * cancelling a deployment halfway is worse than letting it finish. In an
 * included file whose pipeline was not read, `default: interruptible:` may be
 * set there: quiet.
 */
export function detectNonInterruptibleJobs(pipeline: Pipeline): RawFinding[] {
  const findings: Array<{ job: PipelineJob; finding: RawFinding }> = [];
  if (defaultsUnknown(pipeline)) return [];
  for (const job of pipeline.jobs) {
    if (job.hidden || !lineage(pipeline, job).complete || isTriggerJob(pipeline, job)) continue;
    if (resolved(pipeline, job, 'interruptible') !== undefined) continue;
    if (isDeployJob(pipeline, job) || resolved(pipeline, job, 'environment') !== undefined || isWhenManual(pipeline, job)) continue;
    for (const finding of findingOn(
      pipeline.file,
      'gitlab/job-interruptible',
      job.pair.key,
      `Job \`${job.name}\` keeps running when a newer pipeline supersedes it.`,
      fixOnDemand('Add `interruptible: true`', () =>
        insertEntries(pipeline.file, job.map, { interruptible: 'true' }, { after: AFTER_STAGE }),
      ),
    ))
      findings.push({ job, finding });
  }
  // Jobs that take their settings from one template (`<<: *defaults`, `extends: .defaults`) lack it there: one finding, at the template.
  return oncePerTemplate(pipeline, findings, (count, template, names) => ({
    message: `${count} jobs that take their settings from \`${template.name}\` (${names}) keep running when a newer pipeline supersedes them.`,
    ...(servesEveryUser(pipeline, template, findings)
      ? {
          fix: {
            title: `Add \`interruptible: true\` to \`${template.name}\``,
            edits: insertEntries(pipeline.file, template.map, { interruptible: 'true' }, { after: AFTER_STAGE }),
          },
        }
      : {}),
  }));
}

/** True when writing the setting in the template changes no job but the reported ones: every other job that inherits it sets its own. */
function servesEveryUser(pipeline: Pipeline, template: JobTemplate, reported: ReadonlyArray<{ job: PipelineJob }>): boolean {
  const reportedJobs = new Set(reported.map(({ job }) => job));
  return pipeline.jobs.every(
    (job) =>
      job.hidden ||
      reportedJobs.has(job) ||
      rootTemplateOf(pipeline, job)?.map !== template.map ||
      resolved(pipeline, job, 'interruptible') !== undefined,
  );
}

export const rule = defineRule('gitlab-ci', {
  ruleId: 'gitlab/job-interruptible',
  anchors: (pipeline) => pipelineAnchors(pipeline, 'default.interruptible', 'job.interruptible'),
  detect: detectNonInterruptibleJobs,
});
