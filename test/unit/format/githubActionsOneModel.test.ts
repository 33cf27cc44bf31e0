import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { assessWorkspace } from '../../../src/core/evidence/index';
import { builtinSignalCatalog } from '../../../src/core/evidence/catalog/signalCatalog';
import { collectFacts } from '../../../src/core/evidence/scan/collectFacts';
import { githubActionsModelOf, githubActionsModelsRead } from '../../../src/core/format/ci/githubActionsModel';
import { readCompositeAction, readWorkflowModel, workflowStepsView } from '../../../src/core/format/ci/githubWorkflowModel';
import { githubActionsAnalyzer } from '../../../src/core/rules/github-actions';
import { readWorkflow } from '../../../src/core/rules/github-actions/workflow';
import { parseYamlFile } from '../../../src/core/rules/yaml/yamlSupport';
import type { YamlFile } from '../../../src/core/rules/yaml/yamlSupport';
import { TreeFileSystem, tree } from '../evidence/support/treeFileSystem';

const ROOT = '/ws';
const FIXTURES = join(__dirname, '../../fixtures/rules/github-actions');

function fixtureFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return fixtureFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

function lineOf(file: YamlFile, node: { range?: [number, number, number] | null } | null | undefined): number | undefined {
  return node?.range ? file.mapper.range(node.range[0], node.range[0]).start.line : undefined;
}

/** The jobs and steps a view shows: job id and line, then each step's line, `uses:` and whether it runs a script. */
function rulesOutline(file: YamlFile): string[] {
  const workflow = readWorkflow(file);
  if (!workflow) return [];
  return workflow.jobs.flatMap((job) => [
    `job ${job.id} @${workflow.composite ? 'runs' : lineOf(file, job.pair.key)}`,
    ...job.steps.map((step) => `step @${lineOf(file, step.map)} uses=${step.uses?.value ?? ''} run=${step.run !== undefined}`),
  ]);
}

function evidenceOutline(file: YamlFile): string[] {
  const action = readCompositeAction(file, `${ROOT}/action.yml`);
  const jobs = action
    ? [{ id: 'composite', line: 'runs' as number | string, steps: action.steps }]
    : (readWorkflowModel(file, `${ROOT}/.github/workflows/ci.yml`)?.jobs ?? []).map((job) => ({
        ...job,
        line: job.line as number | string,
      }));
  return jobs.flatMap((job) => [
    `job ${job.id} @${job.line}`,
    ...job.steps.map((step) => `step @${step.line} uses=${step.uses ?? ''} run=${step.run !== undefined}`),
  ]);
}

describe('format: one GitHub Actions model for the rules and the evidence', () => {
  it('reads the model once per parse: the rules, the evidence, the workspace facts and the digests share its jobs and steps', () => {
    const file = parseYamlFile(
      'on: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm test\n',
    );
    const before = githubActionsModelsRead();
    const model = githubActionsModelOf(file)!;
    const workflow = readWorkflow(file, { path: `${ROOT}/.github/workflows/ci.yml` })!;
    readWorkflowModel(file, `${ROOT}/.github/workflows/ci.yml`);
    readCompositeAction(file, `${ROOT}/.github/workflows/ci.yml`);
    workflowStepsView(file);
    assert.equal(githubActionsModelsRead() - before, 1);
    // The rules' view is the model's own objects (with the path and facts of this analysis beside them), not a copy.
    assert.equal(workflow.jobs, model.jobs);
    assert.equal(workflow.jobs[0].steps[1], model.jobs[0].steps[1]);
    assert.equal(workflow.triggers, model.triggers);
    // Another parse (another document version in the editor) gets its own model.
    assert.notEqual(githubActionsModelOf(parseYamlFile(file.text)), model);
  });

  it('shows the rules and the evidence the same jobs and steps in every GitHub Actions rule fixture', () => {
    const files = fixtureFiles(FIXTURES);
    assert.ok(files.length > 50, `${files.length} fixtures`);
    const disagreements: string[] = [];
    for (const path of files) {
      const file = parseYamlFile(readFileSync(path, 'utf8'));
      const byRules = rulesOutline(file);
      const byEvidence = evidenceOutline(file);
      if (JSON.stringify(byRules) !== JSON.stringify(byEvidence))
        disagreements.push(`${path.slice(FIXTURES.length + 1)}:\n  rules ${byRules.join(' | ')}\n  evidence ${byEvidence.join(' | ')}`);
    }
    assert.deepEqual(disagreements, []);
  });

  it("gives the evidence's CI jobs (triggers aside) the model's jobs, scripts and actions in every workflow fixture", async () => {
    // The evidence's CiJob facts are a view over the model (evidence/readers/githubActions.ts): this keeps the two in step on
    // every workflow the rules are proved on, the anchored ones included.
    const files: Record<string, string> = {};
    for (const path of fixtureFiles(FIXTURES)) {
      const name = path.slice(FIXTURES.length + 1).replace(/\//g, '--');
      if (!/^action\.ya?ml$/.test(name.split('--').pop()!)) files[`.github/workflows/${name}`] = readFileSync(path, 'utf8');
    }
    const { facts } = await collectFacts({
      fs: new TreeFileSystem(tree(ROOT, files)),
      root: ROOT,
      workspaceRoot: ROOT,
      catalog: builtinSignalCatalog(),
    });
    const disagreements: string[] = [];
    for (const [relative, text] of Object.entries(files)) {
      const path = `${ROOT}/${relative}`;
      const model = readWorkflowModel(parseYamlFile(text), path);
      const byModel = (model?.jobs ?? []).map((job) => ({
        job: job.id,
        runs: job.steps.flatMap((step) => (step.run ? [step.run.text] : [])),
        uses: [...(job.uses ? [job.uses] : []), ...job.steps.flatMap((step) => (step.uses ? [step.uses] : []))],
      }));
      const byEvidence = (facts.ci.find((ci) => ci.path === path)?.jobs ?? []).map((job) => ({
        job: job.name,
        runs: job.commands.map((command) => command.text),
        uses: job.actions.map((action) => action.uses.trim()),
      }));
      if (JSON.stringify(byModel) !== JSON.stringify(byEvidence))
        disagreements.push(`${relative}:\n  model ${JSON.stringify(byModel)}\n  evidence ${JSON.stringify(byEvidence)}`);
    }
    assert.ok(Object.keys(files).length > 50);
    assert.deepEqual(disagreements, []);
  });

  it('reads each workflow and action of a scanned repository once, for the rules and the evidence alike, in each scan', async () => {
    // Texts of this test alone (the scan's shared parses outlive it): a unique comment in each.
    const mark = `# ${process.pid}-${Date.now()}`;
    const files: Record<string, string> = {
      '.stage.yml': 'stage: production\n',
      // CI calls a reusable workflow that runs the tests through a composite action of the repository.
      '.github/workflows/ci.yml': `${mark}\non: [push, pull_request]\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm run lint\n  test:\n    uses: ./.github/workflows/test.yml\n`,
      '.github/workflows/test.yml': `${mark}\non:\n  workflow_call: {}\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: ./.github/actions/unit-tests\n`,
      '.github/actions/unit-tests/action.yml': `${mark}\nname: Unit tests\nruns:\n  using: composite\n  steps:\n    - run: npm ci && npm test\n      shell: bash\n`,
      // A JavaScript action: read, and nothing for the rules to judge.
      '.github/actions/notify/action.yml': `${mark}\nname: Notify\nruns:\n  using: node20\n  main: index.js\n`,
    };
    const fs = new TreeFileSystem(tree(ROOT, files));
    const before = githubActionsModelsRead();
    const assessed = await assessWorkspace(ROOT, { fs, workspaceRoot: ROOT, today: '2025-01-01' });
    assert.equal(githubActionsModelsRead() - before, 4, 'one model per workflow or action file');
    const findings = assessed.services.flatMap((service) => service.findings);
    // The rules judged the files: the unpinned actions of the workflows and the composite action are reported…
    assert.ok(findings.some((finding) => finding.path.endsWith('ci.yml') && finding.ruleId.startsWith('gha/')));
    // …and they followed the reusable workflow into the composite action: the tests run, as the evidence says.
    assert.deepEqual(
      findings.filter((finding) => finding.ruleId === 'gha/ci-runs-tests'),
      [],
    );
    // A second scan reads each file's model once again, never more (a text seen twice may even keep its parse and model).
    const rescan = githubActionsModelsRead();
    await assessWorkspace(ROOT, { fs, workspaceRoot: ROOT, today: '2025-01-01' });
    assert.ok(githubActionsModelsRead() - rescan <= 4, `${githubActionsModelsRead() - rescan} models read on a rescan`);
  });
});

describe('format: the GitHub Actions model follows YAML aliases, for the rules and the evidence alike', () => {
  // GitHub reads anchors and aliases in workflows since 2025 (merge keys are rejected there).
  const text = [
    'on: [push, pull_request]', // 0
    'env:', // 1
    '  TEST: &test npm test', // 2
    'jobs:', // 3
    '  build: &build', // 4
    '    runs-on: ubuntu-latest', // 5
    '    steps: &steps', // 6
    '      - uses: actions/checkout@v4', // 7
    '      - run: npm ci', // 8
    '      - run: *test', // 9
    '  build-again: *build', // 10
    '  build-arm:', // 11
    '    runs-on: ubuntu-24.04-arm', // 12
    '    steps: *steps', // 13
    '',
  ].join('\n');

  it("reads aliased jobs, steps and scripts as their anchors, with the anchors' ranges", () => {
    const file = parseYamlFile(text);
    const model = githubActionsModelOf(file)!;
    assert.deepEqual(
      model.jobs.map((job) => [job.id, job.steps.map((step) => lineOf(file, step.map)), lineOf(file, job.steps[2]?.run)]),
      [
        ['build', [7, 8, 9], 2],
        ['build-again', [7, 8, 9], 2],
        ['build-arm', [7, 8, 9], 2],
      ],
    );
    assert.equal(model.jobs[1].map, model.jobs[0].map, 'the alias is the anchored map itself, not a copy');
  });

  it("gives the evidence's CI jobs the same commands and actions, at the anchors' lines", async () => {
    const { facts } = await collectFacts({
      fs: new TreeFileSystem(tree(ROOT, { '.github/workflows/ci.yml': text })),
      root: ROOT,
      workspaceRoot: ROOT,
      catalog: builtinSignalCatalog(),
    });
    const jobs = facts.ci.find((ci) => ci.path === `${ROOT}/.github/workflows/ci.yml`)?.jobs ?? [];
    assert.deepEqual(
      jobs.map((job) => [
        job.name,
        job.line,
        job.commands.map((command) => `${command.line}:${command.text}`),
        job.actions.map((action) => action.line),
      ]),
      [
        ['build', 4, ['8:npm ci', '2:npm test'], [7]],
        ['build-again', 10, ['8:npm ci', '2:npm test'], [7]],
        ['build-arm', 11, ['8:npm ci', '2:npm test'], [7]],
      ],
    );
  });

  it('reports a setting written once through an anchor once, where it is written, naming what shares it', () => {
    const analysis = githubActionsAnalyzer.analyze(text, { deploysWithKubernetes: false }, `${ROOT}/.github/workflows/ci.yml`);
    const at = (ruleId: string) =>
      analysis.findings
        .filter((finding) => finding.ruleId === ruleId)
        .map((finding) => [finding.range.start.line, finding.message ?? '', !!finding.fix]);
    // The checkout step is one line three jobs use: one finding there, saying so, and no fix (it would change all three).
    const checkout = at('gha/checkout-persist-credentials');
    assert.equal(checkout.length, 1, JSON.stringify(checkout));
    assert.equal(checkout[0][0], 7);
    assert.match(String(checkout[0][1]), /shared: 2 more places/);
    assert.equal(checkout[0][2], false);
    // `build-again` is `build` itself: its missing timeout is `build`'s, reported once, at `build`; `build-arm` is its own job.
    const timeouts = at('gha/job-timeout-minutes');
    assert.deepEqual(
      timeouts.map(([line]) => line),
      [4, 11],
    );
    assert.match(String(timeouts[0][1]), /also job "build-again"/);
  });

  it('does not merge `<<:` keys, which GitHub rejects: the rules and the evidence see the job as written', async () => {
    const merged =
      'on: push\njobs:\n  base: &base\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n  other:\n    <<: *base\n    name: Other\n';
    const model = githubActionsModelOf(parseYamlFile(merged))!;
    assert.deepEqual(
      model.jobs.map((job) => [job.id, job.steps.length]),
      [
        ['base', 1],
        ['other', 0],
      ],
    );
    const { facts } = await collectFacts({
      fs: new TreeFileSystem(tree(ROOT, { '.github/workflows/merged.yml': merged })),
      root: ROOT,
      workspaceRoot: ROOT,
      catalog: builtinSignalCatalog(),
    });
    const jobs = facts.ci.find((ci) => ci.path === `${ROOT}/.github/workflows/merged.yml`)?.jobs ?? [];
    assert.deepEqual(
      jobs.map((job) => [job.name, job.commands.length]),
      [
        ['base', 1],
        ['other', 0],
      ],
    );
  });
});
