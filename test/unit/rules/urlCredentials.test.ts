import * as assert from 'node:assert/strict';
import { literalUrlCredentials } from '../../../src/core/rules/urlCredentials';

describe('literalUrlCredentials', () => {
  const passwordsOf = (value: string) =>
    literalUrlCredentials(value).map((found) => value.slice(found.passwordStart, found.passwordStart + found.passwordLength));

  it('finds the literal password of each URL, with its offset', () => {
    assert.deepEqual(passwordsOf('postgres://app:s3cret@db:5432/app'), ['s3cret']);
    assert.deepEqual(passwordsOf('redis://:hunter2@cache:6379/0'), ['hunter2']);
    assert.deepEqual(passwordsOf('amqp://a:p@ss@rabbit/'), ['p@ss']);
    assert.deepEqual(passwordsOf('--primary=mysql://root:pw1@db/x --replica=mysql://ro:pw2@db2/x'), ['pw1', 'pw2']);
    const [found] = literalUrlCredentials('mongodb+srv://reporting:abc@cluster0.example.net/db');
    assert.equal(found.scheme, 'mongodb+srv');
    assert.equal(found.user, 'reporting');
  });

  it('ignores interpolated and placeholder passwords, URLs without a password, and text that is no URL', () => {
    for (const value of [
      'postgres://app:${DB_PASSWORD}@db/app',
      'postgres://app:$DB_PASSWORD@db/app',
      'postgres://app:{{ .Values.password }}@db/app',
      'postgres://user:<password>@host/db',
      'postgres://user:***@host/db',
      'https://token@github.com/org/repo.git',
      'https://api.example.com/v1?next=a:b@c',
      'http://localhost:8080/health',
      'user:pass@host',
      '://a:b@c',
    ])
      assert.deepEqual(literalUrlCredentials(value), [], value);
  });
});
