import type { RawFinding } from '../../types';
import { nodeRange } from '../../yaml/yamlSupport';
import { defineRule } from '../../engine/ruleModule';
import { hostPathVolumes, sensitiveHostPath } from '../hostPaths';
import { describe } from '../manifestModel';
import { workloadAnchors } from '../anchorPlaces';

/**
 * k8s/sensitive-host-path: a `hostPath` volume on the container runtime socket, the node's root or one of
 * its system folders (`/etc`, `/proc`, `/var/run`…) gives the pod the node. Reported on the volume's
 * `path:` whether or not a mount is read-only: a read-only `/etc` still reads the node's credentials,
 * and a read-only socket still accepts API calls. No quick fix: the volume and its mounts must go.
 */
export const rule = defineRule('kubernetes', {
  ruleId: 'k8s/sensitive-host-path',
  anchors: (manifests) => workloadAnchors(manifests, 'pod.volumes'),
  detect(manifests) {
    const findings: RawFinding[] = [];
    for (const workload of manifests.workloads) {
      for (const volume of hostPathVolumes(workload)) {
        const what = sensitiveHostPath(volume.path);
        const range = nodeRange(manifests.file, volume.pathNode);
        if (!what || !range) continue;
        findings.push({
          ruleId: this.ruleId,
          range,
          message: `${describe(workload.object)} mounts ${what} (hostPath ${volume.path}, volume "${volume.name}").`,
        });
      }
    }
    return findings;
  },
});
