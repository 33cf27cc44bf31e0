import { strict as assert } from 'node:assert';
import { gitlabCiAnalyzer } from '../../../../src/core/rules/gitlab-ci';
import { GITLAB_CI_DETECTORS } from '../../../../src/core/rules/gitlab-ci/detectors';
import { applyTextEdits } from '../../../../src/core/text';
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
    rule: 'gitlab/debug-trace',
    positive: {
      'debug-trace/bad.yml': [
        [2, 'CI_DEBUG_TRACE'],
        [7, 'CI_DEBUG_SERVICES'],
        [12, 'CI_DEBUG_TRACE'],
      ],
    },
    negative: ['debug-trace/good.yml'],
  },
  {
    rule: 'gitlab/secret-variables',
    positive: {
      'secret-variables/bad.yml': [
        [2, '"s3cr3t"'],
        [4, 'abcdef123456'],
        [8, 'glpat-1234567890'],
      ],
    },
    negative: ['secret-variables/good.yml'],
  },
  {
    rule: 'gitlab/image-tag',
    positive: {
      'image-tag/bad.yml': [
        [1, 'node'],
        [3, 'python:latest'],
        [5, 'postgres'],
        [8, 'ruby'],
        [11, 'redis:latest'],
        [15, 'alpine'],
      ],
    },
    negative: ['image-tag/good.yml'],
  },
  {
    rule: 'gitlab/untrusted-variable-in-eval',
    positive: {
      'untrusted-variable-in-eval/bad.yml': [
        [8, '$CI_MERGE_REQUEST_TITLE'],
        [9, '${CI_COMMIT_MESSAGE}'],
        [15, '$CI_COMMIT_REF_NAME'],
        [16, '$CI_MERGE_REQUEST_SOURCE_BRANCH_NAME'],
        [22, '$CI_COMMIT_TAG_MESSAGE'],
        [23, '${CI_MERGE_REQUEST_TITLE}'],
      ],
    },
    negative: ['untrusted-variable-in-eval/good.yml'],
  },
  {
    rule: 'gitlab/include-remote-integrity',
    positive: {
      'include-remote-integrity/bad.yml': [
        [2, 'https://gitlab.example.com/platform/ci-templates/-/raw/main/build.yml'],
        [3, "'https://example.com/shared/lint.gitlab-ci.yml'"],
      ],
    },
    negative: ['include-remote-integrity/good.yml'],
  },
  {
    rule: 'gitlab/include-project-ref',
    positive: {
      'include-project-ref/bad.yml': [
        [2, 'project'],
        [5, 'project'],
      ],
      'include-project-ref/bad-2.yml': [[2, 'project']],
    },
    negative: ['include-project-ref/good.yml'],
  },
  {
    rule: 'gitlab/curl-pipe-shell',
    positive: {
      'curl-pipe-shell/bad.yml': [
        [2, 'curl -fsSL https://get.example.com | sh'],
        [6, 'wget -qO- https://example.com/x.sh | bash'],
        [9, 'bash <(curl -s https://example.com/setup.sh)'],
        [10, 'curl -s https://example.com/report.sh | sh'],
      ],
    },
    negative: ['curl-pipe-shell/good.yml'],
  },
  {
    rule: 'gitlab/deploy-environment',
    positive: {
      'deploy-environment/bad.yml': [
        [5, 'deploy-production'],
        [8, 'deploy_staging'],
        [11, 'release'],
      ],
    },
    negative: ['deploy-environment/good.yml'],
  },
  {
    rule: 'gitlab/ci-runs-tests',
    positive: { 'ci-runs-tests/bad.yml': [[1, 'stages']] },
    negative: ['ci-runs-tests/good.yml', 'ci-runs-tests/good-2.yml', 'ci-runs-tests/good-3.yml'],
  },
  {
    rule: 'gitlab/job-interruptible',
    positive: {
      'job-interruptible/bad.yml': [
        [2, 'build'],
        [6, 'test'],
        [13, 'lint'],
      ],
    },
    negative: ['job-interruptible/good.yml', 'job-interruptible/good-2.yml'],
  },
  {
    rule: 'gitlab/artifacts-expire-in',
    positive: {
      'artifacts-expire-in/bad.yml': [
        [2, 'artifacts'],
        [6, 'artifacts'],
        [11, 'artifacts'],
        [15, 'artifacts'],
      ],
    },
    negative: ['artifacts-expire-in/good.yml'],
  },
];

describe('gitlab-ci rules', () => {
  for (const { rule, positive, negative } of CASES) {
    describe(rule, () => {
      for (const [fixture, expected] of Object.entries(positive)) {
        it(`reports ${expected.length} finding(s) in ${fixture}`, () => {
          const text = readFixture('gitlab-ci', fixture);
          assert.deepEqual(
            findingsOf(analyze(gitlabCiAnalyzer, text), rule).map((finding) => located(text, finding)),
            expected,
          );
        });
      }
      for (const fixture of negative) {
        it(`stays silent on ${fixture}`, () => {
          const text = readFixture('gitlab-ci', fixture);
          assert.deepEqual(
            findingsOf(analyze(gitlabCiAnalyzer, text), rule).map((finding) => located(text, finding)),
            [],
          );
        });
      }
    });
  }

  it('has a case for every rule', () => {
    const covered = new Set(CASES.map((c) => c.rule));
    assert.deepEqual(
      Object.keys(GITLAB_CI_DETECTORS).filter((id) => !covered.has(id)),
      [],
    );
  });

  describe('analysis', () => {
    it('reports nothing for YAML that is not a map, and parse problems for broken YAML', () => {
      assert.deepEqual(analyze(gitlabCiAnalyzer, '- a\n- b\n').findings, []);
      assert.ok(analyze(gitlabCiAnalyzer, 'test: [unclosed\n').parseProblems.length > 0);
    });

    it('anchors hovers on global, default and job keys', () => {
      const text =
        'image: node:20\ndefault:\n  interruptible: true\nvariables:\n  A: b\ntest:\n  script: npm test\n  timeout: 10m\n  environment: review\n';
      const anchors = analyze(gitlabCiAnalyzer, text).anchors.map(
        (anchor) => `${anchor.range.start.line + 1}:${anchor.concern}:${anchor.ruleIds.length}`,
      );
      assert.deepEqual(anchors, [
        '1:testing-deployment:1',
        '3:cost-efficiency:1',
        '4:security:2',
        '7:security:2',
        '7:testing-deployment:1',
        '8:cost-efficiency:0',
        '9:testing-deployment:1',
      ]);
    });

    it('reads the jobs after a `spec:` header document', () => {
      const text = 'spec:\n  inputs:\n    stage:\n      default: test\n---\nbuild:\n  image: node\n  script: make\n';
      assert.deepEqual(
        findingsOf(analyze(gitlabCiAnalyzer, text), 'gitlab/image-tag').map((finding) => located(text, finding)),
        [[7, 'node']],
      );
    });

    it('reads inline suppressions', () => {
      const text = '# stage-guide: ignore-file gitlab/ci-runs-tests\nbuild:\n  script: make\n';
      assert.deepEqual([...analyze(gitlabCiAnalyzer, text).suppressions.fileWide], ['gitlab/ci-runs-tests']);
    });

    it('reports jobs that take their settings from one template once, at the template, with the fix there when it changes no other job', () => {
      const jobs = ['lint', 'unit', 'e2e'].map((name) => `${name}:\n  <<: *defaults\n  script: make ${name}\n`).join('');
      const text = `.defaults: &defaults\n  image: node:20.14\n  tags: [docker]\n${jobs}package:\n  extends: .defaults\n  script: npm pack\n`;
      const [finding, ...others] = findingsOf(analyze(gitlabCiAnalyzer, text), 'gitlab/job-interruptible');
      assert.deepEqual(others, []);
      assert.deepEqual(located(text, finding), [1, '.defaults']);
      assert.equal(
        finding.message,
        '4 jobs that take their settings from `.defaults` (`lint`, `unit`, `e2e`, `package`) keep running when a newer pipeline supersedes them.',
      );
      assert.deepEqual(
        finding.related?.map((place) => place.line),
        [3, 6, 9, 12],
      );
      const fixed = applyTextEdits(text, finding.fix!.edits);
      assert.match(fixed, /^\.defaults: &defaults\n {2}image: node:20\.14\n {2}interruptible: true\n/);
      assert.deepEqual(findingsOf(analyze(gitlabCiAnalyzer, fixed), 'gitlab/job-interruptible'), []);
      // A deploy job merging the same defaults would become interruptible: no fix in the template then, and a job alone with its
      // template is reported at the job.
      const withDeploy = `${text}deploy:\n  <<: *defaults\n  stage: deploy\n  script: make deploy\n`;
      const [shared] = findingsOf(analyze(gitlabCiAnalyzer, withDeploy), 'gitlab/job-interruptible');
      assert.equal(shared.fix, undefined);
      const alone = '.defaults: &defaults\n  image: node:20.14\nlint:\n  <<: *defaults\n  script: make lint\n';
      assert.deepEqual(
        findingsOf(analyze(gitlabCiAnalyzer, alone), 'gitlab/job-interruptible').map((each) => located(alone, each)),
        [[3, 'lint']],
      );
    });
  });
});
