import { isMap, isScalar } from 'yaml';
import type { Node, YAMLMap } from 'yaml';
import type { TextEdit } from '../../../text';
import type { RawFinding } from '../../types';
import { getValue, nodeRange, seqItems } from '../../yaml/yamlSupport';
import type { YamlFile } from '../../yaml/yamlSupport';
import { lookupPair, lookupValue, resolveNode, scalarText } from '../composeModel';
import { datastoreInRange } from '../datastorePorts';
import { defineRule } from '../../engine/ruleModule';
import { fixOf } from '../fix';
import { bindsAllInterfaces, parseShortPort } from '../portSyntax';
import { LOOPBACK, longSyntaxLoopbackEdits, shortSyntaxLoopbackEdits } from '../portLoopback';
import { composeAnchors } from '../anchorPlaces';

/**
 * compose/database-port-exposed: a database, cache or broker port published
 * on every interface is reachable from the network (and Docker's own iptables
 * rules bypass host firewalls like ufw). Bind it to 127.0.0.1, or don't publish it.
 */
export const rule = defineRule('compose', {
  ruleId: 'compose/database-port-exposed',
  anchors: (compose) => composeAnchors(compose, 'service.ports'),
  detect(compose) {
    const findings: RawFinding[] = [];
    for (const service of compose.services) {
      const portsPair = lookupPair(compose.doc, service.map, 'ports');
      const editable = portsPair !== undefined && service.map.items.includes(portsPair) && service.pair.value === service.map;
      for (const item of seqItems(lookupValue(compose.doc, service.map, 'ports'))) {
        const node = resolveNode(compose.doc, item);
        const exposure = isMap(node)
          ? longSyntaxExposure(compose.file, node as YAMLMap<Node, Node | null>)
          : shortSyntaxExposure(compose.file, node);
        const range = nodeRange(compose.file, node);
        if (!exposure || !range) continue;
        const edits = editable && item === node ? exposure.edits : [];
        findings.push({
          ruleId: this.ruleId,
          range,
          message: `Service "${service.name}" publishes ${exposure.name} port ${exposure.port} on all interfaces: anyone who can reach this host can reach it.`,
          fix: fixOf(`Publish on ${LOOPBACK} only`, edits),
        });
      }
    }
    return findings;
  },
});

interface Exposure {
  name: string;
  port: number;
  edits: TextEdit[];
}

function shortSyntaxExposure(file: YamlFile, node: Node | null | undefined): Exposure | undefined {
  const spec = scalarText(node);
  if (spec === undefined || !isScalar(node)) return undefined;
  const parsed = parseShortPort(spec);
  const datastore = parsed.container && datastoreInRange(parsed.container.from, parsed.container.to);
  if (!datastore || !bindsAllInterfaces(parsed.hostIp)) return undefined;
  return { ...datastore, edits: shortSyntaxLoopbackEdits(file, node, spec, parsed.hostIp, parsed.hostIpOffset) };
}

function longSyntaxExposure(file: YamlFile, map: YAMLMap<Node, Node | null>): Exposure | undefined {
  const target = Number(scalarText(getValue(map, 'target')));
  const datastore = Number.isInteger(target) ? datastoreInRange(target, target) : undefined;
  if (!datastore) return undefined;
  const hostIpNode = getValue(map, 'host_ip') ?? undefined;
  const hostIp = scalarText(hostIpNode);
  if (hostIpNode !== undefined && hostIp !== undefined && hostIp !== '' && !bindsAllInterfaces(hostIp)) return undefined;
  return { ...datastore, edits: longSyntaxLoopbackEdits(file, map) };
}
