import assert from 'node:assert/strict';
import { join } from 'node:path';
import { check } from './support';

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
});
