import type { RawFinding } from '../../types';
import { nodeRange, seqItems } from '../../yaml/yamlSupport';
import { lookupValue, resolveNode, scalarText } from '../composeModel';
import { defineRule } from '../../engine/ruleModule';
import { isHostAgentImage } from '../hostAgents';
import { capabilityName } from '../capabilities';

/** Settings that share one of the host's namespaces with the container. */
const NAMESPACES: ReadonlyArray<{ key: string; what: string }> = [
  {
    key: 'network_mode',
    what: "the host's network: every port it opens is open on the host, and it reaches services bound to the host's loopback",
  },
  { key: 'pid', what: "the host's processes: it sees them all and can signal those of the same user" },
  { key: 'ipc', what: "the host's shared memory and IPC" },
  { key: 'uts', what: "the host's hostname" },
  { key: 'userns_mode', what: "the host's user namespace, undoing user-namespace remapping" },
];

/** Capabilities that reach beyond the container without being root on the host outright (those are compose/privileged). */
const HOST_CAPABILITIES: ReadonlyMap<string, string> = new Map([
  ['NET_ADMIN', 'reconfigure the network: interfaces, routes, firewall rules'],
  ['SYS_PTRACE', 'trace and read the memory of other processes'],
  ['DAC_READ_SEARCH', 'read any file by handle, bypassing permissions (the "shocker" escape)'],
  ['SYS_RAWIO', 'access I/O ports and raw devices'],
  ['SYS_TIME', "set the host's clock"],
  ['BPF', 'load eBPF programs into the kernel'],
  ['PERFMON', 'observe the whole system through perf events'],
]);

/**
 * compose/host-namespace: `network_mode: host`, `pid: host`, `ipc: host`,
 * `uts: host`, `userns_mode: host`, or a capability that reaches the host
 * (NET_ADMIN, SYS_PTRACE…). Each removes part of the isolation between the
 * container and the host, so a compromise of the service reaches further.
 * Metrics, VPN and DNS agents that need the host by design are left alone.
 */
export const rule = defineRule('compose', {
  ruleId: 'compose/host-namespace',
  detect(compose) {
    const findings: RawFinding[] = [];
    for (const service of compose.services) {
      if (isHostAgentImage(scalarText(lookupValue(compose.doc, service.map, 'image')))) continue;
      for (const { key, what } of NAMESPACES) {
        const node = lookupValue(compose.doc, service.map, key);
        const range = nodeRange(compose.file, node);
        if (range && scalarText(node)?.trim().toLowerCase() === 'host') {
          findings.push({
            ruleId: this.ruleId,
            range,
            message: `Service "${service.name}" sets \`${key}: host\`: it shares ${what}.`,
          });
        }
      }
      for (const item of seqItems(lookupValue(compose.doc, service.map, 'cap_add'))) {
        const node = resolveNode(compose.doc, item);
        const capability = capabilityName(scalarText(node));
        const power = capability && HOST_CAPABILITIES.get(capability);
        const range = nodeRange(compose.file, node);
        if (!power || !range) continue;
        findings.push({
          ruleId: this.ruleId,
          range,
          message: `Service "${service.name}" adds ${capability}: it can ${power}. Grant it only to a service whose job needs it.`,
        });
      }
    }
    return findings;
  },
});
