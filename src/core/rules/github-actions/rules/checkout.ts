import { findPair, getPath, scalarString } from '../../yaml/yamlSupport';
import { insertAtPath } from '../../yaml/yamlEdits';
import type { RawFinding } from '../../types';
import { findingAt, findingOn } from '../../ci/findings';
import { isCheckoutStep, runSteps } from '../workflow';
import type { Workflow } from '../workflow';

/**
 * gha/checkout-persist-credentials: `actions/checkout` leaves the token in
 * `.git/config` unless told otherwise. An explicit `persist-credentials:` of any
 * value is a decision (a job that pushes needs `true`) and is respected.
 */
export function detectCheckoutPersistedCredentials(workflow: Workflow): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const job of workflow.jobs) {
    for (const step of job.steps) {
      if (!isCheckoutStep(step) || getPath(step.map, ['with', 'persist-credentials']) !== undefined) continue;
      findings.push(
        ...findingOn(workflow.file, 'gha/checkout-persist-credentials', step.uses, undefined, {
          title: 'Add `persist-credentials: false`',
          edits: insertAtPath(workflow.file, step.map, ['with'], { 'persist-credentials': 'false' }, { after: 'uses' }),
        }),
      );
    }
  }
  return findings;
}

/** Triggers that run with the base repository's secrets and a write token even for forks' pull requests. */
const PRIVILEGED_TRIGGERS = ['pull_request_target', 'workflow_run'];

/** Expressions that name the pull request's own code rather than the base branch. */
const PULL_REQUEST_HEAD =
  /github\.event\.pull_request\.head\.(?:sha|ref|repo\.full_name)|github\.head_ref|github\.event\.workflow_run\.head_(?:sha|branch|repository\.full_name)|refs\/pull\//;

/** Shell commands that fetch a pull request's head. */
const SHELL_CHECKOUT = /\bgh\s+pr\s+checkout\b|\bgit\s+(?:checkout|fetch|switch|pull)\b[^\n]*(?:\$\{\{[^}]*(?:pull_request\.head|head_ref|workflow_run\.head)[^}]*\}\}|refs\/pull\/)/g;

/**
 * gha/pr-target-checkout-head: a `pull_request_target` or `workflow_run` workflow
 * that checks out the pull request's head, by `actions/checkout` `ref:`/`repository:`
 * or by `git`/`gh` in a script.
 */
export function detectPrivilegedCheckoutOfPullRequest(workflow: Workflow): RawFinding[] {
  const trigger = PRIVILEGED_TRIGGERS.find((name) => workflow.triggers.has(name));
  if (!trigger) return [];
  const { file } = workflow;
  const message = `This \`${trigger}\` workflow checks out the pull request's code and runs it with the base repository's secrets and write token.`;
  const findings: RawFinding[] = [];
  for (const job of workflow.jobs) {
    for (const step of job.steps) {
      if (!isCheckoutStep(step)) continue;
      const withMap = findPair(step.map, 'with')?.value;
      for (const key of ['ref', 'repository']) {
        const value = findPair(withMap, key)?.value;
        if (PULL_REQUEST_HEAD.test(scalarString(value) ?? '')) findings.push(...findingOn(file, 'gha/pr-target-checkout-head', value, message));
      }
    }
  }
  for (const { run } of runSteps(workflow)) {
    if (!run.range) continue;
    const source = file.text.slice(run.range[0], run.range[1]);
    SHELL_CHECKOUT.lastIndex = 0;
    for (let match = SHELL_CHECKOUT.exec(source); match; match = SHELL_CHECKOUT.exec(source)) {
      findings.push(findingAt(file, 'gha/pr-target-checkout-head', run.range[0] + match.index, match[0].length, message));
    }
  }
  return findings;
}
