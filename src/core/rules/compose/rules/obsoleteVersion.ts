import { findPair, keyRange } from '../../yaml/yamlSupport';
import { removeEntry } from '../../yaml/yamlEdits';
import { defineRule } from '../../engine/ruleModule';
import { fixOf } from '../fix';
import { composeAnchors } from '../anchorPlaces';

/**
 * compose/obsolete-version: Compose v2 ignores the top-level `version:` and
 * warns that it is obsolete; it only suggests a file format that no longer exists.
 */
export const rule = defineRule('compose', {
  ruleId: 'compose/obsolete-version',
  anchors: (compose) => composeAnchors(compose, 'top-level.version'),
  detect(compose) {
    const pair = findPair(compose.root, 'version');
    const range = pair && keyRange(compose.file, pair);
    if (!range) return [];
    return [
      {
        ruleId: this.ruleId,
        range,
        message: 'The top-level `version:` is obsolete: Compose ignores it and prints a warning.',
        fix: fixOf('Remove the obsolete `version:` line', () => removeEntry(compose.file, compose.root, 'version')),
      },
    ];
  },
});
