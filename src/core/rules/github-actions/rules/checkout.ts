import type { Node } from 'yaml';
import { findPair, getPath, scalarString } from '../../yaml/yamlSupport';
import { insertAtPath } from '../../yaml/yamlEdits';
import type { RawFinding } from '../../types';
import { findingAt, findingOn } from '../../ci/findings';
import { isCheckoutStep, runSteps } from '../workflow';
import type { Workflow, WorkflowStep } from '../workflow';

/**
 * gha/checkout-persist-credentials: `actions/checkout` leaves the token in
 * `.git/config` unless told otherwise. An explicit `persist-credentials:` of any
 * value is a decision (a job that pushes needs `true`) and is respected.
 *
 * One checkout step is one finding: a step that checks out a pull request's
 * head in a privileged workflow is reported by gha/pr-target-checkout-head,
 * whose message says the token is left there too. That is the same root cause
 * (untrusted code next to the token) with one fix (do not check the head out
 * there), and its rule is due from an earlier stage than this one.
 */
export function detectCheckoutPersistedCredentials(workflow: Workflow): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const job of workflow.jobs) {
    for (const step of job.steps) {
      if (!isCheckoutStep(step) || getPath(step.map, ['with', 'persist-credentials']) !== undefined) continue;
      if (privilegedHeadReference(workflow, step)) continue;
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

const GH_PR_CHECKOUT = /\bgh\s+pr\s+checkout\b/g;
const GIT_FETCH = /\bgit\s+(?:checkout|fetch|switch|pull)\b/;
const HEAD_IN_EXPRESSION = /pull_request\.head|head_ref|workflow_run\.head/;

/**
 * Shell commands that fetch a pull request's head, as [offset, length] in
 * `source`: `gh pr checkout`, or `git checkout|fetch|switch|pull` with a
 * `${{ … }}` naming the head (or `refs/pull/`) later on its line, up to the
 * last such reference. Read line by line with plain scans: as one regex
 * (`git … [^\n]* \$\{\{[^}]* … [^}]*\}\}`) a long line made it quadratic.
 */
function shellCheckouts(source: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  let lineStart = 0;
  for (const line of source.split('\n')) {
    const git = GIT_FETCH.exec(line);
    const end = git ? lastHeadReferenceEnd(line, git.index + git[0].length) : -1;
    if (git && end > 0) found.push([lineStart + git.index, end - git.index]);
    for (const gh of line.matchAll(GH_PR_CHECKOUT)) {
      if (!git || end < 0 || gh.index < git.index || gh.index >= end) found.push([lineStart + gh.index, gh[0].length]);
    }
    lineStart += line.length + 1;
  }
  return found.sort((a, b) => a[0] - b[0]);
}

/** End offset of the last `${{ … }}` naming the head (no "}" inside) or `refs/pull/` after `from`; -1 when none. */
function lastHeadReferenceEnd(line: string, from: number): number {
  let end = -1;
  const refs = line.lastIndexOf('refs/pull/');
  if (refs >= from) end = refs + 'refs/pull/'.length;
  let close = -1;
  for (let open = line.indexOf('${{', from); open >= 0; open = line.indexOf('${{', open + 1)) {
    if (close < open + 3) close = line.indexOf('}', open + 3);
    if (close < 0) break; // no "}" later on the line: no later expression closes either
    if (line[close + 1] === '}' && HEAD_IN_EXPRESSION.test(line.slice(open + 3, close))) end = Math.max(end, close + 2);
  }
  return end;
}

/** The trigger that makes a workflow privileged for pull requests from forks, if any. */
function privilegedTrigger(workflow: Workflow): string | undefined {
  return PRIVILEGED_TRIGGERS.find((name) => workflow.triggers.has(name));
}

/**
 * In a privileged workflow, the `with:` value by which a checkout step checks
 * out the pull request's head: `ref:` when it names it, else `repository:`.
 */
function privilegedHeadReference(workflow: Workflow, step: WorkflowStep): Node | undefined {
  if (!privilegedTrigger(workflow) || !isCheckoutStep(step)) return undefined;
  const withMap = findPair(step.map, 'with')?.value;
  for (const key of ['ref', 'repository']) {
    const value = findPair(withMap, key)?.value;
    if (value && PULL_REQUEST_HEAD.test(scalarString(value) ?? '')) return value;
  }
  return undefined;
}

/**
 * gha/pr-target-checkout-head: a `pull_request_target` or `workflow_run` workflow
 * that checks out the pull request's head, by `actions/checkout` `ref:`/`repository:`
 * or by `git`/`gh` in a script. One finding per step: a checkout step naming the
 * head in both `ref:` and `repository:`, or a script that fetches it and then
 * switches to it, is one checkout (reported at its first place).
 */
export function detectPrivilegedCheckoutOfPullRequest(workflow: Workflow): RawFinding[] {
  const trigger = privilegedTrigger(workflow);
  if (!trigger) return [];
  const { file } = workflow;
  const message = `This \`${trigger}\` workflow checks out the pull request's code and runs it with the base repository's secrets and write token.`;
  const findings: RawFinding[] = [];
  for (const job of workflow.jobs) {
    for (const step of job.steps) {
      const head = privilegedHeadReference(workflow, step);
      if (!head) continue;
      // The same step's gha/checkout-persist-credentials is folded in here: one checkout step, one finding.
      const persisted = getPath(step.map, ['with', 'persist-credentials']) === undefined;
      const also = persisted ? ' `actions/checkout` also leaves that token in `.git/config`, where the checked-out code can read it.' : '';
      findings.push(...findingOn(file, 'gha/pr-target-checkout-head', head, message + also));
    }
  }
  for (const { run } of runSteps(workflow)) {
    if (!run.range) continue;
    const source = file.text.slice(run.range[0], run.range[1]);
    const [first] = shellCheckouts(source);
    if (first) findings.push(findingAt(file, 'gha/pr-target-checkout-head', run.range[0] + first[0], first[1], message));
  }
  return findings;
}
