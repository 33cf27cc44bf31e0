import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { assertValidSarif, check, sarifValidator, workspace } from './support';

/** An MVP service with a due practice gap (no lockfile) and due config findings, and a next-stage world of infos. */
const MVP_SERVICE = {
  '.stage.yml': 'name: shop\nstage: mvp\n',
  'package.json': '{"scripts":{"test":"node --test"},"dependencies":{"express":"^4.19.2"}}',
  'test/app.test.js': '',
  Dockerfile: 'FROM node:20\nADD src ./src\nCMD node src/server.js\n',
};

/** Everything due at prototype is met: only next-stage items (infos) remain. */
const PROTOTYPE_SERVICE = {
  '.stage.yml': 'stage: prototype\n',
  '.gitignore': '.env\n',
  'package.json': '{"dependencies":{"express":"^4.19.2"}}',
};

describe('cli: stage-guide check', () => {
  const roots: string[] = [];
  const make = (files: Record<string, string>) => {
    const root = workspace(files);
    roots.push(root);
    return root;
  };
  after(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

  describe('text format', () => {
    it('prints the concern table, gaps due now, findings as file:line:col severity rule message, the next stage and a summary', async () => {
      const root = make(MVP_SERVICE);
      const run = await check(root, '.');
      assert.match(run.out, /^shop — \.stage\.yml$/m);
      assert.match(run.out, /^Stage: Minimum Viable Product \(MVP\) · next: Production-Ready System$/m);
      assert.match(run.out, /^Tech Stack\s+MVP\s+Prototype\s+✗ 2 missing, 2 met$/m);
      assert.match(run.out, /✗ Tech Stack: A committed lockfile pins exact dependency versions\n {4}tech-stack\/mvp\/lockfile/);
      assert.match(run.out, /^ {2}Dockerfile:2:1 warning docker\/add-instead-of-copy .+ \(mvp\)$/m);
      assert.match(run.out, /^ {2}Dockerfile:3:1 info docker\/healthcheck .+ \(next: production\)$/m);
      assert.match(run.out, /^Next: Production-Ready System — \d+ of \d+ new practices met/m);
      assert.match(run.out, /^1 service: 0 errors, \d+ warnings, \d+ infos \(--fail-on warning\)$/m);
      assert.equal(run.code, 1, 'warnings reach the default --fail-on warning');
    });

    it('says so when no stage is declared, and fails on nothing', async () => {
      const root = make({ 'package.json': '{"dependencies":{"express":"^4"}}' });
      const run = await check(root);
      assert.match(run.out, /\(no \.stage\.yml\)/);
      assert.match(run.out, /No stage is declared: practices are shown as observed, nothing is due\./);
      assert.equal(run.code, 0);
    });
  });

  describe('exit codes', () => {
    it('--fail-on decides: warning (default), error, info, none', async () => {
      const mvp = make(MVP_SERVICE);
      assert.equal((await check(mvp, '--fail-on', 'warning')).code, 1);
      assert.equal((await check(mvp, '--fail-on', 'error')).code, 0);
      assert.equal((await check(mvp, '--fail-on', 'none')).code, 0);
      const prototype = make(PROTOTYPE_SERVICE);
      assert.equal((await check(prototype)).code, 0, 'only infos: below the default');
      assert.equal((await check(prototype, '--fail-on', 'info')).code, 1);
    });

    it('usage errors exit 2 with the usage line', async () => {
      const root = make(MVP_SERVICE);
      for (const args of [['--format', 'xml'], ['--fail-on', 'sometimes'], ['--stage', 'galactic'], ['--json', '--format', 'sarif'], ['does-not-exist']]) {
        const run = await check(root, ...args);
        assert.equal(run.code, 2, args.join(' '));
        assert.match(run.err, /usage: stage-guide check/);
      }
    });
  });

  describe('--stage', () => {
    it('previews another stage: what it asks becomes due', async () => {
      const root = make(MVP_SERVICE);
      const declared = JSON.parse((await check(root, '--format', 'json', '--fail-on', 'none')).out);
      const preview = JSON.parse((await check(root, '--format', 'json', '--fail-on', 'none', '--stage', 'production')).out);
      assert.deepEqual([preview.services[0].stage.id, preview.services[0].declaredStage, preview.services[0].stageOverridden], ['production', 'mvp', true]);
      assert.ok(preview.summary.warnings > declared.summary.warnings);
      const text = await check(root, '--stage', 'prod', '--fail-on', 'none');
      assert.match(text.out, /Assessed at --stage production; declared: mvp\./);
    });
  });

  describe('JSON format', () => {
    it('is the documented shape: schemaVersion, summary, services with concerns, practices, findings and readiness', async () => {
      const root = make(MVP_SERVICE);
      const run = await check(root, '--format', 'json');
      const json = JSON.parse(run.out);
      assert.equal(json.schemaVersion, 1);
      assert.deepEqual(Object.keys(json), ['schemaVersion', 'failOn', 'failed', 'summary', 'services']);
      assert.deepEqual([json.failOn, json.failed, run.code], ['warning', true, 1]);
      const [service] = json.services;
      assert.deepEqual(Object.keys(service), ['root', 'stageFile', 'name', 'stage', 'declaredStage', 'stageOverridden', 'next', 'stageFileProblems', 'concerns', 'findings', 'readiness']);
      assert.deepEqual([service.root, service.stageFile, service.name, service.stage.id, service.next.id], ['.', '.stage.yml', 'shop', 'mvp', 'production']);
      const techStack = service.concerns.find((concern: { id: string }) => concern.id === 'tech-stack');
      assert.deepEqual([techStack.stage, techStack.observedStage, techStack.badge], ['mvp', 'prototype', 'gaps']);
      assert.equal(techStack.ladder.length, 5);
      const manifest = techStack.practices.find((practice: { id: string }) => practice.id === 'tech-stack/prototype/dependency-manifest');
      assert.deepEqual(manifest.evidence, [{ file: 'package.json', line: null, detail: 'package.json' }]);
      const lockfile = techStack.practices.find((practice: { id: string }) => practice.id === 'tech-stack/mvp/lockfile');
      assert.deepEqual([lockfile.status, lockfile.timing, lockfile.severity, lockfile.satisfiedBy[0].signal], ['missing', 'due', 'warning', 'deps.lockfile']);
      const unknown = service.concerns.flatMap((concern: { practices: unknown[] }) => concern.practices).find((practice: { id: string }) => practice.id === 'goal/mvp/feedback-channel');
      assert.deepEqual([unknown.status, unknown.unknownReason, unknown.severity], ['unknown', 'not-observable', null]);
      const add = service.findings.find((finding: { rule: string }) => finding.rule === 'docker/add-instead-of-copy');
      assert.deepEqual([add.file, add.line, add.column, add.severity, add.status, add.stage], ['Dockerfile', 2, 1, 'warning', 'due', 'mvp']);
      assert.match(add.helpUri, /#rule-docker-add-instead-of-copy$/);
      assert.equal(service.readiness.to.id, 'production');
      assert.ok(service.readiness.concerns.every((concern: { from: string; to: string }) => concern.to !== concern.from));
    });

    it('--json is the same as --format json', async () => {
      const root = make(PROTOTYPE_SERVICE);
      assert.deepEqual(JSON.parse((await check(root, '--json')).out), JSON.parse((await check(root, '--format', 'json')).out));
    });
  });

  describe('SARIF format', () => {
    it('is valid SARIF 2.1.0 with rules, levels, 1-based regions and help', async () => {
      const root = make(MVP_SERVICE);
      const sarif = assertValidSarif((await check(root, '--format', 'sarif')).out) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string; helpUri?: string; help: { text: string; markdown: string }; properties: Record<string, unknown> }> } }; results: Array<{ ruleId: string; ruleIndex: number; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }> }> }> };
      const [run] = sarif.runs;
      const rules = run.tool.driver.rules;
      for (const result of run.results) assert.equal(rules[result.ruleIndex].id, result.ruleId);
      const add = run.results.find((result) => result.ruleId === 'docker/add-instead-of-copy')!;
      assert.deepEqual([add.level, add.locations[0].physicalLocation.artifactLocation.uri, add.locations[0].physicalLocation.region.startLine, add.locations[0].physicalLocation.region.startColumn], ['warning', 'Dockerfile', 2, 1]);
      assert.match(rules[add.ruleIndex].helpUri!, /#rule-docker-add-instead-of-copy$/);
      assert.deepEqual(rules[add.ruleIndex].properties, { tags: ['stage-guide', 'config-file', 'tech-stack'], stage: 'mvp', concern: 'tech-stack', kind: 'config-file' });
      const healthcheck = run.results.find((result) => result.ruleId === 'docker/healthcheck')!;
      assert.equal(healthcheck.level, 'note');
      const lockfile = run.results.find((result) => result.ruleId === 'tech-stack/mvp/lockfile')!;
      assert.deepEqual([lockfile.level, lockfile.locations[0].physicalLocation.artifactLocation.uri, lockfile.locations[0].physicalLocation.region.startLine], ['warning', '.stage.yml', 1], 'a gap with no place of its own points at the governing .stage.yml');
      assert.match(rules[lockfile.ruleIndex].help.markdown, /\*\*Satisfied by\*\*/);
    });

    it('a gap contradicted by a file points at that file (and lists the others as related locations)', async () => {
      const root = make({ '.stage.yml': 'stage: scale\n', 'a/Dockerfile': 'FROM node:20\n', 'b/Dockerfile': 'FROM node:20\n' });
      const sarif = assertValidSarif((await check(root, '--format', 'sarif')).out) as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }>; relatedLocations?: unknown[] }> }> };
      const multiStage = sarif.runs[0].results.find((result) => result.ruleId === 'tech-stack/scale/multi-stage-images')!;
      assert.equal(multiStage.locations[0].physicalLocation.artifactLocation.uri, 'a/Dockerfile');
      assert.equal(multiStage.relatedLocations?.length, 1);
    });

    it('the schema check is a real one: it rejects a broken log', () => {
      assert.equal(sarifValidator()({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'loud' }] }] }), false);
    });
  });
});
