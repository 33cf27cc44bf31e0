import * as assert from 'node:assert/strict';
import { isHardCodedSecret, isLiteralSecretValue, isSecretLikeName, nameWordParts } from '../../../../src/core/rules/secretLike';

describe('secret-like names and values', () => {
  it('splits names into word parts', () => {
    assert.deepEqual(nameWordParts('stripeApiKey'), ['STRIPE', 'API', 'KEY']);
    assert.deepEqual(nameWordParts('db-password.v2'), ['DB', 'PASSWORD', 'V2']);
  });

  it('recognises secret words as whole word parts', () => {
    for (const name of [
      'PASSWORD',
      'DB_PASSWORD',
      'db_passwd',
      'CLIENT_SECRET',
      'GITHUB_TOKEN',
      'stripeApiKey',
      'API_KEY',
      'PRIVATE_KEY',
      'AWS_SECRET_ACCESS_KEY',
      'ACCESS_KEY',
      'GOOGLE_CREDENTIALS',
      'SECRET_KEY_BASE',
    ]) {
      assert.ok(isSecretLikeName(name), name);
    }
    for (const name of ['PASSWORDLESS_LOGIN', 'TOKENIZER', 'KEYBOARD', 'API_URL', 'MONKEY', 'NODE_ENV', 'PATH', 'KEY', 'ACCESS_LOG']) {
      assert.ok(!isSecretLikeName(name), name);
    }
  });

  it('does not count names that describe where a secret is', () => {
    for (const name of [
      'DB_PASSWORD_FILE',
      'SECRET_NAME',
      'TOKEN_URL',
      'AWS_ACCESS_KEY_ID',
      'TOKEN_TTL',
      'SECRET_ARN',
      'TOKEN_EXPIRY_SECONDS',
      'JWT_TOKEN_LIFETIME_MINUTES',
      'SECRET_STORE_HOST',
      'TOKEN_ALGORITHM',
    ])
      assert.ok(!isSecretLikeName(name), name);
  });

  it('counts non-empty literal values only', () => {
    // A well-known default runs until someone changes it: it counts.
    for (const value of ['hunter2', 'sk_live_123', '0', '123456', 'p@ss word', 'changeme', '<'])
      assert.ok(isLiteralSecretValue(value), value);
    for (const value of [
      undefined,
      null,
      '',
      '  ',
      '$TOKEN',
      '${TOKEN}',
      '${TOKEN:-x}',
      '${{ secrets.TOKEN }}',
      '{{ .Values.token }}',
      'true',
      'False',
      'null',
      '<your-api-key>',
    ]) {
      assert.ok(!isLiteralSecretValue(value), String(value));
    }
    assert.ok(isHardCodedSecret('DB_PASSWORD', 'x'));
    // Placeholders substituted before use: the variable's own name, or a request for it.
    for (const [name, value] of [
      ['GOOGLE_API_KEY', 'GOOGLE_API_KEY_VAL'],
      ['apiKey', '<API_KEY>'],
      ['STRIPE_TOKEN', 'your-stripe-token-here'],
      ['DB_PASSWORD', 'YOUR_DB_PASSWORD'],
    ])
      assert.ok(!isHardCodedSecret(name, value), `${name}=${value}`);
    assert.ok(isHardCodedSecret('DB_PASSWORD', 'password'), 'a default that runs as it is counts');
    assert.ok(isHardCodedSecret('PASSWORD', 'Password123!'), 'a weak password that contains the word counts');
    assert.ok(!isHardCodedSecret('DB_HOST', 'x'));
  });

  it('does not count a path to a mounted secret file as the secret', () => {
    for (const value of ['/run/secrets/db_password', '/var/run/secrets/kubernetes.io/serviceaccount/token', '/vault/secrets/api'])
      assert.ok(!isLiteralSecretValue(value), value);
    assert.ok(isLiteralSecretValue('/etc/app/password.txt-but-written-here'), 'any other path-like literal still counts');
  });
});
