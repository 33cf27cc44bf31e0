import type { RawFinding } from '../types';
import { insertEntries } from '../yaml/yamlEdits';
import type { YamlEntries } from '../yaml/yamlEdits';
import { findPair, getValue, nodeRange, scalarString, seqItems } from '../yaml/yamlSupport';
import type { KubernetesDetector } from './detector';
import { fixOf } from '../compose/fix';
import type { Container, ManifestFile } from './manifestModel';
import { BATCH_KINDS, describe } from './manifestModel';
import { workloadAnchors } from './anchorPlaces';

export type ProbeKey = 'readinessProbe' | 'livenessProbe';

const CONSEQUENCE: Record<ProbeKey, string> = {
  readinessProbe: 'traffic reaches it before it is ready and keeps reaching it when it cannot serve',
  livenessProbe: 'a hung process is never restarted',
};

/**
 * k8s/readiness-probe and k8s/liveness-probe: every long-running container
 * declares both (Jobs and CronJobs run to completion and need neither).
 */
export function probeDetector(ruleId: string, key: ProbeKey): KubernetesDetector {
  return {
    ruleId,
    anchors: (manifests) => workloadAnchors(manifests, `container.${key}`),
    detect(manifests: ManifestFile): RawFinding[] {
      const findings: RawFinding[] = [];
      for (const workload of manifests.workloads) {
        if (BATCH_KINDS.has(workload.object.kind)) continue;
        for (const container of workload.containers) {
          if (findPair(container.map, key)) continue;
          const range = nodeRange(manifests.file, container.anchorNode);
          if (!range) continue;
          findings.push({
            ruleId,
            range,
            message: `Container "${container.name ?? '?'}" of ${describe(workload.object)} has no ${key}: ${CONSEQUENCE[key]}.`,
            fix: fixOf(`Add a ${key} (adjust path and port)`, () =>
              insertEntries(manifests.file, container.map, { [key]: probeEntries(key, container) }),
            ),
          });
        }
      }
      return findings;
    },
  };
}

/** An HTTP probe on the container's first declared port (by name when it has one). */
function probeEntries(key: ProbeKey, container: Container): YamlEntries {
  const firstPort = seqItems(getValue(container.map, 'ports'))[0];
  const port = scalarString(getValue(firstPort, 'name')) ?? scalarString(getValue(firstPort, 'containerPort')) ?? '8080';
  return key === 'readinessProbe'
    ? { httpGet: { path: '/ready', port }, periodSeconds: '10' }
    : { httpGet: { path: '/healthz', port }, periodSeconds: '10', failureThreshold: '3' };
}
