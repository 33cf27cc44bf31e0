import { isMap, isSeq } from 'yaml';
import type { Node } from 'yaml';
import type { TextEdit } from '../../../text';
import type { RawFinding } from '../../types';
import { insertEntries, replaceScalar, replaceValue } from '../../yaml/yamlEdits';
import type { YamlEntries } from '../../yaml/yamlEdits';
import { findPair, mapEntries, nodeRange } from '../../yaml/yamlSupport';
import { editableServiceMap, lookupPair, lookupValue, resolveNode, scalarText } from '../composeModel';
import type { ComposeFile, ComposeService } from '../composeModel';
import { defineRule } from '../../engine/ruleModule';
import { fixOf } from '../fix';
import { composeAnchors } from '../anchorPlaces';

/**
 * compose/depends-on-healthy: `depends_on` only waits for a container to
 * *start*; when the dependency has a healthcheck, `condition: service_healthy`
 * makes the dependant wait until it is actually ready. Only a dependency
 * without a condition is reported: a condition written out is a choice.
 */
export const rule = defineRule('compose', {
  ruleId: 'compose/depends-on-healthy',
  anchors: (compose) => composeAnchors(compose, 'service.healthcheck', 'service.depends_on'),
  detect(compose) {
    const healthy = new Set(compose.services.filter((service) => hasHealthcheck(compose, service)).map((service) => service.name));
    const findings: RawFinding[] = [];
    for (const service of compose.services) {
      const dependsOn = lookupValue(compose.doc, service.map, 'depends_on');
      for (const dependency of weakDependencies(compose, dependsOn, healthy)) {
        const range = nodeRange(compose.file, dependency.node);
        if (!range) continue;
        findings.push({
          ruleId: this.ruleId,
          range,
          message: `"${service.name}" starts as soon as "${dependency.name}" starts, not when its healthcheck passes.`,
          fix: fixOf(`Wait for "${dependency.name}" to be healthy`, () => fixEdits(compose, service, dependsOn, dependency, healthy)),
        });
      }
    }
    return findings;
  },
});

interface WeakDependency {
  name: string;
  /** What the finding points at: the list item, or the dependency's key/condition in the long form. */
  node: Node;
  /** Long form only: the dependency's value as written (a map, or empty) and the condition written in it, if any. */
  entry?: { value: unknown; condition?: Node };
}

/** A healthcheck that is declared and not switched off (`disable: true` or `test: ["NONE"]`). */
function hasHealthcheck(compose: ComposeFile, service: ComposeService): boolean {
  const healthcheck = lookupValue(compose.doc, service.map, 'healthcheck');
  if (!isMap(healthcheck)) return false;
  if (scalarText(lookupValue(compose.doc, healthcheck, 'disable')) === 'true') return false;
  const test = lookupValue(compose.doc, healthcheck, 'test');
  const first = isSeq(test) ? scalarText(test.items[0]) : scalarText(test);
  return first !== 'NONE';
}

function weakDependencies(compose: ComposeFile, dependsOn: unknown, healthy: ReadonlySet<string>): WeakDependency[] {
  const weak: WeakDependency[] = [];
  if (isSeq(dependsOn)) {
    for (const item of dependsOn.items) {
      const name = scalarText(item);
      if (name !== undefined && healthy.has(name)) weak.push({ name, node: item as Node });
    }
    return weak;
  }
  for (const [name, pair] of mapEntries(dependsOn)) {
    if (!healthy.has(name)) continue;
    const entry = resolveNode(compose.doc, pair.value);
    const conditionPair = lookupPair(compose.doc, entry, 'condition');
    const condition = scalarText(conditionPair?.value);
    // A condition written out is a choice, not an omission (issue #11): `service_started` says the dependant copes
    // with a dependency still warming up (it retries), `service_completed_successfully` waits for a one-shot job.
    if (condition !== undefined && condition !== '') continue;
    weak.push({
      name,
      node: (conditionPair?.value as Node | null) ?? (pair.key as Node),
      entry: { value: pair.value, condition: findPair(pair.value, 'condition')?.value ?? undefined },
    });
  }
  return weak;
}

function fixEdits(
  compose: ComposeFile,
  service: ComposeService,
  dependsOn: unknown,
  dependency: WeakDependency,
  healthy: ReadonlySet<string>,
): TextEdit[] {
  const map = editableServiceMap(service);
  const ownDependsOn = map?.items.some((item) => item === lookupPair(compose.doc, map, 'depends_on'));
  if (!map || !ownDependsOn) return [];
  if (isSeq(dependsOn)) {
    // The short form has no conditions: rewrite the list as the long form, every dependency kept.
    const names = dependsOn.items.map((item) => scalarText(item));
    if (names.some((name) => name === undefined || name === '')) return [];
    const longForm: YamlEntries = Object.fromEntries(
      (names as string[]).map((name) => [name, { condition: healthy.has(name) ? 'service_healthy' : 'service_started' }]),
    );
    return replaceValue(compose.file, map, 'depends_on', longForm);
  }
  const entry = dependency.entry;
  if (!entry) return [];
  // `condition:` left empty has no text to replace: the entry's value is written instead.
  if (entry.condition && scalarText(entry.condition) === '' && isMap(entry.value))
    return replaceValue(compose.file, entry.value, 'condition', 'service_healthy');
  if (entry.condition) return replaceScalar(compose.file, entry.condition, 'service_healthy');
  if (isMap(entry.value)) return insertEntries(compose.file, entry.value, { condition: 'service_healthy' });
  if (entry.value === null || scalarText(entry.value) === '')
    return replaceValue(compose.file, dependsOn, dependency.name, { condition: 'service_healthy' });
  return []; // an alias: editing the anchor would change every user of it
}
