import type { RuleAnchor } from '../engine/ruleAnchors';
import { placeAnchors } from '../yaml/keyAnchors';
import { nodeRange } from '../yaml/yamlSupport';
import type { ManifestFile } from './manifestModel';
import { everyContainer } from './manifestModel';

/**
 * A place of every workload that rules anchor their hovers on: its `kind:` value, a key of its `metadata` or
 * `spec` (`spec.replicas`), of its pod spec (`pod.hostNetwork`) or of each container, init containers included
 * (`container.image`).
 */
export type WorkloadPlace = 'kind' | `${'metadata' | 'spec' | 'pod' | 'container'}.${string}`;

/** The places of every workload in the file, as hover anchors (a rule module's `anchors`). */
export function workloadAnchors(manifests: ManifestFile, ...places: WorkloadPlace[]): RuleAnchor[] {
  const { file, workloads } = manifests;
  const kinds = places.includes('kind')
    ? workloads.flatMap(({ object }) => {
        const range = nodeRange(file, object.kindNode);
        return range ? [{ range }] : [];
      })
    : [];
  const levels = {
    metadata: () => workloads.map(({ object }) => object.metadata),
    spec: () => workloads.map(({ object }) => object.spec),
    pod: () => workloads.map((workload) => workload.podSpec),
    container: () => workloads.flatMap((workload) => everyContainer(workload).map((container) => container.map)),
  };
  return [
    ...kinds,
    ...placeAnchors(
      file,
      levels,
      places.filter((place) => place !== 'kind'),
    ),
  ];
}
