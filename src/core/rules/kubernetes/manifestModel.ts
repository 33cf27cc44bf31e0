import { isMap, isScalar } from 'yaml';
import type { Document, Node, Pair, YAMLMap } from 'yaml';
import { followAliases, throughAlias } from '../yaml/aliasTargets';
import { findPair, getValue, mapEntries, scalarString, seqItems } from '../yaml/yamlSupport';
import type { YamlFile } from '../yaml/yamlSupport';

type YMap = YAMLMap<Node, Node | null>;

/**
 * A Kubernetes manifest file as every rule needs it: each object (one per
 * YAML document with `apiVersion` and `kind`), and for each workload its pod
 * spec and containers, wherever its kind keeps them.
 */
export interface ManifestFile {
  file: YamlFile;
  objects: K8sObject[];
  workloads: Workload[];
}

export interface K8sObject {
  doc: Document.Parsed;
  map: YMap;
  kind: string;
  /** The `kind:` value: where object-level findings point. */
  kindNode: Node;
  name?: string;
  /** As written; absent when the manifest leaves it to `kubectl -n` / kustomize. */
  namespace?: string;
  metadataPair?: Pair<Node, Node | null>;
  metadata?: YMap;
  spec?: YMap;
}

export interface Workload {
  object: K8sObject;
  /** The `spec:` pair of the pod spec (for a Pod, the object's own `spec:`). */
  podSpecPair: Pair<Node, Node | null>;
  podSpec: YMap;
  /** `spec.template.metadata.labels` (for a Pod, its own labels). */
  podLabels: ReadonlyMap<string, string>;
  /** `spec.template.metadata.annotations` (for a Pod, its own annotations). */
  podAnnotations: ReadonlyMap<string, string>;
  containers: Container[];
  initContainers: Container[];
}

export interface Container {
  map: YMap;
  name?: string;
  /** The `name:` value, or the first key when unnamed: where container-level findings point. */
  anchorNode: Node;
}

/** Where each workload kind keeps its pod spec, below the object. */
const POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  // OpenShift's DeploymentConfig keeps its pod template where a Deployment does (its selector is a plain label map).
  DeploymentConfig: ['spec', 'template', 'spec'],
};

/** The kinds read as workloads (their pod spec at a known place). */
export const POD_SPEC_KINDS: ReadonlySet<string> = new Set(Object.keys(POD_SPEC_PATHS));

/** Workloads that keep a replica count (and so can be scaled, disrupted and spread). */
export const REPLICATED_KINDS: ReadonlySet<string> = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'DeploymentConfig']);

/** Workloads that run to completion: no probes, no replicas. */
export const BATCH_KINDS: ReadonlySet<string> = new Set(['Job', 'CronJob']);

/**
 * Reads every document of the file. Documents with YAML errors are skipped
 * (their errors are reported as parse problems), as are documents that are
 * not Kubernetes objects.
 */
export function readManifestFile(file: YamlFile): ManifestFile {
  // kubectl reads aliases and merge keys (`<<: *worker`): every rule reads what it applies, with the anchors' ranges.
  followAliases(file, { mergeKeys: true });
  const objects: K8sObject[] = [];
  const workloads: Workload[] = [];
  for (const doc of file.documents) {
    if (doc.errors.length > 0) continue;
    const object = readObject(doc, doc.contents);
    if (!object) continue;
    // `kind: List` (what `kubectl get -o yaml` writes): each of its `items` is an object of its own, ranges inside the file.
    for (const each of isList(object) ? listItems(object) : [object]) {
      objects.push(each);
      const workload = readWorkload(each);
      if (workload) workloads.push(workload);
    }
  }
  return { file, objects, workloads };
}

/** `kind: List` (v1) or a typed list (`DeploymentList`) with an `items:` sequence. */
function isList(object: K8sObject): boolean {
  return (object.kind === 'List' || object.kind.endsWith('List')) && seqItems(getValue(object.map, 'items')).length > 0;
}

/** The items of a list that are objects themselves (one level: a list inside a list is not read). */
function listItems(list: K8sObject): K8sObject[] {
  return seqItems(getValue(list.map, 'items')).flatMap((item) => {
    const object = readObject(list.doc, item);
    return object && !isList(object) ? [object] : [];
  });
}

function readObject(doc: Document.Parsed, node: unknown): K8sObject | undefined {
  if (!isMap(node)) return undefined;
  const map = node as YMap;
  const kindNode = getValue(map, 'kind');
  const kind = scalarString(kindNode);
  if (!kind || !kindNode || scalarString(getValue(map, 'apiVersion')) === undefined) return undefined;
  const metadataPair = findPair(map, 'metadata');
  const metadataValue = throughAlias(metadataPair?.value);
  const metadata = isMap(metadataValue) ? (metadataValue as YMap) : undefined;
  const spec = getValue(map, 'spec');
  return {
    doc,
    map,
    kind,
    kindNode,
    name: scalarString(getValue(metadata, 'name')),
    namespace: scalarString(getValue(metadata, 'namespace')),
    metadataPair,
    metadata,
    spec: isMap(spec) ? (spec as YMap) : undefined,
  };
}

function readWorkload(object: K8sObject): Workload | undefined {
  const path = Object.hasOwn(POD_SPEC_PATHS, object.kind) ? POD_SPEC_PATHS[object.kind] : undefined;
  if (!path) return undefined;
  let parent: unknown = object.map;
  let podSpecPair: Pair<Node, Node | null> | undefined;
  for (const key of path) {
    podSpecPair = findPair(parent, key);
    parent = throughAlias(podSpecPair?.value);
  }
  if (!podSpecPair || !isMap(parent)) return undefined;
  const templateMetadata = object.kind === 'Pod' ? object.metadata : getValue(getParentOf(object.map, path), 'metadata');
  return {
    object,
    podSpecPair,
    podSpec: parent as YMap,
    podLabels: labelsOf(getValue(templateMetadata, 'labels')),
    podAnnotations: labelsOf(getValue(templateMetadata, 'annotations')),
    containers: readContainers(getValue(parent, 'containers')),
    initContainers: readContainers(getValue(parent, 'initContainers')),
  };
}

/** The map holding the pod spec's parent keys (the pod template), e.g. `spec.template`. */
function getParentOf(root: unknown, path: readonly string[]): unknown {
  let node: unknown = root;
  for (const key of path.slice(0, -1)) node = getValue(node, key);
  return node;
}

function readContainers(node: unknown): Container[] {
  const containers: Container[] = [];
  for (const entry of seqItems(node)) {
    const item = throughAlias(entry);
    if (!isMap(item) || item.items.length === 0) continue;
    const map = item as YMap;
    const nameNode = getValue(map, 'name');
    const anchorNode = (isScalar(nameNode) ? nameNode : map.items[0].key) as Node;
    containers.push({ map, name: scalarString(nameNode), anchorNode });
  }
  return containers;
}

/** String labels of a `labels:`/`matchLabels:` map (values as YAML reads them: `"true"` and `true` both give "true"). */
export function labelsOf(node: unknown): ReadonlyMap<string, string> {
  const labels = new Map<string, string>();
  for (const [key, pair] of mapEntries(node)) {
    const value = scalarString(pair.value);
    labels.set(key, value ?? '');
  }
  return labels;
}

/** Both namespaces written and different means different objects; a missing one may be set at apply time. */
export function sameNamespace(a: K8sObject, b: K8sObject): boolean {
  return a.namespace === undefined || b.namespace === undefined || a.namespace === b.namespace;
}

/** Display name for messages: `Deployment "web"`. */
/**
 * Every container of the pod, init containers first (the order they run in): they run images and hold
 * security contexts, resources and environments like the others, so the image, security and resource rules
 * read them all.
 */
export function everyContainer(workload: Workload): Container[] {
  return [...workload.initContainers, ...workload.containers];
}

export function describe(object: K8sObject): string {
  return object.name ? `${object.kind} "${object.name}"` : object.kind;
}

export type { YMap };
