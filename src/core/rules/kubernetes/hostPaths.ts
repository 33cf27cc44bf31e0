import type { Node } from 'yaml';
import { getPath, getValue, scalarString, seqItems } from '../yaml/yamlSupport';
import type { Container, Workload } from './manifestModel';

/** A pod's `hostPath` volume: its name, the host path as written, and the `path:` node findings point at. */
export interface HostPathVolume {
  name: string;
  path: string;
  pathNode: Node;
}

/** The pod's hostPath volumes (a volume without a name or path is left out: no mount can use it). */
export function hostPathVolumes(workload: Workload): HostPathVolume[] {
  const volumes: HostPathVolume[] = [];
  for (const volume of seqItems(getValue(workload.podSpec, 'volumes'))) {
    const name = scalarString(getValue(volume, 'name'));
    const pathNode = getPath(volume, ['hostPath', 'path']);
    const path = scalarString(pathNode);
    if (name !== undefined && path !== undefined && pathNode) volumes.push({ name, path, pathNode });
  }
  return volumes;
}

/** The container's `volumeMounts` entries that mount the named volume. */
export function mountsOf(container: Container, volume: string): unknown[] {
  return seqItems(getValue(container.map, 'volumeMounts')).filter((mount) => scalarString(getValue(mount, 'name')) === volume);
}

/** Host folders whose contents give the node away: its root, its configuration and credentials, its kernel interfaces. */
const SENSITIVE_FOLDERS = new Set([
  '/',
  '/boot',
  '/dev',
  '/etc',
  '/etc/kubernetes',
  '/lib',
  '/proc',
  '/root',
  '/run',
  '/sys',
  '/usr',
  '/var/run',
  '/var/lib/kubelet',
  '/var/lib/docker',
  '/var/lib/containerd',
]);

/** Container runtime sockets: whoever can talk to one starts privileged containers on the node. */
const RUNTIME_SOCKETS = ['docker.sock', 'containerd.sock', 'crio.sock', 'cri-dockerd.sock', 'podman.sock'];

/** Why mounting this host path hands over the node, or undefined when it is not one of the known sensitive paths. */
export function sensitiveHostPath(path: string): string | undefined {
  let normalized = path.trim();
  while (normalized.length > 1 && normalized.endsWith('/')) normalized = normalized.slice(0, -1);
  const file = normalized.slice(normalized.lastIndexOf('/') + 1);
  if (RUNTIME_SOCKETS.includes(file)) return 'the container runtime socket: whoever reaches it starts privileged containers on the node';
  if (normalized === '/') return "the node's whole filesystem";
  if (SENSITIVE_FOLDERS.has(normalized)) return `${normalized} of the node: its configuration, credentials or kernel interfaces`;
  return undefined;
}
