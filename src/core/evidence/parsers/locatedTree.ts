import { compileWildcard } from '../../glob/linearGlob';
import { memoizedByText } from '../../memoizedByText';

/**
 * One small tree shape for every structured file the detectors read (YAML,
 * TOML, HCL, XML, JSON), with the zero-based line of each value. Signal
 * matchers query it by key path, so "spec.mtls.mode equals STRICT" reads the
 * same over a Kubernetes manifest and over a Terraform block.
 */
export type Scalar = string | number | boolean | null;

export type TreeValue = TreeScalar | TreeMap | TreeList;

export interface TreeScalar {
  kind: 'scalar';
  value: Scalar;
  line: number;
  /** True when the value is an expression the reader could not reduce (HCL `var.x`, a templated string). */
  expression?: boolean;
  /** Offsets of the value in the source, when the parser records them (HCL): [start, end). */
  start?: number;
  end?: number;
}

export interface TreeEntry {
  key: string;
  keyLine: number;
  value: TreeValue;
  /** Offsets of the key (a block's type word) in the source, when the parser records them (HCL): [start, end). */
  keyStart?: number;
  keyEnd?: number;
}

/** Keys may repeat (HCL nested blocks of one type, tolerant YAML): queries see every entry. */
export interface TreeMap {
  kind: 'map';
  entries: TreeEntry[];
  line: number;
  /** Offsets from `{` to past `}` (HCL), when recorded. */
  start?: number;
  end?: number;
  /** A nested HCL block's labels (`dynamic "ingress" { … }`), when it has any. */
  labels?: string[];
}

export interface TreeList {
  kind: 'list';
  items: TreeValue[];
  line: number;
  start?: number;
  end?: number;
}

export function scalarNode(value: Scalar, line: number, expression = false): TreeScalar {
  return expression ? { kind: 'scalar', value, line, expression } : { kind: 'scalar', value, line };
}

/** Entries of a map with this key (every one: HCL repeats block types). */
export function entriesOf(node: TreeValue | undefined, key: string): TreeEntry[] {
  if (!node || node.kind !== 'map') return [];
  return node.entries.filter((entry) => entry.key === key);
}

/** The first value under `key` in a map. */
export function child(node: TreeValue | undefined, key: string): TreeValue | undefined {
  return entriesOf(node, key)[0]?.value;
}

/**
 * A key path as written in data: `spec.template.metadata.annotations[linkerd.io/inject]`.
 * Dots separate keys; a bracketed key may hold dots and slashes. `*` inside a
 * key is a wildcard ("inject-*"; `*` alone is any key).
 */
export function parsePath(path: string): string[] {
  const segments: string[] = [];
  // `[^\][]` (not `[^\]]`): an unclosed "[" ends at the next "[", so "[[[[" is linear, not quadratic.
  for (const match of path.matchAll(/\[([^\][]*)\]|[^.[\]]+/g)) segments.push(match[1] ?? match[0]);
  return segments;
}

function keyMatches(segment: string, key: string): boolean {
  if (!segment.includes('*')) return segment === key;
  // Keys are repository text: a bounded wildcard match, never `.*` joined into a regular expression.
  return compileWildcard(segment)(key);
}

/**
 * The segments of each path queryPath was given as text: the catalogue's conditions, asked of every resource
 * and document of a service (split again each time, a regular expression per call). Cleared past a bound.
 */
const segmentsOf = memoizedByText((path): readonly string[] => parsePath(path), 4096);

/** Follows a key path (see parsePath); lists fan out. Returns every value reached, with its line. */
export function queryPath(node: TreeValue | undefined, path: string | readonly string[]): TreeValue[] {
  const segments = typeof path === 'string' ? segmentsOf(path) : path;
  let current: TreeValue[] = node ? [node] : [];
  for (const segment of segments) {
    const next: TreeValue[] = [];
    for (const value of current.flatMap(expandLists)) {
      if (value.kind !== 'map') continue;
      for (const entry of value.entries) {
        if (keyMatches(segment, entry.key)) next.push(entry.value);
      }
    }
    current = next;
  }
  return current;
}

/**
 * What the paths reach of a tree, as queryPath follows them (lists fan out, `*` matches any key), each kept whole
 * from where it ends; the maps and lists on the way keep their lines and only the entries a path goes through (a
 * list every item, each cut the same way). A path with no segments keeps the whole tree.
 */
export function keptAlongPaths(node: TreeValue, paths: ReadonlyArray<readonly string[]>): TreeValue {
  if (paths.some((path) => path.length === 0)) return node;
  if (node.kind === 'list') return { ...node, items: node.items.map((item) => keptAlongPaths(item, paths)) };
  if (node.kind !== 'map') return node;
  const entries: TreeEntry[] = [];
  for (const entry of node.entries) {
    const tails = paths.filter((path) => keyMatches(path[0], entry.key)).map((path) => path.slice(1));
    if (tails.length > 0) entries.push({ ...entry, value: keptAlongPaths(entry.value, tails) });
  }
  return { ...node, entries };
}

/** A list stands for each of its items (a path `containers.image` reads every container). */
export function expandLists(value: TreeValue): TreeValue[] {
  return value.kind === 'list' ? value.items.flatMap(expandLists) : [value];
}

/** The value as a string when it is a plain scalar (numbers and booleans too), else undefined. */
export function scalarText(value: TreeValue | undefined): string | undefined {
  if (!value || value.kind !== 'scalar' || value.value === null) return undefined;
  return String(value.value);
}

/** Numbers written as numbers or as numeric strings ("3"). */
export function scalarNumber(value: TreeValue | undefined): number | undefined {
  if (!value || value.kind !== 'scalar') return undefined;
  if (typeof value.value === 'number') return value.value;
  if (typeof value.value === 'string' && /^-?\d+(?:\.\d+)?$/.test(value.value.trim())) return Number(value.value);
  return undefined;
}

/** Map keys in source order (duplicates kept once). */
export function keysOf(node: TreeValue | undefined): string[] {
  if (!node || node.kind !== 'map') return [];
  return [...new Set(node.entries.map((entry) => entry.key))];
}
