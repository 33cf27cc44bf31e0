import { getValue, scalarString } from '../yaml/yamlSupport';
import type { K8sObject, ManifestFile, Workload } from './manifestModel';
import { sameNamespace } from './manifestModel';

/** Objects that scale a workload: a HorizontalPodAutoscaler, or a KEDA ScaledObject (which drives an HPA). */
const AUTOSCALER_KINDS = new Set(['HorizontalPodAutoscaler', 'ScaledObject']);

/** A file's autoscalers by the kind, then the name (absent when unwritten), of their `scaleTargetRef`; each list in document order. */
type AutoscalerIndex = Map<string, Map<string | undefined, K8sObject[]>>;

/**
 * Built once per manifest file (several rules ask for every workload, so a
 * scan of every object per question would be quadratic in the file's size).
 * Keyed by the ManifestFile, which an analysis reads once and then only reads.
 */
const indexes = new WeakMap<ManifestFile, AutoscalerIndex>();

/** The autoscaler in this file whose `scaleTargetRef` names the workload, if any (the first in the file). */
export function autoscalerFor(manifests: ManifestFile, workload: Workload): K8sObject | undefined {
  let index = indexes.get(manifests);
  if (!index) indexes.set(manifests, (index = indexAutoscalers(manifests.objects)));
  const candidates = index.get(workload.object.kind)?.get(workload.object.name);
  return candidates?.find((autoscaler) => sameNamespace(autoscaler, workload.object));
}

function indexAutoscalers(objects: readonly K8sObject[]): AutoscalerIndex {
  const index: AutoscalerIndex = new Map();
  for (const object of objects) {
    if (!AUTOSCALER_KINDS.has(object.kind)) continue;
    const target = getValue(object.spec, 'scaleTargetRef');
    // KEDA's ScaledObject defaults the target kind to Deployment.
    const kind = scalarString(getValue(target, 'kind')) ?? (object.kind === 'ScaledObject' ? 'Deployment' : undefined);
    if (kind === undefined) continue; // no workload kind matches a target without one
    const name = scalarString(getValue(target, 'name'));
    let byName = index.get(kind);
    if (!byName) index.set(kind, (byName = new Map()));
    let candidates = byName.get(name);
    if (!candidates) byName.set(name, (candidates = []));
    candidates.push(object);
  }
  return index;
}
