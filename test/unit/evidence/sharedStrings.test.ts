import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { shareStrings, StringTable } from '../../../src/core/evidence/scan/sharedStrings';

/** A string equal to `text` but made at run time (a literal would be one shared constant already). */
function fresh(text: string): string {
  return [...text].join('');
}

describe('evidence: one copy of each string a long-lived holder keeps', () => {
  it('gives equal strings back, counts the distinct ones, and starts again past its capacity', () => {
    const table = new StringTable(3);
    assert.equal(table.share(fresh('services/api/Dockerfile')), 'services/api/Dockerfile');
    assert.equal(table.share(fresh('services/api/Dockerfile')), 'services/api/Dockerfile');
    table.share('a');
    table.share('b');
    assert.equal(table.size, 3);
    assert.equal(table.share('c'), 'c');
    // Past its capacity the table started again: only the newcomer is in it.
    assert.equal(table.size, 1);
    // A file's text is not kept: it seldom repeats.
    const text = fresh('x'.repeat(2000));
    assert.equal(table.share(text), text);
    assert.equal(table.size, 1);
  });

  it('leaves every value as it was: objects, arrays, nested maps (in their order), cycles', () => {
    const shared = new Map<string, unknown>([
      [fresh('zeta/compose.yaml'), fresh('compose.yaml')],
      [fresh('alpha/Dockerfile'), { stages: [fresh('node:20'), 3, null, true] }],
    ]);
    const cyclic: Record<string, unknown> = { name: fresh('Deployment "api"') };
    cyclic.self = cyclic;
    const value = { path: fresh('k8s/deploy.yaml'), list: [fresh('a'), [fresh('b'), { deep: fresh('c') }]], files: shared, cyclic };
    const expected = {
      path: 'k8s/deploy.yaml',
      list: ['a', ['b', { deep: 'c' }]],
      files: new Map<string, unknown>([
        ['zeta/compose.yaml', 'compose.yaml'],
        ['alpha/Dockerfile', { stages: ['node:20', 3, null, true] }],
      ]),
    };
    assert.equal(shareStrings(value, new StringTable()), value);
    assert.deepEqual({ path: value.path, list: value.list, files: value.files }, expected);
    assert.deepEqual([...value.files.keys()], ['zeta/compose.yaml', 'alpha/Dockerfile']);
    assert.equal(value.cyclic.self, value.cyclic);
    assert.equal(value.cyclic.name, 'Deployment "api"');
  });

  it('leaves objects of other classes and frozen ones alone', () => {
    class Rules {
      pattern = fresh('node_modules/');
    }
    const frozen = Object.freeze({ path: fresh('frozen.yaml') });
    const frozenList = Object.freeze([fresh('x')]);
    const value = { rules: new Rules(), frozen, frozenList };
    assert.doesNotThrow(() => shareStrings(value, new StringTable()));
    assert.equal(value.rules.pattern, 'node_modules/');
    assert.equal(value.frozen.path, 'frozen.yaml');
    assert.deepEqual(value.frozenList, ['x']);
    assert.equal(shareStrings(fresh('alone'), new StringTable()), 'alone');
    assert.equal(shareStrings(42, new StringTable()), 42);
  });

  it('keeps one copy of a repeated value, and no slice keeps the text it was cut from alive', function () {
    this.timeout(60_000);
    // In a node of its own with the collector exposed: keys cut out of a 32 MB text (as a parser cuts them out of a
    // file's text) and shared; once the text is let go, only the table's small copies remain.
    const script = `
      const { shareStrings, StringTable } = require(${JSON.stringify(join(__dirname, '../../../src/core/evidence/scan/sharedStrings.ts'))});
      const heap = () => { gc(); return process.memoryUsage().heapUsed; };
      const before = heap();
      // In a function of its own: a frame still running could hold the text in one of its slots.
      const cut = () => {
        // A flat string in the heap, as a file's text is once decoded (a JSON round trip flattens the repetition).
        const text = JSON.parse(JSON.stringify('x'.repeat(16) + 'services/api/deploy.yaml'.repeat(1_400_000)));
        const kept = [];
        for (let i = 0; i < 20_000; i++) kept.push({ path: text.slice(16 + (i % 4), 40 + (i % 4)) });
        return kept;
      };
      const kept = cut();
      const table = new StringTable();
      shareStrings(kept, table);
      const after = heap();
      console.log(JSON.stringify({ grew: after - before, distinct: new Set(kept.map((k) => k.path)).size, table: table.size }));
    `;
    const run = spawnSync(process.execPath, ['--expose-gc', '--require', 'tsx/cjs', '-e', script], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const { grew, distinct } = JSON.parse(run.stdout.trim().split('\n').pop()!) as { grew: number; distinct: number };
    assert.equal(distinct, 4);
    // 20,000 small objects (about 1 MB), not the 32 MB text (a sliced copy would keep it alive).
    assert.ok(grew < 4 * 1024 * 1024, `the heap grew by ${(grew / 1024 / 1024).toFixed(1)} MB`);
  });
});
