import { isMap, isScalar } from 'yaml';
import type { Node, Pair } from 'yaml';
import { getValue, keyRange, mapEntries } from '../../rules/yaml/yamlSupport';
import type { YamlFile } from '../../rules/yaml/yamlSupport';
import type { HelmValue, HelmValueSetting } from '../types';

const PROBES = new Set(['livenessProbe', 'readinessProbe']);
/** The keys whose `enabled` switches an autoscaler on (`autoscaling.enabled`, podinfo's `hpa.enabled`). */
const AUTOSCALER_KEYS = new Set(['autoscaling', 'hpa']);
/** Values nest per component (`server.resources`, `controller.replicaCount`), rarely deeper than this. */
const MAX_DEPTH = 6;

/**
 * The values of a chart's values file that rules judge, at any depth: `resources` blocks, probe blocks,
 * `replicaCount` and the `enabled` switch of `autoscaling`/`hpa`. Which of them the chart really uses is
 * for its templates to say (the model links them); this only reads what the values hold.
 */
export function helmValueSettings(file: YamlFile): HelmValueSetting[] {
  const settings: HelmValueSetting[] = [];
  collect(file, file.documents[0]?.contents, [], settings);
  return settings;
}

function collect(file: YamlFile, node: unknown, path: string[], settings: HelmValueSetting[]): void {
  if (path.length > MAX_DEPTH || !isMap(node)) return;
  for (const [key, pair] of mapEntries(node)) {
    const value = valueOf(key, pair.value, path);
    const range = value && keyRange(file, pair as Pair<Node, Node | null>);
    if (value && range) settings.push({ path: [...path, key].join('.'), range, value });
    else if (isMap(pair.value)) collect(file, pair.value, [...path, key], settings);
  }
}

function valueOf(key: string, node: Node | null | undefined, path: readonly string[]): HelmValue | undefined {
  const absent = node === null || node === undefined || (isScalar(node) && (node.value === null || node.value === ''));
  if (key === 'resources' && (absent || isMap(node))) return resourcesOf(absent ? undefined : node);
  if (PROBES.has(key) && (absent || isMap(node))) return { kind: 'probe', set: !absent && isMap(node) && node.items.length > 0 };
  if (key === 'replicaCount' && isScalar(node) && typeof node.value === 'number') return { kind: 'replicaCount', count: node.value };
  if (key === 'enabled' && AUTOSCALER_KEYS.has(path[path.length - 1] ?? '') && isScalar(node) && typeof node.value === 'boolean')
    return { kind: 'switch', enabled: node.value };
  return undefined;
}

/** A limit counts as a request: Kubernetes copies a limit into a missing request (as k8s/resource-requests reads manifests). */
function resourcesOf(node: unknown): HelmValue {
  const written = (kind: 'requests' | 'limits', name: 'cpu' | 'memory') => {
    const value = getValue(getValue(node, kind), name);
    return value !== null && value !== undefined && !(isScalar(value) && (value.value === null || value.value === ''));
  };
  const empty = !isMap(node) || node.items.length === 0;
  const missingRequests = (['cpu', 'memory'] as const).filter((name) => !written('requests', name) && !written('limits', name));
  return { kind: 'resources', empty, missingRequests, memoryLimit: written('limits', 'memory') };
}
