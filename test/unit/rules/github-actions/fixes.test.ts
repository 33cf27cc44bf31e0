import { strict as assert } from 'node:assert';
import { githubActionsAnalyzer } from '../../../../src/core/rules/github-actions';
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
    rule: 'gha/write-all-permissions',
    fixtures: ['write-all-permissions/bad.yml'],
    allowedPaths: ['permissions', 'jobs.*.permissions'],
  },
  {
    rule: 'gha/untrusted-expression-in-run',
    fixtures: ['untrusted-expression-in-run/bad.yml', 'untrusted-expression-in-run/bad-2.yml'],
    allowedPaths: ['jobs.*.steps.*.run', 'jobs.*.steps.*.env', 'jobs.*.steps.*.env.*'],
  },
  {
    rule: 'gha/input-expression-in-run',
    fixtures: ['input-expression-in-run/bad.yml', 'input-expression-in-run/bad-2.yml'],
    allowedPaths: [
      'jobs.*.steps.*.run',
      'jobs.*.steps.*.env',
      'jobs.*.steps.*.env.*',
      'runs.steps.*.run',
      'runs.steps.*.env',
      'runs.steps.*.env.*',
    ],
  },
  {
    rule: 'gha/unsecure-commands',
    fixtures: ['unsecure-commands/bad.yml'],
    allowedPaths: ['env.ACTIONS_ALLOW_UNSECURE_COMMANDS', 'jobs.*.env', 'jobs.*.steps.*.env'],
  },
  {
    rule: 'gha/deprecated-workflow-commands',
    fixtures: ['deprecated-workflow-commands/bad.yml'],
    allowedPaths: ['jobs.*.steps.*.run'],
  },
  {
    rule: 'gha/spoofable-bot-condition',
    fixtures: ['spoofable-bot-condition/bad.yml'],
    allowedPaths: ['jobs.*.if', 'jobs.*.steps.*.if'],
  },
  { rule: 'gha/top-level-permissions', fixtures: ['top-level-permissions/bad.yml'], allowedPaths: ['permissions'] },
  {
    rule: 'gha/checkout-persist-credentials',
    fixtures: ['checkout-persist-credentials/bad.yml'],
    allowedPaths: ['jobs.*.steps.*.with', 'jobs.*.steps.*.with.persist-credentials'],
  },
  { rule: 'gha/job-timeout-minutes', fixtures: ['job-timeout-minutes/bad.yml'], allowedPaths: ['jobs.*.timeout-minutes'] },
  { rule: 'gha/deploy-job-environment', fixtures: ['deploy-job-environment/bad.yml'], allowedPaths: ['jobs.*.environment'] },
  {
    rule: 'gha/concurrency-cancel-in-progress',
    fixtures: [
      'concurrency-cancel-in-progress/bad.yml',
      'concurrency-cancel-in-progress/bad-2.yml',
      'concurrency-cancel-in-progress/bad-3.yml',
    ],
    allowedPaths: ['concurrency', 'concurrency.cancel-in-progress'],
  },
];

describe('github-actions fixes', () => {
  for (const { rule, fixtures, allowedPaths } of CASES) {
    describe(rule, () => {
      for (const fixture of fixtures) {
        it(`each fix in ${fixture} applies cleanly, removes its finding and changes only ${allowedPaths.join(', ')}`, () => {
          const text = readFixture('github-actions', fixture);
          const checked = checkEachFix({ analyzer: githubActionsAnalyzer, text, ruleId: rule, allowedPaths });
          assert.ok(checked > 0, 'the fixture has no fix to check');
        });

        it(`all fixes in ${fixture} give ${`${fixture}.fixed`}, which has no fixable finding left`, () => {
          const fixed = applyRuleFixes(githubActionsAnalyzer, readFixture('github-actions', fixture), rule);
          assert.equal(fixed, readFixture('github-actions', `${fixture}.fixed`));
          assert.deepEqual(
            findingsOf(analyze(githubActionsAnalyzer, fixed), rule).filter((finding) => finding.fix),
            [],
          );
        });
      }
    });
  }

  describe('fix-all', () => {
    const fixtures = [...new Set(CASES.flatMap((c) => c.fixtures)), 'kitchen-sink.yml'];
    for (const fixture of fixtures) {
      it(`applying every fix twice to ${fixture} changes nothing the second time`, () => {
        checkFixAllIsIdempotent(githubActionsAnalyzer, readFixture('github-actions', fixture));
      });
    }

    it('fixes every fixable finding of the kitchen sink in one pass', () => {
      const fixed = checkFixAllIsIdempotent(githubActionsAnalyzer, readFixture('github-actions', 'kitchen-sink.yml'));
      assert.equal(fixed, readFixture('github-actions', 'kitchen-sink.fixed.yml'));
      const left = analyze(githubActionsAnalyzer, fixed).findings;
      assert.deepEqual(
        left.filter((finding) => finding.fix).map((finding) => finding.ruleId),
        [],
      );
      assert.deepEqual([...new Set(left.map((finding) => finding.ruleId))], ['gha/ci-runs-tests', 'gha/pin-github-owned-actions']);
    });
  });

  describe('untrusted expressions: where no fix is safe', () => {
    const noFix = (run: string, extra = '') => {
      const text = `on: issues\njobs:\n  a:\n    runs-on: ${extra || 'ubuntu-latest'}\n    steps:\n      - run: ${run}\n`;
      const findings = findingsOf(analyze(githubActionsAnalyzer, text), 'gha/untrusted-expression-in-run');
      assert.equal(findings.length, 1, text);
      return findings[0].fix;
    };

    it('offers none inside a here-document', () => {
      assert.equal(noFix('|\n          cat <<EOF\n          ${{ github.event.issue.title }}\n          EOF'), undefined);
    });

    it('offers none when the runner is chosen by expression', () => {
      assert.equal(noFix('echo ${{ github.event.issue.title }}', '${{ matrix.os }}'), undefined);
    });

    it('offers none for a cmd or python shell, or inside PowerShell single quotes', () => {
      const withShell = (shell: string, run: string) =>
        findingsOf(
          analyze(
            githubActionsAnalyzer,
            `on: issues\njobs:\n  a:\n    runs-on: windows-latest\n    steps:\n      - shell: ${shell}\n        run: ${run}\n`,
          ),
          'gha/untrusted-expression-in-run',
        )[0].fix;
      assert.equal(withShell('cmd', 'echo ${{ github.event.issue.title }}'), undefined);
      assert.equal(withShell('python', 'print("${{ github.event.issue.title }}")'), undefined);
      assert.equal(withShell('pwsh', "Write-Output '${{ github.event.issue.title }}'"), undefined);
      assert.notEqual(withShell('bash', "echo '${{ github.event.issue.title }}'"), undefined);
    });

    it('offers none for a YAML double-quoted script with escapes', () => {
      assert.equal(noFix('"echo \\"${{ github.event.issue.title }}\\""'), undefined);
    });

    it('escapes the replacement inside a YAML double-quoted script', () => {
      const text =
        'on: issues\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: "echo \'${{ github.event.issue.title }}\' done"\n';
      const fixed = checkFixAllIsIdempotent(githubActionsAnalyzer, text);
      assert.ok(fixed.includes('run: "echo \\"${ISSUE_TITLE}\\" done"'), fixed);
    });

    it('picks a variable name that does not shadow an existing one', () => {
      const text =
        'on: issues\nenv:\n  ISSUE_TITLE: fixed\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - name: s\n        run: echo "${{ github.event.issue.title }}"\n';
      const fixed = checkFixAllIsIdempotent(githubActionsAnalyzer, text);
      assert.ok(fixed.includes('ISSUE_TITLE_2: ${{ github.event.issue.title }}') && fixed.includes('echo "${ISSUE_TITLE_2}"'), fixed);
    });
  });
});
