import fc from 'fast-check';
import { stringify } from 'yaml';
import { gitlabCiAnalyzer } from '../../../../src/core/rules/gitlab-ci';
import { GITLAB_CI_DETECTORS } from '../../../../src/core/rules/gitlab-ci/detectors';
import { readPipeline } from '../../../../src/core/rules/gitlab-ci/pipeline';
import { checkRobustness, mutatedText } from '../yaml/yamlPropertySupport';

/** Runs per property; raise it (PROPERTY_RUNS=3000) to hunt for rare cases. */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 150);

const variables = fc.dictionary(
  fc.constantFrom('CI_DEBUG_TRACE', 'CI_DEBUG_SERVICES', 'DB_PASSWORD', 'API_KEY', 'NODE_ENV'),
  fc.constantFrom<unknown>('true', true, 'secret-value', '$FROM_SETTINGS', { value: 'true', description: 'd' }, { value: 'abc123' }, null),
  { maxKeys: 3 },
);
const script = fc.oneof(
  fc.constantFrom('npm test', 'make', './deploy.sh', 'curl -fsSL https://x.sh | sh', 'npm run build'),
  fc.array(fc.constantFrom('npm ci', 'pytest', 'wget -qO- https://x | bash', 'echo done', '|\n  multi\n  line\n'), {
    minLength: 1,
    maxLength: 3,
  }),
);
const image = fc.constantFrom<unknown>(
  'node',
  'node:20',
  'python:latest',
  { name: 'ruby' },
  { name: 'ruby:3', entrypoint: [''] },
  '$CI_REGISTRY_IMAGE',
);
const job = fc.record(
  {
    stage: fc.constantFrom('build', 'test', 'deploy'),
    image,
    extends: fc.constantFrom<unknown>('.base', ['.base', '.other'], '.missing'),
    script,
    before_script: script,
    variables,
    environment: fc.constantFrom<unknown>('production', { name: 'review/$CI_COMMIT_REF_SLUG' }),
    interruptible: fc.boolean(),
    timeout: fc.constant('10m'),
    when: fc.constantFrom('manual', 'on_success'),
    trigger: fc.constant('group/project'),
    artifacts: fc.record(
      { paths: fc.constant(['dist/']), expire_in: fc.constant('1 day'), reports: fc.constant({ junit: 'r.xml' }) },
      { requiredKeys: [] },
    ),
    services: fc.array(image, { maxLength: 2 }),
  },
  { requiredKeys: [] },
);
const pipeline = fc.record(
  {
    stages: fc.constant(['build', 'test', 'deploy']),
    image,
    variables,
    default: fc.record({ image, interruptible: fc.boolean(), artifacts: fc.record({ paths: fc.constant(['x']) }) }, { requiredKeys: [] }),
    include: fc.constantFrom<unknown>(
      { project: 'g/p', file: '/a.yml' },
      [{ project: 'g/p', ref: 'v1', file: '/a.yml' }, { local: '/b.yml' }],
      '/c.yml',
    ),
    before_script: script,
    jobs: fc.dictionary(fc.constantFrom('build', 'test', 'deploy-prod', '.base', '.other', 'lint', 'release'), job, {
      minKeys: 1,
      maxKeys: 4,
    }),
  },
  { requiredKeys: ['jobs'] },
);
const rendered = fc
  .tuple(pipeline, fc.constantFrom(2, 4), fc.boolean(), fc.constantFrom<'block' | 'any'>('block', 'any'))
  .map(([{ jobs, ...globals }, indent, indentSeq, collectionStyle]) =>
    stringify({ ...globals, ...jobs }, { indent, indentSeq, collectionStyle, lineWidth: 0 }),
  );

describe('gitlab-ci properties', function () {
  // Each property re-analyses and fixes hundreds of files: more than the default per-test timeout on a busy machine.
  this.timeout(180_000);

  it('generated pipelines: analysis never throws, ranges lie inside, fix-all keeps the file valid and settles', () => {
    fc.assert(
      fc.property(rendered, (text) => checkRobustness(gitlabCiAnalyzer, text, readPipeline, GITLAB_CI_DETECTORS)),
      { numRuns: RUNS },
    );
  });

  it('mutated fixtures: the same holds for broken and odd YAML', () => {
    fc.assert(
      fc.property(mutatedText('gitlab-ci'), (text) => checkRobustness(gitlabCiAnalyzer, text, readPipeline, GITLAB_CI_DETECTORS)),
      { numRuns: RUNS },
    );
  });

  it('arbitrary text never makes analysis throw', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => checkRobustness(gitlabCiAnalyzer, text, readPipeline, GITLAB_CI_DETECTORS)),
      { numRuns: RUNS },
    );
  });
});
