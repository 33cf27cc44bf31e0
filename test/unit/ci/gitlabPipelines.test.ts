import * as assert from 'node:assert/strict';
import { gitlabCiFacts, gitlabFileContext, gitlabJobTestRun } from '../../../src/core/ci/gitlabCiTests';
import { jobLineage, jobScript, jobSetting } from '../../../src/core/ci/gitlabJobs';
import { gitlabPipelines } from '../../../src/core/ci/gitlabPipelines';
import { readGitlabCiModel } from '../../../src/core/format/ci/gitlabPipelineModel';
import type { GitlabCiFileModel } from '../../../src/core/format/ci/gitlabPipelineModel';
import { parseYamlFile } from '../../../src/core/rules/yaml/yamlSupport';

const REPO = '/repo';

function model(relative: string, text: string): GitlabCiFileModel {
  const read = readGitlabCiModel(parseYamlFile(text), `${REPO}/${relative}`);
  assert.ok(read, relative);
  return read;
}

/** Paths relative to the repository, for short assertions. */
function relative(paths: readonly string[]): string[] {
  return paths.map((path) => path.slice(REPO.length + 1));
}

const JOB = (name: string, script = 'make') => `${name}:\n  script: ${script}\n`;

describe('ci: GitLab pipelines as GitLab runs them (include: local)', () => {
  it('reads every form of include: the string short form, a list of strings, local: with or without a leading slash', () => {
    const files = [
      model('.gitlab-ci.yml', "include: '/.gitlab/ci/build.yml'\n"),
      model('.gitlab/ci/build.yml', 'include:\n  - .gitlab/ci/lint.yml\n  - local: ./.gitlab/ci/test.yml\n' + JOB('build')),
      model('.gitlab/ci/lint.yml', JOB('lint')),
      model('.gitlab/ci/test.yml', JOB('unit', 'npm test')),
    ];
    const [pipeline] = gitlabPipelines(files);
    assert.equal(pipeline.path, `${REPO}/.gitlab-ci.yml`);
    // The highest precedence first: the root, then later includes before earlier ones, a file before what it includes.
    assert.deepEqual(relative(pipeline.files), ['.gitlab-ci.yml', '.gitlab/ci/build.yml', '.gitlab/ci/test.yml', '.gitlab/ci/lint.yml']);
    assert.deepEqual(pipeline.unread, []);
  });

  it('expands wildcards against the files read: * within a folder, ** (and **.yml) below it too', () => {
    const files = [
      model('.gitlab-ci.yml', "include:\n  - local: '.gitlab/ci/*.yml'\n  - local: 'ci/**.yml'\n"),
      model('.gitlab/ci/a.yml', JOB('a')),
      model('.gitlab/ci/b.yml', JOB('b')),
      model('.gitlab/ci/nested/c.yml', JOB('c')),
      model('ci/d.gitlab-ci.yml', JOB('d')),
      model('ci/jobs/e.gitlab-ci.yml', JOB('e')),
    ];
    const [pipeline] = gitlabPipelines(files);
    assert.deepEqual(relative(pipeline.files).sort(), [
      '.gitlab-ci.yml',
      '.gitlab/ci/a.yml',
      '.gitlab/ci/b.yml',
      'ci/d.gitlab-ci.yml',
      'ci/jobs/e.gitlab-ci.yml',
    ]);
    assert.deepEqual(pipeline.unread, []);
  });

  it('says what it could not read: other projects, URLs, templates, components, variable paths, files not read', () => {
    const root = model(
      '.gitlab-ci.yml',
      [
        'include:',
        '  - project: acme/ci-templates',
        '    ref: v1.2.0',
        '    file: [/node.yml, /deploy.yml]',
        '  - remote: https://example.com/ci/base.yml',
        "  - 'https://example.com/ci/short.yml'",
        '  - template: Security/SAST.gitlab-ci.yml',
        '  - component: $CI_SERVER_FQDN/acme/components/lint@1.0.0',
        '  - local: .gitlab/ci/$CI_PIPELINE_SOURCE.yml',
        '  - local: ci/missing.yml',
        "  - local: 'templates/*.yml'",
        '',
      ].join('\n'),
    );
    const [pipeline] = gitlabPipelines([root]);
    assert.deepEqual(pipeline.unread, [
      'project acme/ci-templates:/node.yml,/deploy.yml',
      'remote https://example.com/ci/base.yml',
      'remote https://example.com/ci/short.yml',
      'template Security/SAST.gitlab-ci.yml',
      'component $CI_SERVER_FQDN/acme/components/lint@1.0.0',
      'local .gitlab/ci/$CI_PIPELINE_SOURCE.yml (a path with a variable)',
      'local ci/missing.yml, which was not read',
      'local templates/*.yml, which matches no file that was read',
    ]);
  });

  it('reads each file once, even when includes loop or repeat', () => {
    const files = [
      model('.gitlab-ci.yml', 'include:\n  - .gitlab/ci/a.yml\n  - .gitlab/ci/b.yml\n'),
      model('.gitlab/ci/a.yml', 'include: .gitlab/ci/b.yml\n' + JOB('a')),
      model('.gitlab/ci/b.yml', 'include: .gitlab/ci/a.yml\n' + JOB('b')),
    ];
    const [pipeline] = gitlabPipelines(files);
    assert.deepEqual(relative(pipeline.files).sort(), ['.gitlab-ci.yml', '.gitlab/ci/a.yml', '.gitlab/ci/b.yml']);
  });

  it("reads 150 included files, and says the pipeline is partly unknown past GitLab's limit of 150 includes", () => {
    const included = (count: number) => Array.from({ length: count }, (_, index) => `ci/job-${String(index).padStart(3, '0')}.yml`);
    const filesOf = (count: number) => [
      model(
        '.gitlab-ci.yml',
        `include:\n${included(count)
          .map((path) => `  - local: ${path}\n`)
          .join('')}`,
      ),
      ...included(count).map((path, index) => model(path, JOB(`job${index}`, 'make build'))),
    ];
    const pipelineOf = (count: number) => gitlabPipelines(filesOf(count))[0];
    const atLimit = pipelineOf(150);
    assert.equal(atLimit.files.length, 151);
    assert.deepEqual(atLimit.unread, []);
    const past = pipelineOf(153);
    assert.equal(past.files.length, 151);
    assert.ok(!relative(past.files).includes('ci/job-150.yml'));
    assert.deepEqual(past.unread, ["3 more local files, past GitLab's limit of 150 includes a pipeline"]);
    // No job read runs the tests: none at the limit, unknown past it (a job not read may).
    assert.deepEqual(
      [filesOf(150), filesOf(153)].map((files) => gitlabCiFacts(files).pipelines.map((pipeline) => pipeline.tests)),
      [['none'], ['unknown']],
    );
  });

  it('resolves local includes from the folder of the .gitlab-ci.yml that starts the pipeline', () => {
    const files = [
      model('services/api/.gitlab-ci.yml', 'include: /ci/test.yml\n'),
      model('services/api/ci/test.yml', JOB('unit', 'npm test')),
      model('ci/test.yml', JOB('other', 'npm test')),
    ];
    const [pipeline] = gitlabPipelines(files);
    assert.deepEqual(relative(pipeline.files), ['services/api/.gitlab-ci.yml', 'services/api/ci/test.yml']);
  });
});

describe('ci: GitLab jobs across the files of a pipeline', () => {
  const files = [
    model(
      '.gitlab-ci.yml',
      'default:\n  interruptible: true\n  before_script:\n    - ./setup.sh\ninclude: .gitlab/ci/*.yml\nunit:\n  artifacts:\n    expire_in: 3 days\n',
    ),
    model(
      '.gitlab/ci/templates.yml',
      '.node:\n  image: node:20\n  artifacts:\n    expire_in: 1 week\n.run-tests:\n  script:\n    - npm ci\n    - npm test\n.opt-out:\n  inherit:\n    default: [image]\n',
    ),
    model(
      '.gitlab/ci/test.yml',
      'unit:\n  extends: [.node, .opt-out]\n  script:\n    - !reference [.run-tests, script]\n  artifacts:\n    paths: [reports/]\npackage:\n  extends: .from-nowhere\n  script: ./package.sh\n',
    ),
  ];
  const facts = gitlabCiFacts(files);
  const table = gitlabFileContext(files[2], facts).table;

  it('follows extends: into another file, and merges a job defined in two files (the including file wins)', () => {
    const lineage = jobLineage(table, 'unit');
    assert.equal(lineage.complete, true);
    assert.deepEqual(
      lineage.sections.map((at) => at.path.slice(REPO.length + 1)),
      ['.gitlab-ci.yml', '.gitlab/ci/test.yml', '.gitlab/ci/templates.yml', '.gitlab/ci/templates.yml'],
    );
    assert.equal(jobSetting(table, 'unit', 'artifacts.expire_in')?.value, '3 days', 'the root file overrides the template');
    assert.equal(jobSetting(table, 'unit', 'image')?.value, 'node:20');
    const missing = jobLineage(table, 'package');
    assert.deepEqual([missing.complete, missing.missing], [false, '.from-nowhere']);
  });

  it('takes default: from the including file, unless inherit: default: says otherwise', () => {
    assert.equal(jobSetting(table, 'package', 'interruptible')?.value, 'true');
    assert.equal(jobSetting(table, 'unit', 'interruptible'), undefined, 'inherit: default: [image] keeps only image');
    assert.deepEqual(
      jobScript(table, 'package', 'before_script').lines.map((line) => line.text),
      ['./setup.sh'],
    );
    assert.deepEqual(jobScript(table, 'unit', 'before_script').lines, []);
  });

  it('follows !reference [job, script] into another file; a reference it cannot follow is unknown, not empty', () => {
    const script = jobScript(table, 'unit', 'script');
    assert.deepEqual(
      script.lines.map((line) => `${line.path.slice(REPO.length + 1)}:${line.line}:${line.text}`),
      ['.gitlab/ci/templates.yml:6:npm ci', '.gitlab/ci/templates.yml:7:npm test'],
    );
    const alone = gitlabFileContext(files[2], undefined).table;
    assert.equal(jobScript(alone, 'unit', 'script').unknown, '!reference [.run-tests, script]');
  });

  it('a job runs the tests through a reference; one with a template not read is unknown', () => {
    assert.deepEqual(gitlabJobTestRun(table, 'unit'), {
      kind: 'runs',
      run: { path: `${REPO}/.gitlab/ci/templates.yml`, line: 7, detail: 'runs `npm test`' },
    });
    assert.deepEqual(gitlabJobTestRun(table, 'package'), { kind: 'unknown', reason: 'package extends .from-nowhere, which was not read' });
  });
});

describe('ci: GitLab jobs of a pipeline not read in full', () => {
  it('a job with nothing to run overrides a job of a file not read (a component or template job given other rules)', () => {
    const root = model(
      '.gitlab-ci.yml',
      'include:\n  - component: $CI_SERVER_FQDN/components/sast/sast@3.4.0\nsast:\n  rules:\n    - if: $CI_MERGE_REQUEST_IID\n' +
        JOB('build') +
        '.template:\n  artifacts:\n    paths: [out/]\n',
    );
    const table = gitlabFileContext(root, gitlabCiFacts([root])).table;
    assert.deepEqual([jobLineage(table, 'sast').complete, jobLineage(table, 'sast').missing], [false, 'the rest of sast']);
    assert.equal(jobLineage(table, 'build').complete, true, 'a job with its own script is defined here');
    assert.equal(jobLineage(table, '.template').complete, true, 'templates are partial by nature');
  });
});

describe('ci: does the GitLab pipeline run the tests', () => {
  const verdict = (files: GitlabCiFileModel[]) => gitlabCiFacts(files).pipelines.map((pipeline) => pipeline.tests);

  it('runs: a job in an included file runs them, or publishes a JUnit report through a template', () => {
    assert.deepEqual(
      verdict([model('.gitlab-ci.yml', 'include: .gitlab/ci/test.yml\n'), model('.gitlab/ci/test.yml', JOB('unit', 'go test ./...'))]),
      ['runs'],
    );
    assert.deepEqual(
      verdict([
        model('.gitlab-ci.yml', 'include: .gitlab/ci/*.yml\ncheck:\n  extends: .junit\n  script: ./run-suite.sh\n'),
        model('.gitlab/ci/reports.yml', '.junit:\n  artifacts:\n    reports:\n      junit: report.xml\n'),
      ]),
      ['runs'],
    );
  });

  it('none: every file was read and no job runs them (an echoed test command runs nothing)', () => {
    assert.deepEqual(
      verdict([
        model('.gitlab-ci.yml', 'include: .gitlab/ci/build.yml\n' + JOB('lint', 'npm run lint')),
        model('.gitlab/ci/build.yml', JOB('build', '\'echo "npm test runs nightly"\'')),
      ]),
      ['none'],
    );
  });

  it('unknown, never none: an include that cannot be read, a child pipeline, a template not read', () => {
    assert.deepEqual(verdict([model('.gitlab-ci.yml', 'include:\n  - template: Auto-DevOps.gitlab-ci.yml\n' + JOB('build'))]), ['unknown']);
    assert.deepEqual(verdict([model('.gitlab-ci.yml', JOB('build') + 'api:\n  trigger:\n    include: services/api/ci.yml\n')]), [
      'unknown',
    ]);
    assert.deepEqual(verdict([model('.gitlab-ci.yml', 'build:\n  extends: .missing\n  script: make\n')]), ['unknown']);
  });

  it('judges each .gitlab-ci.yml as its own pipeline, and a fragment no pipeline includes as unknown context', () => {
    const facts = gitlabCiFacts([
      model('.gitlab-ci.yml', JOB('unit', 'npm test')),
      model('tools/.gitlab-ci.yml', JOB('build')),
      model('.gitlab/ci/orphan.yml', JOB('lint')),
    ]);
    assert.deepEqual(
      facts.pipelines.map((pipeline) => [pipeline.path.slice(REPO.length + 1), pipeline.tests]),
      [
        ['.gitlab-ci.yml', 'runs'],
        ['tools/.gitlab-ci.yml', 'none'],
      ],
    );
    const orphan = gitlabFileContext(facts.files.find((file) => file.path.endsWith('orphan.yml'))!, facts);
    assert.equal(orphan.pipeline, undefined);
    assert.equal(orphan.table.defaultsKnown, false);
  });
});
