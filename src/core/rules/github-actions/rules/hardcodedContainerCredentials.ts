import type { Node } from 'yaml';
import { isHardCodedSecret } from '../../secretLike';
import type { RawFinding } from '../../types';
import { findPair, getPath, mapEntries, scalarString } from '../../yaml/yamlSupport';
import { findingOn } from '../../ci/findings';
import type { Workflow } from '../workflow';
import { defineRule } from '../../engine/ruleModule';

/**
 * gha/hardcoded-container-credentials: a literal registry password for the job
 * container or a service container, or a secret-like literal in the job
 * container's `env:`.
 *
 * Service containers' `env:` is deliberately not read: `POSTGRES_PASSWORD: postgres`
 * configures a throwaway database that lives for one job on the runner, and
 * flagging it is the kind of noise that makes teams turn linters off.
 */
export function detectHardcodedContainerCredentials(workflow: Workflow): RawFinding[] {
  const { file } = workflow;
  const findings: RawFinding[] = [];
  const report = (node: Node | null | undefined, message: string) =>
    findings.push(...findingOn(file, 'gha/hardcoded-container-credentials', node, message));
  for (const job of workflow.jobs) {
    const container = findPair(job.map, 'container')?.value;
    const services = mapEntries(findPair(job.map, 'services')?.value).map(([name, pair]) => ({ name, map: pair.value }));
    for (const { name, map } of [{ name: 'container', map: container }, ...services]) {
      const password = getPath(map, ['credentials', 'password']);
      if (isHardCodedSecret('password', scalarString(password))) {
        report(password, `The registry password of \`${name}\` in job \`${job.id}\` is written in the workflow.`);
      }
    }
    for (const [variable, pair] of mapEntries(findPair(container, 'env')?.value)) {
      if (isHardCodedSecret(variable, scalarString(pair.value))) {
        report(pair.value, `\`${variable}\` of job \`${job.id}\`'s container holds a literal secret.`);
      }
    }
  }
  return findings;
}

export const rule = defineRule('github-actions', {
  ruleId: 'gha/hardcoded-container-credentials',
  detect: detectHardcodedContainerCredentials,
});
