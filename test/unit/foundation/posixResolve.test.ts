// The core resolves `matrix: ../team-matrix.yml` without node:path (it runs where node is not the
// platform's API); its resolver must agree with node's own posix.resolve on absolute bases.
import * as assert from 'node:assert/strict';
import { posix } from 'node:path';
import * as fc from 'fast-check';
import { posixResolve } from '../../../src/core/fileSystem';

describe('posixResolve', () => {
  it('folds . and .., drops duplicate and trailing slashes, and lets an absolute path win', () => {
    assert.equal(posixResolve('/repo/services/api', '../../team-matrix.yml'), '/repo/team-matrix.yml');
    assert.equal(posixResolve('/repo/api', './matrix//team.yml'), '/repo/api/matrix/team.yml');
    assert.equal(posixResolve('/repo/api', 'shared/'), '/repo/api/shared');
    assert.equal(posixResolve('/repo/api', '/etc/matrix.yml'), '/etc/matrix.yml');
    assert.equal(posixResolve('/repo', '../../../../x.yml'), '/x.yml');
    assert.equal(posixResolve('/', '..'), '/');
  });

  it('agrees with node posix.resolve for any absolute base and relative or absolute path', () => {
    const segment = fc.constantFrom('a', 'b.yml', '.', '..', '', 'c d', '...');
    const pathOf = fc.array(segment, { maxLength: 6 }).map((parts) => parts.join('/'));
    fc.assert(
      fc.property(pathOf, pathOf, fc.boolean(), (base, path, absolute) => {
        const absoluteBase = `/${base}`;
        const target = absolute ? `/${path}` : path;
        assert.equal(posixResolve(absoluteBase, target), posix.resolve(absoluteBase, target));
      }),
      { numRuns: 2000 },
    );
  });

  // Bases as the model passes them (already resolved): the path posixResolve joins without splitting.
  it('agrees with node posix.resolve for a resolved base and any relative path', () => {
    const segment = fc.constantFrom('a', 'b.yml', '.', '..', '', 'c d', '...', '.env', '..x');
    const pathOf = fc.array(segment, { maxLength: 6 }).map((parts) => parts.join('/'));
    fc.assert(
      fc.property(pathOf, pathOf, (base, path) => {
        const resolvedBase = posix.resolve(`/${base}`);
        assert.equal(posixResolve(resolvedBase, path), posix.resolve(resolvedBase, path));
      }),
      { numRuns: 5000 },
    );
  });
});
