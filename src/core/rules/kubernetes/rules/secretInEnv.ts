import type { Node } from 'yaml';
import type { RawFinding } from '../../types';
import { isHardCodedSecret } from '../../secretLike';
import { credentialsInUrl } from '../../urlCredentials';
import { findPair, getValue, mapEntries, nodeRange, scalarString, seqItems } from '../../yaml/yamlSupport';
import { defineRule } from '../../engine/ruleModule';
import type { ManifestFile } from '../manifestModel';
import { describe, everyContainer } from '../manifestModel';
import { workloadAnchors } from '../anchorPlaces';

/**
 * k8s/secret-in-env: a password, token or key written as a literal `value:` in a container's `env`
 * (init containers too), or in a ConfigMap's `data` (what `envFrom` loads), is committed with the
 * manifest and readable by anyone who can read the repository or `kubectl get` the object. Names and
 * values are judged by the shared secretLike heuristic; a password inside a URL
 * (`postgres://app:pw@db/shop`) counts whatever the variable is called (urlCredentials).
 * Not secrets: `valueFrom` (a Secret reference), `$(VAR)` (Kubernetes expands another variable),
 * empty values, fill-in slots (`<token>`).
 */
export const rule = defineRule('kubernetes', {
  ruleId: 'k8s/secret-in-env',
  anchors: (manifests) => workloadAnchors(manifests, 'container.env'),
  detect(manifests) {
    const findings: RawFinding[] = [];
    for (const workload of manifests.workloads) {
      for (const container of everyContainer(workload)) {
        const owner = `container "${container.name ?? '?'}" of ${describe(workload.object)}`;
        for (const item of seqItems(getValue(container.map, 'env'))) {
          const name = scalarString(getValue(item, 'name'));
          const valueNode = getValue(item, 'value');
          if (name === undefined || findPair(item, 'valueFrom')) continue;
          const finding = judge(manifests, name, valueNode, owner);
          if (finding) findings.push(finding);
        }
      }
    }
    for (const object of manifests.objects) {
      if (object.kind !== 'ConfigMap') continue;
      for (const [name, pair] of mapEntries(getValue(object.map, 'data'))) {
        const finding = judge(manifests, name, pair.value, describe(object));
        if (finding) findings.push(finding);
      }
    }
    return findings;
  },
});

function judge(manifests: ManifestFile, name: string, valueNode: Node | null | undefined, owner: string): RawFinding | undefined {
  const value = scalarString(valueNode);
  const range = nodeRange(manifests.file, valueNode);
  // Multi-line values are files (application.properties, nginx.conf): only their URLs are read.
  if (value === undefined || !range || isVariableReference(value)) return undefined;
  const ruleId = 'k8s/secret-in-env';
  if (!value.includes('\n') && isHardCodedSecret(name, value))
    return {
      ruleId,
      range,
      message: `"${name}" of ${owner} is a literal secret in the manifest: reference a Secret (\`valueFrom.secretKeyRef\`) instead.`,
    };
  const credentials = credentialsInUrl(value);
  if (credentials)
    return {
      ruleId,
      range,
      message: `"${name}" of ${owner} holds a password inside a URL (${credentials.scheme}://${credentials.user}:***@…): keep the URL or the password in a Secret.`,
    };
  return undefined;
}

/** `$(DB_PASSWORD)`: Kubernetes expands another variable of the container (which may come from a Secret). */
function isVariableReference(value: string): boolean {
  const trimmed = value.trim();
  return trimmed.startsWith('$(') && trimmed.endsWith(')') && trimmed.indexOf('$(', 1) < 0;
}
