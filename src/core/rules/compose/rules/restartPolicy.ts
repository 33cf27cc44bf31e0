import type { RawFinding } from '../../types';
import { insertEntries } from '../../yaml/yamlEdits';
import { editableServiceMap, lookupPair, lookupValue, serviceNameRange } from '../composeModel';
import { defineRule } from '../../engine/ruleModule';
import { fixOf } from '../fix';
import { mergedDefaultsOf, sharedDefaults } from '../sharedDefaults';
import { composeAnchors } from '../anchorPlaces';

/** compose/restart-policy: a service without `restart:` (or `deploy.restart_policy`) stays down after a crash or a reboot. */
export const rule = defineRule('compose', {
  ruleId: 'compose/restart-policy',
  anchors: (compose) => composeAnchors(compose, 'service.restart', 'service.deploy'),
  detect(compose) {
    const findings: RawFinding[] = [];
    for (const service of compose.services) {
      if (lookupPair(compose.doc, service.map, 'restart')) continue;
      if (lookupPair(compose.doc, lookupValue(compose.doc, service.map, 'deploy'), 'restart_policy')) continue;
      const range = serviceNameRange(compose, service);
      if (!range) continue;
      const map = editableServiceMap(service);
      const title = 'Add `restart: unless-stopped`';
      const defaults = mergedDefaultsOf(compose, service);
      const inDefaults = defaults && fixOf(title, () => insertEntries(compose.file, defaults.map, { restart: 'unless-stopped' }));
      findings.push({
        ruleId: this.ruleId,
        range,
        message: `Service "${service.name}" has no restart policy: it stays down after a crash or a host reboot.`,
        fix: fixOf(title, () => (map ? insertEntries(compose.file, map, { restart: 'unless-stopped' }) : [])),
        shared: sharedDefaults(defaults, 'have no restart policy: they stay down after a crash or a host reboot', inDefaults),
      });
    }
    return findings;
  },
});
