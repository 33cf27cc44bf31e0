import * as assert from 'node:assert/strict';
import { imageListed, imageRepository } from '../../../../src/core/deployment/model/roleTables';
import { parseShortPort } from '../../../../src/core/rules/compose/portSyntax';
import { imagePinning } from '../../../../src/core/rules/containerImage';
import { isSecretLikeName } from '../../../../src/core/rules/secretLike';

/** Port specs and image references are read once per text (several rules ask, on every edit): each answer is its own text's. */
describe('compose texts answered once', () => {
  it("a port spec's parse is that spec's, asked again or not", () => {
    for (let round = 0; round < 2; round++) {
      assert.deepEqual(parseShortPort('5432:5432'), { hostIp: undefined, hostIpOffset: undefined, container: { from: 5432, to: 5432 } });
      assert.deepEqual(parseShortPort('127.0.0.1:5432:5432'), {
        hostIp: '127.0.0.1',
        hostIpOffset: 0,
        container: { from: 5432, to: 5432 },
      });
      assert.deepEqual(parseShortPort('${PORT:-80}:8000-8010/tcp'), {
        hostIp: undefined,
        hostIpOffset: undefined,
        container: { from: 8000, to: 8010 },
      });
    }
  });

  it("an image's pinning and a variable's secret-likeness are their own text's", () => {
    for (let round = 0; round < 2; round++) {
      assert.deepEqual(
        ['postgres:16', 'postgres', 'postgres:latest', `postgres@sha256:${'a'.repeat(64)}`, 'app:${TAG}', 'scratch'].map(imagePinning),
        ['tag', 'untagged', 'latest', 'digest', 'unknown', 'scratch'],
      );
      assert.deepEqual(['DB_PASSWORD', 'PASSWORD_FILE', 'stripeApiKey', 'LOG_LEVEL'].map(isSecretLikeName), [true, false, true, false]);
    }
  });

  it("an image's repository, and whether a table lists it, on whole path segments", () => {
    assert.equal(imageRepository('docker.io/library/postgres:16'), 'postgres');
    assert.equal(imageRepository('ghcr.io/org/api@sha256:abc'), 'org/api');
    assert.equal(imageRepository('docker.io/library/postgres:16'), 'postgres');
    assert.equal(imageListed('gcr.io/cadvisor/cadvisor:v0.47', ['cadvisor/cadvisor']), true);
    assert.equal(imageListed('prom/node-exporter', ['node-exporter']), true);
    assert.equal(imageListed('prom/my-node-exporter', ['node-exporter']), false);
    assert.equal(imageListed('node-exporter', ['node-exporter']), true);
    assert.equal(imageListed('exporter', ['node-exporter']), false);
    assert.equal(imageListed('bitnami/redis', ['bitnami/*']), true);
  });
});
