import type { Node } from 'yaml';
import type { RawFinding } from '../../types';
import { getValue, nodeRange, scalarString, seqItems } from '../../yaml/yamlSupport';
import { defineRule } from '../../engine/ruleModule';
import { capabilities, capabilityName } from '../capabilities';
import { isPrivileged } from '../containerSettings';
import { describe, everyContainer } from '../manifestModel';
import { workloadAnchors } from '../anchorPlaces';

/** Capabilities that are close to root on the node: mounting, kernel modules, network configuration, tracing other processes. */
const DANGEROUS: Readonly<Record<string, string>> = {
  ALL: 'every capability, as good as privileged',
  SYS_ADMIN: 'mounts, namespaces and most of what root can do: the usual container escape',
  NET_ADMIN: "reconfigures the pod's network: routes, firewall rules, interception of other traffic",
  SYS_PTRACE: 'traces and injects code into other processes it can see',
  SYS_MODULE: 'loads kernel modules: code in the node kernel',
  SYS_RAWIO: 'raw access to devices and I/O ports',
  DAC_READ_SEARCH: 'reads any file whatever its permissions, and opens host files by handle',
  BPF: 'loads eBPF programs into the node kernel',
};

/**
 * k8s/dangerous-capabilities: `capabilities.add` of ALL, SYS_ADMIN, NET_ADMIN and the like gives the container
 * much of root on the node. One finding per capability, on it. Privileged containers are the privileged
 * rule's (they have every capability anyway).
 */
export const rule = defineRule('kubernetes', {
  ruleId: 'k8s/dangerous-capabilities',
  anchors: (manifests) => workloadAnchors(manifests, 'pod.securityContext', 'container.securityContext'),
  detect(manifests) {
    const findings: RawFinding[] = [];
    for (const workload of manifests.workloads) {
      for (const container of everyContainer(workload)) {
        if (isPrivileged(container)) continue;
        for (const item of seqItems(getValue(capabilities(container), 'add'))) {
          const text = scalarString(item);
          const name = text === undefined ? undefined : capabilityName(text);
          const risk = name === undefined ? undefined : DANGEROUS[name];
          const range = nodeRange(manifests.file, item as Node);
          if (!risk || !range) continue;
          findings.push({
            ruleId: this.ruleId,
            range,
            message: `Container "${container.name ?? '?'}" of ${describe(workload.object)} adds ${name}: ${risk}.`,
          });
        }
      }
    }
    return findings;
  },
});
