import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { NewestResult } from '../../../src/extension/panels/newestResult';

/** Refreshes that each take `durations[i]` (ms) to finish, started every `every` ms: the results shown, in order. */
function shown(durations: readonly number[], every: number, order = new NewestResult()): number[] {
  const finishes = durations.map((duration, index) => ({ run: order.begin(), at: index * every + duration }));
  return finishes
    .sort((a, b) => a.at - b.at || a.run - b.run)
    .filter(({ run }) => order.mayShow(run))
    .map(({ run }) => run);
}

describe('sidebar and panels: the order of overlapping refreshes (NewestResult)', () => {
  it('shows a slow refresh overtaken by newer ones still under way: a steady stream of changes cannot starve the view', () => {
    // A change every 250 ms (a scan's progress), each refresh taking 400 ms: every one is overtaken before it ends.
    const results = shown([400, 400, 400, 400, 400], 250);
    assert.deepEqual(results, [1, 2, 3, 4, 5]);
  });

  it('never shows an older result after a newer one', () => {
    // The first refresh is slow (a read), the second fast: the first, finishing last, is dropped.
    assert.deepEqual(shown([500, 10], 5), [2]);
  });

  it('for any finishing order: what is shown only goes forward, and the newest refresh is always shown', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 300 }),
        (durations, every) => {
          const results = shown(durations, every);
          for (let index = 1; index < results.length; index++) assert.ok(results[index] > results[index - 1]);
          assert.equal(results.at(-1), durations.length);
        },
      ),
    );
  });
});
