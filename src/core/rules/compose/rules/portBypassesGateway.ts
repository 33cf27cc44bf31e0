import { isMap, isScalar } from 'yaml';
import type { Node, YAMLMap } from 'yaml';
import type { RawFinding } from '../../types';
import { imageListed } from '../../../deployment/model/roleTables';
import { getValue, mapEntries, nodeRange, seqItems } from '../../yaml/yamlSupport';
import { lookupPair, lookupValue, resolveNode, scalarText } from '../composeModel';
import type { ComposeFile, ComposeService } from '../composeModel';
import { datastoreInRange } from '../datastorePorts';
import { defineRule } from '../../engine/ruleModule';
import { fixOf } from '../fix';
import { LOOPBACK, longSyntaxLoopbackEdits, shortSyntaxLoopbackEdits } from '../portLoopback';
import { bindsAllInterfaces, parseShortPort } from '../portSyntax';

/** Reverse proxies and API gateways: a service on one of these images that depends on another fronts it. */
const GATEWAY_IMAGES = [
  'nginx',
  'nginxinc/nginx-unprivileged',
  'openresty/openresty',
  'traefik',
  'caddy',
  'envoyproxy/envoy',
  'kong',
  'kong/kong-gateway',
  'haproxy',
  'haproxytech/haproxy-alpine',
  'nginxproxy/nginx-proxy',
  'jc21/nginx-proxy-manager',
  'apache/apisix',
  'tyktech/tyk-gateway',
];

/**
 * compose/port-bypasses-gateway: a reverse proxy or API gateway in the file
 * depends on a service, and that service also publishes its own port on
 * every interface. Traffic can then skip the gateway (its TLS, auth, rate
 * limits and logs) by calling the service directly. Databases are
 * compose/database-port-exposed's business.
 */
export const rule = defineRule('compose', {
  ruleId: 'compose/port-bypasses-gateway',
  detect(compose) {
    const fronted = new Map<string, string>();
    for (const service of compose.services) {
      if (!imageListed(scalarText(lookupValue(compose.doc, service.map, 'image')) ?? '', GATEWAY_IMAGES)) continue;
      for (const dependency of dependencies(compose, service)) if (!fronted.has(dependency)) fronted.set(dependency, service.name);
    }
    const findings: RawFinding[] = [];
    for (const service of compose.services) {
      const gateway = fronted.get(service.name);
      if (!gateway || gateway === service.name) continue;
      findings.push(...bypassingPorts(compose, service, gateway, this.ruleId));
    }
    return findings;
  },
});

/** The services a service names under `depends_on` (list or map form). */
function dependencies(compose: ComposeFile, service: ComposeService): string[] {
  const dependsOn = resolveNode(compose.doc, lookupValue(compose.doc, service.map, 'depends_on'));
  if (isMap(dependsOn)) return mapEntries(dependsOn).map(([name]) => name);
  return seqItems(dependsOn).flatMap((item) => {
    const name = scalarText(resolveNode(compose.doc, item));
    return name ? [name] : [];
  });
}

function bypassingPorts(compose: ComposeFile, service: ComposeService, gateway: string, ruleId: string): RawFinding[] {
  const portsPair = lookupPair(compose.doc, service.map, 'ports');
  const editable = portsPair !== undefined && service.map.items.includes(portsPair) && service.pair.value === service.map;
  const findings: RawFinding[] = [];
  for (const item of seqItems(lookupValue(compose.doc, service.map, 'ports'))) {
    const node = resolveNode(compose.doc, item);
    const range = nodeRange(compose.file, node);
    if (!range) continue;
    let edits;
    if (isMap(node)) {
      const map = node as YAMLMap<Node, Node | null>;
      const target = Number(scalarText(getValue(map, 'target')));
      const hostIp = scalarText(getValue(map, 'host_ip'));
      if (!Number.isInteger(target) || datastoreInRange(target, target) || (hostIp && !bindsAllInterfaces(hostIp))) continue;
      edits = longSyntaxLoopbackEdits(compose.file, map);
    } else {
      const spec = scalarText(node);
      if (spec === undefined || !isScalar(node)) continue;
      const parsed = parseShortPort(spec);
      const container = parsed.container;
      if (!container || datastoreInRange(container.from, container.to) || !bindsAllInterfaces(parsed.hostIp)) continue;
      edits = shortSyntaxLoopbackEdits(compose.file, node, spec, parsed.hostIp, parsed.hostIpOffset);
    }
    findings.push({
      ruleId,
      range,
      message: `Service "${service.name}" sits behind "${gateway}" but also publishes this port on all interfaces: callers can skip the gateway's TLS, auth and limits. Drop the mapping (the gateway reaches it by name) or publish it on ${LOOPBACK}.`,
      fix: fixOf(`Publish on ${LOOPBACK} only`, editable && item === node ? edits : []),
    });
  }
  return findings;
}
