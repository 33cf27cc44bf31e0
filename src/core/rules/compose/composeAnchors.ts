import type { HoverAnchor } from '../types';
import { findPair, keyRange, mapEntries } from '../yaml/yamlSupport';
import type { ComposeFile } from './composeModel';

/**
 * The keys a compose hover explains, with the concern they belong to and the
 * rules that look at them. Concerns match the rules' own (data/rules/compose.yml;
 * a unit test checks it).
 */
const SERVICE_ANCHORS: Readonly<Record<string, { concern: string; ruleIds: string[] }>> = {
  image: { concern: 'testing-deployment', ruleIds: ['compose/image-tag'] },
  ports: { concern: 'security', ruleIds: ['compose/database-port-exposed'] },
  healthcheck: { concern: 'fault-tolerance', ruleIds: ['compose/healthcheck', 'compose/depends-on-healthy'] },
  restart: { concern: 'fault-tolerance', ruleIds: ['compose/restart-policy'] },
  depends_on: { concern: 'fault-tolerance', ruleIds: ['compose/depends-on-healthy'] },
  deploy: { concern: 'fault-tolerance', ruleIds: ['compose/resource-limits', 'compose/restart-policy'] },
  mem_limit: { concern: 'fault-tolerance', ruleIds: ['compose/resource-limits'] },
  environment: { concern: 'security', ruleIds: ['compose/secret-in-environment'] },
  privileged: { concern: 'security', ruleIds: ['compose/privileged'] },
  volumes: { concern: 'security', ruleIds: ['compose/privileged'] },
  security_opt: { concern: 'security', ruleIds: ['compose/no-new-privileges'] },
};

const TOP_LEVEL_ANCHORS: Readonly<Record<string, { concern: string; ruleIds: string[] }>> = {
  version: { concern: 'tech-stack', ruleIds: ['compose/obsolete-version'] },
};

export const COMPOSE_ANCHOR_TABLES = { service: SERVICE_ANCHORS, topLevel: TOP_LEVEL_ANCHORS };

export function composeAnchors(compose: ComposeFile): HoverAnchor[] {
  const anchors: HoverAnchor[] = [];
  for (const [key, anchor] of Object.entries(TOP_LEVEL_ANCHORS)) {
    const pair = findPair(compose.root, key);
    const range = pair && keyRange(compose.file, pair);
    if (range) anchors.push({ range, concern: anchor.concern, ruleIds: [...anchor.ruleIds] });
  }
  for (const service of compose.services) {
    for (const [key, pair] of mapEntries(service.map)) {
      if (!Object.hasOwn(SERVICE_ANCHORS, key)) continue;
      const anchor = SERVICE_ANCHORS[key];
      const range = keyRange(compose.file, pair);
      if (range) anchors.push({ range, concern: anchor.concern, ruleIds: [...anchor.ruleIds] });
    }
  }
  return anchors;
}
