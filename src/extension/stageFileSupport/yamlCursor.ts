// Where a cursor stands in a YAML text, found with the real parser (never by
// matching lines with patterns): which scalar, whether it is a key, a value or
// a list item, and the key path to it. Free of `vscode` so it is unit-tested.
import { isMap, isScalar, isSeq, Scalar } from 'yaml';
import { parseDocumentsWithinLimits } from '../../core/rules/yaml/nestingLimit';
import type { Node } from 'yaml';

export type PathSegment = string | number;

export interface ScalarPlace {
  /** A map key, a map value, or an item of a list. */
  role: 'key' | 'value' | 'item';
  /**
   * Keys and list indices from the root to the collection holding the scalar;
   * for a value, its own key is the last segment (`['concerns', 'security']`).
   */
  path: PathSegment[];
  /** Source offsets of the scalar, quotes included. */
  range: [number, number];
  /** The scalar as written, as a string. */
  value: string;
  /** Written in single or double quotes. */
  quoted: boolean;
  /** For a value: it starts on a later line than its key (`concerns:⏎  sec`), so it may be a key being typed. */
  onOwnLine: boolean;
  /** Keys of the map holding the scalar (for a key) or the value's pair (for a value); empty for an item. */
  siblingKeys: string[];
}

/** The scalar whose source range contains `offset` (ends included, so a cursor just after a word counts). */
export function scalarAt(text: string, offset: number): ScalarPlace | undefined {
  const contents = firstDocumentContents(text);
  return findScalar(
    text,
    contents,
    [],
    (node) => node.range !== undefined && node.range !== null && node.range[0] <= offset && offset <= node.range[1],
  );
}

/**
 * Marker typed at the cursor so that the parser places the word being typed
 * (even an empty one) where YAML puts it: `concerns:⏎  sec|` becomes a scalar
 * under `concerns`. Letters only, so it joins the word around it.
 */
export const CURSOR_PROBE = 'stageGuideCursorProbe';

/**
 * Where completion happens: the text with a probe typed at `offset`, parsed.
 * The returned range is in the original text's offsets (probe removed) and
 * never runs past the cursor's line.
 *
 * A word alone at the end of a line is ambiguous to YAML (`sec` under
 * `concerns:` reads as the value of `concerns`, `con` before `concerns:` joins
 * it into one multi-line key), so such a word is probed a second time as the
 * key it is being typed as (`sec<probe>:`), and that reading wins when it is one.
 */
export function completionPlace(text: string, offset: number): ScalarPlace | undefined {
  const asTyped = probe(text, offset, '');
  const lineEnd = text.indexOf('\n', offset) < 0 ? text.length : text.indexOf('\n', offset);
  const endsLine = text.slice(offset, lineEnd).trim().length === 0;
  const ambiguous = !asTyped || asTyped.role !== 'value' || asTyped.onOwnLine || asTyped.range[1] > lineEnd;
  if (endsLine && ambiguous) {
    const asKey = probe(text, offset, ':');
    if (asKey?.role === 'key') return clip(asKey, text, lineEnd);
  }
  return asTyped ? clip(asTyped, text, lineEnd) : undefined;
}

/** The first document's root, parsed within the nesting and alias limits (a hostile .stage.yml cannot overflow the host's stack); null when refused. */
function firstDocumentContents(text: string): Node | null {
  return (parseDocumentsWithinLimits(text, { uniqueKeys: false }).documents[0]?.contents as Node | null | undefined) ?? null;
}

function probe(text: string, offset: number, suffix: string): ScalarPlace | undefined {
  const probed = text.slice(0, offset) + CURSOR_PROBE + suffix + text.slice(offset);
  const found = findScalar(
    probed,
    firstDocumentContents(probed),
    [],
    (node) => node.range !== undefined && node.range !== null && node.range[0] <= offset && offset + CURSOR_PROBE.length <= node.range[1],
  );
  if (!found || !found.value.includes(CURSOR_PROBE)) return undefined;
  return {
    ...found,
    range: [found.range[0], found.range[1] - CURSOR_PROBE.length],
    siblingKeys: found.siblingKeys.filter((key) => !key.includes(CURSOR_PROBE)),
  };
}

/** Keeps the range on the cursor's line and re-reads the written word from the original text. */
function clip(found: ScalarPlace, text: string, lineEnd: number): ScalarPlace {
  const end = Math.min(found.range[1], lineEnd);
  const written = text.slice(found.range[0], end);
  const value = found.quoted ? written.replace(/^["']|["']$/g, '') : written.trim();
  return { ...found, range: [found.range[0], end], value };
}

type Matches = (node: Node) => boolean;

function findScalar(text: string, node: Node | null, path: PathSegment[], matches: Matches): ScalarPlace | undefined {
  if (!node) return undefined;
  if (isScalar(node)) {
    // A document that is a lone word: a first key being typed.
    return matches(node) ? place(node, 'key', path, [], false) : undefined;
  }
  if (isMap(node)) {
    const keys = node.items.map((pair) => (isScalar(pair.key) ? String(pair.key.value) : ''));
    for (const pair of node.items) {
      const key = pair.key as Node | null;
      if (isScalar(key) && matches(key)) {
        return place(
          key,
          'key',
          path,
          keys.filter((other) => other !== String(key.value)),
          false,
        );
      }
      const name = isScalar(key) ? String(key.value) : '';
      const value = pair.value as Node | null;
      if (isScalar(value) && matches(value)) {
        return place(value, 'value', [...path, name], keys, startsOnLaterLine(text, key, value));
      }
      const inner = findScalar(text, value, [...path, name], matches);
      if (inner) return inner;
    }
    return undefined;
  }
  if (isSeq(node)) {
    for (const [index, item] of node.items.entries()) {
      if (isScalar(item) && matches(item)) return place(item, 'item', path, [], false);
      const inner = findScalar(text, item as Node | null, [...path, index], matches);
      if (inner) return inner;
    }
  }
  return undefined;
}

function place(node: Scalar, role: ScalarPlace['role'], path: PathSegment[], siblingKeys: string[], onOwnLine: boolean): ScalarPlace {
  const [start, end] = node.range ?? [0, 0];
  const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
  return { role, path, range: [start, end], value: node.value === null ? '' : String(node.value), quoted, onOwnLine, siblingKeys };
}

function startsOnLaterLine(text: string, key: Node | null, value: Node): boolean {
  const keyEnd = key?.range?.[1];
  const valueStart = value.range?.[0];
  if (keyEnd === undefined || valueStart === undefined) return false;
  return text.slice(keyEnd, valueStart).includes('\n');
}
