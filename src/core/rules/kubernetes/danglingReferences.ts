import { isMap } from 'yaml';
import type { RawFinding } from '../types';
import { findPair, getValue, keyRange, nodeRange, scalarString } from '../yaml/yamlSupport';
import { describe, labelsOf, POD_SPEC_KINDS, REPLICATED_KINDS } from './manifestModel';
import type { K8sObject, ManifestFile, Workload } from './manifestModel';

/**
 * The references a file-local reading can already call dangling: a Service or PodDisruptionBudget whose
 * selector matches no workload of the file, an autoscaler whose `scaleTargetRef` names none. Whether
 * another file deploys the target is the judge's question (deployment/judge/danglingReferences.ts): it
 * drops the finding when any workload of the workspace matches, or when the pods may come from what we
 * cannot read. A file that also holds an operator's resource with a pod template is not judged here.
 */
export function danglingSelectors(manifests: ManifestFile, kind: 'Service' | 'PodDisruptionBudget', ruleId: string): RawFinding[] {
  if (makesOtherPods(manifests)) return [];
  const findings: RawFinding[] = [];
  for (const object of manifests.objects) {
    if (object.kind !== kind) continue;
    const pair = findPair(object.spec, 'selector');
    const node = kind === 'Service' ? pair?.value : getValue(pair?.value, 'matchLabels');
    // An ExternalName Service, a Service without a selector (endpoints managed elsewhere), selector expressions: not judged.
    if (!pair || !isMap(node) || node.items.length === 0) continue;
    if (kind === 'Service' && scalarString(getValue(object.spec, 'type')) === 'ExternalName') continue;
    if (kind === 'PodDisruptionBudget' && getValue(pair.value, 'matchExpressions') !== undefined) continue;
    const selector = labelsOf(node);
    if ([...selector.values()].some((value) => value.includes('{{') || value.includes('${'))) continue;
    if (manifests.workloads.some((workload) => sameNamespace(object, workload) && selects(selector, workload))) continue;
    const range = keyRange(manifests.file, pair);
    if (!range) continue;
    const labels = [...selector].map(([key, value]) => `${key}=${value}`).join(', ');
    const effect = kind === 'Service' ? 'it routes traffic to no pod' : 'it keeps no pod running through node drains and upgrades';
    findings.push({
      ruleId,
      range,
      message: `${describe(object)} selects pods labelled ${labels}, and no workload in the workspace has a pod template with those labels: ${effect}.`,
    });
  }
  return findings;
}

/** An autoscaler whose `scaleTargetRef` names a Deployment, StatefulSet, ReplicaSet or DeploymentConfig the file does not hold. */
export function danglingScaleTargets(manifests: ManifestFile, ruleId: string): RawFinding[] {
  if (makesOtherPods(manifests)) return [];
  const findings: RawFinding[] = [];
  for (const object of manifests.objects) {
    if (object.kind !== 'HorizontalPodAutoscaler') continue;
    const ref = getValue(object.spec, 'scaleTargetRef');
    const kind = scalarString(getValue(ref, 'kind'));
    const namePair = findPair(ref, 'name');
    const name = scalarString(namePair?.value);
    // A custom resource with a scale subresource (an Argo Rollout) is not a workload we read.
    if (!kind || !REPLICATED_KINDS.has(kind) || !name || name.includes('{{') || name.includes('${')) continue;
    if (manifests.workloads.some(({ object: each }) => each.kind === kind && each.name === name && sameNamespace(object, { object: each })))
      continue;
    const range = nodeRange(manifests.file, namePair?.value);
    if (!range) continue;
    findings.push({
      ruleId,
      range,
      message: `${describe(object)} scales ${kind} "${name}", which no manifest in the workspace defines: it scales nothing.`,
    });
  }
  return findings;
}

function selects(selector: ReadonlyMap<string, string>, workload: Workload): boolean {
  return [...selector].every(([key, value]) => workload.podLabels.get(key) === value);
}

/** Namespaces as written: unwritten matches any (kustomize or `kubectl -n` sets it). */
function sameNamespace(object: K8sObject, workload: Pick<Workload, 'object'>): boolean {
  return object.namespace === undefined || workload.object.namespace === undefined || object.namespace === workload.object.namespace;
}

/** The file holds an object of another API than Kubernetes' own with a pod template or containers (its pods' labels are its own). */
function makesOtherPods(manifests: ManifestFile): boolean {
  return manifests.objects.some((object) => !POD_SPEC_KINDS.has(object.kind) && isForeignApi(object) && hasPodShape(object.spec, 0));
}

/** An API group outside Kubernetes itself (`argoproj.io`, `serving.knative.dev`; not `apps`, `batch` or `*.k8s.io`). */
export function isForeignApi(object: K8sObject): boolean {
  const apiVersion = scalarString(getValue(object.map, 'apiVersion')) ?? '';
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  return group.includes('.') && !group.endsWith('.k8s.io');
}

/** A `containers:` list or a `template:` map at most 8 levels down (also read by the manifest digest). */
export function hasPodShape(node: unknown, depth: number): boolean {
  if (depth > 8 || !isMap(node)) return false;
  for (const pair of node.items) {
    const key = scalarString(pair.key as never);
    if (key === 'containers' || (key === 'template' && isMap(pair.value))) return true;
    if (hasPodShape(pair.value, depth + 1)) return true;
  }
  return false;
}
