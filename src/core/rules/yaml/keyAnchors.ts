import type { RuleAnchor } from '../engine/ruleAnchors';
import { findPair, keyRange } from './yamlSupport';
import type { YamlFile } from './yamlSupport';

/** The key `key` of each of these maps that has it, as hover anchors (a rule module's `anchors`): the key itself, not its value. */
export function keyAnchors(file: YamlFile, maps: Iterable<unknown>, key: string): RuleAnchor[] {
  const anchors: RuleAnchor[] = [];
  for (const map of maps) {
    const pair = findPair(map, key);
    const range = pair && keyRange(file, pair);
    if (range) anchors.push({ range });
  }
  return anchors;
}

/**
 * Keys at named levels of a file (`job.timeout-minutes`: the key in every job's map), as hover anchors: each kind
 * names its levels (`levels`: the maps of each), its rules name the places they look at.
 */
export function placeAnchors<Level extends string>(
  file: YamlFile,
  levels: Readonly<Record<Level, () => Iterable<unknown>>>,
  places: ReadonlyArray<`${Level}.${string}`>,
): RuleAnchor[] {
  return places.flatMap((place) => {
    const dot = place.indexOf('.');
    return keyAnchors(file, levels[place.slice(0, dot) as Level](), place.slice(dot + 1));
  });
}
