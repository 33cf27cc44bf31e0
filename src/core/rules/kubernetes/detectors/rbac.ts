import type { RawFinding } from '../../types';
import { nodeRange } from '../../yaml/yamlSupport';
import type { KubernetesDetector } from '../detector';
import { describe } from '../manifestModel';
import { bindingOf, policyRules, reachesBuiltinResources } from '../rbac';

/**
 * k8s/cluster-admin-binding: a binding to the `cluster-admin` ClusterRole gives its subjects every
 * right on every object (in a RoleBinding: on every object of the namespace, Secrets and RBAC included).
 * Reported on the role name.
 */
export const clusterAdminBindingDetector: KubernetesDetector = {
  ruleId: 'k8s/cluster-admin-binding',
  detect(manifests) {
    const findings: RawFinding[] = [];
    for (const object of manifests.objects) {
      const binding = bindingOf(object);
      const range = nodeRange(manifests.file, binding?.roleNameNode);
      if (!binding || binding.roleName !== 'cluster-admin' || binding.roleKind !== 'ClusterRole' || !range) continue;
      findings.push({
        ruleId: this.ruleId,
        range,
        message: `${describe(object)} grants cluster-admin: its subjects can do anything ${object.kind === 'RoleBinding' ? 'in the namespace, Secrets and RBAC included' : 'to every object of the cluster'}.`,
      });
    }
    return findings;
  },
};

/**
 * k8s/rbac-wildcard: `*` in a Role's or ClusterRole's verbs or resources grants rights nobody listed,
 * including on resources and verbs added later (CRDs, new API versions). Rules limited to an operator's
 * own API group are left alone (see rbac.ts). One finding per wildcard item.
 */
export const rbacWildcardDetector: KubernetesDetector = {
  ruleId: 'k8s/rbac-wildcard',
  detect(manifests) {
    const findings: RawFinding[] = [];
    for (const object of manifests.objects) {
      for (const rule of policyRules(object)) {
        if (!reachesBuiltinResources(rule)) continue;
        for (const [field, list] of [
          ['verbs', rule.verbs],
          ['resources', rule.resources],
        ] as const) {
          for (const item of list) {
            const range = nodeRange(manifests.file, item.node);
            if (item.value !== '*' || !range) continue;
            findings.push({
              ruleId: this.ruleId,
              range,
              message: `${describe(object)} grants "*" ${field}: ${field === 'verbs' ? 'every action, escalate and impersonate included' : 'every resource of its API groups, including those added later'}; list what the subject needs.`,
            });
          }
        }
      }
    }
    return findings;
  },
};

/** Verbs that read Secrets' contents (`watch` and `list` return them whole). */
const READ_VERBS = new Set(['get', 'list', 'watch', '*']);

/**
 * k8s/secrets-access: a Role or ClusterRole that reads `secrets` without `resourceNames` reads every
 * Secret of the namespace (of the cluster, for a ClusterRole bound cluster-wide): each of their
 * credentials, service-account tokens included. A rule limited by `resourceNames` is quiet.
 */
export const secretsAccessDetector: KubernetesDetector = {
  ruleId: 'k8s/secrets-access',
  detect(manifests) {
    const findings: RawFinding[] = [];
    for (const object of manifests.objects) {
      for (const rule of policyRules(object)) {
        if (rule.hasResourceNames || !rule.apiGroups.some((group) => group === '' || group === '*')) continue;
        const verbs = rule.verbs.filter((verb) => READ_VERBS.has(verb.value)).map((verb) => verb.value);
        const secrets = rule.resources.find((resource) => resource.value === 'secrets');
        const range = nodeRange(manifests.file, secrets?.node);
        if (verbs.length === 0 || !range) continue;
        findings.push({
          ruleId: this.ruleId,
          range,
          message: `${describe(object)} can ${verbs.join('/')} every Secret ${object.kind === 'ClusterRole' ? 'of the cluster (or of the namespace it is bound in)' : 'of its namespace'}: limit it with resourceNames, or mount the one Secret it needs.`,
        });
      }
    }
    return findings;
  },
};
