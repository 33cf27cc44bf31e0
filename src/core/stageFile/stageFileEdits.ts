import { isMap, isScalar, isSeq, Scalar } from 'yaml';
import type { Node } from 'yaml';
import { PositionMapper } from '../text';
import type { TextEdit } from '../text';
import type { StageId } from '../stages';
import { stageGoal, stageInfo } from '../matrix/matrixQueries';
import type { Matrix } from '../matrix/types';
import { parseDocumentsWithinLimits } from '../rules/yaml/nestingLimit';

/**
 * Minimal edits to a user's `.stage.yml`. Each edit is computed from the
 * yaml Document's node ranges and touches only the value it changes, so
 * comments, key order and formatting survive, and re-applying is a no-op.
 */

interface Located {
  mapper: PositionMapper;
  root: unknown;
  text: string;
}

/**
 * Parsed within the nesting and alias limits every repository YAML gets: a
 * file past them has no root here (callers go through editCheck, which
 * refuses such a file with its reason before any edit is computed).
 */
function locate(text: string): Located {
  const doc = parseDocumentsWithinLimits(text, { keepSourceTokens: true, uniqueKeys: false }).documents[0];
  return { mapper: new PositionMapper(text), root: doc?.contents, text };
}

function topPair(root: unknown, key: string) {
  if (!isMap(root)) return undefined;
  return root.items.find((item) => isScalar(item.key) && item.key.value === key);
}

/** Writes a scalar in the same quoting style as the one it replaces. */
function scalarSource(value: string, like: Node | null | undefined): string {
  if (isScalar(like) && like.type === Scalar.QUOTE_DOUBLE) return JSON.stringify(value);
  if (isScalar(like) && like.type === Scalar.QUOTE_SINGLE) return `'${value.replace(/'/g, "''")}'`;
  return value;
}

/** `end` moved back over line breaks (and the blank lines of a block value), never before `start`. */
function withoutTrailingBreaks(text: string, start: number, end: number): number {
  let at = end;
  while (at > start && /[\r\n \t]/.test(text[at - 1])) at--;
  return at;
}

function lineEnd(text: string, offset: number): number {
  const index = text.indexOf('\n', offset);
  return index < 0 ? text.length : index;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
}

/** Sets `stage:`; inserts it as the first key when it is missing. Empty when already set to that stage id. */
export function setStageEdits(text: string, stage: StageId): TextEdit[] {
  const { mapper, root } = locate(text);
  const pair = topPair(root, 'stage');
  const value = pair?.value as Node | null | undefined;
  if (pair && isScalar(value) && value.range && value.value !== null && value.range[1] > value.range[0]) {
    if (String(value.value) === stage) return [];
    // A block scalar's range (`|\n  mvp\n`) ends after its line break: keep that break, or the next key joins the line.
    return [
      {
        range: mapper.range(value.range[0], withoutTrailingBreaks(text, value.range[0], value.range[1])),
        newText: scalarSource(stage, value),
      },
    ];
  }
  if (pair && isScalar(pair.key) && pair.key.range) {
    // `stage:` with no value (or a non-scalar one): replace everything after the colon, up to the value's last line break.
    const keyEnd = pair.key.range[1];
    const colon = text.indexOf(':', keyEnd);
    const end = value?.range ? withoutTrailingBreaks(text, colon + 1, value.range[1]) : lineEnd(text, colon);
    return [{ range: mapper.range(colon + 1, end), newText: ` ${stage}` }];
  }
  if (isMap(root) && root.range) {
    const start = lineStart(text, root.range[0]);
    return [{ range: mapper.range(start, start), newText: `stage: ${stage}\n` }];
  }
  // Empty or non-map file: write a whole new one, keeping nothing of a file that had no usable content.
  return [
    {
      range: mapper.range(0, text.length),
      newText: text.trim().length === 0 ? `stage: ${stage}\n` : `${commentOut(text)}stage: ${stage}\n`,
    },
  ];
}

/** Keeps unusable content visible (as comments) instead of deleting it: never lose user data. */
function commentOut(text: string): string {
  return (
    text
      .split('\n')
      .filter((line, index, lines) => index < lines.length - 1 || line.length > 0)
      .map((line) => `# ${line}`)
      .join('\n') + '\n'
  );
}

/** A new, commented `.stage.yml` for a stage. */
export function newStageFileText(matrix: Matrix, stage: StageId, name?: string): string {
  const info = stageInfo(matrix, stage);
  const stages = matrix.stages.map((s) => s.id).join(' | ');
  return [
    '# Stage Guide: how mature this product is meant to be.',
    `# ${info.name}: ${stageGoal(matrix, stage)}`,
    `# Stages: ${stages}`,
    ...(name ? [`name: ${JSON.stringify(name)}`] : []),
    `stage: ${stage}`,
    '',
  ].join('\n');
}

export interface NewWaiver {
  rule: string;
  /** Path relative to the `.stage.yml` folder. */
  path?: string;
  reason: string;
  until?: string;
}

function waiverLines(waiver: NewWaiver, indent: string): string[] {
  const lines = [`${indent}- rule: ${waiver.rule}`];
  if (waiver.path) lines.push(`${indent}  paths: [${JSON.stringify(waiver.path)}]`);
  lines.push(`${indent}  reason: ${JSON.stringify(waiver.reason)}`);
  if (waiver.until) lines.push(`${indent}  until: ${waiver.until}`);
  return lines;
}

/** Appends a waiver to `waivers:` (creating the key at the end when missing). Empty when an identical waiver exists. */
export function addWaiverEdits(text: string, waiver: NewWaiver): TextEdit[] {
  const { mapper, root } = locate(text);
  const pair = topPair(root, 'waivers');
  const value = pair?.value;
  if (isSeq(value) && value.items.some((item) => sameWaiver(item, waiver))) return [];
  if (isSeq(value) && value.range && !value.flow && value.items.length > 0) {
    const firstItem = value.items[0] as Node;
    const dashLine = lineStart(text, firstItem.range?.[0] ?? value.range[0]);
    const indent = /^[ ]*/.exec(text.slice(dashLine))?.[0] ?? '  ';
    const lastItem = value.items[value.items.length - 1] as Node;
    const insertAt = lineEnd(text, Math.max(lastItem.range?.[1] ?? value.range[1], 1) - 1);
    return [{ range: mapper.range(insertAt, insertAt), newText: `\n${waiverLines(waiver, indent).join('\n')}` }];
  }
  if (pair && isScalar(pair.key) && pair.key.range) {
    // `waivers:` empty, null or a flow list: rewrite its value as a block list, keeping existing flow items.
    const colon = text.indexOf(':', pair.key.range[1]);
    const end = value && (value as Node).range ? (value as Node).range![1] : lineEnd(text, colon);
    const kept = isSeq(value) ? value.items.map((item) => `  - ${String(item)}`) : [];
    return [{ range: mapper.range(colon + 1, end), newText: `\n${[...kept, ...waiverLines(waiver, '  ')].join('\n')}` }];
  }
  const needsNewline = text.length > 0 && !text.endsWith('\n');
  const at = text.length;
  return [{ range: mapper.range(at, at), newText: `${needsNewline ? '\n' : ''}waivers:\n${waiverLines(waiver, '  ').join('\n')}\n` }];
}

function sameWaiver(item: unknown, waiver: NewWaiver): boolean {
  if (!isMap(item)) return false;
  const rule = item.get('rule');
  const paths = item.get('paths');
  const firstPath = isSeq(paths) ? String(paths.items[0] ?? '') : paths === undefined ? undefined : String(paths);
  return rule === waiver.rule && (waiver.path === undefined ? paths === undefined : firstPath === waiver.path);
}

/** The waiver items in source order, so callers can address one by index. */
function waiverItems(root: unknown): Node[] {
  const value = topPair(root, 'waivers')?.value;
  return isSeq(value) ? (value.items as Node[]) : [];
}

/** Removes the waiver at `index` (its whole lines). */
export function removeWaiverEdits(text: string, index: number): TextEdit[] {
  const { mapper, root } = locate(text);
  const items = waiverItems(root);
  const item = items[index];
  if (!item?.range) return [];
  const start = lineStart(text, item.range[0]);
  const endOfItem = item.range[1] > item.range[0] ? item.range[1] : item.range[0];
  let end = lineEnd(text, Math.max(endOfItem - 1, start));
  end = end < text.length ? end + 1 : end;
  return [{ range: mapper.range(start, end), newText: '' }];
}

/** Sets (or adds) `until:` on the waiver at `index`. */
export function setWaiverUntilEdits(text: string, index: number, until: string): TextEdit[] {
  const { mapper, root } = locate(text);
  const item = waiverItems(root)[index];
  if (!isMap(item)) return [];
  const pair = item.items.find((p) => isScalar(p.key) && p.key.value === 'until');
  const value = pair?.value as Node | null | undefined;
  if (pair && isScalar(value) && value.range) {
    if (String(value.value) === until) return [];
    return [{ range: mapper.range(value.range[0], value.range[1]), newText: scalarSource(until, value) }];
  }
  const lastPair = item.items[item.items.length - 1];
  const anchor = (lastPair?.value as Node | null)?.range ?? (lastPair?.key as Node | null)?.range;
  const firstKey = item.items[0]?.key as Node | undefined;
  if (!anchor || !firstKey?.range) return [];
  const keyColumn = firstKey.range[0] - lineStart(text, firstKey.range[0]);
  const at = lineEnd(text, Math.max(anchor[1] - 1, anchor[0]));
  return [{ range: mapper.range(at, at), newText: `\n${' '.repeat(keyColumn)}until: ${until}` }];
}
