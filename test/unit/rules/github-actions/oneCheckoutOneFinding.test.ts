import { strict as assert } from 'node:assert';
import { githubActionsAnalyzer } from '../../../../src/core/rules/github-actions';
import { analyze, located, readFixture } from '../yaml/ruleTestSupport';

/** Every finding of the checkout rules on a fixture, as "line rule". */
function checkoutFindings(name: string): string[] {
  const text = readFixture('github-actions', name);
  return analyze(githubActionsAnalyzer, text)
    .findings.filter((finding) => ['gha/pr-target-checkout-head', 'gha/checkout-persist-credentials'].includes(finding.ruleId))
    .map((finding) => `${located(text, finding)[0]} ${finding.ruleId}`);
}

describe('github-actions: one checkout step is one finding', () => {
  it('a fork checkout in a privileged workflow is reported once, by gha/pr-target-checkout-head, naming the persisted token', () => {
    assert.deepEqual(checkoutFindings('checkout-persist-credentials/good-pr-target.yml'), ['16 gha/pr-target-checkout-head']);
    const text = readFixture('github-actions', 'checkout-persist-credentials/good-pr-target.yml');
    const [finding] = analyze(githubActionsAnalyzer, text).findings.filter(
      (candidate) => candidate.ruleId === 'gha/pr-target-checkout-head',
    );
    assert.match(finding.message ?? '', /`actions\/checkout` also leaves that token in `\.git\/config`/);
  });

  it('each checkout step and each script that fetches the head once; ordinary checkouts keep their own finding', () => {
    assert.deepEqual(checkoutFindings('pr-target-checkout-head/bad.yml'), [
      '12 gha/pr-target-checkout-head',
      '15 gha/pr-target-checkout-head',
      '23 gha/pr-target-checkout-head',
    ]);
    // In a pull_request_target workflow, a checkout of the base branch is no pull request code: its token is its own finding.
    assert.deepEqual(checkoutFindings('pr-target-checkout-head/good-2.yml'), ['8 gha/checkout-persist-credentials']);
  });

  it('an explicit persist-credentials: false leaves the head checkout its finding, without the token sentence', () => {
    const text = readFixture('github-actions', 'checkout-persist-credentials/good-pr-target.yml').replace(
      '          ref: ${{ github.event.pull_request.head.sha }}\n',
      '          ref: ${{ github.event.pull_request.head.sha }}\n          persist-credentials: false\n',
    );
    const findings = analyze(githubActionsAnalyzer, text).findings.filter((finding) => finding.ruleId.startsWith('gha/pr-target'));
    assert.equal(findings.length, 1);
    assert.doesNotMatch(findings[0].message ?? '', /\.git\/config/);
  });
});
