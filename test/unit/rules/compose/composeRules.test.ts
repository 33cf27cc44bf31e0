import { strict as assert } from 'node:assert';
import { analyzeCompose } from '../../../../src/core/rules/compose/analyzeCompose';
import type { RawFinding } from '../../../../src/core/rules/types';
import { assertFixWorks, fixture, positionsOf } from './fixChecks';

/** Each compose rule: where it fires, where it stays quiet, and what its fix does. */

const analyze = (text: string) => analyzeCompose(text, { rethrow: true });
const findingsOf = (text: string, ruleId: string): RawFinding[] => analyze(text).findings.filter((f) => f.ruleId === ruleId);
const only = (text: string, ruleId: string): RawFinding => {
  const found = findingsOf(text, ruleId);
  assert.equal(found.length, 1, `expected one ${ruleId}, got ${found.map((f) => f.message).join(' | ')}`);
  return found[0];
};

const INSECURE = fixture('compose', 'docker-compose.insecure.yml');
const HARDENED = fixture('compose', 'compose.hardened.yml');

describe('compose rules', () => {
  describe('compose/obsolete-version', () => {
    const id = 'compose/obsolete-version';
    it('flags the top-level version key', () => {
      assert.deepEqual(positionsOf(analyze(INSECURE).findings, id), ['2:0']);
    });
    it('is quiet without it, and for a `version` inside a service', () => {
      assert.deepEqual(findingsOf(HARDENED, id), []);
      assert.deepEqual(findingsOf('services:\n  app:\n    image: app:1\n    labels:\n      version: "2"\n', id), []);
    });
    it('fix removes the whole line and nothing else', () => {
      const text = '# app stack\nversion: "3.8"\nservices:\n  app:\n    image: nginx:1.27\n';
      const fixed = assertFixWorks(analyze, text, only(text, id), { changes: ['0/version'] });
      assert.equal(fixed, '# app stack\nservices:\n  app:\n    image: nginx:1.27\n');
    });
  });

  describe('compose/image-tag', () => {
    const id = 'compose/image-tag';
    it('flags :latest and untagged images on the image value', () => {
      assert.deepEqual(positionsOf(analyze(INSECURE).findings, id), ['18:11', '27:11']);
    });
    it('is quiet for tags, digests, variables and services that build their image', () => {
      const text = [
        'services:',
        '  a:',
        '    image: nginx:1.27-alpine',
        '  b:',
        '    image: redis@sha256:' + 'b'.repeat(64),
        '  c:',
        '    image: ${IMAGE:-app:latest}',
        '  d:',
        '    build: .',
        '    image: acme/app',
        '  e:',
        '    image: ghcr.io/acme/api:${TAG}',
        '',
      ].join('\n');
      assert.deepEqual(findingsOf(text, id), []);
      assert.deepEqual(findingsOf(HARDENED, id), []);
    });
  });

  describe('compose/restart-policy', () => {
    const id = 'compose/restart-policy';
    it('flags every service without restart, on the service name', () => {
      assert.deepEqual(positionsOf(analyze(INSECURE).findings, id), ['5:2', '17:2', '26:2', '41:2']);
    });
    it('accepts restart, deploy.restart_policy and a restart inherited through a merge key', () => {
      const text = [
        'x-base: &base',
        '  restart: always',
        'services:',
        '  a:',
        '    image: a:1',
        '    restart: "no"',
        '  b:',
        '    image: b:1',
        '    deploy:',
        '      restart_policy:',
        '        condition: on-failure',
        '  c:',
        '    <<: *base',
        '    image: c:1',
        '',
      ].join('\n');
      assert.deepEqual(findingsOf(text, id), []);
    });
    it('fix adds `restart: unless-stopped` to the service', () => {
      const text = 'services:\n  web:\n    image: nginx:1.27  # front\n    ports:\n      - "8080:80"\n';
      const fixed = assertFixWorks(analyze, text, only(text, id), { changes: ['0/services/web/restart'] });
      assert.equal(
        fixed,
        'services:\n  web:\n    image: nginx:1.27  # front\n    restart: unless-stopped\n    ports:\n      - "8080:80"\n',
      );
    });
    it('offers no fix for a service that is only an alias of another map', () => {
      const text = 'x-svc: &svc\n  image: a:1\nservices:\n  a: *svc\n';
      const finding = only(text, id);
      assert.equal(finding.fix, undefined);
    });
  });

  describe('compose/database-port-exposed', () => {
    const id = 'compose/database-port-exposed';
    it('flags datastore ports published on all interfaces, short and long syntax', () => {
      assert.deepEqual(positionsOf(analyze(INSECURE).findings, id), ['32:8', '44:8']);
      const text = [
        'services:',
        '  db:',
        '    image: mysql:8.4',
        '    ports:',
        '      - 3306',
        '      - "0.0.0.0:3306:3306"',
        '      - "[::]:3306:3306/tcp"',
        '      - "27000-27020:27000-27020"',
        '      - "${DB_PORT:-5432}:5432"',
        '',
      ].join('\n');
      assert.deepEqual(positionsOf(findingsOf(text, id), id), ['5:8', '6:8', '7:8', '8:8', '9:8']);
      assert.match(findingsOf(text, id)[0].message ?? '', /MySQL\/MariaDB port 3306/);
    });
    it('is quiet for loopback, templated host IPs, app ports and expose', () => {
      const text = [
        'services:',
        '  db:',
        '    image: postgres:16',
        '    expose: ["5432"]',
        '    ports:',
        '      - "127.0.0.1:5432:5432"',
        '      - "[::1]:6379:6379"',
        '      - "${BIND_ADDRESS}:9200:9200"',
        '      - "8080:80"',
        '      - "5432:8080"',
        '      - target: 5432',
        '        host_ip: 127.0.0.1',
        '',
      ].join('\n');
      assert.deepEqual(findingsOf(text, id), []);
      assert.deepEqual(findingsOf(HARDENED, id), []);
    });
    it('fix binds short syntax to 127.0.0.1 inside the quotes', () => {
      const text = 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "5432:5432"\n';
      const fixed = assertFixWorks(analyze, text, only(text, id), { changes: ['0/services/db/ports'] });
      assert.equal(fixed, 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "127.0.0.1:5432:5432"\n');
    });
    it('fix handles a bare container port, a 0.0.0.0 host IP and the long syntax', () => {
      const cases: Array<[string, string]> = [
        ['      - 6379\n', '      - 127.0.0.1::6379\n'],
        ["      - '0.0.0.0:6379:6379'\n", "      - '127.0.0.1:6379:6379'\n"],
        ['      - target: 6379\n        published: 6379\n', '      - target: 6379\n        published: 6379\n        host_ip: 127.0.0.1\n'],
        ['      - target: 6379\n        host_ip: 0.0.0.0\n', '      - target: 6379\n        host_ip: 127.0.0.1\n'],
      ];
      for (const [ports, expected] of cases) {
        const text = `services:\n  cache:\n    image: redis:7\n    ports:\n${ports}`;
        const fixed = assertFixWorks(analyze, text, only(text, id), { changes: ['0/services/cache/ports'] });
        assert.equal(fixed, `services:\n  cache:\n    image: redis:7\n    ports:\n${expected}`);
      }
    });
  });

  describe('compose/privileged', () => {
    const id = 'compose/privileged';
    it('flags privileged: true and a mounted Docker socket (short and long syntax)', () => {
      assert.deepEqual(positionsOf(analyze(INSECURE).findings, id), ['24:8', '46:16']);
      const text = [
        'services:',
        '  agent:',
        '    image: portainer/agent:2.21',
        '    volumes:',
        '      - type: bind',
        '        source: /run/docker.sock',
        '        target: /var/run/docker.sock',
        '',
      ].join('\n');
      assert.deepEqual(positionsOf(findingsOf(text, id), id), ['5:8']);
    });
    it('is quiet for privileged: false and ordinary volumes', () => {
      const text = 'services:\n  a:\n    image: a:1\n    privileged: false\n    volumes:\n      - ./data:/data\n      - logs:/var/log\n';
      assert.deepEqual(findingsOf(text, id), []);
      assert.deepEqual(findingsOf(HARDENED, id), []);
    });
  });

  describe('compose/secret-in-environment', () => {
    const id = 'compose/secret-in-environment';
    it('flags literal secrets in map and list form', () => {
      assert.deepEqual(positionsOf(analyze(INSECURE).findings, id), ['11:18', '22:8', '30:25']);
    });
    it('is quiet for references, files, flags and non-secret names', () => {
      const text = [
        'services:',
        '  a:',
        '    image: a:1',
        '    environment:',
        '      DB_PASSWORD: ${DB_PASSWORD}',
        '      DB_PASSWORD_FILE: /run/secrets/db',
        '      USE_TOKEN: "true"',
        '      API_KEY:',
        '      LOG_LEVEL: debug',
        '  b:',
        '    image: b:1',
        '    environment:',
        '      - API_TOKEN=${API_TOKEN:-}',
        '      - GITHUB_TOKEN',
        '      - PORT=8080',
        '',
      ].join('\n');
      assert.deepEqual(findingsOf(text, id), []);
      assert.deepEqual(findingsOf(HARDENED, id), []);
    });
  });

  describe('compose/healthcheck', () => {
    const id = 'compose/healthcheck';
    it('flags services without a healthcheck', () => {
      assert.deepEqual(positionsOf(analyze(INSECURE).findings, id), ['5:2', '17:2', '41:2']);
    });
    it('accepts a healthcheck that is declared, inherited or explicitly disabled', () => {
      const text = [
        'x-hc: &hc',
        '  healthcheck:',
        '    test: ["CMD", "true"]',
        'services:',
        '  a:',
        '    <<: *hc',
        '    image: a:1',
        '  b:',
        '    image: b:1',
        '    healthcheck:',
        '      disable: true',
        '',
      ].join('\n');
      assert.deepEqual(findingsOf(text, id), []);
      assert.deepEqual(findingsOf(HARDENED, id), []);
    });
    it('fix inserts a working template for a known image', () => {
      const text = 'services:\n  cache:\n    image: redis:7.2\n    command: ["redis-server", "--appendonly", "yes"]\n';
      const fixed = assertFixWorks(analyze, text, only(text, id), { changes: ['0/services/cache/healthcheck'] });
      assert.match(fixed, /\n {4}healthcheck:\n {6}test: \["CMD", "redis-cli", "ping"\]\n {6}interval: 30s\n/);
    });
    it("fix inserts an HTTP template marked for adjustment otherwise, in the file's indentation", () => {
      const text = 'services:\n    api:\n        build: .\n        ports:\n            - "3000:3000"\n';
      const fixed = assertFixWorks(analyze, text, only(text, id), { changes: ['0/services/api/healthcheck'] });
      assert.match(fixed, /\n {8}healthcheck:\n {12}test: \["CMD-SHELL", "wget .*"\] {2}# point at the real health endpoint\n/);
    });
  });

  describe('compose/depends-on-healthy', () => {
    const id = 'compose/depends-on-healthy';
    it('flags a short-form dependency on a service with a healthcheck', () => {
      assert.deepEqual(positionsOf(analyze(INSECURE).findings, id), ['14:8']);
    });
    it('flags a long-form dependency whose condition is missing, not one whose condition is written (service_started is a choice)', () => {
      const text = [
        'services:',
        '  api:',
        '    image: api:1',
        '    depends_on:',
        '      db:',
        '        condition: service_started',
        '      cache:',
        '        restart: true',
        '  db:',
        '    image: postgres:16',
        '    healthcheck: { test: ["CMD", "pg_isready"] }',
        '  cache:',
        '    image: redis:7',
        '    healthcheck:',
        '      test: ["CMD", "redis-cli", "ping"]',
        '',
      ].join('\n');
      assert.deepEqual(positionsOf(findingsOf(text, id), id), ['7:6']);
    });
    it('is quiet when the dependency has no (or a disabled) healthcheck, or the condition is already strong', () => {
      const text = [
        'services:',
        '  api:',
        '    image: api:1',
        '    depends_on:',
        '      migrate:',
        '        condition: service_completed_successfully',
        '      db:',
        '        condition: service_healthy',
        '  worker:',
        '    image: worker:1',
        '    depends_on: [queue, legacy]',
        '  migrate:',
        '    image: api:1',
        '    healthcheck: { test: ["CMD", "true"] }',
        '  db:',
        '    image: postgres:16',
        '    healthcheck: { test: ["CMD", "pg_isready"] }',
        '  queue:',
        '    image: rabbitmq:3.13',
        '  legacy:',
        '    image: legacy:1',
        '    healthcheck:',
        '      test: ["NONE"]',
        '',
      ].join('\n');
      assert.deepEqual(findingsOf(text, id), []);
      assert.deepEqual(findingsOf(HARDENED, id), []);
    });
    it('fix rewrites the short form as the long form, keeping every dependency', () => {
      const text = [
        'services:',
        '  api:',
        '    image: api:1',
        '    depends_on: [db, cache]',
        '    ports: ["8080:8080"]',
        '  db:',
        '    image: postgres:16',
        '    healthcheck: { test: ["CMD", "pg_isready"] }',
        '  cache:',
        '    image: redis:7',
        '',
      ].join('\n');
      const fixed = assertFixWorks(analyze, text, only(text, id), { changes: ['0/services/api/depends_on'] });
      assert.match(fixed, /depends_on:\n {6}db:\n {8}condition: service_healthy\n {6}cache:\n {8}condition: service_started\n {4}ports:/);
    });
    it('fix sets or adds the condition in the long form', () => {
      const text = [
        'services:',
        '  api:',
        '    image: api:1',
        '    depends_on:',
        '      db:',
        '        condition:',
        '      cache:',
        '        restart: true',
        '  db:',
        '    image: postgres:16',
        '    healthcheck: { test: ["CMD", "pg_isready"] }',
        '  cache:',
        '    image: redis:7',
        '    healthcheck: { test: ["CMD", "redis-cli", "ping"] }',
        '',
      ].join('\n');
      const [onDb, onCache] = findingsOf(text, id);
      const fixedDb = assertFixWorks(analyze, text, onDb, { changes: ['0/services/api/depends_on/db'] });
      assert.match(fixedDb, /db:\n {8}condition: service_healthy\n/);
      const fixedCache = assertFixWorks(analyze, text, onCache, { changes: ['0/services/api/depends_on/cache/condition'] });
      assert.match(fixedCache, /cache:\n {8}restart: true\n {8}condition: service_healthy\n/);
    });
  });

  describe('compose/resource-limits', () => {
    const id = 'compose/resource-limits';
    it('flags services without a memory limit', () => {
      assert.deepEqual(positionsOf(analyze(INSECURE).findings, id), ['5:2', '17:2', '26:2', '41:2']);
      const cpuOnly = 'services:\n  a:\n    image: a:1\n    deploy:\n      resources:\n        limits:\n          cpus: "0.5"\n';
      assert.equal(findingsOf(cpuOnly, id).length, 1);
    });
    it('accepts deploy.resources.limits.memory and mem_limit', () => {
      assert.deepEqual(findingsOf(HARDENED, id), []);
    });
    it('fix adds only what is missing under deploy.resources.limits', () => {
      const cases: Array<[string, RegExp]> = [
        ['    image: a:1\n', /image: a:1\n {4}deploy:\n {6}resources:\n {8}limits:\n {10}memory: 512M\n/],
        ['    image: a:1\n    deploy:\n      replicas: 2\n', /deploy:\n {6}replicas: 2\n {6}resources:\n {8}limits:\n {10}memory: 512M\n/],
        [
          '    image: a:1\n    deploy:\n      resources:\n        limits:\n          cpus: "0.5"\n',
          /limits:\n {10}cpus: "0.5"\n {10}memory: 512M\n/,
        ],
      ];
      for (const [body, expected] of cases) {
        const text = `services:\n  a:\n${body}`;
        const fixed = assertFixWorks(analyze, text, only(text, id), { changes: ['0/services/a/deploy'] });
        assert.match(fixed, expected);
      }
    });
    it('offers no fix when deploy is inherited through a merge key (a new deploy would replace it)', () => {
      const text = 'x-d: &d\n  deploy:\n    replicas: 2\nservices:\n  a:\n    <<: *d\n    image: a:1\n';
      assert.equal(only(text, id).fix, undefined);
    });
  });

  describe('compose/no-new-privileges', () => {
    const id = 'compose/no-new-privileges';
    it('flags services without no-new-privileges (and with it set to false)', () => {
      assert.deepEqual(positionsOf(analyze(INSECURE).findings, id), ['5:2', '17:2', '26:2', '41:2']);
      const off = 'services:\n  a:\n    image: a:1\n    security_opt:\n      - no-new-privileges:false\n';
      assert.deepEqual(positionsOf(findingsOf(off, id), id), ['4:4']);
    });
    it('accepts the option in its spellings, own or inherited', () => {
      const text =
        'services:\n  a:\n    image: a:1\n    security_opt: ["no-new-privileges=true"]\n  b:\n    image: b:1\n    security_opt:\n      - no-new-privileges\n';
      assert.deepEqual(findingsOf(text, id), []);
      assert.deepEqual(findingsOf(HARDENED, id), []);
    });
    it('offers no fix that would edit a list shared through an alias', () => {
      const text =
        'services:\n  a:\n    image: a:1\n    security_opt: &opts\n      - apparmor:unconfined\n  b:\n    image: b:1\n    security_opt: *opts\n';
      const findings = findingsOf(text, id);
      assert.equal(findings.length, 2);
      assert.deepEqual(
        findings.map((f) => f.fix),
        [undefined, undefined],
      );
    });
    it('fix adds security_opt, or appends to an existing list', () => {
      const fresh = 'services:\n  a:\n    image: a:1\n';
      assert.match(
        assertFixWorks(analyze, fresh, only(fresh, id), { changes: ['0/services/a/security_opt'] }),
        /security_opt:\n {6}- no-new-privileges:true\n/,
      );
      const block = 'services:\n  a:\n    image: a:1\n    security_opt:\n      - apparmor:unconfined  # needed by the profiler\n';
      assert.match(
        assertFixWorks(analyze, block, only(block, id), { changes: ['0/services/a/security_opt'] }),
        /- apparmor:unconfined {2}# needed by the profiler\n {6}- no-new-privileges:true\n/,
      );
      const flow = 'services:\n  a:\n    image: a:1\n    security_opt: [seccomp:unconfined]\n';
      assert.match(
        assertFixWorks(analyze, flow, only(flow, id), { changes: ['0/services/a/security_opt'] }),
        /security_opt: \[seccomp:unconfined, no-new-privileges:true\]/,
      );
    });
  });
});
