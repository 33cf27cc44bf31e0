import type { RawFinding } from '../../types';
import { nodeRange } from '../../yaml/yamlSupport';
import { defineRule } from '../../engine/ruleModule';
import { describe } from '../manifestModel';
import { bindingOf } from '../rbac';

/**
 * k8s/cluster-admin-binding: a binding to the `cluster-admin` ClusterRole gives its subjects every
 * right on every object (in a RoleBinding: on every object of the namespace, Secrets and RBAC included).
 * Reported on the role name.
 */
export const rule = defineRule('kubernetes', {
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
});
