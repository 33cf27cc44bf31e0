import type { RuleModule } from '../engine/ruleModule';

/** What the Kubernetes analysis runs: a rule module, or anything shaped like one (tests pass a throwing one). */
export type KubernetesDetector = Pick<RuleModule<'kubernetes'>, 'ruleId' | 'detect' | 'anchors'>;
