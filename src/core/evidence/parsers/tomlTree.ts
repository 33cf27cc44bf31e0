import { parseTOML } from 'toml-eslint-parser';
import type { AST } from 'toml-eslint-parser';
import { scalarNode } from './locatedTree';
import type { TreeList, TreeMap, TreeValue } from './locatedTree';

/**
 * TOML (pyproject.toml, Cargo.toml, fly.toml, netlify.toml, wrangler.toml) read by
 * toml-eslint-parser, a complete TOML 1.1 parser that keeps every node's location (TOML 1.1
 * because it allows newlines in inline tables, which Cargo and uv accept), turned into the
 * located tree the readers query. Dates and times stay as written, as text.
 */

/** Where the file stops being TOML: zero-based line (like the tree), zero-based column, and what the parser expected. */
export interface TomlProblem {
  line: number;
  column: number;
  message: string;
}

export interface TomlParse {
  root: TreeMap;
  /** Set when the text is not TOML; `root` is then empty (a manifest TOML tools reject declares nothing). */
  problem?: TomlProblem;
}

/** Parses TOML text; never throws (bad input gives a located problem, never a crash). */
export function parseToml(text: string): TomlParse {
  try {
    const program = parseTOML(text, { tomlVersion: '1.1' });
    return { root: topLevelTable(program.body[0]) };
  } catch (error) {
    return { root: emptyRoot(), problem: problemOf(error) };
  }
}

/** The tree of a TOML file, empty when the text is not TOML (see parseToml for the problem). */
export function tomlTree(text: string): TreeMap {
  return parseToml(text).root;
}

function emptyRoot(): TreeMap {
  return { kind: 'map', entries: [], line: 0 };
}

function problemOf(error: unknown): TomlProblem {
  const located = error as { lineNumber?: unknown; column?: unknown; message?: unknown };
  if (typeof located.lineNumber === 'number' && typeof located.column === 'number') {
    return { line: located.lineNumber - 1, column: located.column, message: String(located.message) };
  }
  // Not a syntax error (a stack overflow on absurd nesting): reported at the top, still never thrown.
  return { line: 0, column: 0, message: error instanceof Error ? error.message : String(error) };
}

/** Zero-based line of a node (the parser's lines are 1-based). */
const lineOf = (node: AST.TOMLNode) => node.loc.start.line - 1;

function topLevelTable(top: AST.TOMLTopLevelTable): TreeMap {
  const root = emptyRoot();
  for (const item of top.body) {
    if (item.type === 'TOMLKeyValue') addKeyValue(root, item);
    else addKeyValues(tableAt(root, item), item.body);
  }
  return root;
}

/**
 * The map a `[table]` or `[[array.of.tables]]` header opens. The parser resolves the header to a
 * path with array indices (`[[a]]` twice, then `[a.b]`: ['a', 1, 'b']), so the last element of an
 * array of tables is found by index, not guessed.
 */
function tableAt(root: TreeMap, table: AST.TOMLTable): TreeMap {
  const line = lineOf(table);
  let current: TreeValue = root;
  table.resolvedKey.forEach((segment, index) => {
    if (typeof segment === 'number') {
      const list = current as TreeList;
      let item = list.items[segment];
      if (!item) {
        item = { kind: 'map', entries: [], line };
        list.items[segment] = item;
      }
      current = item;
      return;
    }
    const map = current as TreeMap;
    const next = table.resolvedKey[index + 1];
    let entry = map.entries.find((candidate) => candidate.key === segment);
    if (!entry) {
      const value: TreeValue = typeof next === 'number' ? { kind: 'list', items: [], line } : { kind: 'map', entries: [], line };
      entry = { key: segment, keyLine: line, value };
      map.entries.push(entry);
    }
    current = entry.value;
  });
  return current as TreeMap;
}

function addKeyValues(table: TreeMap, keyValues: AST.TOMLKeyValue[]): void {
  for (const keyValue of keyValues) addKeyValue(table, keyValue);
}

/** `a.b.c = v`: maps for a and b (shared with other dotted keys under the same prefix), then c. */
function addKeyValue(table: TreeMap, keyValue: AST.TOMLKeyValue): void {
  const keyLine = lineOf(keyValue.key);
  const names = keyValue.key.keys.map((key) => (key.type === 'TOMLBare' ? key.name : key.value));
  let parent = table;
  for (const name of names.slice(0, -1)) {
    let entry = parent.entries.find((candidate) => candidate.key === name && candidate.value.kind === 'map');
    if (!entry) {
      entry = { key: name, keyLine, value: { kind: 'map', entries: [], line: keyLine } };
      parent.entries.push(entry);
    }
    parent = entry.value as TreeMap;
  }
  parent.entries.push({ key: names[names.length - 1], keyLine, value: contentValue(keyValue.value) });
}

function contentValue(node: AST.TOMLContentNode): TreeValue {
  const line = lineOf(node);
  if (node.type === 'TOMLArray') return { kind: 'list', items: node.elements.map(contentValue), line };
  if (node.type === 'TOMLInlineTable') {
    const table: TreeMap = { kind: 'map', entries: [], line };
    addKeyValues(table, node.body);
    return table;
  }
  switch (node.kind) {
    case 'string':
    case 'integer':
    case 'float':
    case 'boolean':
      return scalarNode(node.value, line);
    default:
      // Dates and times as written ("1979-05-27T07:32:00Z"), not a Date.
      return scalarNode(node.datetime, line);
  }
}
