import type { RawFinding } from '../../types';
import { insertEntries, replaceValue } from '../../yaml/yamlEdits';
import { findPair, getValue, nodeRange, scalarString } from '../../yaml/yamlSupport';
import { defineRule } from '../../engine/ruleModule';
import { fixOf } from '../../compose/fix';
import type { ManifestFile } from '../manifestModel';
import { describe, sameNamespace } from '../manifestModel';
import { bindingOf } from '../rbac';
import { serviceAccountOf } from '../serviceAccounts';

/** Pod annotations of agents that log in with the pod's token (Vault's Kubernetes auth reads it). */
const TOKEN_USERS = ['vault.hashicorp.com/agent-inject'];

/**
 * k8s/service-account-token: a pod with its own ServiceAccount keeps the account's API token mounted
 * although nothing grants the account a role — a heuristic for "this pod never calls the API": the token
 * then only serves an intruder (discovery, and whatever the cluster grants every account). Quiet when a
 * RoleBinding or ClusterRoleBinding names the account (here, or anywhere in the workspace: the deployment
 * model's judge looks), when the pod or the file's ServiceAccount turns the token off, or when Vault's agent
 * logs in with it. Pods on `default` are k8s/default-service-account's.
 */
export const rule = defineRule('kubernetes', {
  ruleId: 'k8s/service-account-token',
  detect(manifests) {
    const findings: RawFinding[] = [];
    for (const workload of manifests.workloads) {
      const account = serviceAccountOf(workload);
      const automount = findPair(workload.podSpec, 'automountServiceAccountToken');
      if (account.name === 'default' || !account.node || scalarString(automount?.value) === 'false') continue;
      if (TOKEN_USERS.some((key) => workload.podAnnotations.get(key) === 'true')) continue;
      if (usedInFile(manifests, account.name, workload.object)) continue;
      const range = nodeRange(manifests.file, account.node);
      if (!range) continue;
      findings.push({
        ruleId: this.ruleId,
        range,
        message: `${describe(workload.object)} mounts the token of ServiceAccount "${account.name}", which no RoleBinding in the workspace grants anything: if it never calls the API, the token only serves an intruder.`,
        fix: fixOf('Set automountServiceAccountToken: false', () =>
          automount
            ? replaceValue(manifests.file, workload.podSpec, 'automountServiceAccountToken', 'false')
            : insertEntries(
                manifests.file,
                workload.podSpec,
                { automountServiceAccountToken: 'false' },
                { after: ['serviceAccountName', 'serviceAccount'] },
              ),
        ),
      });
    }
    return findings;
  },
});

/** A binding in the file grants the account a role, or the file's ServiceAccount object turns its token off. */
function usedInFile(manifests: ManifestFile, name: string, owner: ManifestFile['objects'][number]): boolean {
  return manifests.objects.some((object) => {
    if (object.kind === 'ServiceAccount')
      return (
        object.name === name &&
        sameNamespace(object, owner) &&
        scalarString(getValue(object.map, 'automountServiceAccountToken')) === 'false'
      );
    const binding = bindingOf(object);
    return (
      binding?.serviceAccounts.some(
        (account) =>
          account.name === name &&
          (account.namespace === undefined || owner.namespace === undefined || account.namespace === owner.namespace),
      ) ?? false
    );
  });
}
