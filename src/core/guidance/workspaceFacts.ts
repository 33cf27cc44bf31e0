import { hasKubernetesObject } from '../format/fileKinds';
import type { WorkspaceFacts } from '../rules/types';
import { parseDocumentsWithinLimits } from '../rules/yaml/nestingLimit';

/** Kubernetes kinds that run container images: their presence means images are health-checked by probes. */
const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod', 'Rollout']);

/** Glob of the files that can change workspace facts (for finders and watchers). */
export const WORKSPACE_FACT_FILES = '**/*.{yml,yaml}';

/** True when a YAML text holds a Kubernetes workload (Deployment, StatefulSet, …). */
export function definesKubernetesWorkload(text: string): boolean {
  if (!hasKubernetesObject(text)) return false;
  try {
    return parseDocumentsWithinLimits(text).documents.some((doc) => {
      const kind = (doc.contents as { get?: (key: string) => unknown } | null)?.get?.('kind');
      return typeof kind === 'string' && WORKLOAD_KINDS.has(kind);
    });
  } catch {
    return false;
  }
}

/**
 * Facts about a workspace that file rules depend on, from the texts of its
 * YAML files (the caller chooses which: the extension uses `findFiles`, the
 * CLI its scan). Pure, so both callers agree.
 */
export function workspaceFactsFrom(yamlTexts: Iterable<string>): WorkspaceFacts {
  for (const text of yamlTexts) {
    if (definesKubernetesWorkload(text)) return { deploysWithKubernetes: true };
  }
  return { deploysWithKubernetes: false };
}
