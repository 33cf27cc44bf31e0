import { strict as assert } from 'node:assert';
import { builtinSignalCatalog } from '../../../src/core/evidence/catalog/signalCatalog';
import { collectFacts } from '../../../src/core/evidence/scan/collectFacts';
import { tree, TreeFileSystem } from './support/treeFileSystem';

const ROOT = '/ws';

describe('evidence: a config file that cannot be read is reported, never silently skipped', () => {
  it('permission denied on compose.yaml: in stats.unreadable with the reason, and contributes nothing', async () => {
    const fs = new TreeFileSystem(
      tree(ROOT, { 'compose.yaml': 'services:\n  a:\n    image: redis:7\n', 'package.json': '{}' }),
    ).pretendUnreadable(`${ROOT}/compose.yaml`, 'permission denied, EACCES');
    const result = await collectFacts({ fs, root: ROOT, workspaceRoot: ROOT, catalog: builtinSignalCatalog() });
    assert.deepEqual(result.stats.unreadable, [{ path: `${ROOT}/compose.yaml`, reason: 'permission denied, EACCES' }]);
    assert.deepEqual(result.facts.compose, []);
    assert.equal(result.stats.filesRead, 1, 'the readable package.json still counts');
  });
});
