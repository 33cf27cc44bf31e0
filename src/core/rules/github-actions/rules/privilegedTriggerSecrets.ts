import { isMap, isScalar, isSeq } from 'yaml';
import { throughAlias } from '../../yaml/aliasTargets';
import type { Node, Scalar } from 'yaml';
import type { RawFinding } from '../../types';
import { findPair, getValue, scalarString } from '../../yaml/yamlSupport';
import { findingAt, findingOn } from '../../ci/findings';
import { privilegedTrigger } from '../checkoutSteps';
import type { Workflow, WorkflowJob } from '../workflow';
import { defineRule } from '../../engine/ruleModule';

const RULE_ID = 'gha/privileged-trigger-secrets';

/**
 * Job conditions that keep forks out: the job then runs only for the repository's own branches
 * (`head.repo.full_name == github.repository`, `head.repo.fork == false`), or only after a push
 * (`workflow_run.event == 'push'`, which a fork cannot make in this repository).
 */
const FORK_GUARDS = [
  'head.repo.full_name',
  'head.repo.fork',
  'head_repository.full_name',
  'head_repository.fork',
  "event == 'push'",
  "event_name == 'push'",
];

/**
 * gha/privileged-trigger-secrets: a `pull_request_target` or `workflow_run`
 * job reads a repository secret (anything but `GITHUB_TOKEN`), passes them
 * all on (`secrets: inherit`), or may mint an OIDC token (`id-token: write`). Such a job starts for a fork's pull request with
 * the base repository's secrets, so everything it reads from the pull request
 * (titles, branch names, artifacts, a checked-out file) stands one mistake
 * away from them (zizmor's dangerous-triggers, narrowed to the jobs that hold
 * secrets). One finding per job, at its first secret. Silent for a job that
 * runs in an `environment:` (its secrets can wait for a reviewer's approval)
 * or whose `if:` keeps forks out.
 */
export function detectPrivilegedTriggerSecrets(workflow: Workflow): RawFinding[] {
  const trigger = privilegedTrigger(workflow);
  if (!trigger) return [];
  const findings: RawFinding[] = [];
  // A workflow-level `id-token: write` that several jobs inherit is one finding.
  const reported = new Set<Node>();
  for (const job of workflow.jobs) {
    if (findPair(job.map, 'environment') || keepsForksOut(job)) continue;
    const inherit = getValue(job.map, 'secrets');
    if (job.uses && isScalar(inherit) && scalarString(inherit)?.trim() === 'inherit') {
      const message = `Job "${job.id}" of this \`${trigger}\` workflow passes every secret on (\`secrets: inherit\`), and a fork's pull request starts it.`;
      findings.push(...findingOn(workflow.file, RULE_ID, inherit, message + ADVICE));
      continue;
    }
    const references = secretReferences(workflow, job.map);
    if (references.length === 0) {
      // `id-token: write` mints an OIDC token that cloud providers trade for credentials: a secret by another name.
      const oidc = idTokenWrite(job) ?? (findPair(job.map, 'permissions') ? undefined : idTokenWrite(workflow));
      if (oidc && !reported.has(oidc)) {
        reported.add(oidc);
        const message = `Job "${job.id}" of this \`${trigger}\` workflow can mint an OIDC token (\`id-token: write\`) that cloud providers trade for credentials, and a fork's pull request starts it.`;
        findings.push(...findingOn(workflow.file, RULE_ID, oidc, message + ADVICE));
      }
      continue;
    }
    const names = [...new Set(references.map((reference) => reference.name))];
    const first = references[0];
    const message = `Job "${job.id}" of this \`${trigger}\` workflow reads ${names.map((name) => `\`secrets.${name}\``).join(', ')}, and a fork's pull request starts it.`;
    findings.push(findingAt(workflow.file, RULE_ID, first.offset, first.length, message + ADVICE));
  }
  return findings;
}

const ADVICE =
  ' Anything the job reads from the pull request is then one mistake away from them: run it in an `environment:` with required reviewers, or only for branches of this repository.';

/** The `id-token: write` value of a job's (or the workflow's) `permissions:` map, if it grants one. */
function idTokenWrite(owner: WorkflowJob | Workflow): Node | undefined {
  const map = 'root' in owner ? owner.root : owner.map;
  const permissions = getValue(map, 'permissions');
  const value = isMap(permissions) ? getValue(permissions, 'id-token') : undefined;
  return isScalar(value) && scalarString(value)?.trim() === 'write' ? value : undefined;
}

function keepsForksOut(job: WorkflowJob): boolean {
  const condition = scalarString(findPair(job.map, 'if')?.value);
  if (condition === undefined) return false;
  const normalized = condition.replaceAll('"', "'");
  return FORK_GUARDS.some((guard) => normalized.includes(guard));
}

interface SecretReference {
  name: string;
  offset: number;
  length: number;
}

/** `secrets.NAME` inside `${{ … }}` in any scalar under `node`, in file order, `GITHUB_TOKEN` left out. */
function secretReferences(workflow: Workflow, node: Node | null | undefined): SecretReference[] {
  const found: SecretReference[] = [];
  visitScalars(node, (scalar) => {
    if (!scalar.range) return;
    const source = workflow.file.text.slice(scalar.range[0], scalar.range[1]);
    for (let open = source.indexOf('${{'); open >= 0; open = source.indexOf('${{', open + 3)) {
      const close = source.indexOf('}}', open + 3);
      if (close < 0) break;
      const expression = source.slice(open + 3, close);
      for (let at = expression.indexOf('secrets.'); at >= 0; at = expression.indexOf('secrets.', at + 8)) {
        if (at > 0 && isNamePart(expression[at - 1])) continue;
        let end = at + 8;
        while (end < expression.length && isNamePart(expression[end]) && expression[end] !== '.') end++;
        const name = expression.slice(at + 8, end);
        if (name === '' || name.toUpperCase() === 'GITHUB_TOKEN') continue;
        found.push({ name, offset: scalar.range[0] + open + 3 + at, length: end - at });
      }
    }
  });
  return found.sort((a, b) => a.offset - b.offset);
}

function isNamePart(character: string): boolean {
  const code = character.charCodeAt(0);
  return (
    character === '_' ||
    character === '-' ||
    character === '.' ||
    (code >= 48 && code <= 57) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122)
  );
}

function visitScalars(given: unknown, visit: (scalar: Scalar) => void, depth = 0): void {
  const node = throughAlias(given);
  if (depth > 50 || node === null || typeof node !== 'object') return;
  if (isScalar(node)) {
    if (typeof node.value === 'string') visit(node);
    return;
  }
  if (!isMap(node) && !isSeq(node)) return;
  for (const item of node.items as unknown[]) {
    if (item && typeof item === 'object' && 'key' in item && 'value' in item)
      visitScalars((item as { value: unknown }).value, visit, depth + 1);
    else visitScalars(item, visit, depth + 1);
  }
}

export const rule = defineRule('github-actions', { ruleId: RULE_ID, detect: detectPrivilegedTriggerSecrets });
