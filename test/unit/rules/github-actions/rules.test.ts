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
      // Through a workflow env, a step output, a job output, a matrix entry; and an action input that is code.
      'untrusted-expression-in-run/bad-2.yml': [
        [19, '${{ env.PR_TITLE }}'],
        [20, '${{ steps.names.outputs.branch }}'],
        [29, '${{ needs.meta.outputs.branch }}'],
        [29, '${{ matrix.label }}'],
        [32, '${{ github.event.pull_request.title }}'],
      ],
    },
    negative: ['untrusted-expression-in-run/good.yml', 'untrusted-expression-in-run/good-2.yml'],
  },
  {
    rule: 'gha/input-expression-in-run',
    positive: {
      // A composite action (action.yml).
      'input-expression-in-run/bad.yml': [
        [17, '${{ inputs.branch }}'],
        [18, '${{ inputs.message }}'],
      ],
      // A reusable workflow: the boolean input cannot carry code.
      'input-expression-in-run/bad-2.yml': [[17, '${{ inputs.version }}']],
    },
    negative: ['input-expression-in-run/good.yml', 'input-expression-in-run/good-2.yml', 'input-expression-in-run/good-3.yml'],
  },
  {
    rule: 'gha/untrusted-github-env',
    positive: {
      'untrusted-github-env/bad.yml': [
        [15, 'echo "PREVIEW_BRANCH=$BRANCH" >> "$GITHUB_ENV"'],
        [16, 'echo "TITLE=${{ github.event.pull_request.title }}" >> $GITHUB_ENV'],
        [19, 'echo "$TOOL_DIR" | tee -a "${GITHUB_PATH}"'],
        // Through a shell variable the script assigns from the title.
        [25, 'echo "SCOPE=$scope" >> "$GITHUB_ENV"'],
      ],
      // Read from a pull request's artifact in a workflow_run job; the job without an artifact is quiet.
      'untrusted-github-env/bad-2.yml': [
        [20, 'echo "PR_NUMBER=$(cat pr/number)" >> "$GITHUB_ENV"'],
        [21, 'cat pr/env >> "$GITHUB_ENV"'],
      ],
    },
    negative: ['untrusted-github-env/good.yml', 'untrusted-expression-in-run/good-2.yml'],
  },
  {
    rule: 'gha/deprecated-workflow-commands',
    positive: {
      'deprecated-workflow-commands/bad.yml': [
        [13, '"::set-output name=version::$VERSION"'],
        [14, '::save-state'],
        [15, '"::add-path::$HOME/.tool/bin"'],
        [16, '"::set-env name=CI_MODE::strict"'],
      ],
    },
    negative: ['deprecated-workflow-commands/good.yml'],
  },
  {
    rule: 'gha/deprecated-actions',
    positive: {
      'deprecated-actions/bad.yml': [
        [11, 'actions/checkout@v2'],
        [12, 'actions/setup-node@v3.8.1'],
        [13, 'actions-rs/toolchain@v1'],
        [16, 'actions/upload-artifact@v3'],
        [17, 'actions/create-release@v1'],
        [19, 'actions/upload-release-asset@v1'],
      ],
    },
    negative: ['deprecated-actions/good.yml'],
  },
  {
    rule: 'gha/privileged-artifact-download',
    positive: {
      'privileged-artifact-download/bad.yml': [
        [13, 'actions/download-artifact@v4'],
        [18, 'dawidd6/action-download-artifact@v6'],
        [22, 'gh run download'],
      ],
    },
    negative: ['privileged-artifact-download/good.yml', 'privileged-artifact-download/good-2.yml'],
  },
  {
    rule: 'gha/privileged-trigger-secrets',
    positive: {
      'privileged-trigger-secrets/bad-preview-deploy.yml': [
        [22, 'secrets.VERCEL_TOKEN'],
        [26, 'inherit'],
      ],
      'privileged-trigger-secrets/bad-workflow-run.yml': [[14, 'secrets.CODECOV_TOKEN']],
      'privileged-trigger-secrets/bad-oidc-deploy.yml': [[7, 'write']],
    },
    negative: [
      'privileged-trigger-secrets/good-oidc-environment.yml',
      'privileged-trigger-secrets/good-guarded.yml',
      'privileged-trigger-secrets/good-push-only.yml',
      'privileged-trigger-secrets/good-pull-request.yml',
    ],
  },
  {
    rule: 'gha/spoofable-bot-condition',
    positive: {
      'spoofable-bot-condition/bad.yml': [
        [9, "github.actor == 'dependabot[bot]'"],
        [12, "'renovate[bot]' == github.triggering_actor"],
      ],
    },
    negative: ['spoofable-bot-condition/good.yml', 'spoofable-bot-condition/good-2.yml'],
  },
  {
    rule: 'gha/container-image-tag',
    positive: {
      'container-image-tag/bad.yml': [
        [8, 'node'],
        [11, 'postgres:latest'],
        [15, 'redis'],
        [19, 'ghcr.io/acme/lint-tools:latest'],
      ],
    },
    negative: ['container-image-tag/good.yml'],
  },
  {
    rule: 'gha/secrets-inherit',
    positive: { 'secrets-inherit/bad.yml': [[10, 'inherit']] },
    negative: ['secrets-inherit/good.yml'],
  },
  {
    rule: 'gha/all-secrets-exposed',
    positive: {
      'all-secrets-exposed/bad.yml': [
        [11, 'toJSON(secrets)'],
        [14, 'toJson( secrets )'],
      ],
    },
    negative: ['all-secrets-exposed/good.yml'],
  },
  {
    rule: 'gha/broad-permissions',
    positive: {
      'broad-permissions/bad.yml': [
        [4, 'contents'],
        [18, 'read-all'],
      ],
    },
    negative: ['broad-permissions/good.yml', 'broad-permissions/good-2.yml', 'broad-permissions/good-3.yml'],
  },
  {
    rule: 'gha/self-hosted-runner-on-pull-request',
    positive: {
      'self-hosted-runner-on-pull-request/bad.yml': [
        [10, 'self-hosted'],
        [15, 'self-hosted'],
      ],
    },
    negative: ['self-hosted-runner-on-pull-request/good.yml'],
  },
  {
    rule: 'gha/cache-in-release-workflow',
    positive: {
      'cache-in-release-workflow/bad.yml': [
        [19, 'npm'],
        [20, 'actions/cache@v4'],
        [24, 'actions/setup-go@v5'],
        [31, 'Swatinem/rust-cache@v2'],
        [34, 'true'],
      ],
    },
    negative: ['cache-in-release-workflow/good.yml', 'cache-in-release-workflow/good-2.yml', 'cache-in-release-workflow/good-3.yml'],
  },
  {
    rule: 'gha/use-trusted-publishing',
    positive: {
      'use-trusted-publishing/bad.yml': [
        [16, '${{ secrets.PYPI_API_TOKEN }}'],
        [26, 'twine upload dist/*'],
        [34, 'npm publish --access public'],
        [41, 'python3 -m twine upload --skip-existing dist/*'],
      ],
    },
    negative: ['use-trusted-publishing/good.yml', 'cache-in-release-workflow/good-2.yml'],
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

  describe('composite actions', () => {
    it('judges only the step rules in a composite action', () => {
      const text = readFixture('github-actions', 'input-expression-in-run/bad.yml');
      const rules = new Set(analyze(githubActionsAnalyzer, text).findings.map((finding) => finding.ruleId));
      assert.deepEqual([...rules].sort(), [
        'gha/input-expression-in-run',
        'gha/pin-github-owned-actions',
        'gha/untrusted-expression-in-run',
      ]);
    });

    it('reports nothing in a JavaScript or Docker action', () => {
      assert.deepEqual(analyze(githubActionsAnalyzer, readFixture('github-actions', 'input-expression-in-run/good-3.yml')).findings, []);
    });
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
      // At one key, the concerns come in the order of the first rule (data/rules/github-actions.yml) anchoring each there.
      assert.deepEqual(anchors, [
        '3:security',
        '3:testing-deployment',
        '8:security',
        '8:cost-efficiency',
        '10:security',
        '10:testing-deployment',
        '12:security',
        '12:cost-efficiency',
        '13:security',
        '16:security',
        '16:testing-deployment',
      ]);
    });
  });
});
