import type { Node } from 'yaml';
import type { RawFinding } from '../../types';
import { getPath, getValue, nodeRange, scalarString, seqItems } from '../../yaml/yamlSupport';
import { defineRule } from '../../engine/ruleModule';
import type { Container } from '../manifestModel';
import { describe } from '../manifestModel';

const PROBES = ['readinessProbe', 'livenessProbe', 'startupProbe'];

/**
 * k8s/probe-port: a probe whose port is a *name* the container does not declare in `ports:` can never
 * succeed (the kubelet cannot resolve it): the pod never becomes ready, or is restarted forever. A
 * numbered port is left alone: a container may listen on a port it does not declare.
 */
export const rule = defineRule('kubernetes', {
  ruleId: 'k8s/probe-port',
  detect(manifests) {
    const findings: RawFinding[] = [];
    for (const workload of manifests.workloads) {
      for (const container of workload.containers) {
        const declared = portNames(container);
        for (const probe of PROBES) {
          for (const handler of ['httpGet', 'tcpSocket', 'grpc']) {
            const portNode = getPath(container.map, [probe, handler, 'port']);
            const port = scalarString(portNode);
            const range = nodeRange(manifests.file, portNode as Node);
            // Numbers (also when quoted) are ports; a name starts with a letter.
            if (port === undefined || !range || isNumber(port) || declared.has(port)) continue;
            findings.push({
              ruleId: this.ruleId,
              range,
              message: `The ${probe} of container "${container.name ?? '?'}" of ${describe(workload.object)} probes port "${port}", which the container does not declare${
                declared.size > 0 ? ` (its ports: ${[...declared].join(', ')})` : ''
              }: the probe can never succeed.`,
            });
          }
        }
      }
    }
    return findings;
  },
});

function isNumber(text: string): boolean {
  return text.length > 0 && [...text].every((char) => char >= '0' && char <= '9');
}

function portNames(container: Container): Set<string> {
  const names = new Set<string>();
  for (const port of seqItems(getValue(container.map, 'ports'))) {
    const name = scalarString(getValue(port, 'name'));
    if (name) names.add(name);
  }
  return names;
}
