import type { Node } from 'yaml';
import type { RawFinding } from '../../types';
import { anchoredEdits, insertAtPath, replaceValue } from '../../yaml/yamlEdits';
import { getPath, keyRange, nodeRange, scalarString } from '../../yaml/yamlSupport';
import { defineRule } from '../../engine/ruleModule';
import { fixOf } from '../../compose/fix';
import type { Container, Workload } from '../manifestModel';
import { describe, everyContainer } from '../manifestModel';
import { mustCreateMap } from '../mapCreation';
import { workloadAnchors } from '../anchorPlaces';

/** The legacy annotations (before Kubernetes 1.19) that still set a profile on older clusters. */
const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION = 'container.seccomp.security.alpha.kubernetes.io/';

/**
 * k8s/seccomp-profile: without a seccomp profile a container may call every syscall of the node's
 * kernel (the kubelet's default is Unconfined unless the cluster turns on SeccompDefault). Read from
 * `seccompProfile.type` on the container, else the pod, else the legacy annotations; `Unconfined` is
 * reported where it is written. One finding per workload when containers have none (the fix sets
 * `RuntimeDefault` on the pod, which covers them all).
 */
export const rule = defineRule('kubernetes', {
  ruleId: 'k8s/seccomp-profile',
  anchors: (manifests) => workloadAnchors(manifests, 'pod.securityContext', 'container.securityContext'),
  detect(manifests) {
    const findings: RawFinding[] = [];
    const { file } = manifests;
    for (const workload of manifests.workloads) {
      const podType = getPath(workload.podSpec, ['securityContext', 'seccompProfile', 'type']);
      const containers = everyContainer(workload);
      const unconfined: Array<{ node: Node; container?: Container }> = [];
      if (isUnconfined(podType)) unconfined.push({ node: podType as Node });
      let missing = 0;
      for (const container of containers) {
        const own = getPath(container.map, ['securityContext', 'seccompProfile', 'type']);
        if (isUnconfined(own)) unconfined.push({ node: own as Node, container });
        else if (scalarString(own) === undefined && scalarString(podType) === undefined && !annotated(workload, container)) missing++;
      }
      for (const { node, container } of unconfined) {
        const range = nodeRange(file, node);
        const map = container
          ? getPath(container.map, ['securityContext', 'seccompProfile'])
          : getPath(workload.podSpec, ['securityContext', 'seccompProfile']);
        if (!range) continue;
        findings.push({
          ruleId: this.ruleId,
          range,
          message: `${container ? `Container "${container.name ?? '?'}" of ` : ''}${describe(workload.object)} runs seccomp Unconfined: every syscall of the node's kernel is open to it.`,
          fix: fixOf('Use seccompProfile type RuntimeDefault', () => replaceValue(file, map, 'type', 'RuntimeDefault')),
        });
      }
      const range = keyRange(file, workload.podSpecPair);
      if (missing === 0 || !range) continue;
      findings.push({
        ruleId: this.ruleId,
        range,
        message: `${describe(workload.object)} sets no seccomp profile: ${missing === containers.length ? 'its containers' : `${missing} of its containers`} may call every syscall of the node's kernel.`,
        // The run-as-non-root fix may create the pod's securityContext too: anchored, fix-all writes it once.
        fix: fixOf('Set seccompProfile: {type: RuntimeDefault} on the pod', () => {
          const edits = insertAtPath(file, workload.podSpec, ['securityContext'], { seccompProfile: { type: 'RuntimeDefault' } });
          return mustCreateMap(workload.podSpec, 'securityContext') ? anchoredEdits(file, edits) : edits;
        }),
      });
    }
    return findings;
  },
});

function isUnconfined(node: unknown): boolean {
  return scalarString(node) === 'Unconfined';
}

/** A legacy annotation on the pod template (or the Pod) that sets a profile other than unconfined. */
function annotated(workload: Workload, container: Container): boolean {
  for (const key of [`${CONTAINER_ANNOTATION}${container.name ?? ''}`, POD_ANNOTATION]) {
    const value = workload.podAnnotations.get(key);
    if (value !== undefined) return value !== 'unconfined';
  }
  return false;
}
