import type { RawFinding } from '../../types';
import { replaceScalar } from '../../yaml/yamlEdits';
import { getValue, nodeRange, scalarString } from '../../yaml/yamlSupport';
import { defineRule } from '../../engine/ruleModule';
import { fixOf } from '../../compose/fix';
import { describe } from '../manifestModel';
import { removedApis } from '../removedApis';

/**
 * k8s/deprecated-api: an object written against an apiVersion the API server stopped serving for its
 * kind (`extensions/v1beta1` Deployment, `policy/v1beta1` PodSecurityPolicy…) is rejected by every
 * supported cluster. The table is data/kubernetes-apis.yml, dated; custom resources are never in it.
 * The fix rewrites `apiVersion:` only where the replacement reads the same fields.
 */
export const rule = defineRule('kubernetes', {
  ruleId: 'k8s/deprecated-api',
  detect(manifests) {
    const findings: RawFinding[] = [];
    for (const object of manifests.objects) {
      // Read on the first object: a file without any (a parse failure) needs no table.
      const table = removedApis();
      const versionNode = getValue(object.map, 'apiVersion');
      const removed = table.byVersionAndKind.get(`${scalarString(versionNode)} ${object.kind}`);
      const range = nodeRange(manifests.file, versionNode);
      if (!removed || !range) continue;
      findings.push({
        ruleId: this.ruleId,
        range,
        message: `${describe(object)} uses ${removed.apiVersion}, which Kubernetes ${removed.removedIn} stopped serving (as of ${table.asOf}): ${
          removed.replacement
            ? `use ${removed.replacement}${removed.sameSchema ? '' : ' (some fields moved)'}`
            : `the API is gone${removed.kind === 'PodSecurityPolicy' ? ': use Pod Security Admission labels on the namespace' : ''}`
        }.`,
        fix:
          removed.replacement && removed.sameSchema
            ? fixOf(`Use apiVersion ${removed.replacement}`, replaceScalar(manifests.file, versionNode, removed.replacement))
            : undefined,
      });
    }
    return findings;
  },
});
