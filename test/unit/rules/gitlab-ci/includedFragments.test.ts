import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceFactsFrom } from '../../../../src/core/guidance/workspaceFacts';
import { analyzeFile } from '../../../../src/core/rules/engine/analyzeFile';
import { NO_WORKSPACE_FACTS } from '../../../../src/core/rules/types';
import type { WorkspaceFacts } from '../../../../src/core/rules/types';

/**
 * GitLab CI files judged as part of the pipeline that includes them, through
 * the editor's workspace facts (the CLI builds the same facts from its scan:
 * test/unit/cli-check/gitlabIncludes.test.ts). Fixtures:
 * test/fixtures/workspaces/gitlab-includes/README.md.
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
function findings(name: string): string[] {
  const root = join(FIXTURES, name);
  const files = yamlFiles(root);
  const facts = workspaceFactsFrom(files);
  return files.flatMap((file) =>
    (analyzeFile(file.path, file.text, facts)?.findings ?? [])
      .filter((finding) => finding.ruleId.startsWith('gitlab/'))
      .map((finding) => `${file.path.slice(root.length + 1)}:${finding.range.start.line + 1} ${finding.ruleId}`),
  );
}

function analyzed(path: string, text: string, facts: WorkspaceFacts = NO_WORKSPACE_FACTS): string[] {
  return (analyzeFile(path, text, facts)?.findings ?? []).map((finding) => `${finding.range.start.line + 1} ${finding.ruleId}`);
}

describe('gitlab-ci: files a pipeline includes are judged as part of it', () => {
  it('a pipeline split across .gitlab/ci/ with templates, default: and !reference in other files: no finding', () => {
    assert.deepEqual(findings('split-pipeline'), []);
  });

  it('a split pipeline that runs no tests: one finding, on the .gitlab-ci.yml; a deploy job whose template has no environment', () => {
    assert.deepEqual(findings('split-no-tests').sort(), [
      '.gitlab-ci.yml:1 gitlab/ci-runs-tests',
      '.gitlab/ci/build.yml:1 gitlab/job-interruptible',
      '.gitlab/ci/deploy.yml:1 gitlab/deploy-environment',
      '.gitlab/ci/lint.yml:1 gitlab/job-interruptible',
    ]);
    const root = join(FIXTURES, 'split-no-tests');
    const rootFile = yamlFiles(root).find((file) => file.path.endsWith('.gitlab-ci.yml'))!;
    const [finding] = (analyzeFile(rootFile.path, rootFile.text, workspaceFactsFrom(yamlFiles(root)))?.findings ?? []).filter(
      (candidate) => candidate.ruleId === 'gitlab/ci-runs-tests',
    );
    assert.equal(
      finding.message,
      "None of this pipeline's jobs runs tests, in any of the 5 files it reads (.gitlab-ci.yml, templates.yml, lint.yml, build.yml, …).",
    );
  });

  it('a pipeline that also includes a template and another project: quiet where the unread part may decide', () => {
    assert.deepEqual(findings('outside-includes'), ['.gitlab/ci/build.yml:1 gitlab/job-interruptible']);
  });

  it('a .gitlab-ci.yml that only includes files is no longer "a pipeline without jobs": its included jobs are judged', () => {
    const facts = workspaceFactsFrom([
      { path: '/repo/.gitlab-ci.yml', text: "include: '.gitlab/ci/*.yml'\n" },
      { path: '/repo/.gitlab/ci/build.yml', text: 'build:\n  script: make\n' },
    ]);
    assert.deepEqual(analyzed('/repo/.gitlab-ci.yml', "include: '.gitlab/ci/*.yml'\n", facts), ['1 gitlab/ci-runs-tests']);
    const withTests = workspaceFactsFrom([
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
});
