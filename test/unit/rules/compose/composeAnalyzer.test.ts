import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { builtinDataDir } from '../../../../src/cli/sourceShippedData';
import { builtinMatrix } from '../../../../src/core/matrix/builtinMatrix';
import { analyzeCompose } from '../../../../src/core/rules/compose/analyzeCompose';
import { COMPOSE_RULES as COMPOSE_DETECTORS } from '../../../../src/core/rules/compose/rules';
import { composeAnalyzer } from '../../../../src/core/rules/compose';
import { rulesFromText } from '../../../../src/core/rules/engine/ruleCatalog';
import { NO_WORKSPACE_FACTS } from '../../../../src/core/rules/types';
import { assertFixAllSettles, assertFixWorks, assertRangesInside, fixture } from './fixChecks';

const analyze = (text: string) => analyzeCompose(text, { rethrow: true });
const INSECURE = fixture('compose', 'docker-compose.insecure.yml');
const HARDENED = fixture('compose', 'compose.hardened.yml');

function catalog() {
  const problems: string[] = [];
  const concerns = new Set(builtinMatrix().concerns.map((c) => c.id));
  const rules = rulesFromText(
    readFileSync(join(builtinDataDir(), 'rules', 'compose.yml'), 'utf8'),
    'compose',
    'compose.yml',
    concerns,
    problems,
  );
  assert.deepEqual(problems, []);
  return rules;
}

describe('compose analyzer', () => {
  it('declares exactly the rules it detects, valid against the catalog schema', () => {
    const declared = catalog()
      .map((rule) => rule.id)
      .sort();
    assert.deepEqual(COMPOSE_DETECTORS.map((d) => d.ruleId).sort(), declared);
  });

  it('every rule fires on the insecure fixture and none on the hardened one', () => {
    const fired = new Set(analyze(INSECURE).findings.map((f) => f.ruleId));
    assert.deepEqual(
      [...fired].sort(),
      catalog()
        .map((r) => r.id)
        .sort(),
    );
    assert.deepEqual(
      analyze(HARDENED).findings.map((f) => `${f.ruleId}: ${f.message}`),
      [],
    );
  });

  it('reports a setting shared through an anchor once, at the anchor, saying how many services merge it', () => {
    const text = [
      'x-defaults: &defaults',
      '  restart: unless-stopped',
      '  environment:',
      '    API_TOKEN: s3cr3t-value',
      'services:',
      '  api:',
      '    <<: *defaults',
      '    image: acme/api:1.0',
      '  worker:',
      '    <<: *defaults',
      '    image: acme/worker:1.0',
      '  cron:',
      '    <<: *defaults',
      '    image: acme/cron:1.0',
    ].join('\n');
    const secrets = analyze(text).findings.filter((finding) => finding.ruleId === 'compose/secret-in-environment');
    assert.equal(secrets.length, 1);
    assert.equal(secrets[0].range.start.line, 3);
    assert.match(secrets[0].message ?? '', /\(shared: 2 more places merge this line\)$/);
    // Findings about each service's own key stay one per service.
    assert.equal(analyze(text).findings.filter((finding) => finding.ruleId === 'compose/healthcheck').length, 3);
  });

  it('anchors the keys a hover explains', () => {
    const anchors = analyze(INSECURE).anchors;
    const at = (line: number) => anchors.filter((a) => a.range.start.line === line - 1).map((a) => a.concern);
    assert.deepEqual(at(2), ['tech-stack']); // version
    assert.deepEqual(at(7), ['security']); // ports
    assert.deepEqual(at(18), ['testing-deployment']); // image
    assert.deepEqual(at(35), ['fault-tolerance']); // healthcheck
    assert.deepEqual(at(19), []); // command: no rule cares
  });

  it('reports YAML errors as parse problems and runs no rule on a broken file', () => {
    const result = analyze('services:\n  api:\n    image: "unterminated\n');
    assert.ok(result.parseProblems.length > 0);
    assert.deepEqual(result.findings, []);
  });

  it('is quiet on files that are not compose-shaped', () => {
    for (const text of ['', '# nothing\n', '- a\n- b\n', 'services: []\n', 'services:\n  api: "not a map"\n', 'name: demo\n']) {
      assert.deepEqual(analyze(text).findings, [], JSON.stringify(text));
    }
  });

  it('contains a failing detector: a problem naming its rule, and the other rules still report', () => {
    const broken = {
      ruleId: 'compose/broken',
      detect: () => {
        throw new Error('boom');
      },
    };
    const result = analyzeCompose(INSECURE, { detectors: [broken, ...COMPOSE_DETECTORS] });
    assert.equal(result.parseProblems.length, 1);
    assert.match(result.parseProblems[0].message, /compose\/broken failed on this file.*boom/);
    assert.ok(result.findings.some((f) => f.ruleId === 'compose/image-tag'));
    assert.deepEqual(
      [...(composeAnalyzer.ruleIds ?? [])].sort(),
      catalog()
        .map((r) => r.id)
        .sort(),
    );
  });

  it('the KindAnalyzer adds inline suppressions', () => {
    const text =
      '# stage-guide: ignore-file compose/obsolete-version\nversion: "3"\nservices:\n  # stage-guide: ignore compose/image-tag -- pinned by Renovate\n  a:\n    image: a\n';
    const analysis = composeAnalyzer.analyze(text, NO_WORKSPACE_FACTS);
    assert.equal(analysis.kind, 'compose');
    assert.ok(analysis.suppressions.fileWide.has('compose/obsolete-version'));
    assert.ok(analysis.suppressions.byLine.get(4)?.has('compose/image-tag'));
    assert.ok(analysis.findings.length > 0);
  });

  it('every fix of the insecure fixture works on its own', () => {
    const findings = analyze(INSECURE).findings.filter((f) => f.fix);
    assert.ok(findings.length >= 15);
    for (const finding of findings) {
      const service = /Service "([^"]+)"|"([^"]+)" starts/.exec(finding.message ?? '');
      const name = service?.[1] ?? service?.[2];
      const changes = name ? [`0/services/${name}`] : ['0/version'];
      assertFixWorks(analyze, INSECURE, finding, { changes });
    }
  });

  it('fix-all settles: valid YAML, nothing fixable left, and a second run changes nothing', () => {
    for (const text of [INSECURE, HARDENED, INSECURE.replace(/\n/g, '\r\n')]) assertFixAllSettles(analyze, text);
  });

  describe('properties', function () {
    // Property runs are CPU-bound: give a loaded 2-core CI machine room, as the other property suites do.
    this.timeout(180_000);
    const keys = [
      'services',
      'version',
      'image',
      'build',
      'ports',
      'healthcheck',
      'depends_on',
      'restart',
      'deploy',
      'resources',
      'limits',
      'memory',
      'environment',
      'privileged',
      'volumes',
      'security_opt',
      'condition',
      'test',
      'x-base',
      '<<',
      'target',
      'host_ip',
    ];
    const scalars = [
      'nginx',
      'postgres:16',
      'redis:latest',
      '"5432:5432"',
      '6379',
      'true',
      '${VAR}',
      '*a',
      '&a x',
      'service_started',
      '/var/run/docker.sock:/s',
      'DB_PASSWORD=x',
      '',
      '[a, b]',
      '{ test: [CMD, x] }',
      '"',
      ':',
    ];
    /** Random YAML-ish text built from compose vocabulary at random indentation (often invalid, sometimes deeply valid). */
    const composeLike = fc
      .array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.boolean(), fc.constantFrom(...keys), fc.constantFrom(...scalars)), {
        maxLength: 30,
      })
      .map((lines) => lines.map(([depth, dash, key, value]) => `${'  '.repeat(depth)}${dash ? '- ' : ''}${key}: ${value}`).join('\n'));

    it('random compose-like and mutated files never throw, and every range lies inside the document', () => {
      const mutate = fc.tuple(fc.nat(), fc.nat({ max: 12 }), fc.string({ maxLength: 6 })).map(([at, remove, insert]) => (text: string) => {
        const index = text.length === 0 ? 0 : at % text.length;
        return text.slice(0, index) + insert + text.slice(index + remove);
      });
      const texts = fc.oneof(
        composeLike,
        fc.string({ maxLength: 200 }),
        fc
          .tuple(fc.constantFrom(INSECURE, HARDENED), fc.array(mutate, { maxLength: 4 }))
          .map(([base, mutations]) => mutations.reduce((text, m) => m(text), base)),
      );
      fc.assert(
        fc.property(texts, (text) => {
          const result = analyzeCompose(text, { rethrow: true });
          assertRangesInside(text, [
            ...result.findings.map((f) => f.range),
            ...result.findings.flatMap((f) => f.fix?.edits.map((e) => e.range) ?? []),
            ...result.anchors.map((a) => a.range),
            ...result.parseProblems.map((p) => p.range),
          ]);
        }),
        { numRuns: 400 },
      );
    });

    /** Valid compose files: random services built as data and written by the yaml library in block or flow style. */
    const serviceArb = fc.record(
      {
        image: fc.constantFrom('nginx', 'nginx:latest', 'postgres:16', 'redis', 'ghcr.io/acme/api:1.2', '${IMAGE}'),
        build: fc.constant('.'),
        restart: fc.constantFrom('always', 'unless-stopped'),
        privileged: fc.boolean(),
        ports: fc.array(
          fc.oneof(
            fc.constantFrom('5432:5432', '127.0.0.1:6379:6379', '8080:80', '0.0.0.0:3306:3306', '27017'),
            fc.constantFrom(6379, 5432).map((target) => ({ target, published: target })),
          ),
          { maxLength: 3 },
        ),
        environment: fc.oneof(
          fc.dictionary(fc.constantFrom('DB_PASSWORD', 'API_KEY', 'LOG_LEVEL', 'SECRET_FILE'), fc.constantFrom('x1', '${X}', '')),
          fc.array(fc.constantFrom('DB_PASSWORD=hunter2', 'TOKEN', 'PORT=1'), { maxLength: 3 }),
        ),
        healthcheck: fc.constantFrom({ test: ['CMD', 'true'] }, { disable: true }),
        depends_on: fc.oneof(fc.constant(['s0', 's1']), fc.constant({ s0: { condition: 'service_started' }, s1: {} })),
        deploy: fc.constantFrom({ replicas: 2 }, { resources: { limits: { cpus: '0.5' } } }, { resources: { limits: { memory: '1g' } } }),
        security_opt: fc.constantFrom(['no-new-privileges:true'], ['apparmor:unconfined']),
        volumes: fc.constantFrom(['/var/run/docker.sock:/var/run/docker.sock'], ['./data:/data']),
      },
      { requiredKeys: [] },
    );
    const composeFile = fc
      .tuple(fc.array(serviceArb, { minLength: 1, maxLength: 3 }), fc.boolean(), fc.constantFrom(2, 4), fc.boolean())
      .map(([services, version, indent, flowLeaves]) => {
        const data: Record<string, unknown> = version ? { version: '3.8' } : {};
        data.services = Object.fromEntries(services.map((service, index) => [`s${index}`, service]));
        return stringify(data, { indent, flowCollectionPadding: true, collectionStyle: flowLeaves ? 'any' : 'block' });
      });

    it('on valid random compose files every fix keeps the file valid and removes its finding', () => {
      fc.assert(
        fc.property(composeFile, (text) => {
          for (const finding of analyze(text).findings.filter((f) => f.fix)) {
            const service = /Service "([^"]+)"|"([^"]+)" starts/.exec(finding.message ?? '');
            const name = service?.[1] ?? service?.[2];
            assertFixWorks(analyze, text, finding, { changes: [name ? `0/services/${name}` : '0/version'] });
          }
          assertFixAllSettles(analyze, text);
        }),
        { numRuns: 40 },
      );
    });
  });
});
