import * as assert from 'node:assert/strict';
import { endOfLifeOf, endOfLifeTable } from '../../../src/core/rules/endOfLifeImages';

describe('end-of-life image table (data/end-of-life.yml)', () => {
  const table = endOfLifeTable();

  it('lists only versions already end of life on its `asOf` month, each with a date and an https source', () => {
    assert.match(table.asOf, /^\d{4}-\d{2}$/);
    assert.ok(table.rows.length > 10);
    for (const row of table.rows) {
      assert.match(row.eol, /^\d{4}-\d{2}-\d{2}$/, row.name);
      assert.ok(row.eol.slice(0, 7) <= table.asOf, `${row.name}: ${row.eol} is after ${table.asOf}`);
      assert.ok(row.source.startsWith('https://'), row.name);
      assert.ok(row.images.length > 0 && row.versions.length > 0, row.name);
    }
  });

  it('matches an image by its own version, or by a distribution named in its tag', () => {
    const name = (reference: string) => endOfLifeOf(reference)?.name;
    assert.equal(name('node:18'), 'Node.js 18');
    assert.equal(name('docker.io/library/node:18.20.4-alpine3.20'), 'Node.js 18');
    assert.equal(name('python:3.8-slim'), 'Python 3.8');
    assert.equal(name('postgres:12.19@sha256:' + 'a'.repeat(64)), 'PostgreSQL 12 and older');
    assert.equal(name('mcr.microsoft.com/dotnet/aspnet:7.0'), '.NET 7 and older');
    assert.equal(name('node:22-alpine3.18'), 'Alpine 3.18 and older');
    assert.equal(name('eclipse-temurin:17-jre-focal'), 'Ubuntu 20.04 (focal), standard support');
    assert.equal(name('debian:buster-slim'), 'Debian 10 (buster) and older');
  });

  it('says nothing of supported versions, look-alikes, other registries, untagged or templated references', () => {
    for (const reference of [
      'node:24-bookworm-slim',
      'node:180',
      'python:3.13',
      'python:3.1',
      'postgres:17',
      'alpine:3.22',
      'ghcr.io/acme/node:18',
      'node',
      'node:${NODE_VERSION}',
      'mysql:8.4',
      'ubuntu:24.04',
    ])
      assert.equal(endOfLifeOf(reference), undefined, reference);
  });
});
