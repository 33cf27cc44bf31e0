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

/** The rules that judge a composite action (`action.yml`): those about steps; its caller's workflow owns jobs, triggers and permissions. */
export const COMPOSITE_ACTION_RULES: ReadonlySet<string> = new Set([
  'gha/untrusted-expression-in-run',
  'gha/input-expression-in-run',
  'gha/untrusted-github-env',
  'gha/deprecated-workflow-commands',
  'gha/deprecated-actions',
  'gha/curl-pipe-shell',
  'gha/pin-third-party-actions',
  'gha/pin-github-owned-actions',
  'gha/checkout-persist-credentials',
  'gha/unsecure-commands',
  'gha/use-trusted-publishing',
]);
