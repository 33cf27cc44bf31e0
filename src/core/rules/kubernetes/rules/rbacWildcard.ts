import type { RawFinding } from '../../types';
import { nodeRange } from '../../yaml/yamlSupport';
import { defineRule } from '../../engine/ruleModule';
import { describe } from '../manifestModel';
import { policyRules, reachesBuiltinResources } from '../rbac';

/**
 * k8s/rbac-wildcard: `*` in a Role's or ClusterRole's verbs or resources grants rights nobody listed,
 * including on resources and verbs added later (CRDs, new API versions). Rules limited to an operator's
 * own API group are left alone (see rbac.ts). One finding per wildcard item.
 */
export const rule = defineRule('kubernetes', {
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
});
