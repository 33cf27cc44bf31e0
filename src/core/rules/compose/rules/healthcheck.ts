import type { RawFinding } from '../../types';
import { insertEntries } from '../../yaml/yamlEdits';
import { editableServiceMap, lookupPair, lookupValue, scalarText, serviceNameRange } from '../composeModel';
import { defineRule } from '../../engine/ruleModule';
import { fixOf } from '../fix';
import { healthcheckEntries } from '../healthcheckTemplates';
import { composeAnchors } from '../anchorPlaces';
import { mergedDefaultsOf, sharedDefaults } from '../sharedDefaults';

/**
 * compose/healthcheck: every service declares a healthcheck (or disables it on
 * purpose with `disable: true`). Without one, Compose reports "running" for a
 * process that is hung, and dependants cannot wait for it to be ready.
 */
export const rule = defineRule('compose', {
  ruleId: 'compose/healthcheck',
  anchors: (compose) => composeAnchors(compose, 'service.healthcheck'),
  detect(compose) {
    const findings: RawFinding[] = [];
    for (const service of compose.services) {
      if (lookupPair(compose.doc, service.map, 'healthcheck')) continue;
      const range = serviceNameRange(compose, service);
      if (!range) continue;
      const map = editableServiceMap(service);
      const image = scalarText(lookupValue(compose.doc, service.map, 'image'));
      // One healthcheck serves services that run the same program (their defaults name its image or build), as a memory limit does.
      const merged = mergedDefaultsOf(compose, service);
      const defaults =
        merged && (lookupPair(compose.doc, merged.map, 'image') || lookupPair(compose.doc, merged.map, 'build')) ? merged : undefined;
      const sharedImage = defaults && scalarText(lookupValue(compose.doc, defaults.map, 'image'));
      const inDefaults = defaults
        ? fixOf(`Add a healthcheck to "${defaults.name}"`, () =>
            insertEntries(compose.file, defaults.map, { healthcheck: healthcheckEntries(sharedImage) }),
          )
        : undefined;
      findings.push({
        ruleId: this.ruleId,
        range,
        message: `Service "${service.name}" has no healthcheck in this file (a HEALTHCHECK baked into its image also counts, but is not visible here).`,
        fix: fixOf(`Add a healthcheck to "${service.name}"`, () =>
          map ? insertEntries(compose.file, map, { healthcheck: healthcheckEntries(image) }) : [],
        ),
        shared: sharedDefaults(
          defaults,
          'have no healthcheck: Compose reports a hung process as running, and dependants cannot wait for it to be ready',
          inDefaults,
        ),
      });
    }
    return findings;
  },
});
