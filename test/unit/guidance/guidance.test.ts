import { strict as assert } from 'node:assert';
import { parse } from 'yaml';
import { concernAtStage, hoverAt, stageAnalysis } from '../../../src/core/guidance/fileGuidance';
import { changedRegionEdit, fixAllPasses } from '../../../src/core/guidance/fixAllPasses';
import { inlineIgnoreEdit, isoDatePlusDays } from '../../../src/core/guidance/inlineIgnore';
import { builtinMatrix } from '../../../src/core/matrix/builtinMatrix';
import { analyzeFile } from '../../../src/core/rules/engine/analyzeFile';
import { builtinRuleCatalog } from '../../../src/core/rules/engine/ruleCatalog';
import { NO_WORKSPACE_FACTS } from '../../../src/core/rules/types';
import { parseStageFile } from '../../../src/core/stageFile/parseStageFile';
import { applyTextEdits } from '../../../src/core/text';
import { governingFrom } from '../../../src/core/workspace/stageResolution';
import { editorScanOf } from '../evidence/support/editorScan';
import type { Governing } from '../../../src/core/workspace/stageResolution';

const TODAY = '2026-11-25';

function governing(stageYaml: string): Governing {
  const matrix = builtinMatrix();
  const parsed = parseStageFile(stageYaml, { matrix, today: TODAY });
  return governingFrom({ path: '/w/.stage.yml', dir: '/w', text: stageYaml, config: parsed.config, problems: parsed.problems, matrix });
}

const DOCKERFILE = ['FROM node:latest', 'WORKDIR /app', '', 'ADD src ./src', 'CMD node src/server.js', ''].join('\n');

function guidanceOf(text: string, path: string, stageYaml: string) {
  const analysis = analyzeFile(path, text, NO_WORKSPACE_FACTS);
  assert.ok(analysis, `${path} is analysed`);
  return stageAnalysis(analysis, governing(stageYaml), builtinRuleCatalog(), path, TODAY);
}

describe('guidance: one file under its governing stage', () => {
  it('stages the same analysis differently per stage, without re-parsing', () => {
    const analysis = analyzeFile('/w/Dockerfile', DOCKERFILE, NO_WORKSPACE_FACTS)!;
    const severity = (stage: string, rule: string) =>
      stageAnalysis(analysis, governing(`stage: ${stage}\n`), builtinRuleCatalog(), '/w/Dockerfile', TODAY).staged.find(
        (s) => s.rule.id === rule,
      )?.severity;
    assert.equal(severity('mvp', 'docker/non-root-user'), 'info');
    assert.equal(severity('production', 'docker/non-root-user'), 'warning');
    assert.equal(severity('prototype', 'docker/non-root-user'), undefined);
  });

  it('hovers FROM with the concern at this stage and the next, and the findings of that line', () => {
    const hover = hoverAt(guidanceOf(DOCKERFILE, '/w/Dockerfile', 'stage: mvp\n'), { line: 0, character: 1 });
    assert.ok(hover);
    assert.ok(hover.findings.some((f) => f.rule.id === 'docker/base-image-tag'));
    const concern = hover.concerns.find((c) => c.concernId === 'testing-deployment');
    assert.ok(concern, JSON.stringify(hover.concerns.map((c) => c.concernId)));
    assert.equal(concern.text, 'Unit tests, Manual Deployment');
    assert.equal(concern.nextText, 'Automated tests, CI/CD pipelines');
  });

  it('hovers a Terraform resource header with what this stage asks of it, even when nothing is wrong yet', () => {
    const tf = 'resource "aws_db_instance" "main" {\n  engine = "postgres"\n}\n\nlocals {\n  name = "app"\n}\n';
    const hover = hoverAt(guidanceOf(tf, '/w/infra/main.tf', 'stage: mvp\n'), { line: 0, character: 12 });
    assert.ok(hover);
    assert.ok(
      hover.findings.length > 0 && hover.findings.every((f) => f.status !== 'due'),
      'the production rules are shown, not due at mvp',
    );
    assert.ok(hover.findings.some((f) => f.rule.id === 'tf/db-encrypted'));
    const concerns = hover.concerns.map((c) => c.concernId).sort();
    assert.deepEqual(concerns, ['database', 'fault-tolerance', 'monitoring-logging', 'security']);
    assert.equal(hoverAt(guidanceOf(tf, '/w/infra/main.tf', 'stage: mvp\n'), { line: 5, character: 3 }), undefined);
  });

  it('gives no hover on a line no rule or concern cares about', () => {
    assert.equal(hoverAt(guidanceOf(DOCKERFILE, '/w/Dockerfile', 'stage: mvp\n'), { line: 2, character: 0 }), undefined);
  });

  it("uses a per-concern override for the hover's stage and next stage", () => {
    const concern = concernAtStage(governing('stage: mvp\nconcerns:\n  security: scale\n'), 'security');
    assert.equal(concern.stage, 'scale');
    assert.equal(concern.nextStage, 'enterprise');
    assert.equal(concern.text, builtinMatrix().concerns.find((c) => c.id === 'security')!.cells.scale.text);
  });
});

describe('guidance: inline ignore comments', () => {
  it('inserts the directive above the line at its indentation, once', () => {
    const yaml = 'jobs:\n  build:\n    runs-on: ubuntu-latest\n';
    const edit = inlineIgnoreEdit('github-actions', yaml, 2, 'gha/job-timeout-minutes');
    assert.ok(edit);
    const after = applyTextEdits(yaml, [edit]);
    assert.equal(after, 'jobs:\n  build:\n    # stage-guide: ignore gha/job-timeout-minutes\n    runs-on: ubuntu-latest\n');
    assert.equal(inlineIgnoreEdit('github-actions', after, 3, 'gha/job-timeout-minutes'), undefined, 'idempotent');
    assert.deepEqual(parse(after), parse(yaml), 'the data is unchanged');
  });

  it('refuses to put a comment inside a multi-line script, where it would change the script', () => {
    const yaml = 'steps:\n  - run: |\n      echo one\n      curl https://x | sh\n';
    assert.equal(inlineIgnoreEdit('github-actions', yaml, 3, 'gha/curl-pipe-shell'), undefined);
  });

  it('suppresses the finding it was made for (Dockerfile)', () => {
    const before = guidanceOf(DOCKERFILE, '/w/Dockerfile', 'stage: mvp\n');
    const finding = before.staged.find((s) => s.rule.id === 'docker/add-instead-of-copy')!;
    const edit = inlineIgnoreEdit('dockerfile', DOCKERFILE, finding.finding.range.start.line, finding.rule.id)!;
    const after = guidanceOf(applyTextEdits(DOCKERFILE, [edit]), '/w/Dockerfile', 'stage: mvp\n');
    const silenced = after.staged.find((s) => s.rule.id === 'docker/add-instead-of-copy')!;
    assert.equal(silenced.suppressedBy, 'inline');
    assert.equal(silenced.severity, undefined);
  });

  it('suppresses the finding it was made for (Terraform), and offers no comment inside a heredoc', () => {
    const tf = [
      'resource "aws_db_instance" "main" {',
      '  backup_retention_period = 0',
      '}',
      'resource "aws_iam_policy" "admin" {',
      '  policy = <<EOF',
      '{ "Statement": [{ "Effect": "Allow", "Action": "*", "Resource": "*" }] }',
      'EOF',
      '}',
      '',
    ].join('\n');
    const before = guidanceOf(tf, '/w/infra/main.tf', 'stage: mvp\n');
    const finding = before.staged.find((s) => s.rule.id === 'tf/db-backups')!;
    assert.ok(finding.severity, 'due at mvp');
    const edit = inlineIgnoreEdit('terraform', tf, finding.finding.range.start.line, finding.rule.id)!;
    assert.equal(edit.newText, '  # stage-guide: ignore tf/db-backups\n');
    const after = guidanceOf(applyTextEdits(tf, [edit]), '/w/infra/main.tf', 'stage: mvp\n');
    assert.equal(after.staged.find((s) => s.rule.id === 'tf/db-backups')!.suppressedBy, 'inline');
    assert.equal(inlineIgnoreEdit('terraform', tf, 5, 'tf/iam-wildcard-admin'), undefined, 'inside the heredoc');
    assert.ok(inlineIgnoreEdit('terraform', tf, 4, 'tf/iam-wildcard-admin'), 'on the attribute that opens it');
  });

  it('computes waiver expiry dates across month and year ends', () => {
    assert.equal(isoDatePlusDays('2026-11-25', 90), '2027-02-23');
    assert.equal(isoDatePlusDays('2024-02-28', 1), '2024-02-29');
  });
});

describe('guidance: fix all, pass after pass', () => {
  it('fixes overlapping fixes in later passes and returns one edit of the changed region', () => {
    const manifest = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: api',
      '  namespace: shop',
      'spec:',
      '  replicas: 3',
      '  selector:',
      '    matchLabels: {app: api}',
      '  template:',
      '    metadata:',
      '      labels: {app: api}',
      '    spec:',
      '      containers:',
      '        - name: api # the only container',
      '          image: shop/api:1.4.2',
      '',
    ].join('\n');
    const gov = governing('stage: production\n');
    const outcome = fixAllPasses('/w/deploy.yaml', manifest, gov, NO_WORKSPACE_FACTS, builtinRuleCatalog(), TODAY);
    assert.equal(outcome.edits.length, 1);
    const fixed = applyTextEdits(manifest, outcome.edits);
    assert.ok(fixed.includes('# the only container'), 'comments survive');
    const remaining = stageAnalysis(
      analyzeFile('/w/deploy.yaml', fixed, NO_WORKSPACE_FACTS)!,
      gov,
      builtinRuleCatalog(),
      '/w/deploy.yaml',
      TODAY,
    ).staged.filter((s) => s.severity !== undefined && s.finding.fix);
    assert.deepEqual(
      remaining.map((s) => s.rule.id),
      [],
      'nothing fixable is left',
    );
    assert.ok(outcome.fixedCount >= 3, `fixed ${outcome.fixedCount}`);
    assert.deepEqual(
      fixAllPasses('/w/deploy.yaml', fixed, gov, NO_WORKSPACE_FACTS, builtinRuleCatalog(), TODAY).edits,
      [],
      'a second run changes nothing',
    );
  });

  it('describes a change by its smallest region', () => {
    const edit = changedRegionEdit('a\nbcd\ne\n', 'a\nbXd\ne\n');
    assert.deepEqual(edit, { range: { start: { line: 1, character: 1 }, end: { line: 1, character: 2 } }, newText: 'X' });
  });
});

describe('guidance: workspace facts (the scan the editor and check run)', () => {
  const DOCKERFILE_PATH = '/repo/Dockerfile';
  /** Whether the Dockerfile beside these YAML files is analysed as deployed with Kubernetes. */
  async function deploysWithKubernetes(...texts: string[]): Promise<boolean> {
    const files = texts.map((text, index) => ({ path: `/repo/k8s/f${index}.yaml`, text }));
    const scan = await editorScanOf([...files, { path: DOCKERFILE_PATH, text: DOCKERFILE }], '/repo');
    return scan.factsFor(DOCKERFILE_PATH).deploysWithKubernetes;
  }

  it('recognises Kubernetes workloads, not other objects or other YAML', async () => {
    assert.equal(await deploysWithKubernetes('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\n'), true);
    assert.equal(await deploysWithKubernetes('apiVersion: v1\nkind: Service\nmetadata: {name: a}\n'), false);
    assert.equal(await deploysWithKubernetes('services:\n  api:\n    image: x\n'), false);
    // Anything that makes Kubernetes run pods: Kubernetes ignores a Dockerfile's HEALTHCHECK in batch pods and bare pods too.
    assert.equal(await deploysWithKubernetes('a: 1\n', '---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\n'), true);
    assert.equal(await deploysWithKubernetes('a: 1\n', '---\napiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly}\n'), true);
    assert.equal(await deploysWithKubernetes('apiVersion: batch/v1\nkind: Job\nmetadata: {name: migrate}\n'), true);
    assert.equal(await deploysWithKubernetes('apiVersion: v1\nkind: Pod\nmetadata: {name: debug}\n'), true);
    assert.equal(await deploysWithKubernetes('apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: web}\n'), true);
    // The same kinds under another API group are someone else's resources, not pods Kubernetes runs.
    assert.equal(await deploysWithKubernetes('apiVersion: example.com/v1\nkind: Job\nmetadata: {name: x}\n'), false);
    assert.equal(await deploysWithKubernetes(), false);
  });

  it("judges the repository's CI workflows together, following a local reusable workflow", async () => {
    const ci = {
      path: '/repo/.github/workflows/ci.yml',
      text: 'on: [pull_request]\njobs:\n  tests:\n    uses: ./.github/workflows/tests.yml\n',
    };
    const tests = {
      path: '/repo/.github/workflows/tests.yml',
      text: 'on: workflow_call\njobs:\n  unit:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n',
    };
    const githubCiTests = async (...files: Array<{ path: string; text: string }>) =>
      (await editorScanOf(files, '/repo')).factsFor(ci.path).githubCiTests;
    assert.deepEqual(await githubCiTests(ci, tests), { verdict: 'runs', ciWorkflows: ['/repo/.github/workflows/ci.yml'] });
    assert.deepEqual(
      await githubCiTests(ci),
      { verdict: 'unknown', ciWorkflows: ['/repo/.github/workflows/ci.yml'] },
      'a called workflow that was not read may run them',
    );
    const echo = { ...tests, text: tests.text.replace('make test', 'echo "run make test"') };
    assert.deepEqual(await githubCiTests(ci, echo), { verdict: 'none', ciWorkflows: ['/repo/.github/workflows/ci.yml'] });
  });
});
