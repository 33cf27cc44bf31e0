import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { boundHeapGrowth, HEAP_GROWING_PERCENT, SEMI_SPACE_GROWTH_FACTOR } from '../../../src/cli/heapGrowth';

/** The bin bounds V8's heap growth (a large scan in bounded memory), unless the user chose it on node's command line. */
describe('check: the heap growth the stage-guide process sets', () => {
  const run = (execArgv: string[], nodeOptions = '') => {
    const set: string[] = [];
    const done = boundHeapGrowth(execArgv, nodeOptions, (flags) => set.push(flags));
    return { done, set };
  };

  const BOTH = ['--heap-growing-percent=50', '--semi-space-growth-factor=1'];

  it('sets V8 to grow the heap 1.5× past what is live, and to keep the young generation at its starting size', () => {
    assert.equal(HEAP_GROWING_PERCENT, 50);
    assert.equal(SEMI_SPACE_GROWTH_FACTOR, 1);
    assert.deepEqual(run([]), { done: true, set: BOTH });
    assert.deepEqual(run(['--max-old-space-size=2048'], '--enable-source-maps'), { done: true, set: BOTH });
  });

  it("leaves a user's own choice alone, given to node or in NODE_OPTIONS", () => {
    assert.deepEqual(run(['--heap-growing-percent=100']), { done: true, set: ['--semi-space-growth-factor=1'] });
    assert.deepEqual(run([], '--max-old-space-size=512 --optimize-for-size'), { done: false, set: [] });
    assert.deepEqual(run(['--heap_growing_percent=20', '--max-semi-space-size=64']), { done: false, set: [] });
    assert.deepEqual(run([], '--semi-space-growth-factor=2'), { done: true, set: ['--heap-growing-percent=50'] });
    assert.deepEqual(run(['--min_semi_space_size=4']), { done: true, set: ['--heap-growing-percent=50'] });
  });

  it('the young generation stays small in the process that set it (the flag is read at run time)', () => {
    // This test process runs without the bound: a child node sets it as the bin does, then allocates garbage that survives briefly.
    const script = [
      "require('node:v8').setFlagsFromString('--semi-space-growth-factor=1');",
      'let keep = [];',
      'for (let i = 0; i < 3e6; i++) { keep.push({ i, s: String(i) }); if (keep.length > 20000) keep = []; }',
      "const space = require('node:v8').getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');",
      'console.log(space.space_size);',
    ].join('\n');
    const grown = Number(execFileSync(process.execPath, ['-e', script.replace(/^.*setFlagsFromString.*$/m, '')], { encoding: 'utf8' }));
    const bounded = Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
    assert.ok(bounded < grown, `new space ${bounded} bytes with the bound, ${grown} without`);
    assert.ok(bounded <= 2 * 1024 * 1024, `new space ${bounded} bytes`);
  });

  it('a file worker thread sets the bounds again, which node resets for the whole process as it starts a thread', () => {
    const tsx = require.resolve('tsx/cjs');
    const first = join(__dirname, '..', '..', '..', 'src', 'cli', 'heapBoundFirst.ts');
    // The scan's thread sets the bound, starts a thread (as the worker pool does), waits for it to say so, then makes garbage.
    const run = (workerEntry: string) =>
      Number(
        execFileSync(
          process.execPath,
          [
            '-e',
            [
              "const v8 = require('node:v8');",
              "v8.setFlagsFromString('--semi-space-growth-factor=1');",
              "const { Worker } = require('node:worker_threads');",
              `const worker = new Worker(${JSON.stringify(`${workerEntry}; require('node:worker_threads').parentPort.postMessage('ready');`)}, { eval: true });`,
              "worker.on('message', () => {",
              '  let keep = [];',
              '  for (let i = 0; i < 3e6; i++) { keep.push({ i, s: String(i) }); if (keep.length > 20000) keep = []; }',
              "  console.log(v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size);",
              '  void worker.terminate();',
              '});',
            ].join('\n'),
          ],
          { encoding: 'utf8' },
        ),
      );
    const reset = run('');
    const setAgain = run(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(first)})`);
    assert.ok(reset > 2 * 1024 * 1024, `node no longer resets the flags (new space ${reset} bytes): heapBoundFirst's second call may go`);
    assert.ok(setAgain <= 2 * 1024 * 1024, `new space ${setAgain} bytes once the worker set the bounds again`);
  });
});
