import { nodeRange } from '../../yaml/yamlSupport';
import { defineRule } from '../../engine/ruleModule';
import { workloadAnchors } from '../anchorPlaces';
import { inConcern } from '../../engine/ruleAnchors';

/**
 * k8s/network-policy: file-level. A file that defines workloads and no
 * NetworkPolicy leaves its pods open to every other pod in the cluster —
 * unless a policy lives in another file, which this rule cannot see.
 */
export const rule = defineRule('kubernetes', {
  ruleId: 'k8s/network-policy',
  anchors: (manifests) => inConcern('scalability', workloadAnchors(manifests, 'kind')),
  detect(manifests) {
    const first = manifests.workloads[0];
    if (!first || manifests.objects.some((object) => object.kind === 'NetworkPolicy')) return [];
    const range = nodeRange(manifests.file, first.object.kindNode);
    if (!range) return [];
    const count = manifests.workloads.length;
    const message = `This file defines ${count} workload${count === 1 ? '' : 's'} and no NetworkPolicy: every pod in the cluster can reach them (ignore this if policies live in another file).`;
    return [{ ruleId: this.ruleId, range, message }];
  },
});
