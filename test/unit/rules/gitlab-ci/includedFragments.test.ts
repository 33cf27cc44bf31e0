import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { toCorePath } from '../../../../src/cli/nodeFileSystem';
import { analyzeFile } from '../../../../src/core/rules/engine/analyzeFile';
import { NO_WORKSPACE_FACTS } from '../../../../src/core/rules/types';
import type { WorkspaceFacts } from '../../../../src/core/rules/types';
import { fileDigests } from '../../../../src/core/deployment/digest/fileDigests';
import { editorScanAt, editorScanOf } from '../../evidence/support/editorScan';

/**
 * GitLab CI files judged as part of the pipeline that includes them, through the workspace facts of the scan the
 * editor runs (workspaceModelScan, the scan of `check`: test/unit/cli-check/gitlabIncludes.test.ts runs `check` on
 * the same fixtures). Fixtures: test/fixtures/workspaces/gitlab-includes/README.md.
 */
const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'workspaces', 'gitlab-includes');

function yamlFiles(dir: string): Array<{ path: string; text: string }> {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) && name !== '.stage.yml' ? [{ path, text: readFileSync(path, 'utf8') }] : [];
  });
}

/** Every GitLab finding of a fixture workspace, as "relative/path:line rule", analysed as the editor does. */
async function findings(name: string): Promise<string[]> {
  const root = join(FIXTURES, name);
  const scan = await editorScanAt(toCorePath(root));
  return yamlFiles(root).flatMap((file) =>
    (scan.analyze(file.path, file.text)?.findings ?? [])
      .filter((finding) => finding.ruleId.startsWith('gitlab/'))
      .map((finding) => `${file.path.slice(root.length + 1)}:${finding.range.start.line + 1} ${finding.ruleId}`),
  );
}

/** The facts the editor's scan of these files (a workspace folder at /repo) gives the file at `path`. */
async function factsOf(files: Array<{ path: string; text: string }>, path = files[0].path): Promise<WorkspaceFacts> {
  return (await editorScanOf(files, '/repo')).factsFor(path);
}

function analyzed(path: string, text: string, facts: WorkspaceFacts = NO_WORKSPACE_FACTS): string[] {
  return (analyzeFile(path, text, facts)?.findings ?? []).map((finding) => `${finding.range.start.line + 1} ${finding.ruleId}`);
}

describe('gitlab-ci: files a pipeline includes are judged as part of it', () => {
  it("a monorepo's root pipeline that includes each service's .gitlab-ci.yml and runs no tests: one finding, on the root file", async () => {
    assert.deepEqual(await findings('monorepo-service-pipelines-no-tests'), ['.gitlab-ci.yml:1 gitlab/ci-runs-tests']);
  });

  it("a monorepo's root pipeline whose included service file runs the tests: no finding", async () => {
    assert.deepEqual(await findings('monorepo-service-pipelines'), []);
  });

  it('a pipeline split across .gitlab/ci/ with templates, default: and !reference in other files: no finding', async () => {
    assert.deepEqual(await findings('split-pipeline'), []);
  });

  it('a split pipeline that runs no tests: one finding, on the .gitlab-ci.yml; a deploy job whose template has no environment', async () => {
    assert.deepEqual((await findings('split-no-tests')).sort(), [
      '.gitlab-ci.yml:1 gitlab/ci-runs-tests',
      '.gitlab/ci/build.yml:1 gitlab/job-interruptible',
      '.gitlab/ci/deploy.yml:1 gitlab/deploy-environment',
      '.gitlab/ci/lint.yml:1 gitlab/job-interruptible',
    ]);
    const root = join(FIXTURES, 'split-no-tests');
    const rootFile = yamlFiles(root).find((file) => file.path.endsWith('.gitlab-ci.yml'))!;
    const [finding] = ((await editorScanAt(toCorePath(root))).analyze(rootFile.path, rootFile.text)?.findings ?? []).filter(
      (candidate) => candidate.ruleId === 'gitlab/ci-runs-tests',
    );
    assert.equal(
      finding.message,
      "None of this pipeline's jobs runs tests, in any of the 5 files it reads (.gitlab-ci.yml, templates.yml, lint.yml, build.yml, …).",
    );
  });

  it('a pipeline that also includes a template and another project: quiet where the unread part may decide', async () => {
    assert.deepEqual(await findings('outside-includes'), ['.gitlab/ci/build.yml:1 gitlab/job-interruptible']);
  });

  it('a .gitlab-ci.yml that only includes files is no longer "a pipeline without jobs": its included jobs are judged', async () => {
    const facts = await factsOf([
      { path: '/repo/.gitlab-ci.yml', text: "include: '.gitlab/ci/*.yml'\n" },
      { path: '/repo/.gitlab/ci/build.yml', text: 'build:\n  script: make\n' },
    ]);
    assert.deepEqual(analyzed('/repo/.gitlab-ci.yml', "include: '.gitlab/ci/*.yml'\n", facts), ['1 gitlab/ci-runs-tests']);
    const withTests = await factsOf([
      { path: '/repo/.gitlab-ci.yml', text: "include: '.gitlab/ci/*.yml'\n" },
      { path: '/repo/.gitlab/ci/build.yml', text: 'build:\n  script: make\n' },
      { path: '/repo/.gitlab/ci/test.yml', text: 'unit:\n  script: make test\n' },
    ]);
    assert.deepEqual(analyzed('/repo/.gitlab-ci.yml', "include: '.gitlab/ci/*.yml'\n", withTests), []);
  });

  it('judged alone (no workspace facts), a file keeps to what it shows', () => {
    const jobs = 'build:\n  image: node:20\n  script:\n    - npm ci\n    - echo "npm test runs in test.yml"\n';
    assert.deepEqual(analyzed('/repo/.gitlab-ci.yml', jobs), ['1 gitlab/ci-runs-tests', '1 gitlab/job-interruptible']);
    // An included file's pipeline is unknown: its default: may set interruptible, and "runs tests" is the pipeline's question.
    assert.deepEqual(analyzed('/repo/.gitlab/ci/build.yml', jobs), []);
    // A .gitlab-ci.yml whose includes were not read may run its tests there.
    assert.deepEqual(analyzed('/repo/.gitlab-ci.yml', 'include: .gitlab/ci/test.yml\n' + jobs), ['2 gitlab/job-interruptible']);
  });

  describe('files a pipeline includes under names of their own (classified by reference)', () => {
    const ROOT = '/repo/.gitlab-ci.yml';
    const INCLUDES = 'include:\n  - local: ci/build.yml\n  - local: templates/jobs.yml\n';
    const BUILD = 'build:\n  extends: .node\n  image: node:latest\n  script:\n    - npm ci\n';
    const TEMPLATES = '.node:\n  before_script:\n    - npm ci\n';

    it('are GitLab CI in the editor: analysed with the pipeline as context, digested for the deployment model', async () => {
      const files = [
        { path: ROOT, text: INCLUDES },
        { path: '/repo/ci/build.yml', text: BUILD },
        { path: '/repo/templates/jobs.yml', text: TEMPLATES },
      ];
      const facts = await factsOf(files);
      assert.deepEqual(facts.gitlabCi?.pipelines[0].files.sort(), [ROOT, '/repo/ci/build.yml', '/repo/templates/jobs.yml']);
      assert.deepEqual(facts.gitlabCi?.referenced, ['/repo/ci/build.yml', '/repo/templates/jobs.yml']);
      // The template is found in another file named freely, and the pipeline's defaults are known (none): judged in full.
      assert.deepEqual(analyzed('/repo/ci/build.yml', BUILD, facts), ['1 gitlab/job-interruptible', '3 gitlab/image-tag']);
      assert.equal(analyzeFile('/repo/templates/jobs.yml', TEMPLATES, facts)?.kind, 'gitlab-ci');
      assert.deepEqual(analyzed('/repo/templates/jobs.yml', TEMPLATES, facts), [], 'a file of templates draws no job finding');
      // The root that only includes: its jobs are the included files', none runs tests.
      assert.deepEqual(analyzed(ROOT, INCLUDES, facts), ['1 gitlab/ci-runs-tests']);
      // Its scripts run in the project folder (GitLab's CI_PROJECT_DIR), not beside the file: `-f api/Dockerfile` is /repo/api/Dockerfile.
      const docker = 'build-image:\n  stage: build\n  script:\n    - docker build -f api/Dockerfile --target production .\n';
      const withDocker = await factsOf([
        { path: ROOT, text: INCLUDES },
        { path: '/repo/ci/build.yml', text: docker },
      ]);
      const [digest] = fileDigests('/repo/ci/build.yml', docker, {}, withDocker);
      assert.ok(digest.type === 'commands');
      assert.equal(digest.runsIn, '/repo');
      assert.deepEqual(
        digest.imageBuilds.map((build) => [build.dockerfile, build.target]),
        [['api/Dockerfile', 'production']],
      );
      assert.deepEqual(fileDigests('/repo/ci/build.yml', docker), [], 'without the facts, nothing says it is GitLab CI');
    });

    it('a YAML file no pipeline includes stays unread, however CI-like its content', async () => {
      const facts = await factsOf([
        { path: ROOT, text: 'include:\n  - local: ci/build.yml\n' },
        { path: '/repo/ci/build.yml', text: BUILD },
        { path: '/repo/ci/old-build.yml', text: BUILD },
      ]);
      assert.equal(analyzeFile('/repo/ci/old-build.yml', BUILD, facts), undefined);
      assert.equal(analyzeFile('/repo/ci/build.yml', BUILD, NO_WORKSPACE_FACTS), undefined, 'without the pipeline, nothing names it');
      assert.equal((await factsOf([{ path: '/repo/ci/build.yml', text: BUILD }])).gitlabCi?.referenced, undefined);
    });

    it('follows includes through files named freely (nested includes), and a wildcard', async () => {
      const facts = await factsOf([
        { path: ROOT, text: 'include: ci/main.yml\n' },
        { path: '/repo/ci/main.yml', text: "include:\n  - local: 'ci/jobs/*.yml'\n" },
        { path: '/repo/ci/jobs/lint.yml', text: 'lint:\n  script: npm run lint\n' },
        { path: '/repo/ci/jobs/test.yml', text: 'unit:\n  script: npm test\n' },
      ]);
      assert.deepEqual(facts.gitlabCi?.referenced, ['/repo/ci/jobs/lint.yml', '/repo/ci/jobs/test.yml', '/repo/ci/main.yml']);
      assert.equal(facts.gitlabCi?.pipelines[0].tests, 'runs');
    });

    it("a child pipeline (trigger: include: local:) is a pipeline of its own: its default: counts, not its parent's", async () => {
      const parent =
        'deploy-review:\n  stage: deploy\n  trigger:\n    include: ci/review.yml\nchild-b:\n  trigger:\n    include:\n      - local: ci/docs.yml\n';
      const review = 'default:\n  interruptible: true\nprepare:\n  image: alpine\n  script: ./prepare.sh\n';
      const docs = 'pages:\n  image: alpine:3.20\n  script: ./build-docs.sh\n';
      const facts = await factsOf([
        { path: ROOT, text: parent },
        { path: '/repo/ci/review.yml', text: review },
        { path: '/repo/ci/docs.yml', text: docs },
      ]);
      assert.deepEqual(
        facts.gitlabCi?.pipelines.map((pipeline) => pipeline.path),
        [ROOT, '/repo/ci/docs.yml', '/repo/ci/review.yml'],
      );
      assert.deepEqual(
        analyzed('/repo/ci/review.yml', review, facts),
        ['4 gitlab/image-tag'],
        'its own default: makes prepare interruptible',
      );
      assert.deepEqual(analyzed('/repo/ci/docs.yml', docs, facts), ['1 gitlab/job-interruptible']);
      // The parent starts pipelines whose tests are theirs: it is not "a pipeline without tests", nor is a child.
      assert.deepEqual(analyzed(ROOT, parent, facts), []);
    });

    it("a service's .gitlab-ci.yml that the repository pipeline starts as a child runs in the repository: its paths are the project's", async () => {
      const parent = 'api:\n  trigger:\n    include: services/api/.gitlab-ci.yml\n    strategy: depend\n';
      const child =
        'include:\n  - local: services/api/ci/test.yml\nimage:build:\n  script:\n    - docker build -f services/api/Dockerfile services/api\n';
      const tests = 'api-tests:\n  script:\n    - cd services/api && npm test\n';
      const facts = await factsOf([
        { path: ROOT, text: parent },
        { path: '/repo/services/api/.gitlab-ci.yml', text: child },
        { path: '/repo/services/api/ci/test.yml', text: tests },
      ]);
      const pipelines = facts.gitlabCi?.pipelines ?? [];
      const api = pipelines.find((pipeline) => pipeline.path === '/repo/services/api/.gitlab-ci.yml');
      assert.equal(api?.project, '/repo');
      assert.deepEqual(api?.unread, []);
      assert.deepEqual(api?.files, ['/repo/services/api/.gitlab-ci.yml', '/repo/services/api/ci/test.yml']);
      assert.equal(api?.tests, 'runs');
      assert.deepEqual(facts.gitlabCi?.referenced, ['/repo/services/api/ci/test.yml']);
      const [digest] = fileDigests('/repo/services/api/.gitlab-ci.yml', child, {}, facts);
      assert.ok(digest.type === 'commands');
      assert.equal(digest.runsIn, '/repo');
      // Alone, a .gitlab-ci.yml below the repository is a project of its own (a vendored project, a separate repository).
      const alone = await factsOf([{ path: '/repo/services/api/.gitlab-ci.yml', text: child }]);
      assert.equal(alone.gitlabCi?.pipelines[0].project, '/repo/services/api');
    });

    it('an included file that is no GitLab CI map gets a located problem, and nothing breaks', async () => {
      const list = '# build steps\n- npm ci\n- npm run build\n';
      const facts = await factsOf([
        { path: ROOT, text: 'include:\n  - local: ci/steps.yml\nunit:\n  script: npm test\n' },
        { path: '/repo/ci/steps.yml', text: list },
      ]);
      assert.deepEqual(facts.gitlabCi?.referenced, ['/repo/ci/steps.yml']);
      const analysis = analyzeFile('/repo/ci/steps.yml', list, facts);
      assert.equal(analysis?.kind, 'gitlab-ci');
      assert.deepEqual(analysis?.findings, []);
      assert.equal(analysis?.parseProblems.length, 1);
      const [problem] = analysis!.parseProblems;
      assert.deepEqual(problem.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 8 } });
      assert.match(problem.message, /map of jobs and keywords, but it holds a list/);
      // Its pipeline cannot read it: what it would add is unknown, so "no tests" is never concluded from it.
      assert.deepEqual(facts.gitlabCi?.pipelines[0].unread, ['local ci/steps.yml, which was not read']);
    });
  });
});
