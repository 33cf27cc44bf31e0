import { isMap, isSeq } from 'yaml';
import type { Node } from 'yaml';
import { getValue, mapEntries, nodeRange, parseYamlFile, scalarString } from '../../rules/yaml/yamlSupport';
import type { YamlFile } from '../../rules/yaml/yamlSupport';
import type { HelmChartDigest, HelmValuesDigest } from '../types';
import { helmValueSettings } from './helmValueSettings';

/** `Chart.yaml`, and a chart's `values.yaml` / `values-<env>.yaml` (read as the chart's only when a Chart.yaml is beside it). */
export function isHelmChartName(basename: string): boolean {
  return basename === 'Chart.yaml' || basename === 'Chart.yml';
}

export function isHelmValuesName(basename: string): boolean {
  return /^values(?:[-.][\w-]+)?\.ya?ml$/.test(basename);
}

function parsed(text: string, parsedYaml?: () => YamlFile | undefined): YamlFile | undefined {
  try {
    return parsedYaml?.() ?? parseYamlFile(text);
  } catch {
    return undefined;
  }
}

export function helmChartDigest(path: string, text: string, parsedYaml?: () => YamlFile | undefined): HelmChartDigest {
  const contents = parsed(text, parsedYaml)?.documents[0]?.contents;
  const name = scalarString(getValue(contents, 'name'));
  const library = scalarString(getValue(contents, 'type')) === 'library';
  return { type: 'helm-chart', path, ...(name ? { name } : {}), ...(library ? { library } : {}) };
}

/**
 * The images a values file names (maps with `repository` (and `tag`) under an `image` key, or `image: repo:tag`),
 * and the values rules judge a chart by (helmValueSettings).
 */
export function helmValuesDigest(path: string, text: string, parsedYaml?: () => YamlFile | undefined): HelmValuesDigest {
  const images: HelmValuesDigest['images'] = [];
  // Most values files name neither an image nor a judged value (settings, fixtures): the text says so without a parse.
  if (!JUDGED_WORDS.some((word) => text.includes(word))) return { type: 'helm-values', path, images };
  const file = parsed(text, parsedYaml);
  if (!file) return { type: 'helm-values', path, images };
  collectImages(file, file.documents[0]?.contents, images, 0);
  const settings = helmValueSettings(file);
  return { type: 'helm-values', path, images, ...(settings.length > 0 ? { settings } : {}) };
}

const JUDGED_WORDS = ['image', 'resources', 'Probe', 'replicaCount', 'enabled'];

function collectImages(file: YamlFile, node: unknown, images: HelmValuesDigest['images'], depth: number): void {
  if (depth > 12) return;
  if (isSeq(node)) {
    for (const item of node.items) collectImages(file, item, images, depth + 1);
    return;
  }
  for (const [key, pair] of mapEntries(node)) {
    if (key === 'image') {
      const written = imageOf(pair.value);
      const line = nodeRange(file, pair.key as Node)?.start.line ?? 0;
      if (written) images.push({ image: written, line });
      continue;
    }
    if (isMap(pair.value) || isSeq(pair.value)) collectImages(file, pair.value, images, depth + 1);
  }
}

/** `image: repo:tag`, or `image: { registry, repository, tag }` (the tag may be empty: the chart's appVersion). */
function imageOf(node: unknown): string | undefined {
  const short = scalarString(node);
  if (short) return short.includes('{{') ? undefined : short;
  const repository = scalarString(getValue(node, 'repository')) ?? scalarString(getValue(node, 'name'));
  if (!repository || repository.includes('{{')) return undefined;
  const registry = scalarString(getValue(node, 'registry'));
  const tag = scalarString(getValue(node, 'tag'));
  const full = registry ? `${registry}/${repository}` : repository;
  return tag ? `${full}:${tag}` : full;
}
