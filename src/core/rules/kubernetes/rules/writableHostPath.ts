import type { RawFinding } from '../../types';
import { insertEntries, replaceValue } from '../../yaml/yamlEdits';
import { findPair, getValue, nodeRange, scalarString } from '../../yaml/yamlSupport';
import { defineRule } from '../../engine/ruleModule';
import { fixOf } from '../../compose/fix';
import { hostPathVolumes, mountsOf, sensitiveHostPath } from '../hostPaths';
import { describe, everyContainer } from '../manifestModel';
import { workloadAnchors } from '../anchorPlaces';

/**
 * k8s/writable-host-path: any other `hostPath` mounted without `readOnly: true` lets the container
 * change the node's files (and plant what other pods or the node will run). One finding per writable
 * mount, on its `mountPath`; the fix adds `readOnly: true` to that mount. Sensitive paths are the other
 * rule's: one finding per root cause.
 */
export const rule = defineRule('kubernetes', {
  ruleId: 'k8s/writable-host-path',
  anchors: (manifests) => workloadAnchors(manifests, 'pod.volumes'),
  detect(manifests) {
    const findings: RawFinding[] = [];
    for (const workload of manifests.workloads) {
      const volumes = hostPathVolumes(workload).filter((volume) => !sensitiveHostPath(volume.path));
      if (volumes.length === 0) continue;
      for (const container of everyContainer(workload)) {
        for (const volume of volumes) {
          for (const mount of mountsOf(container, volume.name)) {
            if (scalarString(getValue(mount, 'readOnly')) === 'true') continue;
            const range = nodeRange(manifests.file, getValue(mount, 'mountPath') ?? getValue(mount, 'name'));
            if (!range) continue;
            findings.push({
              ruleId: this.ruleId,
              range,
              message: `Container "${container.name ?? '?'}" of ${describe(workload.object)} can write to the node's ${volume.path} (hostPath volume "${volume.name}" mounted without readOnly: true).`,
              fix: fixOf('Mount it readOnly: true', () =>
                findPair(mount, 'readOnly')
                  ? replaceValue(manifests.file, mount, 'readOnly', 'true')
                  : insertEntries(manifests.file, mount, { readOnly: 'true' }),
              ),
            });
          }
        }
      }
    }
    return findings;
  },
});
