import { isMap } from 'yaml';
import type { RawFinding } from '../../types';
import { insertEntries } from '../../yaml/yamlEdits';
import { findPair, getPath } from '../../yaml/yamlSupport';
import { findingOn } from '../../ci/findings';
import { defaultsUnknown, isDeployJob, isTriggerJob, lineage, resolved } from '../pipeline';
import type { Pipeline, PipelineJob } from '../pipeline';

/** Keys a new job-level entry goes after, so it reads next to the job's stage. */
const AFTER_STAGE = ['stage', 'extends', 'image'];

function isWhenManual(pipeline: Pipeline, job: PipelineJob): boolean {
  return resolved(pipeline, job, 'when') === 'manual';
}

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

/** The environment name the fix proposes: the job's own word for its target when it has one. */
export function environmentNameFor(job: PipelineJob): string {
  return /(?:^|[^a-z])stag(?:e|ing)(?:[^a-z]|$)/i.test(job.name) ? 'staging' : 'production';
}

/** gitlab/deploy-environment: a deploy job (deploy stage or name) without `environment:`. */
export function detectDeployWithoutEnvironment(pipeline: Pipeline): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const job of pipeline.jobs) {
    if (job.hidden || !lineage(pipeline, job).complete || isTriggerJob(pipeline, job)) continue;
    if (!isDeployJob(pipeline, job) || resolved(pipeline, job, 'environment') !== undefined) continue;
    const name = environmentNameFor(job);
    findings.push(
      ...findingOn(pipeline.file, 'gitlab/deploy-environment', job.pair.key, `Job \`${job.name}\` deploys without an \`environment:\`.`, {
        title: `Add \`environment: ${name}\``,
        edits: insertEntries(pipeline.file, job.map, { environment: name }, { after: AFTER_STAGE }),
      }),
    );
  }
  return findings;
}

export const DEFAULT_EXPIRE_IN = '1 week';

/**
 * gitlab/artifacts-expire-in: `artifacts:` without `expire_in`, on a job (a
 * template it extends may supply it, from any file of the pipeline: extends
 * merges maps), a hidden template or `default:`.
 */
export function detectArtifactsWithoutExpiry(pipeline: Pipeline): RawFinding[] {
  const findings: RawFinding[] = [];
  const check = (owner: unknown, hasExpiry: boolean) => {
    const pair = findPair(owner, 'artifacts');
    if (!pair || !isMap(pair.value) || hasExpiry) return;
    findings.push(
      ...findingOn(pipeline.file, 'gitlab/artifacts-expire-in', pair.key, undefined, {
        title: `Add \`expire_in: ${DEFAULT_EXPIRE_IN}\``,
        edits: insertEntries(pipeline.file, pair.value, { expire_in: DEFAULT_EXPIRE_IN }),
      }),
    );
  };
  if (pipeline.defaults) check(pipeline.defaults, getPath(pipeline.defaults, ['artifacts', 'expire_in']) !== undefined);
  for (const job of pipeline.jobs) {
    if (!lineage(pipeline, job).complete) continue;
    // The job's own `artifacts:` replaces `default:`'s, but merges with its templates' (in any file of the pipeline).
    check(job.map, resolved(pipeline, job, 'artifacts.expire_in') !== undefined);
  }
  return findings;
}
