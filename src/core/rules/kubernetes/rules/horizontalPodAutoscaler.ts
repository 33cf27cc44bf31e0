import type { RawFinding } from '../../types';
import { nodeRange } from '../../yaml/yamlSupport';
import { autoscalerFor } from '../autoscalers';
import { defineRule } from '../../engine/ruleModule';
import { describe, REPLICATED_KINDS } from '../manifestModel';
import { replicaFloor } from '../replicas';
import { workloadAnchors } from '../anchorPlaces';

/**
 * k8s/horizontal-pod-autoscaler: at scale, replica counts follow load. Only
 * this file is visible: an HPA kept elsewhere is not seen, and the message says so.
 */
export const rule = defineRule('kubernetes', {
  ruleId: 'k8s/horizontal-pod-autoscaler',
  anchors: (manifests) => workloadAnchors(manifests, 'kind', 'spec.replicas'),
  detect(manifests) {
    const findings: RawFinding[] = [];
    for (const workload of manifests.workloads) {
      if (!REPLICATED_KINDS.has(workload.object.kind) || autoscalerFor(manifests, workload)) continue;
      if (!replicaFloor(manifests, workload)) continue; // scaled to zero on purpose, or a count we cannot read
      const range = nodeRange(manifests.file, workload.object.kindNode);
      if (!range) continue;
      findings.push({
        ruleId: this.ruleId,
        range,
        message: `No HorizontalPodAutoscaler in this file targets ${describe(workload.object)}: its replica count stays fixed under changing load (ignore this if the HPA lives in another file).`,
      });
    }
    return findings;
  },
});
