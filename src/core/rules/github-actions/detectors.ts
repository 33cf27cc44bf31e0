import type { RawFinding } from '../types';
import { GITHUB_ACTIONS_RULES } from './rules';
import type { Workflow } from './workflow';

export type WorkflowDetector = (workflow: Workflow) => RawFinding[];

/**
 * Every GitHub Actions rule id and its detection, from the generated registry
 * (src/core/rules/github-actions/rules/index.ts, in data/rules/github-actions.yml order).
 */
export const GITHUB_ACTIONS_DETECTORS: Readonly<Record<string, WorkflowDetector>> = Object.fromEntries(
  GITHUB_ACTIONS_RULES.map((rule) => [rule.ruleId, (workflow: Workflow) => rule.detect(workflow)]),
);
