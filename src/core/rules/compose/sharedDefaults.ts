import { isMap, isSeq } from 'yaml';
import type { Node, YAMLMap } from 'yaml';
import type { Range } from '../../text';
import type { SharedDefaults } from '../types';
import { findPair, nodeRange } from '../yaml/yamlSupport';
import { resolveNode } from './composeModel';
import type { ComposeFile, ComposeService } from './composeModel';

/** The anchored map a service merges first (`<<: *defaults`), where the key that names it is, and its name. */
export interface MergedDefaults {
  name: string;
  map: YAMLMap<Node, Node | null>;
  range: Range;
}

/**
 * The defaults a service merges first, when they are a block map written in
 * this file: `<<: *snuba_defaults`, or the first of `<<: [*defaults, *logging]`.
 * Compose files with many services (self-hosted stacks) share their settings
 * this way; a setting missing from every service that merges the same
 * defaults has one root cause and one fix, in the defaults.
 */
export function mergedDefaultsOf(compose: ComposeFile, service: ComposeService): MergedDefaults | undefined {
  const merge = findPair(service.map, '<<');
  if (!merge) return undefined;
  const first = isSeq(merge.value) ? merge.value.items[0] : merge.value;
  const source = (first as { source?: unknown } | undefined)?.source;
  const map = resolveNode(compose.doc, first);
  if (typeof source !== 'string' || !isMap(map) || map.flow) return undefined;
  // Where the defaults are named: the `x-defaults:` key that holds them, else the anchored map itself.
  const holder = compose.root.items.find((pair) => pair.value === map);
  const range = (holder && nodeRange(compose.file, holder.key as Node)) || nodeRange(compose.file, map);
  if (!range) return undefined;
  const name = holder ? String((holder.key as { value?: unknown } | null)?.value ?? source) : source;
  return { name, map: map as YAMLMap<Node, Node | null>, range };
}

/** What a missing-setting finding carries so the judge can report the services that share defaults once (see SharedDefaults). */
export function sharedDefaults(
  defaults: MergedDefaults | undefined,
  predicate: string,
  fix: SharedDefaults['fix'],
): SharedDefaults | undefined {
  return defaults ? { name: defaults.name, range: defaults.range, predicate, ...(fix ? { fix } : {}) } : undefined;
}
