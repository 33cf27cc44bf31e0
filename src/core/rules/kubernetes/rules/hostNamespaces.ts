import type { RawFinding } from '../../types';
import { replaceValue } from '../../yaml/yamlEdits';
import { getValue, nodeRange, scalarString } from '../../yaml/yamlSupport';
import { defineRule } from '../../engine/ruleModule';
import { fixOf } from '../../compose/fix';
import { describe } from '../manifestModel';
import { workloadAnchors } from '../anchorPlaces';

/** What sharing each of the node's namespaces gives a compromised container. */
const HOST_NAMESPACES: Readonly<Record<string, string>> = {
  hostNetwork:
    "shares the node's network: it can bind the node's ports and reach node-local services (the kubelet, cloud metadata) past every NetworkPolicy",
  hostPID: 'sees every process on the node: it can signal them and, with ptrace or /proc, read their memory and environment',
  hostIPC: "shares the node's IPC namespace: it can read and write the shared memory of processes outside the pod",
};

/**
 * k8s/host-namespaces: `hostNetwork`, `hostPID` or `hostIPC: true` on a pod spec removes one of the
 * walls between the container and its node. One finding per setting, on its value; the fix sets it
 * to false (a node agent that really needs it keeps it with an inline ignore that says why).
 */
export const rule = defineRule('kubernetes', {
  ruleId: 'k8s/host-namespaces',
  anchors: (manifests) => workloadAnchors(manifests, 'pod.hostNetwork', 'pod.hostPID', 'pod.hostIPC'),
  detect(manifests) {
    const findings: RawFinding[] = [];
    for (const workload of manifests.workloads) {
      for (const [key, risk] of Object.entries(HOST_NAMESPACES)) {
        const value = getValue(workload.podSpec, key);
        const range = nodeRange(manifests.file, value);
        if (scalarString(value) !== 'true' || !range) continue;
        findings.push({
          ruleId: this.ruleId,
          range,
          message: `${describe(workload.object)} sets ${key}: true — it ${risk}.`,
          fix: fixOf(`Set ${key}: false`, () => replaceValue(manifests.file, workload.podSpec, key, 'false')),
        });
      }
    }
    return findings;
  },
});
