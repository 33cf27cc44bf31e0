import type { EvidenceFacts, ResourceFact, SourceRef } from '../../facts';
import type { ResourceReads } from './context';
import { child, entriesOf, expandLists, queryPath, scalarNumber, scalarText } from '../../parsers/locatedTree';

/**
 * Kubernetes workloads merged by kind and name. Kustomize overlays and patches
 * are partial copies of a workload (a patch may set only `replicas`, or add a
 * probe to one container), so facts from every document of the same workload
 * are combined: a container has a probe if any document gives it one, and
 * the workload runs the most replicas any document asks for.
 */
export interface Workload {
  kind: string;
  name: string;
  at: SourceRef;
  /** Explicit replicas (highest over documents), or undefined when none sets it (Kubernetes then runs 1). */
  replicas?: number;
  containers: Map<string, { readiness?: SourceRef; liveness?: SourceRef; env: Array<{ key: string; at: SourceRef }> }>;
  zoneSpread?: SourceRef;
  /** Autoscalers that target it, with their minimum. */
  autoscalerMinimum?: { minimum: number; at: SourceRef };
  /** Labels of its pod template (what a PodDisruptionBudget selects). */
  podLabels: Map<string, string>;
  /** A PodDisruptionBudget whose selector matches the pod labels. */
  disruptionBudget?: SourceRef;
}

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Rollout']);
const ZONE_KEYS = new Set(['topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone']);

export function isWorkloadResource(resource: Pick<ResourceFact, 'apiVersion' | 'kind'>): boolean {
  return WORKLOAD_KINDS.has(resource.kind) && (resource.apiVersion.startsWith('apps/') || resource.apiVersion.startsWith('argoproj.io/'));
}

/**
 * Whether the resource makes Kubernetes run pods: the long-running workloads above, and also batch work (Job,
 * CronJob), bare Pods and ReplicaSets. Kubernetes ignores a Dockerfile's HEALTHCHECK in every one of them (its
 * probes decide), so this, not isWorkloadResource, answers "does this service deploy with Kubernetes".
 */
export function runsPodsOnKubernetes(resource: ResourceFact): boolean {
  if (isWorkloadResource(resource)) return true;
  const { kind, apiVersion } = resource;
  if (kind === 'Job' || kind === 'CronJob') return apiVersion.startsWith('batch/');
  if (kind === 'ReplicaSet') return apiVersion.startsWith('apps/');
  return kind === 'Pod' && apiVersion === 'v1';
}

export function workloads(facts: EvidenceFacts): Workload[] {
  const steps = workloadSteps(facts);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/** workloads(), one resource per step: a service with thousands of manifests (a derivation pauses between steps). */
export function* workloadSteps(facts: EvidenceFacts): Generator<void, Workload[], undefined> {
  const byKey = new Map<string, Workload>();
  for (const resource of facts.resources) {
    yield;
    if (!isWorkloadResource(resource) || !resource.name) continue;
    const key = `${resource.kind}/${resource.name}`;
    let workload = byKey.get(key);
    if (!workload) {
      workload = { kind: resource.kind, name: resource.name, at: resource.at, containers: new Map(), podLabels: new Map() };
      byKey.set(key, workload);
    }
    mergeDocument(workload, resource);
  }
  for (const other of facts.resources) {
    yield;
    applyAutoscaler(other, byKey);
    applyDisruptionBudget(other, byKey);
  }
  // A workload is one we can judge only if some document describes its containers.
  return [...byKey.values()].filter((workload) => workload.containers.size > 0);
}

function mergeDocument(workload: Workload, resource: ResourceFact): void {
  const path = resource.at.path;
  const spec = child(resource.root, 'spec');
  const replicas = scalarNumber(child(spec, 'replicas'));
  if (replicas !== undefined) workload.replicas = Math.max(workload.replicas ?? 0, replicas);
  const containers = child(child(child(spec, 'template'), 'spec'), 'containers');
  const hasContainers = containers !== undefined && expandLists(containers).length > 0;
  // Point at the document that defines the containers (the base), not at a replicas patch.
  if (hasContainers && workload.containers.size === 0) workload.at = resource.at;
  for (const container of expandLists(containers ?? { kind: 'list', items: [], line: 0 })) {
    const name = scalarText(child(container, 'name')) ?? '';
    const entry = workload.containers.get(name) ?? { env: [] };
    const readiness = entriesOf(container, 'readinessProbe')[0];
    const liveness = entriesOf(container, 'livenessProbe')[0];
    if (readiness && !entry.readiness) entry.readiness = { path, line: readiness.keyLine };
    if (liveness && !entry.liveness) entry.liveness = { path, line: liveness.keyLine };
    for (const variable of expandLists(child(container, 'env') ?? { kind: 'list', items: [], line: 0 })) {
      const key = scalarText(child(variable, 'name'));
      if (key) entry.env.push({ key, at: { path, line: variable.line } });
    }
    workload.containers.set(name, entry);
  }
  const podLabels = child(child(child(spec, 'template'), 'metadata'), 'labels');
  if (podLabels?.kind === 'map') for (const entry of podLabels.entries) workload.podLabels.set(entry.key, scalarText(entry.value) ?? '');
  const podSpec = child(child(spec, 'template'), 'spec');
  const spreadKeys = [
    ...queryPath(podSpec, 'topologySpreadConstraints.topologyKey'),
    ...queryPath(podSpec, 'affinity.podAntiAffinity.*.topologyKey'),
    ...queryPath(podSpec, 'affinity.podAntiAffinity.*.podAffinityTerm.topologyKey'),
  ];
  const zone = spreadKeys.find((key) => ZONE_KEYS.has(scalarText(key) ?? ''));
  if (zone && !workload.zoneSpread) workload.zoneSpread = { path, line: zone.line };
}

/**
 * The resources whose body (past apiVersion, kind and metadata) workloads() reads — workloads, autoscalers,
 * disruption budgets — and what it reads of them: a scan keeps no more (a workload's containers as written in real
 * repositories, their images, arguments, resources and volumes, were tens of KB each, held by the editor's scan cache).
 * Every path mergeDocument, applyAutoscaler and applyDisruptionBudget follow must be here.
 */
export const WORKLOADS_READ: ResourceReads = {
  of: (resource) => isWorkloadResource(resource) || isHpa(resource) || isKeda(resource) || isDisruptionBudget(resource),
  paths: [
    'spec.replicas',
    'spec.template.metadata.labels',
    'spec.template.spec.containers.name',
    'spec.template.spec.containers.readinessProbe',
    'spec.template.spec.containers.livenessProbe',
    'spec.template.spec.containers.env.name',
    'spec.template.spec.topologySpreadConstraints.topologyKey',
    'spec.template.spec.affinity.podAntiAffinity',
    'spec.scaleTargetRef',
    'spec.minReplicas',
    'spec.minReplicaCount',
    'spec.selector.matchLabels',
  ],
};

function isHpa(resource: Pick<ResourceFact, 'apiVersion' | 'kind'>): boolean {
  return resource.kind === 'HorizontalPodAutoscaler' && resource.apiVersion.startsWith('autoscaling/');
}

function isKeda(resource: Pick<ResourceFact, 'apiVersion' | 'kind'>): boolean {
  return resource.kind === 'ScaledObject' && resource.apiVersion.startsWith('keda.sh/');
}

function isDisruptionBudget(resource: Pick<ResourceFact, 'apiVersion' | 'kind'>): boolean {
  return resource.kind === 'PodDisruptionBudget' && resource.apiVersion.startsWith('policy/');
}

/** HorizontalPodAutoscaler (minReplicas, default 1) and KEDA ScaledObject (minReplicaCount, default 0). */
function applyAutoscaler(resource: ResourceFact, byKey: Map<string, Workload>): void {
  const hpa = isHpa(resource);
  if (!hpa && !isKeda(resource)) return;
  const target = child(child(resource.root, 'spec'), 'scaleTargetRef');
  const kind = scalarText(child(target, 'kind')) ?? 'Deployment';
  const name = scalarText(child(target, 'name'));
  const workload = name ? byKey.get(`${kind}/${name}`) : undefined;
  if (!workload) return;
  const minimumNode = child(child(resource.root, 'spec'), hpa ? 'minReplicas' : 'minReplicaCount');
  const minimum = scalarNumber(minimumNode) ?? (hpa ? 1 : 0);
  workload.autoscalerMinimum = { minimum, at: { path: resource.at.path, line: minimumNode?.line ?? resource.at.line } };
}

/** A PodDisruptionBudget covers the workloads whose pod labels include all its matchLabels. */
function applyDisruptionBudget(resource: ResourceFact, byKey: Map<string, Workload>): void {
  if (!isDisruptionBudget(resource)) return;
  const matchLabels = child(child(child(resource.root, 'spec'), 'selector'), 'matchLabels');
  if (matchLabels?.kind !== 'map' || matchLabels.entries.length === 0) return;
  for (const workload of byKey.values()) {
    const selected = matchLabels.entries.every((entry) => workload.podLabels.get(entry.key) === scalarText(entry.value));
    if (selected && !workload.disruptionBudget) workload.disruptionBudget = resource.at;
  }
}

/** The instances the workload runs at least: an autoscaler's minimum when one targets it, else its replicas (default 1). */
export function minimumInstances(workload: Workload): number {
  return workload.autoscalerMinimum?.minimum ?? workload.replicas ?? 1;
}
