// `stage-guide check FILE…`, the pre-commit hook's mode (.pre-commit-hooks.yaml passes the
// staged files): the folder around them is assessed, the report keeps only their findings and
// the problems of a .stage.yml among them; no missing practices.
import { strict as assert } from 'node:assert';
import { rmSync } from 'node:fs';
import { check, workspace } from './support';

const STAGE_FILE = 'stage: mvp\n';
const COMPOSE = ['services:', '  api:', '    image: example/api:1.2.3', ''].join('\n');
const DOCKERFILE = ['FROM node:20.15-alpine', 'MAINTAINER someone@example.com', 'CMD ["node", "server.js"]', ''].join('\n');

interface JsonReport {
  summary: { errors: number; warnings: number; infos: number };
  services: Array<{
    findings: Array<{ file: string; rule: string }>;
    stageFileProblems: Array<{ code: string }>;
    concerns: Array<{ practices: Array<{ status: string }> }>;
  }>;
}

describe('check FILE… (files mode, for pre-commit)', () => {
  let root: string;
  beforeEach(() => {
    root = workspace({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.stage.yml': STAGE_FILE,
      'compose.yaml': COMPOSE,
      'api/Dockerfile': DOCKERFILE,
    });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('reports the findings of the named files only, and no missing practices', async () => {
    const whole = JSON.parse((await check(root, '--format', 'json')).out) as JsonReport;
    const wholeFiles = new Set(whole.services.flatMap((service) => service.findings.map((finding) => finding.file)));
    assert.ok(wholeFiles.has('compose.yaml') && wholeFiles.has('api/Dockerfile'), [...wholeFiles].join(', '));

    const run = await check(root, 'compose.yaml', '--format', 'json');
    const report = JSON.parse(run.out) as JsonReport;
    const files = new Set(report.services.flatMap((service) => service.findings.map((finding) => finding.file)));
    assert.deepEqual([...files], ['compose.yaml']);
    assert.equal(
      report.services
        .flatMap((service) => service.concerns.flatMap((concern) => concern.practices))
        .filter((practice) => practice.status === 'missing').length,
      0,
    );
    assert.equal(run.code, 1, 'compose/restart-policy is a warning due at MVP');
  });

  it('finds the .stage.yml above a file in a subfolder', async () => {
    const run = await check(root, 'api/Dockerfile', '--fail-on', 'error', '--format', 'json');
    const report = JSON.parse(run.out) as JsonReport & { services: Array<{ stage: { id: string } | null; stageFile: string | null }> };
    assert.equal(report.services[0].stage?.id, 'mvp');
    assert.equal(report.services[0].stageFile, '.stage.yml');
    const files = new Set(report.services.flatMap((service) => service.findings.map((finding) => finding.file)));
    assert.deepEqual([...files], ['api/Dockerfile']);
    assert.equal(run.code, 0, 'no error is due');
  });

  it("reports a staged .stage.yml's problems, and leaves them out when it is not named", async () => {
    rmSync(root, { recursive: true, force: true });
    root = workspace({ '.git/HEAD': 'ref: refs/heads/main\n', '.stage.yml': 'stage: mvpp\n', 'compose.yaml': COMPOSE });
    const named = JSON.parse((await check(root, '.stage.yml', 'compose.yaml', '--format', 'json')).out) as JsonReport;
    assert.ok(named.services[0].stageFileProblems.length > 0);
    const other = JSON.parse((await check(root, 'compose.yaml', '--format', 'json')).out) as JsonReport;
    assert.deepEqual(other.services[0].stageFileProblems, []);
  });

  it('refuses a folder among files, and a path that does not exist (usage error, exit 2)', async () => {
    const mixed = await check(root, 'compose.yaml', 'api');
    assert.equal(mixed.code, 2);
    assert.match(mixed.err, /api is a folder/);
    const missing = await check(root, 'nope.yml');
    assert.equal(missing.code, 2);
    assert.match(missing.err, /No such file or folder: nope\.yml/);
  });
});
