import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { firstAtOrAbove, indexFirstByPath } from '../../../src/core/deployment/model/pathIndex';

describe('pathIndex: the first entry at a file or a folder above it', () => {
  const scan = (targets: readonly string[], path: string) => {
    const at = targets.findIndex((target) => path === target || path.startsWith(`${target}/`));
    return at < 0 ? undefined : at;
  };

  it('finds what scanning every entry finds', () => {
    const targets = ['/repo/k8s/api.yaml', '/repo/k8s', '/repo', '/repo/k8s', '/other'];
    const index = indexFirstByPath(targets, (target) => target);
    for (const path of ['/repo/k8s/api.yaml', '/repo/k8s/web.yaml', '/repo/docs/a.md', '/repository/x', '/other', '/', '/re'])
      assert.equal(firstAtOrAbove(index, path), scan(targets, path), path);
  });

  it('leaves out entries without a path, and `/` matches only itself', () => {
    const index = indexFirstByPath([{ at: '/' }, { at: undefined }, { at: '/a' }], (entry) => entry.at);
    assert.equal(firstAtOrAbove(index, '/a/b'), 2);
    assert.equal(firstAtOrAbove(index, '/b'), undefined);
    assert.equal(firstAtOrAbove(index, '/'), 0);
  });

  it('agrees with the scan on any paths', () => {
    const segment = fc.constantFrom('a', 'b', 'ab', 'k8s');
    const path = fc.array(segment, { minLength: 0, maxLength: 4 }).map((parts) => `/${parts.join('/')}`);
    fc.assert(
      fc.property(fc.array(path, { maxLength: 8 }), path, (targets, asked) => {
        assert.equal(
          firstAtOrAbove(
            indexFirstByPath(targets, (target) => target),
            asked,
          ),
          scan(targets, asked),
        );
      }),
    );
  });
});
