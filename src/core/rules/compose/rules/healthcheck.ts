import type { RawFinding } from '../../types';
import { insertEntries } from '../../yaml/yamlEdits';
import { editableServiceMap, lookupPair, lookupValue, scalarText, serviceNameRange } from '../composeModel';
import { defineRule } from '../../engine/ruleModule';
import { fixOf } from '../fix';
import { healthcheckEntries } from '../healthcheckTemplates';
import { composeAnchors } from '../anchorPlaces';

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
      const edits = map ? insertEntries(compose.file, map, { healthcheck: healthcheckEntries(image) }) : [];
      findings.push({
        ruleId: this.ruleId,
        range,
        message: `Service "${service.name}" has no healthcheck in this file (a HEALTHCHECK baked into its image also counts, but is not visible here).`,
        fix: fixOf(`Add a healthcheck to "${service.name}"`, edits),
      });
    }
    return findings;
  },
});
