import assert from 'node:assert/strict';
import { join } from 'node:path';
import { check } from './support';

/**
 * "Does CI run the tests?" through `stage-guide check` on small repositories
 * laid out like real ones (test/fixtures/workspaces/ci-tests/README.md): the
 * rule gha/ci-runs-tests and the evidence practice "Automated tests run in CI
 * on every push" come from the same decision, so they must agree on each.
 */
const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'workspaces', 'ci-tests');
const PRACTICE = 'testing-deployment/production/ci-tests-every-push';

interface JsonFinding {
  file: string;
  line: number;
  column: number;
  rule: string;
  message: string;
}

interface JsonPractice {
  id: string;
  status: string;
  evidence: Array<{ path?: string; file?: string; line?: number; detail?: string }>;
}

async function checkJson(name: string): Promise<{ findings: JsonFinding[]; practice: JsonPractice }> {
  const root = join(FIXTURES, name);
  const run = await check(root, '--root', root, '--format', 'json');
  const report = JSON.parse(run.out) as { services: Array<{ findings: JsonFinding[]; concerns: Array<{ practices: JsonPractice[] }> }> };
  assert.equal(report.services.length, 1, name);
  const [service] = report.services;
  const practice = service.concerns.flatMap((concern) => concern.practices).find((candidate) => candidate.id === PRACTICE);
  assert.ok(practice, `${name}: ${PRACTICE}`);
  return { findings: service.findings.filter((finding) => finding.rule === 'gha/ci-runs-tests'), practice };
}

describe('check: CI runs the tests (rule and evidence from the same facts)', () => {
  it('a ci.yml that calls a reusable tests.yml runs the tests: no finding, the practice is met at the command in tests.yml', async () => {
    const { findings, practice } = await checkJson('reusable-tests');
    assert.deepEqual(findings, [], 'the release workflow and the calling ci.yml are not asked to run tests themselves');
    assert.equal(practice.status, 'met');
    assert.match(JSON.stringify(practice.evidence), /\.github\/workflows\/tests\.yml/);
  });

  it('a lint-only workflow beside a test workflow, and a deploy workflow: no finding', async () => {
    const { findings, practice } = await checkJson('lint-beside-tests');
    assert.deepEqual(findings, []);
    assert.equal(practice.status, 'met');
    assert.match(JSON.stringify(practice.evidence), /\.github\/workflows\/test\.yml/);
  });

  it('tests run inside a composite action of the repository: no finding, the practice is met at the action', async () => {
    const { findings, practice } = await checkJson('composite-action');
    assert.deepEqual(findings, []);
    assert.equal(practice.status, 'met');
    assert.match(JSON.stringify(practice.evidence), /\.github\/actions\/run-suite\/action\.yml/);
  });

  it('tests reached only through YAML aliases (`run: *pytest`, `steps: *test-steps`): no finding, the practice is met at the anchor', async () => {
    const { findings, practice } = await checkJson('anchored-steps');
    assert.deepEqual(findings, []);
    assert.equal(practice.status, 'met');
    // The command is written once, in the workflow's env: the evidence points there, as the rules' ranges do.
    assert.match(JSON.stringify(practice.evidence), /\.github\/workflows\/ci\.yml/);
    assert.ok(
      practice.evidence.some((item) => item.line === 12),
      JSON.stringify(practice.evidence),
    );
  });

  it('CI that only builds, lints and echoes "npm test": one finding for the repository, on jobs: of the first CI workflow; the practice is missing', async () => {
    const { findings, practice } = await checkJson('no-tests');
    assert.deepEqual(
      findings.map((finding) => `${finding.file}:${finding.line}:${finding.column}`),
      ['.github/workflows/build.yml:11:1'],
      'reported once, not once per workflow (lint.yml is not asked on its own)',
    );
    assert.match(findings[0].message, /None of the repository's 2 CI workflows \(build\.yml, lint\.yml\) runs the tests/);
    assert.equal(practice.status, 'missing');
  });
});
