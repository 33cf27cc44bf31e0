import type { RawFinding } from '../../types';
import { anchoredEdits, insertAtPath } from '../../yaml/yamlEdits';
import type { YamlEntries } from '../../yaml/yamlEdits';
import { findPair, getPath, keyRange, nodeRange, scalarString } from '../../yaml/yamlSupport';
import type { KubernetesDetector } from '../detector';
import { fixOf } from '../../compose/fix';
import type { Container, ManifestFile } from '../manifestModel';
import { describe } from '../manifestModel';
import { mustCreateMap } from '../mapCreation';

/** Starting points the fix titles ask the user to size. */
const DEFAULT_REQUESTS: Readonly<Record<'cpu' | 'memory', string>> = { cpu: '100m', memory: '128Mi' };
const DEFAULT_MEMORY_LIMIT = '256Mi';

function resource(container: Container, section: 'requests' | 'limits', name: string): string | undefined {
  return scalarString(getPath(container.map, ['resources', section, name]));
}

/** Where a container-level resources finding points: `resources:` when written, else the container's name. */
function findingRange(manifests: ManifestFile, container: Container) {
  const pair = findPair(container.map, 'resources');
  return (pair && keyRange(manifests.file, pair)) || nodeRange(manifests.file, container.anchorNode);
}

/**
 * Edits under `resources.<section>`. Both resource fixes may create `resources:`
 * in the same container; then they are anchored (they overlap), so fix-all
 * writes it once and adds the other section on its next pass.
 */
function resourceEdits(manifests: ManifestFile, container: Container, section: 'requests' | 'limits', entries: YamlEntries) {
  const edits = insertAtPath(manifests.file, container.map, ['resources', section], entries);
  return mustCreateMap(container.map, 'resources') ? anchoredEdits(manifests.file, edits) : edits;
}

/**
 * k8s/resource-requests: CPU and memory requests on every container, init
 * containers included (the scheduler reserves the larger of the biggest init
 * container's and the sum of the others'). A limit counts: Kubernetes copies a
 * limit into a missing request.
 */
export const resourceRequestsDetector: KubernetesDetector = {
  ruleId: 'k8s/resource-requests',
  detect(manifests) {
    const findings: RawFinding[] = [];
    for (const workload of manifests.workloads) {
      for (const container of [...workload.initContainers, ...workload.containers]) {
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
          fix: fixOf(
            `Request ${missing.map((name) => `${name}: ${DEFAULT_REQUESTS[name]}`).join(', ')} (size to real usage)`,
            resourceEdits(manifests, container, 'requests', entries),
          ),
        });
      }
    }
    return findings;
  },
};

/** k8s/memory-limit: a memory limit on every container, init containers included; CPU limits are deliberately not asked for. */
export const memoryLimitDetector: KubernetesDetector = {
  ruleId: 'k8s/memory-limit',
  detect(manifests) {
    const findings: RawFinding[] = [];
    for (const workload of manifests.workloads) {
      for (const container of [...workload.initContainers, ...workload.containers]) {
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
          fix: fixOf(`Limit memory to ${limit} (size to the real peak)`, resourceEdits(manifests, container, 'limits', { memory: limit })),
        });
      }
    }
    return findings;
  },
};
