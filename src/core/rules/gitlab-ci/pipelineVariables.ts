import { isMap } from 'yaml';
import type { Node, Pair, YAMLMap } from 'yaml';
import { findPair, mapEntries, scalarString } from '../yaml/yamlSupport';
import type { Pipeline } from './pipeline';

export interface VariableEntry {
  /** The map that holds `variables:` (the root or a job). */
  owner: YAMLMap<Node, Node | null>;
  variables: YAMLMap<Node, Node | null>;
  name: string;
  pair: Pair<Node, Node | null>;
  /** The value node: the scalar itself, or the `value:` of the long form. */
  value: Node | null | undefined;
}

/** Every entry of the global and job-level `variables:` maps (hidden jobs included). */
export function everyVariable(pipeline: Pipeline): VariableEntry[] {
  const entries: VariableEntry[] = [];
  for (const owner of [pipeline.root, ...pipeline.jobs.map((job) => job.map)]) {
    const variables = findPair(owner, 'variables')?.value;
    if (!isMap(variables)) continue;
    for (const [name, pair] of mapEntries(variables)) {
      const value = isMap(pair.value) ? findPair(pair.value, 'value')?.value : pair.value;
      entries.push({ owner, variables: variables as YAMLMap<Node, Node | null>, name, pair, value });
    }
  }
  return entries;
}

/** The variable's value as a string (`true` and `"true"` alike), when it is a scalar. */
export function variableValue(entry: VariableEntry): string | undefined {
  return scalarString(entry.value);
}
