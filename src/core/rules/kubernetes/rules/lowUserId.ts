import type { RawFinding } from '../../types';
import { nodeRange } from '../../yaml/yamlSupport';
import { defineRule } from '../../engine/ruleModule';
import { describe, everyContainer } from '../manifestModel';
import { effectiveSecurityValue } from '../securityContext';
import { workloadAnchors } from '../anchorPlaces';

/** kube-score's and Checkov's threshold: IDs from 10000 up stay clear of the node's own users and groups. */
const HIGH_ID = 10000;

/**
 * k8s/low-user-id: a `runAsUser` or `runAsGroup` below 10000 can be the same number as a user or group
 * of the node: a process that escapes the container then holds that user's files and rights. Root (0)
 * is the other rules' (run-as-non-root, root-group). Only written IDs are judged: an image's own USER
 * is not known here.
 */
export const rule = defineRule('kubernetes', {
  ruleId: 'k8s/low-user-id',
  anchors: (manifests) => workloadAnchors(manifests, 'pod.securityContext', 'container.securityContext'),
  detect(manifests) {
    const findings: RawFinding[] = [];
    const reported = new Set<unknown>();
    for (const workload of manifests.workloads) {
      for (const container of everyContainer(workload)) {
        const low = ['runAsUser', 'runAsGroup'].flatMap((key) => {
          const setting = effectiveSecurityValue(workload, container, key);
          const id = Number(setting?.value);
          return setting && Number.isInteger(id) && id > 0 && id < HIGH_ID && !reported.has(setting.pair) ? [{ key, id, setting }] : [];
        });
        // The user and the group a securityContext sets are one decision: one finding, on the first written.
        const range = low.length > 0 ? nodeRange(manifests.file, low[0].setting.pair.value) : undefined;
        if (!range) continue;
        for (const { setting } of low) reported.add(setting.pair);
        findings.push({
          ruleId: this.ruleId,
          range,
          message: `${describe(workload.object)} runs ${container.name ? `container "${container.name}"` : 'a container'} with ${low.map(({ key, id }) => `${key}: ${id}`).join(' and ')}, below ${HIGH_ID}: an ID the node may also use for one of its own users or groups.`,
        });
      }
    }
    return findings;
  },
});
