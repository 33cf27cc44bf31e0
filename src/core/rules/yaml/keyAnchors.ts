import type { Range } from '../../text';
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
  // Several rules anchor the same place (`step.run`, `step.uses`): each place of a parse is looked up once.
  let known = PLACES.get(file);
  if (!known) PLACES.set(file, (known = new Map()));
  return places.flatMap((place) => {
    let ranges = known.get(place);
    if (!ranges) {
      const dot = place.indexOf('.');
      ranges = keyAnchors(file, levels[place.slice(0, dot) as Level](), place.slice(dot + 1)).map((anchor) => anchor.range);
      known.set(place, ranges);
    }
    return ranges.map((range) => ({ range }));
  });
}

/** The ranges of each place, per parse (a kind names its places alike for every rule; a new parse starts afresh). */
const PLACES = new WeakMap<YamlFile, Map<string, Range[]>>();
