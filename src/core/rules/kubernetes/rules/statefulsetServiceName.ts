import type { RawFinding } from '../../types';
import { findPair, getValue, keyRange, nodeRange, scalarString } from '../../yaml/yamlSupport';
import { defineRule } from '../../engine/ruleModule';
import { describe } from '../manifestModel';

/**
 * k8s/statefulset-service-name: a StatefulSet's pods get their stable names (`db-0.db`) from the
 * headless Service `serviceName` names; without it replicas cannot find each other or be addressed one
 * by one. Reported on the StatefulSet's `spec:`.
 */
export const rule = defineRule('kubernetes', {
  ruleId: 'k8s/statefulset-service-name',
  detect(manifests) {
    const findings: RawFinding[] = [];
    for (const workload of manifests.workloads) {
      const object = workload.object;
      if (object.kind !== 'StatefulSet' || scalarString(getValue(object.spec, 'serviceName'))) continue;
      const specPair = findPair(object.map, 'spec');
      const range = (specPair && keyRange(manifests.file, specPair)) ?? nodeRange(manifests.file, object.kindNode);
      if (!range) continue;
      findings.push({
        ruleId: this.ruleId,
        range,
        message: `${describe(object)} names no serviceName: its replicas get no stable DNS names (${object.name ?? 'db'}-0.<service>) to find each other by.`,
      });
    }
    return findings;
  },
});
