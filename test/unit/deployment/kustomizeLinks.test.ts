// Which files each kustomization builds, through bases shared by overlays, chains and cycles: the closure of a base is
// walked once and reused by every overlay that names it, and a cycle must neither hang nor leave a wrong answer behind.
import * as assert from 'node:assert/strict';
import { posix } from 'node:path';
import type { KustomizationDigest } from '../../../src/core/deployment/types';
import { KustomizeLinks } from '../../../src/core/deployment/model/kustomizeLinks';

/** A kustomization's digest: its resources written relative to its folder, as in the file (the digest holds them resolved). */
function kustomization(folder: string, resources: string[], settings: Partial<KustomizationDigest> = {}): KustomizationDigest {
  return {
    type: 'kustomization',
    path: `${folder}/kustomization.yaml`,
    resources: resources.map((resource) => posix.resolve(folder, resource)),
    patches: [],
    pinnedImages: [],
    replicas: {},
    ...settings,
  };
}

function linksOf(kustomizations: KustomizationDigest[], files: string[]): KustomizeLinks {
  const known = new Set(files);
  return new KustomizeLinks(kustomizations, [], (path) => known.has(path), '/repo');
}

describe('KustomizeLinks: what each kustomization builds', () => {
  it('follows a base shared by two overlays from each of them (and from the base itself)', () => {
    const files = ['/repo/k8s/base/deployment.yaml', '/repo/k8s/base/service.yaml', '/repo/k8s/overlays/prod/hpa.yaml'];
    const links = linksOf(
      [
        kustomization('/repo/k8s/overlays/dev', ['../../base'], { namespace: 'dev' }),
        kustomization('/repo/k8s/overlays/prod', ['../../base', 'hpa.yaml'], { namespace: 'prod', replicas: { api: 3 } }),
        kustomization('/repo/k8s/base', ['deployment.yaml', 'service.yaml']),
      ],
      files,
    );
    assert.deepEqual(links.builtWith('/repo/k8s/overlays/prod/hpa.yaml').sort(), [...files].sort());
    assert.deepEqual(links.builtWith('/repo/k8s/base/deployment.yaml').sort(), [...files].sort());
    assert.equal(links.namespaceOf('/repo/k8s/base/service.yaml')?.value, 'dev');
    assert.equal(links.replicasOf('/repo/k8s/base/deployment.yaml', 'api')?.value, 3);
    assert.equal(links.replicasOf('/repo/k8s/overlays/prod/hpa.yaml', 'api')?.place.path, '/repo/k8s/overlays/prod/kustomization.yaml');
  });

  it('builds a chain of overlays through every level, whichever order the kustomizations come in', () => {
    const files = ['/repo/base/a.yaml', '/repo/mid/b.yaml', '/repo/top/c.yaml'];
    const chain = [
      kustomization('/repo/base', ['a.yaml']),
      kustomization('/repo/mid', ['../base', 'b.yaml'], { namespace: 'mid' }),
      kustomization('/repo/top', ['../mid', 'c.yaml']),
    ];
    for (const order of [chain, [...chain].reverse()]) {
      const links = linksOf(order, files);
      assert.deepEqual(links.builtWith('/repo/top/c.yaml').sort(), files);
      assert.deepEqual(links.builtWith('/repo/base/a.yaml').sort(), files);
      assert.equal(links.namespaceOf('/repo/base/a.yaml')?.value, 'mid');
      assert.ok(!links.isBuilt('/repo/elsewhere.yaml'));
    }
  });

  it('ends a cycle, and each kustomization in or above it still builds every file the cycle reaches', () => {
    const files = ['/repo/a/a.yaml', '/repo/b/b.yaml', '/repo/c/c.yaml'];
    const kustomizations = [
      kustomization('/repo/a', ['../b', 'a.yaml']),
      kustomization('/repo/b', ['../a', 'b.yaml'], { namespace: 'from-b' }),
      kustomization('/repo/c', ['../a', 'c.yaml'], { replicas: { api: 2 } }),
    ];
    // Either order: b first walked inside a's cycle (cut short there), then on its own, and the other way round.
    for (const order of [kustomizations, [...kustomizations].reverse()]) {
      const links = linksOf(order, files);
      // b builds a's file through the cycle: its namespace holds there.
      assert.equal(links.namespaceOf('/repo/a/a.yaml')?.value, 'from-b');
      assert.equal(links.namespaceOf('/repo/c/c.yaml'), undefined);
      // c, above the cycle, builds both of its files.
      assert.equal(links.replicasOf('/repo/b/b.yaml', 'api')?.value, 2);
      assert.deepEqual(links.builtWith('/repo/c/c.yaml').sort(), files);
    }
  });
});
