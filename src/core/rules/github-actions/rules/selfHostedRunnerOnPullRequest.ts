import { isMap, isScalar, isSeq } from 'yaml';
import { throughAlias } from '../../yaml/aliasTargets';
import type { Node } from 'yaml';
import type { RawFinding } from '../../types';
import { getPath, getValue, scalarString, seqItems } from '../../yaml/yamlSupport';
import { findingOn } from '../../ci/findings';
import type { Workflow } from '../workflow';
import { defineRule } from '../../engine/ruleModule';
import { workflowAnchors } from '../anchorPlaces';

const PULL_REQUEST_TRIGGERS = ['pull_request', 'pull_request_target'];

/**
 * gha/self-hosted-runner-on-pull-request: a job of a workflow pull requests
 * trigger runs on a `self-hosted` runner. On a public repository any fork's
 * pull request then runs its code on that machine, which keeps what it leaves
 * behind (a backdoored tool cache, a process that waits for the next job's
 * secrets). Read from the `runs-on:` labels (string, list, or `labels:`).
 */
export function detectSelfHostedRunnerOnPullRequest(workflow: Workflow): RawFinding[] {
  const trigger = PULL_REQUEST_TRIGGERS.find((name) => workflow.triggers.has(name));
  if (!trigger) return [];
  const findings: RawFinding[] = [];
  for (const job of workflow.jobs) {
    const runsOn = getValue(job.map, 'runs-on');
    const labels: Node[] = [];
    for (const candidate of [runsOn, ...seqItems(runsOn), getPath(runsOn, ['labels']), ...seqItems(getPath(runsOn, ['labels']))])
      if (isScalar(throughAlias(candidate))) labels.push(throughAlias(candidate) as Node);
    const selfHosted = labels.find((label) => scalarString(label)?.trim().toLowerCase() === 'self-hosted');
    if (!selfHosted || isMap(selfHosted) || isSeq(selfHosted)) continue;
    const message = `Job \`${job.id}\` runs on a self-hosted runner in a \`${trigger}\` workflow: on a public repository, any fork's pull request runs code on that machine.`;
    findings.push(...findingOn(workflow.file, 'gha/self-hosted-runner-on-pull-request', selfHosted, message));
  }
  return findings;
}

export const rule = defineRule('github-actions', {
  ruleId: 'gha/self-hosted-runner-on-pull-request',
  anchors: (workflow) => workflowAnchors(workflow, 'job.runs-on'),
  detect: detectSelfHostedRunnerOnPullRequest,
});
