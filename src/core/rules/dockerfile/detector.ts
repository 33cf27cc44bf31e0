import type { RuleModule } from '../engine/ruleModule';

/** What the Dockerfile analysis runs: a rule module, or anything shaped like one (tests pass a throwing one). */
export type DockerfileDetector = Pick<RuleModule<'dockerfile'>, 'ruleId' | 'detect' | 'anchors'>;
