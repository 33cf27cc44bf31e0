import { isAlias, visit } from 'yaml';
import type { Alias, Document, Node } from 'yaml';
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
 * (aliasedNodes.ts) still sees the aliases. Merge keys (`<<:`) are not
 * followed here: a kind whose format merges them (compose, GitLab) does so in
 * its own model.
 */
const TARGETS = new WeakMap<Alias, Node>();
const LINKED = new WeakSet<object>();

/** Links every alias of the parse's documents to its anchored node (no-op when done before, or when the text has no `*`). */
export function followAliases(file: { text: string; documents: readonly Document.Parsed[] }): void {
  if (LINKED.has(file)) return;
  LINKED.add(file);
  if (!file.text.includes('*')) return;
  for (const document of file.documents) {
    // An alias bomb (or a cycle, which the budget counts as one) is refused before anything follows it.
    if (isAliasBomb(document)) continue;
    const anchors = new Map<string, Node>();
    // Depth-first in document order: an alias names the latest anchor of that name written before it.
    visit(document, {
      Node(_, node) {
        if (isAlias(node)) {
          const target = anchors.get(node.source);
          if (target) TARGETS.set(node, target);
        } else if (node.anchor) anchors.set(node.anchor, node);
      },
    });
  }
}

/** The anchored node an alias was linked to by followAliases; any other value as it is. */
export function throughAlias<T>(node: T): T | Node {
  return isAlias(node) ? (TARGETS.get(node) ?? node) : node;
}
