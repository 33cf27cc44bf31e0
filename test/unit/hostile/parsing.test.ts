import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describeRun, prepareHostileCli, removeHostileCli, runCapped } from './cappedCli';
import type { CappedRun } from './cappedCli';
import { aliasBomb, jsonAliasBomb } from '../rules/yaml/hostileYaml';

/**
 * Issue 10 (parsing and CPU/memory): each reproduction as a small repository
 * generated at test time, run through the real CLI under the heap cap and the
 * deadline. Before the fixes these ran out of memory (alias bombs), never
 * finished (globs and regexes from file text) or printed "Maximum call stack
 * size exceeded".
 */
describe('hostile repositories: parsing, CPU and memory', function () {
  this.timeout(60000);
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'stage-guide-hostile-parsing-'));
    mkdirSync(join(root, '.git'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  before(prepareHostileCli);
  after(removeHostileCli);

  function write(relative: string, content: string | Buffer): void {
    mkdirSync(dirname(join(root, relative)), { recursive: true });
    writeFileSync(join(root, relative), content);
  }

  /** Ended by itself, with one of the CLI's own exit codes (0, 1 findings, 2 usage/problems), not a crash. */
  function assertEndedCleanly(run: CappedRun): void {
    assert.equal(run.timedOut, false, describeRun(run));
    assert.equal(run.signal, null, describeRun(run));
    assert.ok(run.status === 0 || run.status === 1 || run.status === 2, describeRun(run));
    assert.doesNotMatch(run.stderr, /heap out of memory|Maximum call stack size exceeded|RangeError|at .*\.ts:\d+/, describeRun(run));
  }

  it('alias bombs in a Kubernetes manifest and a package.json (360 bytes, 3.4 billion nodes expanded)', () => {
    write('.stage.yml', 'stage: mvp\n');
    write('k8s/k.yaml', aliasBomb('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n'));
    write('services/api/package.json', jsonAliasBomb());
    write('openapi.json', jsonAliasBomb());
    const run = runCapped(['check', root, '--format', 'json'], tmpdir());
    assertEndedCleanly(run);
  });

  it('check says which config file it could not judge (an alias bomb): located, in text, JSON and SARIF, and fails', () => {
    write('.stage.yml', 'stage: mvp\n');
    write('k8s/k.yaml', aliasBomb('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n'));
    const text = runCapped(['check', '.'], root);
    assertEndedCleanly(text);
    assert.equal(text.status, 1, describeRun(text));
    assert.match(
      text.stderr,
      /k8s\/k\.yaml:\d+:\d+ warning parse-problem Could not parse this file: Aliases in this document expand to too many nodes/,
      describeRun(text),
    );
    const json = runCapped(['check', '.', '--format', 'json'], root);
    assert.equal(json.status, 1, describeRun(json));
    const notifications = (
      JSON.parse(json.stdout) as { notifications: Array<{ code: string; file: string; line?: number; message: string }> }
    ).notifications;
    assert.deepEqual(
      notifications.map(({ code, file }) => ({ code, file })),
      [{ code: 'parse-problem', file: 'k8s/k.yaml' }],
    );
    assert.ok(notifications[0].line && notifications[0].line > 4, JSON.stringify(notifications));
    const sarif = runCapped(['check', '.', '--format', 'sarif'], root);
    const run = (
      JSON.parse(sarif.stdout) as {
        runs: Array<{
          invocations: Array<{
            toolExecutionNotifications: Array<{
              descriptor: { id: string };
              message: { text: string };
              locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }>;
            }>;
          }>;
        }>;
      }
    ).runs[0];
    const [notice] = run.invocations[0].toolExecutionNotifications;
    assert.equal(notice.descriptor.id, 'parse-problem');
    assert.equal(notice.locations[0].physicalLocation.artifactLocation.uri, 'k8s/k.yaml');
    assert.equal(notice.locations[0].physicalLocation.region?.startLine, notifications[0].line);
  });

  it('10,000 nested flow sequences and a 10,000-deep JSON object', () => {
    write('.stage.yml', 'stage: mvp\n');
    write('k8s/deep.yaml', `apiVersion: v1\nkind: ConfigMap\ndata: ${'['.repeat(10000)}${']'.repeat(10000)}\n`);
    write('package.json', `{"name": "x", "deep": ${'{"a":'.repeat(10000)}1${'}'.repeat(10000)}}\n`);
    const run = runCapped(['check', root, '--format', 'json'], tmpdir());
    assertEndedCleanly(run);
  });

  it('a .stage.yml nested 10,000 deep is an invalid-YAML problem in validate, not a stack overflow', () => {
    write('.stage.yml', `stage: ${'['.repeat(10000)}${']'.repeat(10000)}\n`);
    const run = runCapped(['validate', root], tmpdir());
    assertEndedCleanly(run);
    assert.match(run.stdout + run.stderr, /nests deeper than \d+ levels/, describeRun(run));
  });

  it('globs from the repository ("a*a*a*a*a*a*a*a*b" in ignore: and in a Dependabot directory) against 200-character names', () => {
    const long = 'a'.repeat(200);
    write('.stage.yml', 'stage: mvp\nignore:\n  - "a*a*a*a*a*a*a*a*b"\n  - "x/a*a*a*a*a*a*a*a*b/"\n');
    write(`${long}/${long}/Dockerfile`, 'FROM node:20\n');
    write(`services/${long}/.stage.yml`, 'stage: mvp\n');
    write(`services/${long}/package.json`, '{"name": "api"}\n');
    write(
      '.github/dependabot.yml',
      'version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: "/services/a*a*a*a*a*a*a*a*b"\n    schedule: { interval: weekly }\n',
    );
    const run = runCapped(['check', root, '--format', 'json'], tmpdir());
    assertEndedCleanly(run);
  });

  it('a 100 KB FROM line of "A${" and long lines in README, Makefile, requirements, Gemfile and Gradle files', () => {
    write('.stage.yml', 'stage: mvp\n');
    write('Dockerfile', `FROM ${'A${'.repeat(50000)}\nRUN apt-get install -y curl\n`);
    write('README.md', `#\t${'\t'.repeat(100000)}x\n`);
    write('Makefile', `a${'\t'.repeat(100000)}=\n`);
    write('requirements.txt', `s==-\t${'\t'.repeat(100000)}\t==h\n${'\t#'.repeat(50000)}\n`);
    write('Gemfile', `gem${'\t'.repeat(100000)}m"\n`);
    write('build.gradle', `ksp\t${'\t'.repeat(100000)}s\n`);
    write(
      '.github/workflows/ci.yml',
      `on: pull_request_target\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: git checkout ${'${{ '.repeat(30000)}\n`,
    );
    const run = runCapped(['check', root, '--format', 'json'], tmpdir());
    assertEndedCleanly(run);
  });

  it('a UTF-16 .stage.yml (with its BOM) is read as text: its stage, not "not a map"', () => {
    write('services/le/.stage.yml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('stage: production\n', 'utf16le')]));
    write('services/be/.stage.yml', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('stage: production\n', 'utf16le').swap16()]));
    write('services/bom/.stage.yml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('stage: production\n')]));
    const run = runCapped(['validate', root], tmpdir());
    assertEndedCleanly(run);
    assert.equal(run.status, 0, describeRun(run));
    assert.doesNotMatch(run.stdout, /must be a map|Invalid YAML/, describeRun(run));
  });

  it('set refuses an alias-bomb or too-deep .stage.yml with the reason, quickly, and leaves it as it was', () => {
    const bomb = `stage: mvp\n${aliasBomb()}`;
    write('.stage.yml', bomb);
    const run = runCapped(['set', 'production'], root);
    assertEndedCleanly(run);
    assert.equal(run.status, 1, describeRun(run));
    assert.match(run.stderr, /not changing \.stage\.yml: its aliases expand to too many nodes \(an alias bomb\?\)/, describeRun(run));
    assert.equal(readFileSync(join(root, '.stage.yml'), 'utf8'), bomb);
    const deep = `stage: mvp\nx: ${'['.repeat(10000)}${']'.repeat(10000)}\n`;
    write('.stage.yml', deep);
    const deepRun = runCapped(['set', 'production'], root);
    assertEndedCleanly(deepRun);
    assert.equal(deepRun.status, 1, describeRun(deepRun));
    assert.match(deepRun.stderr, /nests deeper than \d+ levels/, describeRun(deepRun));
    assert.equal(readFileSync(join(root, '.stage.yml'), 'utf8'), deep);
  });

  it('set refuses a UTF-16 .stage.yml (never rewritten as UTF-8) and keeps a UTF-8 BOM', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('stage: mvp # ours\n', 'utf16le')]);
    write('.stage.yml', utf16);
    const run = runCapped(['set', 'production'], root);
    assertEndedCleanly(run);
    assert.equal(run.status, 1, describeRun(run));
    assert.match(run.stderr, /UTF-16.*save it as UTF-8 first/, describeRun(run));
    assert.deepEqual(readFileSync(join(root, '.stage.yml')), utf16);
    write('.stage.yml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('stage: mvp # ours\n')]));
    const bom = runCapped(['set', 'production'], root);
    assert.equal(bom.status, 0, describeRun(bom));
    assert.deepEqual(
      readFileSync(join(root, '.stage.yml')),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('stage: production # ours\n')]),
    );
  });

  it('a 1 MB stage value and a value with a NUL get no "did you mean"', () => {
    write('.stage.yml', `stage: ${'m'.repeat(1024 * 1024)}\n`);
    const huge = runCapped(['validate', root], tmpdir());
    assertEndedCleanly(huge);
    assert.doesNotMatch(huge.stdout + huge.stderr, /Did you mean/, describeRun(huge));
    write('.stage.yml', 'stage: "mvp\\0"\n');
    const nul = runCapped(['validate', root], tmpdir());
    assertEndedCleanly(nul);
    assert.match(nul.stdout + nul.stderr, /Unknown stage/, describeRun(nul));
    assert.doesNotMatch(nul.stdout + nul.stderr, /Did you mean/, describeRun(nul));
  });
});
