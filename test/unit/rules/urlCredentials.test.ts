import * as assert from 'node:assert/strict';
import { credentialsInUrl } from '../../../src/core/rules/urlCredentials';

// The module is shared with the Kubernetes rules (k8s/secret-in-env); these cases are the ones compose relies on.
describe('credentialsInUrl (as compose/secret-in-environment reads it)', () => {
  it('finds the literal password of the first URL that has one, with its offset', () => {
    const value = 'postgres://app:s3cret@db:5432/app';
    const found = credentialsInUrl(value);
    assert.deepEqual(found && { ...found, at: value.slice(found.passwordStart, found.passwordStart + found.password.length) }, {
      scheme: 'postgres',
      user: 'app',
      password: 's3cret',
      passwordStart: 15,
      at: 's3cret',
    });
    assert.equal(credentialsInUrl('redis://:hunter2@cache:6379/0')?.password, 'hunter2');
    assert.equal(credentialsInUrl('amqp://a:p@ss@rabbit/')?.password, 'p@ss');
    assert.equal(credentialsInUrl('--primary=mysql://root@db/x --replica=mysql://ro:pw2@db2/x')?.password, 'pw2');
    assert.equal(credentialsInUrl('mongodb+srv://reporting:abc@cluster0.example.net/db')?.scheme, 'mongodb+srv');
  });

  it('ignores interpolated and fill-in passwords, URLs without a password, and text that is no URL', () => {
    for (const value of [
      'postgres://app:${DB_PASSWORD}@db/app',
      'postgres://app:$DB_PASSWORD@db/app',
      'postgres://app:{{ .Values.password }}@db/app',
      'postgres://user:<password>@host/db',
      'https://token@github.com/org/repo.git',
      'https://api.example.com/v1?next=a:b@c',
      'http://localhost:8080/health',
      'user:pass@host',
      '://a:b@c',
    ])
      assert.equal(credentialsInUrl(value), undefined, value);
  });
});
