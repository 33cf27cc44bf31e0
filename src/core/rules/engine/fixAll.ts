import type { Position, TextEdit } from '../../text';
import type { StagedFinding } from './evaluate';

export interface FixAllResult {
  /** Non-overlapping edits, ready to apply together. */
  edits: TextEdit[];
  /** Findings whose fix is in `edits`. */
  fixed: StagedFinding[];
  /** Findings whose fix overlapped an earlier one: analyse again after applying `edits` and fix them then. */
  deferred: StagedFinding[];
}

/**
 * One edit set fixing every reported finding of a file that has a fix. A fix
 * is taken whole or not at all; a fix that overlaps one already taken is
 * deferred to a second pass. Insertions at the same point are merged in
 * finding order (USER and HEALTHCHECK both go before CMD), so they do not need
 * a second pass.
 */
export function collectFixAll(staged: readonly StagedFinding[]): FixAllResult {
  const candidates = staged
    .map((finding, index) => ({ finding, index }))
    .filter(({ finding }) => finding.severity !== undefined && finding.finding.fix && finding.finding.fix.edits.length > 0);
  const taken: TextEdit[] = [];
  const fixed: StagedFinding[] = [];
  const deferred: StagedFinding[] = [];
  for (const { finding } of candidates) {
    const edits = finding.finding.fix?.edits ?? [];
    if (edits.some((edit, i) => edits.some((other, j) => i !== j && overlaps(edit, other)))) {
      deferred.push(finding);
      continue;
    }
    if (edits.some((edit) => taken.some((other) => overlaps(edit, other) && !isSamePointInsertion(edit, other)))) {
      deferred.push(finding);
      continue;
    }
    taken.push(...edits.map((edit) => ({ range: edit.range, newText: edit.newText })));
    fixed.push(finding);
  }
  return { edits: mergeSamePointInsertions(taken), fixed, deferred };
}

function compare(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

function isEmpty(edit: TextEdit): boolean {
  return compare(edit.range.start, edit.range.end) === 0;
}

function isSamePointInsertion(a: TextEdit, b: TextEdit): boolean {
  return isEmpty(a) && isEmpty(b) && compare(a.range.start, b.range.start) === 0;
}

/**
 * Edits overlap when their ranges share a character, or when one inserts
 * strictly inside the other's range, or both insert at the same point (whose
 * order would otherwise be undefined). Touching ranges do not overlap.
 */
export function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (isEmpty(a) && isEmpty(b)) return compare(a.range.start, b.range.start) === 0;
  if (isEmpty(a)) return compare(b.range.start, a.range.start) < 0 && compare(a.range.start, b.range.end) < 0;
  if (isEmpty(b)) return compare(a.range.start, b.range.start) < 0 && compare(b.range.start, a.range.end) < 0;
  return compare(a.range.start, b.range.end) < 0 && compare(b.range.start, a.range.end) < 0;
}

/** Joins insertions at one point into a single edit, keeping the order they were taken in. */
function mergeSamePointInsertions(edits: readonly TextEdit[]): TextEdit[] {
  const merged: TextEdit[] = [];
  for (const edit of edits) {
    const same = isEmpty(edit) ? merged.find((other) => isSamePointInsertion(other, edit)) : undefined;
    if (same) same.newText += edit.newText;
    else merged.push({ range: edit.range, newText: edit.newText });
  }
  return merged;
}
