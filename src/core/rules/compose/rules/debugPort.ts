import { isMap, isScalar, isSeq } from 'yaml';
import type { Node, YAMLMap } from 'yaml';
import type { RawFinding } from '../../types';
import { getValue, nodeRange, seqItems } from '../../yaml/yamlSupport';
import { lookupPair, lookupValue, resolveNode, scalarText } from '../composeModel';
import type { ComposeFile, ComposeService } from '../composeModel';
import { defineRule } from '../../engine/ruleModule';
import { fixOf } from '../fix';
import { LOOPBACK, longSyntaxLoopbackEdits, shortSyntaxLoopbackEdits } from '../portLoopback';
import { bindsAllInterfaces, parseShortPort } from '../portSyntax';

interface Debugger {
  port: number;
  name: string;
  /** Words in the service's command, entrypoint or environment that show the debugger is on; none needed for ports only it uses. */
  evidence?: readonly string[];
}

/**
 * Debugger ports. 9229/9230 are Node's inspector and nothing else in practice; 5005 (JDWP), 2345 (Delve)
 * and 5678 (debugpy, but also n8n's web port) count only when the service visibly starts the debugger.
 */
const DEBUGGERS: readonly Debugger[] = [
  { port: 9229, name: "Node's inspector" },
  { port: 9230, name: "Node's inspector" },
  { port: 5005, name: 'the Java debugger (JDWP)', evidence: ['jdwp'] },
  { port: 2345, name: 'the Delve debugger', evidence: ['dlv'] },
  { port: 5678, name: 'debugpy', evidence: ['debugpy', 'ptvsd'] },
];

/**
 * compose/debug-port: a debugger port published on every interface. A
 * debugger runs any code it is sent, so whoever reaches the host's port owns
 * the container (and Docker's iptables rules bypass host firewalls). Files
 * for development only (`compose.override.yaml`, `compose.debug.yaml`) are
 * judged by their role in the deployment model.
 */
export const rule = defineRule('compose', {
  ruleId: 'compose/debug-port',
  detect(compose) {
    const findings: RawFinding[] = [];
    for (const service of compose.services) {
      const portsPair = lookupPair(compose.doc, service.map, 'ports');
      const editable = portsPair !== undefined && service.map.items.includes(portsPair) && service.pair.value === service.map;
      let startup: string | undefined;
      for (const item of seqItems(lookupValue(compose.doc, service.map, 'ports'))) {
        const node = resolveNode(compose.doc, item);
        const range = nodeRange(compose.file, node);
        const published = publishedDebugger(node);
        if (!published || !range) continue;
        startup ??= startupText(compose, service);
        const words = published.debugger.evidence;
        if (words && !words.some((word) => startup!.includes(word))) continue;
        findings.push({
          ruleId: this.ruleId,
          range,
          message: `Service "${service.name}" publishes ${published.debugger.name} (port ${published.debugger.port}) on all interfaces: a debugger runs any code it is sent, so anyone who reaches this host controls the container.`,
          fix: fixOf(`Publish on ${LOOPBACK} only`, () => (editable && item === node ? published.edits(compose) : [])),
        });
      }
    }
    return findings;
  },
});

interface Published {
  debugger: Debugger;
  edits(compose: ComposeFile): ReturnType<typeof shortSyntaxLoopbackEdits>;
}

function publishedDebugger(node: Node | null | undefined): Published | undefined {
  if (isMap(node)) {
    const map = node as YAMLMap<Node, Node | null>;
    const target = Number(scalarText(getValue(map, 'target')));
    const found = DEBUGGERS.find((candidate) => candidate.port === target);
    const hostIp = scalarText(getValue(map, 'host_ip'));
    if (!found || (hostIp !== undefined && hostIp !== '' && !bindsAllInterfaces(hostIp))) return undefined;
    return { debugger: found, edits: (compose) => longSyntaxLoopbackEdits(compose.file, map) };
  }
  const spec = scalarText(node);
  if (spec === undefined || !isScalar(node)) return undefined;
  const parsed = parseShortPort(spec);
  const container = parsed.container;
  const found = container && DEBUGGERS.find((candidate) => container.from <= candidate.port && candidate.port <= container.to);
  if (!found || !bindsAllInterfaces(parsed.hostIp)) return undefined;
  return { debugger: found, edits: (compose) => shortSyntaxLoopbackEdits(compose.file, node, spec, parsed.hostIp, parsed.hostIpOffset) };
}

/** The service's command, entrypoint and environment as one lower-case text, to look for a debugger's flags. */
function startupText(compose: ComposeFile, service: ComposeService): string {
  const texts: string[] = [];
  const collect = (node: unknown): void => {
    const resolved = resolveNode(compose.doc, node);
    if (isScalar(resolved)) texts.push(String(resolved.value));
    else if (isSeq(resolved)) for (const item of resolved.items) collect(item);
    else if (isMap(resolved)) for (const pair of resolved.items) collect(pair.value);
  };
  for (const key of ['command', 'entrypoint', 'environment']) collect(lookupValue(compose.doc, service.map, key));
  return texts.join(' ').toLowerCase();
}
