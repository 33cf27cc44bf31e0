import fc from 'fast-check';
import { stringify } from 'yaml';
import { githubActionsAnalyzer } from '../../../../src/core/rules/github-actions';
import { GITHUB_ACTIONS_DETECTORS } from '../../../../src/core/rules/github-actions/detectors';
import { readWorkflow } from '../../../../src/core/rules/github-actions/workflow';
import { checkRobustness, mutatedText } from '../yaml/yamlPropertySupport';

/** Runs per property; raise it (PROPERTY_RUNS=3000) to hunt for rare cases. */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 150);

const script = fc.constantFrom(
  'make test',
  'npm ci && npm run build',
  'echo "${{ github.event.issue.title }}"',
  "echo '${{ github.head_ref }}' ${{ github.event.comment.body }}",
  'curl -fsSL https://get.example.com | sh',
  './deploy.sh',
  'npm publish',
  'gh pr checkout ${{ github.event.pull_request.number }}',
  'cat <<EOF\n${{ github.event.issue.body }}\nEOF\n',
  'Write-Output "${{ github.event.issue.title }}"\n',
);
const env = fc.dictionary(
  fc.constantFrom('ACTIONS_ALLOW_UNSECURE_COMMANDS', 'ISSUE_TITLE', 'NPM_TOKEN', 'CI'),
  fc.constantFrom<unknown>(true, 'true', 'x', '${{ secrets.X }}', '${{ github.event.issue.title }}', null),
  { maxKeys: 3 },
);
const step = fc.oneof(
  fc.record(
    {
      name: fc.constantFrom('Build', 'Deploy', 'Publish results'),
      run: script,
      env,
      shell: fc.constantFrom('bash', 'pwsh', 'cmd', 'python'),
    },
    { requiredKeys: ['run'] },
  ),
  fc.record(
    {
      uses: fc.constantFrom(
        'actions/checkout@v4',
        'octo/tool@v1',
        './local',
        'docker://alpine:3',
        'actions/github-script@v7',
        'softprops/action-gh-release@v2',
      ),
      with: fc.dictionary(
        fc.constantFrom('ref', 'persist-credentials', 'script', 'fetch-depth'),
        fc.constantFrom<unknown>('${{ github.event.pull_request.head.sha }}', false, 'console.log("${{ github.event.issue.title }}")', 0),
        { maxKeys: 2 },
      ),
      env,
    },
    { requiredKeys: ['uses'] },
  ),
);
const job = fc.record(
  {
    name: fc.constantFrom('Deploy staging', 'Build', 'Release'),
    'runs-on': fc.constantFrom<unknown>('ubuntu-latest', 'windows-latest', '${{ matrix.os }}', ['self-hosted', 'linux']),
    needs: fc.constantFrom('build', ['a', 'b']),
    permissions: fc.constantFrom<unknown>('write-all', { contents: 'read' }, {}),
    'timeout-minutes': fc.constant(10),
    environment: fc.constantFrom('production', null),
    concurrency: fc.constantFrom<unknown>('g', { group: 'g', 'cancel-in-progress': true }),
    env,
    container: fc.record({
      image: fc.constant('node:20'),
      credentials: fc.record({ username: fc.constant('u'), password: fc.constantFrom('pw123456', '${{ secrets.P }}') }),
      env,
    }),
    steps: fc.array(step, { maxLength: 4 }),
  },
  { requiredKeys: ['runs-on'] },
);
const workflow = fc.record(
  {
    name: fc.constant('ci'),
    on: fc.constantFrom<unknown>(
      'push',
      ['push', 'pull_request'],
      { pull_request_target: null },
      { workflow_run: { workflows: ['ci'] } },
      { schedule: [{ cron: '0 3 * * *' }] },
    ),
    permissions: fc.constantFrom<unknown>('write-all', { contents: 'read' }, 'read-all'),
    concurrency: fc.constantFrom<unknown>('grp', { group: 'grp' }, { group: 'grp', 'cancel-in-progress': false }),
    env,
    defaults: fc.constant({ run: { shell: 'bash' } }),
    jobs: fc.dictionary(fc.constantFrom('build', 'deploy', 'publish-pkg', 'test', 'lint'), job, { minKeys: 1, maxKeys: 3 }),
  },
  { requiredKeys: ['on', 'jobs'] },
);
const rendered = fc
  .tuple(workflow, fc.constantFrom(2, 4), fc.boolean(), fc.constantFrom<'block' | 'any'>('block', 'any'))
  .map(([value, indent, indentSeq, collectionStyle]) => stringify(value, { indent, indentSeq, collectionStyle, lineWidth: 0 }));

describe('github-actions properties', function () {
  // Each property re-analyses and fixes hundreds of files: more than the default per-test timeout on a busy machine.
  this.timeout(180_000);

  it('generated workflows: analysis never throws, ranges lie inside, fix-all keeps the file valid and is idempotent', () => {
    fc.assert(
      fc.property(rendered, (text) => checkRobustness(githubActionsAnalyzer, text, readWorkflow, GITHUB_ACTIONS_DETECTORS)),
      { numRuns: RUNS },
    );
  });

  it('mutated fixtures: the same holds for broken and odd YAML', () => {
    fc.assert(
      fc.property(mutatedText('github-actions'), (text) =>
        checkRobustness(githubActionsAnalyzer, text, readWorkflow, GITHUB_ACTIONS_DETECTORS),
      ),
      { numRuns: RUNS },
    );
  });

  it('arbitrary text never makes analysis throw', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) =>
        checkRobustness(githubActionsAnalyzer, text, readWorkflow, GITHUB_ACTIONS_DETECTORS),
      ),
      { numRuns: RUNS },
    );
  });
});
