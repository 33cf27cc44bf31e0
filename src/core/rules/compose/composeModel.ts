import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Document, Node, Pair, YAMLMap } from 'yaml';
import { findPair, mapEntries, nodeRange } from '../yaml/yamlSupport';
import type { YamlFile } from '../yaml/yamlSupport';
import { anchoredNode } from '../yaml/aliasTargets';

/**
 * A compose file seen the way every compose rule needs it: the top-level map
 * and each service with its own map. Merge keys (`<<: *defaults`) are followed
 * on lookup, because compose files commonly share healthchecks, restart
 * policies and limits through `x-` anchors.
 */
export interface ComposeFile {
  file: YamlFile;
  doc: Document.Parsed;
  root: YAMLMap<Node, Node | null>;
  services: ComposeService[];
}

export interface ComposeService {
  name: string;
  /** The `name:` pair under `services:`; its key is where service-level findings point. */
  pair: Pair<Node, Node | null>;
  map: YAMLMap<Node, Node | null>;
}

/** Reads the first document as a compose file; undefined when it is not a map. */
export function readComposeFile(file: YamlFile): ComposeFile | undefined {
  const doc = file.documents[0];
  if (!doc || !isMap(doc.contents)) return undefined;
  if (!file.text.includes('<<') && !file.text.includes('\\')) MERGE_FREE.add(doc);
  const root = doc.contents as YAMLMap<Node, Node | null>;
  const services: ComposeService[] = [];
  const servicesNode = resolveNode(doc, findPair(root, 'services')?.value);
  for (const [name, pair] of mapEntries(servicesNode)) {
    const map = resolveNode(doc, pair.value);
    if (isMap(map)) services.push({ name, pair, map: map as YAMLMap<Node, Node | null> });
  }
  return { file, doc, root, services };
}

/**
 * Documents of a text with no `<<` and no escape (so no key reads `<<`, not even a quoted `"\x3C<"`): a key
 * a map lacks is absent, with no merge key to look through. Every rule looks up keys a service lacks; this
 * spares each such lookup a second scan of the map.
 */
const MERGE_FREE = new WeakSet<Document.Parsed>();

/** Follows an alias (`*name`) to its anchored node (undefined when it names none); other nodes are returned as they are. */
export function resolveNode(doc: Document.Parsed, node: unknown): Node | null | undefined {
  if (!isAlias(node)) return node as Node | null | undefined;
  return anchoredNode(doc, node);
}

/**
 * The pair for `key` in a map, looking through merge keys (`<<: *a` or
 * `<<: [*a, *b]`) when the map does not set it itself. Own keys win, as in YAML.
 */
export function lookupPair(doc: Document.Parsed, map: unknown, key: string, depth = 0): Pair<Node, Node | null> | undefined {
  const own = findPair(map, key);
  if (own || depth > 8 || MERGE_FREE.has(doc)) return own;
  const merge = findPair(map, '<<');
  if (!merge) return undefined;
  const sources = isSeq(merge.value) ? merge.value.items : [merge.value];
  for (const source of sources) {
    const found = lookupPair(doc, resolveNode(doc, source), key, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** The value for `key` (through merge keys and aliases), or undefined. */
export function lookupValue(doc: Document.Parsed, map: unknown, key: string): Node | null | undefined {
  const pair = lookupPair(doc, map, key);
  return pair ? resolveNode(doc, pair.value) : undefined;
}

/** A scalar's value as a string ('' for null scalars), undefined for collections and absent nodes. */
export function scalarText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  return node.value === null || node.value === undefined ? '' : String(node.value);
}

/** Range of the service's name key: where service-level findings point. */
export function serviceNameRange(compose: ComposeFile, service: ComposeService) {
  return nodeRange(compose.file, service.pair.key);
}

/**
 * The service's map when a fix may edit it: written in place under the
 * service name, not shared through an alias (editing an anchor would change
 * every service that uses it).
 */
export function editableServiceMap(service: ComposeService): YAMLMap<Node, Node | null> | undefined {
  return service.pair.value === service.map && !service.map.flow ? service.map : undefined;
}
