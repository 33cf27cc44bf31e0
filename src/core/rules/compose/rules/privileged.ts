import { withoutTrailingSlashes } from '../../../glob/linearGlob';
import { isMap } from 'yaml';
import type { RawFinding } from '../../types';
import { getValue, nodeRange, seqItems } from '../../yaml/yamlSupport';
import { lookupValue, resolveNode, scalarText } from '../composeModel';
import { defineRule } from '../../engine/ruleModule';
import { capabilityName } from '../capabilities';
import { isHostAgentImage } from '../hostAgents';
import { composeAnchors } from '../anchorPlaces';

const DOCKER_SOCKETS = new Set(['/var/run/docker.sock', '/run/docker.sock']);
/** Capabilities that amount to root on the host: every capability, mount and namespace administration, kernel modules. */
const ROOT_CAPABILITIES = new Set(['ALL', 'SYS_ADMIN', 'SYS_MODULE']);

/**
 * compose/privileged: `privileged: true`, a mounted Docker socket or a
 * capability as strong (`cap_add: [ALL]`, SYS_ADMIN, SYS_MODULE) gives the
 * container root on the host — one compromised dependency owns the machine.
 * (Capabilities are not reported for host agents such as node-exporter or
 * cAdvisor; privileged and the socket are reported for every service.)
 */
export const rule = defineRule('compose', {
  ruleId: 'compose/privileged',
  anchors: (compose) => composeAnchors(compose, 'service.privileged', 'service.volumes'),
  detect(compose) {
    const findings: RawFinding[] = [];
    for (const service of compose.services) {
      const privileged = lookupValue(compose.doc, service.map, 'privileged');
      const privilegedRange = nodeRange(compose.file, privileged);
      if (privilegedRange && isTrue(scalarText(privileged))) {
        findings.push({
          ruleId: this.ruleId,
          range: privilegedRange,
          message: `Service "${service.name}" runs privileged: the container has root access to the host's devices and kernel.`,
        });
      }
      const agent = isHostAgentImage(scalarText(lookupValue(compose.doc, service.map, 'image')));
      for (const item of agent ? [] : seqItems(lookupValue(compose.doc, service.map, 'cap_add'))) {
        const node = resolveNode(compose.doc, item);
        const capability = capabilityName(scalarText(node));
        const range = nodeRange(compose.file, node);
        if (!capability || !ROOT_CAPABILITIES.has(capability) || !range) continue;
        findings.push({
          ruleId: this.ruleId,
          range,
          message:
            capability === 'ALL'
              ? `Service "${service.name}" adds every capability: it is as good as privileged, with root access to the host's kernel.`
              : capability === 'SYS_MODULE'
                ? `Service "${service.name}" adds SYS_MODULE: it can load kernel modules, which is root on the host.`
                : `Service "${service.name}" adds SYS_ADMIN: mounts, namespaces and most kernel administration, nearly root on the host.`,
        });
      }
      for (const item of seqItems(lookupValue(compose.doc, service.map, 'volumes'))) {
        const volume = resolveNode(compose.doc, item);
        const range = nodeRange(compose.file, volume);
        if (range && mountsDockerSocket(volume)) {
          findings.push({
            ruleId: this.ruleId,
            range,
            message: `Service "${service.name}" mounts the Docker socket: whoever controls the container controls the host.`,
          });
        }
      }
    }
    return findings;
  },
});

function isTrue(value: string | undefined): boolean {
  return value !== undefined && ['true', 'yes', 'on'].includes(value.toLowerCase());
}

/** Short syntax `SOURCE:TARGET[:MODE]` or long syntax `{ type: bind, source: … }`. */
function mountsDockerSocket(volume: unknown): boolean {
  const source = isMap(volume) ? scalarText(getValue(volume, 'source')) : scalarText(volume)?.split(':')[0];
  return source !== undefined && DOCKER_SOCKETS.has(withoutTrailingSlashes(source));
}
