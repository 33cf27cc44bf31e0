import type { RawFinding } from '../../types';
import { insertAtPath } from '../../yaml/yamlEdits';
import { editableServiceMap, lookupPair, lookupValue, resolveNode, serviceNameRange } from '../composeModel';
import { defineRule } from '../../engine/ruleModule';
import { fixOf } from '../fix';
import { mergedDefaultsOf, sharedDefaults } from '../sharedDefaults';
import { composeAnchors } from '../anchorPlaces';

/** What the fix writes: a starting point the fix's title asks the user to size. */
const DEFAULT_MEMORY_LIMIT = '512M';

/**
 * compose/resource-limits: a memory limit per service (`deploy.resources.limits.memory`
 * or the legacy `mem_limit`), so one leaking service cannot starve the host.
 */
export const rule = defineRule('compose', {
  ruleId: 'compose/resource-limits',
  anchors: (compose) => composeAnchors(compose, 'service.deploy', 'service.mem_limit'),
  detect(compose) {
    const findings: RawFinding[] = [];
    for (const service of compose.services) {
      if (lookupPair(compose.doc, service.map, 'mem_limit')) continue;
      const deployPair = lookupPair(compose.doc, service.map, 'deploy');
      const deploy = deployPair ? resolveNode(compose.doc, deployPair.value) : undefined;
      const limits = lookupValue(compose.doc, lookupValue(compose.doc, deploy, 'resources'), 'limits');
      if (lookupPair(compose.doc, limits, 'memory')) continue;
      const range = serviceNameRange(compose, service);
      if (!range) continue;
      const map = editableServiceMap(service);
      // A `deploy` inherited through `<<:` cannot be extended here: a new key would replace it wholesale.
      const inheritsDeploy = deployPair !== undefined && !service.map.items.includes(deployPair);
      const title = `Limit memory to ${DEFAULT_MEMORY_LIMIT} (size it to the service's real peak)`;
      // A limit is sized per program: shared only by services that run the same one (the defaults name its image or build).
      const merged = mergedDefaultsOf(compose, service);
      const defaults =
        merged && (lookupPair(compose.doc, merged.map, 'image') || lookupPair(compose.doc, merged.map, 'build')) ? merged : undefined;
      // In the defaults only when they hold no `deploy` of their own through a further merge (a new key would replace it).
      const sharedDeploy = defaults && lookupPair(compose.doc, defaults.map, 'deploy');
      const inDefaults =
        defaults && (!sharedDeploy || defaults.map.items.includes(sharedDeploy))
          ? fixOf(title, () =>
              insertAtPath(compose.file, defaults.map, ['deploy', 'resources', 'limits'], { memory: DEFAULT_MEMORY_LIMIT }),
            )
          : undefined;
      findings.push({
        ruleId: this.ruleId,
        range,
        message: `Service "${service.name}" has no memory limit: a leak in it can exhaust the host and take every other service down.`,
        fix: fixOf(title, () =>
          map && !inheritsDeploy
            ? insertAtPath(compose.file, map, ['deploy', 'resources', 'limits'], { memory: DEFAULT_MEMORY_LIMIT })
            : [],
        ),
        shared: sharedDefaults(
          defaults,
          'have no memory limit: a leak in one can exhaust the host and take every other service down',
          inDefaults,
        ),
      });
    }
    return findings;
  },
});
