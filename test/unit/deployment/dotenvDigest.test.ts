import * as assert from 'node:assert/strict';
import { dotenvDigest, interpolate } from '../../../src/core/deployment/digest/dotenvDigest';

describe('.env digest: the variables Compose substitutes in compose files', () => {
  it('keeps one-word values, unquoted, and leaves comments, secrets and sentences out', () => {
    const digest = dotenvDigest(
      '/repo/.env',
      [
        '# images',
        'IMAGE_NAME=ghcr.io/acme/shop',
        'export API_DOCKERFILE="./src/api/Dockerfile"',
        "WORKER_DOCKERFILE='./src/worker/Dockerfile' # the worker",
        'POSTGRES_PASSWORD=hunter2',
        'GITHUB_TOKEN=ghp_abc',
        'GREETING=hello world',
        'not a variable',
        '9LIVES=x',
      ].join('\n'),
    );
    assert.deepEqual(digest.variables, {
      IMAGE_NAME: 'ghcr.io/acme/shop',
      API_DOCKERFILE: './src/api/Dockerfile',
      WORKER_DOCKERFILE: './src/worker/Dockerfile',
    });
  });

  it('substitutes ${NAME}, $NAME and the default forms as Compose does', () => {
    const variables = { DOCKERFILE: './api/Dockerfile', EMPTY: '', TAG: '1.2' };
    assert.equal(interpolate('${DOCKERFILE}', variables), './api/Dockerfile');
    assert.equal(interpolate('$DOCKERFILE', variables), './api/Dockerfile');
    assert.equal(interpolate('repo:${TAG}-api', variables), 'repo:1.2-api');
    assert.equal(interpolate('${MISSING:-Dockerfile.prod}', variables), 'Dockerfile.prod');
    assert.equal(interpolate('${EMPTY:-fallback}', variables), 'fallback');
    assert.equal(interpolate('${EMPTY-fallback}', variables), '');
    assert.equal(interpolate('${TAG:+set}', variables), 'set');
    assert.equal(interpolate('cost $$5', variables), 'cost $5');
  });

  it('leaves a value unknown when a variable is neither set nor defaulted', () => {
    assert.equal(interpolate('${MISSING}', {}), undefined);
    assert.equal(interpolate('./$MISSING/Dockerfile', {}), undefined);
    assert.equal(interpolate('${UNCLOSED', { UNCLOSED: 'x' }), undefined);
  });
});
