import * as assert from 'node:assert/strict';
import { jobTestRun, localTarget, repositoryCiTests, workflowRepository, workflowTestRun } from '../../../src/core/ci/ciTestRuns';
import { readCompositeAction, readWorkflowModel } from '../../../src/core/format/ci/githubWorkflowModel';
import type { WorkflowModel } from '../../../src/core/format/ci/githubWorkflowModel';
import { parseYamlFile } from '../../../src/core/rules/yaml/yamlSupport';

const ROOT = '/repo/.github/workflows';

function workflow(name: string, text: string): WorkflowModel {
  const model = readWorkflowModel(parseYamlFile(text), `${ROOT}/${name}`);
  assert.ok(model, name);
  return model;
}

const CI = workflow(
  'ci.yml',
  'on:\n  push:\n    branches: [main]\n  pull_request:\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm run lint\n  tests:\n    uses: ./.github/workflows/tests.yml\n',
);
const TESTS = workflow(
  'tests.yml',
  'on:\n  workflow_call:\njobs:\n  unit:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: |\n          npm ci\n          npm test\n',
);
const RELEASE = workflow(
  'release.yml',
  "on:\n  push:\n    tags: ['v*']\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm publish\n",
);

describe('ci: does CI run the tests (GitHub Actions)', () => {
  it('reads triggers: branch pushes and pull requests are CI, a tags-only push and workflow_call are not', () => {
    assert.equal(CI.ci, true);
    assert.equal(TESTS.ci, false);
    assert.equal(TESTS.callable, true);
    assert.equal(RELEASE.ci, false, 'push: {tags: …} alone runs on tags only');
    assert.equal(workflow('x.yml', 'on: [merge_group]\njobs: {}\n').ci, true);
  });

  it('follows a reusable workflow of the repository and points at the command, in the called file', () => {
    const repository = workflowRepository([CI, TESTS, RELEASE]);
    const verdict = workflowTestRun(CI, repository);
    assert.deepEqual(verdict, { kind: 'runs', run: { path: `${ROOT}/tests.yml`, line: 9, detail: 'runs `npm test`' } });
    assert.deepEqual(repositoryCiTests(repository), { verdict: 'runs', ciWorkflows: [`${ROOT}/ci.yml`] });
  });

  it('is unknown, not "none", when a called workflow cannot be seen (another repository, or not read)', () => {
    const remote = workflow('remote.yml', 'on: [push]\njobs:\n  t:\n    uses: org/shared/.github/workflows/test.yml@v1\n');
    assert.equal(workflowTestRun(remote, workflowRepository([remote])).kind, 'unknown');
    assert.equal(workflowTestRun(CI, workflowRepository([CI])).kind, 'unknown');
    assert.equal(repositoryCiTests(workflowRepository([CI])).verdict, 'unknown');
  });

  it('lint, release and deploy workflows are judged together with the test workflow, not one by one', () => {
    const lint = workflow(
      'lint.yml',
      'on: [pull_request]\njobs:\n  ruff:\n    runs-on: ubuntu-latest\n    steps:\n      - run: uv run ruff check .\n',
    );
    const test = workflow(
      'test.yml',
      'on: [push, pull_request]\njobs:\n  pytest:\n    runs-on: ubuntu-latest\n    steps:\n      - run: uv run pytest\n',
    );
    assert.equal(workflowTestRun(lint, workflowRepository([lint])).kind, 'none');
    assert.deepEqual(repositoryCiTests(workflowRepository([lint, test, RELEASE])), {
      verdict: 'runs',
      ciWorkflows: [`${ROOT}/lint.yml`, `${ROOT}/test.yml`],
    });
    assert.deepEqual(repositoryCiTests(workflowRepository([lint, RELEASE])), { verdict: 'none', ciWorkflows: [`${ROOT}/lint.yml`] });
  });

  it('a printed "npm test" runs nothing', () => {
    const echo = workflow(
      'ci.yml',
      'on: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "run npm test before you push"\n      - run: npm run build\n',
    );
    assert.deepEqual(repositoryCiTests(workflowRepository([echo])), { verdict: 'none', ciWorkflows: [`${ROOT}/ci.yml`] });
  });

  it('follows a composite action of the repository, and reads actions that take a script as input', () => {
    const ci = workflow(
      'ci.yml',
      'on: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./.github/actions/suite\n',
    );
    const action = readCompositeAction(
      parseYamlFile('runs:\n  using: composite\n  steps:\n    - run: make test\n      shell: bash\n'),
      '/repo/.github/actions/suite/action.yml',
    );
    assert.ok(action);
    assert.deepEqual(jobTestRun(ci, ci.jobs[0], workflowRepository([ci], [action])), {
      kind: 'runs',
      run: { path: '/repo/.github/actions/suite/action.yml', line: 3, detail: 'runs `make test`' },
    });
    assert.equal(jobTestRun(ci, ci.jobs[0], workflowRepository([ci])).kind, 'unknown', 'an action that was not read may run them');
    const retry = workflow(
      'retry.yml',
      'on: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: nick-fields/retry@v3\n        with:\n          command: go test ./...\n',
    );
    assert.equal(workflowTestRun(retry, workflowRepository([retry])).kind, 'runs');
    const cypress = workflow(
      'e2e.yml',
      'on: [push]\njobs:\n  e2e:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: cypress-io/github-action@v6\n',
    );
    assert.equal(workflowTestRun(cypress, workflowRepository([cypress])).kind, 'runs');
    const reporter = workflow(
      'report.yml',
      'on: [push]\njobs:\n  r:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: dorny/test-reporter@v1\n',
    );
    assert.equal(workflowTestRun(reporter, workflowRepository([reporter])).kind, 'none', 'publishing a report is not running tests');
  });

  it('resolves local uses from the repository root, whatever the caller', () => {
    assert.equal(localTarget('/repo/.github/workflows/ci.yml', './.github/workflows/tests.yml'), '/repo/.github/workflows/tests.yml');
    assert.equal(localTarget('/repo/.github/workflows/ci.yml', './.github/actions/setup/'), '/repo/.github/actions/setup');
    assert.equal(localTarget('.github/workflows/ci.yml', './.github/workflows/tests.yml'), '.github/workflows/tests.yml');
    assert.equal(localTarget('/repo/.github/workflows/ci.yml', 'actions/checkout@v4'), undefined);
  });

  it('never loops on workflows that call each other', () => {
    const a = workflow('a.yml', 'on: [push]\njobs:\n  b:\n    uses: ./.github/workflows/b.yml\n');
    const b = workflow('b.yml', 'on: [workflow_call]\njobs:\n  a:\n    uses: ./.github/workflows/a.yml\n');
    assert.equal(workflowTestRun(a, workflowRepository([a, b])).kind, 'unknown');
  });
});
