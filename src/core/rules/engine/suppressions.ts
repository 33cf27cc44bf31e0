import { Parser } from 'yaml';
import type { CST } from 'yaml';
import type { Dockerfile } from 'dockerfile-ast';
import type { InlineSuppressions } from '../types';

/**
 * Inline suppressions, read from comments the real parsers found:
 *
 *   # stage-guide: ignore <rule-id>[, <rule-id>...] [-- reason]
 *   # stage-guide: ignore                      (every rule)
 *   # stage-guide: ignore-file [ids] [-- reason]  (among the leading comment lines)
 *
 * A directive on a line of its own applies to the next line that is not a
 * comment (so a reason can follow on its own comment line); at the end of a
 * line it applies to that line. `ignore-file` counts only in the comment block
 * at the top of the file, where a reader looks for file-wide switches.
 */

export const ALL_RULES = '*';

const DIRECTIVE = /^stage-guide:\s*(ignore-file|ignore)(?=\s|,|$)(.*)$/;

export interface SuppressionDirective {
  scope: 'line' | 'file';
  /** Rule ids; empty means every rule. */
  ruleIds: string[];
}

/** Parses a comment's text (with or without the leading `#`); undefined when it is no directive. */
export function parseSuppressionDirective(comment: string): SuppressionDirective | undefined {
  const body = comment.replace(/^#+/, '').trim();
  const match = DIRECTIVE.exec(body);
  if (!match) return undefined;
  const idsPart = match[2].split(' -- ')[0];
  const ruleIds = idsPart.split(/[\s,]+/).filter((id) => id.length > 0);
  return { scope: match[1] === 'ignore-file' ? 'file' : 'line', ruleIds };
}

/**
 * No suppression: one value for every file without a directive (almost all). An analysis keeps its suppressions, and
 * the editor's scan cache keeps a workspace's analyses: an empty map and set each were 3 MB of the scan worker's heap
 * on the 100,000-file bench tree.
 */
export function emptySuppressions(): InlineSuppressions {
  return NO_SUPPRESSIONS;
}

const NO_SUPPRESSIONS: InlineSuppressions = { byLine: new Map(), fileWide: new Set() };

/** Suppressions as the comments of a file are read into them. */
interface SuppressionsBeingRead {
  byLine: Map<number, Set<string>>;
  fileWide: Set<string>;
}

/** True when `ruleId` is suppressed on `line` (zero-based) or file-wide. */
export function isSuppressed(suppressions: InlineSuppressions, ruleId: string, line: number): boolean {
  const { fileWide, byLine } = suppressions;
  if (fileWide.has(ALL_RULES) || fileWide.has(ruleId)) return true;
  const onLine = byLine.get(line);
  return onLine !== undefined && (onLine.has(ALL_RULES) || onLine.has(ruleId));
}

function addIds(target: Set<string>, ruleIds: readonly string[]): void {
  if (ruleIds.length === 0) target.add(ALL_RULES);
  for (const id of ruleIds) target.add(id);
}

function suppressLines(suppressions: SuppressionsBeingRead, firstLine: number, lastLine: number, ruleIds: readonly string[]): void {
  for (let line = firstLine; line <= lastLine; line++) {
    let set = suppressions.byLine.get(line);
    if (!set) {
      set = new Set();
      suppressions.byLine.set(line, set);
    }
    addIds(set, ruleIds);
  }
}

interface LineSpan {
  first: number;
  last: number;
}

/** One comment as found by a parser: its text and the zero-based line it is on. */
interface FoundComment {
  text: string;
  line: number;
  /** True when only whitespace precedes the comment on its line. */
  ownLine: boolean;
}

/**
 * Applies found comments. `targetOf(line)` says which lines a directive on its
 * own line, followed by non-comment line `line`, covers (a whole Dockerfile
 * instruction, or just that YAML line; undefined when there is nothing there).
 * `headerEnd` is the first line that is not part of the leading comment block.
 */
function applyComments(
  comments: readonly FoundComment[],
  headerEnd: number,
  targetOf: (line: number) => LineSpan | undefined,
  trailingTargetOf: (line: number) => LineSpan | undefined,
): SuppressionsBeingRead {
  const result: SuppressionsBeingRead = { byLine: new Map(), fileWide: new Set() };
  const ownLineComments = new Set(comments.filter((c) => c.ownLine).map((c) => c.line));
  for (const comment of comments) {
    const directive = parseSuppressionDirective(comment.text);
    if (!directive) continue;
    if (directive.scope === 'file') {
      if (comment.ownLine && comment.line < headerEnd) addIds(result.fileWide, directive.ruleIds);
      continue;
    }
    let span: LineSpan | undefined;
    if (comment.ownLine) {
      let next = comment.line + 1;
      while (ownLineComments.has(next)) next++;
      span = targetOf(next);
    } else {
      span = trailingTargetOf(comment.line);
    }
    if (span) suppressLines(result, span.first, span.last, directive.ruleIds);
  }
  return result;
}

/** The suppressions read, or the shared empty value when there are none. */
function readSuppressions(result: SuppressionsBeingRead): InlineSuppressions {
  return result.byLine.size === 0 && result.fileWide.size === 0 ? NO_SUPPRESSIONS : result;
}

/**
 * Inline suppressions from comments a format's own parser found (HCL): a directive on its own line covers the
 * next line that is not a comment, one at the end of a line covers that line; `ignore-file` counts only in the
 * comment block that opens the file (before `firstContentLine`).
 */
export function collectLineCommentSuppressions(
  comments: ReadonlyArray<{ text: string; line: number; ownLine: boolean }>,
  firstContentLine: number,
): InlineSuppressions {
  const sameLine = (line: number): LineSpan => ({ first: line, last: line });
  return readSuppressions(applyComments(comments, firstContentLine, sameLine, sameLine));
}

// ---------------------------------------------------------------- YAML

const YAML_TRIVIA = new Set(['comment', 'newline', 'space', 'doc-start', 'doc-end', 'directive', 'byte-order-mark']);

interface CstLeaf {
  type: string;
  offset: number;
  source: string;
}

/** Every source token of yaml's CST, comments included (block scalar content stays one token). */
function collectCstLeaves(node: unknown, out: CstLeaf[], depth = 0): void {
  if (depth > 10_000 || node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) collectCstLeaves(item, out, depth + 1);
    return;
  }
  const record = node as Record<string, unknown>;
  if (typeof record.type === 'string' && typeof record.offset === 'number' && typeof record.source === 'string') {
    out.push({ type: record.type, offset: record.offset, source: record.source });
  }
  for (const [key, value] of Object.entries(record)) {
    if (key !== 'source' && value !== null && typeof value === 'object') collectCstLeaves(value, out, depth + 1);
  }
}

/**
 * Inline suppressions of a YAML file, from the comment tokens of yaml's CST
 * parser (so `#` inside strings and block scalars never counts). Cheap for the
 * common case: text without "stage-guide" is not parsed at all. `cst`: the
 * tokens of `text` when the caller parsed it already (`YamlFile.cst`), so the
 * text is not lexed a second time.
 */
export function collectYamlSuppressions(text: string, cst?: Iterable<CST.Token>): InlineSuppressions {
  if (!text.includes('stage-guide')) return emptySuppressions();
  const leaves: CstLeaf[] = [];
  try {
    for (const token of cst ?? new Parser().parse(text)) collectCstLeaves(token, leaves);
  } catch {
    return emptySuppressions();
  }
  const lineStarts = lineStartOffsets(text);
  const lineOf = (offset: number): number => lineIndex(lineStarts, offset);
  let firstContent = text.length;
  for (const leaf of leaves) {
    if (!YAML_TRIVIA.has(leaf.type) && leaf.offset < firstContent) firstContent = leaf.offset;
  }
  const comments: FoundComment[] = leaves
    .filter((leaf) => leaf.type === 'comment')
    .map((leaf) => {
      const line = lineOf(leaf.offset);
      const before = text.slice(lineStarts[line], leaf.offset);
      return { text: leaf.source, line, ownLine: before.trim().length === 0 };
    });
  const sameLine = (line: number): LineSpan | undefined => (line < lineStarts.length ? { first: line, last: line } : undefined);
  return readSuppressions(applyComments(comments, lineOf(firstContent), sameLine, sameLine));
}

// ---------------------------------------------------------------- Dockerfile

/** A comment inside a RUN's shell script (`RUN make # stage-guide: ignore …`), found by the shell scanner. */
export interface ShellComment {
  text: string;
  /** The instruction's first and last zero-based lines: the comment covers all of it. */
  firstLine: number;
  lastLine: number;
}

/**
 * Inline suppressions of a Dockerfile, from dockerfile-ast's comments. A
 * directive above an instruction covers every line of that instruction (a
 * finding in a long RUN may sit on any of its continuation lines).
 * Dockerfiles have no end-of-line comments — `#` after an instruction is part of
 * its arguments — except inside a RUN's shell script, whose shell comments the
 * caller passes in as `shellComments`.
 */
export function collectDockerfileSuppressions(dockerfile: Dockerfile, shellComments: readonly ShellComment[] = []): InlineSuppressions {
  const anyDirective =
    dockerfile.getComments().some((comment) => comment.getContent().includes('stage-guide')) ||
    shellComments.some((comment) => comment.text.includes('stage-guide'));
  if (!anyDirective) return emptySuppressions();
  const instructions = dockerfile.getInstructions();
  const spans = instructions.map((instruction) => {
    const range = instruction.getRange();
    return { first: range.start.line, last: range.end.line };
  });
  // A directive followed by no instruction (end of file) has nothing to suppress.
  const targetOf = (line: number): LineSpan | undefined => spans.find((span) => span.first <= line && line <= span.last);
  const headerEnd = spans.length > 0 ? spans[0].first : Number.MAX_SAFE_INTEGER;
  const comments: FoundComment[] = dockerfile.getComments().map((comment) => ({
    text: comment.getContent(),
    line: comment.getRange().start.line,
    ownLine: true,
  }));
  const result = applyComments(comments, headerEnd, targetOf, targetOf);
  for (const comment of shellComments) {
    const directive = parseSuppressionDirective(comment.text);
    if (directive?.scope === 'line') suppressLines(result, comment.firstLine, comment.lastLine, directive.ruleIds);
  }
  return readSuppressions(result);
}

// ---------------------------------------------------------------- lines

function lineStartOffsets(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function lineIndex(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}
