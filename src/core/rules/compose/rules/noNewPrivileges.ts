import type { Node, Pair } from 'yaml';
import type { RawFinding, RuleFix } from '../../types';
import { insertEntries } from '../../yaml/yamlEdits';
import { findPair, keyRange, seqItems } from '../../yaml/yamlSupport';
import { editableServiceMap, lookupPair, resolveNode, scalarText, serviceNameRange } from '../composeModel';
import type { ComposeFile, ComposeService } from '../composeModel';
import { defineRule } from '../../engine/ruleModule';
import { fixOf } from '../fix';
import { appendSequenceItem } from '../sequenceEdits';
import { mergedDefaultsOf, sharedDefaults } from '../sharedDefaults';
import { composeAnchors } from '../anchorPlaces';

const OPTION = 'no-new-privileges:true';
const TITLE = `Add \`security_opt: [${OPTION}]\``;

/**
 * compose/no-new-privileges: without `security_opt: [no-new-privileges:true]`
 * a process in the container can gain privileges through setuid binaries.
 */
export const rule = defineRule('compose', {
  ruleId: 'compose/no-new-privileges',
  anchors: (compose) => composeAnchors(compose, 'service.security_opt'),
  detect(compose) {
    const findings: RawFinding[] = [];
    for (const service of compose.services) {
      const pair = lookupPair(compose.doc, service.map, 'security_opt');
      const options = resolveNode(compose.doc, pair?.value);
      if (seqItems(options).some((item) => isNoNewPrivileges(scalarText(resolveNode(compose.doc, item))))) continue;
      const ownPair = pair && service.map.items.includes(pair) ? pair : undefined;
      const range = (ownPair && keyRange(compose.file, ownPair)) || serviceNameRange(compose, service);
      if (!range) continue;
      // Shared only when the service has no security_opt of its own (its own list would override the defaults').
      const defaults = ownPair ? undefined : mergedDefaultsOf(compose, service);
      const defaultsPair = defaults && findPair(defaults.map, 'security_opt');
      const inDefaults =
        defaults &&
        (defaultsPair
          ? fixOf(TITLE, () => appendSequenceItem(compose.file, defaultsPair.value, OPTION))
          : fixOf(TITLE, () => insertEntries(compose.file, defaults.map, { security_opt: [OPTION] })));
      findings.push({
        ruleId: this.ruleId,
        range,
        message: `Service "${service.name}" does not set no-new-privileges: setuid binaries in the image can still escalate.`,
        fix: fixFor(compose, service, pair),
        shared: sharedDefaults(defaults, 'do not set no-new-privileges: setuid binaries in their images can still escalate', inDefaults),
      });
    }
    return findings;
  },
});

function isNoNewPrivileges(option: string | undefined): boolean {
  if (option === undefined) return false;
  const normalized = option.replace(/\s+/g, '').toLowerCase();
  return normalized === 'no-new-privileges' || normalized === 'no-new-privileges:true' || normalized === 'no-new-privileges=true';
}

function fixFor(compose: ComposeFile, service: ComposeService, pair: Pair<Node, Node | null> | undefined): RuleFix | undefined {
  const map = editableServiceMap(service);
  if (!map) return undefined;
  if (!pair) return fixOf(TITLE, () => insertEntries(compose.file, map, { security_opt: [OPTION] }));
  // Only a list written right here can be extended (an inherited or aliased one is shared).
  if (!map.items.includes(pair)) return undefined;
  return fixOf(TITLE, () => appendSequenceItem(compose.file, pair.value, OPTION));
}
