import { same } from './sameValue';

/**
 * Whether two values a reader or a digest made of one file are the same but for the lines they record, as after an
 * edit that inserts or removes lines and changes nothing else the value records (a comment line added above): then
 * what was made of the old value stands, its places moved (the judge's findings, the signals' evidence).
 *
 * A line is a number under a key named `line` or ending in `Line` (`textLine`, `keyLine`, `jobsLine`…), or a value of
 * a record named in `lineRecords` (a compose service's `keys`: each key it sets, with its line). Everything else is
 * compared as sameValue compares (arrays, plain objects, Maps, Sets, primitives), columns and offsets included.
 *
 * Returns each old line with its new one, or undefined when the values differ otherwise, or when the lines did not
 * move as an edit moves them: one old line going to two new ones, two old lines to one, or two lines swapping order
 * (the evidence is sorted and deduplicated by line: only an order-keeping, one-to-one move keeps what was made of it
 * right once its lines are moved). Gives up (undefined) past `budget` values.
 */
export function movedLinesBetween(
  before: unknown,
  after: unknown,
  options: { lineRecords?: ReadonlySet<string>; budget?: number } = {},
): Map<number, number> | undefined {
  const moves = new Map<number, number>();
  const left = { budget: options.budget ?? 200_000, lines: { moves, isLineKey, lineRecords: options.lineRecords } };
  if (!same(before, after, left)) return undefined;
  return oneToOneInOrder(moves) ? moves : undefined;
}

/** A key whose number is a line (see movedLinesBetween). */
export function isLineKey(key: string): boolean {
  return key === 'line' || (key.length > 4 && key.endsWith('Line'));
}

function oneToOneInOrder(moves: Map<number, number>): boolean {
  const pairs = [...moves].sort((x, y) => x[0] - y[0]);
  for (let index = 1; index < pairs.length; index++) if (pairs[index][1] <= pairs[index - 1][1]) return false;
  return true;
}
