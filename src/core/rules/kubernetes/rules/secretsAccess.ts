import type { RawFinding } from '../../types';
import { nodeRange } from '../../yaml/yamlSupport';
import { defineRule } from '../../engine/ruleModule';
import { describe } from '../manifestModel';
import { policyRules } from '../rbac';

/** Verbs that read Secrets' contents (`watch` and `list` return them whole). */
const READ_VERBS = new Set(['get', 'list', 'watch', '*']);

/**
 * k8s/secrets-access: a Role or ClusterRole that reads `secrets` without `resourceNames` reads every
 * Secret of the namespace (of the cluster, for a ClusterRole bound cluster-wide): each of their
 * credentials, service-account tokens included. A rule limited by `resourceNames` is quiet.
 */
export const rule = defineRule('kubernetes', {
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
});
