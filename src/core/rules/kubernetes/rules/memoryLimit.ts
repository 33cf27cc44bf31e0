import type { RawFinding } from '../../types';
import { getPath, scalarString } from '../../yaml/yamlSupport';
import { defineRule } from '../../engine/ruleModule';
import { fixOf } from '../../compose/fix';
import { describe, everyContainer } from '../manifestModel';
import { DEFAULT_MEMORY_LIMIT, findingRange, resource, resourceEdits } from '../resourceRules';
import { workloadAnchors } from '../anchorPlaces';
import { inConcern } from '../../engine/ruleAnchors';

/** k8s/memory-limit: a memory limit on every container, init containers included; CPU limits are deliberately not asked for. */
export const rule = defineRule('kubernetes', {
  ruleId: 'k8s/memory-limit',
  anchors: (manifests) => inConcern('scalability', workloadAnchors(manifests, 'container.resources')),
  detect(manifests) {
    const findings: RawFinding[] = [];
    for (const workload of manifests.workloads) {
      for (const container of everyContainer(workload)) {
        if (resource(container, 'limits', 'memory') !== undefined) continue;
        const range = findingRange(manifests, container);
        if (!range) continue;
        // A limit below the request is rejected by the API server: start from the request (as written) when there is one.
        const request = getPath(container.map, ['resources', 'requests', 'memory']);
        const limit =
          request?.range && scalarString(request) !== undefined
            ? manifests.file.text.slice(request.range[0], request.range[1])
            : DEFAULT_MEMORY_LIMIT;
        findings.push({
          ruleId: this.ruleId,
          range,
          message: `Container "${container.name ?? '?'}" of ${describe(workload.object)} has no memory limit: a leak in it can push the node into memory pressure and evict its neighbours.`,
          fix: fixOf(`Limit memory to ${limit} (size to the real peak)`, () =>
            resourceEdits(manifests, container, 'limits', { memory: limit }),
          ),
        });
      }
    }
    return findings;
  },
});
