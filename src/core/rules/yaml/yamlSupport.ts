import { Composer, isMap, isPair, isScalar, isSeq, LineCounter, Parser } from 'yaml';
import type { CST, Document, Node, Pair, YAMLError, YAMLMap } from 'yaml';
import { PositionMapper } from '../../text';
import { guardAliasExpansion } from './aliasBudget';
import { mergedMaps, throughAlias } from './aliasTargets';
import { excessiveNesting, nestingMessage } from './nestingLimit';
import type { ParseProblem, Range } from '../../text';

/**
 * A YAML file parsed once, with ranges: every YAML rule works on this, so a
 * file is never parsed twice for one analysis.
 */
export interface YamlFile {
  text: string;
  documents: Document.Parsed[];
  mapper: PositionMapper;
  parseProblems: ParseProblem[];
  /**
   * The concrete syntax tree the documents were composed from (comments
   * included), when a later step may read it: suppression comments and kind
   * detection use it instead of lexing the text again. Dropped otherwise: the
   * composed nodes do not point into it, and a large file's tokens would stay
   * alive through the whole analysis.
   */
  cst?: readonly CST.Token[];
  /**
   * The line counter yaml filled while parsing (yaml's error positions come
   * from it). Use `mapper` for positions: this one misses some line breaks
   * after a syntax error. Kept for readers that always used the parse's own.
   */
  lineCounter: LineCounter;
}

/**
 * The first half of a parse: yaml's concrete syntax tree, with the line
 * counter yaml's own error messages use. Cheap next to composition, so a
 * caller can look at a file (is it a Kubernetes manifest?) before paying
 * for the documents, then compose them from the same tokens.
 */
export interface YamlCst {
  text: string;
  tokens: CST.Token[];
  lineCounter: LineCounter;
}

export function parseYamlCst(text: string): YamlCst {
  const lineCounter = new LineCounter();
  const tokens = Array.from(new Parser(lineCounter.addNewLine).parse(text));
  return { text, tokens, lineCounter };
}

/**
 * Composes the documents of a parsed CST exactly as `parseAllDocuments(text,
 * { uniqueKeys: false })` would (same composer, same error messages). The
 * tokens are kept on the file when `keepCst` says so; by default when the
 * text has a `stage-guide` comment to read.
 */
export function composeYamlFile(cst: YamlCst, keepCst = hasSuppressionComment(cst.text)): YamlFile {
  const { text, tokens, lineCounter } = cst;
  const tooDeepAt = excessiveNesting(tokens);
  if (tooDeepAt !== undefined) {
    // Composing would recurse past the stack (see nestingLimit.ts): the file is refused, with a located problem.
    const mapper = new PositionMapper(text);
    return {
      text,
      documents: [],
      mapper,
      parseProblems: [{ range: mapper.range(tooDeepAt, tooDeepAt), message: nestingMessage() }],
      lineCounter,
    };
  }
  const documents = Array.from(new Composer({ uniqueKeys: false }).compose(tokens));
  guardAliasExpansion(text, documents);
  const pretty = prettifyError(text, lineCounter);
  for (const doc of documents) {
    doc.errors.forEach(pretty);
    doc.warnings.forEach(pretty);
  }
  const mapper = new PositionMapper(text);
  const parseProblems: ParseProblem[] = [];
  for (const doc of documents) {
    for (const error of doc.errors) {
      parseProblems.push({ range: mapper.range(error.pos[0], error.pos[1]), message: error.message.split('\n')[0] });
    }
  }
  return { text, documents, mapper, parseProblems, lineCounter, ...(keepCst ? { cst: tokens } : {}) };
}

/** Parses a YAML text once (see YamlFile); `keepCst` as in composeYamlFile. */
export function parseYamlFile(text: string, keepCst?: boolean): YamlFile {
  return composeYamlFile(parseYamlCst(text), keepCst);
}

/** Only a text mentioning `stage-guide` can hold a suppression comment (see collectYamlSuppressions). */
function hasSuppressionComment(text: string): boolean {
  return text.includes('stage-guide');
}

/**
 * What `parseAllDocuments` does to every error and warning by default
 * (`prettyErrors`): appends " at line L, column C" and the source line with a
 * caret. Reproduced from yaml 2.x (src/errors.ts, ISC licence), which does not
 * export it, so messages stay identical to a plain `parseAllDocuments`.
 */
function prettifyError(src: string, lc: LineCounter): (error: YAMLError) => void {
  return (error) => {
    if (error.pos[0] === -1) return;
    error.linePos = error.pos.map((pos) => lc.linePos(pos)) as YAMLError['linePos'];
    const { line, col } = error.linePos![0];
    error.message += ` at line ${line}, column ${col}`;
    let ci = col - 1;
    let lineStr = withoutTrailingLineBreaks(src.substring(lc.lineStarts[line - 1], lc.lineStarts[line]));
    if (ci >= 60 && lineStr.length > 80) {
      const trimStart = Math.min(ci - 39, lineStr.length - 79);
      lineStr = `…${lineStr.substring(trimStart)}`;
      ci -= trimStart - 1;
    }
    if (lineStr.length > 80) lineStr = `${lineStr.substring(0, 79)}…`;
    if (line > 1 && /^ *$/.test(lineStr.substring(0, ci))) {
      let prev = src.substring(lc.lineStarts[line - 2], lc.lineStarts[line - 1]);
      if (prev.length > 80) prev = `${prev.substring(0, 79)}…\n`;
      lineStr = prev + lineStr;
    }
    if (/[^ ]/.test(lineStr)) {
      let count = 1;
      const end = error.linePos![1];
      if (end?.line === line && end.col > col) count = Math.max(1, Math.min(end.col - col, 80 - ci));
      error.message += `:\n\n${lineStr}\n${' '.repeat(ci)}${'^'.repeat(count)}\n`;
    }
  };
}

/** `text.replace(/[\n\r]+$/, '')` as a scan (the regex is quadratic on a long run of line breaks). */
function withoutTrailingLineBreaks(text: string): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  return text.slice(0, end);
}

/**
 * False when no scalar of the YAML text can be `word` (ASCII letters, digits, `_` and `-`, no spaces): it is not
 * written in the text, nor spelled by a double-quoted escape (`\x41`, `\u0041`, `\U…`) or split by an escaped line
 * break, the only ways a scalar's value holds characters its source does not. Lets a rule that looks for one rare
 * key skip walking every job and step of a large file.
 */
export function textMayHoldWord(text: string, word: string): boolean {
  return text.includes(word) || ESCAPES_SPELLING_ASCII.some((escape) => text.includes(escape));
}

const ESCAPES_SPELLING_ASCII = ['\\x', '\\u', '\\U', '\\\n', '\\\r'];

/** Range of a node's value (without trailing comments), or of a fallback offset. */
export function nodeRange(file: YamlFile, node: Node | null | undefined): Range | undefined {
  if (!node || !node.range) return undefined;
  return file.mapper.range(node.range[0], node.range[1]);
}

/** The pair whose scalar key equals `key` in a map, if any. */
export function findPair(given: unknown, key: string, depth = 0): Pair<Node, Node | null> | undefined {
  // An alias is read as its anchored map when the file's model linked its aliases (aliasTargets.ts), as in every reader below.
  const map = isMap(given) ? given : throughAlias(given);
  if (!isMap(map)) return undefined;
  // Every rule looks keys up many times per file: compare strings directly, convert only other scalars.
  let merges = false;
  const items = (map as YAMLMap<Node, Node | null>).items;
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    if (!isPair(item) || !isScalar(item.key)) continue;
    const value = item.key.value;
    if (typeof value === 'string' ? value === key : String(value) === key) return item as Pair<Node, Node | null>;
    if (value === '<<') merges = true;
  }
  // Not its own: a map linked with merge keys has the keys it merges (`<<: *defaults`) too, the earlier sources first.
  if (!merges || depth > MAX_MERGE_DEPTH) return undefined;
  for (const source of mergedMaps(map) ?? []) {
    const merged = findPair(source, key, depth + 1);
    if (merged) return merged;
  }
  return undefined;
}

/** Merges of merges, deep enough for any real file (cycles are refused before linking: aliasBudget.ts). */
const MAX_MERGE_DEPTH = 8;

/** The value node for `key` in a map, if any. */
export function getValue(map: unknown, key: string): Node | null | undefined {
  return throughAlias(findPair(map, key)?.value) as Node | null | undefined;
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
export function scalarString(given: unknown): string | undefined {
  const node = throughAlias(given);
  if (!isScalar(node)) return undefined;
  const value = node.value;
  return value === null || value === undefined ? undefined : String(value);
}

/** Entries of a map as [key, pair] with string keys, in source order. */
export function mapEntries(given: unknown, depth = 0): Array<[string, Pair<Node, Node | null>]> {
  const node = throughAlias(given);
  if (!isMap(node)) return [];
  const out: Array<[string, Pair<Node, Node | null>]> = [];
  for (const item of (node as YAMLMap<Node, Node | null>).items) {
    if (isPair(item) && isScalar(item.key)) out.push([String(item.key.value), item as Pair<Node, Node | null>]);
  }
  const sources = depth > MAX_MERGE_DEPTH ? undefined : mergedMaps(node);
  if (!sources) return out;
  // Linked with merge keys: the `<<` entries give way to the keys they merge; own keys first and winning, then earlier sources.
  const merged = out.filter(([key]) => key !== '<<');
  const seen = new Set(merged.map(([key]) => key));
  for (const source of sources) {
    for (const entry of mapEntries(source, depth + 1)) {
      if (seen.has(entry[0])) continue;
      seen.add(entry[0]);
      merged.push(entry);
    }
  }
  return merged;
}

/** Items of a sequence node (empty for anything else). */
export function seqItems(given: unknown): unknown[] {
  const node = throughAlias(given);
  return isSeq(node) ? node.items : [];
}
