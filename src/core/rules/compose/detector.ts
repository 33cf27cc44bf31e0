import type { RuleModule } from '../engine/ruleModule';

/** What the compose analysis runs: a rule module, or anything shaped like one (tests pass a throwing one). */
export type ComposeDetector = Pick<RuleModule<'compose'>, 'ruleId' | 'detect' | 'anchors'>;
