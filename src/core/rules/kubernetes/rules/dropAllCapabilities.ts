import type { TextEdit } from '../../../text';
import type { RawFinding } from '../../types';
import { anchoredEdits, insertAtPath, replaceValue } from '../../yaml/yamlEdits';
import { findPair, getValue, keyRange, nodeRange, scalarString, seqItems } from '../../yaml/yamlSupport';
import { defineRule } from '../../engine/ruleModule';
import { fixOf } from '../../compose/fix';
import { capabilities, capabilityName } from '../capabilities';
import { isPrivileged } from '../containerSettings';
import type { Container, ManifestFile } from '../manifestModel';
import { describe, everyContainer } from '../manifestModel';
import { mustCreateMap } from '../mapCreation';
import { containerSecurityPair } from '../securityContext';
import { workloadAnchors } from '../anchorPlaces';

/**
 * k8s/drop-all-capabilities: the runtime's default set still holds NET_RAW (spoofed packets), CHOWN,
 * SETUID and more; `drop: [ALL]` and adding back the few the process needs is the least-privilege
 * baseline. Privileged containers are the privileged rule's.
 */
export const rule = defineRule('kubernetes', {
  ruleId: 'k8s/drop-all-capabilities',
  anchors: (manifests) => workloadAnchors(manifests, 'pod.securityContext', 'container.securityContext'),
  detect(manifests) {
    const findings: RawFinding[] = [];
    for (const workload of manifests.workloads) {
      for (const container of everyContainer(workload)) {
        if (isPrivileged(container)) continue;
        const drop = getValue(capabilities(container), 'drop');
        const securityPair = containerSecurityPair(container);
        if (seqItems(drop).some((item) => capabilityName(scalarString(item) ?? '') === 'ALL')) continue;
        const range =
          nodeRange(manifests.file, drop) ??
          (securityPair && keyRange(manifests.file, securityPair)) ??
          nodeRange(manifests.file, container.anchorNode);
        if (!range) continue;
        findings.push({
          ruleId: this.ruleId,
          range,
          message: `Container "${container.name ?? '?'}" of ${describe(workload.object)} keeps the runtime's default capabilities (NET_RAW, SETUID, CHOWN…): nothing drops ALL.`,
          fix: fixOf('Drop ALL capabilities (add back only what the process needs)', () => dropAllEdits(manifests, container)),
        });
      }
    }
    return findings;
  },
});

/** `drop: [ALL]` replaces a drop list that lacks it (ALL covers what it named), or is inserted under securityContext.capabilities. */
function dropAllEdits(manifests: ManifestFile, container: Container): TextEdit[] {
  const caps = capabilities(container);
  if (findPair(caps, 'drop')) return replaceValue(manifests.file, caps, 'drop', ['ALL']);
  const edits = insertAtPath(manifests.file, container.map, ['securityContext', 'capabilities'], { drop: ['ALL'] });
  // Several settings' fixes create a missing securityContext: anchored, they overlap and fix-all writes it once.
  return mustCreateMap(container.map, 'securityContext') ? anchoredEdits(manifests.file, edits) : edits;
}
