import { withoutTrailingSlashes } from '../../../glob/linearGlob';
import { isMap } from 'yaml';
import type { RawFinding } from '../../types';
import { getValue, nodeRange, seqItems } from '../../yaml/yamlSupport';
import { lookupValue, resolveNode, scalarText } from '../composeModel';
import { defineRule } from '../../engine/ruleModule';

const DOCKER_SOCKETS = new Set(['/var/run/docker.sock', '/run/docker.sock']);

/**
 * compose/privileged: `privileged: true` or a mounted Docker socket gives the
 * container root on the host — one compromised dependency owns the machine.
 */
export const rule = defineRule('compose', {
  ruleId: 'compose/privileged',
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
