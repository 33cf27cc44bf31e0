import assert from 'node:assert/strict';
import { assessWorkspace } from '../../../src/core/evidence/index';
import type { PracticeAssessment, ServiceAssessment } from '../../../src/core/evidence/index';
import { pinsOneVersion } from '../../../src/core/evidence/readers/manifests/runtimePins';
import { nodeFileSystem } from '../../../src/cli/nodeFileSystem';
import { evidenceFixture, places, placesIn, signal, signalsOf, signalsOfFolder } from './support/scan';

/**
 * Evidence verdicts a reviewer found wrong on real repositories, each with
 * the workspace that showed it (test/fixtures/evidence/verdicts/<case>) and
 * the one that must keep the opposite verdict.
 */
const verdict = (...segments: string[]) => evidenceFixture('verdicts', ...segments);

async function evidenceOf(fixture: string, id: string): Promise<{ observed: boolean; evidence: string[]; counter: string[] }> {
  const root = verdict(fixture);
  const result = signal(await signalsOfFolder(root), id);
  return { observed: result.observed, evidence: placesIn(root, result.evidence), counter: placesIn(root, result.counterEvidence) };
}

async function practiceIn(fixture: string, practiceId: string): Promise<PracticeAssessment> {
  const root = verdict(fixture);
  const { services } = await assessWorkspace(root, { fs: nodeFileSystem, workspaceRoot: root, today: '2025-01-01' });
  const found = (services[0] as ServiceAssessment).concerns
    .flatMap((concern) => concern.practices)
    .find((candidate) => candidate.practice.id === practiceId);
  assert.ok(found, `no practice ${practiceId}`);
  return found;
}

describe('evidence: verdicts that follow what the files really say', () => {
  it('a winston logger with a plain-text format (printf) writes no JSON logs; one with format.json() does', async () => {
    const text = await evidenceOf('winston-text', 'logging.structured');
    assert.equal(text.observed, false);
    assert.ok((await evidenceOf('winston-text', 'logging.library')).observed, 'it is still a logging library with levels');
    assert.deepEqual((await evidenceOf('winston-json', 'logging.structured')).evidence, [
      'src/utils/logger.ts:6 winston logs JSON (logger.ts sets a JSON format)',
    ]);
    const unseen = await signalsOf({ 'package.json': '{"dependencies":{"winston":"^3"}}' });
    assert.deepEqual(places(signal(unseen, 'logging.structured').evidence), [
      'package.json:1 dependency winston (JSON unless another format is set)',
    ]);
  });

  it('`engines: ">=12"` and a `node:alpine` base pin nothing; `20.x` and `node:20-alpine` do', async () => {
    const range = await evidenceOf('runtime-range', 'runtime.pinned');
    assert.equal(range.observed, false);
    assert.deepEqual(range.evidence, []);
    assert.deepEqual(range.counter, ['Dockerfile:1 Dockerfile: base image node:alpine does not name a Node.js version']);
    assert.deepEqual((await evidenceOf('runtime-pinned', 'runtime.pinned')).evidence, [
      'Dockerfile:1 Dockerfile: Node.js from node:20-alpine',
      'package.json:5 engines.node 20.x',
    ]);
  });

  it('a version constraint pins the runtime only when it allows one version at the precision the runtime needs', () => {
    const cases: Array<[string, number, boolean]> = [
      ['20.x', 1, true],
      ['^20.11.0', 1, true],
      ['>=18 <19', 1, true],
      ['>=12', 1, false],
      ['18 || 20', 1, false],
      ['lts/*', 1, false],
      ['==3.12.*', 2, true],
      ['~=3.12.1', 2, true],
      ['>=3.11,<3.12', 2, true],
      ['>=3.9', 2, false],
      ['^3.11', 2, false],
      ['~=3.12', 2, false],
      ['~8.3.0', 2, true],
      ['^8.3', 2, false],
    ];
    for (const [constraint, precision, pinned] of cases) assert.equal(pinsOneVersion(constraint, precision), pinned, constraint);
  });

  it('Redis behind BullMQ, or behind Celery with a redis:// broker, is a queue and not a cache; alone, it is taken for a cache', async () => {
    assert.equal((await evidenceOf('redis-queue', 'cache.in-use')).observed, false);
    assert.equal((await practiceIn('redis-queue', 'inter-service-communication/production/message-queue')).status, 'met');
    assert.equal((await evidenceOf('celery-redis', 'cache.in-use')).observed, false);
    assert.deepEqual((await evidenceOf('celery-redis', 'queue.redis-backed')).evidence, [
      "docker-compose.yml:5 Celery's broker CELERY_BROKER_URL (docker-compose.yml) is Redis",
    ]);
    assert.deepEqual((await evidenceOf('redis-cache', 'cache.in-use')).evidence, [
      'compose.yaml:7 image redis:7.2-alpine (Redis, taken for a cache: no job queue uses it)',
      'package.json:6 dependency ioredis (Redis, taken for a cache: no job queue uses it)',
    ]);
    const rabbit = await evidenceOf('celery-rabbitmq', 'cache.in-use');
    assert.ok(rabbit.observed, 'with a RabbitMQ broker, the Redis beside Celery is a cache');
    assert.equal((await evidenceOf('celery-rabbitmq', 'queue.redis-backed')).observed, false);
  });

  it('a PhantomJS script in tests/ is no unit test; a mocha file in test/ is one', async () => {
    assert.equal((await evidenceOf('phantomjs-tests', 'tests.present')).observed, false);
    assert.deepEqual((await evidenceOf('mocha-tests', 'tests.present')).evidence, ['test/cart.js test/cart.js']);
  });

  it('`docker compose build` on pushes to main builds the artifact; `docker compose up`, `pull` and an echo do not', async () => {
    assert.deepEqual((await evidenceOf('compose-build-ci', 'ci.builds-artifact')).evidence, [
      '.github/workflows/ci.yml:12 CI job images builds on pushes to main',
    ]);
    assert.equal((await evidenceOf('compose-up-ci', 'ci.builds-artifact')).observed, false);
    const plain = await signalsOf({
      '.github/workflows/ci.yml': 'on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker build -t app .\n',
    });
    assert.ok(signal(plain, 'ci.builds-artifact').observed, 'docker build counts too');
  });

  it('pre-commit in CI lints when its configuration has lint hooks (ruff, mypy); whitespace and format hooks alone do not', async () => {
    assert.deepEqual((await evidenceOf('pre-commit-lint', 'ci.lint')).evidence, [
      '.github/workflows/checks.yml:9 CI job pre-commit runs pre-commit, whose hooks include ruff, mypy',
    ]);
    assert.equal((await evidenceOf('pre-commit-whitespace', 'ci.lint')).observed, false);
  });

  it('a repository-level pre-commit run on all files lints a nested service; one limited to another folder does not', async () => {
    const workflow =
      'on: [push, pull_request]\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pre-commit run --all-files\n';
    const files = (hookFiles: string) => ({
      '.github/workflows/lint.yml': workflow,
      '.pre-commit-config.yaml': `repos:\n  - repo: https://github.com/astral-sh/ruff-pre-commit\n    rev: v0.4.4\n    hooks:\n      - id: ruff\n${hookFiles}`,
      'services/api/pyproject.toml': '[project]\nname = "api"\n',
      'services/api/.stage.yml': 'stage: production\n',
    });
    const everywhere = await signalsOf(files(''), '/ws/services/api', '/ws');
    assert.deepEqual(places(signal(everywhere, 'ci.lint').evidence), [
      '.github/workflows/lint.yml:6 CI job lint runs pre-commit, whose hooks include ruff',
    ]);
    const elsewhere = await signalsOf(files('        files: ^services/web/\n'), '/ws/services/api', '/ws');
    assert.equal(signal(elsewhere, 'ci.lint').observed, false);
  });

  it('a build in a reusable workflow of the repository is followed on its caller’s triggers; an uncalled one builds nothing', async () => {
    assert.deepEqual((await evidenceOf('reusable-build', 'ci.builds-artifact')).evidence, [
      '.github/workflows/build-image.yml:14 CI job image builds on pushes to main (in build-image.yml)',
    ]);
    assert.ok((await evidenceOf('reusable-build', 'ci.versioned-artifact')).observed);
    assert.equal((await evidenceOf('uncalled-build', 'ci.builds-artifact')).observed, false);
  });

  it('deploy commands in the README are written-down deploy steps, never a CI deploy', async () => {
    assert.deepEqual((await evidenceOf('readme-deploy', 'docs.deploy-steps')).evidence, [
      'README.md:17 README shows how to deploy under "Kubernetes": `kubectl apply -n polls -f k8s/`',
    ]);
    assert.equal((await evidenceOf('readme-deploy', 'ci.deploys')).observed, false);
    assert.equal((await practiceIn('readme-deploy', 'testing-deployment/mvp/deploy-steps-written')).status, 'met');
    assert.equal((await practiceIn('readme-deploy', 'testing-deployment/scale/auto-deploy-main')).status, 'missing');
    assert.equal((await evidenceOf('readme-local-only', 'docs.deploy-steps')).observed, false);
  });

  it('sign-in practices are not applicable without any sign-in, and missing for a hand-rolled one', async () => {
    const none = await practiceIn('no-sign-in', 'security/mvp/established-auth');
    assert.equal(none.status, 'unknown');
    assert.equal(none.unknownReason?.kind === 'not-applicable' && none.unknownReason.context, 'signs-users-in');
    const handRolled = await practiceIn('hand-rolled-login', 'security/mvp/established-auth');
    assert.equal(handRolled.status, 'missing');
  });

  it('the .env practice is not applicable when no .env is used, and missing when one is used but not ignored', async () => {
    const none = await practiceIn('no-env-file', 'security/prototype/env-file-ignored');
    assert.equal(none.status, 'unknown');
    assert.equal(none.unknownReason?.kind === 'not-applicable' && none.unknownReason.context, 'uses-env-file');
    const used = await practiceIn('env-file-unignored', 'security/prototype/env-file-ignored');
    assert.equal(used.status, 'missing');
  });
});
