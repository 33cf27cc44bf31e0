import { strict as assert } from 'node:assert';
import { gitlabCiAnalyzer } from '../../../../src/core/rules/gitlab-ci';
import { analyze, applyRuleFixes, checkEachFix, checkFixAllIsIdempotent, findingsOf, readFixture } from '../yaml/ruleTestSupport';

interface FixCase {
  rule: string;
  /** Positive fixtures with a golden `<name>.fixed` holding the result of all this rule's fixes. */
  fixtures: string[];
  /** Data paths the fixes may change. */
  allowedPaths: string[];
}

const CASES: FixCase[] = [
  {
    rule: 'gitlab/debug-trace',
    fixtures: ['debug-trace/bad.yml'],
    allowedPaths: [
      'variables.CI_DEBUG_TRACE',
      'variables.CI_DEBUG_SERVICES',
      '*.variables',
      '*.variables.CI_DEBUG_TRACE',
      '*.variables.CI_DEBUG_SERVICES',
    ],
  },
  { rule: 'gitlab/deploy-environment', fixtures: ['deploy-environment/bad.yml'], allowedPaths: ['*.environment'] },
  { rule: 'gitlab/job-interruptible', fixtures: ['job-interruptible/bad.yml'], allowedPaths: ['*.interruptible'] },
  { rule: 'gitlab/artifacts-expire-in', fixtures: ['artifacts-expire-in/bad.yml'], allowedPaths: ['*.artifacts.expire_in'] },
];

describe('gitlab-ci fixes', () => {
  for (const { rule, fixtures, allowedPaths } of CASES) {
    describe(rule, () => {
      for (const fixture of fixtures) {
        it(`each fix in ${fixture} applies cleanly, removes its finding and changes only ${allowedPaths.join(', ')}`, () => {
          const text = readFixture('gitlab-ci', fixture);
          assert.ok(checkEachFix({ analyzer: gitlabCiAnalyzer, text, ruleId: rule, allowedPaths }) > 0, 'the fixture has no fix to check');
        });

        it(`all fixes in ${fixture} give ${`${fixture}.fixed`}, which has no finding left`, () => {
          const fixed = applyRuleFixes(gitlabCiAnalyzer, readFixture('gitlab-ci', fixture), rule);
          assert.equal(fixed, readFixture('gitlab-ci', `${fixture}.fixed`));
          assert.deepEqual(findingsOf(analyze(gitlabCiAnalyzer, fixed), rule), []);
        });
      }
    });
  }

  describe('fix-all', () => {
    const fixtures = [...new Set(CASES.flatMap((c) => c.fixtures)), 'kitchen-sink.yml'];
    for (const fixture of fixtures) {
      it(`applying every fix twice to ${fixture} changes nothing the second time`, () => {
        checkFixAllIsIdempotent(gitlabCiAnalyzer, readFixture('gitlab-ci', fixture));
      });
    }

    it('fixes every fixable finding of the kitchen sink in one pass', () => {
      const fixed = checkFixAllIsIdempotent(gitlabCiAnalyzer, readFixture('gitlab-ci', 'kitchen-sink.yml'));
      assert.equal(fixed, readFixture('gitlab-ci', 'kitchen-sink.fixed.yml'));
      assert.deepEqual(
        analyze(gitlabCiAnalyzer, fixed).findings.map((finding) => finding.ruleId),
        [],
      );
    });
  });
});
