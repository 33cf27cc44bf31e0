import type { TextEdit } from '../../../text';
import type { RawFinding } from '../../types';
import { anchoredEdits, insertAtPath, replaceValue } from '../../yaml/yamlEdits';
import { getValue, nodeRange } from '../../yaml/yamlSupport';
import { defineRule } from '../../engine/ruleModule';
import { fixOf } from '../../compose/fix';
import type { Container, ManifestFile, Workload } from '../manifestModel';
import { describe, everyContainer } from '../manifestModel';
import { mustCreateMap } from '../mapCreation';
import { containerSecurityField, containerSecurityPair, effectiveSecurityValue, podSecurityField } from '../securityContext';
import { workloadAnchors } from '../anchorPlaces';

/**
 * k8s/run-as-non-root: each container must be kept from running as root —
 * `runAsNonRoot: true` or a non-zero `runAsUser`, on the container or the pod
 * (the container's setting wins, as in the kubelet).
 */
export const rule = defineRule('kubernetes', {
  ruleId: 'k8s/run-as-non-root',
  anchors: (manifests) => workloadAnchors(manifests, 'pod.securityContext', 'container.securityContext'),
  detect(manifests) {
    const findings: RawFinding[] = [];
    for (const workload of manifests.workloads) {
      for (const container of everyContainer(workload)) {
        const nonRoot = effectiveSecurityValue(workload, container, 'runAsNonRoot');
        const user = effectiveSecurityValue(workload, container, 'runAsUser');
        if (nonRoot?.value === 'true') continue;
        if (user !== undefined && Number(user.value) > 0) continue;
        const runsAsRootExplicitly = user !== undefined && Number(user.value) === 0;
        const range = nodeRange(manifests.file, runsAsRootExplicitly ? user.pair.value : (nonRoot?.pair.value ?? container.anchorNode));
        if (!range) continue;
        findings.push({
          ruleId: this.ruleId,
          range,
          message: runsAsRootExplicitly
            ? `Container "${container.name ?? '?'}" of ${describe(workload.object)} runs as root (runAsUser: 0).`
            : `Container "${container.name ?? '?'}" of ${describe(workload.object)} may run as root: nothing sets runAsNonRoot: true or a non-zero runAsUser.`,
          // runAsNonRoot: true next to runAsUser: 0 stops the pod from starting: no mechanical fix then.
          fix: runsAsRootExplicitly
            ? undefined
            : fixOf('Set runAsNonRoot: true (the image must run as a non-root USER)', () => nonRootEdits(manifests, workload, container)),
        });
      }
    }
    return findings;
  },
});

/**
 * An explicit container-level setting is flipped where it is written.
 * Otherwise the pod-level securityContext gets `runAsNonRoot: true`, which
 * covers every container — unless some container explicitly runs as user 0,
 * which the pod-level setting would stop from starting; then only this
 * container gets it. Each container's finding carries the same pod-level fix,
 * anchored so the copies overlap and fix-all writes it once.
 */
function nonRootEdits(manifests: ManifestFile, workload: Workload, container: Container): TextEdit[] {
  const { file } = manifests;
  if (containerSecurityField(container, 'runAsNonRoot'))
    return replaceValue(file, containerSecurityPair(container)?.value, 'runAsNonRoot', 'true');
  const containers = everyContainer(workload);
  const someRunAsRoot = containers.some((other) => Number(effectiveSecurityValue(workload, other, 'runAsUser')?.value) === 0);
  if (!someRunAsRoot) {
    if (podSecurityField(workload, 'runAsNonRoot'))
      return replaceValue(file, getValue(workload.podSpec, 'securityContext'), 'runAsNonRoot', 'true');
    return anchoredEdits(file, insertAtPath(file, workload.podSpec, ['securityContext'], { runAsNonRoot: 'true' }));
  }
  const edits = insertAtPath(file, container.map, ['securityContext'], { runAsNonRoot: 'true' });
  return mustCreateMap(container.map, 'securityContext') ? anchoredEdits(file, edits) : edits;
}
