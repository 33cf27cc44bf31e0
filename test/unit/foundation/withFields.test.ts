import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { withFields } from '../../../src/core/withFields';

const ROOT = join(__dirname, '..', '..', '..');

describe('withFields', () => {
  it('makes what a spread makes: the same keys, in the same order, with the same values', () => {
    const record = fc.dictionary(
      fc.constantFrom('path', 'line', 'message', 'kind', 'name', 'findings', 'image', 'selector'),
      fc.oneof(fc.string(), fc.integer(), fc.array(fc.string(), { maxLength: 2 })),
    );
    fc.assert(
      fc.property(record, record, (base, fields) => {
        const made = withFields(base, fields);
        const spread = { ...base, ...fields };
        assert.deepStrictEqual(made, spread);
        assert.deepEqual(Object.keys(made), Object.keys(spread));
        assert.notEqual(made, base);
      }),
    );
  });

  it('makes plain objects: Object.prototype, no own constructor, equal to a literal', () => {
    const made = withFields({ path: 'a', line: 1 }, { message: 'm' });
    assert.equal(Object.getPrototypeOf(made), Object.prototype);
    assert.equal(made.constructor, Object);
    assert.deepStrictEqual(made, { path: 'a', line: 1, message: 'm' });
    assert.deepStrictEqual(structuredClone(made), { path: 'a', line: 1, message: 'm' });
  });

  for (const [label, before] of [
    ['', ''],
    // 2,000 records keyed by data, alive at once: the class of `{}` has no room left for transitions (1,536).
    [
      " once records keyed by data filled the transitions of `{}`'s class",
      "globalThis.keep = Array.from({ length: 2000 }, (_, i) => { const o = {}; o['k' + i] = i; return o; });",
    ],
  ])
    it(`gives objects of one shape one hidden class${label} (a spread that adds a field, and Object.assign onto {}, gave each its own)`, () => {
      // V8's own answer (natives syntax, in a child node): why the scan's kept objects are made this way.
      const script = `
        const { withFields } = require('./src/core/withFields.ts');
        ${before}
        // A first key nothing in node's start-up adds to an object: its transition is made after the records' (if any).
        const bases = Array.from({ length: 200 }, (_, i) => (i % 2 ? { probedPath: 'p' + i, line: i } : { probedPath: 'p' + i, line: i, extra: true }));
        const shared = (made) => made.filter((one, i) => i >= 2 && %HaveSameMap(one, made[i - 2])).length;
        const assigned = bases.map((base) => withFields(base, { message: 'm' }));
        console.log(JSON.stringify({ assigned: shared(assigned) }));
      `;
      const run = spawnSync(process.execPath, ['--allow-natives-syntax', '--require', 'tsx/cjs', '-e', script], {
        cwd: ROOT,
        encoding: 'utf8',
      });
      assert.equal(run.status, 0, run.stderr);
      const { assigned } = JSON.parse(run.stdout) as { assigned: number };
      assert.equal(assigned, 198, 'every object shares the class of the one two before it (same shape)');
    });
});
