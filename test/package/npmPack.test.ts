// The npm package a team installs: `npm pack` as a publisher runs it, then
// `npm install -g --prefix <temp> ./stage-guide-*.tgz --offline` (no registry: the CLI is one
// self-contained bundle with no runtime dependencies), then the installed `stage-guide` bin run
// on a copy of an example repository outside this one.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
  return spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 300_000 });
}

describe('the npm package (npm pack, then npm install -g from the tarball)', function () {
  this.timeout(300_000);
  let dir: string;
  let tarball: string;
  let packed: string[];

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stage-guide-pack-'));
    // prepack builds the bundles first.
    const pack = run(npm, ['pack', '--json', '--pack-destination', dir], repoRoot);
    assert.equal(pack.status, 0, pack.stderr);
    // The prepack build may print before npm's JSON, which starts on a line of its own.
    const json = pack.stdout.slice(pack.stdout.search(/^\[\s*$/m));
    const [result] = JSON.parse(json) as Array<{ filename: string; files: Array<{ path: string }> }>;
    tarball = path.join(dir, result.filename);
    packed = result.files.map((file) => file.path).sort();
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('carries the CLI bundle and the package documents — not the extension, source maps or sources', () => {
    // dist/fileWorker.js: the worker threads of `check --jobs N`, loaded from beside dist/cli.js.
    assert.deepEqual(packed, ['CHANGELOG.md', 'LICENSE', 'README.md', 'dist/cli.js', 'dist/fileWorker.js', 'package.json']);
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      bin: Record<string, string>;
    };
    // A runtime dependency would need the registry at install time; the bundle carries them all.
    assert.deepEqual(manifest.dependencies ?? {}, {}, 'no runtime dependencies: bundle them and list them as devDependencies');
    assert.equal(manifest.bin['stage-guide'], './dist/cli.js');
  });

  it('installs offline into a fresh prefix, and its stage-guide bin checks an example repository', () => {
    const prefix = path.join(dir, 'prefix');
    const cache = path.join(dir, 'npm-cache');
    // An empty cache and --offline: anything fetched from a registry would fail the install.
    const env = {
      ...process.env,
      npm_config_cache: cache,
      npm_config_offline: 'true',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
    };
    const install = run(npm, ['install', '--global', '--prefix', prefix, tarball], dir, env);
    assert.equal(install.status, 0, `${install.stdout}${install.stderr}`);

    const bin = path.join(prefix, 'bin', 'stage-guide');
    assert.ok(fs.existsSync(bin), `${bin} exists`);
    const version = run(bin, ['--version'], dir);
    assert.equal(
      version.stdout.trim(),
      (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version,
    );

    const example = path.join(dir, 'orders-api');
    fs.cpSync(path.join(repoRoot, 'examples', 'node-service-mvp'), example, { recursive: true });
    const check = run(bin, ['check', '--format', 'json'], example, { ...process.env, NO_COLOR: '1' });
    assert.equal(check.status, 1, `warnings are due, so exit 1 (--fail-on warning):\n${check.stderr}`);
    const report = JSON.parse(check.stdout) as {
      services: Array<{ stage: { id: string }; findings: Array<{ file: string; rule: string }> }>;
    };
    assert.equal(report.services[0].stage.id, 'mvp');
    assert.ok(
      report.services[0].findings.some((finding) => finding.file === 'compose.yaml' && finding.rule === 'compose/database-port-exposed'),
    );

    // The installed worker file: with a worker started for any service (the threshold lowered), the same report. A
    // build without it says so on stderr (and reads on one thread); a worker that could not load would leave files
    // reported unread, and the report would differ.
    const threaded = run(bin, ['check', '--format', 'json', '--jobs', '2'], example, {
      ...process.env,
      NO_COLOR: '1',
      STAGE_GUIDE_WORKERS_MIN_FILES: '1',
    });
    assert.equal(threaded.status, 1, threaded.stderr);
    assert.doesNotMatch(threaded.stderr, /no fileWorker\.js/, 'the installed package carries its worker file');
    assert.equal(threaded.stdout, check.stdout, 'check --jobs 2 from the installed package reports what one thread reports');

    const passing = run(bin, ['check', '--fail-on', 'none'], example, { ...process.env, NO_COLOR: '1' });
    assert.equal(passing.status, 0, passing.stderr);
    assert.match(passing.stdout, /compose\.yaml/);
  });
});
