// What to offer at a place in `.stage.yml`: keys, stage names, concern ids,
// rule ids and levels. Pure (no `vscode`): the provider adds the editor's
// shapes and the translated explanations.
import { stageGoal } from '../../core/matrix/matrixQueries';
import type { Matrix } from '../../core/matrix/types';
import { STAGE_FILE_KEYS } from '../../core/stageFile/parseStageFile';
import { RULE_LEVELS } from '../../core/stageFile/types';
import type { ScalarPlace } from './yamlCursor';

/** Keys a waiver item takes (the parser's list; kept in its order). */
export const WAIVER_KEYS = ['rule', 'paths', 'reason', 'until'] as const;

/** Keys whose value is one scalar, so completion types `key: ` and the value follows on the same line. */
const SCALAR_KEYS = new Set<string>(['stage', 'next', 'name', 'matrix']);
/** Keys whose value is a stage, so completion opens the stage list right after. */
const STAGE_VALUED_KEYS = new Set<string>(['stage', 'next']);

export type CandidateKind = 'key' | 'waiver-key' | 'concern' | 'rule' | 'stage' | 'level';

export interface CompletionCandidate {
  kind: CandidateKind;
  label: string;
  /** A short description shown beside the label (a stage's goal, a concern's name). */
  detail?: string;
  insertText: string;
  /** Keeps the natural order (stages from prototype to enterprise) instead of alphabetical. */
  sortText: string;
  /** Open completion again after inserting (a key whose value has its own list). */
  suggestValueNext?: boolean;
}

export function completionCandidates(
  place: ScalarPlace,
  matrix: Matrix,
  knownRuleIds: ReadonlySet<string> = new Set(),
): CompletionCandidate[] {
  const [first, second, third] = place.path;
  const depth = place.path.length;
  if (place.role === 'key' || place.role === 'item') {
    if (depth === 0 && place.role === 'key') return rootKeys(place.siblingKeys);
    if (depth === 1 && first === 'concerns') return concernKeys(matrix, place.siblingKeys);
    if (depth === 1 && first === 'rules') return ruleKeys(knownRuleIds, place.siblingKeys);
    if (first === 'waivers' && (depth === 2 || (depth === 1 && place.role === 'item'))) return waiverKeys(place.siblingKeys);
    return [];
  }
  if (depth === 1 && (first === 'stage' || first === 'next')) return stageValues(matrix);
  if (depth === 2 && first === 'concerns') return stageValues(matrix);
  if (depth === 2 && first === 'rules') return levelValues();
  if (depth === 3 && first === 'waivers' && typeof second === 'number' && third === 'rule') return ruleValues(knownRuleIds);
  return [];
}

/**
 * The text range a chosen candidate replaces: the word as written, inside
 * its quotes when it is quoted (so the quotes stay).
 */
export function replacementRange(place: ScalarPlace, text: string): [number, number] {
  const [start, end] = place.range;
  if (!place.quoted) return [start, end];
  const quote = text[start];
  const closed = end - 1 > start && text[end - 1] === quote;
  return [start + 1, closed ? end - 1 : end];
}

function order(index: number): string {
  return String(index).padStart(3, '0');
}

function rootKeys(present: readonly string[]): CompletionCandidate[] {
  return STAGE_FILE_KEYS.filter((key) => !present.includes(key)).map((key, index) => ({
    kind: 'key',
    label: key,
    insertText: SCALAR_KEYS.has(key) ? `${key}: ` : `${key}:`,
    sortText: order(index),
    suggestValueNext: STAGE_VALUED_KEYS.has(key),
  }));
}

function concernKeys(matrix: Matrix, present: readonly string[]): CompletionCandidate[] {
  return matrix.concerns
    .filter((concern) => !present.includes(concern.id))
    .map((concern, index) => ({
      kind: 'concern',
      label: concern.id,
      detail: concern.name,
      insertText: `${concern.id}: `,
      sortText: order(index),
      suggestValueNext: true,
    }));
}

function ruleKeys(knownRuleIds: ReadonlySet<string>, present: readonly string[]): CompletionCandidate[] {
  return [...knownRuleIds]
    .filter((id) => !present.includes(id))
    .sort()
    .map((id, index) => ({ kind: 'rule', label: id, insertText: `${id}: `, sortText: order(index), suggestValueNext: true }));
}

function ruleValues(knownRuleIds: ReadonlySet<string>): CompletionCandidate[] {
  return [...knownRuleIds].sort().map((id, index) => ({ kind: 'rule', label: id, insertText: id, sortText: order(index) }));
}

function waiverKeys(present: readonly string[]): CompletionCandidate[] {
  return WAIVER_KEYS.filter((key) => !present.includes(key)).map((key, index) => ({
    kind: 'waiver-key',
    label: key,
    insertText: `${key}: `,
    sortText: order(index),
  }));
}

function stageValues(matrix: Matrix): CompletionCandidate[] {
  return matrix.stages.map((stage, index) => ({
    kind: 'stage',
    label: stage.id,
    detail: stageGoal(matrix, stage.id),
    insertText: stage.id,
    sortText: order(index),
  }));
}

function levelValues(): CompletionCandidate[] {
  return RULE_LEVELS.map((level, index) => ({ kind: 'level', label: level, insertText: level, sortText: order(index) }));
}
