import { isMap, isPair, isScalar, isSeq, parseAllDocuments } from 'yaml';
import type { Document, Node, Pair, YAMLMap } from 'yaml';
import { PositionMapper } from '../../text';
import type { Range } from '../../text';
import type { ParseProblem } from '../types';

/**
 * A YAML file parsed once, with ranges: every YAML rule works on this, so a
 * file is never parsed twice for one analysis.
 */
export interface YamlFile {
  text: string;
  documents: Document.Parsed[];
  mapper: PositionMapper;
  parseProblems: ParseProblem[];
}

export function parseYamlFile(text: string): YamlFile {
  const documents = parseAllDocuments(text, { uniqueKeys: false });
  const mapper = new PositionMapper(text);
  const docs = Array.isArray(documents) ? documents : [];
  const parseProblems: ParseProblem[] = [];
  for (const doc of docs) {
    for (const error of doc.errors) {
      parseProblems.push({ range: mapper.range(error.pos[0], error.pos[1]), message: error.message.split('\n')[0] });
    }
  }
  return { text, documents: docs, mapper, parseProblems };
}

/** Range of a node's value (without trailing comments), or of a fallback offset. */
export function nodeRange(file: YamlFile, node: Node | null | undefined): Range | undefined {
  if (!node || !node.range) return undefined;
  return file.mapper.range(node.range[0], node.range[1]);
}

/** The pair whose scalar key equals `key` in a map, if any. */
export function findPair(map: unknown, key: string): Pair<Node, Node | null> | undefined {
  if (!isMap(map)) return undefined;
  for (const item of (map as YAMLMap<Node, Node | null>).items) {
    if (isPair(item) && isScalar(item.key) && String(item.key.value) === key) return item as Pair<Node, Node | null>;
  }
  return undefined;
}

/** The value node for `key` in a map, if any. */
export function getValue(map: unknown, key: string): Node | null | undefined {
  return findPair(map, key)?.value;
}

/** Follows a key path through maps: getPath(doc.contents, ['jobs', 'build']). */
export function getPath(node: unknown, path: readonly string[]): Node | null | undefined {
  let current: unknown = node;
  for (const key of path) {
    current = getValue(current, key);
    if (current === undefined || current === null) return current as undefined | null;
  }
  return current as Node;
}

/** Range of a pair's key (what hovers and most findings point at). */
export function keyRange(file: YamlFile, pair: Pair<Node, Node | null>): Range | undefined {
  return nodeRange(file, pair.key);
}

/** The scalar string value of a node, or undefined when it is not a scalar. */
export function scalarString(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const value = node.value;
  return value === null || value === undefined ? undefined : String(value);
}

/** Entries of a map as [key, pair] with string keys, in source order. */
export function mapEntries(node: unknown): Array<[string, Pair<Node, Node | null>]> {
  if (!isMap(node)) return [];
  const out: Array<[string, Pair<Node, Node | null>]> = [];
  for (const item of (node as YAMLMap<Node, Node | null>).items) {
    if (isPair(item) && isScalar(item.key)) out.push([String(item.key.value), item as Pair<Node, Node | null>]);
  }
  return out;
}

/** Items of a sequence node (empty for anything else). */
export function seqItems(node: unknown): unknown[] {
  return isSeq(node) ? node.items : [];
}
