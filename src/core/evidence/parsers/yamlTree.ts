import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Document, Node } from 'yaml';
import { parseYamlFile } from '../../rules/yaml/yamlSupport';
import type { YamlFile } from '../../rules/yaml/yamlSupport';
import { isAliasBomb } from '../../rules/yaml/aliasBudget';
import { ownCopy } from '../../ownCopy';
import { forgottenWhenScansEnd } from '../../scanLifetime';
import { scalarNode } from './locatedTree';
import type { TreeEntry, TreeMap, TreeValue } from './locatedTree';

export interface YamlDocumentTree {
  /** The document's root as a located tree; undefined for an empty document. */
  root: TreeValue | undefined;
  /** True when the yaml parser reported errors: callers skip such documents rather than guess. */
  hasErrors: boolean;
}

/** Every document of a YAML file as a located tree (multi-document files included). Never throws. */
export function yamlDocuments(text: string): readonly YamlDocumentTree[] {
  let file: YamlFile;
  try {
    file = parseYamlFile(text);
  } catch {
    return [];
  }
  return yamlDocumentsOf(file);
}

/**
 * `yamlDocuments` of a file already parsed (a scan parses each YAML file once for readers and rules). Copies of a file
 * share its parse (see SharedParses) and so its trees: a service's facts, and the editor's scan cache, keep one tree
 * for every copy (1,600 copies of 25 example manifests on the 100,000-file bench tree: 4 MB of the scan worker's heap).
 * Shared, so read-only, like the parse.
 */
export function yamlDocumentsOf(file: YamlFile): readonly YamlDocumentTree[] {
  let trees = treesOfParses.get(file);
  if (!trees) treesOfParses.set(file, (trees = documentTreesOf(file)));
  return trees;
}

/**
 * Each parse's trees, while the parse lives and no longer than the scans under way: the editor's scan cache keeps
 * some parses (a workflow's, to judge it again), not the trees of documents nothing reads.
 */
let treesOfParses = new WeakMap<YamlFile, readonly YamlDocumentTree[]>();
forgottenWhenScansEnd(() => {
  treesOfParses = new WeakMap();
});

function documentTreesOf(file: YamlFile): YamlDocumentTree[] {
  const lineOf = (offset: number) => file.lineCounter.linePos(offset).line - 1;
  return file.documents.map((document) => ({
    // An alias bomb is refused before any expansion (see aliasBudget.ts): no tree at all.
    root: document.contents && !isAliasBomb(document) ? toTree(document.contents as Node, document, lineOf, 0) : undefined,
    hasErrors: document.errors.length > 0,
  }));
}

/** Deep enough for any real manifest; stops alias cycles and pathological nesting. */
const MAX_DEPTH = 64;

function toTree(node: Node, document: Document.Parsed, lineOf: (offset: number) => number, depth: number): TreeValue {
  const line = node.range ? lineOf(node.range[0]) : 0;
  if (depth > MAX_DEPTH) return scalarNode(null, line);
  if (isAlias(node)) {
    const target = node.resolve(document);
    return target ? toTree(target as Node, document, lineOf, depth + 1) : scalarNode(null, line);
  }
  if (isScalar(node)) {
    const value = node.value;
    if (value === null || value === undefined) return scalarNode(null, line);
    // A string read out of the text is a slice of it: a tree kept in a service's facts would keep every file's whole text.
    if (typeof value === 'string') return scalarNode(ownCopy(value), line);
    if (typeof value === 'number' || typeof value === 'boolean') return scalarNode(value, line);
    return scalarNode(String(value), line);
  }
  if (isSeq(node)) {
    return { kind: 'list', line, items: node.items.map((item) => toTree(item as Node, document, lineOf, depth + 1)) };
  }
  if (isMap(node)) {
    const entries: TreeEntry[] = [];
    const merged: TreeEntry[] = [];
    for (const item of node.items) {
      if (!isPair(item)) continue;
      const keyNode = item.key as Node | null;
      const key = isScalar(keyNode) ? ownCopy(String(keyNode.value)) : undefined;
      if (key === undefined) continue;
      const keyLine = keyNode?.range ? lineOf(keyNode.range[0]) : line;
      const valueNode = item.value as Node | null;
      const value = valueNode ? toTree(valueNode, document, lineOf, depth + 1) : scalarNode(null, keyLine);
      // `<<: *defaults` (merge key, common in compose files): the merged keys count, own keys win.
      if (key === '<<') merged.push(...mergeSources(value));
      else entries.push({ key, keyLine, value });
    }
    if (merged.length > 0) {
      const own = new Set(entries.map((entry) => entry.key));
      entries.push(...merged.filter((entry) => !own.has(entry.key)));
    }
    // A copy of the list at its length: an array grown by push keeps room for 17 items, and kept trees (a service's
    // facts, the editor's scan cache) are mostly maps of one to four keys.
    return { kind: 'map', line, entries: entries.slice() } satisfies TreeMap;
  }
  return scalarNode(null, line);
}

function mergeSources(value: TreeValue): TreeEntry[] {
  if (value.kind === 'map') return value.entries;
  if (value.kind === 'list') return value.items.flatMap((item) => (item.kind === 'map' ? item.entries : []));
  return [];
}
