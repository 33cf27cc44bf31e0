import { isAlias, isMap, isPair, isScalar, isSeq, visit } from 'yaml';
import type { Alias, Document, Node, YAMLMap } from 'yaml';
import { isAliasBomb } from './aliasBudget';

/**
 * Aliases (`*name`) followed to the node their anchor (`&name`) marks, for the
 * kinds whose models read through them (GitHub Actions: workflows may use
 * anchors and aliases since August 2025). Linking is done once per parse, in
 * one pass; afterwards the shared YAML readers (yamlSupport's findPair,
 * getPath, mapEntries, seqItems, scalarString) see the anchored node wherever
 * an alias stands, so every rule reads the value a runner reads — and its
 * ranges are the anchor's, where the setting is written and where a fix
 * belongs. Nothing is copied and the parse is not changed: the fixes' guard
 * (aliasedNodes.ts) still sees the aliases.
 *
 * Merge keys (`<<: *defaults`) are followed only when the kind's tool merges
 * them (`mergeKeys`: kubectl's YAML reader does; GitHub rejects them): a map
 * that holds one then has the merged keys too, its own keys first and winning.
 * Compose and GitLab merge in their own models.
 */
const TARGETS = new WeakMap<Alias, Node>();
const MERGING = new WeakSet<object>();
const LINKED = new WeakSet<object>();
const LINKED_WITH_MERGES = new WeakSet<object>();

/** Links every alias of the parse's documents to its anchored node (no-op when done before, or when the text has no `*`). */
export function followAliases(file: { text: string; documents: readonly Document.Parsed[] }, options: { mergeKeys?: boolean } = {}): void {
  const linked = options.mergeKeys ? LINKED_WITH_MERGES : LINKED;
  if (linked.has(file)) return;
  linked.add(file);
  if (!file.text.includes('*')) return;
  for (const document of file.documents) {
    // An alias bomb (or a cycle, which the budget counts as one) is refused before anything follows it.
    if (isAliasBomb(document)) continue;
    const links = linksOf(document);
    for (const [alias, target] of links.targets) TARGETS.set(alias, target);
    if (options.mergeKeys) for (const map of links.merging) MERGING.add(map);
  }
}

/**
 * The node an alias names, as yaml's `Alias.resolve(doc)` finds it: the last node anchored with its name before
 * it in document order (undefined when there is none: a dangling alias, or one written before its anchor).
 */
export function anchoredNode(document: Document, alias: Alias): Node | undefined {
  return linksOf(document).targets.get(alias);
}

interface DocumentLinks {
  targets: Map<Alias, Node>;
  /** The maps that hold a merge key (`<<:`). */
  merging: YAMLMap[];
}

/**
 * Each document's aliases linked to their anchored nodes, in one walk the first time they are asked for. yaml's own
 * `Alias.resolve(doc)` walks the whole document again for every alias it resolves: a compose file whose services
 * merge `*defaults` took seconds of a scan of real repositories.
 */
const DOCUMENT_LINKS = new WeakMap<Document, DocumentLinks>();

function linksOf(document: Document): DocumentLinks {
  let links = DOCUMENT_LINKS.get(document);
  if (links) return links;
  const found: DocumentLinks = { targets: new Map(), merging: [] };
  const anchors = new Map<string, Node>();
  // Depth-first in document order: an alias names the latest anchor of that name written before it.
  visit(document, {
    Node(_, node) {
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        if (target) found.targets.set(node, target);
        return;
      }
      if (node.anchor) anchors.set(node.anchor, node);
      if (isMap(node) && node.items.some(isMergePair)) found.merging.push(node);
    },
  });
  DOCUMENT_LINKS.set(document, (links = found));
  return links;
}

/** The anchored node an alias was linked to by followAliases; any other value as it is. */
export function throughAlias<T>(node: T): T | Node {
  return isAlias(node) ? (TARGETS.get(node) ?? node) : node;
}

/** A `<<:` entry. */
function isMergePair(item: unknown): boolean {
  return isPair(item) && isScalar(item.key) && item.key.value === '<<';
}

/**
 * The maps a map merges (`<<: *a` or `<<: [*a, *b]`, earlier sources first), when its file was linked with
 * merge keys; undefined for any other map.
 */
export function mergedMaps(map: object): Array<YAMLMap<Node, Node | null>> | undefined {
  if (!MERGING.has(map)) return undefined;
  const sources: Array<YAMLMap<Node, Node | null>> = [];
  for (const item of (map as YAMLMap).items) {
    if (!isMergePair(item)) continue;
    const value = throughAlias((item as { value: unknown }).value);
    for (const source of isSeq(value) ? value.items : [value]) {
      const resolved = throughAlias(source);
      if (isMap(resolved)) sources.push(resolved as YAMLMap<Node, Node | null>);
    }
  }
  return sources;
}
