import type { StageId } from '../stages';
import type { Matrix } from './types';

/** Every accepted spelling of every stage, lower-cased: ids, display names and aliases. */
function spellings(matrix: Matrix): Array<{ spelling: string; stage: StageId; display: string }> {
  const out: Array<{ spelling: string; stage: StageId; display: string }> = [];
  for (const stage of matrix.stages) {
    for (const name of [stage.id, stage.name, ...stage.aliases]) {
      out.push({ spelling: name.toLowerCase(), stage: stage.id, display: name });
    }
  }
  return out;
}

/** Resolves a stage as written in `.stage.yml` (case-insensitive, surrounding spaces ignored). */
export function resolveStageName(matrix: Matrix, written: string): StageId | undefined {
  const wanted = written.trim().toLowerCase();
  return spellings(matrix).find((entry) => entry.spelling === wanted)?.stage;
}

/**
 * Closest accepted spellings for a misspelt stage ("did you mean"), best
 * first; only reasonably close ones, so nonsense gets no suggestion.
 */
export function suggestStageNames(matrix: Matrix, written: string, max = 3): string[] {
  const wanted = written.trim().toLowerCase();
  // A control character (NUL, escape…) or a value far longer than any stage name is no misspelling: no guess.
  if (!wanted || wanted.length > MAX_SUGGESTION_INPUT || CONTROL_CHARACTER.test(wanted)) return [];
  const scored = spellings(matrix)
    .filter((entry) => entry.spelling === entry.stage || !entry.spelling.includes(' '))
    .map((entry) => ({ ...entry, distance: editDistance(wanted, entry.spelling) }))
    .filter((entry) => entry.distance <= Math.max(1, Math.floor(entry.spelling.length / 3)) || entry.spelling.startsWith(wanted))
    .sort((a, b) => a.distance - b.distance);
  const seen = new Set<string>();
  const result: string[] = [];
  for (const entry of scored) {
    if (seen.has(entry.spelling)) continue;
    seen.add(entry.spelling);
    result.push(entry.spelling);
    if (result.length >= max) break;
  }
  return result;
}

/** Longer written values get no "did you mean": stage names are a few words at most. */
export const MAX_SUGGESTION_INPUT = 64;

const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** Past this length editDistance does not compare (its table is length × length): see below. */
export const MAX_EDIT_DISTANCE_INPUT = 128;

/**
 * Edit distance counting a swap of two neighbours as one edit ("prdo" → "prod"); inputs are short names.
 * A string longer than MAX_EDIT_DISTANCE_INPUT is never "close" to a name: the longer length is returned
 * (an upper bound, far above any suggestion threshold) instead of filling a table of a megabyte squared.
 */
export function editDistance(a: string, b: string): number {
  if (a.length > MAX_EDIT_DISTANCE_INPUT || b.length > MAX_EDIT_DISTANCE_INPUT) return Math.max(a.length, b.length);
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
