import type { Node, Pair } from 'yaml';
import type { HoverAnchor } from '../types';
import { findPair, keyRange, nodeRange } from '../yaml/yamlSupport';
import type { YamlFile } from '../yaml/yamlSupport';
import type { ManifestFile } from './manifestModel';

interface AnchorSpec {
  concern: string;
  ruleIds: string[];
}

/**
 * The places a Kubernetes hover explains, with the concern they belong to and
 * the rules that look at them. Each concern is one of its rules' own
 * (data/rules/kubernetes.yml; a unit test checks it).
 */
export const KUBERNETES_ANCHORS: Readonly<Record<string, AnchorSpec>> = {
  kind: { concern: 'scalability', ruleIds: ['k8s/horizontal-pod-autoscaler', 'k8s/pod-disruption-budget', 'k8s/network-policy'] },
  namespace: { concern: 'security', ruleIds: ['k8s/default-namespace'] },
  replicas: {
    concern: 'scalability',
    ruleIds: ['k8s/replicas', 'k8s/horizontal-pod-autoscaler', 'k8s/pod-disruption-budget', 'k8s/pod-anti-affinity'],
  },
  image: { concern: 'testing-deployment', ruleIds: ['k8s/image-tag', 'k8s/image-digest'] },
  resources: { concern: 'scalability', ruleIds: ['k8s/resource-requests', 'k8s/memory-limit'] },
  env: { concern: 'security', ruleIds: ['k8s/secret-in-env'] },
  readinessProbe: { concern: 'fault-tolerance', ruleIds: ['k8s/readiness-probe'] },
  livenessProbe: { concern: 'fault-tolerance', ruleIds: ['k8s/liveness-probe'] },
  securityContext: {
    concern: 'security',
    ruleIds: [
      'k8s/run-as-non-root',
      'k8s/privilege-escalation',
      'k8s/privileged-container',
      'k8s/read-only-root-filesystem',
      'k8s/dangerous-capabilities',
      'k8s/drop-all-capabilities',
      'k8s/seccomp-profile',
      'k8s/root-group',
      'k8s/low-user-id',
    ],
  },
  hostNetwork: { concern: 'security', ruleIds: ['k8s/host-namespaces'] },
  hostPID: { concern: 'security', ruleIds: ['k8s/host-namespaces'] },
  hostIPC: { concern: 'security', ruleIds: ['k8s/host-namespaces'] },
  volumes: { concern: 'security', ruleIds: ['k8s/sensitive-host-path', 'k8s/writable-host-path'] },
};

/** Anchors of every workload: its kind, namespace and replicas, the pod's securityContext, and each container's keys. */
export function manifestAnchors(manifests: ManifestFile): HoverAnchor[] {
  const anchors: HoverAnchor[] = [];
  const { file } = manifests;
  for (const workload of manifests.workloads) {
    const object = workload.object;
    push(anchors, 'kind', nodeRange(file, object.kindNode));
    pushKey(anchors, file, findPair(object.metadata, 'namespace'), 'namespace');
    pushKey(anchors, file, findPair(object.spec, 'replicas'), 'replicas');
    for (const key of ['securityContext', 'hostNetwork', 'hostPID', 'hostIPC', 'volumes'])
      pushKey(anchors, file, findPair(workload.podSpec, key), key);
    for (const container of [...workload.initContainers, ...workload.containers]) {
      for (const key of ['image', 'env', 'resources', 'readinessProbe', 'livenessProbe', 'securityContext']) {
        pushKey(anchors, file, findPair(container.map, key), key);
      }
    }
  }
  return anchors;
}

function pushKey(anchors: HoverAnchor[], file: YamlFile, pair: Pair<Node, Node | null> | undefined, key: string): void {
  if (pair) push(anchors, key, keyRange(file, pair));
}

function push(anchors: HoverAnchor[], key: string, range: HoverAnchor['range'] | undefined): void {
  const spec = KUBERNETES_ANCHORS[key];
  if (range && spec) anchors.push({ range, concern: spec.concern, ruleIds: [...spec.ruleIds] });
}
