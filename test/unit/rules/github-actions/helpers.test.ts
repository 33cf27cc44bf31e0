import { strict as assert } from 'node:assert';
import { usesPinning } from '../../../../src/core/rules/github-actions/pinning';
import { isDeployJob } from '../../../../src/core/rules/github-actions/jobs';
import { shellFamily, variableReplacement } from '../../../../src/core/rules/github-actions/scriptQuoting';
import { envNameFor, findUntrustedExpressions, untrustedReference } from '../../../../src/core/rules/github-actions/untrustedContexts';
import { readWorkflow } from '../../../../src/core/rules/github-actions/workflow';
import { parseYamlFile } from '../../../../src/core/rules/yaml/yamlSupport';

describe('github-actions helpers', () => {
  describe('untrusted contexts', () => {
    it('recognises attacker-controlled values', () => {
      for (const expression of [
        'github.event.issue.title',
        'github.event.pull_request.body',
        'github.event.comment.body',
        'github.event.review.body',
        'github.head_ref',
        'github.event.pull_request.head.ref',
        'github.event.head_commit.message',
        'github.event.commits[0].author.email',
        'github.event.workflow_run.head_branch',
        'github.event.pages[0].page_name',
      ]) {
        assert.equal(untrustedReference(` ${expression} `), expression);
      }
    });

    it('leaves trusted values alone', () => {
      for (const expression of [
        'github.sha',
        'github.event.issue.number',
        'github.event.pull_request.head.sha',
        'github.ref_name',
        'secrets.TOKEN',
        'inputs.title',
      ]) {
        assert.equal(untrustedReference(expression), undefined, expression);
      }
    });

    it('finds whole expressions with their offsets, including compound ones', () => {
      assert.deepEqual(findUntrustedExpressions("a ${{ github.sha }} b ${{ format('{0}', github.event.issue.title) }}"), [
        { index: 22, text: "${{ format('{0}', github.event.issue.title) }}", untrusted: 'github.event.issue.title' },
      ]);
    });

    it('names variables after the last two segments', () => {
      assert.equal(envNameFor('github.event.issue.title'), 'ISSUE_TITLE');
      assert.equal(envNameFor('github.head_ref'), 'HEAD_REF');
      assert.equal(envNameFor('github.event.commits[0].author.email'), 'AUTHOR_EMAIL');
      assert.equal(envNameFor('github.event.pages.*.page_name'), 'PAGES_PAGE_NAME');
    });
  });

  describe('script quoting', () => {
    const replace = (script: string, shell: 'posix' | 'powershell') => {
      const index = script.indexOf('${{');
      const end = script.indexOf('}}') + 2;
      const replacement = variableReplacement(script, index, end - index, 'X', shell);
      return replacement && script.slice(0, replacement.start) + replacement.text + script.slice(replacement.end);
    };

    it('keeps bash quoting intact', () => {
      assert.equal(replace('echo ${{ e }}', 'posix'), 'echo ${X}');
      assert.equal(replace('echo "a ${{ e }} b"', 'posix'), 'echo "a ${X} b"');
      assert.equal(replace("echo '${{ e }}'", 'posix'), 'echo "${X}"');
      assert.equal(replace("echo 'a ${{ e }} b'", 'posix'), `echo 'a '"\${X}"' b'`);
      assert.equal(replace('echo "it\'s" ${{ e }}', 'posix'), 'echo "it\'s" ${X}');
      assert.equal(replace("# don't\necho ${{ e }}", 'posix'), "# don't\necho ${X}");
      assert.equal(replace("echo \\' ${{ e }}", 'posix'), "echo \\' ${X}");
    });

    it('gives up on here-documents', () => {
      assert.equal(replace('cat <<EOF\n${{ e }}\nEOF', 'posix'), undefined);
      assert.equal(replace("cat <<-'EOF'\n${{ e }}\nEOF", 'posix'), undefined);
      assert.equal(replace('tr a b <<< "${{ e }}"', 'posix'), 'tr a b <<< "${X}"');
    });

    it('uses $env: in PowerShell, except in single quotes and here-strings', () => {
      assert.equal(replace('Write-Output "${{ e }}"', 'powershell'), 'Write-Output "${env:X}"');
      assert.equal(replace("Write-Output 'it''s' ${{ e }}", 'powershell'), "Write-Output 'it''s' ${env:X}");
      assert.equal(replace("Write-Output '${{ e }}'", 'powershell'), undefined);
      assert.equal(replace('$a = @"\n${{ e }}\n"@', 'powershell'), undefined);
    });

    it('knows which shells it can handle', () => {
      assert.equal(shellFamily('bash'), 'posix');
      assert.equal(shellFamily('sh -e {0}'), 'posix');
      assert.equal(shellFamily('pwsh'), 'powershell');
      assert.equal(shellFamily('powershell -command ". \'{0}\'"'), 'powershell');
      assert.equal(shellFamily('cmd'), undefined);
      assert.equal(shellFamily('python'), undefined);
    });
  });

  describe('usesPinning', () => {
    it('classifies references', () => {
      assert.deepEqual(usesPinning('actions/checkout@v4'), { pinned: false, githubOwned: true, ref: 'v4' });
      assert.deepEqual(usesPinning('github/codeql-action/init@v3'), { pinned: false, githubOwned: true, ref: 'v3' });
      assert.deepEqual(usesPinning('octo/act@main'), { pinned: false, githubOwned: false, ref: 'main' });
      assert.deepEqual(usesPinning('octo/act@' + 'a'.repeat(40)), { pinned: true });
      assert.deepEqual(usesPinning('./local'), { pinned: true });
      assert.deepEqual(usesPinning('docker://alpine@sha256:' + 'b'.repeat(64)), { pinned: true });
      assert.deepEqual(usesPinning('docker://alpine'), { pinned: false, githubOwned: false, ref: 'alpine' });
      assert.equal(usesPinning('no-ref'), undefined);
    });
  });

  describe('isDeployJob', () => {
    const jobs = (text: string) => readWorkflow(parseYamlFile(text))!.jobs;
    it('reads deploy actions and shipping commands — not job ids, step names, echoed text or build flags', () => {
      const text = [
        'on: push',
        'jobs:',
        '  release: {runs-on: x, steps: [{run: make}]}',
        '  build-and-release: {runs-on: x, steps: [{run: "docker build -t app . && echo deploy later"}]}',
        '  ship: {runs-on: x, steps: [{run: "make deploy ENV=prod"}]}',
        '  cloud: {runs-on: x, steps: [{run: "gcloud run deploy api --image x"}]}',
        '  scripted: {runs-on: x, steps: [{run: ./scripts/deploy-prod.sh}]}',
        '  local-action: {runs-on: x, steps: [{uses: ./.github/actions/deploy}]}',
        '  npm-build: {runs-on: x, steps: [{run: npm run build:release}]}',
        '  pages: {runs-on: x, steps: [{uses: actions/deploy-pages@v4}]}',
        '  chart: {runs-on: x, steps: [{run: helm upgrade app ./chart}]}',
        '  build: {runs-on: x, steps: [{name: Publish results, run: cargo build --release}]}',
        '  report: {runs-on: x, steps: [{uses: EnricoMi/publish-unit-test-result-action@v2}]}',
      ].join('\n');
      assert.deepEqual(
        jobs(text).map((job) => [job.id, isDeployJob(job)]),
        [
          ['release', false],
          ['build-and-release', false],
          ['ship', true],
          ['cloud', true],
          ['scripted', true],
          ['local-action', true],
          ['npm-build', false],
          ['pages', true],
          ['chart', true],
          ['build', false],
          ['report', false],
        ],
      );
    });
  });
});
