import { isMap, isScalar, isSeq, parseDocument, Scalar, stringify } from 'yaml';
import type { Node, Pair, YAMLMap } from 'yaml';
import type { TextEdit } from '../../text';
import { findPair } from './yamlSupport';
import type { YamlFile } from './yamlSupport';

/**
 * Minimal, comment-preserving edits to a YAML file parsed with `parseYamlFile`.
 *
 * Every function computes text edits from node ranges and touches only what it
 * changes: comments, key order, quoting and the file's own indentation survive.
 * Functions return `[]` when the edit does not apply (missing map, key already
 * present, unsupported shape) instead of throwing, and are idempotent in the sense
 * that an insert of a key that already exists is skipped — so quick fixes built on
 * them can be applied twice safely.
 */

/**
 * What to write. A string is YAML *source* written verbatim (use {@link yamlScalar}
 * to turn an arbitrary string into safe source); a record is a nested map; an array
 * a sequence. Keys are written verbatim.
 */
export type YamlBlock = string | readonly YamlBlock[] | YamlEntries;
export interface YamlEntries {
  readonly [key: string]: YamlBlock;
}

export interface InsertOptions {
  /** Insert right after the first of these keys that exists (in order of preference). */
  after?: string | readonly string[];
  /**
   * Insert right before the first of these keys that exists — used only when no
   * `after` key exists. Lands above the comment lines directly over that key, so a
   * `# stage-guide: ignore` comment keeps applying to the key it was written for.
   */
  before?: string | readonly string[];
}

/**
 * A string as YAML source: plain when that reads back as the same string (in
 * YAML 1.2 and in the YAML 1.1 parsers CI services use), quoted otherwise.
 */
export function yamlScalar(value: string): string {
  if (NOT_A_STRING.test(value)) return JSON.stringify(value);
  if (isPlainSafe(value)) return value;
  const source = stringify(value, { lineWidth: 0, minContentWidth: 0 }).replace(/\r?\n$/, '');
  // A block scalar (multi-line input) cannot sit after `key: ` on one line: fall back to double quotes.
  return source.includes('\n') ? JSON.stringify(value) : source;
}

/**
 * Words, numbers and dates YAML would read as something other than a string —
 * in YAML 1.2 or in the YAML 1.1 parsers CI services use (`yes`, `1_000`,
 * `1:20`, `2024-01-31`).
 */
const NOT_A_STRING =
  /^(?:true|false|yes|no|on|off|y|n|null|~|[-+]?(?:\d[\d_]*)?(?:\.[\d_]*)?(?:e[-+]?\d+)?|0x[\da-f_]+|0o?[0-7_]+|0b[01_]+|[-+]?\.(?:inf|nan)|[-+]?\d[\d_]*(?::[0-5]?\d)+(?:\.\d*)?|\d{4}-\d\d?-\d\d?(?:[Tt ].*)?)$/i;

/**
 * A cheap, conservative check that a string can be written plain after `key: `
 * (no indicator at the start, no `: ` or ` #` inside). Everything else goes through yaml's own stringifier: quick fixes are
 * computed during analysis, which must stay close to the parser's speed.
 */
function isPlainSafe(value: string): boolean {
  return (
    value.length > 0 &&
    /^[^\s\-?:,[\]{}#&*!|>'"%@`][^\x00-\x1f\x7f]*$/.test(value) &&
    !/\s$/.test(value) &&
    !value.includes(': ') &&
    !value.includes(' #') &&
    !value.endsWith(':')
  );
}

/** The file's line ending: CRLF when its first line ends with one, LF otherwise. */
export function eolOf(text: string): string {
  const newline = text.indexOf('\n');
  return newline > 0 && text[newline - 1] === '\r' ? '\r\n' : '\n';
}

const indentCache = new WeakMap<YamlFile, number>();

/**
 * How many spaces the file indents a nested map by (the first map-in-map found),
 * 2 when the file has none. New nested content follows the file's own style.
 */
export function indentUnit(file: YamlFile): number {
  const cached = indentCache.get(file);
  if (cached !== undefined) return cached;
  let unit = 2;
  for (const doc of file.documents) {
    const found = findIndentStep(file, doc.contents, 0);
    if (found !== undefined) {
      unit = found;
      break;
    }
  }
  indentCache.set(file, unit);
  return unit;
}

function findIndentStep(file: YamlFile, node: unknown, depth: number): number | undefined {
  if (depth > 50) return undefined;
  if (isMap(node) && !node.flow) {
    for (const pair of node.items) {
      const value = pair.value;
      if (isMap(value) && !value.flow && value.items.length > 0) {
        const step = keyColumn(file, value.items[0]) - keyColumn(file, pair);
        if (step > 0) return step;
      }
    }
    for (const pair of node.items) {
      const found = findIndentStep(file, pair.value, depth + 1);
      if (found !== undefined) return found;
    }
  } else if (isSeq(node) && !node.flow) {
    for (const item of node.items) {
      const found = findIndentStep(file, item, depth + 1);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/**
 * Inserts entries into a map, skipping keys it already has. Block maps get new
 * lines at the map's own indentation: where `options` say, else after the last
 * entry with a scalar (or flow) value — never right after a nested block, see
 * `defaultAnchor` — else at the top of the map. Flow maps get `, key: value`
 * before their closing brace.
 */
export function insertEntries(file: YamlFile, map: unknown, entries: YamlEntries, options: InsertOptions = {}): TextEdit[] {
  if (!isMap(map)) return [];
  const missing = Object.entries(entries).filter(([key]) => findPair(map, key) === undefined);
  if (missing.length === 0) return [];
  const toInsert: YamlEntries = Object.fromEntries(missing);
  if (map.flow) return insertIntoFlowMap(file, map as YAMLMap<Node, Node | null>, toInsert);
  return insertIntoBlockMap(file, map as YAMLMap<Node, Node | null>, toInsert, options);
}

/**
 * Inserts entries at a key path below `map`, creating the missing maps on the way:
 * `insertAtPath(file, step, ['with'], { 'persist-credentials': 'false' })` adds
 * `with:` when the step has none, or the entry into the existing `with:` map.
 * An empty (`key:`) or null value on the path is replaced by a map. `options`
 * apply only when the insertion happens directly in `map`. Returns `[]` when the
 * path runs into a scalar or sequence.
 */
export function insertAtPath(
  file: YamlFile,
  map: unknown,
  path: readonly string[],
  entries: YamlEntries,
  options: InsertOptions = {},
): TextEdit[] {
  if (!isMap(map)) return [];
  if (path.length === 0) return insertEntries(file, map, entries, options);
  const [head, ...rest] = path;
  const pair = findPair(map, head);
  if (!pair) return insertEntries(file, map, { [head]: nest(rest, entries) }, options);
  if (isMap(pair.value)) return insertAtPath(file, pair.value, rest, entries);
  if (isNullValue(pair.value)) return replaceValue(file, map, head, nest(rest, entries));
  return [];
}

/**
 * Replaces the value of `key` in `map`, whatever it is now (scalar, null, or a
 * whole collection — whose inner comments go with it). In a block map a record or
 * array value is written as an indented block on the following lines; in a flow
 * map, in flow style.
 */
export function replaceValue(file: YamlFile, map: unknown, key: string, value: YamlBlock): TextEdit[] {
  if (!isMap(map)) return [];
  const pair = findPair(map, key);
  if (!pair || !pair.key.range) return [];
  const text = file.text;
  const colonEnd = afterColon(text, pair.key.range[1]);
  if (colonEnd < 0) return [];
  const current = pair.value;
  let end = current?.range ? Math.max(colonEnd, current.range[1]) : colonEnd;
  while (end > colonEnd && isWhitespace(text[end - 1])) end--;
  let newText: string;
  if (typeof value === 'string' || map.flow || isEmptyCollection(value)) {
    newText = ` ${flowSource(value, map.flow === true)}`;
  } else {
    const column = keyColumn(file, pair) + indentUnit(file);
    const lines = Array.isArray(value)
      ? sequenceLines(value, column, indentUnit(file))
      : entryLines(value as YamlEntries, column, indentUnit(file));
    newText = eolOf(text) + lines.join(eolOf(text));
    // `key: old # why` — the comment stays on the key's line, above the new block.
    const rest = text.slice(end, lineEnd(text, end));
    if (/^[ \t]+#/.test(rest) && !text.slice(colonEnd, end).includes('\n')) {
      newText = rest + newText;
      end += rest.length;
    }
  }
  if (text.slice(colonEnd, end) === newText) return [];
  return [{ range: file.mapper.range(colonEnd, end), newText }];
}

/**
 * Replaces a scalar's value, keeping its quoting style (double, single, plain —
 * plain becomes quoted only when the new value needs it). Block scalars are left
 * alone (`[]`). `[]` when unchanged.
 */
export function replaceScalar(file: YamlFile, node: unknown, value: string): TextEdit[] {
  if (!isScalar(node) || !node.range) return [];
  let source: string;
  switch (node.type) {
    case Scalar.QUOTE_DOUBLE:
      source = JSON.stringify(value);
      break;
    case Scalar.QUOTE_SINGLE:
      source = `'${value.replace(/'/g, "''")}'`;
      break;
    case Scalar.BLOCK_FOLDED:
    case Scalar.BLOCK_LITERAL:
      return [];
    default:
      source = yamlScalar(value);
  }
  const [start, end] = node.range;
  if (file.text.slice(start, end) === source) return [];
  return [{ range: file.mapper.range(start, end), newText: source }];
}

/**
 * Removes `key` from `map`: the whole line(s) of a block entry, or the entry and
 * its comma in a flow map. When the entry is the map's only one and `parent` is
 * given, the parent entry goes instead (no `env:` left holding nothing).
 */
export function removeEntry(file: YamlFile, map: unknown, key: string, parent?: { map: unknown; key: string }): TextEdit[] {
  if (!isMap(map)) return [];
  const pair = findPair(map, key);
  if (!pair || !pair.key.range) return [];
  const items = map.items as Array<Pair<Node, Node | null>>;
  if (items.length === 1 && parent && findPair(parent.map, parent.key)?.value === map) {
    return removeEntry(file, parent.map, parent.key);
  }
  const text = file.text;
  const index = items.indexOf(pair);
  const next = items[index + 1];
  const keyStart = pair.key.range[0];
  if (map.flow) {
    if (items.length === 1) return map.range ? [{ range: file.mapper.range(map.range[0], map.range[1]), newText: '{}' }] : [];
    if (next?.key?.range) return [{ range: file.mapper.range(keyStart, next.key.range[0]), newText: '' }];
    const previous = items[index - 1];
    return [{ range: file.mapper.range(contentEnd(previous), contentEnd(pair)), newText: '' }];
  }
  const lineBegin = lineStart(text, keyStart);
  const lineFinish = lineEnd(text, trimmedEnd(text, pair));
  if (/^[ \t]*$/.test(text.slice(lineBegin, keyStart))) {
    return [{ range: file.mapper.range(lineBegin, afterNewline(text, lineFinish)), newText: '' }];
  }
  if (!startsEntry(text, keyStart)) return [];
  // The entry shares its line with a sequence dash (`- key: value`): keep the dash.
  if (next?.key?.range) return [{ range: file.mapper.range(keyStart, next.key.range[0]), newText: '' }];
  return [{ range: file.mapper.range(keyStart, lineFinish), newText: items.length === 1 ? '{}' : '' }];
}

/**
 * Turns each pure insertion into a replacement of a neighbouring character
 * (that character plus the inserted text), leaving other edits alone. Two
 * identical fixes then overlap instead of both applying (a fix-all that defers
 * overlapping fixes writes the entry once); use it for fixes several findings
 * share. The character after the insertion point is used (at a line end, the
 * line break), or the one before it, whichever no other edit of the list touches.
 */
export function anchoredEdits(file: YamlFile, edits: readonly TextEdit[]): TextEdit[] {
  const text = file.text;
  const spans = edits.map((edit) => [file.mapper.offset(edit.range.start), file.mapper.offset(edit.range.end)] as const);
  const free = (start: number, end: number) => spans.every(([a, b]) => a === b || b <= start || end <= a);
  return edits.map((edit, index) => {
    const [start, end] = spans[index];
    if (start !== end) return edit;
    if (start < text.length && free(start, start + 1)) {
      return { range: file.mapper.range(start, start + 1), newText: edit.newText + text[start] };
    }
    if (start > 0 && free(start - 1, start)) return { range: file.mapper.range(start - 1, start), newText: text[start - 1] + edit.newText };
    return edit;
  });
}

/** Appends a new YAML document (`---` separated) at the end of the file. */
export function appendDocument(file: YamlFile, documentText: string): TextEdit[] {
  const text = file.text;
  const eol = eolOf(text);
  const body = documentText.endsWith('\n') ? documentText : documentText + eol;
  const hasContent = text.trim().length > 0;
  const prefix = hasContent ? `${text.endsWith('\n') ? '' : eol}---${eol}` : '';
  const end = file.mapper.position(text.length);
  return [{ range: { start: end, end }, newText: prefix + body }];
}

// --- insertion into maps ---

/**
 * The key column new entries of a block map are written at, or undefined when
 * explicit (`? key`) or complex keys leave no reliable column: no edit rather
 * than a wrong one. Several rules insert into the same map (a compose service,
 * a container), and a parsed file never changes, so it is worked out once per map.
 */
const blockMapColumns = new WeakMap<YAMLMap, number | undefined>();

function blockMapColumn(file: YamlFile, map: YAMLMap<Node, Node | null>): number | undefined {
  if (blockMapColumns.has(map)) return blockMapColumns.get(map);
  const items = map.items as Array<Pair<Node, Node | null>>;
  const text = file.text;
  const writable = items.length > 0 && items.every((item) => isScalar(item.key) && item.key.range && startsEntry(text, item.key.range[0]));
  const column = writable ? keyColumn(file, items[0]) : undefined;
  blockMapColumns.set(map, column);
  return column;
}

function insertIntoBlockMap(file: YamlFile, map: YAMLMap<Node, Node | null>, entries: YamlEntries, options: InsertOptions): TextEdit[] {
  const items = map.items as Array<Pair<Node, Node | null>>;
  const text = file.text;
  const column = blockMapColumn(file, map);
  if (column === undefined) return [];
  const eol = eolOf(text);
  const lines = entryLines(entries, column, indentUnit(file));
  const after = firstPresent(map, options.after);
  const before = after ? undefined : firstPresent(map, options.before);
  if (before?.key?.range) {
    const keyStart = before.key.range[0];
    const begin = lineStart(text, keyStart);
    if (/^[ \t]*$/.test(text.slice(begin, keyStart))) {
      const at = startOfCommentsAbove(text, begin);
      return [{ range: file.mapper.range(at, at), newText: lines.join(eol) + eol }];
    }
  }
  const anchor = after ?? defaultAnchor(file, items);
  if (anchor === 'prepend') {
    const begin = lineStart(text, items[0].key!.range![0]);
    const at = startOfCommentsAbove(text, begin);
    return [{ range: file.mapper.range(at, at), newText: lines.join(eol) + eol }];
  }
  const keptLines = keepChompedEnd(text, anchor);
  if (keptLines !== undefined) return [{ range: file.mapper.range(keptLines, keptLines), newText: lines.join(eol) + eol }];
  const at = lineEnd(text, trimmedEnd(text, anchor));
  return [{ range: file.mapper.range(at, at), newText: eol + lines.join(eol) }];
}

function insertIntoFlowMap(file: YamlFile, map: YAMLMap<Node, Node | null>, entries: YamlEntries): TextEdit[] {
  const rendered = Object.entries(entries)
    .map(([key, value]) => `${key}: ${flowSource(value, true)}`)
    .join(', ');
  const last = map.items[map.items.length - 1];
  if (last) {
    const at = contentEnd(last);
    return [{ range: file.mapper.range(at, at), newText: `, ${rendered}` }];
  }
  if (!map.range) return [];
  const close = map.range[1] - 1;
  if (file.text[close] !== '}') return [];
  return [{ range: file.mapper.range(close, close), newText: ` ${rendered} ` }];
}

/**
 * Where a new entry goes when no key is named: after the last entry whose value is
 * not a block collection. Appending after a nested block would put the insertion
 * point at the very offset where an insertion into that nested map lands, so two
 * fixes applied together (a key for a job and one for its `artifacts:`) could
 * interleave in the wrong order; a scalar entry's line belongs to this map alone.
 * A map of only nested blocks gets the entry at its top instead, when its first
 * key starts a line (not after a sequence dash).
 */
function defaultAnchor(file: YamlFile, items: Array<Pair<Node, Node | null>>): Pair<Node, Node | null> | 'prepend' {
  for (let index = items.length - 1; index >= 0; index--) {
    const value = items[index].value;
    if (!((isMap(value) || isSeq(value)) && !value.flow)) return items[index];
  }
  const keyStart = items[0].key!.range![0];
  return /^[ \t]*$/.test(file.text.slice(lineStart(file.text, keyStart), keyStart)) ? 'prepend' : items[items.length - 1];
}

function firstPresent(map: YAMLMap<Node, Node | null>, keys: string | readonly string[] | undefined): Pair<Node, Node | null> | undefined {
  if (keys === undefined) return undefined;
  for (const key of typeof keys === 'string' ? [keys] : keys) {
    const pair = findPair(map, key);
    if (pair?.key?.range) return pair;
  }
  return undefined;
}

/** Moves up over comment-only lines directly above `begin` (a line start). */
function startOfCommentsAbove(text: string, begin: number): number {
  let at = begin;
  while (at > 0) {
    const previous = lineStart(text, at - 1);
    if (!text.slice(previous, at).trimStart().startsWith('#')) break;
    at = previous;
  }
  return at;
}

/**
 * A `|+` block scalar keeps its trailing blank lines as content; when the entry
 * ends with one, new lines must go after those blank lines. Returns that offset.
 */
function keepChompedEnd(text: string, pair: Pair<Node, Node | null>): number | undefined {
  const leaf = lastLeaf(pair.value, 0);
  if (!isScalar(leaf) || !leaf.range) return undefined;
  if (leaf.type !== Scalar.BLOCK_LITERAL && leaf.type !== Scalar.BLOCK_FOLDED) return undefined;
  const header = /^[|>][0-9+-]*/.exec(text.slice(leaf.range[0]))?.[0] ?? '';
  if (!header.includes('+')) return undefined;
  const end = leaf.range[1];
  return end > 0 && text[end - 1] === '\n' ? end : undefined;
}

function lastLeaf(node: unknown, depth: number): unknown {
  if (depth > 50) return node;
  if (isMap(node) && !node.flow && node.items.length > 0) {
    const last = node.items[node.items.length - 1];
    return lastLeaf(last.value ?? last.key, depth + 1);
  }
  if (isSeq(node) && !node.flow && node.items.length > 0) return lastLeaf(node.items[node.items.length - 1], depth + 1);
  return node;
}

// --- rendering ---

function nest(path: readonly string[], entries: YamlEntries): YamlEntries {
  return path.reduceRight<YamlEntries>((inner, key) => ({ [key]: inner }), entries);
}

function entryLines(entries: YamlEntries, column: number, unit: number): string[] {
  const pad = ' '.repeat(column);
  const lines: string[] = [];
  for (const [key, value] of Object.entries(entries)) {
    if (typeof value === 'string' || isEmptyCollection(value)) {
      lines.push(`${pad}${key}: ${flowSource(value, false)}`);
    } else if (Array.isArray(value)) {
      lines.push(`${pad}${key}:`, ...sequenceLines(value, column + unit, unit));
    } else {
      lines.push(`${pad}${key}:`, ...entryLines(value as YamlEntries, column + unit, unit));
    }
  }
  return lines;
}

function sequenceLines(items: readonly YamlBlock[], column: number, unit: number): string[] {
  const pad = ' '.repeat(column);
  const lines: string[] = [];
  for (const item of items) {
    if (typeof item === 'string' || Array.isArray(item) || isEmptyCollection(item)) {
      lines.push(`${pad}- ${flowSource(item, false)}`);
    } else {
      // A map item: its first key shares the dash's line, the rest align under it.
      const inner = entryLines(item as YamlEntries, column + 2, unit);
      inner[0] = `${pad}- ${inner[0].slice(column + 2)}`;
      lines.push(...inner);
    }
  }
  return lines;
}

/** Source for a value on one line; `inFlow` when it sits inside `{…}`/`[…]`, where `,[]{}` end a plain scalar. */
function flowSource(value: YamlBlock, inFlow: boolean): string {
  if (typeof value === 'string') return inFlow ? flowSafeScalar(value) : value;
  if (Array.isArray(value)) return `[${value.map((item) => flowSource(item, true)).join(', ')}]`;
  const entries = Object.entries(value as YamlEntries);
  return entries.length === 0 ? '{}' : `{ ${entries.map(([key, inner]) => `${key}: ${flowSource(inner, true)}`).join(', ')} }`;
}

/**
 * Scalar source that means the same inside a flow collection as after `key: `
 * in a block: `${{ x }}` is fine in a block but breaks a flow map, so such a
 * plain scalar is written double-quoted instead.
 */
function flowSafeScalar(source: string): string {
  if (!/[,[\]{}]/.test(source)) return source;
  const block = parseDocument(`k: ${source}\n`);
  const flow = parseDocument(`{k: ${source}}\n`);
  const value = block.toJS()?.k;
  if (flow.errors.length === 0 && JSON.stringify(flow.toJS()?.k) === JSON.stringify(value)) return source;
  return typeof value === 'string' ? JSON.stringify(value) : source;
}

function isEmptyCollection(value: YamlBlock): boolean {
  if (typeof value === 'string') return false;
  return Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
}

// --- offsets ---

function keyColumn(file: YamlFile, pair: Pair<unknown, unknown>): number {
  const range = (pair.key as Node | null)?.range;
  return range ? file.mapper.position(range[0]).character : 0;
}

function isNullValue(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null);
}

function isWhitespace(char: string | undefined): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === '\r';
}

/** End of a pair's value (or key) as written, before trailing blank lines. */
function trimmedEnd(text: string, pair: Pair<Node, Node | null>): number {
  const keyEnd = pair.key?.range?.[1] ?? 0;
  let end = Math.max(keyEnd, pair.value?.range?.[1] ?? 0);
  while (end > keyEnd && isWhitespace(text[end - 1])) end--;
  return end;
}

function contentEnd(pair: Pair<Node, Node | null>): number {
  return pair.value?.range?.[1] ?? pair.key?.range?.[1] ?? 0;
}

/** Offset just after the `:` that follows a key ending at `keyEnd`, or -1. */
function afterColon(text: string, keyEnd: number): number {
  let at = keyEnd;
  while (at < text.length && (text[at] === ' ' || text[at] === '\t')) at++;
  return text[at] === ':' ? at + 1 : -1;
}

/** True when only indentation and sequence dashes precede `offset` on its line (not `? `, a tag or an anchor). */
function startsEntry(text: string, offset: number): boolean {
  // `/^[ \t]*(?:-[ \t]+)*$/` on the line's start, read in place: every key of every map a fix inserts into is checked.
  let at = lineStart(text, offset);
  while (at < offset && (text[at] === ' ' || text[at] === '\t')) at++;
  while (at < offset) {
    if (text[at] !== '-') return false;
    const dash = ++at;
    while (at < offset && (text[at] === ' ' || text[at] === '\t')) at++;
    if (at === dash) return false;
  }
  return true;
}

function lineStart(text: string, offset: number): number {
  return offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
}

/** End of the line holding `offset`, before its `\r\n` or `\n`. */
function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  if (newline < 0) return text.length;
  return newline > 0 && text[newline - 1] === '\r' ? newline - 1 : newline;
}

function afterNewline(text: string, end: number): number {
  if (text[end] === '\r' && text[end + 1] === '\n') return end + 2;
  return text[end] === '\n' ? end + 1 : end;
}
