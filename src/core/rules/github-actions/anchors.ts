import type { Node, Pair } from 'yaml';
import type { HoverAnchor } from '../types';
import { findPair } from '../yaml/yamlSupport';
import { nodeRange } from '../yaml/yamlSupport';
import type { Workflow } from './workflow';

interface AnchorSpec {
  concern: string;
  ruleIds: string[];
}

/** The keys a hover explains, the concerns they belong to, and the rules that look at them. */
const ANCHORS: Readonly<Record<string, readonly AnchorSpec[]>> = {
  on: [
    { concern: 'testing-deployment', ruleIds: ['gha/ci-runs-tests'] },
    { concern: 'security', ruleIds: ['gha/pr-target-checkout-head', 'gha/top-level-permissions'] },
  ],
  permissions: [{ concern: 'security', ruleIds: ['gha/top-level-permissions', 'gha/write-all-permissions', 'gha/broad-permissions'] }],
  concurrency: [{ concern: 'cost-efficiency', ruleIds: ['gha/concurrency-cancel-in-progress'] }],
  'runs-on': [
    { concern: 'cost-efficiency', ruleIds: ['gha/job-timeout-minutes'] },
    { concern: 'security', ruleIds: ['gha/self-hosted-runner-on-pull-request'] },
  ],
  'timeout-minutes': [{ concern: 'cost-efficiency', ruleIds: ['gha/job-timeout-minutes'] }],
  environment: [{ concern: 'testing-deployment', ruleIds: ['gha/deploy-job-environment'] }],
  uses: [
    {
      concern: 'security',
      ruleIds: [
        'gha/pin-third-party-actions',
        'gha/pin-github-owned-actions',
        'gha/checkout-persist-credentials',
        'gha/pr-target-checkout-head',
        'gha/deprecated-actions',
      ],
    },
  ],
  run: [
    {
      concern: 'security',
      ruleIds: ['gha/untrusted-expression-in-run', 'gha/untrusted-github-env', 'gha/deprecated-workflow-commands', 'gha/curl-pipe-shell'],
    },
    { concern: 'testing-deployment', ruleIds: ['gha/ci-runs-tests'] },
  ],
};

const WORKFLOW_KEYS = ['on', 'permissions', 'concurrency'];
const JOB_KEYS = ['permissions', 'runs-on', 'timeout-minutes', 'environment', 'concurrency', 'uses'];
const STEP_KEYS = ['uses', 'run'];

/** Hover anchors on the workflow-, job- and step-level keys the rules care about. */
export function collectAnchors(workflow: Workflow): HoverAnchor[] {
  const anchors: HoverAnchor[] = [];
  const add = (pair: Pair<Node, Node | null> | undefined, key: string) => {
    const range = pair ? nodeRange(workflow.file, pair.key) : undefined;
    if (!range) return;
    for (const spec of ANCHORS[key] ?? []) anchors.push({ range, concern: spec.concern, ruleIds: [...spec.ruleIds] });
  };
  for (const key of WORKFLOW_KEYS) add(findPair(workflow.root, key), key);
  for (const job of workflow.jobs) {
    for (const key of JOB_KEYS) add(findPair(job.map, key), key);
    for (const step of job.steps) for (const key of STEP_KEYS) add(findPair(step.map, key), key);
  }
  return anchors;
}
