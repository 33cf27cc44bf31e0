import assert from 'node:assert/strict';
import { assessScope } from '../../../src/core/evidence/assessment/assessService';
import { assessWorkspace, scanServices } from '../../../src/core/evidence/assessment/assessWorkspace';
import { workspaceModelScan } from '../../../src/core/evidence/assessment/workspaceModelScan';
import { scriptCommands } from '../../../src/core/format/shell/shellCommands';
import { forgottenWhenScansEnd, whileScanning } from '../../../src/core/scanLifetime';
import { ROOT } from '../evidence/support/scan';
import { TreeFileSystem, tree } from '../evidence/support/treeFileSystem';

/**
 * What scans share only while one runs (src/core/scanLifetime.ts): the shared parses of copies and the large memos
 * forget when the last scan under way ends, so an editor keeps none of them between its scans.
 */
describe('scan lifetime: what scans share only while one runs', () => {
  it('forgets when the last of the scans under way ends, not before, and when a scan throws', async () => {
    let forgotten = 0;
    forgottenWhenScansEnd(() => forgotten++);
    let release!: () => void;
    const outer = whileScanning(() => new Promise<void>((resolve) => (release = resolve)));
    await whileScanning(async () => undefined);
    assert.equal(forgotten, 0, 'another scan is still under way');
    release();
    await outer;
    assert.equal(forgotten, 1);
    await assert.rejects(
      whileScanning(async () => {
        throw new Error('disk gone');
      }),
      /disk gone/,
    );
    assert.equal(forgotten, 2);
  });

  const fs = new TreeFileSystem(
    tree(ROOT, {
      '.stage.yml': 'stage: production\n',
      '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm ci && npm test\n',
      Dockerfile: 'FROM node:20\nRUN npm ci\n',
    }),
  );
  const options = { fs, workspaceRoot: ROOT, today: '2025-01-01' };
  const entryPoints: Array<[string, () => Promise<unknown>]> = [
    ['assessScope', () => assessScope(ROOT, undefined, options)],
    ['assessWorkspace', () => assessWorkspace(ROOT, options)],
    ['workspaceModelScan', () => workspaceModelScan(ROOT, options)],
    ['scanServices', () => scanServices(ROOT, options)],
  ];
  for (const [name, scan] of entryPoints)
    it(`${name} is a scan: the commands of a script, kept while it ran, are made anew after it`, async () => {
      const script = `npm ci && npm run build # ${name}`;
      const kept = scriptCommands(script);
      assert.equal(scriptCommands(script), kept, 'kept between two asks');
      await scan();
      const after = scriptCommands(script);
      assert.notEqual(after, kept, 'forgotten when the scan ended');
      assert.deepEqual(after, kept);
    });
});
