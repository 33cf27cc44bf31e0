import type { ConcernAnchors } from '../engine/ruleAnchors';
import type { RuleInputs } from '../engine/ruleModule';
import { pipelineAnchors } from './anchorPlaces';

/**
 * The places of a GitLab CI file a concern cares about that no rule looks at (the rules' own places are in their
 * modules' `anchors`): no rule demands `timeout:` (GitLab's project timeout already bounds every job), but the
 * hover there still explains what the stage asks of the pipeline's cost.
 */
export const GITLAB_CI_CONCERN_ANCHORS: ReadonlyArray<ConcernAnchors<RuleInputs['gitlab-ci']>> = [
  { concern: 'cost-efficiency', anchors: (pipeline) => pipelineAnchors(pipeline, 'default.timeout', 'job.timeout') },
];
