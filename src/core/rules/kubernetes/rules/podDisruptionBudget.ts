import { isMap, isScalar } from 'yaml';
import type { Node } from 'yaml';
import type { TextEdit } from '../../../text';
import type { RawFinding } from '../../types';
import { appendDocument, eolOf } from '../../yaml/yamlEdits';
import { getPath, getValue, mapEntries, nodeRange } from '../../yaml/yamlSupport';

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
import { defineRule } from '../../engine/ruleModule';
import { fixOf } from '../../compose/fix';
import { selectorMatches } from '../labelSelector';
import type { ManifestFile, Workload } from '../manifestModel';
import { describe, sameNamespace } from '../manifestModel';
import { replicaFloor } from '../replicas';
import { workloadAnchors } from '../anchorPlaces';
import { inConcern } from '../../engine/ruleAnchors';

/**
 * k8s/pod-disruption-budget: a workload running several replicas needs a
 * PodDisruptionBudget, or a node drain may evict all of them at once. Only
 * this file is visible, so the message says "in this file".
 */
export const rule = defineRule('kubernetes', {
  ruleId: 'k8s/pod-disruption-budget',
  anchors: (manifests) => inConcern('scalability', workloadAnchors(manifests, 'kind', 'spec.replicas')),
  detect(manifests) {
    const findings: RawFinding[] = [];
    for (const workload of manifests.workloads) {
      const floor = replicaFloor(manifests, workload);
      if (!floor || floor.count < 2 || hasBudget(manifests, workload)) continue;
      const range = nodeRange(manifests.file, workload.object.kindNode);
      if (!range) continue;
      findings.push({
        ruleId: this.ruleId,
        range,
        message: `No PodDisruptionBudget in this file selects the pods of ${describe(workload.object)}: a node drain may evict all its replicas at once.`,
        fix: fixOf(`Add a PodDisruptionBudget for ${describe(workload.object)}`, () => budgetEdits(manifests, workload)),
      });
    }
    return findings;
  },
});

function hasBudget(manifests: ManifestFile, workload: Workload): boolean {
  return manifests.objects.some(
    (object) =>
      object.kind === 'PodDisruptionBudget' &&
      sameNamespace(object, workload.object) &&
      selectorMatches(getValue(object.spec, 'selector'), workload.podLabels),
  );
}

/**
 * A new `---` document: `maxUnavailable: 1` (works at any replica count, unlike
 * a `minAvailable` that can block drains) selecting the workload's own
 * `matchLabels`, copied as written. No fix without a name or matchLabels.
 */
function budgetEdits(manifests: ManifestFile, workload: Workload): TextEdit[] {
  const name = workload.object.name;
  const matchLabels = getPath(workload.object.spec, ['selector', 'matchLabels']);
  // A valid object name (DNS subdomain) plus "-pdb" is always a plain YAML string.
  if (!name || !DNS_SUBDOMAIN.test(name) || !isMap(matchLabels) || matchLabels.items.length === 0) return [];
  const text = manifests.file.text;
  const namespaceNode = getValue(workload.object.metadata, 'namespace');
  const pairs = mapEntries(matchLabels).map(([, pair]) => pair);
  // Copy single-line scalars only: an alias or a block scalar would not survive the move to a new document.
  const copyable = (node: Node | null) => isScalar(node) && node.range !== undefined && !sourceOf(text, node).includes('\n');
  if (!pairs.every((pair) => copyable(pair.key) && copyable(pair.value)) || (namespaceNode && !copyable(namespaceNode))) return [];
  const labelLines = pairs.map((pair) => `      ${sourceOf(text, pair.key)}: ${sourceOf(text, pair.value)}`);
  const lines = [
    'apiVersion: policy/v1',
    'kind: PodDisruptionBudget',
    'metadata:',
    `  name: ${name}-pdb`,
    ...(namespaceNode ? [`  namespace: ${sourceOf(text, namespaceNode)}`] : []),
    'spec:',
    '  maxUnavailable: 1',
    '  selector:',
    '    matchLabels:',
    ...labelLines,
  ];
  const eol = eolOf(text);
  return appendDocument(manifests.file, lines.join(eol) + eol);
}

/** A node's source text as written (keeps quoting, so `"true"` stays a string). */
function sourceOf(text: string, node: Node | null): string {
  return node?.range ? text.slice(node.range[0], node.range[1]) : '""';
}
