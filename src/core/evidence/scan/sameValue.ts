/**
 * Whether two values a reader made are the same: equal primitives, or arrays, plain objects, Maps and Sets
 * whose contents are. Used to tell whether a changed file changed the evidence (a comment edited, a line
 * appended to a value nothing reads): then what was made of the evidence stands. Gives up (false: "not
 * known to be the same") past `budget` values, so a huge tree costs a bounded comparison.
 */
export function sameValue(a: unknown, b: unknown, budget = 200_000): boolean {
  const left = { budget };
  return same(a, b, left);
}

/** sameValue with a budget shared by several comparisons (one list compared a slice at a time): `left.budget` is what remains. */
export function sameValueWithin(a: unknown, b: unknown, left: { budget: number }): boolean {
  return same(a, b, left);
}

/**
 * How a comparison treats lines (movedLines.ts): the numbers of line keys (and the values of `lineRecords`) are
 * not compared but noted in `moves`, each old line with its new one; false as soon as one old line goes two ways.
 */
export interface LinesMoving {
  moves: Map<number, number>;
  isLineKey(key: string): boolean;
  lineRecords?: ReadonlySet<string>;
}

/** sameValue, or with `left.lines` the same but for the lines (see LinesMoving). */
export function same(a: unknown, b: unknown, left: { budget: number; lines?: LinesMoving }): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (--left.budget < 0) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    if (a.length !== other.length) return false;
    for (let index = 0; index < a.length; index++) if (!same(a[index], other[index], left)) return false;
    return true;
  }
  if (a instanceof Map) {
    const other = b as Map<unknown, unknown>;
    if (a.size !== other.size) return false;
    for (const [key, value] of a) if (!other.has(key) || !same(value, other.get(key), left)) return false;
    return true;
  }
  if (a instanceof Set) {
    const other = b as Set<unknown>;
    if (a.size !== other.size) return false;
    for (const value of a) if (!other.has(value)) return false;
    return true;
  }
  const keys = Object.keys(a);
  const other = b as Record<string, unknown>;
  if (keys.length !== Object.keys(other).length) return false;
  const lines = left.lines;
  for (const key of keys) {
    if (!Object.prototype.hasOwnProperty.call(other, key)) return false;
    const [was, is] = [(a as Record<string, unknown>)[key], other[key]];
    if (lines && typeof was === 'number' && typeof is === 'number' && lines.isLineKey(key)) {
      if (!lineMoved(was, is, lines.moves)) return false;
    } else if (lines?.lineRecords?.has(key) && isRecordOfNumbers(was) && isRecordOfNumbers(is)) {
      const names = Object.keys(was);
      if (names.length !== Object.keys(is).length) return false;
      for (const name of names)
        if (!Object.prototype.hasOwnProperty.call(is, name) || !lineMoved(was[name], is[name], lines.moves)) return false;
    } else if (!same(was, is, left)) return false;
  }
  return true;
}

/** Notes that line `was` is now `is`; false when `was` was already seen going elsewhere. */
function lineMoved(was: number, is: number, moves: Map<number, number>): boolean {
  const known = moves.get(was);
  if (known === undefined) moves.set(was, is);
  return known === undefined || known === is;
}

function isRecordOfNumbers(value: unknown): value is Record<string, number> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((item) => typeof item === 'number')
  );
}
