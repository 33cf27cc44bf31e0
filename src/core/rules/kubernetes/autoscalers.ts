import { getValue, scalarString } from '../yaml/yamlSupport';
import type { K8sObject, ManifestFile, Workload } from './manifestModel';
import { sameNamespace } from './manifestModel';

/** Objects that scale a workload: a HorizontalPodAutoscaler, or a KEDA ScaledObject (which drives an HPA). */
const AUTOSCALER_KINDS = new Set(['HorizontalPodAutoscaler', 'ScaledObject']);

/** The autoscaler in this file whose `scaleTargetRef` names the workload, if any. */
export function autoscalerFor(manifests: ManifestFile, workload: Workload): K8sObject | undefined {
  return manifests.objects.find((object) => {
    if (!AUTOSCALER_KINDS.has(object.kind) || !sameNamespace(object, workload.object)) return false;
    const target = getValue(object.spec, 'scaleTargetRef');
    // KEDA's ScaledObject defaults the target kind to Deployment.
    const kind = scalarString(getValue(target, 'kind')) ?? (object.kind === 'ScaledObject' ? 'Deployment' : undefined);
    return kind === workload.object.kind && scalarString(getValue(target, 'name')) === workload.object.name;
  });
}
