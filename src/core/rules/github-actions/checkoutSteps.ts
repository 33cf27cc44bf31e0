import type { Node } from 'yaml';
import { findPair, scalarString } from '../yaml/yamlSupport';
import { isCheckoutStep } from './workflow';
import type { Workflow, WorkflowStep } from './workflow';

/** Triggers that run with the base repository's secrets and a write token even for forks' pull requests. */
export const PRIVILEGED_TRIGGERS = ['pull_request_target', 'workflow_run'];

/** Expressions that name the pull request's own code rather than the base branch. */
export const PULL_REQUEST_HEAD =
  /github\.event\.pull_request\.head\.(?:sha|ref|repo\.full_name)|github\.head_ref|github\.event\.workflow_run\.head_(?:sha|branch|repository\.full_name)|refs\/pull\//;

export const GH_PR_CHECKOUT = /\bgh\s+pr\s+checkout\b/g;
export const GIT_FETCH = /\bgit\s+(?:checkout|fetch|switch|pull)\b/;
export const HEAD_IN_EXPRESSION = /pull_request\.head|head_ref|workflow_run\.head/;

/**
 * Shell commands that fetch a pull request's head, as [offset, length] in
 * `source`: `gh pr checkout`, or `git checkout|fetch|switch|pull` with a
 * `${{ … }}` naming the head (or `refs/pull/`) later on its line, up to the
 * last such reference. Read line by line with plain scans: as one regex
 * (`git … [^\n]* \$\{\{[^}]* … [^}]*\}\}`) a long line made it quadratic.
 */
export function shellCheckouts(source: string): Array<[number, number]> {
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
export function lastHeadReferenceEnd(line: string, from: number): number {
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
export function privilegedTrigger(workflow: Workflow): string | undefined {
  return PRIVILEGED_TRIGGERS.find((name) => workflow.triggers.has(name));
}

/**
 * In a privileged workflow, the `with:` value by which a checkout step checks
 * out the pull request's head: `ref:` when it names it, else `repository:`.
 */
export function privilegedHeadReference(workflow: Workflow, step: WorkflowStep): Node | undefined {
  if (!privilegedTrigger(workflow) || !isCheckoutStep(step)) return undefined;
  const withMap = findPair(step.map, 'with')?.value;
  for (const key of ['ref', 'repository']) {
    const value = findPair(withMap, key)?.value;
    if (value && PULL_REQUEST_HEAD.test(scalarString(value) ?? '')) return value;
  }
  return undefined;
}
