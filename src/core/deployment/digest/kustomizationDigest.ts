import { isMap } from 'yaml';
import { getValue, scalarString, seqItems } from '../../rules/yaml/yamlSupport';
import type { YamlFile } from '../../rules/yaml/yamlSupport';
import { parseYamlFile } from '../../rules/yaml/yamlSupport';
import type { KustomizationDigest } from '../types';

/**
 * A kustomization's links (paths as written, relative to its folder): the
 * resources it builds on, the patches it applies (files that are partial and
 * never judged alone), and what it sets for every resource (`namespace:`,
 * `images:` tags, `replicas:`).
 */
export function kustomizationDigest(text: string, parsedYaml?: () => YamlFile | undefined): Omit<KustomizationDigest, 'path'> | undefined {
  let file: YamlFile | undefined;
  try {
    file = parsedYaml?.() ?? parseYamlFile(text);
  } catch {
    return undefined;
  }
  const root = file.documents[0]?.contents;
  if (!isMap(root)) return undefined;
  const strings = (key: string) => seqItems(getValue(root, key)).flatMap((item) => (scalarString(item) ? [scalarString(item)!] : []));
  const patches = [
    ...strings('patchesStrategicMerge'),
    ...['patches', 'patchesJson6902'].flatMap((key) =>
      seqItems(getValue(root, key)).flatMap((item) => {
        // A plain string is a file only in the legacy form; an inline patch is YAML text.
        const path = scalarString(getValue(item, 'path')) ?? scalarString(item);
        return path && !path.includes('\n') && (path.endsWith('.yaml') || path.endsWith('.yml') || path.endsWith('.json')) ? [path] : [];
      }),
    ),
  ];
  const digest: Omit<KustomizationDigest, 'path'> = {
    type: 'kustomization',
    resources: [...strings('resources'), ...strings('bases'), ...strings('components')].filter((path) => !path.includes('://')),
    patches,
    pinnedImages: seqItems(getValue(root, 'images')).flatMap((item) => {
      const name = scalarString(getValue(item, 'name'));
      const pinned = scalarString(getValue(item, 'newTag')) ?? scalarString(getValue(item, 'digest'));
      return name && pinned && pinned !== 'latest' ? [name] : [];
    }),
    replicas: {},
  };
  for (const item of seqItems(getValue(root, 'replicas'))) {
    const name = scalarString(getValue(item, 'name'));
    const count = Number(scalarString(getValue(item, 'count')));
    if (name && Number.isInteger(count)) digest.replicas[name] = count;
  }
  const components = strings('components').filter((path) => !path.includes('://'));
  if (components.length > 0) digest.components = components;
  const namespace = scalarString(getValue(root, 'namespace'));
  if (namespace) digest.namespace = namespace;
  const rewrites = ['commonLabels', 'labels', 'namePrefix', 'nameSuffix', 'helmCharts', 'helmChartInflationGenerator'].filter(
    (key) => getValue(root, key) !== undefined,
  );
  // A remote resource (`https://…`, `github.com/org/repo//deploy?ref=v1`) is built but never seen.
  if (
    [...strings('resources'), ...strings('bases')].some(
      (path) => path.includes('://') || path.startsWith('github.com/') || path.includes('?ref='),
    )
  )
    rewrites.push('remote resources');
  if (rewrites.length > 0) digest.rewrites = rewrites;
  return digest;
}
