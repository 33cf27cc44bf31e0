import type { RawFinding } from '../../types';
import { findPair, getValue, keyRange } from '../../yaml/yamlSupport';
import { defineRule } from '../../engine/ruleModule';
import { describe } from '../manifestModel';
import { replicaFloor } from '../replicas';
import { workloadAnchors } from '../anchorPlaces';
import { inConcern } from '../../engine/ruleAnchors';

/**
 * k8s/pod-anti-affinity: replicas of one workload must not share a node or a
 * zone, or one failure takes them all. Pod anti-affinity or topology spread
 * constraints both count.
 */
export const rule = defineRule('kubernetes', {
  ruleId: 'k8s/pod-anti-affinity',
  anchors: (manifests) => inConcern('scalability', workloadAnchors(manifests, 'spec.replicas')),
  detect(manifests) {
    const findings: RawFinding[] = [];
    for (const workload of manifests.workloads) {
      const floor = replicaFloor(manifests, workload);
      if (!floor || floor.count < 2) continue;
      if (findPair(getValue(workload.podSpec, 'affinity'), 'podAntiAffinity') || findPair(workload.podSpec, 'topologySpreadConstraints'))
        continue;
      const range = keyRange(manifests.file, workload.podSpecPair);
      if (!range) continue;
      findings.push({
        ruleId: this.ruleId,
        range,
        message: `The replicas of ${describe(workload.object)} may all land on one node or zone: add topologySpreadConstraints or pod anti-affinity.`,
      });
    }
    return findings;
  },
});
