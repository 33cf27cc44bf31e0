import type { TextEdit } from '../../../text';
import type { Range } from '../../../text';
import type { RawFinding } from '../../types';
import { insertEntries, replaceValue } from '../../yaml/yamlEdits';
import { findPair, keyRange, nodeRange } from '../../yaml/yamlSupport';
import type { KubernetesDetector } from '../detector';
import { fixOf } from '../../compose/fix';
import type { ManifestFile, Workload } from '../manifestModel';
import { describe } from '../manifestModel';
import { maxReplicas, replicaFloor } from '../replicas';
import type { ReplicaFloor } from '../replicas';

/**
 * k8s/replicas-at-least-2 (one pod is a single point of failure) and
 * k8s/replicas-at-least-3 (two pods lose redundancy during every rollout or
 * node drain). Only the second carries the fix (to 3), so the two fixes never
 * compete for the same number.
 */
export const replicasAtLeast2Detector: KubernetesDetector = replicaDetector('k8s/replicas-at-least-2', 2, false);
export const replicasAtLeast3Detector: KubernetesDetector = replicaDetector('k8s/replicas-at-least-3', 3, true);

function replicaDetector(ruleId: string, minimum: number, withFix: boolean): KubernetesDetector {
  return {
    ruleId,
    detect(manifests: ManifestFile): RawFinding[] {
      const findings: RawFinding[] = [];
      for (const workload of manifests.workloads) {
        const floor = replicaFloor(manifests, workload);
        if (!floor || floor.count >= minimum) continue;
        const range = floorRange(manifests, floor);
        if (!range) continue;
        findings.push({
          ruleId,
          range,
          message: floorMessage(workload, floor, minimum),
          fix: withFix ? fixOf(`Set ${floor.key}: ${minimum}`, floorEdits(manifests, floor, minimum)) : undefined,
        });
      }
      return findings;
    },
  };
}

function floorMessage(workload: Workload, floor: ReplicaFloor, minimum: number): string {
  const count = `${floor.count} replica${floor.count === 1 ? '' : 's'}`;
  const fewer = minimum === 2 ? 'a single pod is a single point of failure' : 'a rollout or node drain leaves one pod to carry all traffic';
  if (floor.owner !== workload.object) {
    return `${describe(floor.owner)} lets ${describe(workload.object)} scale down to ${count}: ${fewer}.`;
  }
  return floor.valueNode
    ? `${describe(workload.object)} runs ${count}: ${fewer}.`
    : `${describe(workload.object)} sets no replicas (so 1) and no HorizontalPodAutoscaler in this file targets it: ${fewer}.`;
}

/** The written number, or the `spec:` key of the object that should write it. */
function floorRange(manifests: ManifestFile, floor: ReplicaFloor): Range | undefined {
  if (floor.valueNode) return nodeRange(manifests.file, floor.valueNode);
  const specPair = findPair(floor.owner.map, 'spec');
  return (specPair && keyRange(manifests.file, specPair)) || nodeRange(manifests.file, floor.owner.kindNode);
}

function floorEdits(manifests: ManifestFile, floor: ReplicaFloor, minimum: number): TextEdit[] {
  // An HPA's minimum above its maximum is invalid: leave that to the user.
  if (floor.key === 'minReplicas' && (maxReplicas(floor.owner) ?? 0) < minimum) return [];
  if (!floor.owner.spec) return [];
  if (findPair(floor.owner.spec, floor.key)) return replaceValue(manifests.file, floor.owner.spec, floor.key, String(minimum));
  // `replicas` reads best at the top of the spec, before selector and template.
  return insertEntries(
    manifests.file,
    floor.owner.spec,
    { [floor.key]: String(minimum) },
    { before: ['selector', 'serviceName', 'template', 'scaleTargetRef'] },
  );
}
