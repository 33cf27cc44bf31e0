import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { imagePinning, parseImageReference } from '../../../src/core/rules/containerImage';

const DIGEST = 'sha256:' + 'a'.repeat(64);

describe('containerImage', () => {
  describe('parseImageReference', () => {
    it('parses Docker Hub short names', () => {
      assert.deepEqual(parseImageReference('nginx'), { repository: 'nginx', templated: false });
      assert.deepEqual(parseImageReference('nginx:1.25-alpine'), { repository: 'nginx', tag: '1.25-alpine', templated: false });
      assert.deepEqual(parseImageReference('library/postgres:16'), { repository: 'library/postgres', tag: '16', templated: false });
    });

    it('recognises a registry by a dot, a port or localhost', () => {
      assert.deepEqual(parseImageReference('ghcr.io/acme/api:2.1.0'), {
        registry: 'ghcr.io',
        repository: 'acme/api',
        tag: '2.1.0',
        templated: false,
      });
      assert.deepEqual(parseImageReference('localhost:5000/app'), { registry: 'localhost:5000', repository: 'app', templated: false });
      assert.deepEqual(parseImageReference('localhost/app:1'), { registry: 'localhost', repository: 'app', tag: '1', templated: false });
      // "acme" has no dot/port: it is a Docker Hub namespace, not a registry.
      assert.deepEqual(parseImageReference('acme/api'), { repository: 'acme/api', templated: false });
    });

    it('does not mistake a registry port for a tag', () => {
      const parsed = parseImageReference('registry.example.com:443/team/app');
      assert.equal(parsed?.registry, 'registry.example.com:443');
      assert.equal(parsed?.tag, undefined);
    });

    it('parses digests with and without a tag', () => {
      assert.deepEqual(parseImageReference(`redis@${DIGEST}`), { repository: 'redis', digest: DIGEST, templated: false });
      assert.deepEqual(parseImageReference(`redis:7@${DIGEST}`), { repository: 'redis', tag: '7', digest: DIGEST, templated: false });
    });

    it('keeps variables in place and marks the reference templated', () => {
      assert.deepEqual(parseImageReference('${REGISTRY}/app:${TAG:-1.0}'), {
        registry: '${REGISTRY}',
        repository: 'app',
        tag: '${TAG:-1.0}',
        templated: true,
      });
      assert.deepEqual(parseImageReference('$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA'), {
        repository: '$CI_REGISTRY_IMAGE',
        tag: '$CI_COMMIT_SHA',
        templated: true,
      });
      // A default containing ":" and "/" must not split the reference.
      assert.equal(parseImageReference('app:${TAG:-a/b:c}')?.tag, '${TAG:-a/b:c}');
    });

    it('rejects malformed references instead of guessing', () => {
      for (const bad of [
        '',
        '   ',
        'Nginx',
        'nginx:',
        'nginx@',
        'nginx@sha256:xyz',
        'a b',
        'app:$',
        'app:${TAG',
        'app:-bad',
        '/app',
        'app//x',
      ]) {
        assert.equal(parseImageReference(bad), undefined, bad);
      }
    });
  });

  describe('imagePinning and predicates', () => {
    const cases: Array<[string, ReturnType<typeof imagePinning>]> = [
      ['nginx', 'untagged'],
      ['nginx:latest', 'latest'],
      ['ghcr.io/acme/api', 'untagged'],
      ['nginx:1.25', 'tag'],
      [`nginx@${DIGEST}`, 'digest'],
      [`nginx:latest@${DIGEST}`, 'digest'],
      ['scratch', 'scratch'],
      ['${IMAGE}', 'unknown'],
      ['$CI_REGISTRY_IMAGE', 'unknown'],
      ['app:${TAG}', 'unknown'],
      ['app${SUFFIX}', 'unknown'],
      ['${REGISTRY}/app', 'untagged'],
      ['${REGISTRY}/app:2.0', 'tag'],
      ['app@${DIGEST}', 'digest'],
      ['Not A Reference', 'unknown'],
    ];
    for (const [ref, expected] of cases) {
      it(`${ref} → ${expected}`, () => {
        assert.equal(imagePinning(ref), expected);
      });
    }
  });

  it('never throws and is consistent on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (ref) => {
        const parsed = parseImageReference(ref);
        const pinning = imagePinning(ref);
        if (!parsed) assert.equal(pinning, 'unknown');
        // A digest pins the image whatever the tag says (`nginx:latest@sha256:…`).
        if (parsed?.digest !== undefined) assert.equal(pinning, 'digest');
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips well-formed references', () => {
    const component = fc.stringMatching(/^[a-z0-9]{1,8}$/);
    fc.assert(
      fc.property(
        fc.option(fc.constantFrom('ghcr.io', 'localhost:5000', 'registry.example.com')),
        fc.array(component, { minLength: 1, maxLength: 3 }),
        fc.option(fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,10}$/)),
        (registry, path, tag) => {
          const ref = `${registry ? registry + '/' : ''}${path.join('/')}${tag ? ':' + tag : ''}`;
          const parsed = parseImageReference(ref);
          assert.ok(parsed, ref);
          assert.equal(parsed.registry, registry ?? undefined);
          assert.equal(parsed.repository, path.join('/'));
          assert.equal(parsed.tag, tag ?? undefined);
        },
      ),
      { numRuns: 300 },
    );
  });
});
