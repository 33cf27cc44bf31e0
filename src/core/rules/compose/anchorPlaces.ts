import type { RuleAnchor } from '../engine/ruleAnchors';
import { placeAnchors } from '../yaml/keyAnchors';
import type { ComposeFile } from './composeModel';

/** A key of every service (`service.ports`) or of the file (`top-level.version`). */
export type ComposePlace = `${'service' | 'top-level'}.${string}`;

/** The places of a compose file the rules anchor their hovers on (a rule module's `anchors`). */
export function composeAnchors(compose: ComposeFile, ...places: ComposePlace[]): RuleAnchor[] {
  return placeAnchors(
    compose.file,
    { service: () => compose.services.map((service) => service.map), 'top-level': () => [compose.root] },
    places,
  );
}
