import type { TextEdit } from '../../../text';
import type { Range } from '../../../text';
import { builtinRuleCatalog } from '../../engine/ruleCatalog';
import type { FindingStep, RawFinding, RuleThreshold } from '../../types';
import { insertEntries, replaceValue } from '../../yaml/yamlEdits';
import { findPair, keyRange, nodeRange } from '../../yaml/yamlSupport';
import { defineRule } from '../../engine/ruleModule';
import { fixOf } from '../../compose/fix';
import type { ManifestFile, Workload } from '../manifestModel';
import { describe } from '../manifestModel';
import { maxReplicas, replicaFloor } from '../replicas';
import type { ReplicaFloor } from '../replicas';
import { workloadAnchors } from '../anchorPlaces';

const RULE_ID = 'k8s/replicas';

/**
 * k8s/replicas: too few replicas for the stage — one finding per workload,
 * whose threshold follows the stage (data/rules/kubernetes.yml `thresholds`:
 * 2 from production, where one pod is a single point of failure; 3 from
 * scale, where two lose redundancy during every rollout or node drain). The
 * finding carries a step per threshold the workload falls short of; the
 * evaluator reports the one of the governing stage, with its own fix.
 */
export const rule = defineRule('kubernetes', {
  ruleId: RULE_ID,
  anchors: (manifests) => workloadAnchors(manifests, 'spec.replicas'),
  detect(manifests: ManifestFile): RawFinding[] {
    const thresholds = builtinRuleCatalog().byId.get(RULE_ID)?.thresholds ?? [];
    const findings: RawFinding[] = [];
    for (const workload of manifests.workloads) {
      const floor = replicaFloor(manifests, workload);
      const short = floor ? thresholds.filter((threshold) => floor.count < threshold.value) : [];
      const range = floor && short.length > 0 ? floorRange(manifests, floor) : undefined;
      if (!floor || !range) continue;
      const steps = short.map((threshold, index) => step(manifests, workload, floor, threshold, short[index + 1]));
      const [first] = steps;
      findings.push({ ruleId: RULE_ID, range, message: first.message, ...(first.fix ? { fix: first.fix } : {}), steps });
    }
    return findings;
  },
});

function step(
  manifests: ManifestFile,
  workload: Workload,
  floor: ReplicaFloor,
  threshold: RuleThreshold,
  next?: RuleThreshold,
): FindingStep {
  const asked = `At least ${threshold.value} from ${threshold.from} on${next ? ` (${next.value} from ${next.from} on)` : ''}.`;
  return {
    from: threshold.from,
    message: `${floorMessage(workload, floor)} ${asked}`,
    fix: fixOf(`Set ${floor.key}: ${threshold.value}`, () => floorEdits(manifests, floor, threshold.value)),
  };
}

function floorMessage(workload: Workload, floor: ReplicaFloor): string {
  const count = `${floor.count} replica${floor.count === 1 ? '' : 's'}`;
  const fewer =
    floor.count <= 1 ? 'a single pod is a single point of failure' : 'a rollout or node drain leaves one pod to carry all traffic';
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
