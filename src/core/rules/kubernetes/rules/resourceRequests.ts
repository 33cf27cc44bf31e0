import type { RawFinding } from '../../types';
import type { YamlEntries } from '../../yaml/yamlEdits';
import { defineRule } from '../../engine/ruleModule';
import { fixOf } from '../../compose/fix';
import { describe, everyContainer } from '../manifestModel';
import { DEFAULT_REQUESTS, findingRange, resource, resourceEdits } from '../resourceRules';
import { workloadAnchors } from '../anchorPlaces';

/**
 * k8s/resource-requests: CPU and memory requests on every container, init
 * containers included (the scheduler reserves the larger of the biggest init
 * container's and the sum of the others'). A limit counts: Kubernetes copies a
 * limit into a missing request.
 */
export const rule = defineRule('kubernetes', {
  ruleId: 'k8s/resource-requests',
  anchors: (manifests) => workloadAnchors(manifests, 'container.resources'),
  detect(manifests) {
    const findings: RawFinding[] = [];
    for (const workload of manifests.workloads) {
      for (const container of everyContainer(workload)) {
        const missing = (['cpu', 'memory'] as const).filter(
          (name) => resource(container, 'requests', name) === undefined && resource(container, 'limits', name) === undefined,
        );
        const range = findingRange(manifests, container);
        if (missing.length === 0 || !range) continue;
        const entries: YamlEntries = Object.fromEntries(missing.map((name) => [name, DEFAULT_REQUESTS[name]]));
        findings.push({
          ruleId: this.ruleId,
          range,
          message: `Container "${container.name ?? '?'}" of ${describe(workload.object)} requests no ${missing.join(' or ')}: the scheduler places it blind and autoscaling cannot measure it.`,
          fix: fixOf(`Request ${missing.map((name) => `${name}: ${DEFAULT_REQUESTS[name]}`).join(', ')} (size to real usage)`, () =>
            resourceEdits(manifests, container, 'requests', entries),
          ),
        });
      }
    }
    return findings;
  },
});
