import type { RawFinding } from '../../types';
import { insertEntries, replaceValue } from '../../yaml/yamlEdits';
import { findPair, getValue, nodeRange, scalarString } from '../../yaml/yamlSupport';
import type { KubernetesDetector } from '../detector';
import { fixOf } from '../../compose/fix';
import { hostPathVolumes, mountsOf, sensitiveHostPath } from '../hostPaths';
import { describe } from '../manifestModel';

/**
 * k8s/sensitive-host-path: a `hostPath` volume on the container runtime socket, the node's root or one of
 * its system folders (`/etc`, `/proc`, `/var/run`…) gives the pod the node. Reported on the volume's
 * `path:` whether or not a mount is read-only: a read-only `/etc` still reads the node's credentials,
 * and a read-only socket still accepts API calls. No quick fix: the volume and its mounts must go.
 */
export const sensitiveHostPathDetector: KubernetesDetector = {
  ruleId: 'k8s/sensitive-host-path',
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
};

/**
 * k8s/writable-host-path: any other `hostPath` mounted without `readOnly: true` lets the container
 * change the node's files (and plant what other pods or the node will run). One finding per writable
 * mount, on its `mountPath`; the fix adds `readOnly: true` to that mount. Sensitive paths are the other
 * rule's: one finding per root cause.
 */
export const writableHostPathDetector: KubernetesDetector = {
  ruleId: 'k8s/writable-host-path',
  detect(manifests) {
    const findings: RawFinding[] = [];
    for (const workload of manifests.workloads) {
      const volumes = hostPathVolumes(workload).filter((volume) => !sensitiveHostPath(volume.path));
      if (volumes.length === 0) continue;
      for (const container of [...workload.initContainers, ...workload.containers]) {
        for (const volume of volumes) {
          for (const mount of mountsOf(container, volume.name)) {
            if (scalarString(getValue(mount, 'readOnly')) === 'true') continue;
            const range = nodeRange(manifests.file, getValue(mount, 'mountPath') ?? getValue(mount, 'name'));
            if (!range) continue;
            findings.push({
              ruleId: this.ruleId,
              range,
              message: `Container "${container.name ?? '?'}" of ${describe(workload.object)} can write to the node's ${volume.path} (hostPath volume "${volume.name}" mounted without readOnly: true).`,
              fix: fixOf(
                'Mount it readOnly: true',
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
};
