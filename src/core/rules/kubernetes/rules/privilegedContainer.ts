import type { RawFinding } from '../../types';
import { defineRule } from '../../engine/ruleModule';
import { replaceValue } from '../../yaml/yamlEdits';
import { nodeRange } from '../../yaml/yamlSupport';
import { fixOf } from '../../compose/fix';
import { isPrivileged } from '../containerSettings';
import { describe, everyContainer } from '../manifestModel';
import { containerSecurityField, containerSecurityPair } from '../securityContext';
import { workloadAnchors } from '../anchorPlaces';

/** k8s/privileged-container: `privileged: true` gives the container every device and capability of the node. */
export const rule = defineRule('kubernetes', {
  ruleId: 'k8s/privileged-container',
  anchors: (manifests) => workloadAnchors(manifests, 'pod.securityContext', 'container.securityContext'),
  detect(manifests) {
    const findings: RawFinding[] = [];
    for (const workload of manifests.workloads) {
      for (const container of everyContainer(workload)) {
        const value = containerSecurityField(container, 'privileged')?.value;
        const range = nodeRange(manifests.file, value);
        if (!isPrivileged(container) || !range) continue;
        findings.push({
          ruleId: this.ruleId,
          range,
          message: `Container "${container.name ?? '?'}" of ${describe(workload.object)} is privileged: it has root access to the node's kernel and devices.`,
          fix: fixOf('Set privileged: false', () =>
            replaceValue(manifests.file, containerSecurityPair(container)?.value, 'privileged', 'false'),
          ),
        });
      }
    }
    return findings;
  },
});
