import type { RawFinding } from '../../types';
import { insertEntries } from '../../yaml/yamlEdits';
import { findingOn } from '../../ci/findings';
import { deploysSomething, isTriggerJob, lineage, resolved } from '../pipeline';
import type { Pipeline } from '../pipeline';
import { defineRule } from '../../engine/ruleModule';
import { AFTER_STAGE, environmentNameFor } from '../jobs';
import { pipelineAnchors } from '../anchorPlaces';
import { fixOnDemand } from '../../engine/fixesOnDemand';

/** gitlab/deploy-environment: a job that deploys (by what it runs, see deploysSomething) without `environment:`. */
export function detectDeployWithoutEnvironment(pipeline: Pipeline): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const job of pipeline.jobs) {
    if (job.hidden || !lineage(pipeline, job).complete || isTriggerJob(pipeline, job)) continue;
    if (!deploysSomething(pipeline, job) || resolved(pipeline, job, 'environment') !== undefined) continue;
    const name = environmentNameFor(job);
    findings.push(
      ...findingOn(
        pipeline.file,
        'gitlab/deploy-environment',
        job.pair.key,
        `Job \`${job.name}\` deploys without an \`environment:\`.`,
        fixOnDemand(`Add \`environment: ${name}\``, () =>
          insertEntries(pipeline.file, job.map, { environment: name }, { after: AFTER_STAGE }),
        ),
      ),
    );
  }
  return findings;
}

export const rule = defineRule('gitlab-ci', {
  ruleId: 'gitlab/deploy-environment',
  anchors: (pipeline) => pipelineAnchors(pipeline, 'job.environment'),
  detect: detectDeployWithoutEnvironment,
});
