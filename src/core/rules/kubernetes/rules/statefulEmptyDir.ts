import type { Node } from 'yaml';
import { imageListed, imageRepository, roleTables } from '../../../deployment/model/roleTables';
import type { RawFinding } from '../../types';
import { getValue, nodeRange, scalarString, seqItems } from '../../yaml/yamlSupport';
import { defineRule } from '../../engine/ruleModule';
import { describe } from '../manifestModel';

/** Stores that are usually caches (their data may go with the pod): judged by the other rules, not this one. */
const CACHE_IMAGES = [
  'redis',
  'bitnami/redis',
  'valkey/valkey',
  'eqalpha/keydb',
  'memcached',
  'redis/redis-stack',
  'redis/redis-stack-server',
];

/**
 * k8s/stateful-empty-dir: a database or queue image (data/deployment.yml `statefulImages`) whose container
 * mounts an `emptyDir` keeps its data on a volume deleted with the pod: a reschedule, a node drain or an
 * eviction loses it. Reported on the mount's `mountPath`. A StatefulSet's `volumeClaimTemplates` or a
 * PersistentVolumeClaim mount is what it needs; caches (Redis, Memcached) are left alone.
 */
export const rule = defineRule('kubernetes', {
  ruleId: 'k8s/stateful-empty-dir',
  detect(manifests) {
    const findings: RawFinding[] = [];
    const stateful = roleTables().statefulImages;
    for (const workload of manifests.workloads) {
      const emptyDirs = new Set(
        seqItems(getValue(workload.podSpec, 'volumes')).flatMap((volume) => {
          const name = scalarString(getValue(volume, 'name'));
          return name !== undefined && getValue(volume, 'emptyDir') !== undefined ? [name] : [];
        }),
      );
      if (emptyDirs.size === 0) continue;
      for (const container of workload.containers) {
        const image = scalarString(getValue(container.map, 'image'));
        if (!image || !imageListed(image, stateful) || imageListed(image, CACHE_IMAGES)) continue;
        for (const mount of seqItems(getValue(container.map, 'volumeMounts'))) {
          const volume = scalarString(getValue(mount, 'name'));
          const path = scalarString(getValue(mount, 'mountPath'));
          // Scratch space (/tmp, a socket folder) on emptyDir is what emptyDir is for.
          if (volume === undefined || !emptyDirs.has(volume) || path === undefined || isScratch(path)) continue;
          const range = nodeRange(manifests.file, getValue(mount, 'mountPath') as Node);
          if (!range) continue;
          findings.push({
            ruleId: this.ruleId,
            range,
            message: `Container "${container.name ?? '?'}" of ${describe(workload.object)} (${imageRepository(image)}) keeps ${path} on emptyDir volume "${volume}": its data is deleted with the pod.`,
          });
        }
      }
    }
    return findings;
  },
});

function isScratch(path: string): boolean {
  return ['/tmp', '/var/run', '/run', '/var/tmp', '/dev/shm'].some((scratch) => path === scratch || path.startsWith(`${scratch}/`));
}
