import assert from 'node:assert/strict';
import { join } from 'node:path';
import { check, workspace } from './support';

/**
 * A GitLab pipeline split across `include:`d files, through `stage-guide
 * check` (the editor builds the same facts: test/unit/rules/gitlab-ci/
 * includedFragments.test.ts). Fixtures: test/fixtures/workspaces/gitlab-includes/README.md.
 */
const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'workspaces', 'gitlab-includes');
const PRACTICE = 'testing-deployment/production/ci-tests-every-push';

interface JsonFinding {
  file: string;
  line: number;
  rule: string;
  status: string;
  message: string;
}

interface JsonPractice {
  id: string;
  status: string;
  evidence: Array<{ file?: string; line?: number; detail?: string }>;
}

async function checkJson(name: string): Promise<{ findings: JsonFinding[]; practice: JsonPractice }> {
  const root = join(FIXTURES, name);
  const run = await check(root, '--root', root, '--format', 'json');
  const report = JSON.parse(run.out) as { services: Array<{ findings: JsonFinding[]; concerns: Array<{ practices: JsonPractice[] }> }> };
  assert.equal(report.services.length, 1, name);
  const [service] = report.services;
  const practice = service.concerns.flatMap((concern) => concern.practices).find((candidate) => candidate.id === PRACTICE);
  assert.ok(practice, `${name}: ${PRACTICE}`);
  const findings = service.findings.filter((finding) => finding.rule.startsWith('gitlab/'));
  return { findings, practice };
}

const short = (finding: JsonFinding) => `${finding.file}:${finding.line} ${finding.rule}`;

describe('check: a GitLab pipeline split across included files', () => {
  it('templates, default: and !reference in other files are followed: no finding, and the evidence finds the tests where they run', async () => {
    const { findings, practice } = await checkJson('split-pipeline');
    assert.deepEqual(findings.map(short), []);
    assert.equal(practice.status, 'met');
    assert.deepEqual(
      practice.evidence.map((evidence) => `${evidence.file}:${evidence.line}`),
      ['.gitlab/ci/_templates.gitlab-ci.yml:12'],
    );
  });

  it('no job of any included file runs tests: one finding, on the .gitlab-ci.yml, and the practice is missing', async () => {
    const { findings, practice } = await checkJson('split-no-tests');
    assert.deepEqual(findings.filter((finding) => finding.status === 'due').map(short), [
      '.gitlab-ci.yml:1 gitlab/ci-runs-tests',
      '.gitlab/ci/deploy.yml:1 gitlab/deploy-environment',
    ]);
    assert.equal(practice.status, 'missing');
  });

  it('an include of a template or another project: no "runs no tests", no guess about a template it extends', async () => {
    const { findings } = await checkJson('outside-includes');
    assert.deepEqual(findings.filter((finding) => finding.status === 'due').map(short), []);
  });

  describe("a monorepo whose root pipeline includes each service's .gitlab-ci.yml", () => {
    /** Every service's GitLab findings, as "relative/path:line rule" (paths relative to the repository). */
    async function monorepoFindings(name: string): Promise<{ findings: string[]; practices: Record<string, string | undefined> }> {
      const root = join(FIXTURES, name);
      const run = await check(root, '--root', root, '--format', 'json', '--fail-on', 'none');
      const report = JSON.parse(run.out) as {
        services: Array<{ root: string; findings: JsonFinding[]; concerns: Array<{ practices: JsonPractice[] }> }>;
      };
      assert.equal(report.services.length, 3, name);
      const practices: Record<string, string | undefined> = {};
      for (const service of report.services)
        practices[service.root] = service.concerns.flatMap((concern) => concern.practices).find((each) => each.id === PRACTICE)?.status;
      const findings = report.services.flatMap((service) => service.findings.filter((finding) => finding.rule.startsWith('gitlab/')));
      return { findings: findings.map(short).sort(), practices };
    }

    it("no service runs tests: one finding, on the root .gitlab-ci.yml (the services' files are read as part of it), none in the files it includes", async () => {
      const { findings, practices } = await monorepoFindings('monorepo-service-pipelines-no-tests');
      assert.deepEqual(findings, ['.gitlab-ci.yml:1 gitlab/ci-runs-tests']);
      assert.equal(practices['services/orders'], 'missing');
    });

    it("one service's file runs its tests: no finding anywhere, and that service's practice is met where its job runs them", async () => {
      const { findings, practices } = await monorepoFindings('monorepo-service-pipelines');
      assert.deepEqual(findings, []);
      assert.equal(practices['services/orders'], 'met');
      assert.equal(practices['services/billing'], 'missing');
    });
  });

  describe('files the pipeline includes under names of their own (.gitlab/CI/, ci/, templates/)', () => {
    const NAMED_FREELY = join(__dirname, '..', '..', 'fixtures', 'workspaces', 'deployment-judgement', 'gitlab-named-freely');

    it('count for the evidence: the tests run in .gitlab/CI/test.yml, and the pipeline is not "without tests"', async () => {
      const run = await check(NAMED_FREELY, '--root', NAMED_FREELY, '--format', 'json', '--fail-on', 'none');
      const report = JSON.parse(run.out) as {
        services: Array<{ findings: JsonFinding[]; concerns: Array<{ practices: JsonPractice[] }> }>;
      };
      const [service] = report.services;
      const practice = service.concerns.flatMap((concern) => concern.practices).find((candidate) => candidate.id === PRACTICE);
      assert.equal(practice?.status, 'met');
      assert.deepEqual(
        practice?.evidence.map((evidence) => `${evidence.file}:${evidence.line}`),
        ['.gitlab/CI/test.yml:6'],
      );
      assert.deepEqual(
        service.findings.filter((finding) => finding.rule === 'gitlab/ci-runs-tests'),
        [],
      );
    });

    it('a pipeline of files named freely that runs no tests: one finding on .gitlab-ci.yml, the practice is missing', async () => {
      const root = workspace({
        '.stage.yml': 'stage: production\n',
        'package.json': '{ "name": "api", "scripts": { "test": "vitest run" } }\n',
        '.gitlab-ci.yml': 'include:\n  - local: ci/build.yml\n  - local: ci/deploy.yml\n',
        'ci/build.yml':
          'build:\n  image: docker:27.3\n  interruptible: true\n  script:\n    - docker build -t "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA" .\n',
        'ci/deploy.yml': 'deploy:\n  stage: deploy\n  image: alpine:3.20\n  environment: production\n  script:\n    - ./deploy.sh\n',
      });
      const run = await check(root, '--root', root, '--format', 'json', '--fail-on', 'none');
      const report = JSON.parse(run.out) as {
        services: Array<{ findings: JsonFinding[]; concerns: Array<{ practices: JsonPractice[] }> }>;
      };
      const [service] = report.services;
      assert.deepEqual(service.findings.filter((finding) => finding.rule.startsWith('gitlab/')).map(short), [
        '.gitlab-ci.yml:1 gitlab/ci-runs-tests',
      ]);
      const practice = service.concerns.flatMap((concern) => concern.practices).find((candidate) => candidate.id === PRACTICE);
      assert.equal(practice?.status, 'missing');
    });

    it('a nested service: a file of the repository pipeline outside the service folder is read for it', async () => {
      const root = workspace({
        '.gitlab-ci.yml': 'include:\n  - local: ci/test.yml\n',
        'ci/test.yml': 'api-tests:\n  image: node:22.11\n  script:\n    - cd services/api\n    - npm test\n',
        'services/api/.stage.yml': 'stage: production\n',
        'services/api/package.json': '{ "name": "api", "scripts": { "test": "vitest run" } }\n',
      });
      const service = join(root, 'services', 'api');
      const run = await check(service, '--root', root, '--format', 'json', '--fail-on', 'none');
      const report = JSON.parse(run.out) as { services: Array<{ concerns: Array<{ practices: JsonPractice[] }> }> };
      assert.equal(report.services.length, 1);
      const [api] = report.services;
      const practice = api?.concerns.flatMap((concern) => concern.practices).find((candidate) => candidate.id === PRACTICE);
      assert.equal(practice?.status, 'met', JSON.stringify(practice));
      assert.deepEqual(
        practice?.evidence.map((evidence) => `${evidence.file}:${evidence.line}`),
        ['../../ci/test.yml:5'],
      );
    });

    it('an included file that is no GitLab CI map: a located problem in the report, the rest still checked', async () => {
      const root = workspace({
        '.stage.yml': 'stage: production\n',
        '.gitlab-ci.yml': 'include:\n  - local: ci/steps.yml\nunit:\n  image: node\n  script: npm test\n',
        'ci/steps.yml': '- npm ci\n- npm run build\n',
      });
      const run = await check(root, '--root', root, '--format', 'json', '--fail-on', 'none');
      assert.equal(run.code, 0, run.err);
      const report = JSON.parse(run.out) as {
        notifications: Array<{ file: string; line?: number; column?: number; message: string }>;
        services: Array<{ findings: JsonFinding[] }>;
      };
      const problem = report.notifications.find((notice) => notice.file === 'ci/steps.yml');
      assert.ok(problem, JSON.stringify(report.notifications));
      assert.equal(problem.line, 1);
      assert.match(problem.message, /holds a list/);
      assert.deepEqual(report.services[0].findings.filter((finding) => finding.rule.startsWith('gitlab/')).map(short), [
        '.gitlab-ci.yml:3 gitlab/job-interruptible',
        '.gitlab-ci.yml:4 gitlab/image-tag',
      ]);
    });

    it('a job in ci/build.yml builds the Dockerfile the pipeline names from the project folder: its target stage ships', async () => {
      const root = workspace({
        '.stage.yml': 'stage: production\n',
        '.gitlab-ci.yml': 'include:\n  - local: ci/build.yml\n',
        'ci/build.yml':
          'build-image:\n  stage: build\n  image: docker:27.3\n  interruptible: true\n  script:\n    - docker build -f api/Dockerfile --target production -t "$CI_REGISTRY_IMAGE/api:$CI_COMMIT_SHA" api\n',
        'api/Dockerfile':
          'FROM node:22.11-slim AS production\nWORKDIR /app\nCOPY . .\nUSER node\nHEALTHCHECK CMD node healthcheck.js\nCMD ["node", "server.js"]\n\nFROM production AS dev\nUSER root\nCMD ["npm", "run", "dev"]\n',
      });
      const run = await check(root, '--root', root, '--format', 'json', '--fail-on', 'none');
      const report = JSON.parse(run.out) as { services: Array<{ findings: JsonFinding[] }> };
      assert.deepEqual(
        report.services[0].findings.filter((finding) => finding.file === 'api/Dockerfile' && finding.rule === 'docker/non-root-user'),
        [],
      );
    });
  });
});
