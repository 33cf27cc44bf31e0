import * as assert from 'node:assert/strict';
import { credentialsInUrl } from '../../../../src/core/rules/urlCredentials';

describe('credentials inside URLs', () => {
  it('finds a literal password in the authority of any scheme', () => {
    assert.deepEqual(credentialsInUrl('postgres://app:s3cret@db:5432/shop'), {
      scheme: 'postgres',
      user: 'app',
      password: 's3cret',
      passwordStart: 15,
    });
    assert.equal(credentialsInUrl('mongodb+srv://root:p@ss@cluster0.example.net/db')?.password, 'p@ss');
    assert.equal(credentialsInUrl('redis://:hunter2@cache:6379/0')?.user, '');
    assert.equal(credentialsInUrl('mongodb://u:pw@h1:27017,h2:27017/db?replicaSet=rs0')?.password, 'pw');
    assert.equal(credentialsInUrl('--broker=amqp://guest:guest@rabbitmq:5672/ --verbose')?.password, 'guest');
    assert.equal(credentialsInUrl('jdbc:mysql://root:changeme@mysql:3306/app')?.scheme, 'mysql');
  });

  it('skips URLs without a password, references and fill-in slots', () => {
    for (const value of [
      'redis://cache:6379',
      'https://github.com/acme/shop.git',
      'ssh://git@github.com/acme/shop.git',
      'http://proxy-user@proxy:3128',
      'postgres://app:@db/shop',
      'postgres://app:${DB_PASSWORD}@db/shop',
      'postgres://app:$(DB_PASSWORD)@db/shop',
      'postgres://app:{{ .Values.db.password }}@db/shop',
      'postgres://app:%s@db/shop',
      'postgres://app:<password>@db/shop',
      'http://localhost:8080/callback?next=http://a:b',
      '://user:pw@host',
      'not a url: user:pw@host',
    ])
      assert.equal(credentialsInUrl(value), undefined, value);
  });

  it('reads the second URL when the first has no password', () => {
    assert.equal(credentialsInUrl('http://docs.example.com, ftp://bob:b0b@files.example.com')?.user, 'bob');
  });
});
