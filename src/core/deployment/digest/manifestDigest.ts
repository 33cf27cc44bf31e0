import { isMap } from 'yaml';
import { findPair, getPath, getValue, nodeRange, scalarString } from '../../rules/yaml/yamlSupport';
import type { K8sObject, ManifestFile, Workload } from '../../rules/kubernetes/manifestModel';
import { labelsOf, POD_SPEC_KINDS } from '../../rules/kubernetes/manifestModel';
import { hasPodShape, isForeignApi } from '../../rules/kubernetes/danglingReferences';
import { bindingOf } from '../../rules/kubernetes/rbac';
import { effectiveSecurityValue } from '../../rules/kubernetes/securityContext';
import { serviceAccountOf } from '../../rules/kubernetes/serviceAccounts';
import type {
  ConfigObjectDigest,
  FileDigest,
  GitOpsDigest,
  ManifestDigest,
  ServiceAccountDigest,
  WorkloadDigest,
  WorkloadTargetDigest,
} from '../types';
import { withFields } from '../../withFields';

/** Objects that scale a workload by name (KEDA's ScaledObject drives an HPA). */
const SCALERS = new Set(['HorizontalPodAutoscaler', 'ScaledObject']);

/**
 * What the workspace model needs of a manifest file: its workloads (images,
 * pod labels, probes), the objects that target workloads from anywhere in
 * the workspace (autoscalers, disruption budgets, network policies,
 * Services), and GitOps objects that say where a folder is deployed.
 */
export function manifestDigests(manifests: ManifestFile): FileDigest[] {
  const workloads = manifests.workloads.map((workload) => workloadDigest(manifests, workload));
  const targets: WorkloadTargetDigest[] = [];
  const gitops: GitOpsDigest[] = [];
  const accounts: ServiceAccountDigest[] = [];
  const podSources: Array<{ kind: string; line: number }> = [];
  const configs: ConfigObjectDigest[] = [];
  for (const object of manifests.objects) {
    if (object.kind === 'ConfigMap' || object.kind === 'Secret') {
      const config: ConfigObjectDigest = { kind: object.kind, line: lineOf(manifests, object) };
      if (object.name) config.name = object.name;
      if (object.namespace) config.namespace = object.namespace;
      configs.push(config);
    }
    if (makesUnseenPods(object)) podSources.push({ kind: object.kind, line: lineOf(manifests, object) });
    const target = targetDigest(manifests, object);
    if (target) targets.push(target);
    const deployed = gitOpsDigest(manifests, object);
    if (deployed) gitops.push(deployed);
    accounts.push(...serviceAccountDigests(manifests, object));
  }
  const digest: ManifestDigest = { type: 'kubernetes', path: '', workloads, targets };
  if (accounts.length > 0) digest.serviceAccounts = accounts;
  if (podSources.length > 0) digest.podSources = podSources;
  if (configs.length > 0) digest.configs = configs;
  return [digest, ...gitops];
}

/**
 * An object of an API outside Kubernetes itself that makes pods we do not read as a workload: one with a
 * pod template or containers somewhere in its spec (Argo Rollouts, Knative, operators' resources), a Flux
 * HelmRelease, or an Argo CD Application of a Helm chart.
 */
function makesUnseenPods(object: K8sObject): boolean {
  if (POD_SPEC_KINDS.has(object.kind) || !isForeignApi(object)) return false;
  if (object.kind === 'HelmRelease') return true;
  if (object.kind === 'Application' && (scalarString(getValue(object.map, 'apiVersion')) ?? '').startsWith('argoproj.io/')) {
    const source = getValue(object.spec, 'source');
    return (
      getValue(object.spec, 'sources') !== undefined || getValue(source, 'chart') !== undefined || getValue(source, 'helm') !== undefined
    );
  }
  return hasPodShape(object.spec, 0);
}

/** The ServiceAccounts a binding grants a role to, or a ServiceAccount that turns its token off. */
function serviceAccountDigests(manifests: ManifestFile, object: K8sObject): ServiceAccountDigest[] {
  const line = lineOf(manifests, object);
  if (object.kind === 'ServiceAccount' && object.name && scalarString(getValue(object.map, 'automountServiceAccountToken')) === 'false') {
    const digest: ServiceAccountDigest = { name: object.name, line, tokenOff: true };
    if (object.namespace) digest.namespace = object.namespace;
    return [digest];
  }
  const binding = bindingOf(object);
  if (!binding) return [];
  return binding.serviceAccounts.map((account) => ({ ...account, line, boundBy: `${object.kind} "${object.name ?? '?'}"` }));
}

function lineOf(manifests: ManifestFile, object: K8sObject): number {
  return nodeRange(manifests.file, object.kindNode)?.start.line ?? 0;
}

function workloadDigest(manifests: ManifestFile, workload: Workload): WorkloadDigest {
  const { object } = workload;
  const containers = workload.containers;
  const digest: WorkloadDigest = {
    kind: object.kind,
    line: lineOf(manifests, object),
    images: [...containers, ...workload.initContainers].flatMap((container) => {
      const image = scalarString(getValue(container.map, 'image'));
      return image ? [image] : [];
    }),
    podLabels: Object.fromEntries(workload.podLabels),
    hasReadinessProbe: containers.length > 0 && containers.every((container) => findPair(container.map, 'readinessProbe')),
    hasLivenessProbe: containers.length > 0 && containers.every((container) => findPair(container.map, 'livenessProbe')),
    nonRootImages: containers.flatMap((container) => {
      const image = scalarString(getValue(container.map, 'image'));
      const nonRoot = effectiveSecurityValue(workload, container, 'runAsNonRoot')?.value === 'true';
      const user = Number(effectiveSecurityValue(workload, container, 'runAsUser')?.value);
      return image && (nonRoot || (Number.isInteger(user) && user > 0)) && user !== 0 ? [image] : [];
    }),
  };
  if (object.name) digest.name = object.name;
  if (object.namespace) digest.namespace = object.namespace;
  const account = serviceAccountOf(workload).name;
  if (account !== 'default') digest.serviceAccount = account;
  return digest;
}

function targetDigest(manifests: ManifestFile, object: K8sObject): WorkloadTargetDigest | undefined {
  const base: WorkloadTargetDigest = { kind: object.kind, line: lineOf(manifests, object) };
  if (object.name) base.name = object.name;
  if (object.namespace) base.namespace = object.namespace;
  if (SCALERS.has(object.kind)) {
    const ref = getValue(object.spec, 'scaleTargetRef');
    const kind = scalarString(getValue(ref, 'kind')) ?? (object.kind === 'ScaledObject' ? 'Deployment' : undefined);
    if (!kind) return undefined;
    const name = scalarString(getValue(ref, 'name'));
    const scaler: WorkloadTargetDigest = { ...base, targetRef: name ? { kind, name } : { kind } };
    if (object.kind === 'HorizontalPodAutoscaler') {
      const written = getValue(object.spec, 'minReplicas');
      const count = written === undefined || written === null ? 1 : Number(scalarString(written));
      if (Number.isInteger(count) && count >= 0) scaler.minReplicas = count;
    }
    return scaler;
  }
  const selector =
    object.kind === 'PodDisruptionBudget'
      ? getValue(object.spec, 'selector')
      : object.kind === 'NetworkPolicy'
        ? getValue(object.spec, 'podSelector')
        : undefined;
  if (selector !== undefined || object.kind === 'NetworkPolicy') {
    const digest: WorkloadTargetDigest = withFields(base, { selector: Object.fromEntries(labelsOf(getValue(selector, 'matchLabels'))) });
    if (getValue(selector, 'matchExpressions')) digest.selectorHasExpressions = true;
    return digest;
  }
  if (object.kind === 'Service') {
    const plain = getValue(object.spec, 'selector');
    // A Service without a selector routes to endpoints managed elsewhere: it selects no pod we can see.
    return isMap(plain) ? withFields(base, { selector: Object.fromEntries(labelsOf(plain)) }) : undefined;
  }
  return undefined;
}

/** An Argo CD Application (`spec.source.path`, `spec.destination.namespace`) or a Flux Kustomization (`spec.path`, `spec.targetNamespace`). */
function gitOpsDigest(manifests: ManifestFile, object: K8sObject): GitOpsDigest | undefined {
  const apiVersion = scalarString(getValue(object.map, 'apiVersion')) ?? '';
  let sourcePath: string | undefined;
  let namespace: string | undefined;
  if (object.kind === 'Application' && apiVersion.startsWith('argoproj.io/')) {
    sourcePath = scalarString(getPath(object.spec, ['source', 'path']));
    namespace = scalarString(getPath(object.spec, ['destination', 'namespace']));
  } else if (object.kind === 'Kustomization' && apiVersion.startsWith('kustomize.toolkit.fluxcd.io/')) {
    sourcePath = scalarString(getValue(object.spec, 'path'));
    namespace = scalarString(getValue(object.spec, 'targetNamespace'));
  }
  if (!sourcePath) return undefined;
  const digest: GitOpsDigest = { type: 'gitops', path: '', line: lineOf(manifests, object), sourcePath };
  if (namespace) digest.namespace = namespace;
  return digest;
}
