import { resolved } from './pipeline';
import type { Pipeline, PipelineJob } from './pipeline';

/** Keys a new job-level entry goes after, so it reads next to the job's stage. */
export const AFTER_STAGE = ['stage', 'extends', 'image'];

export function isWhenManual(pipeline: Pipeline, job: PipelineJob): boolean {
  return resolved(pipeline, job, 'when') === 'manual';
}

/** The environment name the fix proposes: the job's own word for its target when it has one. */
export function environmentNameFor(job: PipelineJob): string {
  return /(?:^|[^a-z])stag(?:e|ing)(?:[^a-z]|$)/i.test(job.name) ? 'staging' : 'production';
}

export const DEFAULT_EXPIRE_IN = '1 week';
