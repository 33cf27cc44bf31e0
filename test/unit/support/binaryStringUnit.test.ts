import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { binaryString, binaryUnit, binaryUnitIndexOf } from './binaryStringUnit';

/**
 * fast-check's own unit: 'binary' (node_modules/fast-check, getOrCreateStringUnitInstance): mapToConstant
 * over the full alphabet's ranges. Built here rather than taken from fc.string({ unit: 'binary' }), whose
 * first use costs the 0.8 s binaryUnit exists to avoid; sampling it never unmaps, so it stays cheap.
 */
const fastChecksUnit = fc.mapToConstant(
  { num: 0xd7ff + 1, build: (index) => String.fromCodePoint(index) },
  { num: 0x10ffff - 0xe000 + 1, build: (index) => String.fromCodePoint(0xe000 + index) },
);

describe("binaryString: fast-check's unit: 'binary' without its first-use cost", () => {
  it("draws the same code points as fast-check's unit for the same seeds", () => {
    for (const seed of [1, 42, 20261206]) {
      assert.deepEqual(fc.sample(binaryUnit, { seed, numRuns: 2000 }), fc.sample(fastChecksUnit, { seed, numRuns: 2000 }), `seed ${seed}`);
    }
  });

  it('draws strings of those code points, within the constraints', () => {
    for (const text of fc.sample(binaryString({ maxLength: 8 }), { seed: 3, numRuns: 500 })) {
      assert.ok([...text].length <= 8, text);
      assert.ok(!/[\ud800-\udfff]/u.test(text), 'no lone surrogate');
    }
  });

  it('unmaps every kind of code point to the index it is drawn from, and refuses what the unit cannot make', () => {
    // The indices in fast-check's order: [0, 0xd7ff] first, then [0xe000, 0x10ffff].
    const expected: Array<[string, number]> = [
      ['\0', 0],
      ['a', 0x61],
      ['\ud7ff', 0xd7ff],
      ['\ue000', 0xd800],
      ['\u{10000}', 0xf800],
      ['\u{10ffff}', 0x10f7ff],
    ];
    for (const [text, index] of expected) {
      assert.ok(binaryUnit.canShrinkWithoutContext(text), text);
      assert.equal(binaryUnitIndexOf(text), index, text);
    }
    for (const value of ['', 'ab', '\ud800', '\udfff', '\ud800\ud800', 7])
      assert.ok(!binaryUnit.canShrinkWithoutContext(value), String(value));
  });

  it('shrinks a failing string to the smallest code point that fails', () => {
    const counterexample = fc.check(
      fc.property(binaryString({ maxLength: 50 }), (text) => !/[\u{10000}-\u{10ffff}]/u.test(text)),
      { seed: 7, numRuns: 1000 },
    ).counterexample;
    assert.deepEqual(counterexample, ['\u{10000}']);
  });
});
