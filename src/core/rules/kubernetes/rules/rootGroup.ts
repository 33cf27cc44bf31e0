import type { RawFinding } from '../../types';
import { nodeRange } from '../../yaml/yamlSupport';
import { defineRule } from '../../engine/ruleModule';
import { describe, everyContainer } from '../manifestModel';
import { effectiveSecurityValue } from '../securityContext';
import { workloadAnchors } from '../anchorPlaces';

/**
 * k8s/root-group: `runAsGroup: 0` runs the process in the root group, so it can read and write every
 * file the image (and any volume) leaves group-writable for root — non-root in name only. Read on
 * the container, else the pod; reported where it is written, once per container.
 */
export const rule = defineRule('kubernetes', {
  ruleId: 'k8s/root-group',
  anchors: (manifests) => workloadAnchors(manifests, 'pod.securityContext', 'container.securityContext'),
  detect(manifests) {
    const findings: RawFinding[] = [];
    const reported = new Set<unknown>();
    for (const workload of manifests.workloads) {
      for (const container of everyContainer(workload)) {
        const group = effectiveSecurityValue(workload, container, 'runAsGroup');
        const range = nodeRange(manifests.file, group?.pair.value);
        // A pod-level setting several containers inherit is one finding, where it is written.
        if (!group || Number(group.value) !== 0 || !range || reported.has(group.pair)) continue;
        reported.add(group.pair);
        findings.push({
          ruleId: this.ruleId,
          range,
          message: `${describe(workload.object)} runs ${container.name ? `container "${container.name}"` : 'a container'} in the root group (runAsGroup: 0): it can use every file root's group may.`,
        });
      }
    }
    return findings;
  },
});
