import * as assert from 'node:assert/strict';
import { deploysIn, startsThrowawayClusterIn } from '../../../../src/core/ci/deployCommands';
import { analyzeFile, EDITOR_ANALYSIS } from '../../../../src/core/rules/engine/analyzeFile';
import { usesPinning } from '../../../../src/core/rules/github-actions/pinning';
import { stepShell } from '../../../../src/core/rules/github-actions/scriptExpressions';
import { actionName, allSteps, readWorkflow } from '../../../../src/core/rules/github-actions/workflow';
import { NO_WORKSPACE_FACTS } from '../../../../src/core/rules/types';
import { parseYamlFile, textMayHoldWord } from '../../../../src/core/rules/yaml/yamlSupport';

/**
 * What the GitHub Actions rules answer once and keep (per script, per `uses:` text, per job): an answer kept must
 * be the one asked again, never one about another text, flag or document version.
 */
describe('GitHub Actions answers kept between rules and analyses', () => {
  it('a script deploys or not by the throwaway cluster flag it is asked with, whichever is asked first', () => {
    const script = 'kubectl apply -f k8s/';
    assert.equal(deploysIn(script, true), false);
    assert.equal(deploysIn(script), true);
    assert.equal(deploysIn(script, true), false);
    const inKind = 'kind create cluster && kubectl apply -f k8s/';
    assert.equal(startsThrowawayClusterIn(inKind), true);
    assert.equal(deploysIn(inKind), false);
    assert.equal(deploysIn('kind create cluster && kubectl apply --context prod -f k8s/'), true);
    assert.equal(startsThrowawayClusterIn(script), false);
    assert.equal(deploysIn('npm publish'), true);
    assert.equal(deploysIn('npm test'), false);
  });

  it("a `uses:` text's pinning is that text's", () => {
    assert.deepEqual(usesPinning('actions/checkout@v4'), { pinned: false, githubOwned: true, ref: 'v4' });
    assert.deepEqual(usesPinning('some-org/action@v1'), { pinned: false, githubOwned: false, ref: 'v1' });
    assert.deepEqual(usesPinning('actions/checkout@v4'), { pinned: false, githubOwned: true, ref: 'v4' });
    assert.deepEqual(usesPinning(`actions/checkout@${'a'.repeat(40)}`), { pinned: true });
  });

  it("each step's action and the workflow's steps are its own document's", () => {
    const text = (action: string) =>
      `on: [push]\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ${action}\n      - uses: Actions/Checkout@v4\n`;
    for (const action of ['actions/setup-node@v4', 'Org/Deploy-Action@main']) {
      const workflow = readWorkflow(parseYamlFile(text(action)))!;
      assert.deepEqual(
        allSteps(workflow).map((step) => actionName(step.uses)),
        [action.slice(0, action.indexOf('@')).toLowerCase(), 'actions/checkout'],
      );
    }
  });

  it("a step's default shell is its own job's, in each version of the document", () => {
    const text = (runner: string) =>
      `on: [push]\njobs:\n  a:\n    runs-on: ${runner}\n    steps:\n      - run: echo a\n  b:\n    runs-on: ubuntu-latest\n    defaults: {run: {shell: pwsh}}\n    steps:\n      - run: echo b\n      - run: echo c\n        shell: bash\n`;
    const shells = (runner: string) => {
      const workflow = readWorkflow(parseYamlFile(text(runner)))!;
      return workflow.jobs.flatMap((job) => job.steps.map((step) => stepShell(workflow, step)));
    };
    assert.deepEqual(shells('ubuntu-latest'), ['posix', 'powershell', 'posix']);
    assert.deepEqual(shells('windows-latest'), ['powershell', 'powershell', 'posix']);
    assert.deepEqual(shells('${{ matrix.os }}'), [undefined, 'powershell', 'posix']);
  });

  it('a rare key is looked for only where the text may hold it, escapes included', () => {
    assert.equal(textMayHoldWord('env:\n  A: 1\n', 'ACTIONS_ALLOW_UNSECURE_COMMANDS'), false);
    assert.equal(textMayHoldWord('env:\n  ACTIONS_ALLOW_UNSECURE_COMMANDS: 1\n', 'ACTIONS_ALLOW_UNSECURE_COMMANDS'), true);
    for (const key of ['"ACTIONS_ALLOW_UNSECURE_\\x43OMMANDS"', '"ACTIONS_ALLOW_UNSECURE_\\u0043OMMANDS"']) {
      const text = `on: [push]\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo a\n        env:\n          ${key}: true\n`;
      const findings = analyzeFile('/repo/.github/workflows/ci.yml', text, NO_WORKSPACE_FACTS, EDITOR_ANALYSIS)!.findings;
      assert.deepEqual(
        findings.filter((finding) => finding.ruleId === 'gha/unsecure-commands').map((finding) => finding.range.start.line),
        [7],
        key,
      );
    }
  });
});
