import { strict as assert } from 'node:assert';
import { githubActionsAnalyzer } from '../../../../src/core/rules/github-actions';
import { GITHUB_ACTIONS_DETECTORS } from '../../../../src/core/rules/github-actions/detectors';
import { analyze, findingsOf, located, readFixture } from '../yaml/ruleTestSupport';

interface RuleCase {
  rule: string;
  /** Positive fixtures and the findings each must produce, as [line, covered text]. */
  positive: Record<string, Array<[number, string]>>;
  /** Fixtures on which the rule must stay silent. */
  negative: string[];
}

const CASES: RuleCase[] = [
  {
    rule: 'gha/write-all-permissions',
    positive: {
      'write-all-permissions/bad.yml': [
        [3, 'write-all'],
        [7, 'write-all'],
      ],
    },
    negative: ['write-all-permissions/good.yml'],
  },
  {
    rule: 'gha/untrusted-expression-in-run',
    positive: {
      'untrusted-expression-in-run/bad.yml': [
        [13, '${{ github.event.issue.title }}'],
        [14, '${{ github.event.issue.body }}'],
        [15, '${{ github.event.issue.title }}'],
        [16, '${{ github.head_ref }}'],
        [21, '${{ github.event.comment.body }}'],
        [25, '${{ github.event.comment.body }}'],
        [29, '${{ github.event.issue.title }}'],
      ],
    },
    negative: ['untrusted-expression-in-run/good.yml'],
  },
  {
    rule: 'gha/hardcoded-container-credentials',
    positive: {
      'hardcoded-container-credentials/bad.yml': [
        [9, 'hunter2hunter2'],
        [11, 'npm_abcdef123456'],
        [18, 's3cr3t-pass'],
      ],
    },
    negative: ['hardcoded-container-credentials/good.yml'],
  },
  {
    rule: 'gha/unsecure-commands',
    positive: {
      'unsecure-commands/bad.yml': [
        [3, 'ACTIONS_ALLOW_UNSECURE_COMMANDS'],
        [9, 'ACTIONS_ALLOW_UNSECURE_COMMANDS'],
        [13, 'ACTIONS_ALLOW_UNSECURE_COMMANDS'],
      ],
    },
    negative: ['unsecure-commands/good.yml'],
  },
  {
    rule: 'gha/top-level-permissions',
    positive: { 'top-level-permissions/bad.yml': [[3, 'on']] },
    negative: ['top-level-permissions/good.yml', 'top-level-permissions/good-2.yml'],
  },
  {
    rule: 'gha/pr-target-checkout-head',
    positive: {
      'pr-target-checkout-head/bad.yml': [
        [12, '${{ github.event.pull_request.head.sha }}'],
        // One finding per step: the script's later `git fetch` of the head is the same checkout.
        [15, 'gh pr checkout'],
        // `ref:` and `repository:` both name the head: one checkout step, one finding (on `ref:`).
        [23, '${{ github.event.pull_request.head.ref }}'],
      ],
    },
    negative: ['pr-target-checkout-head/good.yml', 'pr-target-checkout-head/good-2.yml'],
  },
  {
    rule: 'gha/pin-third-party-actions',
    positive: {
      'pin-third-party-actions/bad.yml': [
        [4, 'octo-org/shared/.github/workflows/ci.yml@main'],
        [8, 'octo-org/setup-tool@v2'],
        [9, 'docker://alpine:3.19'],
        [10, 'Some-Org/action@1234567'],
      ],
    },
    negative: ['pin-third-party-actions/good.yml'],
  },
  {
    rule: 'gha/pin-github-owned-actions',
    positive: {
      'pin-github-owned-actions/bad.yml': [
        [6, 'actions/checkout@v4'],
        [7, 'github/codeql-action/init@v3'],
      ],
    },
    negative: ['pin-github-owned-actions/good.yml', 'pin-third-party-actions/bad.yml'],
  },
  {
    rule: 'gha/checkout-persist-credentials',
    positive: {
      'checkout-persist-credentials/bad.yml': [
        [6, 'actions/checkout@v4'],
        [7, 'actions/checkout@v4'],
        [10, 'actions/checkout@v4'],
        [13, 'actions/checkout@v4'],
      ],
    },
    negative: ['checkout-persist-credentials/good.yml', 'checkout-persist-credentials/good-pr-target.yml'],
  },
  {
    rule: 'gha/curl-pipe-shell',
    positive: {
      'curl-pipe-shell/bad.yml': [
        [6, 'curl -fsSL https://get.example.com | sh'],
        [8, 'wget -qO- "https://example.com/install?x=1&y=2" | sudo bash'],
        [9, 'bash <(curl -s https://example.com/setup.sh)'],
        [10, 'curl -sSL https://example.com/long-installer.sh \\\n            | sh'],
      ],
    },
    negative: ['curl-pipe-shell/good.yml'],
  },
  {
    rule: 'gha/job-timeout-minutes',
    positive: {
      'job-timeout-minutes/bad.yml': [
        [3, 'build'],
        [7, 'lint'],
      ],
    },
    negative: ['job-timeout-minutes/good.yml'],
  },
  {
    rule: 'gha/ci-runs-tests',
    positive: { 'ci-runs-tests/bad.yml': [[2, 'jobs']] },
    negative: ['ci-runs-tests/good.yml', 'ci-runs-tests/good-2.yml', 'ci-runs-tests/good-3.yml'],
  },
  {
    rule: 'gha/deploy-job-environment',
    positive: {
      'deploy-job-environment/bad.yml': [
        [3, 'deploy'],
        [7, 'publish-package'],
        [11, 'ship'],
        [15, 'deploy-staging'],
      ],
    },
    negative: ['deploy-job-environment/good.yml'],
  },
  {
    rule: 'gha/concurrency-cancel-in-progress',
    positive: {
      'concurrency-cancel-in-progress/bad.yml': [[2, 'on']],
      'concurrency-cancel-in-progress/bad-2.yml': [[2, 'concurrency']],
      'concurrency-cancel-in-progress/bad-3.yml': [[2, 'concurrency']],
    },
    negative: [
      'concurrency-cancel-in-progress/good.yml',
      'concurrency-cancel-in-progress/good-2.yml',
      'concurrency-cancel-in-progress/good-3.yml',
    ],
  },
];

describe('github-actions rules', () => {
  for (const { rule, positive, negative } of CASES) {
    describe(rule, () => {
      for (const [fixture, expected] of Object.entries(positive)) {
        it(`reports ${expected.length} finding(s) in ${fixture}`, () => {
          const text = readFixture('github-actions', fixture);
          const actual = findingsOf(analyze(githubActionsAnalyzer, text), rule).map((finding) => located(text, finding));
          assert.deepEqual(actual, expected);
        });
      }
      for (const fixture of negative) {
        it(`stays silent on ${fixture}`, () => {
          const text = readFixture('github-actions', fixture);
          assert.deepEqual(
            findingsOf(analyze(githubActionsAnalyzer, text), rule).map((finding) => located(text, finding)),
            [],
          );
        });
      }
    });
  }

  it('has a case for every rule', () => {
    const covered = new Set(CASES.map((c) => c.rule));
    assert.deepEqual(
      Object.keys(GITHUB_ACTIONS_DETECTORS).filter((id) => !covered.has(id)),
      [],
    );
  });

  describe('analysis', () => {
    it('reports nothing but parse problems for YAML that is not a workflow map', () => {
      const analysis = analyze(githubActionsAnalyzer, '- just\n- a list\n');
      assert.deepEqual(analysis.findings, []);
      assert.deepEqual(analysis.anchors, []);
      assert.equal(analyze(githubActionsAnalyzer, 'on: [push\n').parseProblems.length > 0, true);
    });

    it('keeps findings but drops fixes while the file has YAML errors', () => {
      const text = 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n    bad: [unclosed\n';
      const analysis = analyze(githubActionsAnalyzer, text);
      assert.ok(analysis.parseProblems.length > 0);
      const timeouts = findingsOf(analysis, 'gha/job-timeout-minutes');
      assert.equal(timeouts.length, 1);
      assert.equal(timeouts[0].fix, undefined);
    });

    it('reads inline suppressions', () => {
      const text =
        'on: push\njobs:\n  # stage-guide: ignore gha/job-timeout-minutes\n  build:\n    runs-on: x\n    steps:\n      - run: make test\n';
      const analysis = analyze(githubActionsAnalyzer, text);
      assert.deepEqual([...(analysis.suppressions.byLine.get(3) ?? [])], ['gha/job-timeout-minutes']);
    });

    it('anchors hovers on the keys the rules care about', () => {
      const text = readFixture('github-actions', 'top-level-permissions/bad.yml');
      const anchors = analyze(githubActionsAnalyzer, text).anchors.map((anchor) => `${anchor.range.start.line + 1}:${anchor.concern}`);
      assert.deepEqual(anchors, [
        '3:testing-deployment',
        '3:security',
        '8:cost-efficiency',
        '10:security',
        '10:testing-deployment',
        '12:cost-efficiency',
        '13:security',
        '16:security',
        '16:testing-deployment',
      ]);
    });
  });
});
