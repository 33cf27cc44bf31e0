import * as assert from 'node:assert/strict';
import { analyzeFile } from '../../../../src/core/rules/engine/analyzeFile';
import { editorScanOf } from '../../evidence/support/editorScan';

const BUILD = {
  path: '/repo/.github/workflows/build.yml',
  text: 'on: [push, pull_request]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm run build\n',
};
const LINT = {
  path: '/repo/.github/workflows/lint.yml',
  text: 'on: [pull_request]\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm run lint\n',
};
const TEST = {
  path: '/repo/.github/workflows/test.yml',
  text: 'on: [push]\njobs:\n  unit:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n',
};

/** The rule's findings in `file`, analysed as the editor does: with the facts of the scan of the workspace `all` make. */
async function ruleFindings(file: { path: string; text: string }, all: Array<{ path: string; text: string }>): Promise<string[]> {
  const analysis = (await editorScanOf(all, '/repo')).analyze(file.path, file.text);
  return (analysis?.findings ?? [])
    .filter((finding) => finding.ruleId === 'gha/ci-runs-tests')
    .map((finding) => `${finding.range.start.line}:${finding.message}`);
}

describe('gha/ci-runs-tests: one finding for the repository', () => {
  it('reports once, in the first CI workflow by path, when no CI workflow runs the tests', async () => {
    const all = [LINT, BUILD];
    assert.deepEqual(await ruleFindings(BUILD, all), [
      "1:None of the repository's 2 CI workflows (build.yml, lint.yml) runs the tests; reported once, in the first of them.",
    ]);
    assert.deepEqual(await ruleFindings(LINT, all), [], 'the lint workflow is not asked on its own');
  });

  it('is quiet in every workflow when one of them runs the tests', async () => {
    const all = [LINT, BUILD, TEST];
    for (const file of all) assert.deepEqual(await ruleFindings(file, all), [], file.path);
  });

  it("a workflow analysed alone is the repository's only one", () => {
    const analysis = analyzeFile(BUILD.path, BUILD.text, { deploysWithKubernetes: false });
    assert.equal(analysis?.findings.filter((finding) => finding.ruleId === 'gha/ci-runs-tests').length, 1);
  });
});
