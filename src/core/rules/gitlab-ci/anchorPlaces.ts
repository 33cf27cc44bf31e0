import type { RuleAnchor } from '../engine/ruleAnchors';
import { placeAnchors } from '../yaml/keyAnchors';
import type { Pipeline } from './pipeline';

/** A global key (`global.include`), a key of `default:` (`default.image`) or of every job (`job.script`). */
export type PipelinePlace = `${'global' | 'default' | 'job'}.${string}`;

/** The places of a GitLab CI file the rules anchor their hovers on (a rule module's `anchors`). */
export function pipelineAnchors(pipeline: Pipeline, ...places: PipelinePlace[]): RuleAnchor[] {
  const levels = { global: () => [pipeline.root], default: () => [pipeline.defaults], job: () => pipeline.jobs.map((job) => job.map) };
  return placeAnchors(pipeline.file, levels, places);
}
