import assert from 'node:assert/strict';
import { boundHeapGrowth, HEAP_GROWING_PERCENT } from '../../../src/cli/heapGrowth';

/** The bin bounds V8's heap growth (a large scan in bounded memory), unless the user chose it on node's command line. */
describe('check: the heap growth the stage-guide process sets', () => {
  const run = (execArgv: string[], nodeOptions = '') => {
    const set: string[] = [];
    const done = boundHeapGrowth(execArgv, nodeOptions, (flags) => set.push(flags));
    return { done, set };
  };

  it('sets V8 to grow the heap 1.5× past what is live', () => {
    assert.equal(HEAP_GROWING_PERCENT, 50);
    assert.deepEqual(run([]), { done: true, set: ['--heap-growing-percent=50'] });
    assert.deepEqual(run(['--max-old-space-size=2048'], '--enable-source-maps'), { done: true, set: ['--heap-growing-percent=50'] });
  });

  it("leaves a user's own choice alone, given to node or in NODE_OPTIONS", () => {
    assert.deepEqual(run(['--heap-growing-percent=100']), { done: false, set: [] });
    assert.deepEqual(run([], '--max-old-space-size=512 --optimize-for-size'), { done: false, set: [] });
    assert.deepEqual(run(['--heap_growing_percent=20']), { done: false, set: [] });
  });
});
