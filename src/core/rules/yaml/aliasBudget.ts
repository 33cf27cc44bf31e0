import { isAlias, isCollection, isPair, isScalar, YAMLParseError } from 'yaml';
import type { Document, Node } from 'yaml';

/**
 * Alias bombs ("billion laughs"): ten anchors of nine aliases each are 360
 * bytes of YAML (or JSON-looking text) and 3.4 billion nodes once expanded.
 * yaml's own `toJS` refuses them through `maxAliasCount`; our tree builders
 * and rules follow aliases themselves, so every composed document is
 * measured here first, in one pass, without expanding anything.
 *
 * A document whose aliases would add more nodes than it has of its own (and
 * more than ALIAS_EXPANSION_FLOOR) gets a RESOURCE_EXHAUSTION error at the
 * alias that crosses the budget: the file becomes a located parse problem and
 * nothing downstream builds its expansion. Legitimate anchors (compose
 * `x-defaults`, GitLab templates) expand far less than that.
 */
export const ALIAS_EXPANSION_FLOOR = 100_000;

/** The message of the error; exported so readers can tell this problem from a syntax error. */
export const ALIAS_BOMB_MESSAGE = 'Aliases in this document expand to too many nodes (an alias bomb?); the document is not read';

/** Adds a RESOURCE_EXHAUSTION error to each document whose alias expansion exceeds the budget. */
export function guardAliasExpansion(text: string, documents: readonly Document.Parsed[]): void {
  if (!text.includes('*')) return; // no alias without a "*"
  for (const doc of documents) {
    const over = aliasOverBudget(doc);
    if (over) doc.errors.push(new YAMLParseError(over.range, 'RESOURCE_EXHAUSTION', ALIAS_BOMB_MESSAGE));
  }
}

/** True when the document was refused by guardAliasExpansion. */
export function isAliasBomb(doc: Document.Parsed): boolean {
  return doc.errors.some((error) => error.code === 'RESOURCE_EXHAUSTION');
}

interface Frame {
  node: Node;
  children: Node[];
  next: number;
}

/**
 * Iterative post-order walk (deep nesting must not overflow the stack).
 * Expanded size of a node = 1 + its children's; an alias weighs what its
 * anchor weighs. The expansion a document adds is the sum, over its alias
 * nodes, of (target size - 1): exact, so the first alias that crosses the
 * budget is the one reported. Alias targets are the latest node with that
 * anchor before the alias, as in YAML; an alias inside its own anchored node
 * (a cycle) is over budget by definition.
 */
function aliasOverBudget(doc: Document.Parsed): { range: [number, number] } | undefined {
  const root = doc.contents as Node | null;
  if (!root) return undefined;
  const anchors = new Map<string, Node>();
  const sizes = new Map<Node, number>();
  const inProgress = new Set<Node>();
  let ownNodes = 0;
  let expansion = 0;
  const overflow = (node: Node) => ({ range: [node.range?.[0] ?? 0, node.range?.[1] ?? 0] as [number, number] });
  const stack: Frame[] = [enter(root)];
  function enter(node: Node): Frame {
    if (node.anchor) anchors.set(node.anchor, node);
    inProgress.add(node);
    return { node, children: childrenOf(node), next: 0 };
  }
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.next < frame.children.length) {
      const child = frame.children[frame.next++];
      if (!sizes.has(child) && !inProgress.has(child)) stack.push(enter(child));
      continue;
    }
    stack.pop();
    inProgress.delete(frame.node);
    const node = frame.node;
    let size: number;
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (target && inProgress.has(target)) return overflow(node);
      size = target ? (sizes.get(target) ?? 1) : 1;
      expansion += size - 1;
    } else {
      ownNodes++;
      size = 1 + (isScalar(node) && typeof node.value === 'string' ? Math.floor(node.value.length / 1024) : 0);
      for (const child of frame.children) size += sizes.get(child) ?? 0;
    }
    sizes.set(node, size);
    if (expansion > Math.max(ALIAS_EXPANSION_FLOOR, ownNodes)) return overflow(node);
  }
  return undefined;
}

/** Keys and values of a map, items of a sequence; scalars and aliases have none. */
function childrenOf(node: Node): Node[] {
  if (!isCollection(node)) return [];
  const children: Node[] = [];
  for (const item of node.items as unknown[]) {
    if (isPair(item)) {
      if (item.key && typeof item.key === 'object') children.push(item.key as Node);
      if (item.value && typeof item.value === 'object') children.push(item.value as Node);
    } else if (item && typeof item === 'object') children.push(item as Node);
  }
  return children;
}
