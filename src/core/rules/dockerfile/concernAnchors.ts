import type { ConcernAnchors } from '../engine/ruleAnchors';
import type { RuleInputs } from '../engine/ruleModule';
import { keywordAnchors } from './anchorPlaces';

/**
 * The places of a Dockerfile a concern cares about that no rule looks at (the rules' own places are in their
 * modules' `anchors`): EXPOSE names the ports other services reach this one on.
 */
export const DOCKERFILE_CONCERN_ANCHORS: ReadonlyArray<ConcernAnchors<RuleInputs['dockerfile']>> = [
  { concern: 'inter-service-communication', anchors: (model) => keywordAnchors(model, 'EXPOSE') },
];
