import type { Node } from 'yaml';
import type { TextEdit } from '../../../text';
import type { RawFinding } from '../../types';
import { anchoredEdits, insertAtPath, replaceValue } from '../../yaml/yamlEdits';
import { findPair, getValue, keyRange, nodeRange, scalarString, seqItems } from '../../yaml/yamlSupport';
import type { KubernetesDetector } from '../detector';
import { fixOf } from '../../compose/fix';
import type { Container, ManifestFile } from '../manifestModel';
import { describe } from '../manifestModel';
import { mustCreateMap } from '../mapCreation';
import { containerSecurityField, containerSecurityPair } from '../securityContext';

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

/** `CAP_SYS_ADMIN`, `sys_admin` and `SYS_ADMIN` are one capability (the runtime accepts all three). */
function capabilityName(text: string): string {
  const upper = text.trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

function isPrivileged(container: Container): boolean {
  return scalarString(containerSecurityField(container, 'privileged')?.value) === 'true';
}

function capabilities(container: Container) {
  return getValue(containerSecurityPair(container)?.value, 'capabilities');
}

/**
 * k8s/dangerous-capabilities: `capabilities.add` of ALL, SYS_ADMIN, NET_ADMIN and the like gives the container
 * much of root on the node. One finding per capability, on it. Privileged containers are the privileged
 * rule's (they have every capability anyway).
 */
export const dangerousCapabilitiesDetector: KubernetesDetector = {
  ruleId: 'k8s/dangerous-capabilities',
  detect(manifests) {
    const findings: RawFinding[] = [];
    for (const workload of manifests.workloads) {
      for (const container of [...workload.initContainers, ...workload.containers]) {
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
};

/**
 * k8s/drop-all-capabilities: the runtime's default set still holds NET_RAW (spoofed packets), CHOWN,
 * SETUID and more; `drop: [ALL]` and adding back the few the process needs is the least-privilege
 * baseline. Privileged containers are the privileged rule's.
 */
export const dropAllCapabilitiesDetector: KubernetesDetector = {
  ruleId: 'k8s/drop-all-capabilities',
  detect(manifests) {
    const findings: RawFinding[] = [];
    for (const workload of manifests.workloads) {
      for (const container of [...workload.initContainers, ...workload.containers]) {
        if (isPrivileged(container)) continue;
        const drop = getValue(capabilities(container), 'drop');
        const securityPair = containerSecurityPair(container);
        if (seqItems(drop).some((item) => capabilityName(scalarString(item) ?? '') === 'ALL')) continue;
        const range =
          nodeRange(manifests.file, drop) ??
          (securityPair && keyRange(manifests.file, securityPair)) ??
          nodeRange(manifests.file, container.anchorNode);
        if (!range) continue;
        findings.push({
          ruleId: this.ruleId,
          range,
          message: `Container "${container.name ?? '?'}" of ${describe(workload.object)} keeps the runtime's default capabilities (NET_RAW, SETUID, CHOWN…): nothing drops ALL.`,
          fix: fixOf('Drop ALL capabilities (add back only what the process needs)', dropAllEdits(manifests, container)),
        });
      }
    }
    return findings;
  },
};

/** `drop: [ALL]` replaces a drop list that lacks it (ALL covers what it named), or is inserted under securityContext.capabilities. */
function dropAllEdits(manifests: ManifestFile, container: Container): TextEdit[] {
  const caps = capabilities(container);
  if (findPair(caps, 'drop')) return replaceValue(manifests.file, caps, 'drop', ['ALL']);
  const edits = insertAtPath(manifests.file, container.map, ['securityContext', 'capabilities'], { drop: ['ALL'] });
  // Several settings' fixes create a missing securityContext: anchored, they overlap and fix-all writes it once.
  return mustCreateMap(container.map, 'securityContext') ? anchoredEdits(manifests.file, edits) : edits;
}
