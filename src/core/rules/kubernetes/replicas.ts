import { isScalar } from 'yaml';
import type { Node } from 'yaml';
import { findPair, getValue, scalarString } from '../yaml/yamlSupport';
import { autoscalerFor } from './autoscalers';
import type { K8sObject, ManifestFile, Workload } from './manifestModel';
import { REPLICATED_KINDS } from './manifestModel';

/**
 * How many replicas a workload is guaranteed to run, and where that number is
 * written: the workload's `replicas` (1 when absent), or, when an autoscaler
 * in the same file targets it, the HPA's `minReplicas` (1 when absent).
 */
export interface ReplicaFloor {
  count: number;
  /** The object that sets it: the workload itself or its HorizontalPodAutoscaler. */
  owner: K8sObject;
  /** `replicas` or `minReplicas`. */
  key: 'replicas' | 'minReplicas';
  /** The value node when written; undefined when the default applies. */
  valueNode?: Node;
}

/**
 * The replica floor of a replicated workload, or undefined when it is not
 * replicated, not a literal integer (templated), scaled to zero on purpose,
 * or governed by a KEDA ScaledObject (whose minimum means something else).
 */
export function replicaFloor(manifests: ManifestFile, workload: Workload): ReplicaFloor | undefined {
  if (!REPLICATED_KINDS.has(workload.object.kind)) return undefined;
  const autoscaler = autoscalerFor(manifests, workload);
  if (autoscaler && autoscaler.kind !== 'HorizontalPodAutoscaler') return undefined;
  const owner = autoscaler ?? workload.object;
  const key = autoscaler ? 'minReplicas' : 'replicas';
  const pair = findPair(owner.spec, key);
  const written = scalarString(pair?.value);
  if (written === undefined) {
    // Absent or empty: the default of 1. Anything else (a map, a list) is not a count we can read.
    return pair?.value && !isScalar(pair.value) ? undefined : { count: 1, owner, key };
  }
  const count = Number(written);
  if (!Number.isInteger(count) || count < 0) return undefined;
  if (count === 0 && !autoscaler) return undefined;
  return { count, owner, key, valueNode: pair?.value ?? undefined };
}

/** The HPA's `maxReplicas`, when it is a literal integer. */
export function maxReplicas(owner: K8sObject): number | undefined {
  const value = Number(scalarString(getValue(owner.spec, 'maxReplicas')));
  return Number.isInteger(value) ? value : undefined;
}
