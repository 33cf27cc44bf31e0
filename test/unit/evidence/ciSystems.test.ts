import assert from 'node:assert/strict';
import type { SignalResult } from '../../../src/core/evidence/signals/evaluateSignals';
import { evidenceFixture, factsOf, places, placesIn, signal, signalsOf, signalsOfFolder } from './support/scan';

/**
 * Travis CI, CircleCI, Azure Pipelines, Bitbucket Pipelines and Jenkinsfiles
 * feed the same CI facts as GitHub Actions and GitLab CI: each fixture under
 * test/fixtures/evidence/ci-systems is a small service whose pipeline runs
 * the tests, lints, builds, versions and deploys the way that system's users
 * write it, and the negatives below are the shapes that must not count.
 */
const CI_SIGNALS = [
  'ci.runs-tests',
  'ci.lint',
  'ci.builds-artifact',
  'ci.versioned-artifact',
  'ci.deploys',
  'ci.deploys-on-main',
  'tests.integration-with-db',
] as const;

function verdicts(results: Map<string, SignalResult>, root: string): Record<string, string[] | false> {
  return Object.fromEntries(
    CI_SIGNALS.map((id) => {
      const result = signal(results, id);
      return [id, result.observed ? placesIn(root, result.evidence) : false];
    }),
  );
}

describe('evidence: CI systems beyond GitHub and GitLab', () => {
  it('Travis CI: the default npm test, before_script lint, an `if:`-gated image job, a Heroku deploy from main', async () => {
    const root = evidenceFixture('ci-systems', 'travis');
    assert.deepEqual(verdicts(await signalsOfFolder(root), root), {
      'ci.runs-tests': ['.travis.yml:2 CI job travis runs the tests on push and pull request'],
      'ci.lint': ['.travis.yml:9 CI job travis runs `npm run lint`'],
      'ci.builds-artifact': ['.travis.yml:17 CI job Docker image builds on pushes to main'],
      'ci.versioned-artifact': ['.travis.yml:17 CI job Docker image tags its artifact with the commit or version'],
      'ci.deploys': ['.travis.yml:19 CI job deploy (heroku) deploys'],
      'ci.deploys-on-main': ['.travis.yml:19 CI job deploy (heroku) deploys on pushes to main'],
      'tests.integration-with-db': ['.travis.yml:6 CI job travis tests against postgres'],
    });
  });

  it('CircleCI: custom commands expanded, a database image beside the job, branch filters, a deploy behind an approval', async () => {
    const root = evidenceFixture('ci-systems', 'circleci');
    assert.deepEqual(verdicts(await signalsOfFolder(root), root), {
      'ci.runs-tests': ['.circleci/config.yml:27 CI job test runs the tests on push and pull request'],
      'ci.lint': ['.circleci/config.yml:34 CI job lint runs `ruff check .`', '.circleci/config.yml:35 CI job lint runs `mypy app`'],
      'ci.builds-artifact': ['.circleci/config.yml:44 CI job build builds on pushes to main'],
      'ci.versioned-artifact': [
        '.circleci/config.yml:44 CI job build tags its artifact with the commit or version',
        '.circleci/config.yml:50 CI job deploy tags its artifact with the commit or version',
      ],
      'ci.deploys': ['.circleci/config.yml:50 CI job deploy deploys'],
      // The deploy waits for the `hold` approval: it deploys, but not automatically on pushes to main.
      'ci.deploys-on-main': false,
      'tests.integration-with-db': ['.circleci/config.yml:17 CI job test tests against postgres:16'],
    });
  });

  it('Azure Pipelines: tasks read as the commands they run, a deployment job gated on main, its environment', async () => {
    const root = evidenceFixture('ci-systems', 'azure');
    assert.deepEqual(verdicts(await signalsOfFolder(root), root), {
      'ci.runs-tests': ['azure-pipelines.yml:25 CI job Test runs the tests on push and pull request'],
      'ci.lint': false,
      'ci.builds-artifact': ['azure-pipelines.yml:35 CI job Image builds on pushes to main'],
      'ci.versioned-artifact': ['azure-pipelines.yml:35 CI job Image tags its artifact with the commit or version'],
      'ci.deploys': ['azure-pipelines.yml:51 CI job DeployApi deploys to production'],
      'ci.deploys-on-main': ['azure-pipelines.yml:51 CI job DeployApi deploys to production on pushes to main'],
      'tests.integration-with-db': false,
    });
  });

  it('Bitbucket Pipelines: a step shared by anchor is one job, a lint step in a parallel group, a manual deploy pipe', async () => {
    const root = evidenceFixture('ci-systems', 'bitbucket');
    assert.deepEqual(verdicts(await signalsOfFolder(root), root), {
      'ci.runs-tests': ['bitbucket-pipelines.yml:18 CI job Tests runs the tests on push and pull request'],
      // `pip install ruff` installs the linter; `ruff check .` runs it.
      'ci.lint': ['bitbucket-pipelines.yml:32 CI job Lint runs `ruff check .`'],
      'ci.builds-artifact': ['bitbucket-pipelines.yml:38 CI job Build image builds on pushes to main'],
      'ci.versioned-artifact': ['bitbucket-pipelines.yml:38 CI job Build image tags its artifact with the commit or version'],
      'ci.deploys': ['bitbucket-pipelines.yml:44 CI job Deploy to production deploys to production'],
      'ci.deploys-on-main': false,
      'tests.integration-with-db': ['bitbucket-pipelines.yml:15 CI job Tests tests against postgres:16'],
    });
  });

  it("Jenkinsfile: `sh` steps of each stage, a triple-quoted script, `when { branch 'main' }`; quoted and commented text runs nothing", async () => {
    const root = evidenceFixture('ci-systems', 'jenkins');
    assert.deepEqual(verdicts(await signalsOfFolder(root), root), {
      'ci.runs-tests': ['Jenkinsfile:19 CI job Lint and test runs the tests on push and pull request'],
      'ci.lint': ['Jenkinsfile:18 CI job Lint and test runs `npm run lint`'],
      'ci.builds-artifact': ['Jenkinsfile:25 CI job Image builds on pushes to main'],
      'ci.versioned-artifact': ['Jenkinsfile:25 CI job Image tags its artifact with the commit or version'],
      'ci.deploys': ['Jenkinsfile:31 CI job Deploy deploys'],
      'ci.deploys-on-main': ['Jenkinsfile:31 CI job Deploy deploys on pushes to main'],
      'tests.integration-with-db': false,
    });
  });

  describe('silences', () => {
    it('text a script only prints or comments out never counts (Travis, Jenkins)', async () => {
      const travis = await signalsOf({
        '.travis.yml': 'language: python\nscript:\n  - echo "run npm test and eslint"\n  - printf "kubectl apply -f k8s/"\n',
      });
      for (const id of ['ci.runs-tests', 'ci.lint', 'ci.deploys']) assert.equal(signal(travis, id).observed, false, id);
      const jenkins = await signalsOf({
        Jenkinsfile: [
          'pipeline {',
          '  agent any',
          '  stages {',
          "    stage('Test') {",
          '      steps {',
          "        // sh 'npm test'",
          "        /* sh 'npm run lint' */",
          '        echo "sh \'go test ./...\'"',
          "        sh 'make ' + target",
          '        sh script: command',
          '      }',
          '    }',
          '  }',
          '}',
        ].join('\n'),
      });
      for (const id of ['ci.runs-tests', 'ci.lint']) assert.equal(signal(jenkins, id).observed, false, id);
    });

    it('a CircleCI job no workflow runs, and an Azure pipeline with `trigger: none` and `pr: none`, run no tests on push', async () => {
      const circle = await signalsOf({
        '.circleci/config.yml':
          'version: 2.1\njobs:\n  test:\n    docker: [{ image: cimg/node:20.12 }]\n    steps: [checkout, { run: npm test }]\n  build:\n    docker: [{ image: cimg/node:20.12 }]\n    steps: [checkout, { run: npm run build }]\nworkflows:\n  main:\n    jobs: [build]\n',
      });
      assert.equal(signal(circle, 'ci.runs-tests').observed, false);
      assert.ok(signal(circle, 'ci.builds-artifact').observed, 'the job the workflow runs is read');
      const azure = await signalsOf({ 'azure-pipelines.yml': 'trigger: none\npr: none\nsteps:\n  - script: dotnet test\n' });
      assert.equal(signal(azure, 'ci.runs-tests').observed, false);
    });

    it('a Bitbucket custom pipeline runs when a person starts it; Jenkins `when { expression {…} }` is not claimed to run on main', async () => {
      const bitbucket = await signalsOf({
        'bitbucket-pipelines.yml':
          'pipelines:\n  custom:\n    release:\n      - step:\n          script:\n            - npm test\n            - kubectl apply -f k8s/\n',
      });
      assert.equal(signal(bitbucket, 'ci.runs-tests').observed, false);
      assert.ok(signal(bitbucket, 'ci.deploys').observed, 'it still deploys');
      assert.equal(signal(bitbucket, 'ci.deploys-on-main').observed, false);
      const jenkins = await signalsOf({
        Jenkinsfile:
          "pipeline {\n  stages {\n    stage('Deploy') {\n      when { expression { params.DEPLOY } }\n      steps { sh 'helm upgrade --install api ./chart' }\n    }\n  }\n}\n",
      });
      assert.deepEqual(places(signal(jenkins, 'ci.deploys').evidence), ['Jenkinsfile:5 CI job Deploy deploys']);
      assert.equal(signal(jenkins, 'ci.deploys-on-main').observed, false);
    });

    it('a Travis deploy on tags only, and Azure steps under a condition on a variable, do not deploy on pushes to main', async () => {
      const travis = await signalsOf({
        '.travis.yml': 'language: go\nscript: go test ./...\ndeploy:\n  provider: heroku\n  on:\n    tags: true\n',
      });
      assert.ok(signal(travis, 'ci.deploys').observed);
      assert.equal(signal(travis, 'ci.deploys-on-main').observed, false);
      const azure = await signalsOf({
        'azure-pipelines.yml':
          "jobs:\n  - job: Deploy\n    condition: eq(variables['deployNow'], 'true')\n    steps:\n      - script: kubectl apply -f k8s/\n",
      });
      assert.ok(signal(azure, 'ci.deploys').observed);
      assert.equal(signal(azure, 'ci.deploys-on-main').observed, false);
    });
  });

  it('a repository-level Jenkinsfile counts for a nested service only where a stage names its folder', async () => {
    const files = {
      Jenkinsfile:
        "pipeline {\n  stages {\n    stage('API') { steps { dir('services/api') { sh 'go test ./...' } } }\n    stage('Web') { steps { dir('services/web') { sh 'npm test' } } }\n  }\n}\n",
      'services/api/go.mod': 'module example.com/api\n\ngo 1.22\n',
      'services/api/.stage.yml': 'stage: production\n',
    };
    const facts = await factsOf(files, '/ws/services/api', '/ws');
    assert.deepEqual(
      facts.ci.map((ci) => [ci.system, ci.inherited, ci.jobs.map((job) => job.name)]),
      [['jenkins', true, ['API', 'Web']]],
    );
    const results = await signalsOf(files, '/ws/services/api', '/ws');
    assert.deepEqual(places(signal(results, 'ci.runs-tests').evidence), [
      'Jenkinsfile:3 CI job API runs the tests on push and pull request',
    ]);
  });
});
