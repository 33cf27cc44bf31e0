import type { RawFinding } from '../types';
import type { Pipeline } from './pipeline';
import { GITLAB_CI_RULES } from './rules';

export type PipelineDetector = (pipeline: Pipeline) => RawFinding[];

/**
 * Every GitLab CI rule id and its detection, from the generated registry
 * (src/core/rules/gitlab-ci/rules/index.ts, in data/rules/gitlab-ci.yml order).
 */
export const GITLAB_CI_DETECTORS: Readonly<Record<string, PipelineDetector>> = Object.fromEntries(
  GITLAB_CI_RULES.map((rule) => [rule.ruleId, (pipeline: Pipeline) => rule.detect(pipeline)]),
);
