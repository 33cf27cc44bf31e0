import type { RawFinding } from '../../types';
import { getValue, keyRange, nodeRange } from '../../yaml/yamlSupport';
import { defineRule } from '../../engine/ruleModule';
import { describe } from '../manifestModel';
import { workloadAnchors } from '../anchorPlaces';

/**
 * k8s/default-namespace: workloads in `default` share it with everything else
 * deployed without thought, so RBAC and quotas cannot be scoped to them.
 * Flags an explicit `namespace: default`, or `metadata` without a namespace.
 */
export const rule = defineRule('kubernetes', {
  ruleId: 'k8s/default-namespace',
  anchors: (manifests) => workloadAnchors(manifests, 'metadata.namespace'),
  detect(manifests) {
    const findings: RawFinding[] = [];
    for (const workload of manifests.workloads) {
      const object = workload.object;
      if (object.namespace !== undefined && object.namespace !== 'default') continue;
      const range =
        object.namespace === 'default'
          ? nodeRange(manifests.file, getValue(object.metadata, 'namespace'))
          : (object.metadataPair && keyRange(manifests.file, object.metadataPair)) || nodeRange(manifests.file, object.kindNode);
      if (!range) continue;
      findings.push({
        ruleId: this.ruleId,
        range,
        message:
          object.namespace === 'default'
            ? `${describe(object)} is deployed to the \`default\` namespace: RBAC and quotas cannot be scoped to it.`
            : `${describe(object)} sets no namespace: it lands in \`default\` unless kubectl -n or kustomize sets one.`,
      });
    }
    return findings;
  },
});
