import fc from 'fast-check';

/** The code points `unit: 'binary'` draws from, in its order: every one but the surrogates (0xd800..0xdfff). */
const SURROGATES = 0x800;
const LAST_INDEX = 0x10ffff - SURROGATES;

function codePointAt(index: number): string {
  return String.fromCodePoint(index < 0xd800 ? index : index + SURROGATES);
}

/** The index binaryUnit draws `value` from (its unmapping); throws for anything else. */
export function binaryUnitIndexOf(value: unknown): number {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2) throw new Error('not one code point');
  const point = value.codePointAt(0)!;
  if (String.fromCodePoint(point) !== value || (point >= 0xd800 && point <= 0xdfff)) throw new Error('not one code point');
  return point < 0xd800 ? point : point - SURROGATES;
}

/**
 * fast-check's `unit: 'binary'` with the same values for the same seed, without its first-use cost.
 * fast-check builds that unit as `mapToConstant` over the ranges [0, 0xd7ff] and [0xe000, 0x10ffff],
 * which is `nat({ max })` mapped index → code point in range order (what this is), and unmaps by a
 * Map of all 1.1 million code points that the first `fc.string` built on it fills (0.75 to 0.85 s of
 * CPU in every process that uses it: the string arbitrary unmaps its "dangerous strings" to seed
 * its bias). Here the unmapping is arithmetic. test/unit/support/binaryStringUnit.test.ts checks
 * that both draw the same strings.
 */
export const binaryUnit: fc.Arbitrary<string> = fc.nat({ max: LAST_INDEX }).map(codePointAt, binaryUnitIndexOf);

/** `fc.string({ unit: 'binary', ...constraints })`, see binaryUnit. */
export function binaryString(constraints: Omit<fc.StringConstraints, 'unit'> = {}): fc.Arbitrary<string> {
  return fc.string({ ...constraints, unit: binaryUnit });
}
